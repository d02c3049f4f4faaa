from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from wirelint import Config, Host

_HOST = Host(entry_points=False)
ALL = Config(select=("ALL",))
XD = [r for r in _HOST.rules.values() if r.code.startswith("XD6")]
SNIPPETS = st.sampled_from([d for r in XD for t in (r.example, r.use_instead)
                            for d in t.split("\n---\n")])


def _check(texts: list[str]) -> None:
    result = _HOST.check_cluster(texts, ALL)
    assert len(result.reports) == len(texts)
    for text, report in zip(texts, result.reports, strict=True):
        for f in report.findings:
            assert 0 <= f.span.start < f.span.end <= len(text)
            assert text[f.span.start:f.span.end] == f.evidence
            assert 0.0 <= f.confidence <= 1.0
    n = len(texts)
    assert len(result.similarity) == n * (n - 1) // 2
    assert all(0 <= a < b < n for a, b, _ in result.similarity)
    assert all(s in range(n) and d in range(n) for s, d in result.derivation)
    assert result.likely_source is None or 0 <= result.likely_source < n
    one = json.dumps(result.to_dict(), ensure_ascii=False)
    assert one == json.dumps(_HOST.check_cluster(texts, ALL).to_dict(), ensure_ascii=False)


@given(st.lists(st.text(), max_size=4))
def test_any_unicode_cluster_keeps_invariants(texts: list[str]):
    _check(texts)


@given(st.lists(st.lists(SNIPPETS, min_size=1, max_size=3).map(" ".join), max_size=4))
def test_clusters_of_rule_examples_keep_invariants(texts: list[str]):
    _check(texts)
