from __future__ import annotations

from wirelint import Config

MT1 = Config(select=("MT1",))


def test_machine_round_trip_seed_has_many_mt1_findings(host, seeds):
    findings = host.check(seeds["000"], MT1).findings
    assert len(findings) >= 10
    assert {f.code for f in findings} == {"MT101", "MT102", "MT103", "MT104"}
    evidence = {f.evidence for f in findings}
    for expected in ("Palais de", "Sourdine", "in costume", "the Russian party",
                     "presidential aid", "were tanned", "mid-cross officials"):
        assert expected in evidence, expected


def test_clean_human_wire_copy_seed_has_nothing_above_low_confidence(host, seeds):
    findings = host.check(seeds["001"], MT1).findings
    assert [f for f in findings if f.confidence >= 0.4] == []


def test_paraphrase_and_farm_seeds_are_not_mistaken_for_translation(host, seeds):
    for key in ("002", "003", "004"):
        findings = host.check(seeds[key], MT1).findings
        assert [f for f in findings if f.confidence >= 0.4] == [], key
