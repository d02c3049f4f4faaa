"""The three n-gram views of a text that the ST7 models read, all of the lowercased text.

* ``c`` - characters, 1 to 3 at a time, white space as one space or one line break: typography,
  affixes and spelling ("colour", " - 19", "’s") that no word list holds;
* ``d`` - tokens 1 to 3 at a time with content words masked ("text distortion",
  Stamatatos 2017): "the council said on tuesday" reads "the w said on w", so what is
  left is the sequence of function words and punctuation a translator or a language
  model controls, not the topic;
* ``w`` - words 1 and 2 at a time: the vocabulary habits ("additionally", "the said",
  "according to").

Neither case nor typography is read (``_features.plain``): MixSet's human originals are
lowercased by its makers, so a model that saw case would learn the corpus, not the writer
(measured: lowercasing the character view costs nothing on the MT pairs); and WMT's
machine translations had their punctuation normalised while its human references kept
curly quotes and em dashes, so a model that saw the kind of quote learned the corpus
too (see ``_features.PLAIN_TYPOGRAPHY``).  The fitting script counts with these
same functions, so the weights it writes read exactly what run time counts.  Pure
functions, no state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import add

from wirelint_builtins.stylometry._features import (
    CLOSING_MARKS,
    FUNCTION_WORDS,
    TOKEN,
    distort,
    plain,
    plain_tokens,
    tokens,
)

CHAR_ORDERS = (1, 2, 3)
MASKED_ORDERS = (1, 2, 3)
WORD_ORDERS = (1, 2)
VIEWS = ("c", "d", "w")

#: White space that is not one plain space or one line break: a run, or one tab or odd
#: space.  (One pattern starting with one class, the lookbehind only tried after a lone
#: white-space character: 3x faster than separate passes for line breaks and spaces.)
_SPACES = re.compile(r"\s(?:\s+|(?<=[^ \n]))")
#: A word of the word view: a run of two or more word characters.  (``\w\w+`` finds the
#: same runs as ``\b\w\w+\b``, at a third less: a pattern that opens with a class is
#: searched for at C speed, one that opens with ``\b`` is tried at every position.)
_WORD = re.compile(r"\w\w+")


def _collapsed(run: re.Match[str]) -> str:
    """A white-space run as the character view counts it (see :func:`collapse_spaces`)."""
    return "\n" if "\n" in run.group() else " "


def _joined(items: Sequence[str], orders: Iterable[int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for n in orders:
        if n == 1:
            counts.update(items)
        else:  # shifted copies zipped and joined in C, in text order
            counts.update(map(" ".join, zip(*(items[i:] for i in range(n)), strict=False)))
    return counts


def char_grams(text: str) -> Counter[str]:
    """Character 1-3 grams of ``text`` (as given), its white space collapsed
    (:func:`collapse_spaces`).

    Each order pairs shifted copies of the text in C (``map(add, ...)``), streamed into
    the counter: no per-position slicing in Python (twice as fast) and no list of every
    gram (memory stays that of the distinct grams, not 50 bytes per character).
    """
    text = collapse_spaces(text)
    counts: Counter[str] = Counter(text)
    for n in CHAR_ORDERS[1:]:
        grams: Iterable[str] = text
        for shift in range(1, n):
            grams = map(add, grams, text[shift:])
        counts.update(grams)
    return counts


def masked_grams(text: str, toks: Sequence[str] | None = None) -> Counter[str]:
    """Token 1-3 grams with content words masked (tokens are lowercased); ``toks`` is
    ``tokens(text)`` when the caller already has it (the document measures read it too)."""
    return _joined(distort(tokens(text) if toks is None else toks), MASKED_ORDERS)


def word_grams(text: str) -> Counter[str]:
    """Word 1-2 grams of ``text`` as given (words of two or more word characters)."""
    return _joined(view_tokens("w", text), WORD_ORDERS)


def collapse_spaces(text: str) -> str:
    """White space as the character view counts it: a run that holds a line break is one
    line break, any other run one space.

    How paragraphs are separated is layout, not writing: WMT has one paragraph per line,
    much copy has a blank line between paragraphs.  When a blank line read as a space
    (and a single line break as a line break), the same article laid out with blank
    lines moved P(translated) by up to 0.54 and flipped 6 of 235 machine-translation
    verdicts on WMT dev.
    """
    return _SPACES.sub(_collapsed, text)


def view_tokens(view: str, text: str) -> list[str]:
    """The token sequence a token view (``d`` or ``w``) joins into n-grams (``text``
    made :func:`plain`)."""
    return distort(plain_tokens(text)) if view == "d" else words(text)


def words(text: str) -> list[str]:
    """The word view's tokens, ``_WORD.findall(text)``: no word spans white space, so
    they are those of each whitespace-separated chunk, and a chunk of letters, or of
    letters and one closing mark, is one word (when two letters or more) found without
    a search (as in :func:`_features.plain_tokens`)."""
    out: list[str] = []
    append = out.append
    findall = _WORD.findall
    for chunk in text.split():
        if chunk.isalpha():
            if len(chunk) > 1:
                append(chunk)
        elif chunk[-1] in CLOSING_MARKS and chunk[:-1].isalpha():
            if len(chunk) > 2:
                append(chunk[:-1])
        else:
            out += findall(chunk)
    return out


def token_views(text: str) -> tuple[list[str], list[str], list[str]]:
    """``(plain_tokens(text), distort(plain_tokens(text)), words(text))`` in one pass
    over ``text``'s whitespace-separated chunks (``text`` made :func:`plain`): a chunk of
    letters, or of letters and one closing mark, gives its token, masked token and word
    at once (a third less time than the three steps apart), any other chunk is searched
    as each step searches it."""
    toks: list[str] = []
    masked: list[str] = []
    found: list[str] = []
    append, mask, word = toks.append, masked.append, found.append
    findall, word_findall = TOKEN.findall, _WORD.findall
    for chunk in text.split():
        if chunk.isalpha():
            append(chunk)
            mask(chunk if chunk in FUNCTION_WORDS else "w")
            if len(chunk) > 1:
                word(chunk)
        elif chunk[-1] in CLOSING_MARKS and chunk[:-1].isalpha():
            core, mark = chunk[:-1], chunk[-1]
            append(core)
            append(mark)
            mask(core if core in FUNCTION_WORDS else "w")
            mask(mark)
            if len(core) > 1:
                word(core)
        else:
            some = findall(chunk)
            toks += some
            masked += distort(some)
            found += word_findall(chunk)
    return toks, masked, found


#: view -> its counter; each reads text already made :func:`plain` (see :func:`views`).
COUNTERS = {"c": char_grams, "d": masked_grams, "w": word_grams}


def views(text: str) -> dict[str, Counter[str]]:
    """Every view of ``text``, made :func:`plain` once: ``{"c": ..., "d": ..., "w": ...}``."""
    return plain_views(plain(text))


def plain_views(text: str, toks: Sequence[str] | None = None, *,
                masked: Sequence[str] | None = None,
                words: Sequence[str] | None = None) -> dict[str, Counter[str]]:
    """Every view of ``text``, a text already made :func:`plain`.

    ``toks``, when given, must be ``plain_tokens(text)``: a caller that also takes the
    document measures tokenises once for both; ``masked`` and ``words``, the other two
    lists of :func:`token_views`, spare masking the tokens and finding the words again.
    """
    if masked is None:
        masked = distort(plain_tokens(text) if toks is None else toks)
    if words is None:
        words = view_tokens("w", text)
    return {"c": char_grams(text), "d": _joined(masked, MASKED_ORDERS),
            "w": _joined(words, WORD_ORDERS)}
