"""Fit the scorer's weights (src/wirelint/data/weights.json) and report honest CV figures.

    python scripts/fit_weights.py --wmt ../shared/corpus/wmt-news-mt/dev.jsonl \
        --mixset ../shared/corpus/mixset-llm-revised/dev.jsonl [--write | --check]

1. Every dev document is checked by the real Host (built-in families, default rules,
   ST7 left out: it is cross-fitted below); MixSet texts are casefolded.
2. ST7 outputs are *out-of-fold*: the stylometry models of ``fit_stylometry.py`` are
   refitted without the document's fold, so the scorer learns how much to trust them on
   unseen text, not on text they memorised.
3. The scorer (multinomial logistic regression over ``_scoring.evidence``) is fitted on
   those evidences: machine-translated (WMT MT), machine-paraphrased (MixSet rewrites),
   human (WMT human translations and originals, MixSet originals).
4. Reported figures are nested cross-validation: for each outer fold both the
   stylometry models and the scorer are fitted on the other folds only.  The operating
   threshold and the false-positive calibration table come from these out-of-fold
   scores of the human-original documents.

Deterministic (fixed folds, lbfgs, sorted inputs): two runs print identical weights.
``--check`` refits and exits 1 if the result differs from the shipped file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_stylometry as fs

from wirelint import Config, Document, Host, Report
from wirelint._scoring import SIGNALS, evidence, features, probabilities_from_evidence

WEIGHTS_PATH = fs.ROOT / "src" / "wirelint" / "data" / "weights.json"
SEVERITY = {"info": 0.5, "warning": 1.0, "error": 2.0}
STATISTICAL = ("ST701", "ST702", "ST703")
CLASSES = ("human", "machine-translated", "machine-paraphrased")
TARGET_FPR = 0.02
FPR_ROWS = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5)


def scorer_class(d: fs.Doc) -> str:
    return {fs.MT: "machine-translated", fs.MP: "machine-paraphrased"}.get(d.label, "human")


def rule_reports(host: Host, docs: Sequence[fs.Doc], jobs: int) -> dict[str, Report]:
    """Reports of the rule families (ST7 ignored) for every document."""
    config = Config(ignore=("ST7",), language_threshold=0.0)
    documents = [Document(text=d.text, id=d.id) for d in docs]
    return {r.id: r for r in host.check_many(documents, jobs=jobs, config=config)}


def st_measures(d: fs.Doc, probs: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """What the plugin's ``wirelint_measure`` would report, from out-of-fold models."""
    if d.feats.get("ln:words", 0) < fs._features.MIN_WORDS:
        return {}
    return {code: round(probs[code][d.id], 6) for code in STATISTICAL}


def evidence_matrix(docs: Sequence[fs.Doc], reports: Mapping[str, Report],
                    probs: Mapping[str, Mapping[str, float]], host: Host,
                    weights: Mapping) -> np.ndarray:
    keys = feature_keys()
    rows = []
    for d in docs:
        rep = replace(reports[d.id], evidence=st_measures(d, probs))
        ev = evidence(rep, Document(text=d.text, id=d.id), host.rules, weights)
        x = features(ev, weights)
        rows.append([x[k] for k in keys])
    return np.array(rows)


def feature_keys() -> list[str]:
    return [*SIGNALS, *STATISTICAL]


def fit_scorer(X: np.ndarray, y: Sequence[str]) -> dict:
    lr = LogisticRegression(C=1.0, max_iter=10000, class_weight="balanced")
    lr.fit(X, np.array(y))
    classes = list(lr.classes_)
    coef = lr.coef_ - lr.coef_[classes.index("human")]  # human is the reference class
    inter = lr.intercept_ - lr.intercept_[classes.index("human")]
    keys = feature_keys()
    return {
        "intercept": {c: round(float(inter[i]), 5) for i, c in enumerate(classes)
                      if c != "human"},
        "coef": {c: {k: round(float(coef[i][j]), 5) for j, k in enumerate(keys)}
                 for i, c in enumerate(classes) if c != "human"},
    }


def base_weights() -> dict:
    return {"severity_weight": SEVERITY, "statistical": list(STATISTICAL)}


def predict(weights: Mapping, X: np.ndarray) -> list[dict[str, float]]:
    keys = feature_keys()
    out = []
    for row in X:
        ev = dict(zip(keys, row, strict=True))
        # rows are model inputs (logits); turn statistical ones back into probabilities
        ev.update({k: 1.0 / (1.0 + np.exp(-ev[k])) for k in STATISTICAL})
        out.append(probabilities_from_evidence(ev, weights).as_dict())
    return out


def fpr_table(human_scores: Sequence[float]) -> list[list[float]]:
    """Rows ``[fpr, score]``: flagging scores below ``score`` flags ``fpr`` of humans."""
    s = sorted(human_scores)
    rows = []
    for rate in FPR_ROWS:
        k = int(np.floor(rate * len(s)))  # at most k human documents may fall below
        score = s[k] if k < len(s) else 100.0
        rows.append([rate, math.floor(float(score) * 100) / 100])  # round down: never over
    return rows


def nested_cv(docs: Sequence[fs.Doc], reports: Mapping[str, Report], host: Host) -> dict:
    """Out-of-fold probabilities with stylometry *and* scorer refitted per outer fold."""
    weights = base_weights()
    out: dict[str, dict[str, float]] = {}
    for k in range(fs.FOLDS):
        train = [d for d in docs if d.fold != k]
        test = [d for d in docs if d.fold == k]
        train_probs: dict[str, dict[str, float]] = {}
        test_probs: dict[str, dict[str, float]] = {}
        for spec in fs.SPECS:
            model, oof = fs.fit_calibrated(spec, train)
            train_probs[spec.code] = oof
            test_probs[spec.code] = fs.apply(model, test)
        Xtr = evidence_matrix(train, reports, train_probs, host, weights)
        fitted = {**weights, **fit_scorer(Xtr, [scorer_class(d) for d in train])}
        Xte = evidence_matrix(test, reports, test_probs, host, weights)
        for d, p in zip(test, predict(fitted, Xte), strict=True):
            out[d.id] = p
        print(f"  fold {k}: done", file=sys.stderr)
    return out


def report_cv(docs: Sequence[fs.Doc], probs: Mapping[str, Mapping[str, float]],
              threshold: float) -> dict:
    """Print the CV figures; return them for the weights file."""
    score = {d.id: 100.0 * probs[d.id]["human"] for d in docs}
    machine = {i: 100.0 - s for i, s in score.items()}
    figures: dict = {}
    print("\nnested-CV AUROC (ranking by 100 - score):")
    for corpus, pos, neg in fs.PAIRS:
        a = fs.pair_auroc(docs, machine, corpus, pos, neg)
        figures[f"{corpus}:{pos}_vs_{neg}"] = round(a, 4)
        print(f"  {corpus} {pos} vs {neg}: {a:.3f}")
    print("  MT vs HT by language pair:")
    for lp in sorted({d.langpair for d in docs if d.corpus == fs.WMT and d.label == fs.MT}):
        a = fs.pair_auroc(docs, machine, fs.WMT, fs.MT, fs.HT, lp)
        figures[f"wmt:mt_vs_ht:{lp}"] = round(a, 4)
        print(f"    {lp}: {a:.3f}")
    print(f"\nverdicts at the operating threshold (score < {threshold:.2f} is not human):")
    for key in sorted({(d.corpus, d.label) for d in docs}):
        sel = [d for d in docs if (d.corpus, d.label) == key]
        flagged = sum(1 for d in sel if score[d.id] < threshold)
        figures[f"flagged:{key[0]}:{key[1]}"] = round(flagged / len(sel), 4)
        print(f"  {key[0]} {key[1]}: {flagged}/{len(sel)} flagged ({flagged / len(sel):.1%})")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--mixset", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write weights.json")
    mode.add_argument("--check", action="store_true",
                      help="exit 1 unless a fresh fit equals the shipped weights")
    args = parser.parse_args()

    docs = fs.load(args.wmt, args.mixset)
    host = Host(entry_points=False)
    reports = rule_reports(host, docs, args.jobs)
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        for code in {f.code for f in reports[d.id].findings}:
            fired[code][f"{d.corpus}/{d.label}"] += 1
    labels = Counter(f"{d.corpus}/{d.label}" for d in docs)
    print("rule firing rates (share of documents):")
    for code in sorted(fired):
        cells = ", ".join(f"{lab} {fired[code][lab] / n:.1%}" for lab, n in sorted(labels.items()))
        print(f"  {code}: {cells}")

    cv = nested_cv(docs, reports, host)
    human_original = [100.0 * cv[d.id]["human"] for d in docs if d.label == fs.HO]
    table = fpr_table(human_original)
    threshold = dict((r, s) for r, s in table)[TARGET_FPR]
    figures = report_cv(docs, cv, threshold)

    # The shipped scorer: stylometry out-of-fold on all of dev, scorer fitted on all.
    probs = {}
    for spec in fs.SPECS:
        probs[spec.code] = fs.fit_calibrated(spec, docs)[1]
    X = evidence_matrix(docs, reports, probs, host, base_weights())
    fitted = fit_scorer(X, [scorer_class(d) for d in docs])
    st_version = json.loads((fs.PLUGIN / "model.json").read_text())["version"]
    body = {
        **base_weights(), **fitted,
        "score_threshold": threshold,
        "calibration": {"fpr_to_score": table, "target_fpr": TARGET_FPR,
                        "human_original_documents": len(human_original)},
        "stylometry_version": st_version,
        "cv": figures,
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    payload = {"version": f"fit-{digest}",
               "about": "Written by scripts/fit_weights.py; see README 'Scoring'.", **body}
    text = json.dumps(payload, indent=1, sort_keys=True) + "\n"
    print("\nweights:", json.dumps({k: payload[k] for k in ("version", "intercept", "coef",
                                                             "score_threshold")}, indent=1))
    if args.write:
        WEIGHTS_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}")
    if args.check:
        shipped = WEIGHTS_PATH.read_text(encoding="utf-8")
        if shipped != text:
            print("shipped weights differ from a fresh fit", file=sys.stderr)
            raise SystemExit(1)
        print("shipped weights equal a fresh fit")


if __name__ == "__main__":
    main()
