"""Text helpers for plugin authors: views of a document that keep its offsets.

A detector that splits a document into sentences by line (news puts headlines, datelines
and bylines on lines of their own) misreads copy that arrives hard-wrapped from an e-mail
or plain-text feed; :func:`unwrap` gives the same text with its soft line breaks as
spaces, character for character the same length, so spans found in it are spans of the
original.  The host hands plugins documents already unwrapped; calling it again changes
nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["unwrap"]

#: Hard wrapping: every line that is not a paragraph's last is broken within this many
#: columns of the longest line, which is at most ``_WRAP_MAX`` wide.
_WRAP_SLACK = 15
_WRAP_MAX = 100
#: What a line ends with when it ends a sentence: one sentence per line (WMT's segments,
#: a list of short items) ends most lines with one, a wrap breaks most lines mid-sentence.
_CLOSERS = frozenset('.!?:;"\')')
#: A line that opens a list item is never a wrapped continuation.
_LIST_ITEM = re.compile(r"\s*(?:[-*•+–—]|\d{1,3}[.)])\s")
#: A line that ends a sentence, and one that opens a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
_OPENS_SENTENCE = re.compile(r"\s*[\"'“‘(]?[A-Z0-9]")


def unwrap(text: str) -> str:
    """Hard-wrapped copy read as its paragraphs: when most lines are broken near one
    width of at most 100 columns (e-mail and plain-text feeds), mostly mid-sentence, a
    line break after a full line and before a non-blank line that is not a list item
    becomes a space (unless no blank line marks the paragraphs and the full line ends a
    sentence before a line that opens one: a paragraph may end on a full line).  Same
    length, so nothing moves; other text is returned as is.

    Lines end sentences everywhere else (headlines, datelines, one paragraph per line),
    so a wrapped article read as many short sentences and its character view as many
    line ends: a translation profile built on either moved with the wrap width (human
    originals wrapped at 70 columns: up to +0.16 P(machine-translated); MT303 took a
    place at the start of a wrapped line for a sentence's subject).  None of the 990
    dev documents, the fixtures or the seeds is detected as wrapped (2 of 1,631 short
    training excerpts are: garbled MT output without a stop); 318 of 329 dev human
    originals are once wrapped at 70, and 607 of the 610 WMT dev articles wrapped at 70
    with a blank line between paragraphs.

    Offsets into the result are offsets into ``text``: split it into sentences, then
    read and report from ``text`` itself.

    Idempotent: the host unwraps, and a plugin may unwrap again.  A line joined to the
    next can itself read as a full line of a text whose every line is short (a second
    pass joined ``11 1`` of ``11\n1\n<17 ones>`` to the next line), so passes repeat
    until nothing changes.  A repeat can only lengthen a line joined by the pass before,
    and every line stays within ``_WRAP_MAX`` (past it the text no longer reads as
    wrapped), so a chain of repeats is short: at most :data:`_MAX_PASSES`.
    """
    out = _unwrap_once(text)
    if out is text:  # not wrapped: the common case, one pass
        return text
    for _ in range(_MAX_PASSES):
        again = _unwrap_once(out)
        if again == out:
            break
        out = again
    return out


#: Passes of :func:`unwrap` at most: each repeat adds at least two characters (a space
#: and a letter) to a line that must stay within ``_WRAP_MAX`` columns.
_MAX_PASSES = 64


def _unwrap_once(text: str) -> str:
    """One pass of :func:`unwrap`: ``text`` itself when it does not read as wrapped."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines]  # 0: a blank line
    body = [n for n in lengths if n]
    if len(body) < 4 or max(body) > _WRAP_MAX:
        return text
    full = max(body) - _WRAP_SLACK
    if not (_wrapped(lines, lengths, full, len(body)) or _wrapped_paragraphs(lines, lengths, full)):
        return text
    # Without blank lines between paragraphs, a full line that ends a sentence before
    # one that opens another may end a paragraph ("...rubble.\nRead also: ..."): kept.
    # (Joined, 6 WMT dev articles wrapped this way lost their "Read also" line, CF502.)
    # Not in one paragraph, whose only short line is its last: kept, its sentence ends
    # read as line ends (MixSet's one-paragraph texts: P(MT) moved by up to 0.21).
    first = next(i for i, n in enumerate(lengths) if n)
    last = len(lengths) - next(i for i, n in enumerate(reversed(lengths)) if n)
    marked = 0 in lengths[first:last]  # a blank line between two lines of text
    several = any(n < full for n in body[:-1])
    out = []
    for (line, n), (after, m) in pairwise(zip(lines, lengths, strict=True)):
        out.append(line)
        soft = (n >= full and m and not _LIST_ITEM.match(after)
                and (marked or not several or not (_SENTENCE_END.search(line)
                                                   and _OPENS_SENTENCE.match(after))))
        out.append(" " if soft else "\n")
    out.append(lines[-1])
    return "".join(out)


def _mid_sentence(ends: list[str]) -> bool:
    """Most of these line ends break a sentence (one sentence per line ends them)."""
    return sum(e not in _CLOSERS for e in ends) >= len(ends) / 2


def _wrapped(lines: list[str], lengths: list[int], full: int, body: int) -> bool:
    """Most lines are full and break mid-sentence (paragraphs on consecutive lines)."""
    ends = [line[n - 1:n] for line, n in zip(lines, lengths, strict=True) if n >= full]
    return len(ends) >= max(3, 0.6 * body) and _mid_sentence(ends)


def _wrapped_paragraphs(lines: list[str], lengths: list[int], full: int) -> bool:
    """Every line a paragraph goes on after is full and most break mid-sentence (blank
    lines between short paragraphs, whose last lines are too many for :func:`_wrapped`:
    it saw 497 of the 610 WMT dev articles wrapped at 70 this way, both together 607)."""
    going_on = [(line, n) for (line, n), (_, m) in pairwise(zip(lines, lengths, strict=True))
                if n and m]
    ends = [line[n - 1:n] for line, n in going_on if n >= full]
    return len(going_on) >= 3 and len(ends) >= 0.8 * len(going_on) and _mid_sentence(ends)
