"""MT303: a gendered pronoun whose antecedent is a place or an institution.

French, Russian and Ukrainian give countries, cities and institutions grammatical gender
("la Russie ... elle", "Москва ... он"); MT and round trips carry it over as "he" or "she"
("Moscow says he was forced", "Kyiv and his allies").  English uses "it".

Precision comes from refusing whenever a person could be the antecedent: the place must
be the subject of its clause and the nearest candidate before the pronoun, and neither
the sentence before the place nor the previous sentence may mention anybody (a name, a
title, a person noun, another gendered pronoun).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple

from wirelint import Finding
from wirelint.text import unwrap

# \b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]er|[Ss]he|[Hh]ers|[Hh]imself|[Hh]erself)\b, with the
# leading \b tested after the first letter (a two-wide lookbehind), and one character
# class first: a pattern that starts with a class (not an alternation of two) lets ``re``
# skip to the next H or S in C (2.5x faster than the two-branch form, same matches).
_GENDERED = re.compile(
    r"[HhSs](?<!\w[HhSs])(?:(?<=[Hh])(?:e|is|im|er|ers|imself|erself)\b|(?<=[Ss])he\b)")
_TOKEN = re.compile(r"[^\W\d_]+|[.!?;:,()\"“”—–]")
# A run of stops, closing quotes/brackets, whitespace.  Only from the start of a run of
# stops (tested after its first stop: a two-wide lookbehind) and possessively, so a long
# run with no space after it is tried once, not from every position (quadratic: 100 KB
# of "!" took ~50 s).  Same matches on whole lines (fuzzed against the old pattern).
_SENTENCE_END = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"”’')\]]*+\s+")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st lt gen col sgt jr sr prof gov sen rep no vs etc co corp inc ltd maj capt
cmdr adm brig rev hon pres supt det insp
""".split())

PRONOUNS = {"he": "it", "him": "it", "his": "its", "she": "it", "her": "its",
            "hers": "its", "himself": "itself", "herself": "itself"}
#: Lowercase words that stand for people: a pronoun after them may well refer to them.
PERSON_NOUNS = frozenset("""
president minister premier chancellor leader chief head official officer spokesman
spokeswoman spokesperson ambassador envoy diplomat negotiator king queen prince princess
emperor pope patriarch man woman boy girl child father mother son daughter husband wife
brother sister uncle aunt grandfather grandmother friend player coach manager director
ceo chairman chairwoman chair secretary general commander soldier governor mayor senator
lawmaker deputy lawyer attorney judge prosecutor actor actress singer artist author writer
doctor patient victim suspect driver journalist reporter correspondent analyst expert
professor student teacher candidate winner founder owner citizen resident member partner
colleague successor predecessor host guest who whom whose mp
""".split())
#: Words after which a name starts a clause as its subject ("that Moscow", "and Kyiv").
SUBJECT_LEFT = frozenset("""
and but that while as because when if since so although though after before whereas
said says say told added stressed warned noted insisted believes believed thinks
""".split())
#: Capitalised words that start sentences without naming anybody.
OPENERS = frozenset("""
the a an in on at for from to by with of as but and or so yet if when while after before
since during however meanwhile also still then there this that these those it its they
their we our i you he she his her thousands hundreds millions dozens some many most all
both each every no not one two three four five six seven eight nine ten last next first
earlier later today yesterday according under over about despite although though because
what why how where who which any such other another half several few more less
following amid among between until unless whether here now even just only again instead
indeed overall finally nevertheless moreover furthermore along across against within
without around through throughout regarding
""".split())
#: Inside these, a clause boundary lies between the place and the pronoun.
_BARRIERS = frozenset(";:()\"“”—–")


#: The kind of a place that is also a first name or surname in ``places.txt``.
PERSON_LIKE_PLACE = "person-like-place"


class _Tok(NamedTuple):
    text: str
    start: int
    end: int


@cache
def names() -> dict[str, str]:
    """Capitalised names by kind (place, person-like-place, institution, demonym,
    not-person); read once."""
    out: dict[str, str] = {}
    path = Path(__file__).resolve().parent / "places.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, kind = line.split("\t")
            out[name] = kind
    return out


@cache
def _place_starts() -> frozenset[str]:
    """The first words of the place and institution names ("White" of "White House")."""
    return frozenset(name.split(" ")[0] for name, kind in names().items()
                     if kind in ("place", "institution"))


def _line_sentences(line: str, pos: int) -> list[tuple[int, int]]:
    """The sentence spans of one ``line`` that starts at offset ``pos`` (none if it is
    empty; else they cover it); abbreviations ("Mr.", "U.S.") do not end a sentence.  A
    line's sentences depend on that line alone, so only the lines MT303 reads are
    split."""
    out = []
    start = pos
    for m in _SENTENCE_END.finditer(line):
        before = _word_before(line, m.start())
        word = before.strip("\"“'(").lower().rstrip(".")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word:
            continue
        out.append((start, pos + m.end()))
        start = pos + m.end()
    if start < pos + len(line):
        out.append((start, pos + len(line)))
    return out


def _last_sentence_before(text: str, lo: int) -> tuple[int, int]:
    """The sentence before the line that starts at ``lo``: the last one of the nearest
    non-empty line above it (``(0, 0)`` if none)."""
    hi = lo - 1  # the line break before the line
    while hi >= 0:
        start = text.rfind("\n", 0, hi) + 1
        if start < hi:
            return _line_sentences(text[start:hi], start)[-1]
        hi = start - 1
    return (0, 0)


def _word_before(line: str, pos: int) -> str:
    """``line[:pos].rsplit(None, 1)[-1]`` ("" if only spaces), without copying the line
    up to ``pos`` once per sentence (quadratic on a long line)."""
    i = pos - 1
    while i >= 0 and line[i].isspace():
        i -= 1
    end = i + 1
    while i >= 0 and not line[i].isspace():
        i -= 1
    return line[i + 1:end]


#: The kind of a token that starts with a lowercase letter, or is punctuation, by its
#: lowercase form (what :func:`_kind` answers for it; anything else is "neutral").
_SIMPLE_KIND = {**dict.fromkeys(PERSON_NOUNS, "person"),
                **dict.fromkeys(("it", "its", "they", "their", "them"), "other-pronoun"),
                **dict.fromkeys(PRONOUNS, "pronoun")}


def _kind(toks: list[_Tok], i: int, table: dict[str, str]) -> tuple[str, int]:
    """Classify token ``i``: (kind, number of tokens it spans).

    Kinds: pronoun, person, place, neutral.
    """
    tok = toks[i].text
    low = tok.lower()
    if low in PRONOUNS:
        return "pronoun", 1
    if low in ("it", "its", "they", "their", "them"):
        return "other-pronoun", 1
    if tok[0].islower():
        return ("person", 1) if low in PERSON_NOUNS else ("neutral", 1)
    if not tok[0].isalpha():
        return "neutral", 1
    # Longest place name first: "White House", "South Korea"; a word that starts no
    # place name is looked up alone (a longer name would start with it).
    for n in (3, 2, 1) if tok in _place_starts() else (1,):
        if i + n <= len(toks):
            name = " ".join(t.text for t in toks[i:i + n])
            kind = table.get(name)
            if kind in ("place", "institution"):
                return "place", n
            # "Sofia", "Jordan": a place that is also a name is read as an unknown
            # capitalised word (perhaps a person) here; only MT308 takes it for a place.
            if kind is not None and n == 1 and kind != PERSON_LIKE_PLACE:
                return "neutral", 1
    if low in PERSON_NOUNS:  # "President", "Minister"
        return "person", 1
    if low.endswith("s") and low[:-1] in PERSON_NOUNS:
        return "neutral", 1  # "Officials said": many people, never 'he' or 'she'
    if (i == 0 or toks[i - 1].text in "\"“(") and (
            low in OPENERS or low.endswith(("ing", "ed", "ly"))):
        return "neutral", 1  # "The", "However", "Questioned by Reuters"
    return "person", 1  # an unknown capitalised word may be a name: stay quiet


def _classified(text: str, start: int, end: int) -> list[tuple[_Tok, str, int]]:
    # ``_TOKEN`` has no anchors or lookarounds: searching the span in place finds what
    # searching a copy of it finds.  ``tuple.__new__`` skips the named tuple's Python
    # constructor (a frame per token).
    new = tuple.__new__
    toks = [new(_Tok, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text, start, end)]
    table = names()
    out = []
    i = 0
    while i < len(toks):
        first = toks[i].text[0]
        if first.islower() or not first.isalpha():
            # The common case, as ``_kind`` decides it: a lowercase word is a pronoun,
            # a person noun or neutral by its lowercase form; punctuation is neutral
            # (no pronoun or person noun starts with a non-letter).
            out.append((toks[i], _SIMPLE_KIND.get(toks[i].text.lower(), "neutral"), i))
            i += 1
            continue
        kind, n = _kind(toks, i, table)
        span = toks[i] if n == 1 else _Tok(
            " ".join(t.text for t in toks[i:i + n]), toks[i].start, toks[i + n - 1].end)
        out.append((span, kind, i))
        i += n
    return out


def findings(text: str) -> Iterator[Finding]:
    """MT303 findings for one document."""
    done: tuple[tuple[int, int], list[tuple[_Tok, str, int]]] | None = None
    # Where the gendered pronouns start, in one pass (they are whole words, so none
    # spans a sentence boundary: the same ones a search per sentence finds).
    pronouns = [m.start() for m in _GENDERED.finditer(text)]
    if not pronouns:
        return
    # Sentences of the text with hard wrapping undone (same offsets): a place that starts
    # a wrapped line is not a sentence's subject.  Most lines have no gendered pronoun:
    # only the lines that do are split (and the line above, for the sentence before).
    unwrapped = unwrap(text)
    k = 0
    while k < len(pronouns):
        lo = unwrapped.rfind("\n", 0, pronouns[k]) + 1
        hi = unwrapped.find("\n", pronouns[k])
        hi = len(unwrapped) if hi == -1 else hi
        sentences = _line_sentences(unwrapped[lo:hi], lo)
        for i, (start, end) in enumerate(sentences):
            # Classify only the sentences with a pronoun (and the sentence before them
            # when a place could be the antecedent, reusing it when it had a pronoun too).
            while k < len(pronouns) and pronouns[k] < start:
                k += 1
            # A finding needs a place shortly before the pronoun (:func:`_place_near`):
            # the test spares classifying the other sentences (five in six with a
            # pronoun; their tokens would all be classified for nothing).
            if k < len(pronouns) and pronouns[k] < end and _place_near(text, start, end):
                previous = sentences[i - 1] if i else _last_sentence_before(unwrapped, lo)
                toks = _classified(text, start, end)
                if done is not None and done[0] == previous:
                    yield from _in_sentence(text, toks, partial(_given, done[1]))
                else:
                    yield from _in_sentence(text, toks, partial(_classified, text, *previous))
                done = ((start, end), toks)
        while k < len(pronouns) and pronouns[k] < hi:
            k += 1


#: Tokens from the first of a place name to a pronoun that may refer to it: up to 12
#: classified tokens (the place, the neutral words between) and the place's other two.
_REACH = 12 + 2


def _place_near(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` has a pronoun with the first word of a
    place name among the :data:`_REACH` tokens before it, as every finding of
    :func:`_in_sentence` has (a C-level set test first: most have none at all)."""
    toks = _TOKEN.findall(text, start, end)
    starts = _place_starts()
    if starts.isdisjoint(toks):
        return False
    return any(tok.lower() in PRONOUNS and not starts.isdisjoint(toks[max(0, j - _REACH):j])
               for j, tok in enumerate(toks))


def _mentions_person(toks: list[tuple[_Tok, str, int]]) -> bool:
    return any(kind in ("person", "pronoun") for _, kind, _ in toks)


def _given(toks: list[tuple[_Tok, str, int]]) -> list[tuple[_Tok, str, int]]:
    """The sentence before, already classified (``partial(_given, toks)`` is the
    ``previous`` callable of :func:`_in_sentence` when nothing is left to compute)."""
    return toks


def _in_sentence(text: str, toks: list[tuple[_Tok, str, int]],
                 previous: Callable[[], list[tuple[_Tok, str, int]]]) -> Iterator[Finding]:
    """Findings in one sentence; ``previous()`` classifies the sentence before it (only
    a place followed by a pronoun needs it)."""
    for j, (pron, kind, _) in enumerate(toks):
        if kind != "pronoun":
            continue
        k = j - 1
        while k >= 0 and toks[k][1] == "neutral" and toks[k][0].text not in _BARRIERS:
            k -= 1
        if k < 0 or toks[k][1] != "place" or j - k > 12:
            continue
        place = toks[k][0]
        if k + 1 < len(toks) and toks[k + 1][0].text.lower() == "s":
            continue  # "Moscow's envoy ... he": the possessive is not the antecedent
        left = k - 1
        if left >= 0 and toks[left][0].text.lower() == "the":
            left -= 1
        if left >= 0:
            word = toks[left][0].text
            if word.lower() not in SUBJECT_LEFT and word not in ",—–":
                continue  # "in Moscow he said": not the subject
        between = [t.text.lower() for t, _, _ in toks[k + 1:j]]
        if not _PERSON_ACTIONS.isdisjoint(between):
            continue  # "Washington threw for 300 yards and he": a player, not a place
        tight = between == ["and"] and pron.text.lower() in ("his", "her")
        if _mentions_person(toks[:max(left, 0)]):
            continue
        if not tight and _mentions_person(previous()):
            continue
        if pron.text.lower() == "her" and between and between[-1] in _VERBS_BEFORE_HER:
            continue  # "Moscow welcomed her": 'her' is an object, probably a woman
        possessive = pron.text.lower() in ("his", "her") and len(between) <= 4
        confidence = 0.8 if tight else 0.7 if possessive else 0.6
        evidence = text[place.start:pron.end]
        fix = text[place.start:pron.start] + PRONOUNS[pron.text.lower()]
        yield Finding.at(
            text, place.start, pron.end, code="MT303", confidence=confidence,
            suggestion=fix if pron.text[0].islower() else None,
            message=f"'{pron.text}' refers to '{place.text}' in '{evidence}': a place or "
                    f"institution is 'it' in English")


#: Verbs only a person does and the statistics of a player: between a place name and
#: the pronoun they make the name a person's (a surname such as Washington, in sports
#: copy).  "scored" is left out: "Ukraine scored a diplomatic win" is a country's.
_PERSON_ACTIONS = frozenset("""
threw throws thrown caught catches kicked kicks tackled dribbled sprinted swam punched
homered fumbled smiled laughed wept shrugged nodded winked sang danced limped married
yards touchdowns touchdown rebounds assists wickets innings strikeouts
""".split())

_VERBS_BEFORE_HER = frozenset("""
welcomed met invited thanked told asked praised criticised criticized accused called
named appointed sent urged warned visited received hosted honoured honored awarded
""".split())
