from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import fixture_and_dev_texts
from wirelint.text import unwrap
from wirelint_builtins.paraphrase import _text

# The sentence-end regex in its plain form (an alternation of a stop run and a line break).
END_REFERENCE = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'”’)\]]*+(?=\s)|\n")

_pieces = st.sampled_from([".", "!", "?", "...", "\"", "'", "”", "’", ")", "]", " ", "\n",
                           "\t", "a", "U.S.", "Mr.", "\r", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_sentence_end_regex_matches_its_reference_form(text):
    # _END also takes the whitespace after each end (group 1 is a stop's run), so the
    # line breaks in that whitespace are not matched again.
    expected, after = [], 0
    for m in END_REFERENCE.finditer(text):
        if m.start() < after:
            continue
        after = len(text) - len(text[m.end():].lstrip())
        expected.append((m.start(), m.end(), after))
    assert [(m.start(), m.start() + 1 if m.group(1) is None else m.end(1), m.end())
            for m in _text._END.finditer(text)] == expected


def _last_word_reference(text: str, start: int, end: int) -> str:
    """:func:`_text._last_word` as its docstring defines it."""
    return (text[start:end].split() or [""])[-1]


def _sentence_spans_reference(text: str) -> list[tuple[int, int]]:
    """sentence_spans as it was: a Python step per character of each sentence's last word,
    and a left strip per sentence."""
    def add(start: int, end: int) -> None:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, left + len(stripped)))

    spans: list[tuple[int, int]] = []
    start = 0
    for m in END_REFERENCE.finditer(text):
        if m.group() != "\n":
            last = _last_word_reference(text, start, m.start() + 1).rstrip(_text._TRIM).casefold()
            if last in _text._ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        add(start, m.end())
        start = m.end()
    add(start, len(text))
    return spans


_words = st.sampled_from(["U.S.", "u.s.", "Gen.", "J.", "end.", "end.\"", "(x.)", "?!", "...",
                          "a.b", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "word",
                          "x" * 45, "y" * 45 + ".", "”", "’", "İ.", "approx.", "Approx.",
                          "xapprox.", "sept.", "ſt.", "ﬅ.", "ß.", "Gen.”"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_words, st.text(max_size=4)), max_size=40).map("".join))
def test_sentence_spans_match_the_reference(text):
    assert _text.sentence_spans(text) == _sentence_spans_reference(text)
    assert _text.paragraph_spans(text) == _paragraph_spans_reference(text)


def _paragraph_spans_reference(text: str) -> list[tuple[int, int]]:
    """Paragraphs: the non-blank lines, stripped."""
    offset, lines = 0, []
    for line in text.split("\n"):
        if line.strip():
            left = offset + len(line) - len(line.lstrip())
            lines.append((left, left + len(line.strip())))
        offset += len(line) + 1
    return lines


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_sentence_spans_match_the_reference_in_any_unicode(text):
    assert _text.sentence_spans(text) == _sentence_spans_reference(text)
    assert _text.paragraph_spans(text) == _paragraph_spans_reference(text)


def test_sentence_spans_match_the_reference_on_fixtures_and_dev_texts():
    for text in fixture_and_dev_texts():
        assert _text.sentence_spans(text) == _sentence_spans_reference(text)
        reading = unwrap(text)  # as the family reads it
        assert _text.sentence_spans(reading) == _sentence_spans_reference(reading)
        assert _text.paragraph_spans(text) == _paragraph_spans_reference(text)
        assert _text.paragraph_spans(reading) == _paragraph_spans_reference(reading)


@given(st.text(), st.integers(0, 50), st.integers(0, 50))
def test_last_word_matches_the_reference(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _text._last_word(text, start, end) == _last_word_reference(text, start, end)


def test_no_abbreviation_has_seven_letters():
    # sentence_spans skips the abbreviation test after seven letters.
    assert max(map(len, _text._ABBREVIATIONS)) < 7
