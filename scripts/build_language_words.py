"""Build src/wirelint/data/language_words.txt.gz from wordfreq (build time only).

    pip install wordfreq && python scripts/build_language_words.py

The language gate (``wirelint._lang``) decides a text of fewer than 20 words by a vote of
its words, because every n-gram identifier fails on a headline: langdetect calls "Bodies
of" Afrikaans and "Sourdine expectations" French (measured: 44 % of two-word English
snippets of the dev texts judged not English).  Word frequencies do not fail there.  Two lists:

* ``e`` - words of English that no other language here uses as much: ``zipf_en >= 3.0``
  and at least :data:`MARGIN` above their Zipf in every language of :data:`LATIN`
  ("expectations", "bodies", "says"; not "of", a Dutch word, nor "police", a French one);
* ``f`` - among each language's :data:`FOREIGN_TOP` most frequent words, those at least
  :data:`MARGIN` above their English Zipf ("und", "gouvernement", "dijo"; not "la" in
  English's favour, nor "Paris").

Only languages in Latin script: a word in another script is told apart by its letters.
The file is one ``word<TAB>e|f`` line per word, sorted, gzip-compressed with no time
stamp, so a rebuild with the same wordfreq writes the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
from importlib.metadata import version
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parent.parent / "src" / "wirelint" / "data" / "language_words.txt.gz"
#: wordfreq's Latin-script languages other than English
LATIN = ("ca cs da de es fi fil fr hu id is it lt lv ms nb nl pl pt ro sh sk sl sv tr "
         "vi").split()
ENGLISH_TOP = 40_000
FOREIGN_TOP = 2_000
MIN_ZIPF = 3.0
MARGIN = 1.0


def english_words() -> set[str]:
    """English words whose Zipf is :data:`MARGIN` above every other language's."""
    out = set()
    for word in wordfreq.top_n_list("en", ENGLISH_TOP):
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if word.isalpha() and zipf - max(wordfreq.zipf_frequency(word, lang)
                                         for lang in LATIN) >= MARGIN:
            out.add(word)
    return out


def foreign_words() -> set[str]:
    """Frequent words of the :data:`LATIN` languages that English uses far less."""
    out = set()
    for lang in LATIN:
        for word in wordfreq.top_n_list(lang, FOREIGN_TOP):
            if word.isalpha() and (wordfreq.zipf_frequency(word, lang)
                                   - wordfreq.zipf_frequency(word, "en")) >= MARGIN:
                out.add(word)
    return out


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()  # --help
    english, foreign = english_words(), foreign_words()
    rows = sorted([(w, "e") for w in english] + [(w, "f") for w in foreign - english])
    header = (f"# wordfreq {version('wordfreq')}: e = English (top {ENGLISH_TOP}, Zipf >= "
              f"{MIN_ZIPF}), f = {FOREIGN_TOP} most frequent of {' '.join(LATIN)}; "
              f"margin {MARGIN}\n")
    body = header + "".join(f"{w}\t{c}\n" for w, c in rows)
    OUT.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {OUT}: {len(english)} English, {len(foreign - english)} foreign words, "
          f"{OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
