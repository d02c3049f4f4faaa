"""Measure the LLM-register lexicon (MP401) and write its weights into the plugin.

    python scripts/measure_register.py ../shared/corpus/mixset-llm-revised/dev.jsonl \
        --background ../shared/corpus/wmt-news-mt/dev.jsonl

The candidates below come from knowledge of LLM style and from published "excess
vocabulary" studies (Kobak et al. 2024, arXiv:2406.07016; Liang et al. 2024,
arXiv:2403.07183), not from the corpus.  The corpus only decides which candidates are kept
and how much each weighs, so a 190+190 dev set cannot invent a term, only confirm one.

For each family (a word and its inflections) the script counts occurrences, casefolded,
with one longest-first alternation like the scanner's trie, in

* machine-paraphrased vs human-original MixSet passages (the human originals are
  lowercased by the data set's makers, hence the casefolding), and
* human-original news (wmt-news-mt ``human-original``), the background a news desk sees.

``log_ratio`` is the smaller of the two smoothed log rate ratios (per word, +0.5 counts):
LLM vs human original and LLM vs human news, so a word common in real news ("despite",
"amid") cannot earn a high weight from MixSet's non-news genres.  A family is kept as
``measured`` when it occurs at least twice in LLM text with ``log_ratio >= ln 2``; a family
from the literature list with no counter-evidence but too few occurrences to measure is
kept as ``prior`` with the minimum weight.  Confidence per occurrence is ``0.07 x
log_ratio``, capped at 0.25: one hit is weak evidence; many hits add up.

``--cv`` also reports a 2-fold cross-validated AUROC (folds by MixSet pair), an honest
estimate of how much of the in-sample separation is overfitting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "plugins/wirelint_builtins/paraphrase/register.json"

#: family -> (forms, from the excess-vocabulary literature)
CANDIDATES: dict[str, tuple[tuple[str, ...], bool]] = {
    # Connectives LLMs add when they smooth text.
    "additionally": (("additionally",), True),
    "furthermore": (("furthermore",), True),
    "moreover": (("moreover",), True),
    "nonetheless": (("nonetheless",), False),
    "notably": (("notably",), True),
    "consequently": (("consequently",), False),
    "subsequently": (("subsequently",), False),
    "thereby": (("thereby",), False),
    "hence": (("hence",), False),
    "however": (("however,",), False),
    "overall": (("overall",), False),
    "particularly": (("particularly",), False),
    "in order to": (("in order to",), False),
    "prior to": (("prior to",), False),
    # Inflated adjectives and adverbs.
    "significant": (("significant", "significantly"), True),
    "substantial": (("substantial", "substantially"), False),
    "considerable": (("considerable", "considerably"), False),
    "numerous": (("numerous",), False),
    "various": (("various",), False),
    "crucial": (("crucial", "crucially"), True),
    "vital": (("vital",), False),
    "pivotal": (("pivotal",), True),
    "paramount": (("paramount",), True),
    "comprehensive": (("comprehensive", "comprehensively"), True),
    "profound": (("profound", "profoundly"), False),
    "remarkable": (("remarkable", "remarkably"), True),
    "notable": (("notable",), True),
    "noteworthy": (("noteworthy",), True),
    "evident": (("evident", "evidently"), False),
    "intricate": (("intricate", "intricately", "intricacies", "intricacy"), True),
    "intriguing": (("intriguing", "intriguingly"), True),
    "captivating": (("captivating", "captivated", "captivate"), True),
    "seamless": (("seamless", "seamlessly"), True),
    "robust": (("robust",), True),
    "multifaceted": (("multifaceted", "multi-faceted"), True),
    "nuanced": (("nuanced",), True),
    "meticulous": (("meticulous", "meticulously"), True),
    "commendable": (("commendable",), True),
    "unwavering": (("unwavering",), True),
    "steadfast": (("steadfast", "steadfastly"), True),
    "transformative": (("transformative",), True),
    "groundbreaking": (("groundbreaking",), True),
    "vibrant": (("vibrant",), True),
    "invaluable": (("invaluable",), True),
    "relentless": (("relentless", "relentlessly"), False),
    "vehemently": (("vehemently",), True),
    "heightened": (("heightened",), True),
    "protracted": (("protracted",), False),
    "prevalent": (("prevalent",), True),
    "albeit": (("albeit",), False),
    "approximately": (("approximately",), False),
    # Formal verbs LLMs prefer to plain ones.
    "utilize": (("utilize", "utilizes", "utilized", "utilizing", "utilise", "utilises",
                 "utilised", "utilising", "utilization", "utilisation"), True),
    "ensure": (("ensure", "ensures", "ensured", "ensuring"), False),
    "enhance": (("enhance", "enhances", "enhanced", "enhancing", "enhancement"), True),
    "facilitate": (("facilitate", "facilitates", "facilitated", "facilitating"), True),
    "navigate": (("navigate", "navigates", "navigated", "navigating"), True),
    "delve": (("delve", "delves", "delved", "delving"), True),
    "underscore": (("underscore", "underscores", "underscored", "underscoring"), True),
    "emphasize": (("emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise",
                   "emphasises", "emphasised", "emphasising"), True),
    "highlight": (("highlighted", "highlighting"), True),
    "showcase": (("showcase", "showcases", "showcased", "showcasing"), True),
    "garner": (("garner", "garners", "garnered", "garnering"), True),
    "bolster": (("bolster", "bolsters", "bolstered", "bolstering"), True),
    "fostering": (("fostering", "fostered"), True),  # not "foster care", "foster parents"
    "embark": (("embark", "embarks", "embarked", "embarking"), True),
    "strive": (("strive", "strives", "striving", "strove"), True),
    "resonate": (("resonate", "resonates", "resonated", "resonating"), True),
    "align": (("align", "aligns", "aligning"), True),
    "endeavor": (("endeavor", "endeavors", "endeavour", "endeavours", "endeavored",
                  "endeavoured"), True),
    "commence": (("commence", "commences", "commenced", "commencing"), False),
    "ascertain": (("ascertain", "ascertained"), False),
    "exacerbate": (("exacerbate", "exacerbates", "exacerbated", "exacerbating"), False),
    "alleviate": (("alleviate", "alleviates", "alleviated", "alleviating"), False),
    "demonstrate": (("demonstrate", "demonstrates", "demonstrated", "demonstrating"), False),
    "reaffirm": (("reaffirm", "reaffirms", "reaffirmed", "reaffirming"), False),
    "addressing": (("addressing",), False),
    "stating": (("stating",), False),
    "regarding": (("regarding",), False),
    "individuals": (("individuals",), False),
    "potential": (("potential",), False),
    "additional": (("additional",), False),
    "voiced": (("voiced",), False),
    # Stock phrases.
    "amidst": (("amidst",), False),
    "a testament to": (("a testament to", "testament to"), True),
    "in light of": (("in light of", "in light of the ongoing"), True),
    "tapestry": (("tapestry", "rich tapestry"), True),
    "realm": (("realm", "realms"), True),
    "landscape": (("landscape",), True),
    "interplay": (("interplay",), True),
    "plethora": (("plethora",), True),
    "myriad": (("myriad",), True),
    "pave the way": (("pave the way", "paves the way", "paved the way", "paving the way"),
                     False),
    "a stark reminder": (("a stark reminder", "a poignant reminder"), False),
    "serves as": (("serves as a", "stands as a"), True),
    "shed light on": (("shed light on", "sheds light on", "shedding light on"), True),
    "crucial role": (("a crucial role", "a pivotal role", "a vital role"), True),
    "navigate the complexities": (("navigate the complexities", "navigating the complexities",
                                   "the complexities of"), True),
    "worth noting": (("it is worth noting", "it's worth noting", "it is important to note",
                      "it's important to note", "it should be noted"), True),
    "voiced concern": (("voiced concern", "voiced concerns", "expressed concern",
                        "expressed concerns", "voiced scepticism", "voiced skepticism",
                        "expressed scepticism", "expressed skepticism"), False),
    "amid": (("amid",), False),
    "despite": (("despite",), False),
    "in the wake of": (("in the wake of",), False),
    "ongoing": (("ongoing",), False),
}

MIN_LOG_RATIO = math.log(2.0)
MIN_OCCURRENCES = 2
CONFIDENCE_PER_NAT = 0.07
MAX_CONFIDENCE = 0.25


def _forms() -> dict[str, str]:
    return {form: family for family, (forms, _) in CANDIDATES.items() for form in forms}


def _matcher() -> re.Pattern[str]:
    forms = sorted(_forms(), key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def count(text: str, matcher: re.Pattern[str], forms: dict[str, str]) -> Counter[str]:
    """Occurrences per family in casefolded ``text`` (longest match wins, as in the trie)."""
    found: Counter[str] = Counter()
    for m in matcher.finditer(text.casefold()):
        found[forms[" ".join(m.group().split())]] += 1
    return found


def _rate_ratio(a: int, words_a: int, b: int, words_b: int) -> float:
    return math.log((a + 0.5) / words_a) - math.log((b + 0.5) / words_b)


def fit(records: list[dict], background: list[dict]) -> dict[str, dict]:
    """Keep and weigh families from counted records (each has ``counts`` and ``words``)."""
    llm = [r for r in records if r["label"] == "machine-paraphrased"]
    human = [r for r in records if r["label"] == "human-original"]
    totals = {name: (sum(r["words"] for r in rs), Counter())
              for name, rs in (("llm", llm), ("human", human), ("news", background))}
    for name, rs in (("llm", llm), ("human", human), ("news", background)):
        for r in rs:
            totals[name][1].update(r["counts"])
    (w_llm, c_llm), (w_hum, c_hum), (w_news, c_news) = (
        totals["llm"], totals["human"], totals["news"])
    kept: dict[str, dict] = {}
    for family, (forms, literature) in CANDIDATES.items():
        n_llm, n_hum, n_news = c_llm[family], c_hum[family], c_news[family]
        ratio = min(_rate_ratio(n_llm, w_llm, n_hum, w_hum),
                    _rate_ratio(n_llm, w_llm, n_news, w_news))
        if n_llm >= MIN_OCCURRENCES and ratio >= MIN_LOG_RATIO:
            source = "measured"
        elif literature and n_llm < MIN_OCCURRENCES and n_llm >= n_hum and n_news <= 1:
            source, ratio = "prior", MIN_LOG_RATIO  # too rare here to measure; not refuted
        else:
            continue
        kept[family] = {
            "forms": list(forms),
            "log_ratio": round(ratio, 3),
            "confidence": round(min(MAX_CONFIDENCE, CONFIDENCE_PER_NAT * ratio), 3),
            "source": source,
            "counts": {"llm": n_llm, "human": n_hum, "news": n_news},
        }
    return kept


def evidence(record: dict, kept: dict[str, dict]) -> float:
    """What the scorer sums for MP401: confidence x INFO weight (0.5), length-normalised."""
    total = sum(n * kept[f]["confidence"] for f, n in record["counts"].items() if f in kept)
    return 0.5 * total / math.sqrt(max(record["words"], 50) / 100.0)


def _auroc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _report(records: list[dict], kept: dict[str, dict], label: str) -> None:
    for cat in (None, "news"):
        rs = [r for r in records if cat is None or r["meta"].get("category") == cat]
        pos = [evidence(r, kept) for r in rs if r["label"] == "machine-paraphrased"]
        neg = [evidence(r, kept) for r in rs if r["label"] == "human-original"]
        print(f"AUROC {label} ({cat or 'all'}, {len(pos)}+{len(neg)}): {_auroc(pos, neg):.3f}")


def _dump(data: dict) -> str:
    """JSON with one family per line, so a diff shows which weights moved."""
    head = {k: v for k, v in data.items() if k != "families"}
    lines = json.dumps(head, indent=1, ensure_ascii=False)[:-2].splitlines()
    lines[-1] += ","
    lines.append(' "families": {')
    rows = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in data["families"].items()]
    lines += [row + ("," if i < len(rows) - 1 else "") for i, row in enumerate(rows)]
    return "\n".join([*lines, " }", "}"]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mixset", type=Path, help="mixset-llm-revised dev.jsonl")
    parser.add_argument("--background", type=Path, required=True,
                        help="wmt-news-mt dev.jsonl (its human-original news)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", action="store_true", help="also report 2-fold CV AUROC")
    parser.add_argument("--dry-run", action="store_true", help="do not write --out")
    args = parser.parse_args()

    matcher, forms = _matcher(), _forms()

    def load(path: Path) -> list[dict]:
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        for r in rows:
            r["counts"] = count(r["text"], matcher, forms)
            r["words"] = len(r["text"].split())
        return rows

    records = [r for r in load(args.mixset)
               if r["label"] in ("machine-paraphrased", "human-original")]
    background = [r for r in load(args.background) if r["label"] == "human-original"]
    kept = fit(records, background)
    for family, row in sorted(kept.items(), key=lambda kv: -kv[1]["log_ratio"]):
        print(f"{family:28} {row['source']:8} log_ratio={row['log_ratio']:.2f} "
              f"conf={row['confidence']:.3f} counts={row['counts']}")
    print(f"kept {len(kept)} of {len(CANDIDATES)} candidate families")
    _report(records, kept, "in-sample")
    if args.cv:
        folds = [[r for r in records
                  if int(hashlib.sha1(r["meta"]["group"].encode()).hexdigest(), 16) % 2 == k]
                 for k in (0, 1)]
        for k in (0, 1):
            _report(folds[1 - k], fit(folds[k], background), f"2-fold CV, fold {k}")
    if not args.dry_run:
        data = {
            "about": "MP401 llm-register lexicon, written by scripts/measure_register.py",
            "measured_on": {
                "paraphrase": f"{args.mixset.parent.name}/{args.mixset.name} "
                              "(machine-paraphrased vs human-original, casefolded)",
                "background": f"{args.background.parent.name}/{args.background.name} "
                              "(human-original news)",
                "documents": {"llm": sum(r["label"] == "machine-paraphrased" for r in records),
                              "human": sum(r["label"] == "human-original" for r in records),
                              "news": len(background)},
            },
            "min_log_ratio": round(MIN_LOG_RATIO, 3),
            "families": dict(sorted(kept.items())),
        }
        args.out.write_text(_dump(data), "utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
