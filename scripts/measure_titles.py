"""How often MP404 stale-title fires per label, undated and with approximate document dates.

    python scripts/measure_titles.py ../shared/corpus/wmt-news-mt/dev.jsonl

The corpus records carry no publication date, so MP404 judges them at the titles table's
as-of date, and 2021-2024 news calling Joe Biden "President" is (correctly) out of date by
then.  To see the rule as a desk would use it, on copy checked when it was written, the
script also dates each record from its WMT test set (``wmt21`` -> 2021), at the first and
at the last day of that year: the range brackets the true false-positive rate.  Records
whose ``meta`` has a ``date`` use it as is.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from wirelint import Config, Document, Host

ONLY = Config(select=("MP404",), language_threshold=0.0)


def _year(meta: dict) -> str | None:
    m = re.fullmatch(r"wmt(\d\d)", str(meta.get("testset", "")))
    return f"20{m.group(1)}" if m else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--show", action="store_true", help="print every finding")
    args = parser.parse_args()

    host = Host(["wirelint_builtins.paraphrase"], entry_points=False)
    records = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    totals: Counter[str] = Counter()
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in records:
        label, meta = rec["label"], rec.get("meta", {})
        totals[label] += 1
        year = _year(meta)
        dates = {
            "undated": {},
            "dated, 1 Jan": {"date": meta.get("date") or (f"{year}-01-01" if year else None)},
            "dated, 31 Dec": {"date": meta.get("date") or (f"{year}-12-31" if year else None)},
        }
        for how, doc_meta in dates.items():
            doc_meta = {k: v for k, v in doc_meta.items() if v}
            findings = host.check(Document(text=rec["text"], id=rec["id"], meta=doc_meta),
                                  ONLY).findings
            if findings:
                fired[how][label] += 1
                if args.show:
                    for f in findings:
                        print(f"{how:14} {label:20} {rec['id']}: {f.evidence!r} "
                              f"({f.confidence})")
    labels = sorted(totals)
    print(f"\ndata: {args.data.name}  documents: {dict(totals)}\n")
    print("| MP404 | " + " | ".join(labels) + " |")
    print("| --- | " + " | ".join("---" for _ in labels) + " |")
    for how in ("undated", "dated, 1 Jan", "dated, 31 Dec"):
        cells = [f"{100 * fired[how][lab] / totals[lab]:.1f}%" for lab in labels]
        print(f"| {how} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
