from __future__ import annotations

import dataclasses

import pytest

from wirelint import Document, Finding, Report, Span, Verdict
from wirelint.model import LineIndex, Probabilities


def _report(**kw):
    base = dict(id="a", language="en", language_confidence=1.0, findings=(), score=100.0,
                verdict=Verdict.HUMAN, probabilities=Probabilities())
    return Report(**{**base, **kw})


def test_records_are_frozen():
    doc = Document(text="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "y"  # type: ignore[misc]


def test_document_rejects_non_string_text():
    with pytest.raises(TypeError, match="must be str"):
        Document(text=b"bytes")  # type: ignore[arg-type]


def test_span_rejects_negative_and_reversed_ranges():
    with pytest.raises(ValueError):
        Span(-1, 2)
    with pytest.raises(ValueError):
        Span(5, 2)


def test_finding_at_takes_evidence_from_the_text():
    text = "the large -scale plan"
    f = Finding.at(text, 4, 16, code="MT301", message="m")
    assert f.evidence == "large -scale" == text[f.span.start:f.span.end]


def test_line_index_gives_one_based_line_and_column():
    index = LineIndex("ab\ncd\n\nef")
    assert index.line_col(0) == (1, 1)
    assert index.line_col(4) == (2, 2)
    assert index.line_col(7) == (4, 1)


def test_findings_sort_by_position_then_code():
    a = Finding.at("abcdef", 2, 3, code="MT302", message="")
    b = Finding.at("abcdef", 2, 3, code="MT301", message="")
    c = Finding.at("abcdef", 0, 1, code="MT309", message="")
    assert sorted([a, b, c], key=Finding.sort_key) == [c, b, a]


def test_report_dict_has_the_wire_schema_keys():
    keys = list(_report().to_dict())
    assert keys[:4] == ["id", "score", "verdict", "probabilities"]
    assert {"findings", "errors", "signature"} <= set(keys)
    assert list(_report().to_dict()["probabilities"]) == [
        "machine-translated", "machine-paraphrased", "human"]


def test_reports_are_hashable():
    assert hash(_report()) == hash(_report())


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_end_starts_a_line(end):
    # A file with old Mac line ends (a lone CR) had every finding on line 1.
    text = end.join(["ab", "cd", "", "ef"])
    index = LineIndex(text)
    assert index.line_col(text.index("cd")) == (2, 1)
    assert index.line_col(text.index("ef")) == (4, 1)
    assert index.line_col(text.index("ef") + 1) == (4, 2)
