"""The shipped literals of the built-in structural passes (data/required_literals.json):
current, and a cold scanner gated by them finds exactly what an ungated one finds."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given

from tests.core.test_engines import HOST, SALTED_DOCUMENTS, _documents
from wirelint import Host, _prefilter, _scanner
from wirelint._scanner import Scanner, known_literals

SAME_PYTHON = known_literals() != {}


def _builtin_passes() -> list[_scanner._Structural]:
    return [s for s in Host(entry_points=False)._state.scanner.structural if s.owned.trusted]


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the file is derived under 3.11")
def test_the_file_holds_the_derived_literals_of_every_builtin_pass():
    # Stale after a built-in pattern changed: run scripts/build_required_literals.py.
    known = known_literals()
    passes = _builtin_passes()
    assert len(passes) > 20
    for st_ in passes:
        key = (st_.source, int(st_.flags))
        assert key in known, st_.owned.pattern.code
        assert known[key] == _prefilter.required_literals(st_.source, st_.flags)
    assert len(known) == len({(s.source, int(s.flags)) for s in passes})


def test_a_cold_scanner_gates_the_builtin_passes_with_them():
    plan = Scanner(HOST._patterns, HOST.rules)._plan
    assert plan.stage == 0
    gated = [g for g in plan.passes if g.literals is not None]
    assert all(g.st.owned.trusted for g in gated)
    assert (len(gated) > 10) == SAME_PYTHON


def test_another_python_gets_no_shipped_literals(monkeypatch, tmp_path):
    path = tmp_path / "literals.json"
    path.write_text('{"python": "2.7", "passes": [{"source": "x", "flags": 0, '
                    '"literals": ["ab"], "lowered": false}]}', encoding="utf-8")
    monkeypatch.setattr(_scanner, "LITERALS_FILE", path)
    _scanner.known_literals.cache_clear()
    try:
        assert known_literals() == {}
    finally:
        monkeypatch.undo()
        _scanner.known_literals.cache_clear()


@pytest.fixture(scope="module")
def cold_pair():
    """A cold scanner with the shipped literals and one without any gate, both kept cold."""
    gated = Scanner(HOST._patterns, HOST.rules, engine="re")
    original = _scanner.known_literals
    _scanner.known_literals = lambda: {}  # type: ignore[assignment]
    try:
        ungated = Scanner(HOST._patterns, HOST.rules, engine="re")
    finally:
        _scanner.known_literals = original
    assert all(g.literals is None for g in ungated._plan.passes)
    return gated, ungated


@pytest.fixture(autouse=True)
def _stay_cold(monkeypatch):
    monkeypatch.setattr(_scanner, "WARM_AFTER", 10**9)
    monkeypatch.setattr(_scanner, "WARM_STRUCTURAL_CHARS", 10**12)
    monkeypatch.setattr(_scanner, "WARM_LEXICON_CHARS", 10**12)


def test_gated_and_ungated_cold_scanners_agree_on_articles_fixtures_and_corpus(cold_pair):
    gated, ungated = cold_pair
    docs = _documents()
    assert len(docs) > 50
    for doc in docs:
        assert gated.scan(doc).findings == ungated.scan(doc).findings, doc[:80]
    assert gated._plan.stage == 0


@given(text=SALTED_DOCUMENTS)
def test_gated_and_ungated_cold_scanners_agree_on_salted_documents(cold_pair, text):
    gated, ungated = cold_pair
    assert gated.scan(text).findings == ungated.scan(text).findings
