"""The fitted n-gram models of ``model.json`` and their explanations.

All ST7 models read one vocabulary.  Per view ``v`` (see ``_ngrams``) a document is the
tf-idf vector ``x_g = (1 + ln count_g) * idf_g`` over the vocabulary's n-grams, scaled
to unit length (scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``); a model is
``z = intercept + sum_v sum_g w_g x_g`` and ``p = 1 / (1 + exp(-t))`` with
``t = a z + b + sum_j c_j (m_j - mean_j)``: ``(a, b)`` and the weights ``c`` of the
whole-document measures ``m`` of ``_dense`` are a logistic regression stacked on
out-of-fold decisions (plain Platt calibration when a file has no measures).  Each term
``w_g x_g`` is that n-gram's contribution, each ``c_j (m_j - mean_j)`` that measure's,
which is what a finding reports as its drivers.  The text is counted and weighted
once, whatever the number of models.
``scripts/fit_stylometry.py`` writes the file, its float lists packed (:func:`pack`).
"""

from __future__ import annotations

import binascii
import json
import math
import sys
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from heapq import nlargest
from importlib import resources
from itertools import compress, count, repeat
from operator import add, itemgetter, mul, sub, truediv
from typing import Any, NamedTuple, Protocol

from wirelint_builtins.stylometry import _dense
from wirelint_builtins.stylometry._ngrams import VIEWS

Counts = Mapping[str, Mapping[str, int]]
#: ``(contribution, view, n-gram)``
Term = tuple[float, str, str]
#: ``1 + ln c`` for the counts most n-grams have (a list lookup is cheaper than a log).
_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 4096)]


class WeighedView(NamedTuple):
    """One view of one text: its n-grams (in the counter's order), their rows (the zero
    row for n-grams outside the vocabulary), their tf-idf values before unit scaling,
    and the norm that scales them."""

    grams: Sequence[str]
    rows: Sequence[int]
    tf_idf: list[float]
    norm: float

    def pushing(self, models: NgramModels, code: str, view: str, top: int
                ) -> list[tuple[float, str]]:
        """``(contribution, n-gram)`` of the n-grams that can be among the ``top`` pushing
        ``code``'s decision up (this is ``view``): those above zero and at least the
        view's ``top``-th largest contribution."""
        terms = contributions(self, models.weights[code][view])
        floor = nlargest(top, terms)[-1] if 0 < top <= len(terms) else 0.0
        keep = floor.__le__ if floor > 0 else (0.0).__lt__
        return list(compress(zip(terms, self.grams, strict=True), map(keep, terms)))


class ViewLike(Protocol):
    """A :class:`WeighedView`, or ``_vector``'s reading of one (the same numbers)."""

    @property
    def grams(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[int]: ...
    @property
    def tf_idf(self) -> Sequence[float]: ...
    @property
    def norm(self) -> float: ...

    def pushing(self, models: NgramModels, code: str, view: str, top: int
                ) -> list[tuple[float, str]]: ...


#: view -> that view of the text
Weighed = Mapping[str, ViewLike]


def contributions(view: ViewLike, weights: Sequence[float]) -> list[float]:
    """Each n-gram's term ``w_g x_g`` in ``view`` (unit length applied), ``weights`` one
    model's weights of that view by row."""
    picked = _getter(view.rows)(weights)
    return list(map(truediv, map(mul, picked, view.tf_idf), repeat(view.norm)))


@dataclass(frozen=True, slots=True)
class Calibrated:
    """One model's constants: intercept, the stacker's ``(slope, offset)`` on the
    decision and its weight per centred document measure (none: plain Platt)."""

    intercept: float
    slope: float
    offset: float
    dense: tuple[float, ...] = ()

    def pushes(self, centred: Sequence[float]) -> list[float]:
        """Each document measure's contribution to the log-odds."""
        return list(map(mul, self.dense, centred))

    def probability(self, z: float, centred: Sequence[float] = ()) -> float:
        """Calibrated probability of the positive class, given the decision ``z`` and the
        document measures minus their training means (:meth:`NgramModels.centre`)."""
        t = self.slope * z + self.offset + (sum(self.pushes(centred)) if self.dense else 0.0)
        return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0


@dataclass(frozen=True, slots=True, eq=False)
class NgramModels:
    """Every ST7 model over one shared vocabulary; immutable, so one serves all threads
    (compared and hashed by identity: it keys the plugin's per-text cache).

    Per view the vocabulary is a row index (n-gram -> row) and flat lists by row: the idf
    and one weight list per model.  Loading is then a ``zip`` (7 ms instead of 50 ms for
    a table of tuples) and scoring gathers a text's rows with one ``itemgetter`` call per
    list: 1.3x faster than a Python loop per n-gram, which is near the floor, since the
    cost is memory access into 25k rows.
    """

    codes: tuple[str, ...]
    constants: Mapping[str, Calibrated]
    #: view -> n-gram -> row
    index: Mapping[str, Mapping[str, int]]
    #: view -> idf by row
    idf: Mapping[str, Sequence[float]]
    #: code -> view -> weight by row
    weights: Mapping[str, Mapping[str, Sequence[float]]]
    #: the document measures the stacker reads (``_dense.NAMES`` order) and their means
    dense_names: tuple[str, ...] = ()
    dense_mean: tuple[float, ...] = ()
    #: how far from its mean each measure may count (``clip`` standard deviations): a
    #: text far outside the training range (a results table is a third numbers, dev's
    #: mean is 2 %) must not push a model without bound
    dense_limit: tuple[float, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NgramModels:
        codes = tuple(data["codes"])
        dense = data.get("dense") or {"names": [], "mean": [], "scale": [], "weights": {}}
        names = tuple(dense["names"])
        if names and names != _dense.NAMES:
            raise ValueError(f"model.json: document measures {names} are not {_dense.NAMES}")
        scale = list(map(float, dense["scale"]))
        per_code = {c: tuple(w / s for w, s in zip(map(float, dense["weights"].get(c, ())),
                                                  scale, strict=True)) for c in codes}
        constants = {}
        for c in codes:
            slope, offset = map(float, data["calibration"][c])
            constants[c] = Calibrated(float(data["intercept"][c]), slope, offset, per_code[c])
        vocabulary = data["vocabulary"]
        index = {v: dict(zip(vocabulary[v]["grams"], count())) for v in VIEWS}
        idf = {v: _floats(vocabulary[v]["idf"]) for v in VIEWS}
        weights = {c: {v: _floats(vocabulary[v]["weights"][c]) for v in VIEWS}
                   for c in codes}
        for v in VIEWS:
            if not len(index[v]) == len(idf[v]) == len(vocabulary[v]["grams"]) or any(
                    len(weights[c][v]) != len(idf[v]) for c in codes):
                raise ValueError(f"model.json: view {v!r} has lists of unequal length")
        clip = dense.get("clip")
        limit = tuple(float(clip) * s for s in scale) if clip is not None else ()
        return cls(codes, constants, index, idf, weights, names,
                   tuple(map(float, dense["mean"])), limit)

    def centre(self, text: str, toks: Sequence[str] | None = None) -> tuple[float, ...]:
        """The document measures of ``text``, a text already made ``plain``, minus their
        training means, each held within :attr:`dense_limit` (``()`` when the models read
        none); ``toks`` as for :func:`_dense.plain_measures`."""
        if not self.dense_names:
            return ()
        centred = map(sub, _dense.plain_measures(text, toks), self.dense_mean)
        if not self.dense_limit:
            return tuple(centred)
        return tuple(max(-lim, min(lim, c)) for c, lim in zip(centred, self.dense_limit,
                                                              strict=True))

    def weigh(self, counts: Counts) -> Weighed:
        """Per view, the text's n-grams, their rows, their tf-idf values
        ``(1 + ln count) * idf`` and the norm of those values (unit length is applied by
        dividing sums by it)."""
        out = {}
        for view in VIEWS:
            seen, index = counts.get(view, {}), self.index[view]
            grams = list(filter(index.__contains__, seen))  # text order: sums repeat
            rows = _getter(grams)(index)
            counted = _getter(grams)(seen)
            tf = (_getter(counted)(_TF) if max(counted, default=0) < len(_TF)
                  else map(add, repeat(1.0), map(math.log, counted)))
            tf_idf = list(map(mul, _getter(rows)(self.idf[view]), tf))
            norm = math.sqrt(_in_order(map(mul, tf_idf, tf_idf)))
            out[view] = WeighedView(grams, rows, tf_idf, norm or 1.0)
        return out

    def decisions(self, weighed: Weighed) -> dict[str, float]:
        """Every model's raw log-odds ``z``."""
        z = {}
        for code in self.codes:
            z[code] = self.constants[code].intercept
            for view, one in weighed.items():
                weights = self.weights[code][view]
                z[code] += _in_order(map(mul, _getter(one.rows)(weights), one.tf_idf)) / one.norm
        return z

    def terms(self, weighed: Weighed, code: str, views: Iterable[str] = VIEWS) -> list[Term]:
        """``(contribution, view, n-gram)`` of one model for every n-gram of ``views``."""
        out: list[Term] = []
        for view in views:
            one = weighed[view]
            out.extend(zip(contributions(one, self.weights[code][view]), repeat(view),
                           one.grams))
        return out


def _in_order(values: Iterable[float]) -> float:
    """The sum of ``values`` added left to right (``_vector`` adds with ``cumsum`` in the
    same order and must get the same float; ``sum()`` compensates its rounding from
    Python 3.12 on)."""
    return reduce(add, values, 0.0)


def _getter(keys: Collection[Any]) -> Callable[[Any], Sequence[Any]]:
    """``itemgetter(*keys)``, which always returns a tuple: one C call gathers every
    item (several times faster than ``map(seq.__getitem__, keys)``)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    if keys:
        key = next(iter(keys))
        return lambda seq: (seq[key],)
    return lambda seq: ()


def pack_floats(values: Iterable[float]) -> str:
    """``values`` as ``model.json`` ships them: the base64 of their little-endian IEEE
    doubles.  Read by :func:`_floats` ~10x faster than decimal JSON numbers (parsing
    100,000 of them was the largest cost of loading), to the same floats bit for bit."""
    packed = array("d", map(float, values))
    if sys.byteorder == "big":
        packed.byteswap()
    return binascii.b2a_base64(packed.tobytes(), newline=False).decode("ascii")


def _floats(values: str | Iterable[Any]) -> list[float]:
    """A float list of ``model.json``: packed (:func:`pack_floats`) or a JSON list."""
    if not isinstance(values, str):
        return list(map(float, values))
    packed = array("d", binascii.a2b_base64(values))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tolist()


def pack(body: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` (the ``model.json`` layout with plain float lists) with the vocabulary's
    idf and weight lists packed (:func:`pack_floats`); :func:`unpack` undoes it."""
    return {**body, "vocabulary": {view: {
        **one, "idf": pack_floats(one["idf"]),
        "weights": {code: pack_floats(w) for code, w in one["weights"].items()},
    } for view, one in body["vocabulary"].items()}}


def unpack(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with its packed float lists as lists again: the content the model's
    ``version`` hashes (``scripts/fit_stylometry.py``)."""
    return {**data, "vocabulary": {view: {
        **one, "idf": _floats(one["idf"]),
        "weights": {code: _floats(w) for code, w in one["weights"].items()},
    } for view, one in data["vocabulary"].items()}}


def load_models() -> tuple[str, int, NgramModels | None]:
    """``(version, min_words, models)`` from the shipped ``model.json``."""
    source = resources.files(__package__).joinpath("model.json")
    if not source.is_file():  # only while scripts/fit_stylometry.py bootstraps it
        return "st7-none", 50, None
    data = json.loads(source.read_text("utf-8"))
    return data["version"], int(data["min_words"]), NgramModels.from_dict(data)


def describe(view: str, gram: str) -> str:
    """A reader's name for an n-gram: ``'of the'``, ``pattern 'the w of w'``."""
    shown = gram.replace("\n", "\\n")
    if view == "d":
        return f"pattern '{shown}'"
    if view == "c":
        return f"characters '{shown}'"
    return f"'{shown}'"


def drivers(models: NgramModels, weighed: Weighed, code: str,
            top: int = 3) -> list[tuple[str, str]]:
    """The ``top`` n-grams pushing ``code``'s decision up, strongest first.

    Word and masked-token n-grams are what a reader can check; character n-grams count
    in the decision but only name a driver when nothing word-level pushes up.

    Only the n-grams that can make the ``top`` in their own view are sorted
    (:meth:`WeighedView.pushing`: above zero and at least the view's ``top``-th largest
    contribution); every n-gram of the ``top`` is one of them.
    """
    for views in (("d", "w"), ("c",)):
        up = [(c, view, gram) for view in views
              for c, gram in weighed[view].pushing(models, code, view, top)]
        if up:
            return [(v, g) for _, v, g in sorted(up, key=_strongest_first)[:top]]
    return []


def _strongest_first(term: Term) -> tuple[float, str, str]:
    """Sort key of a term: largest contribution first, ties by view and n-gram."""
    return -term[0], term[1], term[2]


def measure_drivers(models: NgramModels, code: str, centred: Sequence[float],
                    floor: float = 0.25, top: int = 2) -> list[str]:
    """The ``top`` document measures pushing ``code``'s log-odds up by at least
    ``floor``, strongest first, named for a reader ("few contractions (+0.61)")."""
    pushes = models.constants[code].pushes(centred)
    up = sorted((-p, name, c) for p, name, c in zip(pushes, models.dense_names, centred,
                                                   strict=True) if p >= floor)
    return [_dense.describe(name, -neg, c) for neg, name, c in up[:top]]
