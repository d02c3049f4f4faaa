"""Fit the ST7 stylometry models and report their cross-validated AUROC.

    python scripts/fit_stylometry.py --wmt ../shared/corpus/wmt-news-mt/dev.jsonl \
        --mixset ../shared/corpus/mixset-llm-revised/dev.jsonl [--write] [--ranks]

Three logistic regressions over the style profile of ``_features.profile``:

* ST701 translationese: translated English (MT and human translation) vs English
  written as English (WMT human originals, MixSet human originals);
* ST702 LLM rewrite: MixSet's machine paraphrases vs every human text;
* ST703 machine translation: MT output vs the professional translation of the *same*
  source document (paired, so topic cannot help) plus the human originals.

MixSet texts are casefolded on both sides (its human originals are lowercased).  Folds
are ``sha1(meta.group) % 5``, so an MT output, its human translation, a paraphrase and
its original are always in the same fold.  Figures printed are out-of-fold; the baseline
(bag of word 1-2 grams, tf-idf, logistic regression) runs on the same folds.  The model
written with ``--write`` is fitted on all of dev, with Platt calibration fitted on
out-of-fold decisions.  scikit-learn and numpy are used here only, never at run time.
``--ranks`` rewrites the shipped word-rank list from ``wordfreq`` (build time only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "plugins" / "wirelint_builtins" / "stylometry"
sys.path.insert(0, str(ROOT / "plugins"))

from wirelint._metrics import auroc  # noqa: E402
from wirelint_builtins.stylometry import _features  # noqa: E402
from wirelint_builtins.stylometry._model import load_ranks  # noqa: E402

FOLDS = 5
MT, HT, HO, MP = "machine-translated", "human-translated", "human-original", "machine-paraphrased"
WMT, MIXSET = "wmt", "mixset"


@dataclass
class Doc:
    id: str
    text: str
    label: str
    corpus: str
    group: str
    langpair: str
    fold: int
    feats: dict[str, float]


def fold_of(group: str, k: int = FOLDS) -> int:
    """Deterministic fold of a pair group (an MT output and its reference share one)."""
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % k


def load(wmt: Path | None, mixset: Path | None) -> list[Doc]:
    ranks = load_ranks()
    docs = []
    for path, corpus in ((wmt, WMT), (mixset, MIXSET)):
        if path is None:
            continue
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            text = r["text"].lower() if corpus == MIXSET else r["text"]
            meta = r.get("meta", {})
            group = f"{corpus}:{meta.get('group', r['id'])}"
            docs.append(Doc(r["id"], text, r["label"], corpus, group,
                            meta.get("langpair", meta.get("category", "")), fold_of(group),
                            _features.profile(text, ranks)))
    return docs


@dataclass(frozen=True)
class Spec:
    """One model: which documents are positive, which negative, which feature groups."""

    code: str
    positive: Callable[[Doc], bool]
    negative: Callable[[Doc], bool]
    groups: frozenset[str]
    C: float
    vocabulary: int = 0  #: how many ``w:`` features to keep (by document frequency)
    min_df: int = 8


STYLE = frozenset({"fw", "ct", "pu", "ty", "ln", "lx", "dn"})

SPECS = (
    Spec("ST701", lambda d: d.corpus == WMT and d.label in (MT, HT),
         lambda d: d.label == HO, STYLE, C=0.01, min_df=5),
    Spec("ST702", lambda d: d.label == MP,
         lambda d: d.label in (HO, HT), STYLE | {"w"}, C=0.01, vocabulary=3000),
    Spec("ST703", lambda d: d.label == MT, lambda d: d.label == HT, STYLE, C=0.01, min_df=5),
)


def _rows(spec: Spec, docs: Sequence[Doc]) -> tuple[list[Doc], np.ndarray]:
    chosen = [d for d in docs if spec.positive(d) or spec.negative(d)]
    return chosen, np.array([spec.positive(d) for d in chosen], dtype=bool)


def _vocabulary(spec: Spec, docs: Sequence[Doc]) -> list[str]:
    df = Counter(k for d in docs for k in d.feats if k.split(":", 1)[0] in spec.groups)
    # ln:words (raw length) is bookkeeping, not style: the corpora differ in length.
    keep = [k for k, c in df.items()
            if c >= spec.min_df and not k.startswith("w:") and k != "ln:words"]
    if spec.vocabulary:
        words = sorted((k for k, c in df.items() if k.startswith("w:") and c >= spec.min_df),
                       key=lambda k: (-df[k], k))
        keep += words[: spec.vocabulary]
    return sorted(keep)


def _matrix(docs: Sequence[Doc], names: Sequence[str]) -> np.ndarray:
    col = {n: i for i, n in enumerate(names)}
    X = np.zeros((len(docs), len(names)))
    for r, d in enumerate(docs):
        for k, v in d.feats.items():
            j = col.get(k)
            if j is not None:
                X[r, j] = v
    return X


def fit_raw(spec: Spec, docs: Sequence[Doc]) -> dict:
    """Fit one linear model; the standardisation is folded into the weights."""
    rows, y = _rows(spec, docs)
    names = _vocabulary(spec, rows)
    X = _matrix(rows, names)
    mean, sd = X.mean(0), X.std(0)
    sd[sd == 0] = 1.0
    lr = LogisticRegression(C=spec.C, max_iter=5000, class_weight="balanced")
    lr.fit((X - mean) / sd, y)
    w = lr.coef_[0] / sd
    return {"intercept": float(lr.intercept_[0]), "features": names,
            "weights": w.tolist(), "centres": mean.tolist()}


def decision(model: dict, docs: Sequence[Doc]) -> np.ndarray:
    X = _matrix(docs, model["features"])
    return model["intercept"] + (X - np.array(model["centres"])) @ np.array(model["weights"])


def _platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e4, max_iter=5000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def fit_calibrated(spec: Spec, docs: Sequence[Doc]) -> tuple[dict, dict[str, float]]:
    """Fit on ``docs``; calibrate on inner out-of-fold decisions.

    Returns the model and the calibrated out-of-fold probability of every document the
    spec scores (what a downstream scorer may be trained on without leakage).
    """
    rows, y = _rows(spec, docs)
    z = np.zeros(len(rows))
    folds = np.array([d.fold for d in rows])
    inner = {f: i for i, f in enumerate(sorted(set(folds)))}
    if len(inner) < 2:  # one fold only: fall back to a coarser inner split
        folds = np.array([fold_of(d.group + "#inner", 3) for d in rows])
    for f in sorted(set(folds)):
        test = folds == f
        model = fit_raw(spec, [d for d, t in zip(rows, test, strict=True) if not t])
        z[test] = decision(model, [d for d, t in zip(rows, test, strict=True) if t])
    a, b = _platt(z, y)
    model = fit_raw(spec, rows)
    model["calibration"] = [a, b]
    oof = {d.id: 1.0 / (1.0 + math.exp(-(a * zi + b))) for d, zi in zip(rows, z, strict=True)}
    # Documents outside the spec's labels (e.g. paraphrases for ST701) get the final
    # model's probability: they were never its training rows, so it is out-of-sample.
    others = [d for d in docs if d.id not in oof]
    if others:
        for d, zi in zip(others, decision(model, others), strict=True):
            oof[d.id] = 1.0 / (1.0 + math.exp(-(a * zi + b)))
    return model, oof


def apply(model: dict, docs: Sequence[Doc]) -> dict[str, float]:
    a, b = model["calibration"]
    return {d.id: 1.0 / (1.0 + math.exp(-(a * z + b)))
            for d, z in zip(docs, decision(model, docs), strict=True)}


def cross_validate(docs: Sequence[Doc]) -> dict[str, dict[str, float]]:
    """Out-of-fold probability per spec per document (models refitted per fold)."""
    out: dict[str, dict[str, float]] = {s.code: {} for s in SPECS}
    for k in range(FOLDS):
        train = [d for d in docs if d.fold != k]
        test = [d for d in docs if d.fold == k]
        for spec in SPECS:
            model = fit_calibrated(spec, train)[0]
            out[spec.code].update(apply(model, test))
    return out


PAIRS = ((WMT, MT, HO), (WMT, MT, HT), (MIXSET, MP, HO))


def pair_auroc(docs: Sequence[Doc], score: dict[str, float], corpus: str, pos: str,
               neg: str, langpair: str | None = None) -> float:
    sel = [d for d in docs if d.corpus == corpus and (langpair is None or d.langpair == langpair)]
    return auroc([score[d.id] for d in sel if d.label == pos],
                 [score[d.id] for d in sel if d.label == neg])


def baseline(docs: Sequence[Doc]) -> dict[tuple[str, str, str], float]:
    """Bag of word 1-2 grams (tf-idf) + logistic regression, per pair, same folds."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    result = {}
    for corpus, pos, neg in PAIRS:
        sel = [d for d in docs if d.corpus == corpus and d.label in (pos, neg)]
        y = np.array([d.label == pos for d in sel])
        folds = np.array([d.fold for d in sel])
        s = np.zeros(len(sel))
        for k in range(FOLDS):
            tr, te = folds != k, folds == k
            vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            Xtr = vec.fit_transform([d.text for d, t in zip(sel, tr, strict=True) if t])
            Xte = vec.transform([d.text for d, t in zip(sel, te, strict=True) if t])
            s[te] = LogisticRegression(C=10, max_iter=3000).fit(Xtr, y[tr]).decision_function(Xte)
        result[(corpus, pos, neg)] = auroc(list(s[y]), list(s[~y]))
    return result


def _round(model: dict) -> dict:
    keep = [i for i, w in enumerate(model["weights"]) if abs(w) > 1e-7]
    return {
        "intercept": round(model["intercept"], 6),
        "calibration": [round(v, 6) for v in model["calibration"]],
        "features": {model["features"][i]: [float(f"{model['weights'][i]:.5g}"),
                                             float(f"{model['centres'][i]:.5g}")]
                     for i in keep},
    }


def write_ranks() -> None:
    from wordfreq import top_n_list

    words = top_n_list("en", 20000)
    (PLUGIN / "ranks.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--mixset", type=Path, required=True)
    parser.add_argument("--write", action="store_true", help="write model.json")
    parser.add_argument("--ranks", action="store_true", help="rewrite ranks.txt (wordfreq)")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = parser.parse_args()
    if args.ranks:
        write_ranks()
    docs = load(args.wmt, args.mixset)
    print(f"documents: {dict(Counter(f'{d.corpus}/{d.label}' for d in docs))}")
    if not args.no_cv:
        oof = cross_validate(docs)
        base = baseline(docs)
        print("\n| pair | baseline (word 1-2 gram LR) | ST701 | ST702 | ST703 |")
        print("| --- | --- | --- | --- | --- |")
        for corpus, pos, neg in PAIRS:
            cells = [f"{pair_auroc(docs, oof[s.code], corpus, pos, neg):.3f}" for s in SPECS]
            print(f"| {corpus} {pos} vs {neg} | {base[(corpus, pos, neg)]:.3f} | "
                  + " | ".join(cells) + " |")
        print("\nST703 MT vs HT by language pair:")
        for lp in sorted({d.langpair for d in docs if d.corpus == WMT and d.label == MT}):
            n = sum(1 for d in docs if d.langpair == lp and d.label == MT)
            print(f"  {lp}: {pair_auroc(docs, oof['ST703'], WMT, MT, HT, lp):.3f} (n={n})")
    if args.write:
        models = {}
        for spec in SPECS:
            model, _ = fit_calibrated(spec, docs)
            models[spec.code] = _round(model)
        digest = hashlib.sha256(json.dumps(models, sort_keys=True).encode()).hexdigest()[:12]
        payload = {"version": f"st7-{digest}", "min_words": _features.MIN_WORDS,
                   "models": models}
        (PLUGIN / "model.json").write_text(json.dumps(payload, sort_keys=True,
                                                       separators=(",", ":")) + "\n")
        print(f"wrote {PLUGIN / 'model.json'} version st7-{digest}")


if __name__ == "__main__":
    main()
