"""Fit the XD6 pair-relation thresholds on dev data and print what they were fitted on.

    python scripts/fit_cluster_thresholds.py \\
        --mixset ../shared/corpus/mixset-llm-revised/dev.jsonl \\
        --wmt ../shared/corpus/wmt-news-mt/dev.jsonl [--write]

Ground truth, by data set:

* mixset-llm-revised: the two records of one ``meta.group`` are a human paragraph and its
  LLM rewrite or polish: *same content* (paraphrase-of).  Both sides are case-folded
  (the metrics are configured lowercase) because the originals were lowercased.
* wmt-news-mt: the machine and the human translation of one foreign document
  (``meta.group``) are two independent renderings of one unseen source: *same content*
  (the cluster calls such siblings ``same-source``).
* Negatives (*independent*): the two documents from other groups most word-similar to
  each document (hard negatives: the same story told by another outlet turns up here,
  e.g. two reports of one navy parade), plus 200 random cross-group pairs per set.
* Near-copies: there are none in the data, so each group's first record is copied with
  the edits syndication makes (headline swapped, up to a fifth of the sentences dropped,
  a few words changed, a boilerplate line appended), seeded and deterministic.
* ``--reference`` (round trip or paraphrase?): no data set pairs an article with its
  round trip, so the machine-vs-human translation pairs (sentence-aligned renderings of
  one text) stand in for it, against the mixset rewrites and sentence polishes.
* Pseudo-clusters, to fit the relative rule of ``link``: each related pair plus the three
  documents from other groups most word-similar to it; every pair inside is scored.

The pair thresholds maximise the balanced accuracy (mean of the two data sets' mean of
true-positive and true-negative rate); ``relative`` then maximises the balanced accuracy of
the pseudo-clusters' pairs (the middle of the plateau of best values).  ``--write`` stores
the result in plugins/wirelint_builtins/cluster/thresholds.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from wirelint_builtins.cluster import _reference as ref  # noqa: E402
from wirelint_builtins.cluster import _similarity as sim  # noqa: E402

OUT = ROOT / "plugins" / "wirelint_builtins" / "cluster" / "thresholds.json"
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
BOILERPLATE = "Read more stories like this on our website."


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def near_copy(text: str, rng: random.Random) -> str:
    """A syndicated copy: same words, lightly edited."""
    lines = text.split("\n")
    if len(lines) > 2:
        lines[0] = "UPDATED: " + lines[0]
    sentences = SENTENCE.split("\n".join(lines))
    drop = rng.randint(0, len(sentences) // 5)
    for _ in range(drop):
        if len(sentences) > 2:
            sentences.pop(rng.randrange(1, len(sentences)))
    words = " ".join(sentences).split(" ")
    for _ in range(rng.randint(0, max(1, len(words) // 30))):
        k = rng.randrange(len(words))
        words[k] = words[rng.randrange(len(words))]
    return " ".join(words) + "\n" + BOILERPLATE


class Scorer:
    """Pair scores with a cache, so every pair is scored once."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.cache: dict[tuple[int, int], dict[str, float]] = {}

    def __call__(self, i: int, j: int) -> dict[str, float]:
        key = (min(i, j), max(i, j))
        if key not in self.cache:
            self.cache[key] = sim.pair_scores(self.texts[key[0]], self.texts[key[1]])
        return self.cache[key]


def neighbours(records: list[dict], k: int) -> list[list[int]]:
    """For each record, the k most word-similar records of other groups (Jaccard)."""
    sets = [set(WORD.findall(r["text"].casefold())) for r in records]
    out = []
    for i, r in enumerate(records):
        sims = sorted(((len(sets[i] & s) / max(1, len(sets[i] | s)), j)
                       for j, s in enumerate(sets)
                       if records[j]["meta"]["group"] != r["meta"]["group"]), reverse=True)
        out.append([j for _, j in sims[:k]])
    return out


def quantiles(values: Iterable[float]) -> str:
    v = sorted(values)
    if not v:
        return "(none)"
    qs = (0, 0.05, 0.25, 0.5, 0.75, 0.95, 1)
    return " ".join(f"{v[int(q * (len(v) - 1))]:5.1f}" for q in qs)


def rates(pos: list[dict], neg: list[dict], pred: Callable[[dict], bool]) -> tuple[float, float]:
    tpr = sum(map(pred, pos)) / len(pos) if pos else 1.0
    tnr = sum(not pred(s) for s in neg) / len(neg) if neg else 1.0
    return tpr, tnr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mixset", type=Path, required=True)
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    parser.add_argument("--facts", action="store_true",
                        help="also run XD601/XD602 on every related pair (2-document "
                             "clusters through the full host) and print what they flag")
    args = parser.parse_args(argv)
    rng = random.Random(0)

    sets: dict[str, dict] = {}
    for name, path in (("mixset", args.mixset), ("wmt", args.wmt)):
        records = load(path)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(records):
            groups[r["meta"]["group"]].append(i)
        pairs = [tuple(v) for v in groups.values() if len(v) == 2]
        texts = [r["text"] for r in records]
        copies = {}
        for a, _b in pairs:
            copies[a] = len(texts)
            texts.append(near_copy(texts[a], rng))
        score = Scorer(texts)
        near = neighbours(records, 3)
        hard = sorted({(min(i, j), max(i, j)) for i in range(len(records))
                       for j in near[i][:2]})
        rand: set[tuple[int, int]] = set()
        while len(rand) < 200:
            i, j = sorted(rng.sample(range(len(records)), 2))
            if records[i]["meta"]["group"] != records[j]["meta"]["group"]:
                rand.add((i, j))
        print(f"{name}: {len(records)} documents, {len(pairs)} related pairs, "
              f"{len(hard)} hard and {len(rand)} random negatives", file=sys.stderr)
        sets[name] = {
            "records": records, "pairs": pairs, "score": score, "near": near,
            "pos": [score(a, b) for a, b in pairs],
            "neg": [score(a, b) for a, b in sorted(set(hard) | rand)],
            "hard": [score(a, b) for a, b in hard],
            "copy": [score(a, c) for a, c in copies.items()],
            "ops": [records[b]["meta"].get("operation") or "translation" for _a, b in pairs],
        }

    print("\nDistributions (symmetric score = max of both directions), quantiles "
          "min 5% 25% 50% 75% 95% max")
    for name, d in sets.items():
        by_op: dict[str, list[dict]] = defaultdict(list)
        for op, s in zip(d["ops"], d["pos"], strict=True):
            by_op[op].append(s)
        rows = [*((f"related ({op})", v) for op, v in sorted(by_op.items())),
                ("independent (hard)", d["hard"]), ("independent (all)", d["neg"]),
                ("near-copy (synthetic)", d["copy"])]
        for label, values in rows:
            for metric in ("bleu", "chrf"):
                print(f"  {name:7} {label:34} n={len(values):4} {metric:4} "
                      f"{quantiles(s[metric] for s in values)}")

    def balanced(pred: Callable[[dict], bool], pos_key: str = "pos",
                 neg_key: str = "neg") -> float:
        return sum(sum(rates(d[pos_key], d[neg_key], pred)) / 2 for d in sets.values()) / 2

    # 1. related vs independent, pair by pair.
    best = max(((balanced(lambda s, b=b, c=c: s["bleu"] >= b and s["chrf"] >= c), b, c)
                for b in [x / 2 for x in range(41)] for c in range(20, 70)),
               key=lambda x: (round(x[0], 4), -x[1], -x[2]))
    _, related_bleu, related_chrf = best

    # 2. near-copy vs the genuine related pairs (rewrites, polishes, translations).
    nc = max(((balanced(lambda s, b=b: s["bleu"] >= b, "copy", "pos"), b)
              for b in range(20, 100)), key=lambda x: (round(x[0], 4), x[1]))
    near_copy_bleu = float(nc[1])

    # 3. the relative rule, on pseudo-clusters.
    clusters = []
    for d in sets.values():
        for a, b in d["pairs"]:
            extra = [j for j in d["near"][a] + d["near"][b] if j not in (a, b)]
            members = [a, b, *dict.fromkeys(extra)][:5]
            clusters.append((d, members))

    def cluster_rates(t: sim.Thresholds) -> dict[str, tuple[float, float]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for d, members in clusters:
            n = len(members)
            scores = {(i, j): d["score"](members[i], members[j])
                      for i in range(n) for j in range(i + 1, n)}
            _kept, groups = sim.link(n, scores, t)
            where = {x: g[0] for g in groups for x in g}
            name = "mixset" if d is sets["mixset"] else "wmt"
            for i, j in scores:
                truth = (d["records"][members[i]]["meta"]["group"]
                         == d["records"][members[j]]["meta"]["group"])
                said = where[i] == where[j]
                c = counts[name]
                c[0 if truth else 2] += 1
                c[1 if truth else 3] += said == truth
        return {k: (c[1] / c[0], c[3] / c[2]) for k, c in counts.items()}

    def thresholds(relative: float) -> sim.Thresholds:
        return sim.Thresholds(near_copy_bleu=near_copy_bleu, related_bleu=related_bleu,
                              related_chrf=related_chrf, relative=relative)

    trials = []
    for r in [x / 20 for x in range(0, 20)]:
        res = cluster_rates(thresholds(r))
        trials.append((sum((a + b) / 2 for a, b in res.values()) / 2, r, res))
    print("\nRelative rule on pseudo-clusters (relative: balanced accuracy):")
    print("  " + "  ".join(f"{r:.2f}:{b:.3f}" for b, r, _ in trials))
    # The curve has a plateau; take the middle of it (lower median), not an edge.
    top = max(round(b, 3) for b, _, _ in trials)
    plateau = [t for t in trials if round(t[0], 3) == top]
    bal, relative, res = plateau[(len(plateau) - 1) // 2]
    chosen = thresholds(relative)

    # 4. --reference: translation-like (a proxy for a round trip: the machine vs the human
    # translation of one source, sentence-aligned) vs LLM paraphrase (rewrite, sentence
    # polish).  Token-level polish is left out of the fit and reported.
    feats: dict[str, list[dict[str, float]]] = defaultdict(list)
    for name, d in sets.items():
        for (a, b), op in zip(d["pairs"], d["ops"], strict=True):
            orig, cand = sorted((a, b), key=lambda i: d["records"][i]["label"] not in (
                "human-original", "human-translated"))
            feats[f"{name} {op}"].append(ref.features(d["score"].texts[cand],
                                                      d["score"].texts[orig]))
    trip = feats["wmt translation"]
    para = feats["mixset rewrite"] + feats["mixset polish_sentence"]
    print("\n--reference measures (candidate vs its original), quantiles 5% 25% 50% 75% 95%")
    for label, rows_ in sorted(feats.items()):
        for f in ("unigram_overlap", "order_kept", "substitution_share", "sentence_ratio"):
            v = sorted(r[f] for r in rows_)
            qs = " ".join(f"{v[int(q * (len(v) - 1))]:.2f}" for q in (.05, .25, .5, .75, .95))
            print(f"  {label:24} {f:20} {qs}")

    def trip_rule(u: float, o: float, sr: float) -> Callable[[dict], bool]:
        return lambda r: (r["unigram_overlap"] >= u and r["order_kept"] >= o
                          and 1 / sr <= r["sentence_ratio"] <= sr)

    grid = [(u / 100, o / 100, sr) for u in range(40, 80, 2) for o in range(50, 96, 3)
            for sr in (1.1, 1.2, 1.3, 1.5, 2.0)]
    rt = max(((sum(rates(trip, para, trip_rule(*g))) / 2, g) for g in grid),
             key=lambda x: (round(x[0], 3), x[1]))
    rt_rule = trip_rule(*rt[1])
    round_trip = {"unigram_overlap": rt[1][0], "order_kept": rt[1][1],
                  "sentence_ratio": rt[1][2]}

    print("\nChosen thresholds (scores 0-100):")
    print(f"  related:   bleu >= {related_bleu} and chrF >= {related_chrf}  "
          f"(pairwise balanced accuracy {best[0]:.3f})")
    print(f"  near-copy: bleu >= {near_copy_bleu}  (synthetic copies vs genuine related "
          f"pairs, balanced accuracy {nc[0]:.3f})")
    print(f"  relative:  {relative}  (pseudo-cluster balanced accuracy {bal:.3f}; "
          f"without the rule {trials[0][0]:.3f})")

    print(f"  round-trip-like: {round_trip}  (translation pairs vs rewrites and sentence "
          f"polish, balanced accuracy {rt[0]:.3f})")
    for label, rows_ in sorted(feats.items()):
        share = sum(map(rt_rule, rows_)) / len(rows_)
        print(f"    {label:24} called round-trip-like: {share:.3f}")

    report: dict[str, dict] = {}
    print("\nAccuracy on dev (pairs; TPR = related pairs found, TNR = independent kept apart):")
    for name, d in sets.items():
        tpr, tnr = rates(d["pos"], d["neg"], lambda s: sim.is_candidate(s, chosen))
        _tpr_h, tnr_h = rates(d["pos"], d["hard"], lambda s: sim.is_candidate(s, chosen))
        nc_tpr, nc_tnr = rates(d["copy"], d["pos"], lambda s: s["bleu"] >= near_copy_bleu)
        n_pos, n_neg = len(d["pos"]), len(d["neg"])
        acc = (tpr * n_pos + tnr * n_neg) / (n_pos + n_neg)
        c_tpr, c_tnr = res[name]
        three = (sum(s["bleu"] >= near_copy_bleu for s in d["copy"])
                 + sum(sim.is_candidate(s, chosen) and s["bleu"] < near_copy_bleu
                       for s in d["pos"])
                 + sum(not sim.is_candidate(s, chosen) for s in d["neg"])) / (
                     len(d["copy"]) + n_pos + n_neg)
        print(f"  {name:7} related-vs-independent: accuracy {acc:.3f} (TPR {tpr:.3f}, "
              f"TNR {tnr:.3f}, hard negatives TNR {tnr_h:.3f}); near-copy vs related: "
              f"TPR {nc_tpr:.3f} TNR {nc_tnr:.3f}; 3-class accuracy {three:.3f}; "
              f"pseudo-clusters TPR {c_tpr:.3f} TNR {c_tnr:.3f}")
        report[name] = {"pairs_related": n_pos, "pairs_independent": n_neg,
                        "accuracy": round(acc, 3), "tpr": round(tpr, 3),
                        "tnr": round(tnr, 3), "tnr_hard": round(tnr_h, 3),
                        "three_class_accuracy": round(three, 3),
                        "cluster_tpr": round(c_tpr, 3), "cluster_tnr": round(c_tnr, 3)}

    if args.facts:
        measure_facts(sets)

    if args.write:
        data = {
            "fitted_on": "mixset-llm-revised dev + wmt-news-mt dev "
                         "(scripts/fit_cluster_thresholds.py)",
            "signatures": sim.signatures(),
            "thresholds": {"near_copy_bleu": near_copy_bleu, "related_bleu": related_bleu,
                           "related_chrf": related_chrf, "relative": relative},
            "round_trip": round_trip,
            "dev_accuracy": report,
        }
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


def measure_facts(sets: dict[str, dict]) -> None:
    """How often the fact rules fire on two versions of one text (each finding is a real
    discrepancy or a false positive; the examples printed tell which), and how many
    planted discrepancies they find: in the second version, a figure the first version
    also gives is multiplied by ten (a dropped or added digit), or a title both give is
    made "former"."""
    from wirelint import Config, Document, Host
    from wirelint_builtins.cluster import _facts as facts

    host = Host(plugins=["wirelint_builtins.cluster"], entry_points=False)
    config = Config(select=("XD601", "XD602"))
    # [planted, found with 2 versions (either flagged), found on the planted version
    # with 3 versions (the original, its pair, the pair with the planted error)]
    planted = {"XD602": [0, 0, 0], "XD601": [0, 0, 0]}
    for d in sets.values():
        for a, b in d["pairs"]:
            ta, tb = d["score"].texts[a], d["score"].texts[b]
            for code, edit in (("XD602", _plant_number), ("XD601", _plant_title)):
                changed = edit(facts, ta, tb)
                if changed is None:
                    continue
                two = host.check_cluster([Document(text=ta, id="a"),
                                          Document(text=changed, id="b")], config)
                three = host.check_cluster([Document(text=ta, id="a"),
                                            Document(text=tb, id="b"),
                                            Document(text=changed, id="c")], config)
                planted[code][0] += 1
                planted[code][1] += any(f.code == code for r in two.reports
                                        for f in r.findings)
                planted[code][2] += any(f.code == code for f in three.reports[2].findings)
    print("\nXD601/XD602 on related pairs (documents flagged / pairs):")
    for name, d in sets.items():
        flagged: dict[str, int] = defaultdict(int)
        examples: list[str] = []
        for a, b in d["pairs"]:
            # Not case-folded: titles need their capitals (mixset's lowercased originals
            # yield no title mention, so XD601 there can only stay silent).
            docs = [Document(text=d["score"].texts[i], id=str(i)) for i in (a, b)]
            result = host.check_cluster(docs, config)
            for doc, report in zip(docs, result.reports, strict=True):
                for code in sorted({f.code for f in report.findings}):
                    flagged[code] += 1
                for f in report.findings[:1]:
                    if len(examples) < 6:
                        examples.append(f"{f.code} {doc.text[f.span.start:f.span.end]!r}: "
                                        f"{f.message[:90]}")
        n = len(d["pairs"])
        print(f"  {name:7} pairs {n}: " + ", ".join(
            f"{c} {k} documents ({k / (2 * n):.1%})" for c, k in sorted(flagged.items()))
            + ("" if flagged else "none"))
        for e in examples:
            print(f"      {e}")
    for code, (n, two, three) in planted.items():
        if n:
            print(f"  planted {code} discrepancies: {n}; found with 2 versions {two / n:.1%}, "
                  f"on the planted version with 3 versions {three / n:.1%}")


def _plant_number(facts: object, a: str, b: str) -> str | None:
    """Multiply by ten (append a digit to) every occurrence in ``b`` of a figure that
    ``a`` gives with the same unit."""
    mine = facts.number_mentions(a)  # type: ignore[attr-defined]
    theirs = facts.number_mentions(b)  # type: ignore[attr-defined]
    target = next((m for m in theirs if re.match(r"\d", b[m.start:m.end]) and any(
        x.unit == m.unit and x.value == m.value for x in mine)), None)
    if target is None:
        return None
    out, last = [], 0
    for m in theirs:
        if m.unit == target.unit and m.value == target.value:
            figure = re.match(r"\d[\d,.]*\d|\d", b[m.start:m.end])
            if figure:
                out.append(b[last:m.start + figure.end()] + "0")
                last = m.start + figure.end()
    return "".join(out) + b[last:]


def _plant_title(facts: object, a: str, b: str) -> str | None:
    """Make "former" every title ``b`` gives a person that ``a`` names with a compatible
    title (a rewriter with stale knowledge is consistent about it)."""
    mine = facts.title_mentions(a)  # type: ignore[attr-defined]
    theirs = facts.title_mentions(b)  # type: ignore[attr-defined]
    target = next((m for m in theirs if "former" not in m.title.modifiers and any(
        x.name == m.name and x.title.compatible(m.title) for x in mine)), None)
    if target is None:
        return None
    out, last = [], 0
    for m in theirs:
        if m.name == target.name or m.name == target.name.split()[-1]:
            out.append(b[last:m.start] + "former ")
            last = m.start
    return "".join(out) + b[last:]


if __name__ == "__main__":
    raise SystemExit(main())
