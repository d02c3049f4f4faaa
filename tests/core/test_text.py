"""``wirelint.text.unwrap``: hard-wrapped copy as paragraphs, offsets kept."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint import Host
from wirelint.text import unwrap

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"

_PARAGRAPH = ("The council approved next year's budget on Tuesday after a debate that lasted "
              "less than an hour, and officials said work on the roads would start in May. ")


def test_a_wrapped_paragraph_becomes_one_line_of_the_same_length():
    text = textwrap.fill(_PARAGRAPH * 3, 70) + "\n\nA second, short paragraph."
    out = unwrap(text)
    assert len(out) == len(text)
    assert out.split("\n\n")[0] == (_PARAGRAPH * 3).strip()
    assert out.endswith("\n\nA second, short paragraph.")


def test_short_paragraphs_between_blank_lines_are_unwrapped():
    # Most paragraphs are one short line, a blank line between: so few lines are full
    # that "most lines are full" fails, but every line a paragraph goes on after is full
    # and breaks mid-sentence.
    long = "Officials said the plan would be reviewed in the autumn, after the repairs."
    paragraphs = [long, "The vote was seven to two.", long, "Two members left early.",
                  long, "No date was set.", "The mayor did not comment."]
    text = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs)
    assert text.count("\n") > 2 * (len(paragraphs) - 1)  # the long ones wrapped
    assert unwrap(text).split("\n\n") == paragraphs


#: Two wrapped paragraphs whose first ends on a full line, then a link line.
_ENDS_FULL = [
    "The council approved next year's budget on Tuesday after a debate",
    "that lasted less than an hour, and officials said work on the roads",
    "would start in May. The mayor said the bridges would follow later.",
    "Read also: the budget in numbers",
    "Officials said the plan would be reviewed in the autumn, after the",
    "repairs, and that residents would be told of any closures before",
    "they began. No date was set for the first of the public meetings.",
    "The vote was seven to two.",
]


def test_without_blank_lines_a_full_line_ending_a_sentence_may_end_a_paragraph():
    # Paragraphs on consecutive lines: a full line that ends a sentence, before a line
    # that opens one, is kept as a break.  Joined, "...later. Read also: ..." lost its
    # link-line finding (CF502 on 6 WMT dev articles wrapped this way).
    text = "\n".join(_ENDS_FULL)
    assert unwrap(text) == "\n".join([" ".join(_ENDS_FULL[0:3]), _ENDS_FULL[3],
                                      " ".join(_ENDS_FULL[4:7]), _ENDS_FULL[7]])


def test_in_one_paragraph_every_full_line_is_a_wrap():
    # Its only short line is its last, so its sentence ends are no paragraph ends
    # (read as line ends, MixSet's one-paragraph texts moved P(MT) by up to 0.21).
    lines = [*_ENDS_FULL[0:3], *_ENDS_FULL[4:7], "The vote was seven to two."]
    assert unwrap("\n".join(lines)) == " ".join(lines)


def test_with_blank_lines_every_full_line_inside_a_paragraph_is_a_wrap():
    # Blank lines mark the paragraphs, so the same sentence end inside one is a wrap.
    paragraphs = [[*_ENDS_FULL[0:3], "The mayor did not comment."], [_ENDS_FULL[3]],
                  _ENDS_FULL[4:]]
    text = "\n\n".join("\n".join(lines) for lines in paragraphs)
    assert unwrap(text).split("\n\n") == [" ".join(lines) for lines in paragraphs]


def test_one_paragraph_per_line_is_left_alone():
    text = "Headline\n" + "\n".join([_PARAGRAPH.strip()] * 5)  # lines over 100 columns
    assert unwrap(text) is text


def test_list_items_are_never_joined():
    items = "\n".join(f"{i}. an item of the list, about as long as the others are" for i in
                      range(1, 8))
    assert unwrap(items) == items


@given(st.text(alphabet=st.sampled_from("aA \n.-*1\""), max_size=400))
@settings(max_examples=300, deadline=None)
def test_only_line_breaks_become_spaces(text):
    out = unwrap(text)
    assert len(out) == len(text)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(text, out, strict=True))
    assert unwrap(text) == out
    assert unwrap(out) == out  # the host unwraps, then a plugin may again


def test_unwrapping_twice_changes_nothing_when_a_joined_line_reads_full():
    """Hypothesis found it in CI: a joined line ('11 1') of a text whose every line is
    short read as a full line on a second pass and was joined again."""
    text = "11\n1\n11111111111111111\n\n11\n\n1"
    out = unwrap(text)
    assert unwrap(out) == out and len(out) == len(text)


@pytest.mark.parametrize("width", [40, 60, 70])
def test_the_host_reads_hard_wrapped_copy_as_its_paragraphs(width):
    # Detectors get the unwrapped text (same length, so spans stay put): wrapped at 40
    # or 60 columns, this copy lost a spaced hyphen split across lines and moved its
    # probabilities; now it gets what its paragraphs get.
    host = Host(entry_points=False)
    copy = "\n\n".join((ARTICLES / name).read_text("utf-8").strip() for name in (
        "machine-translated/talks-roundtrip.txt", "human/council-budget.txt"))
    paragraphs = copy.replace("\n\n", "\n").split("\n")
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    flat = "\n\n".join(paragraphs)
    plain, seen = host.check(flat), host.check(wrapped)
    assert seen.probabilities == plain.probabilities
    assert [(f.code, f.span) for f in seen.findings] != []
    assert [(f.code, f.evidence.replace("\n", " ")) for f in seen.findings] == [
        (f.code, f.evidence) for f in plain.findings]
    for f in seen.findings:
        assert wrapped[f.span.start:f.span.end] == f.evidence
