"""Findings -> per-signal evidence -> probabilities, score and verdict.

The formula (documented in the README's "Scoring" section):

1. **Rule evidence** per signal ``s`` (``mt``, ``paraphrase``, ``farm``): the sum of
   ``confidence x severity weight`` over the findings of rules with that signal, divided
   by ``sqrt(max(words, 50) / 100)`` (a long article has more room for a stray hit than a
   short one, but not proportionally more: MT errors cluster), then ``log1p`` (ten hits
   are not ten times one hit).
2. **Statistical evidence** per document-level model (the codes listed under
   ``statistical`` in the weights, e.g. ``ST703``): the probability the plugin measured
   through the ``wirelint_measure`` hook (``Report.evidence``), entering the model as
   ``logit(p)`` and as ``log p``, each clipped to +-8 (``log p`` terms add up to the log
   of a product: "translated" x "by a machine"); when the document was too short to
   measure or the rule is not selected, the values of a typical human-original document
   (``unmeasured`` in the weights), so that the rule findings alone decide.  Models
   listed under ``length_prior`` are trusted by ``n / (n + n0)`` on a text of ``n``
   words: their inputs move that far from the typical document's toward their own.
3. **Probabilities**: a multinomial logistic model over those evidences, ``human`` the
   reference class: ``z_c = b_c + sum_k w_ck e_k``, ``P(c) = softmax(z)_c``; the classes
   listed under ``human_classes`` in the weights (``human-translated``: translated, but
   not by a machine) add up with ``human`` to P(human).
4. **Score** ``= 100 x P(human)``; **verdict** ``human`` unless a machine class's
   probability reaches its threshold (the two thresholds together flag at most 2% of
   human-original documents out-of-fold); see :func:`verdict_for`.

The weights are data (``data/weights.json``) written by ``scripts/fit_weights.py``; its
``calibration`` table maps a target false-positive rate to a score threshold
(:func:`threshold_for_fpr`).
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from typing import Any

from wirelint.model import Document, Probabilities, Report, Rule, Signal, Verdict

SIGNALS = (Signal.MT.value, Signal.PARAPHRASE.value, Signal.FARM.value)


def _load_weights() -> dict[str, Any]:
    data = resources.files("wirelint").joinpath("data/weights.json").read_text("utf-8")
    return json.loads(data)


WEIGHTS: Mapping[str, Any] = _load_weights()
#: Written into every report's signature.
WEIGHTS_VERSION: str = WEIGHTS["version"]


def word_count(text: str) -> int:
    """Whitespace-separated tokens: cheap and good enough for normalisation."""
    return len(text.split())


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def evidence(report: Report, document: Document, rules: Mapping[str, Rule],
             weights: Mapping[str, Any] | None = None) -> dict[str, float]:
    """Per-signal rule evidence (step 1) plus the statistical measurements (step 2).

    The measurements arrive in ``report.evidence`` (put there by the host) and are kept
    as probabilities, so re-scoring a report (as ``check_cluster`` does) is idempotent;
    measurements the weights do not know are kept for the reader but not used.
    """
    weights = WEIGHTS if weights is None else weights
    sev = weights["severity_weight"]
    statistical = frozenset(weights.get("statistical", ()))
    totals = dict.fromkeys(SIGNALS, 0.0)
    for f in report.findings:
        rule = rules.get(f.code)
        if rule is None or rule.signal.value not in totals or f.code in statistical:
            continue  # a statistical finding explains its measurement; count it once
        totals[rule.signal.value] += f.confidence * sev[rule.severity.value]
    words = word_count(document.text)
    norm = math.sqrt(max(words, 50) / 100.0)
    out = {k: round(math.log1p(v / norm), 6) for k, v in totals.items()}
    for code, value in sorted(report.evidence.items()):
        if code not in totals and code != "words":  # measurements the model may read
            out[code] = round(float(value), 6)
    out["words"] = float(words)
    return out


def features(ev: Mapping[str, float], weights: Mapping[str, Any] | None = None
             ) -> dict[str, float]:
    """The model's inputs: rule evidence as is; each statistical probability ``p`` twice,
    as its logit and as ``log p`` (both clipped to +-8).

    ``log p`` lets the model *multiply* probabilities: "machine-translated" is
    "translated" (ST701) and "by a machine" (ST703), and a sum of two ``log p`` is the
    log of that product, which a sum of logits cannot express.
    """
    weights = WEIGHTS if weights is None else weights
    typical = weights.get("unmeasured", {})
    prior = weights.get("length_prior", {})
    words = ev.get("words")
    out = {k: ev.get(k, 0.0) for k in SIGNALS}
    for code in weights.get("statistical", ()):
        p = ev.get(code)
        if p is None:  # unmeasured: read as a typical human-original document
            out[code] = typical.get(code, 0.0)
            out[code + ":log"] = typical.get(code + ":log", 0.0)
            continue
        out[code] = max(-8.0, min(8.0, _logit(p)))
        out[code + ":log"] = max(-8.0, math.log(max(p, 1e-12)))
        if code in prior and words is not None:  # a short text's profile is weaker evidence
            trust = words / (words + prior[code])
            for key in (code, code + ":log"):
                t = typical.get(key, 0.0)
                out[key] = t + trust * (out[key] - t)
    return out


def probabilities_from_evidence(ev: Mapping[str, float],
                                weights: Mapping[str, Any] | None = None) -> Probabilities:
    """The multinomial logistic model of ``weights.json`` (step 3); P(human) sums the
    reference class and the ``human_classes``."""
    weights = WEIGHTS if weights is None else weights
    x = features(ev, weights)
    logits = {"human": 0.0}
    for label, coefs in weights["coef"].items():
        z = weights["intercept"][label]
        for feature, weight in coefs.items():
            z += weight * x.get(feature, 0.0)
        logits[label] = z
    top = max(logits.values())
    exp = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exp.values())
    human = exp["human"] + sum(exp[c] for c in weights.get("human_classes", ()))
    return Probabilities(machine_translated=round(exp["machine-translated"] / total, 6),
                         machine_paraphrased=round(exp["machine-paraphrased"] / total, 6),
                         human=round(human / total, 6))


def threshold_for_fpr(fpr: float, weights: Mapping[str, Any] | None = None) -> float:
    """The score under which a share ``fpr`` of human-original documents falls.

    Read from the shipped calibration table (out-of-fold scores of the 329 human-original
    dev documents: WMT's news and MixSet's six genres), interpolated linearly between its
    rows and clamped to its ends.  Flag documents scoring *below* the returned value to
    get about ``fpr`` false positives.
    """
    if not 0.0 <= fpr <= 1.0:
        raise ValueError(f"false-positive rate must be within 0..1, got {fpr}")
    table = (WEIGHTS if weights is None else weights)["calibration"]["fpr_to_score"]
    rates = [r for r, _ in table]
    scores = [s for _, s in table]
    i = bisect.bisect_left(rates, fpr)
    if i == 0:
        return float(scores[0])
    if i == len(rates):
        return float(scores[-1])
    r0, r1, s0, s1 = rates[i - 1], rates[i], scores[i - 1], scores[i]
    return float(s0 + (s1 - s0) * (fpr - r0) / (r1 - r0)) if r1 > r0 else float(s1)


def verdict_for(p: Probabilities, threshold: float | None = None,
                weights: Mapping[str, Any] | None = None) -> Verdict:
    """The verdict at the default operating point, or at a score ``threshold``.

    Default: ``machine-translated`` when P(machine-translated) reaches its class
    threshold, ``machine-paraphrased`` when P(machine-paraphrased) reaches its own (the
    likelier if both), else ``human``; the two thresholds together flag at most 2% of
    human-original documents (``class_thresholds`` in the weights).  With a score
    ``threshold``: ``human`` unless the score (100 x P(human)) falls under it.
    """
    weights = WEIGHTS if weights is None else weights
    per_class = weights.get("class_thresholds")
    if threshold is None and per_class:
        mt = p.machine_translated >= per_class["machine-translated"]
        mp = p.machine_paraphrased >= per_class["machine-paraphrased"]
        if not (mt or mp):
            return Verdict.HUMAN
        if mt and (not mp or p.machine_translated >= p.machine_paraphrased):
            return Verdict.MACHINE_TRANSLATED
        return Verdict.MACHINE_PARAPHRASED
    threshold = weights["score_threshold"] if threshold is None else threshold
    if round(100.0 * p.human, 2) >= threshold:  # exactly the reported score
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
