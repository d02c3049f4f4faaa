from __future__ import annotations

import json
import math
import types
from dataclasses import replace
from importlib import resources

import pytest

from wirelint import Config, Document, Host, Report, Rule, Severity, hookimpl
from wirelint._scoring import (
    WEIGHTS,
    WEIGHTS_VERSION,
    evidence,
    features,
    probabilities_from_evidence,
    score_report,
    threshold_for_fpr,
    verdict_for,
)
from wirelint.model import Probabilities, Verdict

from .._stubs import stub_rule

TEXT = ("The council met on Tuesday and approved the budget after a short debate. "
        "Officials said the vote had been expected for weeks.")


def _rule(code: str) -> Rule:
    return stub_rule(code, severity=Severity.INFO)


def _measuring_plugin(prefix: str, codes: list[str], measure):
    mod = types.ModuleType(f"measure_{prefix.lower()}")
    mod.WIRELINT_PREFIX = prefix
    mod.wirelint_rules = hookimpl(lambda: [_rule(c) for c in codes])
    mod.wirelint_measure = hookimpl(measure)
    return mod


def test_hook_measure_puts_probabilities_in_report_evidence():
    plugin = _measuring_plugin("ZM", ["ZM101"], lambda document: {"ZM101": 0.25})
    host = Host(plugins=[plugin], entry_points=False)
    report = host.check(TEXT)
    assert report.evidence["ZM101"] == 0.25


def test_measurement_of_a_foreign_code_is_dropped_with_a_contract_problem():
    plugin = _measuring_plugin("ZM", ["ZM101"], lambda document: {"XX101": 0.5})
    report = Host(plugins=[plugin], entry_points=False).check(TEXT)
    assert "XX101" not in report.evidence
    assert "WL092" in {e.code for e in report.errors}


@pytest.mark.parametrize("value", [1.5, -0.1, float("nan"), "0.5", None])
def test_measurement_outside_zero_one_is_refused(value):
    plugin = _measuring_plugin("ZM", ["ZM101"], lambda document: {"ZM101": value})
    report = Host(plugins=[plugin], entry_points=False).check(TEXT)
    assert "ZM101" not in report.evidence
    assert "WL092" in {e.code for e in report.errors}


def test_raising_measure_hook_is_isolated():
    def boom(document):
        raise RuntimeError("no")

    plugin = _measuring_plugin("ZM", ["ZM101"], boom)
    report = Host(plugins=[plugin], entry_points=False).check(TEXT)
    assert "WL090" in {e.code for e in report.errors}
    assert 0.0 <= report.score <= 100.0


def test_measurement_of_an_ignored_rule_is_dropped():
    plugin = _measuring_plugin("ZM", ["ZM101"], lambda document: {"ZM101": 0.9})
    report = Host(plugins=[plugin], entry_points=False).check(TEXT, Config(ignore=("ZM101",)))
    assert "ZM101" not in report.evidence


def test_weights_file_is_complete():
    for key in ("version", "severity_weight", "statistical", "intercept", "coef",
                "score_threshold", "class_thresholds", "unmeasured", "calibration"):
        assert key in WEIGHTS
    assert set(WEIGHTS["coef"]) == {"machine-translated", "machine-paraphrased",
                                    "human-translated"}
    assert WEIGHTS["human_classes"] == ["human-translated"]
    assert WEIGHTS["version"] == WEIGHTS_VERSION


def test_a_human_class_counts_toward_human():
    # A human translation is translated, but not by a machine: its probability is human.
    weights = {**WEIGHTS, "intercept": {"machine-translated": 0.0, "machine-paraphrased": 0.0,
                                        "human-translated": math.log(2.0)},
               "coef": {"machine-translated": {}, "machine-paraphrased": {},
                        "human-translated": {}}}
    p = probabilities_from_evidence({}, weights)
    assert (p.human, p.machine_translated, p.machine_paraphrased) == (0.6, 0.2, 0.2)


def test_weights_version_is_the_content_hash():
    import hashlib

    raw = json.loads(resources.files("wirelint").joinpath("data/weights.json").read_text())
    body = {k: v for k, v in raw.items() if k not in ("version", "about")}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    if raw["version"].startswith("fit-"):
        assert raw["version"] == f"fit-{digest}"


def test_weights_version_is_in_every_signature(host):
    assert f"weights:{WEIGHTS_VERSION}" in host.check(TEXT).signature


def test_probabilities_sum_to_one_and_score_is_100_p_human(host):
    report = host.check(TEXT)
    p = report.probabilities
    assert math.isclose(p.machine_translated + p.machine_paraphrased + p.human, 1.0,
                        abs_tol=1e-5)
    assert math.isclose(report.score, round(100 * p.human, 2))


def test_more_mt_evidence_never_raises_the_score():
    base = {"mt": 0.0, "paraphrase": 0.0, "farm": 0.0}
    low = probabilities_from_evidence(base)
    high = probabilities_from_evidence({**base, "mt": 2.0})
    if WEIGHTS["coef"]["machine-translated"]["mt"] > 0:
        assert high.human <= low.human


def test_statistical_measurement_enters_as_a_clipped_logit_and_log():
    x = features({"ST703": 0.5, "ST701": 1.0, "ST702": 1e-9})
    assert x["ST703"] == 0.0
    assert x["ST703:log"] == pytest.approx(math.log(0.5))
    assert x["ST701"] == 8.0 and x["ST701:log"] == 0.0
    assert x["ST702"] == -8.0 and x["ST702:log"] == -8.0
    # unmeasured: a typical human-original document, so that the rules alone decide
    assert features({})["ST702"] == WEIGHTS["unmeasured"]["ST702"]
    assert features({})["ST702:log"] == WEIGHTS["unmeasured"]["ST702:log"]


def test_a_clean_text_too_short_to_profile_reads_human(host):
    report = host.check("The council met on Tuesday and approved the budget for next year.")
    assert not report.findings
    assert not {k for k in report.evidence if k.startswith("ST")}
    assert str(report.verdict) == "human"
    assert report.probabilities.human > 0.5  # the likeliest class, not just under a threshold


def test_farm_evidence_counts_toward_paraphrase_never_against_it():
    # No corpus labels farms: the weight is a stated prior, never a fitted sign.
    coef = WEIGHTS["coef"]
    assert coef["machine-paraphrased"]["farm"] >= max(coef["machine-paraphrased"]["paraphrase"],
                                                      1.0)
    assert coef["machine-translated"]["farm"] == 0.0
    base = {"mt": 0.0, "paraphrase": 0.0, "farm": 0.0}
    assert probabilities_from_evidence({**base, "farm": 2.0}).human < \
        probabilities_from_evidence(base).human


def test_rule_evidence_is_length_normalised(host):
    finding_text = "It was the month after the large -scale invasion. "
    short = host.check(finding_text * 2)
    long = host.check(finding_text * 2 + TEXT * 20)
    assert long.evidence["mt"] < short.evidence["mt"]


def test_statistical_findings_are_not_counted_twice():
    from wirelint import Finding

    rules = {"ST703": _rule("ST703")}
    doc = Document(text=TEXT)
    f = Finding.at(TEXT, 0, 3, code="ST703", message="m", confidence=0.9)
    report = Report(id=None, language="en", language_confidence=1.0, findings=(f,),
                    score=100.0, verdict=Verdict.HUMAN, probabilities=Probabilities(),
                    evidence={"ST703": 0.9})
    ev = evidence(report, doc, rules)
    assert ev["mt"] == 0.0
    assert ev["ST703"] == 0.9


def test_rescoring_a_report_is_idempotent(host):
    report = host.check(TEXT * 4)
    again = score_report(report, Document(text=TEXT * 4), host.rules)
    assert again.probabilities == report.probabilities


def test_host_rescore_goes_through_the_scorer_chain(host):
    report = host.check(TEXT * 4)
    assert host.rescore(report, TEXT * 4) == report
    cleaned = host.rescore(replace(report, findings=()), TEXT * 4)
    assert cleaned.findings == ()
    assert cleaned.evidence["mt"] == cleaned.evidence["paraphrase"] == 0.0
    assert {k: v for k, v in cleaned.evidence.items() if k.startswith("ST")} == \
        {k: v for k, v in report.evidence.items() if k.startswith("ST")}


def test_verdict_follows_the_score_threshold_when_one_is_given():
    t = WEIGHTS["score_threshold"]
    above = Probabilities(machine_translated=0.0, machine_paraphrased=1 - t / 100 - 0.01,
                          human=t / 100 + 0.01)
    assert verdict_for(above, t) == Verdict.HUMAN
    below = Probabilities(machine_translated=0.6, machine_paraphrased=0.4 - 0.001, human=0.001)
    assert verdict_for(below, t) == Verdict.MACHINE_TRANSLATED


def test_default_verdict_follows_the_class_thresholds():
    t = WEIGHTS["class_thresholds"]
    t_mt, t_mp = t["machine-translated"], t["machine-paraphrased"]
    assert 0.0 < t_mt < 1.0 and 0.0 < t_mp < 1.0

    def p(mt: float, mp: float) -> Probabilities:
        return Probabilities(machine_translated=mt, machine_paraphrased=mp,
                             human=1.0 - mt - mp)

    assert verdict_for(p(t_mt, 0.0)) == Verdict.MACHINE_TRANSLATED
    assert verdict_for(p(t_mt - 0.001, 0.0)) == Verdict.HUMAN
    assert verdict_for(p(0.0, t_mp)) == Verdict.MACHINE_PARAPHRASED
    assert verdict_for(p(0.0, t_mp - 0.001)) == Verdict.HUMAN


def test_threshold_for_fpr_is_monotone_and_matches_default_operating_point():
    rates = [0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5]
    scores = [threshold_for_fpr(r) for r in rates]
    assert scores == sorted(scores)
    target = WEIGHTS["calibration"].get("target_fpr")
    if target is not None:
        assert math.isclose(threshold_for_fpr(target), WEIGHTS["score_threshold"])


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_threshold_for_fpr_rejects_rates_outside_zero_one(rate):
    with pytest.raises(ValueError):
        threshold_for_fpr(rate)


def test_short_texts_profiles_count_less_the_longer_the_more():
    weights = {**WEIGHTS, "length_prior": {"ST703": 50.0},
               "unmeasured": {**WEIGHTS["unmeasured"], "ST703": -1.0, "ST703:log": -1.3}}
    strong = {"mt": 0.0, "paraphrase": 0.0, "farm": 0.0, "ST703": 0.95}
    short = features({**strong, "words": 50.0}, weights)
    long = features({**strong, "words": 950.0}, weights)
    plain = features(strong, weights)  # no word count: read as measured
    logit = math.log(0.95 / 0.05)
    assert short["ST703"] == pytest.approx(-1.0 + 0.5 * (logit + 1.0))
    assert long["ST703"] == pytest.approx(-1.0 + 0.95 * (logit + 1.0))
    assert plain["ST703"] == pytest.approx(logit)
    assert short["ST703:log"] == pytest.approx(-1.3 + 0.5 * (math.log(0.95) + 1.3))


def test_report_evidence_names_the_word_count_it_was_read_with(host):
    report = host.check(TEXT)
    assert report.evidence["words"] == len(TEXT.split())
