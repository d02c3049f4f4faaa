"""``wirelint.text.unwrap``: hard-wrapped copy as paragraphs, offsets kept."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint.text import unwrap

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


def test_one_paragraph_per_line_is_left_alone():
    text = "Headline\n" + "\n".join([_PARAGRAPH.strip()] * 5)  # lines over 100 columns
    assert unwrap(text) is text


def test_list_items_are_never_joined():
    items = "\n".join(f"{i}. an item of the list, about as long as the others are" for i in
                      range(1, 8))
    assert unwrap(items) == items


@given(st.text(alphabet=st.sampled_from("ab \n.-*1"), max_size=400))
@settings(max_examples=300, deadline=None)
def test_only_line_breaks_become_spaces(text):
    out = unwrap(text)
    assert len(out) == len(text)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(text, out, strict=True))
    assert unwrap(text) == out
