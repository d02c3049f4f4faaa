from __future__ import annotations

import json
import math
from pathlib import Path

from wirelint import Config, Host
from wirelint_builtins import paraphrase

REGISTER = Path(paraphrase.__file__).with_name("register.json")
ONLY_MP401 = Config(select=("MP401",))


def test_register_data_is_bounded_and_documented():
    data = json.loads(REGISTER.read_text("utf-8"))
    assert data["measured_on"]["documents"]["llm"] >= 100
    for family, row in data["families"].items():
        assert row["source"] in {"measured", "prior"}, family
        assert row["log_ratio"] >= data["min_log_ratio"], family
        assert 0 < row["confidence"] <= 0.25, family
        assert all(f == f.casefold() for f in row["forms"]), family


def test_measured_families_weigh_more_than_prior_ones():
    families = paraphrase.REGISTER["families"]
    prior = max(r["confidence"] for r in families.values() if r["source"] == "prior")
    assert families["additionally"]["source"] == "measured"
    assert families["additionally"]["confidence"] > prior


def test_every_occurrence_is_a_finding(host: Host):
    text = "Additionally, the talks stalled. Additionally, the envoy left amidst protests."
    hits = [f for f in host.check(text, ONLY_MP401).findings]
    assert [f.evidence for f in hits] == ["Additionally", "Additionally", "amidst"]
    assert all(text[f.span.start:f.span.end] == f.evidence for f in hits)


def test_register_is_case_blind(host: Host):
    assert host.check("ADDITIONALLY, the talks stalled on Friday.", ONLY_MP401).findings


def test_one_hit_is_weak_evidence_and_density_adds_up(host: Host):
    one = host.check("Notably, the two delegations met in Istanbul on Friday for talks.",
                     ONLY_MP401)
    many = host.check("Notably, numerous delegations convened amidst intricate talks; "
                      "additionally, they emphasised substantial progress.", ONLY_MP401)
    assert one.evidence["paraphrase"] < 0.15
    assert many.evidence["paraphrase"] > 3 * one.evidence["paraphrase"]


def test_message_states_the_measured_ratio(host: Host):
    finding = host.check("Additionally, the talks stalled on Friday.", ONLY_MP401).findings[0]
    ratio = math.exp(paraphrase.REGISTER["families"]["additionally"]["log_ratio"])
    assert f"{ratio:.1f}x" in finding.message
