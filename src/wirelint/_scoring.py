"""Findings -> per-signal evidence -> probabilities, score and verdict.

Evidence for a signal is the sum of ``confidence x severity weight`` over its findings,
divided by the square root of the document's length in 100-word units (a long article
has more room for a stray hit than a short one, but not proportionally more: MT errors
cluster).  Probabilities are a multinomial logistic model over those evidences, ``human``
being the reference class; the weights are data (``data/weights.json``) written by
``scripts/fit_weights.py``.  ``score = 100 x P(human)``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from typing import Any

from wirelint.model import Document, Probabilities, Report, Rule, Signal, Verdict


def _load_weights() -> dict[str, Any]:
    data = resources.files("wirelint").joinpath("data/weights.json").read_text("utf-8")
    return json.loads(data)


WEIGHTS: Mapping[str, Any] = _load_weights()
#: Written into every report's signature.
WEIGHTS_VERSION: str = WEIGHTS["version"]


def word_count(text: str) -> int:
    """Whitespace-separated tokens: cheap and good enough for normalisation."""
    return len(text.split())


def evidence(report: Report, document: Document, rules: Mapping[str, Rule]) -> dict[str, float]:
    """Per-signal, length-normalised evidence from a report's findings."""
    sev = WEIGHTS["severity_weight"]
    totals = {s.value: 0.0 for s in (Signal.MT, Signal.PARAPHRASE, Signal.FARM)}
    for f in report.findings:
        rule = rules.get(f.code)
        if rule is None or rule.signal.value not in totals:
            continue
        totals[rule.signal.value] += f.confidence * sev[rule.severity.value]
    norm = math.sqrt(max(word_count(document.text), 50) / 100.0)
    return {k: round(v / norm, 6) for k, v in totals.items()}


def probabilities_from_evidence(ev: Mapping[str, float]) -> Probabilities:
    """The multinomial logistic model of ``weights.json``."""
    logits = {"human": 0.0}
    for label, coefs in WEIGHTS["coef"].items():
        z = WEIGHTS["intercept"][label]
        for feature, weight in coefs.items():
            z += weight * ev.get(feature, 0.0)
        logits[label] = z
    top = max(logits.values())
    exp = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exp.values())
    p = {k: round(v / total, 6) for k, v in exp.items()}
    return Probabilities(machine_translated=p["machine-translated"],
                         machine_paraphrased=p["machine-paraphrased"], human=p["human"])


def verdict_for(p: Probabilities, threshold: float | None = None) -> Verdict:
    """``human`` unless P(human) falls under the operating threshold."""
    threshold = WEIGHTS["human_threshold"] if threshold is None else threshold
    if p.human >= threshold:
        return Verdict.HUMAN
    if p.machine_translated >= p.machine_paraphrased:
        return Verdict.MACHINE_TRANSLATED
    return Verdict.MACHINE_PARAPHRASED


def score_report(report: Report, document: Document, rules: Mapping[str, Rule]) -> Report:
    """The built-in scorer (replaceable through the ``wirelint_score`` hook)."""
    ev = evidence(report, document, rules)
    p = probabilities_from_evidence(ev)
    return replace(report, evidence=ev, probabilities=p, score=round(100.0 * p.human, 2),
                   verdict=verdict_for(p))
