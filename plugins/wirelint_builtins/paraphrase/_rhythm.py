"""Flat rhythm (MP402): stretches of sentences, or of paragraphs, of near-equal length.

Reporters vary length: a long lede, a four-word quote, a one-sentence paragraph.  A
language model smooths it out: 20-to-25-word sentences, paragraphs of two or three of them.
Measured on human news (wmt-news-mt human-original dev, README "Accuracy"), a document-wide
coefficient of variation (CV) of sentence length below 0.31 is the 10th percentile, too
common to flag, so the rule looks for *stretches* that human copy almost never has:

* four or more consecutive paragraphs of two or more sentences each whose word counts
  have a CV under 0.15, or
* ten or more consecutive sentences whose lengths have a CV under 0.15.

Every sentence in a stretch must have at least ten words: a short sentence (a quote, a
"he said.") is exactly the variation human copy has, and it breaks the stretch.  List
items ("• ...", "1. ...") are not prose and break it too.  A stretch is local, so text
added before or after it never moves it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

from ._text import paragraph_spans, sentence_spans, word_counts

MIN_SENTENCE_WORDS = 10
PARAGRAPH_WINDOW = 4
SENTENCE_WINDOW = 10
MAX_CV = 0.15
_LIST_ITEM = re.compile(r"[•·▪●◦‣*+–—-]|\d{1,3}[.)]\s")


@dataclass(frozen=True, slots=True)
class Stretch:
    """A run of even units: its character span and what it is made of."""

    start: int
    end: int
    kind: str  #: "paragraphs" or "sentences"
    units: int
    words: int


def cv(values: Sequence[int]) -> float:
    """Coefficient of variation (population standard deviation over the mean)."""
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    if mean == 0:
        return 0.0
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) / mean


def _flat_runs(lengths: Sequence[int], eligible: Sequence[bool], window: int) -> list[range]:
    """Maximal runs of units covered by some flat, fully eligible window.

    Windows are tried only inside runs of eligible units (``index`` finds each run's
    ends in C, where a slice per window was tested), and the flat ones are merged as they
    come, in order: one that reaches the run so far extends it.
    """
    runs: list[range] = []
    start = end = 0  # the run being merged, [start, end); none while end is 0
    a, n = 0, len(eligible)
    while a < n:
        try:
            a = eligible.index(True, a)
        except ValueError:
            break
        try:
            b = eligible.index(False, a)
        except ValueError:
            b = n
        for i in range(a, b - window + 1):
            values = lengths[i:i + window]
            total = sum(values)
            # Exactly, in integers, CV squared is (n * sum of squares - total^2) / total^2:
            # a window clearly above MAX_CV (0.15 by 0.05%, beyond any rounding of
            # cv()'s floats) is not flat, and cv() is left for the others.
            if total and 40_000 * (window * sum(map(mul, values, values)) - total * total) \
                    >= 901 * total * total:
                continue
            if cv(values) < MAX_CV:
                if end and i <= end:
                    end = i + window
                else:
                    if end:
                        runs.append(range(start, end))
                    start, end = i, i + window
        a = b
    if end:
        runs.append(range(start, end))
    return runs


def flat_stretches(text: str) -> tuple[list[Stretch], list[tuple[int, int]], list[int]]:
    """Every flat stretch, plus the sentence spans and their word counts (for messages)."""
    sentences = sentence_spans(text)
    lengths = word_counts(text, sentences)
    paragraphs = paragraph_spans(text)
    para_words, para_ok = [], []
    sentence_ok = [n >= MIN_SENTENCE_WORDS for n in lengths]
    starts = [start for start, _ in sentences]
    cursor = 0
    for p_start, p_end in paragraphs:
        is_list = _LIST_ITEM.match(text, p_start) is not None
        # The sentences that start in the paragraph (bisected: they are in order).
        first = bisect_left(starts, p_start, cursor)
        cursor = bisect_left(starts, p_end, first)
        inside = lengths[first:cursor]
        if is_list:
            sentence_ok[first:cursor] = [False] * (cursor - first)
        # Its sentences' words: a sentence ends at every line break and only before
        # whitespace, so the paragraph's words are theirs (tested), with no second split.
        para_words.append(sum(inside))
        para_ok.append(not is_list and len(inside) >= 2 and min(inside) >= MIN_SENTENCE_WORDS)
    stretches = [
        Stretch(sentences[r[0]][0], sentences[r[-1]][1], "sentences", len(r),
                sum(lengths[k] for k in r))
        for r in _flat_runs(lengths, sentence_ok, SENTENCE_WINDOW)
    ]
    stretches += [
        Stretch(paragraphs[r[0]][0], paragraphs[r[-1]][1], "paragraphs", len(r),
                sum(para_words[k] for k in r))
        for r in _flat_runs(para_words, para_ok, PARAGRAPH_WINDOW)
    ]
    return stretches, sentences, lengths


def longest(stretches: Sequence[Stretch]) -> Stretch:
    """The stretch to report: most words, then earliest."""
    return max(stretches, key=lambda s: (s.words, -s.start))
