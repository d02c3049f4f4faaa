"""The ST7 models' arithmetic on numpy arrays: the numbers ``_model`` computes, bit for
bit, in a third of the time or less.

Counting a text's n-grams and weighing them against the vocabulary is most of ST7's
cost, and most of a whole check's (1.6 of 2.4 s per MB of news in pure Python, where
every n-gram is a string made, hashed and looked up).  Here an n-gram is an integer
built from its characters' or tokens' small ids, its row in the vocabulary is found
by array lookups (:class:`_CharView`, :class:`_TokenView`), and the rows are put in
the order the pure path's counter holds them (each at its first occurrence, all
1-grams, then 2-grams, ...).  The sums run in that order too, left to right
(``cumsum``, as ``_model._in_order`` adds), so the same terms give the same floats:
``tests/plugins/stylometry/test_vector.py`` holds both paths equal.

numpy is loaded only once a process has profiled :data:`AFTER_CHARS` characters
(:func:`engine`): importing it costs about 70 ms, a third of checking one article from
the shell, where the pure path is faster overall.  Without numpy the pure path
serves.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from wirelint import _forksafe
from wirelint_builtins.stylometry import _features, _ngrams
from wirelint_builtins.stylometry._model import _TF, NgramModels, _getter

if TYPE_CHECKING:
    import numpy as np

#: Tokens a view's vocabulary may hold: three ids of 21 bits fit a 64-bit key.
_MAX_TOKENS = (1 << 21) - 2
#: Entries of a token view's dense table of rows for one order (int16: 512 KB).
_DENSE = 1 << 18
#: Code points past this one share the character view's "other character" id.
_BMP = 0xFFFF
#: Characters profiled in this process before numpy is loaded (about 40 articles, or
#: the first 50,000 characters of one long text and a bit of another).
AFTER_CHARS = 64_000

_ORDERS = {"c": _ngrams.CHAR_ORDERS, "d": _ngrams.MASKED_ORDERS, "w": _ngrams.WORD_ORDERS}
_lock = _forksafe.Lock()
_profiled = 0


class _View:
    """One view's vocabulary: the idf and the weights by row (one array per model), and
    the step from a text's n-grams to their rows (:meth:`found`, per kind of view)."""

    def __init__(self, np_: Any, models: NgramModels, view: str) -> None:
        self.np = np_
        index = models.index[view]
        self.grams = sorted(index, key=index.__getitem__)
        self.idf = np_.array(models.idf[view], dtype=float)
        # one contiguous row of weights per model: gathering a text's rows and summing
        # them per model runs along memory (twice as fast as a column per model)
        self.weights = np_.array([models.weights[c][view] for c in models.codes], dtype=float)
        self.column = {c: i for i, c in enumerate(models.codes)}
        self.orders = _ORDERS[view]

    def found(self, items: Any) -> np.ndarray:
        """The row of each of the view's n-grams in ``items`` that the vocabulary holds,
        all 1-grams first, then 2-grams, ... (the counter's order), each in text order."""
        raise NotImplementedError


class ArrayView:
    """A :class:`_model.WeighedView` kept as arrays: its lists are made only when read
    (the drivers of a confident model read none of them, see :meth:`pushing`)."""

    def __init__(self, source: _View, rows: np.ndarray, tf_idf: np.ndarray, norm: float
                 ) -> None:
        self.source = source
        self.row_array = rows
        self.tf_idf_array = tf_idf
        self.norm = norm

    @cached_property
    def rows(self) -> list[int]:
        return self.row_array.tolist()  # type: ignore[no-any-return]

    @cached_property
    def grams(self) -> Sequence[str]:
        return _getter(self.rows)(self.source.grams)

    @cached_property
    def tf_idf(self) -> list[float]:
        return self.tf_idf_array.tolist()  # type: ignore[no-any-return]

    def pushing(self, models: NgramModels, code: str, view: str, top: int
                ) -> list[tuple[float, str]]:
        """As :meth:`_model.WeighedView.pushing` (the same floats: each term is
        ``(w * tf_idf) / norm``), but only the n-grams kept are named."""
        terms = self.source.weights[self.source.column[code]].take(self.row_array)
        terms *= self.tf_idf_array
        terms /= self.norm
        floor = 0.0
        if 0 < top <= len(terms):
            kth = terms.copy()
            kth.partition(len(terms) - top)
            floor = float(kth[len(terms) - top])
        at = (terms >= floor if floor > 0 else terms > 0).nonzero()[0]
        grams = self.source.grams
        return [(c, grams[r]) for c, r in zip(terms[at].tolist(), self.row_array[at].tolist(),
                                              strict=True)]


class _CharView(_View):
    """Characters: each vocabulary character gets a small id (0: any other character),
    and each order a dense table from packed ids to rows (80 ids: 512,000 entries for
    the 3-grams, 1 MB), so finding rows is one gather per order."""

    def __init__(self, np_: Any, models: NgramModels, view: str) -> None:
        super().__init__(np_, models, view)
        chars = sorted({ch for g in self.grams for ch in g})
        if any(ord(ch) >= _BMP for ch in chars):
            raise ValueError("ST7 character view: a vocabulary character outside the BMP")
        self.size = len(chars) + 1
        self.ids = np_.zeros(_BMP + 1, dtype=np_.intp)  # the last entry: beyond the BMP
        self.ids[[ord(ch) for ch in chars]] = np_.arange(1, self.size)
        # rows as int16 when they fit: half the memory a lookup walks through
        kind = np_.int16 if len(self.grams) < 1 << 15 else np_.int32
        self.tables = {n: np_.full(self.size ** n, -1, dtype=kind) for n in self.orders}
        for row, gram in enumerate(self.grams):
            self.tables[len(gram)][_pack(self.ids[[ord(ch) for ch in gram]].tolist(),
                                         self.size)] = row

    def found(self, items: str) -> np.ndarray:
        np_ = self.np
        points = np_.frombuffer(items.encode("utf-32-le", "surrogatepass"), dtype=np_.uint32)
        ids = self.ids[np_.minimum(points, _BMP)]
        parts = [self.tables[n][key] for n, key in _ngram_keys(ids, self.orders, self.size)]
        if not parts:
            return np_.zeros(0, dtype=np_.intp)
        rows = np_.concatenate(parts)  # -1 where the vocabulary has no such n-gram
        return rows[rows >= 0]


class _TokenView(_View):
    """Tokens: each vocabulary token gets an id from 1 (any other token ``unknown``, one
    more than the last), an n-gram's ids pack into one ``int64`` key per order, and an
    order's rows are found in a dense table of keys when it is small (the 1-grams; the
    masked 2-grams, 278^2 entries), else by ``searchsorted`` in the order's sorted keys
    (the word 2-grams would need 4,261^2 entries), searched only for n-grams whose
    tokens are all known."""

    def __init__(self, np_: Any, models: NgramModels, view: str) -> None:
        super().__init__(np_, models, view)
        tokens = sorted({t for g in self.grams for t in g.split(" ")})
        if len(tokens) > _MAX_TOKENS:
            raise ValueError(f"ST7 view {view!r}: {len(tokens)} tokens do not fit a key")
        self.ids = {t: i for i, t in enumerate(tokens, 1)}
        self.unknown = len(tokens) + 1
        self.base = len(tokens) + 2
        kind = np_.int16 if len(self.grams) < 1 << 15 else np_.int32
        self.tables: dict[int, Any] = {}  # order -> rows by key, -1 where none
        self.keys: dict[int, tuple[Any, Any]] = {}  # order -> (sorted keys, their rows)
        for n in self.orders:
            rows = [row for row, g in enumerate(self.grams) if g.count(" ") == n - 1]
            packed = np_.array([_pack([self.ids[t] for t in self.grams[row].split(" ")],
                                      self.base) for row in rows], dtype=np_.int64)
            if self.base ** n <= _DENSE:
                self.tables[n] = np_.full(self.base ** n, -1, dtype=kind)
                self.tables[n][packed] = rows
            else:
                order = np_.argsort(packed, kind="stable")
                self.keys[n] = (packed[order], np_.array(rows, dtype=np_.intp)[order])

    def found(self, items: Sequence[str]) -> np.ndarray:
        np_ = self.np
        ids = np_.fromiter(map(self.ids.get, items, [self.unknown] * len(items)),
                           dtype=np_.int64, count=len(items))
        known = ids != self.unknown
        parts = []
        dense = []  # the rows of the dense tables' orders, -1 where none, filtered at once
        for n, key in _ngram_keys(ids, self.orders, self.base):
            if n in self.tables:
                dense.append(self.tables[n][key])
                continue
            keys, rows = self.keys[n]
            if not len(keys):
                continue
            whole = known[:len(key)]  # n-grams of known tokens only: fewer to search for
            for shift in range(1, n):
                whole = whole & known[shift:shift + len(key)]
            key = key[whole]
            at = np_.minimum(np_.searchsorted(keys, key), len(keys) - 1)
            parts.append(rows[at[keys[at] == key]])
        if dense:  # the dense orders are the lowest: their rows come first
            rows = np_.concatenate(dense) if len(dense) > 1 else dense[0]
            parts.insert(0, rows[rows >= 0])
        return np_.concatenate(parts) if parts else np_.zeros(0, dtype=np_.intp)


def _ngram_keys(ids: np.ndarray, orders: Sequence[int], base: Any
                ) -> Iterator[tuple[int, np.ndarray]]:
    """``(n, keys)`` per order (``orders`` ascending): the key of every n-gram of
    ``ids`` in text order, its ids as digits in ``base`` (as :func:`_pack` makes a
    vocabulary's keys); each order's keys extend the order's before."""
    length = len(ids)
    key, last = ids, 1
    for n in orders:
        if length < n:
            return
        for shift in range(last, n):  # an n-gram's key: its (n-1)-gram's, one digit more
            key = key[:length - shift] * base + ids[shift:]
        last = n
        yield n, key


def _pack(ids: Sequence[int], base: int) -> int:
    """The key of an n-gram whose characters or tokens have ``ids`` (digits in ``base``)."""
    key = 0
    for i in ids:
        key = key * base + i
    return key


class VectorModels:
    """An :class:`NgramModels` read through numpy; immutable once built.

    The three views' rows are weighed as one array (each view's rows after the
    previous views'), so that finding each row's first occurrence and count, its tf-idf
    and its weights costs one numpy call for the three, not one per view (each call
    costs a microsecond or more, whatever its size); only the norms and sums, which
    must add each view's terms alone and in order, are taken per view.
    """

    def __init__(self, np_: Any, models: NgramModels) -> None:
        self.np = np_
        self.models = models
        self.views = {v: (_CharView if v == "c" else _TokenView)(np_, models, v)
                      for v in _ngrams.VIEWS}
        sizes = [len(self.views[v].grams) for v in _ngrams.VIEWS]
        self.offset = dict(zip(_ngrams.VIEWS, [0, *accumulate(sizes)], strict=False))
        self.size = sum(sizes)
        self.idf = np_.concatenate([self.views[v].idf for v in _ngrams.VIEWS])
        self.weights = np_.concatenate([self.views[v].weights for v in _ngrams.VIEWS], axis=1)
        self.tf = np_.array(_TF)
        for v, size in zip(_ngrams.VIEWS, sizes, strict=True):  # each view reads its slice
            view, at = self.views[v], self.offset[v]  # of the joined arrays, not a copy
            view.idf, view.weights = self.idf[at:at + size], self.weights[:, at:at + size]

    def analyse(self, text: str, toks: Sequence[str], masked: Sequence[str] | None = None,
                words: Sequence[str] | None = None
                ) -> tuple[dict[str, ArrayView], dict[str, float]]:
        """``(models.weigh(plain_views(text, toks)), models.decisions(...))`` of a text
        already made ``plain``, ``toks`` its ``plain_tokens``; ``masked`` and ``words``,
        when given, must be the other two lists of :func:`_ngrams.token_views`."""
        np_ = self.np
        items: dict[str, Any] = {
            "c": _ngrams.collapse_spaces(text),
            "d": _features.distort(toks) if masked is None else masked,
            "w": _ngrams.words(text) if words is None else words}
        parts = [self.views[v].found(items[v]) for v in _ngrams.VIEWS]
        lengths = list(map(len, parts))
        # rows and positions as int32: a long text's n-gram arrays are the peak of the
        # memory a check takes (the character view alone has three per character)
        kind = np_.int32 if sum(lengths) < 1 << 31 else np_.intp
        found = np_.concatenate(parts, dtype=kind)
        del parts
        start = 0
        for view, length in zip(_ngrams.VIEWS, lengths, strict=True):
            if self.offset[view] and length:
                found[start:start + length] += self.offset[view]
            start += length
        # each row once, at its first occurrence: the counter's order of distinct
        # n-grams, view after view
        position = np_.arange(len(found), dtype=kind)
        first = np_.full(self.size, len(found), dtype=kind)
        np_.minimum.at(first, found, position)
        at = np_.flatnonzero(first[found] == position)  # ascending: view after view
        rows = found[at]
        # where each view's distinct rows end: its first occurrences lie in its part
        ends = at.searchsorted(list(accumulate(lengths))).tolist()
        counted = np_.bincount(found, minlength=self.size)[rows]
        if len(found) < len(_TF) or counted.max() < len(_TF):  # the table holds them all
            tf = self.tf[counted]
        else:  # as _model computes it: 1 + math.log(count)
            tf = np_.array([1.0 + math.log(c) for c in counted.tolist()])
        tf_idf = self.idf[rows] * tf
        # one row per model of terms w * tf_idf, and a last row of tf_idf squared: one
        # cumsum per view gives its sums and its squared norm, each added in order
        codes = len(self.models.codes)
        terms = np_.empty((codes + 1, len(rows)))
        np_.multiply(self.weights.take(rows, axis=1), tf_idf, out=terms[:codes])
        np_.multiply(tf_idf, tf_idf, out=terms[codes])
        weighed, z = {}, {c: self.models.constants[c].intercept for c in self.models.codes}
        start = 0
        for view, end in zip(_ngrams.VIEWS, ends, strict=True):
            own = tf_idf[start:end]
            if end == start:
                weighed[view] = ArrayView(self.views[view], rows[start:end], own, 1.0)
                sums = [0.0] * codes
            else:
                *sums, square = terms[:, start:end].cumsum(axis=1)[:, -1].tolist()
                weighed[view] = ArrayView(self.views[view], rows[start:end] - self.offset[view],
                                          own, math.sqrt(square) or 1.0)
            for i, code in enumerate(self.models.codes):
                z[code] += sums[i] / weighed[view].norm
            start = end
        return weighed, z


@lru_cache(maxsize=4)
def vector_models(models: NgramModels) -> VectorModels | None:
    """``models`` read through numpy, or None when numpy cannot be imported."""
    try:
        import numpy
    except ImportError:
        return None
    return VectorModels(numpy, models)


def engine(models: NgramModels, size: int) -> VectorModels | None:
    """The numpy reading of ``models`` once this process has profiled
    :data:`AFTER_CHARS` characters (counting ``size`` more now), else None."""
    global _profiled
    with _lock:
        _profiled += size
        ready = _profiled >= AFTER_CHARS
    return vector_models(models) if ready else None
