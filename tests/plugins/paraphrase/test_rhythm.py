from __future__ import annotations

from wirelint import Config, Host
from wirelint_builtins.paraphrase import FLAT_RHYTHM
from wirelint_builtins.paraphrase._rhythm import cv, flat_stretches
from wirelint_builtins.paraphrase._text import paragraph_spans, sentence_spans

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
