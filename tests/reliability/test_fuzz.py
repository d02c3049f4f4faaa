"""Whole-pipeline fuzzing: check, check_many, check_cluster and every output format.

The default profile runs a few dozen examples per test; ``HYPOTHESIS_PROFILE=fuzz``
runs 10,000 (see README "Reliability" for the recorded run).
"""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from wirelint import Config, Document, Host, Report
from wirelint._fixes import apply_fixes
from wirelint.cli import _jsonl_records
from wirelint.formats import FORMATS, get_writer

_HOST = Host(entry_points=False)
ALL = Config(select=("ALL",))

NASTY = ["\x00", "\x01", "\x1b", "\x7f", "\u0301", "\u0308", "\u200b", "\u200d", "\u200e",
         "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffd", "\ud800", "\udfff", "\r", "\n",
         "\t", "\u2028", "\u2029", "\x85", "\u00a0", "\U0001f600", "Ж", "ß", "İ", "ǅ", "-", "%",
         " ", ":", "«"]
ARTICLE = (
    "Delegations sit for the first talks in three years\n"
    "On Friday, Russian and Ukrainian negotiators gathered in Istanbul for their first "
    "direct peace talks, the month after the large -scale invasion of kyiv.\n"
    "\"We hope for a cease-fire,\" the minister said. He was 100%sure : the Russian party "
    "would be represented by a presidential aid, who came in costume.\n"
    "How useful was this article? Click on a star to rate it!\n")


@st.composite
def edited_article(draw: st.DrawFn) -> str:
    text = ARTICLE * draw(st.integers(1, 3))
    for _ in range(draw(st.integers(0, 12))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(NASTY)) * draw(st.integers(1, 3)) + text[pos:]
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
    return text


TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=50),
    edited_article(),
    st.sampled_from(["", " ", "\n\n\t", "\u200b", "\x00" * 10]),
    st.builds(lambda n, w: (w + " ") * n, st.integers(500, 3000),
              st.sampled_from(["word", "large -scale", "100%x", "kyiv", "«»"])),
)


def _assert_valid(text: str, report) -> None:
    for f in report.findings:
        assert 0 <= f.span.start < f.span.end <= len(text)
        assert text[f.span.start:f.span.end] == f.evidence
    assert 0.0 <= report.score <= 100.0
    p = report.probabilities
    assert abs(p.machine_translated + p.machine_paraphrased + p.human - 1.0) < 1e-3
    json.loads(json.dumps(report.to_dict()))


@given(TEXTS)
def test_check_never_raises_and_spans_are_valid(text: str):
    _assert_valid(text, _HOST.check(text, ALL))


@given(st.lists(TEXTS, max_size=4))
def test_check_many_gives_one_report_per_input_in_order(texts: list[str]):
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    reports = list(_HOST.check_many(docs, config=ALL))
    assert [r.id for r in reports] == [str(i) for i in range(len(texts))]
    for text, report in zip(texts, reports, strict=True):
        _assert_valid(text, report)


@given(st.lists(TEXTS, max_size=4))
def test_check_cluster_never_raises(texts: list[str]):
    result = _HOST.check_cluster(texts, ALL)
    assert len(result.reports) == len(texts)
    for text, report in zip(texts, result.reports, strict=True):
        _assert_valid(text, report)
    json.loads(json.dumps(result.to_dict()))


@given(st.lists(TEXTS, min_size=1, max_size=3), st.sampled_from(sorted(FORMATS)))
def test_every_output_format_renders_any_report(texts: list[str], name: str):
    stream = io.StringIO()
    writer = get_writer(name, stream)
    for i, text in enumerate(texts):
        writer.write(_HOST.check(Document(text=text, id=f"doc{i}.txt"), ALL))
    writer.finish()
    out = stream.getvalue()
    out.encode("utf-8", "backslashreplace")
    if name == "json":
        assert len(json.loads(out)) == len(texts)
    if name == "jsonl":
        assert len([json.loads(line) for line in out.splitlines()]) == len(texts)


@given(TEXTS, st.booleans())
def test_fixing_any_report_gives_text_that_checks_again(text: str, unsafe: bool):
    report = _HOST.check(text, ALL)
    fixed = apply_fixes(text, report.findings, _HOST.rules, unsafe=unsafe)
    assert isinstance(fixed.text, str)
    assert fixed.text == text or fixed.applied
    _assert_valid(fixed.text, _HOST.check(fixed.text, ALL))


RECORD_LINES = st.one_of(
    TEXTS.map(lambda t: json.dumps({"id": "r", "text": t}).encode()),
    TEXTS.map(lambda t: json.dumps({"text": t}, ensure_ascii=False)
              .encode("utf-8", "surrogatepass")),  # a lone surrogate: invalid UTF-8
    st.binary(max_size=80),
    st.sampled_from([b"", b"  ", b"\r", b"{", b"[]", b"null", b'{"text": 1}', b'{"id": 2}',
                     b'\xef\xbb\xbf{"text": "BOM"}', b'{"text": "a"}\r']),
).map(lambda line: line.replace(b"\n", b" "))


@given(st.lists(RECORD_LINES, min_size=1, max_size=12))
def test_json_lines_reader_gives_one_result_per_line_in_order(lines: list[bytes]):
    stream = io.BytesIO(b"\n".join(lines) + b"\n")
    items = list(_jsonl_records(stream, "in.jsonl", _HOST, ALL))
    assert len(items) == len(lines)
    for lineno, item in enumerate(items, start=1):
        if isinstance(item, Report):
            assert item.errors[0].code in {"WL002", "WL004", "WL005"}
            assert f"in.jsonl:{lineno}" in item.errors[0].message
        else:
            assert isinstance(item, Document) and isinstance(item.text, str)
