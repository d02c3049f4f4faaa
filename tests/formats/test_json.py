from __future__ import annotations

import json

import pytest

from tests.formats.helpers import MT_TEXT, checked, render
from wirelint import Document

# Every character ``str.splitlines`` breaks on that JSON does not already escape.
SEPARATORS = ["\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_report_stays_on_one_line_whatever_separators_its_text_holds(host, separator):
    text = MT_TEXT.replace(" ", separator, 3).replace("\n", separator)
    docs = [Document(text=text, id=f"a{separator}b.txt"), Document(text=MT_TEXT, id="c.txt")]
    out = render("jsonl", checked(host, *docs))
    lines = out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["id"] == f"a{separator}b.txt"
    assert first["findings"], "the look-alike should still be flagged"


def test_the_json_array_parses_back_to_the_same_reports(host):
    docs = [Document(text=MT_TEXT.replace("\n", "\u2028"), id="x.txt")]
    pairs = checked(host, *docs)
    assert json.loads(render("json", pairs)) == [pairs[0][1].to_dict()]
