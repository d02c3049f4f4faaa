"""Sentences and paragraphs as character spans of the original text.

Deliberately simple and case-blind (MixSet's human originals are lowercased): a sentence
ends at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) before whitespace, or at a line
break, unless the word before the stop is a known abbreviation ("U.S.", "Gen.") or an
initial.  A paragraph is a non-blank line: news feeds put one paragraph per line, and
headlines carry no full stop, so a line break always ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Only at the start of a run of stops ("?!", "..."), possessively: a long run with no
# space after it is tried once, not once per character.  The run-start test comes after
# the first stop (a two-wide lookbehind), and the pattern starts with one character class
# (a stop or a line break, not an alternation of the two), so ``re`` skips in C to the
# next stop or line break instead of trying every character (2.5x faster than the
# alternation, same matches, fuzzed).
#: Each end also takes the whitespace after it (a stop's run of stops and closing marks is
#: group 1), so that the next sentence starts where the match ends and blank lines cost no
#: step of their own.
_END = re.compile(r"[.!?\n](?:(?<=\n)\s*+|(?<![.!?][.!?])([.!?]*+[\"'”’)\]]*+)\s++)")
_TRIM = ".!?\"'”’)]"
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt maj adm cmdr st jr sr inc ltd co corp vs etc "
    "u.s u.k u.n e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec gov sen rep rev "
    "ft mt ave dept est approx fig".split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    add = spans.append
    # Every end takes the whitespace after it: a sentence starts where the last ended.
    start = len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        stop = m.start()
        if text[stop] == "\n":
            # A line break ends the sentence; strip the spaces before it.
            chunk = text[start:stop].rstrip()
            if chunk:
                add((start, start + len(chunk)))
        else:
            # Seven letters before the stop make a word longer than any abbreviation.
            # (A sentence starts after whitespace, so its first word is whole.)
            if stop < 7 or not text[stop - 7:stop].isalpha():
                last = _last_word(text, start, stop + 1).rstrip(_TRIM).casefold()
                if (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())) and \
                        "\n" not in text[stop:m.end()]:
                    continue  # "U.S. Senator", "J. Mansour": not a sentence end
            add((start, m.end(1)))
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _last_word(text: str, start: int, end: int) -> str:
    """``text[start:end].split()[-1]`` ("" if none), read backwards from ``end``: a
    sentence full of abbreviations is not re-split once per stop."""
    # Most words end a sentence within a few characters of a space: one bounded search
    # and a split of what follows it (another whitespace character, a tab or a no-break
    # space, may follow the space) instead of a Python step per character.
    space = text.rfind(" ", max(start, end - _WORD_WINDOW), end)
    if space >= 0:
        words = text[space + 1:end].split()
        if words and not text[end - 1].isspace():
            return words[-1]
    i = end - 1
    while i >= start and text[i].isspace():
        i -= 1
    stop = i + 1
    while i >= start and not text[i].isspace():
        i -= 1
    return text[i + 1:stop]


#: Characters before a stop searched for the space before its word.
_WORD_WINDOW = 40


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, stripped of surrounding whitespace."""
    # One match per paragraph, from its first character that is not whitespace to its
    # last (a line's whitespace is ``str.strip``'s), instead of a step per line.
    return [m.span() for m in _PARAGRAPH.finditer(text)]


#: A non-blank line, stripped: no line break inside, whitespace at neither end.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        left = start + chunk.find(stripped[0])  # the first character not whitespace
        out.append((left, left + len(stripped)))


#: ``bytes.translate`` table for text encoded to ASCII with one "?" per other character:
#: ASCII whitespace (as ``str.split`` has it) to a space, every other byte to "x".
_WORD_BYTES = bytes(32 if b < 128 and chr(b).isspace() else 120 for b in range(256))
#: Whitespace beyond ASCII for ``str.split`` (every non-ASCII ``str.isspace()``, tested).
WIDE_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
              "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def word_counts(text: str, spans: Iterable[tuple[int, int]]) -> list[int]:
    """:func:`word_count` of each span, for spans that are stripped and not empty (as
    :func:`sentence_spans` and :func:`paragraph_spans` give them).

    The text becomes one byte per character, a space for whitespace and "x" for the
    rest: a span's words are its first and each space before an "x", counted in C,
    where a split per span built every word of the text as a string (5x the time).
    """
    folded = text.encode("ascii", "replace").translate(_WORD_BYTES)
    if not text.isascii():
        marked = bytearray(folded)
        for space in WIDE_SPACES:
            at = text.find(space)
            while at >= 0:
                marked[at] = 32
                at = text.find(space, at + 1)
        folded = bytes(marked)
    count = folded.count
    return [1 + count(b" x", start, end) for start, end in spans]


def word_count(text: str, span: tuple[int, int]) -> int:
    """Whitespace-separated tokens inside ``span``."""
    return len(text[span[0]:span[1]].split())
