from __future__ import annotations

import math
from pathlib import Path

import pytest

from wirelint import Document
from wirelint._scoring import WEIGHTS
from wirelint_builtins import stylometry as st
from wirelint_builtins.stylometry import _features

ROOT = Path(__file__).resolve().parents[3]
NONNATIVE = sorted((ROOT / "fixtures" / "articles" / "human-nonnative").glob("*.txt"))
MT_LIKE = st.MT_OUTPUT.example
LLM_LIKE = st.LLM_REWRITE.example


def test_model_file_is_small_and_loads_every_rule():
    path = Path(st.__file__).with_name("model.json")
    assert path.stat().st_size < 1_000_000
    assert set(st.MODELS) == {r.code for r in st.RULES}
    assert st.VERSION.startswith("st7-")


def test_scorer_weights_know_every_statistical_code():
    assert set(WEIGHTS["statistical"]) == set(st.MODELS)


def test_measure_gives_a_probability_per_model():
    m = st.measure(MT_LIKE)
    assert set(m) == set(st.MODELS)
    assert all(0.0 <= p <= 1.0 for p in m.values())


def test_short_text_is_not_profiled():
    assert st.measure("Officials said the vote was expected.") == {}
    assert st.findings_for("Officials said the vote was expected.") == []


def test_measure_is_deterministic():
    assert st.measure(LLM_LIKE) == st.measure(LLM_LIKE)


def test_finding_evidence_is_its_span_and_message_names_drivers():
    findings = st.findings_for(MT_LIKE)
    assert findings
    for f in findings:
        assert MT_LIKE[f.span.start:f.span.end] == f.evidence
        assert "drivers:" in f.message and "p=" in f.message
        assert 0.0 <= f.confidence <= 1.0


def test_finding_reported_only_at_or_above_its_floor():
    m = st.measure(MT_LIKE)
    fired = {f.code for f in st.findings_for(MT_LIKE)}
    assert fired == {c for c, p in m.items() if p >= st.FLOORS[c]}


def test_llm_rewrite_profile_fires_on_polished_register(host):
    report = host.check(LLM_LIKE)
    assert "ST702" in {f.code for f in report.findings}


def test_profile_masks_content_words():
    feats = _features.profile("The council said on Tuesday that the budget passed.", {})
    assert "dn:the w said on w that the w w ." in {k for k in feats if k.startswith("dn:")} \
        or "dn:the w said" in feats
    assert not any(k.startswith("dn:") and "council" in k for k in feats)


def test_function_word_rates_ignore_case():
    text = LLM_LIKE
    upper = {k: v for k, v in _features.profile(text, st.RANKS).items() if k.startswith("fw:")}
    lower = {k: v for k, v in _features.profile(text.lower(), st.RANKS).items()
             if k.startswith("fw:")}
    assert upper == lower


def test_sentences_are_non_empty_spans_into_the_text():
    text = "Headline here\nFirst sentence. Second one!  Third?\n\nLast line"
    spans = _features.sentences(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == ["Headline here", "First sentence.", "Second one!", "Third?", "Last line"]


def test_name_variants_are_counted_once_per_pair():
    from collections import Counter

    counts = Counter(["grigoryeva", "grigorieva", "tyumen"])
    assert _features._near_duplicates(counts, {}) == 1


@pytest.mark.parametrize("path", NONNATIVE, ids=lambda p: p.stem)
def test_nonnative_plain_english_is_not_flagged(host, path):
    report = host.check(Document(text=path.read_text(encoding="utf-8"), id=path.name))
    assert str(report.verdict) == "human"
    assert 100 * report.probabilities.machine_translated < 100 - WEIGHTS["score_threshold"]
    assert report.score >= WEIGHTS["score_threshold"]


def test_nonnative_control_set_is_large_enough():
    assert len(NONNATIVE) >= 10


@pytest.mark.parametrize(("seed", "verdict"), [
    ("000", "machine-translated"),
    ("001", "human"),
    ("002", "machine-paraphrased"),
    pytest.param("003", "machine-paraphrased", marks=pytest.mark.xfail(
        strict=False, reason="summary-style LLM rewrite: its style profile reads human "
                             "(ST702 p~0.01); the stale-title rule alone is not enough")),
])
def test_seed_verdicts(host, seeds, seed, verdict):
    report = host.check(Document(text=seeds[seed], id=seed))
    assert str(report.verdict) == verdict


def test_probabilities_are_finite_on_every_seed(host, seeds):
    for text in seeds.values():
        m = st.measure(text)
        assert all(math.isfinite(v) for v in m.values())
