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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_stylometry as fs

from wirelint import Config, Document, Host, Report
from wirelint._scoring import (
    SIGNALS,
    evidence,
    features,
    verdict_for,
)
from wirelint_builtins.stylometry import long_enough

WEIGHTS_PATH = fs.ROOT / "src" / "wirelint" / "data" / "weights.json"
SEVERITY = {"info": 0.5, "warning": 1.0, "error": 2.0}
STATISTICAL = ("ST701", "ST702", "ST703")
#: The classes a report gives probabilities for (human includes :data:`HUMAN_CLASSES`).
CLASSES = ("human", "machine-translated", "machine-paraphrased")
TARGET_FPR = 0.02
#: Documents per class by which a split's recall must fall short of the best split's to
#: lose outright (see :func:`class_thresholds`).
RECALL_TIE = 1
FPR_ROWS = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


def class_thresholds(docs: Sequence[fs.Doc], cv: Mapping[str, Report]) -> dict[str, float]:
    """Per-class probability thresholds for the default verdict: together they flag at
    most ``TARGET_FPR`` of the human-original documents (out-of-fold), the budget split
    between the classes where it catches the most (mean recall of MT and paraphrase).
    Splits that catch at most one document of each class fewer than the best are ties
    (:data:`RECALL_TIE`), and of those the one that flags the fewest human documents,
    originals and translations, wins: the recall of neighbouring splits differs by less
    than that (0.5578 against 0.5596 at the refit for Markdown), so the split flipped
    with a change to 4 of 990 training texts and moved both thresholds by 0.02.

    One score threshold cannot do this: MixSet's lowercased human texts carry some
    paraphrase probability and pin a score threshold so low that it catches 4% of MT;
    a threshold per class lets P(machine-translated) be judged against human news.
    """
    human = [cv[d.id].probabilities for d in docs if d.label == fs.HO]
    budget = int(np.floor(TARGET_FPR * len(human)))
    mt = sorted((p.machine_translated for p in human), reverse=True)
    mp = sorted((p.machine_paraphrased for p in human), reverse=True)

    def above(values: list[float], k: int) -> float:
        """Flags exactly the ``k`` largest values, halfway between the last one flagged
        (1.0 when none is) and the first one let through: a threshold at the very edge
        of a human document rests on one out-of-fold estimate, and a text just like it
        (measured: a short non-native article in the fairness set) falls on either side
        by chance."""
        if k >= len(values):
            return 0.0
        upper = values[k - 1] if k > 0 else 1.0
        return max(math.ceil(values[k] * 1e4 + 1e-9), round((values[k] + upper) / 2 * 1e4)) / 1e4

    def flagged(d: fs.Doc, t_mt: float, t_mp: float) -> bool:
        p = cv[d.id].probabilities
        return p.machine_translated >= t_mt or p.machine_paraphrased >= t_mp

    n_mt = sum(d.label == fs.MT for d in docs)
    n_mp = sum(d.label == fs.MP for d in docs)
    splits = []  # (mean recall, human originals and translations flagged, k)
    for k in range(budget + 1):
        t_mt, t_mp = above(mt, k), above(mp, budget - k)
        caught_mt = sum(cv[d.id].probabilities.machine_translated >= t_mt
                        for d in docs if d.label == fs.MT)
        caught_mp = sum(cv[d.id].probabilities.machine_paraphrased >= t_mp
                        for d in docs if d.label == fs.MP)
        false = sum(flagged(d, t_mt, t_mp) for d in docs if d.label in (fs.HO, fs.HT))
        splits.append(((caught_mt / n_mt + caught_mp / n_mp) / 2, false, k))
    best = max(recall for recall, _, _ in splits)
    tie = RECALL_TIE * (1 / n_mt + 1 / n_mp) / 2
    # among the ties, the fewest human documents flagged (then the fewest by P(MT))
    _, k = min((false, k) for recall, false, k in splits if recall >= best - tie)
    return {"machine-translated": above(mt, k), "machine-paraphrased": above(mp, budget - k)}


def is_human_news(d: fs.Doc) -> bool:
    """Human-original news: WMT's originals, MixSet's ``news`` category."""
    return d.label == fs.HO and (d.corpus == fs.WMT or d.langpair == "news")


def scorer_class(d: fs.Doc) -> str:
    return {fs.MT: "machine-translated", fs.MP: "machine-paraphrased",
            fs.HT: "human-translated"}.get(d.label, "human")


def rule_reports(host: Host, docs: Sequence[fs.Doc], jobs: int) -> dict[str, Report]:
    """Reports of the rule families (ST7 ignored) for every document."""
    config = Config(ignore=("ST7",), language_threshold=0.0)
    documents = [Document(text=d.text, id=d.id) for d in docs]
    return {r.id: r for r in host.check_many(documents, jobs=jobs, config=config)}


def st_measures(d: fs.Doc, probs: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """What the plugin's ``wirelint_measure`` would report, from out-of-fold models."""
    if not long_enough(d.text):
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


def design(docs: Sequence[fs.Doc], reports: Mapping[str, Report],
           probs: Mapping[str, Mapping[str, float]], host: Host
           ) -> tuple[np.ndarray, dict[str, float]]:
    """The scorer's inputs and the typical human-original values (``unmeasured``, also
    the point a short text's profile is pulled toward: see :data:`LENGTH_PRIOR`)."""
    typical = unmeasured_values(evidence_matrix(docs, reports, probs, host, base_weights()),
                                docs)
    weights = {**base_weights(), "unmeasured": typical, "length_prior": LENGTH_PRIOR}
    return evidence_matrix(docs, reports, probs, host, weights), typical


def feature_keys() -> list[str]:
    return [*SIGNALS, *STATISTICAL, *(f"{code}:log" for code in STATISTICAL)]


#: Which evidence may move which class (``human`` is the reference class, all zeros).
#: A machine translation is *translated* (ST701) *and* *machine-made* (ST703), with the MT
#: rules on top; a paraphrase is what ST702 and the paraphrase rules see.  Letting every
#: feature into every class (a plain multinomial fit) learned cross-weights from noise and
#: ranked worse out-of-fold (MT vs human translation 0.728 against 0.79 for ST703 alone).
CLASS_FEATURES = {
    "machine-translated": ("mt", "ST701", "ST701:log", "ST703", "ST703:log"),
    "machine-paraphrased": ("paraphrase", "ST702", "ST702:log"),
    "human-translated": ("ST701", "ST701:log", "ST703", "ST703:log"),
}
#: Classes that are human: their probabilities add up to P(human).  A human translation
#: is *translated* and *not machine-made*; with one human class, P(machine-translated)
#: had to separate MT from human originals and translations with one linear function
#: and settled between ST701 and ST703.  Its own class (nested CV, same folds): MT vs
#: human translation 0.731 -> 0.748, MT vs human-original 0.954 -> 0.956, paraphrase
#: 0.943 -> 0.943.
HUMAN_CLASSES = ("human-translated",)
C_SCORER = 1.0
#: The MT rules' evidence is penalised 100 times less: they fire on few dev documents
#: (modern MT seldom slips) and are precise when they do, and under the statistical
#: features' penalty their weight stayed so small that five round-trip slips in a short
#: text (fixtures/articles/machine-translated) read human.  Not the paraphrase rules:
#: they fire on most texts (MP401 on 46% of human news) and, set free, took a weight of 8.
C_SPARSE = {"mt": 100.0}
#: A stated prior, not fitted: the translation profiles (ST701, ST703) of a text of ``n``
#: words count ``n / (n + 25)`` of the way from a typical human document's.  A profile
#: read off 80 words is noisier than one read off 300, and dev holds almost no text that
#: short (WMT's tenth percentile is ~110 words) to learn it from.  ST701 and ST703 also
#: train on 60-130-word excerpts (``fit_stylometry.EXCERPTS``), which let the prior halve
#: from 50 (nested CV 0.939 -> 0.953 on MT vs human-original); without any prior one
#: 85-word non-native fairness article holding a real calque (flood-warning) still read
#: machine-translated (P 0.86).
LENGTH_PRIOR = {"ST701": 25.0, "ST703": 25.0}


def fit_scorer(X: np.ndarray, y: Sequence[str]) -> dict:
    """Multinomial logistic regression with per-class feature masks, ``human`` (human
    originals) the reference class and ``human-translated`` a second human class
    (:data:`HUMAN_CLASSES`), balanced class weights, L2 penalty ``w^2 / (2 C)`` per weight
    (:data:`C_SPARSE` for the MT rules' evidence, :data:`C_SCORER` for the rest); L-BFGS
    from zero, so the fit is deterministic.

    No corpus labels content farms, so a fitted farm weight only learns noise (it came
    out negative).  Farm evidence is set, as a stated prior, to count toward
    ``machine-paraphrased`` (farms rewrite other outlets' stories) exactly as much as the
    paraphrase rules' evidence does, and not at all toward ``machine-translated``.
    """
    from scipy.optimize import minimize

    keys = feature_keys()
    labels = np.array(y)
    classes = list(CLASS_FEATURES)
    n_cls = len(classes)
    onehot = np.stack([labels == c for c in ("human", *classes)], axis=1).astype(float)
    # balanced: machine translations, paraphrases and human texts (originals and
    # translations together) weigh a third each
    side = np.where(np.isin(labels, HUMAN_CLASSES), "human", labels)
    sides = {c: (side == c).sum() for c in CLASSES}
    sample_w = np.array([len(labels) / (3.0 * max(sides[c], 1)) for c in side])
    mask = np.array([[k in CLASS_FEATURES[c] for k in keys] for c in classes], dtype=float)
    n_feat = len(keys)
    # per-feature L2 strength 1 / C: the MT rules' evidence lightly, the rest as C_SCORER
    inv_c = np.array([1.0 / C_SPARSE.get(k, C_SCORER) for k in keys])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        b, w = theta[:n_cls], theta[n_cls:].reshape(n_cls, n_feat) * mask
        z = np.column_stack([np.zeros(len(X)), X @ w.T + b])
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sample_w * (onehot * logp).sum(axis=1)).sum() + (w * w * inv_c).sum() / 2
        resid = (np.exp(logp) - onehot)[:, 1:] * sample_w[:, None]
        grad_w = (resid.T @ X) * mask + w * inv_c
        return value, np.concatenate([resid.sum(axis=0), grad_w.ravel()])

    theta = minimize(loss, np.zeros(n_cls + n_cls * n_feat), jac=True, method="L-BFGS-B",
                     options={"maxiter": 10000, "gtol": 1e-9}).x
    b, w = theta[:n_cls], theta[n_cls:].reshape(n_cls, n_feat) * mask
    coef = {c: {k: round(float(w[i][j]), 5) for j, k in enumerate(keys)}
            for i, c in enumerate(classes)}
    coef["machine-translated"]["farm"] = coef["human-translated"]["farm"] = 0.0
    coef["machine-paraphrased"]["farm"] = max(coef["machine-paraphrased"]["paraphrase"], 1.0)
    return {
        "intercept": {c: round(float(b[i]), 5) for i, c in enumerate(classes)},
        "coef": {c: dict(sorted(v.items())) for c, v in coef.items()},
        "human_classes": list(HUMAN_CLASSES),
    }


def unmeasured_values(X: np.ndarray, docs: Sequence[fs.Doc]) -> dict[str, float]:
    """What a statistical feature reads when its model could not measure the text
    (under 50 words, or ST7 not selected): its median over human-original documents.

    The scorer was fitted on profiled documents only, so "no evidence" must look like
    a typical human document, not like p = 0.5 (which, with the class intercepts of a
    balanced fit, gave a one-line clean text P(machine-paraphrased) 0.76): a text too
    short to profile is judged by its rule findings alone.
    """
    keys = feature_keys()
    rows = X[[d.label == fs.HO for d in docs]]
    return {k: round(float(np.median(rows[:, j])), 5) for j, k in enumerate(keys)
            if k.split(":")[0] in STATISTICAL}


def base_weights() -> dict:
    return {"severity_weight": SEVERITY, "statistical": list(STATISTICAL)}


def fpr_table(human_scores: Sequence[float]) -> list[list[float]]:
    """Rows ``[fpr, score]``: flagging scores below ``score`` flags ``fpr`` of humans."""
    s = sorted(human_scores)
    rows = []
    for rate in FPR_ROWS:
        k = int(np.floor(rate * len(s)))  # at most k human documents may fall below
        score = s[k] if k < len(s) else 100.0
        rows.append([rate, math.floor(float(score) * 100) / 100])  # round down: never over
    return rows


def nested_cv(docs: Sequence[fs.Doc], reports: Mapping[str, Report], host: Host,
              jobs: int) -> dict[str, Report]:
    """Out-of-fold reports: for each outer fold the stylometry models *and* the scorer
    are fitted on the other folds, swapped into the real plugin and scorer, and the real
    Host checks the held-out documents (the ``wirelint check`` code path)."""
    import wirelint._scoring as scoring
    import wirelint_builtins.stylometry as plugin
    from wirelint_builtins.stylometry._model import NgramModels

    shipped = plugin.MODELS, scoring.WEIGHTS
    weights = base_weights()
    out: dict[str, Report] = {}
    try:
        for k in range(fs.FOLDS):
            train = [d for d in docs if d.fold != k]
            test = [d for d in docs if d.fold == k]
            train_probs: dict[str, dict[str, float]] = {}
            vocab, norm, fitted_models = fs.vocabulary(train), fs.dense_norm(train), []
            for spec in fs.SPECS:
                model, oof = fs.fit_calibrated(spec, train, vocab, norm)
                train_probs[spec.code] = oof
                fitted_models.append(model)
            models = NgramModels.from_dict(fs.pack(fitted_models, rounded=True))
            Xtr, typical = design(train, reports, train_probs, host)
            fitted = {**shipped[1], **weights,
                      **fit_scorer(Xtr, [scorer_class(d) for d in train]),
                      "unmeasured": typical, "length_prior": LENGTH_PRIOR}
            plugin.MODELS, scoring.WEIGHTS = models, fitted
            documents = [Document(text=d.text, id=d.id) for d in test]
            for d, r in zip(test, host.check_many(documents, jobs=jobs), strict=True):
                out[d.id] = r
            print(f"  fold {k}: done", file=sys.stderr)
    finally:
        plugin.MODELS, scoring.WEIGHTS = shipped
    return out


TARGETS = (
    ("wmt-news-mt: machine-translated vs human-original", fs.WMT, fs.MT, fs.HO),
    ("wmt-news-mt: machine-translated vs human-translated", fs.WMT, fs.MT, fs.HT),
    ("mixset-llm-revised (casefolded): machine-paraphrased vs human-original", fs.MIXSET,
     fs.MP, fs.HO),
    ("both dev sets: machine-* vs human-*", None, None, None),
)


def eval_outputs(docs: Sequence[fs.Doc], cv: Mapping[str, Report], signature: str) -> str:
    """The ``wirelint eval`` output of every target, on the out-of-fold reports."""
    import io

    from wirelint._eval import EvalResult, Item, write_text

    buf = io.StringIO()
    for title, corpus, pos, neg in TARGETS:
        items = [Item(id=d.id, label=d.label, report=cv[d.id]) for d in docs
                 if (corpus is None or d.corpus == corpus)
                 and (pos is None or d.label in (pos, neg))]
        buf.write(f"#### {title}\n\n```\n")
        write_text(EvalResult(items=items, positive=pos, negative=neg, signature=signature),
                   buf)
        buf.write("```\n\n")
    return buf.getvalue()


def report_cv(docs: Sequence[fs.Doc], probs: Mapping[str, Mapping[str, float]],
              verdicts: Mapping[str, str]) -> dict:
    """Print the CV figures; return them for the weights file."""
    score = {d.id: round(100.0 * probs[d.id]["human"], 2) for d in docs}  # as reported
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
    print("\nverdicts at the default operating point:")
    for key in sorted({(d.corpus, d.label) for d in docs}):
        sel = [d for d in docs if (d.corpus, d.label) == key]
        flagged = sum(1 for d in sel if verdicts[d.id] != "human")
        figures[f"flagged:{key[0]}:{key[1]}"] = round(flagged / len(sel), 4)
        print(f"  {key[0]} {key[1]}: {flagged}/{len(sel)} flagged ({flagged / len(sel):.1%})")
    news = [d for d in docs if is_human_news(d)]
    flagged = sum(1 for d in news if verdicts[d.id] != "human")
    figures["flagged:human-news"] = round(flagged / len(news), 4)
    print(f"  human-written news (WMT originals, MixSet news): {flagged}/{len(news)} flagged "
          f"({flagged / len(news):.1%})")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--mixset", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--eval-out", type=Path,
                        help="write the out-of-fold `wirelint eval` output (Markdown) here")
    parser.add_argument("--oof-out", type=Path,
                        help="write every document's out-of-fold report figures (JSON Lines)")
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

    cv = nested_cv(docs, reports, host, args.jobs)
    # The operating point: at most 2% of the human-original documents of both dev sets
    # (WMT's news, MixSet's lowercased blogs, e-mails, reviews, speeches, abstracts and
    # news) get a non-human verdict.  Calibrating on news alone flagged 35% of MixSet's
    # human texts and 2 of the 12 non-native fairness articles; the rate on news alone
    # is printed below.
    human_original = [cv[d.id].score for d in docs if d.label == fs.HO]
    print(f"calibration: {len(human_original)} human-original documents, out-of-fold")
    table = fpr_table(human_original)
    threshold = dict((r, s) for r, s in table)[TARGET_FPR]
    per_class = class_thresholds(docs, cv)
    print(f"per-class thresholds: {per_class}")
    default = {**base_weights(), "score_threshold": threshold, "class_thresholds": per_class}
    cv = {i: r if r.verdict == "undetermined" else
          replace(r, verdict=verdict_for(r.probabilities, weights=default))
          for i, r in cv.items()}
    figures = report_cv(docs, {i: r.probabilities.as_dict() for i, r in cv.items()},
                        {i: str(r.verdict) for i, r in cv.items()})
    if args.oof_out:
        rows = [{"id": d.id, "corpus": d.corpus, "label": d.label, "category": d.langpair,
                 "score": cv[d.id].score, **cv[d.id].probabilities.as_dict(),
                 "evidence": cv[d.id].evidence} for d in docs]
        args.oof_out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows),
                                encoding="utf-8")
        print(f"wrote {args.oof_out}")

    # The shipped scorer: stylometry out-of-fold on all of dev, scorer fitted on all.
    probs = {}
    for spec in fs.SPECS:
        probs[spec.code] = fs.fit_calibrated(spec, docs)[1]
    X, typical = design(docs, reports, probs, host)
    fitted = fit_scorer(X, [scorer_class(d) for d in docs])
    st_version = json.loads((fs.PLUGIN / "model.json").read_text())["version"]
    body = {
        **base_weights(), **fitted, "unmeasured": typical, "length_prior": LENGTH_PRIOR,
        "score_threshold": threshold,
        "class_thresholds": per_class,
        "calibration": {"fpr_to_score": table, "target_fpr": TARGET_FPR,
                        "human_original_documents": len(human_original)},
        "stylometry_version": st_version,
        "cv": figures,
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    payload = {"version": f"fit-{digest}",
               "about": "Written by scripts/fit_weights.py; see README 'Scoring'.", **body}
    text = json.dumps(payload, indent=1, sort_keys=True) + "\n"
    if args.eval_out:  # signed with the weights this fit writes, not those it started with
        from wirelint._scoring import WEIGHTS_VERSION

        signature = host.signature.replace(f"weights:{WEIGHTS_VERSION}",
                                           f"weights:{payload['version']}")
        args.eval_out.write_text(eval_outputs(docs, cv, signature), encoding="utf-8")
        print(f"wrote {args.eval_out}")
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
