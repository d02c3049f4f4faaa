"""A pattern's own functions (guard, message, suggest) misbehaving on the hot path cost
only that pattern's findings for the document: WL090 when one raises, WL092 when a finding
comes out of the wrong shape, WL091 when a third-party pattern's functions run past its
budget.  The other patterns' findings are kept and the check (or batch) goes on."""

from __future__ import annotations

import time

import pytest

import wirelint._scanner as scanner_module
from wirelint import Document, Host, Pattern
from wirelint._scanner import Scanner

from .test_host import _plugin, _rule, _word_finder

TEXT = "The minister said the talks would continue next week in the capital."
KEPT = Pattern(code="AB102", regex="minister", message="kept")


def _scan(pattern: Pattern, text: str = TEXT, trusted: bool = False):
    rules = {p.code: _rule(p.code) for p in (pattern, KEPT)}
    scanner = Scanner([("bad_plugin", pattern, trusted), ("bad_plugin", KEPT, trusted)], rules)
    return scanner.scan(text)


def _boom(*args):
    raise RuntimeError("exploded\nwith a second line")


def _shape(pattern: Pattern) -> list[Pattern]:
    """The pattern as a structural rule and as a lexicon (two paths through the scanner)."""
    return [pattern, Pattern(**{**{f: getattr(pattern, f) for f in (
        "code", "confidence", "guard", "message", "suggest")}, "words": ("talks",)})]


def _kept_only(scan) -> None:
    assert [(f.code, f.evidence, f.message) for f in scan.findings] == [
        ("AB102", "minister", "kept")]


@pytest.mark.parametrize("trusted", [False, True], ids=["third-party", "built-in"])
@pytest.mark.parametrize("field", ["guard", "message", "suggest"])
def test_a_raising_pattern_function_is_wl090_naming_plugin_code_and_exception(field, trusted):
    for pattern in _shape(Pattern(code="AB101", regex="talks", **{field: _boom})):
        scan = _scan(pattern, trusted=trusted)
        assert [(p.code, p.name, p.plugin) for p in scan.problems] == [
            ("WL090", "plugin-failed", "bad_plugin")]
        message = scan.problems[0].message
        assert "AB101" in message and "RuntimeError: exploded" in message
        assert "\n" not in message
        _kept_only(scan)


@pytest.mark.parametrize("field, value, reason", [
    ("message", lambda m: None, "message is NoneType, not str"),
    ("message", 42, "message is int, not str"),
    ("suggest", lambda m: 42, "suggestion is int, not str or None"),
    ("suggest", lambda m: b"talk", "suggestion is bytes, not str or None"),
])
def test_a_finding_of_the_wrong_type_is_wl092_and_dropped(field, value, reason):
    for pattern in _shape(Pattern(code="AB101", regex="talks", **{field: value})):
        scan = _scan(pattern)
        assert [(p.code, p.plugin) for p in scan.problems] == [("WL092", "bad_plugin")]
        assert reason in scan.problems[0].message and "AB101" in scan.problems[0].message
        _kept_only(scan)


@pytest.mark.parametrize("confidence", [1.5, -0.1, float("nan"), float("inf"), "high"])
def test_a_confidence_outside_0_to_1_never_leaves_the_scanner(confidence):
    for pattern in _shape(Pattern(code="AB101", regex="talks")):
        # Set past any load-time validation: the scanner checks what it emits.
        object.__setattr__(pattern, "confidence", confidence)
        scan = _scan(pattern)
        assert [p.code for p in scan.problems] == ["WL092"]
        _kept_only(scan)


@pytest.mark.parametrize("field", ["guard", "message", "suggest"])
def test_slow_pattern_functions_are_cut_off_at_the_budget_with_wl091(monkeypatch, field):
    monkeypatch.setattr(scanner_module, "THIRD_PARTY_TIMEOUT", 0.1)
    calls = []

    def slow(match, text=None):
        calls.append(1)
        time.sleep(0.02)  # 200 matches: 4 s
        return "talk" if field == "suggest" else True if field == "guard" else "slow"

    for pattern in _shape(Pattern(code="AB101", regex="talks", **{field: slow})):
        calls.clear()
        start = time.perf_counter()
        scan = _scan(pattern, "talks " * 200 + TEXT)
        assert time.perf_counter() - start < 2.0
        assert len(calls) < 100
        assert [(p.code, p.name) for p in scan.problems] == [("WL091", "plugin-timeout")]
        assert "bad_plugin" in scan.problems[0].message
        assert "AB101" in scan.problems[0].message
        _kept_only(scan)


def test_the_host_keeps_checking_and_batches_keep_every_document():
    bad = _plugin("AB", ["AB101", "AB102", "AB103"], name="bad_plugin",
                  patterns=[Pattern(code="AB101", regex="talks", guard=_boom),
                            Pattern(code="AB102", words=("capital",), message=lambda m: None),
                            Pattern(code="AB103", words=("minister",))])
    good = _plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "ZZ101"), name="good_plugin")
    host = Host(plugins=["wirelint", bad, good], entry_points=False)
    report = host.check(Document(text=TEXT, id="doc"))
    assert sorted(e.code for e in report.errors if e.plugin == "bad_plugin") == [
        "WL090", "WL092"]
    assert "ZZ101" in {f.code for f in report.findings}
    assert {"AB101", "AB102"}.isdisjoint(f.code for f in report.findings)
    assert "AB103" in {f.code for f in report.findings}
    docs = ["The mayor spoke on Monday about the city budget.", TEXT, TEXT]
    reports = list(host.check_many(docs, jobs=1))
    assert len(reports) == 3
    assert [sorted({e.code for e in r.errors}) for r in reports] == [
        [], ["WL090", "WL092"], ["WL090", "WL092"]]
