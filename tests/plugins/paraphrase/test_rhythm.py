from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint import Config, Host
from wirelint_builtins.paraphrase import FLAT_RHYTHM
from wirelint_builtins.paraphrase._rhythm import (
    _LIST_ITEM,
    MAX_CV,
    MIN_SENTENCE_WORDS,
    PARAGRAPH_WINDOW,
    SENTENCE_WINDOW,
    Stretch,
    _flat_runs,
    cv,
    flat_stretches,
)
from wirelint_builtins.paraphrase._text import (
    WIDE_SPACES,
    paragraph_spans,
    sentence_spans,
    word_counts,
)

ONLY = Config(select=("MP402",))
EVEN = FLAT_RHYTHM.example


def test_abbreviations_do_not_end_sentences():
    text = "U.S. Senator Marco Rubio spoke. J. Mansour wrote it.\nHeadline without stop"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "U.S. Senator Marco Rubio spoke.", "J. Mansour wrote it.", "Headline without stop"]


def test_paragraphs_are_non_blank_lines():
    text = "one\n\n  two \nthree"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["one", "two", "three"]


def test_cv_of_equal_lengths_is_zero():
    assert cv([10, 10, 10]) == 0.0
    assert round(cv([5, 15]), 3) == 0.5


def test_even_paragraphs_are_one_finding_spanning_the_stretch(host: Host):
    hits = host.check(EVEN, ONLY).findings
    assert len(hits) == 1
    assert hits[0].evidence.startswith("The two delegations") and hits[0].evidence.endswith(
        "territorial questions.")


def test_a_short_sentence_breaks_the_stretch(host: Host):
    broken = EVEN.replace("They had spent", "It was hard. They had spent")
    assert not host.check(broken, ONLY).findings


def test_list_items_are_not_prose():
    bullets = "\n".join(f"• Item {i} says the delegations met in Istanbul on Friday "
                        "for their first direct talks." for i in range(12))
    assert flat_stretches(bullets)[0] == []


def test_stretch_does_not_move_when_text_is_prepended(host: Host):
    prefix = "Short one.\n\nA clean paragraph with a sentence or two. Another.\n\n"
    base = host.check(EVEN, ONLY).findings[0]
    moved = host.check(prefix + EVEN, ONLY).findings[0]
    assert moved.span.start == base.span.start + len(prefix)
    assert moved.evidence == base.evidence


def test_human_style_copy_is_not_flagged(host: Host):
    assert not host.check(FLAT_RHYTHM.use_instead, ONLY).findings


def _paragraph_words_are_their_sentences_words(text: str) -> None:
    sentences = sentence_spans(text)
    for p_start, p_end in paragraph_spans(text):
        inside = [len(text[s:e].split()) for s, e in sentences if p_start <= s < p_end]
        assert len(text[p_start:p_end].split()) == sum(inside), (p_start, p_end)
    lines = [s for p in paragraph_spans(text) for s in sentences if p[0] <= s[0] < p[1]]
    assert lines == sentences  # every sentence lies in one paragraph
    # Counted in C, the same words; together, every word of the text (the family passes
    # their sum to MP403 as the text's word count).
    counts = word_counts(text, sentences)
    assert counts == [len(text[s:e].split()) for s, e in sentences]
    assert sum(counts) == len(text.split())


@given(st.lists(st.one_of(
    st.sampled_from(["U.S.", "Gen.", "J.", "end.", "end.\"", "(x.)", "?!", "...", "...x",
                     "a.b", " ", "  ", "\n", "\n\n", "\t", "\r", "\u2028", "\u00a0", "\x1c",
                     "\u3000", "word", "• item", "1. item", "”", "’"]),
    st.text(max_size=4)), max_size=40))
@settings(max_examples=400, deadline=None)
def test_a_paragraphs_words_are_its_sentences_words(pieces):
    _paragraph_words_are_their_sentences_words("".join(pieces))


@given(st.text())
def test_a_paragraphs_words_are_its_sentences_words_in_any_unicode(text):
    _paragraph_words_are_their_sentences_words(text)


def test_word_counts_know_every_space_beyond_ascii():
    assert "".join(c for c in map(chr, range(0x80, 0x110000)) if c.isspace()) == WIDE_SPACES
    text = "a\ud800b c" + WIDE_SPACES.join("xyz") + "\tq"
    spans = [(0, len(text))]
    assert word_counts(text, spans) == [len(text.split())]


def test_a_paragraphs_words_are_its_sentences_words_in_the_articles():
    root = Path(__file__).resolve().parents[3]
    for path in sorted((root / "fixtures").rglob("*.txt")):
        _paragraph_words_are_their_sentences_words(path.read_text("utf-8"))


def _flat_runs_reference(lengths, eligible, window):
    """_rhythm._flat_runs as it was: every window sliced, the flat units marked."""
    flat = [False] * len(lengths)
    for i in range(len(lengths) - window + 1):
        if all(eligible[i:i + window]) and cv(lengths[i:i + window]) < MAX_CV:
            for k in range(i, i + window):
                flat[k] = True
    runs, start = [], None
    for k, on in enumerate([*flat, False]):
        if on and start is None:
            start = k
        elif not on and start is not None:
            runs.append(range(start, k))
            start = None
    return runs


@pytest.mark.parametrize("length", [st.integers(8, 14), st.integers(0, 60)],
                         ids=["near-flat", "wide"])
@settings(max_examples=400, deadline=None)
@given(data=st.data(), window=st.sampled_from([1, 2, 4, 10]))
def test_flat_runs_match_the_reference(length, data, window):
    # near-flat lengths reach the float CV test; wide ones the exact integer test too
    units = data.draw(st.lists(st.tuples(length, st.booleans()), max_size=40))
    lengths = [n for n, _ in units]
    eligible = [ok for _, ok in units]
    assert _flat_runs(lengths, eligible, window) == _flat_runs_reference(
        lengths, eligible, window)


def _paragraph_words_reference(text):
    """flat_stretches' paragraph loop as it was (a step per sentence)."""
    sentences = sentence_spans(text)
    lengths = [len(text[s:e].split()) for s, e in sentences]
    sentence_ok = [n >= MIN_SENTENCE_WORDS for n in lengths]
    para_words, para_ok = [], []
    cursor = 0
    for p_start, p_end in paragraph_spans(text):
        inside = []
        is_list = _LIST_ITEM.match(text, p_start) is not None
        while cursor < len(sentences) and sentences[cursor][0] < p_end:
            if sentences[cursor][0] >= p_start:
                inside.append(lengths[cursor])
                sentence_ok[cursor] = sentence_ok[cursor] and not is_list
            cursor += 1
        para_words.append(sum(inside))
        para_ok.append(not is_list and len(inside) >= 2 and min(inside) >= MIN_SENTENCE_WORDS)
    return sentence_ok, para_words, para_ok


_LONG = ["One two three four five six seven eight nine ten eleven. ",
         "One two three four five six seven eight nine ten. "]
_SENTENCE = st.sampled_from([
    *_LONG * 8, "Short one. ", "\n", "\n", "\n\n",
    "• one two three four five six seven eight nine ten. ", "1. item ", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SENTENCE, st.text(max_size=3)), max_size=60).map("".join))
def test_flat_stretches_match_the_reference(text):
    stretches, sentences, lengths = flat_stretches(text)
    sentence_ok, para_words, para_ok = _paragraph_words_reference(text)
    paragraphs = paragraph_spans(text)
    expected = [
        Stretch(sentences[r[0]][0], sentences[r[-1]][1], "sentences", len(r),
                sum(lengths[k] for k in r))
        for r in _flat_runs_reference(lengths, sentence_ok, SENTENCE_WINDOW)]
    expected += [
        Stretch(paragraphs[r[0]][0], paragraphs[r[-1]][1], "paragraphs", len(r),
                sum(para_words[k] for k in r))
        for r in _flat_runs_reference(para_words, para_ok, PARAGRAPH_WINDOW)]
    assert stretches == expected


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=12), st.integers(0, 3))
def test_integer_test_skips_only_windows_cv_finds_uneven(values, spread):
    # _flat_runs skips a window when 40,000 * (n * squares - total^2) >= 901 * total^2
    # (CV >= 0.15008 exactly); cv() must then agree that it is not flat, also for
    # windows right at the edge (values spread by a few units around a mean).
    base = values[0] + 100
    for window in (values, [base + (k % (2 * spread + 1)) - spread for k in range(10)]):
        total = sum(window)
        if total and 40_000 * (len(window) * sum(v * v for v in window) - total * total) \
                >= 901 * total * total:
            assert cv(window) >= MAX_CV
    assert MAX_CV ** 2 < 901 / 40_000
