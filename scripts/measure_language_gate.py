"""How often the language gate misjudges short texts, by length in words.

    pip install wordfreq
    python scripts/measure_language_gate.py ../shared/corpus/wmt-news-mt/dev.jsonl \
        ../shared/corpus/mixset-llm-revised/dev.jsonl

English: from each text, its first k words and k words from a random place (k = 1, 2, 3,
4, 6, 8, 12, 19), and its first line when that has 4-7 words (a WMT headline); the share
judged another language.  Foreign: 60 texts per language and length, words drawn by
frequency from wordfreq's 20,000 most frequent words of 19 Latin-script languages, half
of them capitalised; the share judged English.  Also the share of English snippets left
to langdetect (about 2 ms each, and 0.4 s to load it once).  Seeded: the same figures
every run.
"""

from __future__ import annotations

import argparse
import collections
import json
import random

import wordfreq

from wirelint import _lang
from wirelint._lang import detect_language

LENGTHS = (1, 2, 3, 4, 6, 8, 12, 19, 30, 60)
LANGUAGES = "ca cs da de es fi fr hu id it nl pl pt ro sv tr nb ms vi".split()


#: langdetect calls so far (see :func:`_counted`).
CALLS = [0]
_langdetect = _lang._langdetect


def _counted(text: str) -> tuple[str, float]:
    CALLS[0] += 1
    return _langdetect(text)


def english_errors(paths: list[str], per_file: int, rng: random.Random
                   ) -> tuple[dict[str, float], dict[str, float]]:
    """The share of English snippets judged another language, and the share left to
    langdetect, by length."""
    wrong: collections.Counter[str] = collections.Counter()
    asked: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    _lang._langdetect = _counted
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines][:per_file]
        for text in texts:
            words = text.split()
            for k in LENGTHS:
                i = rng.randrange(max(1, len(words) - k))
                for snippet in (words[:k], words[i:i + k]):
                    total[str(k)] += 1
                    before = CALLS[0]
                    wrong[str(k)] += detect_language(" ".join(snippet))[0] != "en"
                    asked[str(k)] += CALLS[0] > before
            first = text.split("\n")[0]
            if 4 <= len(first.split()) <= 7:
                total["headline 4-7"] += 1
                wrong["headline 4-7"] += detect_language(first)[0] != "en"
    _lang._langdetect = _langdetect
    return ({k: wrong[k] / total[k] for k in total},
            {k: asked[k] / total[k] for k in total if k[0].isdigit()})


def foreign_errors(rng: random.Random, per_length: int = 60) -> dict[str, float]:
    wrong: collections.Counter[str] = collections.Counter()
    for lang in LANGUAGES:
        top = wordfreq.top_n_list(lang, 20_000)
        weights = [wordfreq.word_frequency(w, lang) for w in top]
        for k in LENGTHS:
            for _ in range(per_length):
                text = " ".join(rng.choices(top, weights, k=k))
                if rng.random() < 0.5:
                    text = text[:1].upper() + text[1:]
                wrong[str(k)] += detect_language(text)[0] == "en"
    return {str(k): wrong[str(k)] / (per_length * len(LANGUAGES)) for k in LENGTHS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="+", help="JSON Lines files of English texts")
    parser.add_argument("--per-file", type=int, default=610, help="texts read per file")
    args = parser.parse_args()
    rng = random.Random(0)
    wrong, asked = english_errors(args.data, args.per_file, rng)
    for name, shares in (("English judged another language", wrong),
                         ("English left to langdetect", asked),
                         ("foreign judged English", foreign_errors(rng))):
        print(f"{name}: " + ", ".join(f"{k} words {v:.1%}" if k[0].isdigit() else
                                      f"{k} {v:.1%}" for k, v in shares.items()))


if __name__ == "__main__":
    main()
