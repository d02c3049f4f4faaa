"""Fit the ST7 n-gram models and report their cross-validated AUROC.

    python scripts/fit_stylometry.py --wmt ../shared/corpus/wmt-news-mt/dev.jsonl \
        --mixset ../shared/corpus/mixset-llm-revised/dev.jsonl [--write]

Three logistic regressions over the tf-idf n-gram views of ``_ngrams`` (characters,
masked tokens, words):

* ST701 translationese: translated English (WMT MT output and human translations) vs
  English written as English (WMT human originals);
* ST702 LLM rewrite: MixSet's machine paraphrases vs every human text, all case-folded
  (MixSet's human originals are lowercased, so the model must not see case);
* ST703 machine translation: MT output vs the professional translation of the *same*
  source document (paired, so topic cannot help).

Folds are ``sha1(meta.group) % 5``, so an MT output, its human translation, a
paraphrase and its original are always in the same fold.  Figures printed are
out-of-fold (vocabulary, idf and weights refitted without the held-out fold); the
baseline (bag of word 1-2 grams, tf-idf, logistic regression) runs on the same folds.
The model written with ``--write`` is fitted on all of dev, with Platt calibration
fitted on out-of-fold decisions.  scikit-learn is used here only, never at run time;
decisions are computed by the plugin's own code (its pure path, which its numpy path
matches bit for bit), so what is measured here is what runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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

from scipy import sparse  # noqa: E402

from wirelint._metrics import auroc  # noqa: E402
from wirelint._visible import Visible  # noqa: E402
from wirelint_builtins.stylometry import _dense, _features, _ngrams  # noqa: E402
from wirelint_builtins.stylometry._model import NgramModels  # noqa: E402
from wirelint_builtins.stylometry._model import pack as pack_file  # noqa: E402

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
    row: int  #: this document's row in :data:`COUNTS`


def fold_of(group: str, k: int = FOLDS) -> int:
    """Deterministic fold of a pair group (an MT output and its reference share one)."""
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % k


#: ``COUNTS[view]`` = ``(sparse count matrix, column names)`` over every loaded document
#: (one row each, see ``Doc.row``): counted once, column-selected per fit.
COUNTS: dict[str, tuple[sparse.csr_matrix, list[str]]] = {}
#: ``VIEWS[row]``: each loaded document's n-gram counts, exactly as run time counts them.
VIEWS: list[dict[str, Counter]] = []
#: ``DENSE[row]``: each loaded document's whole-document measures (``_dense.measures``).
DENSE = np.zeros((0, len(_dense.NAMES)))
#: ``EXCERPTS[row]``: short excerpts of the document at ``row`` (see :func:`excerpts`).
#: They are *training rows only* of the n-gram models (:func:`fit_raw`): never scored,
#: never in the vocabulary or idf, never in the stacker; their rows in :data:`COUNTS` and
#: :data:`VIEWS` follow the documents'.
EXCERPTS: dict[int, list[Doc]] = {}
#: Excerpts per document and their length in words (whitespace tokens, as the scorer
#: counts): dev holds almost no text under ~110 words, so the models never learnt what
#: a short text's profile looks like and over-reacted on it.
EXCERPTS_PER_DOC = 2
EXCERPT_WORDS = (60, 130)
#: An excerpt must be at most this share of its document (else it is the document).
EXCERPT_SHARE = 0.75


def _count_matrix(rows: Sequence[Counter]) -> tuple[sparse.csr_matrix, list[str]]:
    names = sorted({g for r in rows for g in r})
    col = {g: j for j, g in enumerate(names)}
    indptr, indices, data = [0], [], []
    for r in rows:
        indices.extend(col[g] for g in r)
        data.extend(r.values())
        indptr.append(len(indices))
    m = sparse.csr_matrix((np.array(data, dtype=float), np.array(indices), np.array(indptr)),
                          shape=(len(rows), len(names)))
    return m, names


def excerpts(d: Doc, row: int) -> list[Doc]:
    """Up to :data:`EXCERPTS_PER_DOC` excerpts of ``d``, runs of whole sentences of
    :data:`EXCERPT_WORDS` words: the lead (headline on) and one more, not overlapping
    it, chosen by a hash of the id (deterministic).  Same label, group and fold."""
    spans = _features.sentences(d.text)
    sizes = [len(d.text[s:e].split()) for s, e in spans]
    total = len(d.text.split())
    lo, hi = EXCERPT_WORDS
    hi = min(hi, int(EXCERPT_SHARE * total))
    windows = []  # (first sentence, last sentence) of every fitting run
    for i in range(len(spans)):
        n = 0
        for j in range(i, len(spans)):
            n += sizes[j]
            if n >= lo:
                if n <= hi:
                    windows.append((i, j))
                break
    chosen: list[tuple[int, int]] = []
    if windows and EXCERPTS_PER_DOC >= 1:
        chosen.append(windows[0])  # the lead when it fits
    while len(chosen) < EXCERPTS_PER_DOC:
        free = [w for w in windows if all(w[0] > c[1] or w[1] < c[0] for c in chosen)]
        if not free:
            break
        h = int(hashlib.sha1(f"{d.id}#{len(chosen)}".encode()).hexdigest(), 16)
        chosen.append(free[h % len(free)])
    return [Doc(f"{d.id}#x{k}", d.text[spans[i][0]:spans[j][1]], d.label, d.corpus,
                d.group, d.langpair, d.fold, row + k) for k, (i, j) in enumerate(chosen)]


def load(wmt: Path | None, mixset: Path | None) -> list[Doc]:
    docs = []
    for path, corpus in ((wmt, WMT), (mixset, MIXSET)):
        if path is None:
            continue
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            # what the host hands the plugin: the text as it prints (wirelint._visible)
            text = Visible.of(r["text"]).text
            text = text.lower() if corpus == MIXSET else text
            meta = r.get("meta", {})
            group = f"{corpus}:{meta.get('group', r['id'])}"
            docs.append(Doc(r["id"], text, r["label"], corpus, group,
                            meta.get("langpair", meta.get("category", "")), fold_of(group),
                            len(docs)))
    EXCERPTS.clear()
    extra: list[Doc] = []
    for d in docs:
        EXCERPTS[d.row] = excerpts(d, len(docs) + len(extra))
        extra.extend(EXCERPTS[d.row])
    VIEWS[:] = [_ngrams.views(d.text) for d in (*docs, *extra)]
    global DENSE
    DENSE = np.array([_dense.measures(d.text) for d in docs])
    COUNTS.update({v: _count_matrix([x[v] for x in VIEWS]) for v in _ngrams.VIEWS})
    return docs


@dataclass(frozen=True)
class Spec:
    """One model: which documents are positive, which negative."""

    code: str
    positive: Callable[[Doc], bool]
    negative: Callable[[Doc], bool]
    C: float = 10.0
    #: Train on the documents' short excerpts too (:data:`EXCERPTS`).
    excerpts: bool = True


#: ST702 learns from whole documents only: with excerpts it ranked MixSet 0.945
#: out-of-fold, against 0.951 without.
SPECS = (
    Spec("ST701", lambda d: d.corpus == WMT and d.label in (MT, HT), lambda d: d.label == HO),
    Spec("ST702", lambda d: d.label == MP, lambda d: d.label in (HO, HT), excerpts=False),
    Spec("ST703", lambda d: d.label == MT, lambda d: d.label == HT),
)
#: An n-gram enters the shared vocabulary when this many training texts hold it.
MIN_DF = 5


def _rows(spec: Spec, docs: Sequence[Doc]) -> tuple[list[Doc], np.ndarray]:
    chosen = [d for d in docs if spec.positive(d) or spec.negative(d)]
    return chosen, np.array([spec.positive(d) for d in chosen], dtype=bool)


def vocabulary(docs: Sequence[Doc]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per view, the columns of :data:`COUNTS` kept (``df >= MIN_DF`` among ``docs``) and
    their smoothed idf, ``ln((1 + n) / (1 + df)) + 1``: unsupervised, shared by all specs."""
    index = [d.row for d in docs]
    out = {}
    for view in _ngrams.VIEWS:
        df = np.asarray((COUNTS[view][0][index] > 0).sum(axis=0)).ravel()
        keep = np.flatnonzero(df >= MIN_DF)
        out[view] = (keep, np.log((1.0 + len(docs)) / (1.0 + df[keep])) + 1.0)
    return out


def _tfidf(m: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """``(1 + ln count) * idf``, each row scaled to unit length (what run time does)."""
    m = m.copy()
    m.data = 1.0 + np.log(m.data)
    m = m.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def fit_raw(spec: Spec, docs: Sequence[Doc], vocab: dict | None = None) -> dict:
    """Fit one model on the spec's rows of ``docs`` over ``vocab`` (default: ``docs``')."""
    vocab = vocabulary(docs) if vocab is None else vocab
    rows, y = _rows(spec, docs)
    extra = [(x, t) for d, t in zip(rows, y, strict=True) if spec.excerpts
             for x in EXCERPTS.get(d.row, ())]
    rows = [*rows, *(x for x, _ in extra)]
    y = np.concatenate([y, np.array([t for _, t in extra], dtype=bool)])
    index = [d.row for d in rows]
    blocks = [_tfidf(COUNTS[v][0][index][:, keep], idf) for v, (keep, idf) in vocab.items()]
    lr = LogisticRegression(C=spec.C, max_iter=5000, class_weight="balanced")
    lr.fit(sparse.hstack(blocks).tocsr(), y)
    weights, at = {}, 0
    for view, (keep, _) in vocab.items():
        weights[view] = lr.coef_[0][at:at + len(keep)]
        at += len(keep)
    return {"code": spec.code, "intercept": float(lr.intercept_[0]), "vocab": vocab,
            "weights": weights}


def pack(models: Sequence[dict], rounded: bool = False) -> dict:
    """Models fitted over one vocabulary, in the shipped ``model.json`` layout."""
    vocab = models[0]["vocab"]
    assert all(m["vocab"] is vocab for m in models), "models must share a vocabulary"
    w = (lambda x: float(f"{x:.3g}")) if rounded else float
    r = (lambda x: round(float(x), 3)) if rounded else float
    return {
        "codes": [m["code"] for m in models],
        "intercept": {m["code"]: round(m["intercept"], 6) if rounded else m["intercept"]
                      for m in models},
        # 10 significant digits: the last bits of a Platt fit follow the summation order of
        # the decisions, which a faster scorer may change; the file should not churn
        "calibration": {m["code"]: [float(f"{x:.10g}") if rounded else x
                                    for x in m.get("calibration", (1.0, 0.0))]
                        for m in models},
        "dense": _pack_dense(models, rounded),
        "vocabulary": {view: {
            "grams": [COUNTS[view][1][j] for j in keep],
            "idf": [r(x) for x in idf],
            "weights": {m["code"]: [w(x) for x in m["weights"][view]] for m in models},
        } for view, (keep, idf) in vocab.items()},
    }


def _pack_dense(models: Sequence[dict], rounded: bool) -> dict | None:
    """The stacker's document measures: names, training mean and scale (shared by the
    models, like the vocabulary) and each model's weights on the standardised measures
    (``None`` for models not stacked yet: their decisions need none)."""
    if "dense_norm" not in models[0]:
        return None
    mean, scale = models[0]["dense_norm"]
    assert all(m["dense_norm"] is models[0]["dense_norm"] for m in models)
    g = (lambda x: float(f"{x:.10g}")) if rounded else float
    return {"names": list(_dense.NAMES), "mean": [g(x) for x in mean],
            "scale": [g(x) for x in scale], "clip": DENSE_CLIP,
            "weights": {m["code"]: [g(x) for x in m["dense_weights"]] for m in models}}


def dense_norm(docs: Sequence[Doc]) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of the document measures over ``docs`` (unit scale
    where a measure does not vary)."""
    rows = DENSE[[d.row for d in docs]]
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def decision(model: dict, docs: Sequence[Doc]) -> np.ndarray:
    """Run-time decisions (the plugin's own code) of ``docs``."""
    runtime = NgramModels.from_dict(pack([model]))
    return np.array([runtime.decisions(runtime.weigh(VIEWS[d.row]))[model["code"]]
                     for d in docs])


#: The stacker's L2 penalty (scikit-learn's C): the decision and 13 standardised measures.
C_STACK = 1.0
#: Standardised measures are held within +-DENSE_CLIP (here and at run time, where
#: ``model.json``'s ``clip`` sets ``NgramModels.dense_limit``): the weights are linear, and
#: a text far outside dev's range, a football report with its table (numbers 16 sd above
#: the mean), was otherwise pushed to P(paraphrase) 0.999 by that one measure.
DENSE_CLIP = 3.0


def _stack_inputs(z: np.ndarray, docs: Sequence[Doc], norm: tuple[np.ndarray, np.ndarray]
                  ) -> np.ndarray:
    mean, scale = norm
    standard = (DENSE[[d.row for d in docs]] - mean) / scale
    return np.column_stack([z, np.clip(standard, -DENSE_CLIP, DENSE_CLIP)])


def _stack(z: np.ndarray, docs: Sequence[Doc], y: np.ndarray,
           norm: tuple[np.ndarray, np.ndarray]) -> tuple[float, float, np.ndarray]:
    """Logistic regression of the label on the out-of-fold decision and the standardised
    document measures: ``(slope, offset, measure weights)``.  With the measures left out
    this is Platt scaling (measured: the same out-of-fold AUROC)."""
    lr = LogisticRegression(C=C_STACK, max_iter=5000).fit(_stack_inputs(z, docs, norm), y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0]), lr.coef_[0][1:].copy()


def probabilities(model: dict, z: np.ndarray, docs: Sequence[Doc]) -> np.ndarray:
    """The calibrated probabilities of ``docs`` from their decisions ``z``."""
    a, b = model["calibration"]
    t = _stack_inputs(z, docs, model["dense_norm"]) @ np.concatenate(
        [[a], model["dense_weights"]]) + b
    return 1.0 / (1.0 + np.exp(-t))


def fit_calibrated(spec: Spec, docs: Sequence[Doc], vocab: dict | None = None,
                   norm: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> tuple[dict, dict[str, float]]:
    """Fit on ``docs`` (over ``vocab``, default theirs); stack the document measures
    (standardised by ``norm``, default ``docs``') on inner out-of-fold decisions, each
    inner fit with the vocabulary of its own training documents.

    Returns the model and the calibrated out-of-fold probability of every document the
    spec scores (what a downstream scorer may be trained on without leakage).
    """
    norm = dense_norm(docs) if norm is None else norm
    rows, y = _rows(spec, docs)
    z = np.zeros(len(rows))
    fold = {d.id: d.fold for d in docs}
    if len(set(fold.values())) < 2:  # one fold only: fall back to a coarser inner split
        fold = {d.id: fold_of(d.group + "#inner", 3) for d in docs}
    folds = np.array([fold[d.id] for d in rows])
    for f in sorted(set(folds)):
        test = folds == f
        model = fit_raw(spec, [d for d in docs if fold[d.id] != f])
        z[test] = decision(model, [d for d, t in zip(rows, test, strict=True) if t])
    a, b, dense_weights = _stack(z, rows, y, norm)
    model = fit_raw(spec, docs, vocab)
    model.update(calibration=[a, b], dense_norm=norm, dense_weights=dense_weights)
    oof = dict(zip((d.id for d in rows), map(float, probabilities(model, z, rows)),
                   strict=True))
    # Documents outside the spec's labels (e.g. paraphrases for ST701) get the final
    # model's probability: they were never its training rows, so it is out-of-sample.
    others = [d for d in docs if d.id not in oof]
    if others:
        oof.update(apply(model, others))
    return model, oof


def apply(model: dict, docs: Sequence[Doc]) -> dict[str, float]:
    p = probabilities(model, decision(model, docs), docs)
    return {d.id: float(x) for d, x in zip(docs, p, strict=True)}


def cross_validate(docs: Sequence[Doc]) -> dict[str, dict[str, float]]:
    """Out-of-fold probability per spec per document (models refitted per fold)."""
    out: dict[str, dict[str, float]] = {s.code: {} for s in SPECS}
    for k in range(FOLDS):
        train = [d for d in docs if d.fold != k]
        test = [d for d in docs if d.fold == k]
        vocab, norm = vocabulary(train), dense_norm(train)
        for spec in SPECS:
            model = fit_calibrated(spec, train, vocab, norm)[0]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--mixset", type=Path, required=True)
    parser.add_argument("--write", action="store_true", help="write model.json")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = parser.parse_args()
    docs = load(args.wmt, args.mixset)
    print(f"documents: {dict(Counter(f'{d.corpus}/{d.label}' for d in docs))}")
    extra = [x for d in docs for x in EXCERPTS[d.row]]
    print(f"training excerpts: {len(extra)}, words "
          f"{min((len(x.text.split()) for x in extra), default=0)}-"
          f"{max((len(x.text.split()) for x in extra), default=0)}")
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
        write(docs)


def write(docs: Sequence[Doc]) -> str:
    """Fit every model on all of ``docs``, write ``model.json``; return its version."""
    vocab, norm = vocabulary(docs), dense_norm(docs)
    body = pack([fit_calibrated(spec, docs, vocab, norm)[0] for spec in SPECS], rounded=True)
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    version = "st7-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    # the version hashes the float lists as numbers; the file ships them packed
    payload = {"version": version, "min_words": _features.MIN_WORDS, **pack_file(body)}
    (PLUGIN / "model.json").write_text(
        json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8")
    print(f"wrote {PLUGIN / 'model.json'} version {version}")
    return version


if __name__ == "__main__":
    main()
