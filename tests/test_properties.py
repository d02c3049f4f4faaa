"""Hypothesis properties over the whole pipeline, one test for all rules.

Any text gives a report whose spans round-trip, in bounds, sorted; a second run gives
byte-identical JSON; prepending a clean paragraph only shifts offsets.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wirelint import Config, Host
from wirelint.formats.json import dumps

_HOST = Host(entry_points=False)
ALL = Config(select=("ALL",))

SNIPPETS = st.sampled_from(
    [r.example for r in _HOST.rules.values()] + [r.use_instead for r in _HOST.rules.values()])
EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["\x00", "\u200d", "\u202e", "\u0301", "\n", " ", "-", "%", "\t", "\ufeff", "é", "Ж"])),
    max_size=8)


def _check_invariants(text: str) -> None:
    report = _HOST.check(text, ALL)
    previous = (-1, -1, "")
    for f in report.findings:
        assert 0 <= f.span.start < f.span.end <= len(text)
        assert text[f.span.start:f.span.end] == f.evidence
        assert f.code in _HOST.rules
        assert 0.0 <= f.confidence <= 1.0
        assert f.sort_key() >= previous
        previous = f.sort_key()
    assert 0.0 <= report.score <= 100.0
    assert dumps(report) == dumps(_HOST.check(text, ALL))


@given(st.text())
def test_any_unicode_gives_valid_deterministic_report(text: str):
    _check_invariants(text)


@given(st.lists(SNIPPETS, min_size=1, max_size=6), EDITS)
def test_rule_examples_with_random_edits_keep_invariants(parts: list[str], edits):
    text = " ".join(parts)
    for pos, ch in edits:
        pos %= len(text) + 1
        text = text[:pos] + ch + text[pos:]
    _check_invariants(text)


CLEAN = ("The council met on Tuesday and approved the budget after a short debate. "
         "Officials said the vote had been expected for weeks.\n\n")


@given(st.lists(SNIPPETS, min_size=2, max_size=5))
def test_prepending_clean_paragraph_only_shifts_offsets(parts: list[str]):
    text = " ".join(parts)
    base = _HOST.check(text, ALL)
    shifted = _HOST.check(CLEAN + text, ALL)
    # ST7xx judge the document as a whole (a style profile), so a new paragraph may
    # rightly change them; every span-local rule must only shift.
    base_spans = {(f.code, f.span.start + len(CLEAN), f.span.end + len(CLEAN))
                  for f in base.findings if not f.code.startswith("ST")}
    new_spans = {(f.code, f.span.start, f.span.end) for f in shifted.findings}
    assert base_spans <= new_spans
