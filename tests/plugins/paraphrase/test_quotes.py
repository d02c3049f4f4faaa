from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import fixture_and_dev_texts
from wirelint import Config, Host
from wirelint_builtins.paraphrase import NO_DIRECT_QUOTES, _lowered, _quotes
from wirelint_builtins.paraphrase._quotes import dissolved_quotes, longest_quote

ONLY = Config(select=("MP403",))


def test_scare_quotes_are_not_direct_speech():
    assert longest_quote('Moscow calls it a "special military operation".') == 3


def test_apostrophes_do_not_open_or_close_quotes():
    assert longest_quote("Ukraine’s army chief said ‘we will hold the line’.") == 5
    assert longest_quote("Ukraine’s army and Russia’s navy met.") == 0


def test_curly_and_straight_quotes_are_measured():
    assert longest_quote("He said “we want a ceasefire soon” on Friday.") == 5
    assert longest_quote('He said "we want a ceasefire soon" on Friday.') == 5


def test_a_hard_wrapped_quotation_is_still_a_quotation():
    wrapped = ('The minister said "we will not accept any\n'
               'ceasefire that freezes the front" on Friday.')
    assert longest_quote(wrapped) == 10


def test_a_quotation_carried_over_a_paragraph_break_counts():
    # News style: the first paragraph of a long quotation is left open.
    text = 'He said: "We are ready to talk.\n"But not at any price," he added.'
    assert longest_quote(text) >= 5


def test_straight_quotes_on_one_line_do_not_pair_across_lines():
    text = 'It calls it a "special operation".\nOthers say "war" and "invasion".'
    assert longest_quote(text) == 2


def test_hard_wrapped_article_with_quotes_is_not_flagged(host: Host):
    text = NO_DIRECT_QUOTES.use_instead
    words = text.replace("\n", " ").split(" ")
    wrapped = "\n".join(" ".join(words[i:i + 9]) for i in range(0, len(words), 9))
    assert not host.check(wrapped, ONLY).findings


def test_span_is_the_last_attribution(host: Host):
    text = NO_DIRECT_QUOTES.example
    finding = host.check(text, ONLY).findings[0]
    assert finding.evidence == "warned"
    assert "attributions" in finding.message


def test_united_states_is_not_an_attribution(host: Host):
    text = NO_DIRECT_QUOTES.example.replace("warned", "in the United States think")
    assert all(f.evidence != "States" for f in host.check(text, ONLY).findings)


def test_one_direct_quote_clears_the_document(host: Host):
    assert not host.check(NO_DIRECT_QUOTES.use_instead, ONLY).findings


def test_short_documents_are_not_judged(host: Host):
    text = "He said it. She said it. They said it. I said it. We said it. You said it."
    assert not host.check(text, ONLY).findings


def _case_blind(text: str) -> tuple[list[tuple[int, int]], int] | None:
    """:func:`dissolved_quotes` searching the text as given, case-insensitively."""
    words = len(text.split())
    if words < _quotes.MIN_WORDS or any(
            n >= _quotes.MIN_QUOTE_WORDS for n in _quotes._quote_lengths(text)):
        return None
    found = [m.span() for m in _quotes.ATTRIBUTION.finditer(text)]
    soft = [m.span() for m in _quotes.SOFT_ATTRIBUTION.finditer(text)
            if _quotes._speaker_before(text, m.start())]
    if soft and len(found) + len(soft) >= _quotes.SOFT_DENSITY * words:
        found = sorted(found + soft, key=lambda span: span[0])
    return None if len(found) < _quotes.MIN_ATTRIBUTIONS else (found, words)


_PIECES = st.sampled_from([
    "He said", "SAID", "Saıd", "ſays", "told", "Stated", "emphasized", "EMPHASISING",
    "pointed  out", "pointed\nout", "According to", "according\tto", "insiſted", "she",
    "revealed that", "REVEALED THAT", "Indicated that", "the minister disclosed that",
    "Peskov", "İ", "ı", "\u212a", "-", "_", ".", " ", "\n", '"', "“", "word", "the"])


@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40),
       filler=st.integers(0, 160))
@settings(max_examples=300, deadline=None)
def test_attributions_are_found_where_the_case_blind_search_found_them(pieces, filler):
    text = " ".join(pieces) + " x" * filler
    assert dissolved_quotes(text) == _case_blind(text)


def test_attributions_in_the_articles_are_found_where_the_case_blind_search_found_them():
    root = Path(__file__).resolve().parents[3]
    for path in sorted((root / "fixtures").rglob("*.txt")):
        text = path.read_text("utf-8")
        for variant in (text, text.upper(), text.replace('"', "").replace("“", ""),
                        "İ " + text.replace('"', "")):
            assert dissolved_quotes(variant) == _case_blind(variant)


#: The opening single quote as it was written before it opened with the quote.
_OLD_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=\w)", re.MULTILINE)


@given(st.lists(st.one_of(st.sampled_from(["'", "'We", "x'", "\n'", "('", "—'", "-'", " '",
                                           "\r'", "\u2028'", "''a", "a", " ", "\n", "é"]),
                          st.text(max_size=3)), max_size=20))
@settings(max_examples=300, deadline=None)
def test_single_quotes_open_where_they_opened(pieces):
    text = "".join(pieces)
    assert [m.span() for m in _quotes._SINGLE_OPEN.finditer(text)] == [
        m.span() for m in _OLD_SINGLE_OPEN.finditer(text)]


def test_single_quotes_in_the_articles_open_where_they_opened():
    root = Path(__file__).resolve().parents[3]
    for path in sorted((root / "fixtures").rglob("*.txt")):
        text = path.read_text("utf-8").replace('"', "'").replace("“", "'")
        assert [m.span() for m in _quotes._SINGLE_OPEN.finditer(text)] == [
            m.span() for m in _OLD_SINGLE_OPEN.finditer(text)]


def _straight_quotes_reference(text: str) -> list[int]:
    """The straight quotes as they were read: blocks of lines, each line with an odd
    count of marks going on into the next, paired within a block."""
    blocks, block, marks = [], [], 0
    for line in text.split("\n"):
        block.append(line)
        marks += line.count('"')
        if marks % 2 == 0:
            blocks.append("\n".join(block))
            block, marks = [], 0
    if block:
        blocks.append("\n".join(block))
    out = []
    for b in blocks:
        parts = b.split('"')
        out += [len(parts[k].split()) for k in range(1, len(parts) - 1, 2)]
    return out


@given(st.lists(st.one_of(st.sampled_from(['"', '"', "\n", " ", "a b", "word", "\u2028"]),
                          st.text(max_size=3)), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_straight_quotes_match_the_blocks_of_lines(text):
    assert list(_quotes._straight_quotes(text)) == _straight_quotes_reference(text)


@pytest.mark.parametrize(("before", "speaks"), [
    ("The minister", True),
    ("Talks ended and Peskov", True),
    ("Officials later", True),
    ("The audit", False),
    ("Documents obtained by Reuters", False),  # a name after a preposition is no subject
    ("A report sent to Parliament", False),
    ("The head of Gazprom", True),  # ... but the head it hangs on may be
    ("A spokesman for the Kremlin", True),
    ("Spokesmen for Gazprom", True),
    ("Records from Moscow", False),
])
def test_a_soft_verb_counts_after_a_speaker(before, speaks):
    text = f"Meanwhile. {before} revealed that the plan was ready."
    assert _quotes._speaker_before(text, text.index(" revealed") + 1) is speaks


#: The lowered attribution pattern as it was: ``ATTRIBUTION`` opening with the
#: look-behind, every verb an alternative.
_OLD_LOWERED = re.compile(_lowered.pattern(_quotes.ATTRIBUTION.pattern))


def _lowered_attributions(low: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end() - 1) for m in _quotes._LOWERED_TRIE.finditer(" " + low)]


@given(st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3)),
                                     max_size=40).map(" ".join)))
@settings(max_examples=300, deadline=None)
def test_lowered_attributions_match_the_alternation(text):
    low = text.lower()
    assert _lowered_attributions(low) == [m.span() for m in _OLD_LOWERED.finditer(low)]


def test_lowered_attributions_match_the_alternation_on_fixtures_and_dev_texts():
    for text in fixture_and_dev_texts():
        low = text.lower()
        assert _lowered_attributions(low) == [m.span() for m in _OLD_LOWERED.finditer(low)]


def test_the_trie_holds_every_verb_of_the_alternation():
    for verb in _quotes._VERBS:
        assert _quotes.ATTRIBUTION.fullmatch(verb)
        assert _lowered_attributions(f"{verb} x") == [(0, len(verb))]
    # Every alternative of ATTRIBUTION ([sz] spelt both ways) is one of _VERBS.
    body = _quotes.ATTRIBUTION.pattern.split("(?:", 1)[1].rsplit(")(?!", 1)[0]
    words = {w.replace("[sz]", c) for w in body.split("|") for c in "sz"}
    assert words == set(_quotes._VERBS)
