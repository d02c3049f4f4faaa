"""ST7's faster text steps give what their first, plainer definitions gave.

Each reference below is the definition a step had before it was made faster; the
models were fitted on what the references compute, so any difference is a bug.
"""

from __future__ import annotations

import json
import math
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_h

import wirelint_builtins.stylometry as st
from tests.conftest import CORPUS
from wirelint.text import unwrap
from wirelint_builtins.stylometry import _dense, _features, _ngrams

_OLD_TYPOGRAPHY = _features.PLAIN_TYPOGRAPHY
_OLD_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)
_OLD_VIEW_WORD = re.compile(r"\b\w\w+\b")


def old_plain_typography(text: str) -> str:
    return text.replace("\r\n", "\n").translate(_OLD_TYPOGRAPHY)


_OLD_FURNITURE_LINE = re.compile(_features._FURNITURE_LINE.pattern.replace(
    r"|(?i:editor'?s[ \t]+note)",
    r"|[^\n]{0,150}\bcontributed(?:[ \t]+reporting|[ \t]+to[ \t]+this[ \t]+(?:report|story))\.?"
    r"|(?i:editor'?s[ \t]+note)", 1))


def old_without_furniture(text: str) -> str:
    kept = []
    changed = False
    for line in text.split("\n"):
        head = line.lstrip(" \t")[:1]
        if head and (head in _features._FURNITURE_OPENS or "contributed" in line):
            if _OLD_FURNITURE_LINE.fullmatch(line):
                changed = True
                continue
            m = _features._DATELINE.match(line)
            if m:
                line = line[m.end():]
                changed = True
        kept.append(line)
    return "\n".join(kept) if changed else text


def old_plain(text: str) -> str:
    return old_without_furniture(unwrap(old_plain_typography(text))).lower().strip()


def old_tokens(text: str) -> list[str]:
    return _OLD_WORD.findall(old_plain_typography(text).lower())


def old_mattr(words: list[str], window: int = 50) -> float:
    n = len(words)
    if n <= window:
        return len(set(words)) / max(n, 1)
    seen: dict[str, int] = {}
    for w in words[:window]:
        seen[w] = seen.get(w, 0) + 1
    types = total = len(seen)
    for new, old in zip(words[window:], words, strict=False):
        c = seen.get(new, 0)
        if not c:
            types += 1
        seen[new] = c + 1
        c = seen[old] - 1
        if c:
            seen[old] = c
        else:
            del seen[old]
            types -= 1
        total += types
    return total / (n - window + 1) / window


def old_plain_measures(text: str) -> tuple[float, ...]:
    toks = _OLD_WORD.findall(text)
    words = [t for t in toks if t[0].isalpha()]
    n = max(len(words), 1)
    lengths = [len(text[s:e].split()) for s, e in _features.sentences(text)] or [0]
    mean = sum(lengths) / len(lengths)
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    marked = [w for w in words if "'" in w]
    genitives = sum(1 for w in marked if w.endswith("'s") and w not in _dense._NOT_GENITIVE)
    contractions = sum(1 for w in marked
                       if w.endswith(_dense._CONTRACTED) or w in _dense._NOT_GENITIVE)
    of_the = sum(1 for a, b in pairwise(toks) if a == "of" and b == "the")
    return (
        old_mattr(words), mean, sd,
        sum(w in _dense.TOP_WORDS for w in words) / n,
        contractions / n, genitives / n, of_the / n,
        genitives / (genitives + of_the + 1),
        sum(w in _features.FUNCTION_WORDS for w in words) / n,
        sum(map(len, words)) / n,
        sum(1 for w in words if len(w) >= 8) / n,
        sum(1 for t in toks if t[0].isdigit()) / max(len(toks), 1),
        toks.count(";") / n,
    )


def old_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cursor = start
        for m in _features._SENT_END.finditer(line):
            end = start + m.start(1)
            if end > cursor:
                spans.append((cursor, end))
            cursor = start + m.end()
        end = start + len(line.rstrip())
        if end > cursor and line[cursor - start:].strip():
            lead = len(line[cursor - start:]) - len(line[cursor - start:].lstrip())
            spans.append((cursor + lead, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def old_holds(piece: str, view: str, gram: str) -> bool:
    low = _features.plain(piece)
    if view == "c":
        return gram in _ngrams.collapse_spaces(low)
    parts = gram.split(" ")
    if any(p not in low for p in parts if p.isalpha() and p != "w"):
        return False
    items = _ngrams.view_tokens(view, low)
    n = len(parts)
    return any(items[i:i + n] == parts for i in range(len(items) - n + 1))


#: Grams every text is asked about besides its own: plain words, masked patterns, and
#: words whose letters other characters lowercase to (K: the Kelvin sign, İ).
_ASKED = ["of the", "the w of w", "said", "w", "k", "ok", "i", "in", "istanbul", "σ", "0",
          "'s", "w 's", "don", "don't", ", w", ". the"]


def old_span(text: str, driver: tuple[str, str] | None) -> tuple[int, int]:
    spans = old_sentences(text) or [(0, len(text))]
    if driver is not None:
        for start, end in spans:
            if old_holds(text[start:end], *driver):
                return start, end
    for start, end in spans:
        if len(text[start:end].split()) >= 4:
            return start, end
    return spans[0]


def _same_holds(text: str, sentences: int | None = None) -> None:
    """``st._holds`` as ``old_holds`` on ``text``'s first ``sentences`` sentences (all
    of them, and the whole text, when None); ``st._span`` as ``old_span``."""
    for driver in (None, ("w", "said"), ("d", "the w of w"), ("c", " the"), ("w", "σ")):
        assert st._span(text, driver) == old_span(text, driver), driver
    spans = _features.sentences(text)
    if sentences is None:
        spans.append((0, len(text)))
    for start, end in spans[:sentences]:
        piece = text[start:end]
        for view in ("d", "w"):  # the character view's test is unchanged
            own = list(_ngrams.COUNTERS[view](_features.plain(piece)))[:40]
            for gram in own + _ASKED:
                assert st._holds(piece, view, gram) == old_holds(piece, view, gram), (
                    piece, view, gram)


def _same(text: str) -> None:
    assert _features.plain_typography(text) == old_plain_typography(text)
    plain = _features.plain(text)
    assert plain == old_plain(text)
    assert _features.tokens(text) == old_tokens(text)
    assert _features.plain_tokens(plain) == old_tokens(plain)
    for piece in (text, plain):  # the chunk-wise searches, on any text
        assert _features.plain_tokens(piece) == _OLD_WORD.findall(piece)
        assert _ngrams.words(piece) == _OLD_VIEW_WORD.findall(piece)
        toks = _OLD_WORD.findall(piece)
        assert _ngrams.token_views(piece) == (toks, _features.distort(toks),
                                              _OLD_VIEW_WORD.findall(piece))
        _, masked, words = _ngrams.token_views(piece)
        assert _ngrams.plain_views(piece, masked=masked, words=words) == \
            _ngrams.plain_views(piece)
        assert _dense.plain_measures(piece) == old_plain_measures(piece)
        assert _features.sentence_lengths(piece) == [
            len(piece[s:e].split()) for s, e in _features.sentences(piece)]
        assert _features.sentences(piece) == old_sentences(piece)


_ANY = st_h.text(st_h.characters(blacklist_categories=()), max_size=300)
_TYPESET = st_h.lists(st_h.sampled_from(
    [*map(chr, _OLD_TYPOGRAPHY), "\r\n", "\n", " ", "a", "B", "É", "ß", "İ", "Σ", "1", ".",
     "'", "don't", "Straße", "\u0301", "\x85", "\u2028", "By", "(Reuters)", "said,", "it.",
     "x)", "2.5", "_", "a1", "\u00b2", "\x1c", ". ", ".\" ", "!\n", " of the ", "it's",
     "we'll", "Mary's", "\u212a", "O\u212a", "İn", "Said", "OF THE"]),
    max_size=200).map("".join)


_FURNITURE = st_h.lists(st_h.sampled_from(
    ["Jane Doe contributed to this report.", "  Reuters contributed reporting", "By Jane Doe",
     "Additional reporting by X; editing by Y", "(Reporting by A)", "Editor's note: x",
     "LONDON (Reuters) - The", "Advertisement", "Read more: here", "Updated: 12 May",
     "© 2024 All rights reserved", "He contributed to this story", "contributed. And",
     "The council said on Tuesday.", "", " \t", "x" * 160 + " contributed to this report"]),
    max_size=12).map("\n".join)


@given(text=_FURNITURE)
@settings(max_examples=300, deadline=None)
def test_furniture_steps_as_before(text):
    _same(text)


@given(text=_ANY)
@settings(max_examples=500, deadline=None)
def test_any_unicode_steps_as_before(text):
    _same(text)
    _same_holds(text)


@given(text=_TYPESET)
@settings(max_examples=500, deadline=None)
def test_typeset_text_steps_as_before(text):
    _same(text)
    _same_holds(text)


@pytest.mark.parametrize("corpus", ["wmt-news-mt", "mixset-llm-revised"])
def test_every_dev_text_steps_as_before(corpus):
    path = CORPUS / corpus / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            _same(json.loads(line)["text"])
            _same_holds(json.loads(line)["text"], sentences=3)


@given(words=st_h.lists(st_h.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"]),
                        max_size=120), window=st_h.integers(1, 60))
@settings(max_examples=1000, deadline=None)
def test_mattr_as_before(words, window):
    assert _dense.mattr(words, window) == old_mattr(words, window)
