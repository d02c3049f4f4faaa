"""Measure how often each rule fires per label, and the AUROC of per-signal evidence.

    python scripts/measure_rules.py ../shared/corpus/wmt-news-mt/dev.jsonl
    python scripts/measure_rules.py ../shared/corpus/mixset-llm-revised/dev.jsonl --casefold \
        --pair machine-paraphrased:human-original

Every rule is enabled (off-by-default ones too).  Output is Markdown: one row per rule
with the share of documents of each label on which it fires, then AUROC rows for the
requested label pairs, using the scorer's per-signal evidence.  The corpus is read by
path and never copied.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from wirelint import Config, Document, Host
from wirelint._metrics import auroc

DEFAULT_PAIRS = ("machine-translated:human-original", "machine-translated:human-translated")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--casefold", action="store_true",
                        help="lowercase every text (mixset's originals are lowercased)")
    parser.add_argument("--pair", action="append", help="POSITIVE:NEGATIVE label pair")
    parser.add_argument("--select", default="ALL", help="comma-separated selectors")
    parser.add_argument("--category", help="keep only records with meta.category == this")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    host = Host(entry_points=False)
    config = Config(select=tuple(args.select.split(",")), language_threshold=0.0)
    records = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    if args.category:
        records = [r for r in records if r.get("meta", {}).get("category") == args.category]
    if args.limit:
        records = records[: args.limit]
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    per_label: Counter[str] = Counter()
    evidence: dict[str, list[dict[str, float]]] = defaultdict(list)
    for rec in records:
        text = rec["text"].lower() if args.casefold else rec["text"]
        report = host.check(Document(text=text, id=rec["id"]), config)
        label = rec["label"]
        per_label[label] += 1
        for code in {f.code for f in report.findings}:
            fired[code][label] += 1
        evidence[label].append({**report.evidence, "score": -report.score})

    labels = sorted(per_label)
    print(f"data: {args.data.name}  documents: {dict(per_label)}  casefold: {args.casefold}\n")
    print("| rule | name | " + " | ".join(labels) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in labels) + " |")
    for code in sorted(fired):
        cells = [f"{100 * fired[code][lab] / per_label[lab]:.1f}%" for lab in labels]
        print(f"| {code} | {host.rules[code].name} | " + " | ".join(cells) + " |")
    print()
    for pair in args.pair or DEFAULT_PAIRS:
        pos, neg = pair.split(":")
        if pos not in evidence or neg not in evidence:
            continue
        for feature in sorted(evidence[pos][0]):
            a = auroc([e[feature] for e in evidence[pos]], [e[feature] for e in evidence[neg]])
            print(f"AUROC {pos} vs {neg} by {feature}: {a:.3f}")


if __name__ == "__main__":
    main()
