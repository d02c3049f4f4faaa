"""Context guards and word lists for the MT3xx typography rules (MT301, MT302, MT304,
MT305, MT306, MT307): where a shape that looks like a round-trip artefact is ordinary
English, code, notation or layout.

Every guard looks at a bounded neighbourhood of its match (never the whole line), so a
document full of candidates costs linear time.
"""

from __future__ import annotations

import re

from ._antecedent import PERSON_NOUNS

#: How far either side of a match a guard reads.
_NEAR = 300

# --- MT301 spaced-hyphen ---------------------------------------------------------------

#: Words that never start (or end) a compound, so "with -loglevel", "as -verbose",
#: "said -and" are a flag or a dash, not a split compound.  Particles that do form
#: compounds ("so-called", "in-depth", "by-election", "for-profit", "plug-in") are not
#: in it.
FUNCTION_WORDS = frozenset("""
an the and or but nor yet if as than that this these those with without from of into onto
upon through during via per is am are was were has have had does did will would could
might must shall should its he she we they you me him us them his their our your my
theirs ours yours mine hers said says told asked wrote writes use uses using run runs
type typed flag flags option options switch command suffix suffixes prefix prefixes
ending endings
""".split())

#: Bound suffixes cited on their own ("the -ism", "words in -stan").
SUFFIXES = frozenset("""
ism isms ist ists ite ites ian ians ese ish esque ness less ful fully able ible ably ology
ologist ologists logy phobia phobic philia cide gate stan istan ize ise ization isation
tion sion ment ments ing ings ed er ers est ly ity ic ics al ous ive ward wards wise
""".split())

#: Days and months: "Monday -Friday" is a range typed with a hyphen, not a compound.
_CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
fri sat sun january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

#: Measure nouns that follow a number in a compound ("35-year-old", "a 5-storey block").
MEASURE_NOUNS = (
    "year|day|week|month|hour|minute|second|night|decade|century|metre|meter|kilometre|"
    "kilometer|km|mile|foot|inch|storey|story|floor|room|bed|bedroom|door|seat|member|page|"
    "point|percent|per-cent|ton|tonne|kilo|kilogram|kg|litre|liter|degree|fold|strong|"
    "man|person|game|match|round|lane|star|time|stage|part|billion|million|dollar|euro"
)

#: A pros/cons list typed inline ("+good story -bad graphics -invisible walls").
_PLUS_ITEM = re.compile(r"(?:^|\s)\+[^\W\d_]")


def spaced_hyphen_ok(m: re.Match[str], text: str) -> bool:
    """Whether an "x -y" match is a split compound (True) rather than a command-line
    flag, a cited suffix, a dash, a day range or an inline list item (False)."""
    left, right = m.group(1).lower(), m.group(2).lower()
    if left in FUNCTION_WORDS or right in SUFFIXES:
        return False
    end = m.end()
    if m.group(2) in FUNCTION_WORDS and not text.startswith("-", end):
        return False  # "said -and this", but "mother -in-law" is a compound
    if left in _CALENDAR and right in _CALENDAR:
        return False
    return not _PLUS_ITEM.search(text, max(0, m.start() - _NEAR), end + _NEAR)


# --- MT302 percent-without-space -------------------------------------------------------

_PERCENT = re.compile(r"[ \u00a0\u202f]?%")


def percent_fix(m: re.Match[str]) -> str:
    """"5 %points" and "20%of" -> "5% points", "20% of"."""
    return _PERCENT.sub("% ", m.group(0), count=1)


# --- MT304 space-before-punctuation ----------------------------------------------------

def french_spacing_ok(m: re.Match[str], text: str) -> bool:
    """Whether a space before ':;?!' is French spacing (True) rather than a ratio or score
    ("1 : 1", "7 : 2"), aligned columns, notation with one-letter variables ("a ? b : c",
    "{x : x > 0}") or French quoted inside guillemets (False)."""
    start, end = m.span()
    if end - start > 3:
        return False  # a run of spaces: columns aligned on the colon ("Kyiv      : 12C")
    before = text[start - 1] if start else ""
    punct = text[end - 1]
    after = text[end + 1: end + 2] if text[end: end + 1] in (" ", "\t") else ""
    if punct == ":" and before.isdigit() and after.isdigit():
        return False
    if before.isalpha() and before.islower() and (start < 2 or not text[start - 2].isalnum()):
        return False  # a one-letter variable: "a ? b", "x : x"
    line_start = max(text.rfind("\n", 0, start) + 1, start - _NEAR)
    opened = text.rfind("«", line_start, start)
    return opened == -1 or text.find("»", opened, start) != -1


# --- MT305 doubled-head ------------------------------------------------------------------

#: Words before "X Xs" that make X a subject and Xs its verb ("the fund funds research").
DETERMINERS = frozenset("""
the a an this that its his her their our my your each every any no another one
""".split())

#: Titles that precede a name: "the Queen of Denmark Queen Margrethe" is an appositive.
TITLES = frozenset("""
Queen King Prince Princess Duke Duchess Emperor Empress Sultan Emir Governor Mayor
President Chancellor Bishop Archbishop Cardinal Patriarch General Admiral Judge
Senator Minister Secretary
""".split())


def previous_word(text: str, start: int) -> str:
    """The lowercase word just before ``start`` (across spaces only; "" if none)."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = i + 1
    while i >= 0 and text[i].isalpha() and j - i <= 20:
        i -= 1
    return text[i + 1: j].lower()


#: Words that make "state states" a subject and its verb, not a doubled head (a
#: preposition does not: "war crime crimes in", "drone attack attacks on"; "the report
#: reports on" is spared by the determiner before it).
_OBJECT_START = frozenset("""
that the a an it its his her their this these those our my your him them us me what how
whether to
""".split())

#: The next word on the line ("Queen Margrethe"), and across a line break ("states
#: that").
_NEXT_WORD = re.compile(r" +([^\W\d_]+)")
_NEXT_WORD_ANYWHERE = re.compile(r"\s+([^\W\d_]+)")


def doubled_noun_ok(m: re.Match[str], text: str) -> bool:
    """Whether "X Xs" doubles a noun (True) rather than a subject and its verb: "the fund
    funds research", "the state states that" (False)."""
    if previous_word(text, m.start()) in DETERMINERS:
        return False
    nxt = _NEXT_WORD_ANYWHERE.match(text, m.end(), m.end() + 40)
    return not (nxt and nxt.group(1).lower() in _OBJECT_START)


def doubled_title_ok(m: re.Match[str], text: str) -> bool:
    """Whether "X of ... X" doubles its head (True), rather than a title, its domain,
    then the title before a name ("Queen of Denmark Queen Margrethe"), or a name that
    ends where a second name starting with the same word begins ("Bank of England Bank
    Rate", "Council of Europe Council Secretariat") (False).

    After the second head, a capitalised word that is not a person's role ("Ministry of
    Defence Ministry Spokesman") continues a name of its own.
    """
    nxt = _NEXT_WORD.match(text, m.end(), m.end() + 40)
    if nxt is None or not nxt.group(1)[0].isupper():
        return True
    return m.group(1) not in TITLES and nxt.group(1).lower() in PERSON_NOUNS


# --- MT306 guillemets-in-english ---------------------------------------------------------

def single_guillemet_ok(m: re.Match[str], text: str) -> bool:
    """"‹red lines›": an opening single guillemet glued to a word and closed by "›" glued
    to a word on the same line, so "‹ Prev" and "Settings › Privacy" never count."""
    end = m.end()
    stop = text.find("\n", end, end + _NEAR)
    close = text.find("›", end, stop if stop != -1 else end + _NEAR)
    return close > end and not text[close - 1].isspace()
