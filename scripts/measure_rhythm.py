"""Sentence-length norms of human news, and how often MP402's flat stretches occur per label.

    python scripts/measure_rhythm.py ../shared/corpus/wmt-news-mt/dev.jsonl \
        ../shared/corpus/mixset-llm-revised/dev.jsonl --casefold

For every label (and, with ``--category``, one MixSet category) it prints the document-wide
coefficient of variation (CV) of sentence length at the 10th, 50th and 90th percentile,
and the share of documents with a flat sentence stretch, a flat paragraph stretch, or
either (MP402 fires on either).  The thresholds themselves live in the plugin
(``wirelint_builtins/paraphrase/_rhythm.py``).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from wirelint_builtins.paraphrase._rhythm import cv, flat_stretches


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--casefold", action="store_true")
    parser.add_argument("--category", help="keep only records with meta.category == this")
    args = parser.parse_args()

    print("| data | label | docs | sentence CV p10 / p50 / p90 | flat sentences | "
          "flat paragraphs | MP402 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in args.data:
        rows: dict[str, list[tuple[float, bool, bool]]] = defaultdict(list)
        for line in path.open(encoding="utf-8"):
            rec = json.loads(line)
            if args.category and rec.get("meta", {}).get("category") != args.category:
                continue
            text = rec["text"].casefold() if args.casefold else rec["text"]
            stretches, _, lengths = flat_stretches(text)
            kinds = {s.kind for s in stretches}
            rows[rec["label"]].append((cv(lengths), "sentences" in kinds,
                                       "paragraphs" in kinds))
        for label, values in sorted(rows.items()):
            n = len(values)
            cvs = [v[0] for v in values]
            sent = sum(v[1] for v in values) / n
            para = sum(v[2] for v in values) / n
            either = sum(v[1] or v[2] for v in values) / n
            print(f"| {path.parent.name} | {label} | {n} | {_pct(cvs, 0.1):.2f} / "
                  f"{_pct(cvs, 0.5):.2f} / {_pct(cvs, 0.9):.2f} | {100 * sent:.1f}% | "
                  f"{100 * para:.1f}% | {100 * either:.1f}% |")


if __name__ == "__main__":
    main()
