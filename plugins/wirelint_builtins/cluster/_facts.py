"""Facts that versions of one story should agree on: who holds which title, and numbers.

Extraction is generic and shallow on purpose (no gazetteer of people, no parser):

* a *title mention* is a run of role words right before a capitalised name with nothing
  but spaces between them: "US Secretary of State Marco Rubio", "former U.S. President
  Donald Trump", "presidential aide Vladimir Medinsky", "Lt. Gen. Keith Kellogg".  Only the
  role vocabulary below counts as the title (nationality words and days are ignored), so
  "US President" and "President" agree.  Appositions ("Rustem Umerov, the defence
  minister") are not read.
* a *number mention* is a figure or a number word with the word that follows it as its
  unit ("12,000 civilians", "three years", "30-day"); two versions' mentions are the same
  fact when the units match and at least two content words around them match too.

Everything here is a pure function of the text; the regular expressions compile at import.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# ------------------------------------------------------------------------- vocabulary

#: Offices and roles: a title needs one of these (or a rank) to count.
OFFICES = frozenset("""
president secretary senator minister chancellor premier governor mayor representative
congressman congresswoman ambassador envoy spokesperson aide adviser director chair
commissioner judge justice attorney speaker leader chief head ceo founder candidate
nominee lawmaker councillor sheriff prosecutor coach king queen prince princess pope
cardinal bishop archbishop emir sheikh commander negotiator president-elect
secretary-general vice-president
""".split())
#: Military and academic ranks: compared only with other ranks (a general can be an envoy).
RANKS = frozenset("general lieutenant colonel major captain admiral sergeant corporal "
                  "marshal brigadier commodore professor".split())
#: Words that change which office is meant: they must match exactly.
MODIFIERS = frozenset("former ex late acting interim deputy vice assistant under prime "
                      "outgoing".split())
#: Words that narrow an office ("Foreign Minister" is a kind of "Minister").
QUALIFIERS = frozenset("""
state foreign defense interior finance treasury health education trade commerce energy
agriculture labor transport transportation home homeland security national affairs economy
environment culture intelligence military presidential special senior press house senate
majority minority opposition army navy regional federal general
""".split())
#: Title words that are dropped: they change nothing about the office.
NEUTRAL = frozenset("retired then".split())
_ALIASES = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain",
    "adm": "admiral", "sgt": "sergeant", "pres": "president", "sec": "secretary",
    "prof": "professor", "amb": "ambassador", "defence": "defense", "labour": "labor",
    "advisor": "adviser", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "councilor": "councillor", "councilman": "councillor", "councilwoman": "councillor",
    "congressmember": "representative", "head": "chief",
}
_VOCAB = OFFICES | RANKS | MODIFIERS | QUALIFIERS | NEUTRAL
#: Capitalised words that never start or continue a personal name.
_NOT_NAMES = frozenset("""
the a an and or but of in on at for to by with from as this that these those his her
their its our my he she it they we i monday tuesday wednesday thursday friday saturday
sunday january february march april may june july august september october november
december said says told after before when while during also however
""".split())

_TOKEN = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,4}")


def _canon(word: str) -> str:
    w = word.casefold().rstrip(".")
    return _ALIASES.get(w, w)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _spaces_only(gap: str) -> bool:
    # One line, no punctuation: "Minister, Rustem Umerov" is an apposition, not a title.
    return 0 < len(gap) <= 3 and not gap.strip() and "\n" not in gap


@dataclass(frozen=True, slots=True)
class Title:
    """What a title says about a person's office, in comparable form."""

    kind: str  #: "office" or "rank"
    modifiers: frozenset[str]
    words: frozenset[str]

    def compatible(self, other: Title) -> bool:
        """The same office, one description possibly more specific than the other."""
        return (self.kind == other.kind and self.modifiers == other.modifiers
                and (self.words <= other.words or other.words <= self.words))


@dataclass(frozen=True, slots=True)
class TitleMention:
    """One "<title> <Name>" mention."""

    start: int
    end: int  #: the span covers title and name
    name: str
    title: Title
    title_text: str  #: the title as written (evidence for messages)


def _title_of(words: list[str]) -> Title | None:
    canon = [_canon(w) for w in words]
    if "of" in canon:
        canon = [w for w in canon if w != "of"]
    for w in canon:  # "then-President", "ex-Senator"
        if "-" in w and w not in OFFICES:
            head, _, rest = w.partition("-")
            if head in MODIFIERS | NEUTRAL and rest in _VOCAB:
                canon = [x for x in canon if x != w] + [head, rest]
    kept = [w for w in canon if w in _VOCAB and w not in NEUTRAL]
    modifiers = frozenset(w for w in kept if w in MODIFIERS)
    role = frozenset(w for w in kept if w not in MODIFIERS)
    if role & OFFICES:
        return Title(kind="office", modifiers=modifiers, words=role)
    if role & RANKS:
        return Title(kind="rank", modifiers=modifiers, words=role)
    return None


def _role_word(word: str) -> bool:
    w = _canon(word)
    if w in _VOCAB:
        return True
    head, _, rest = w.partition("-")
    return bool(rest) and head in MODIFIERS | NEUTRAL and rest in _VOCAB


def _names_follow(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Two capitalised non-role words start at token ``i`` (a first name and a surname)."""
    if i + 1 >= len(tokens):
        return False
    return all(_is_cap(tokens[k][2]) and not _role_word(tokens[k][2])
               and _spaces_only(text[tokens[k - 1][1]:tokens[k][0]]) for k in (i, i + 1))


def title_mentions(text: str) -> list[TitleMention]:
    """Every "<role words> <Capitalised Name>" mention, in text order."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out: list[TitleMention] = []
    k, n = 0, len(tokens)
    while k < n:
        if not _role_word(tokens[k][2]) or _canon(tokens[k][2]) in QUALIFIERS | MODIFIERS \
                | NEUTRAL:
            k += 1
            continue
        # k is an office or rank word.  Walk left over role words and capitalised
        # modifiers ("former U.S."), stopping at a possessive ("Trump's envoy").
        first = k
        j = k - 1
        while j >= 0 and _spaces_only(text[tokens[j][1]:tokens[j + 1][0]]):
            w = tokens[j][2]
            if _POSSESSIVE.search(w) or not (_role_word(w) or _is_cap(w)):
                break
            if _role_word(w):
                first = j
            elif j == first - 1 and _ABBREVIATION.fullmatch(w):
                first = j  # "U.S. Senator": keep the country in the evidence
            j -= 1
        # Walk right over role words and "of <Capitalised>" ("Secretary of State").
        title_end = k
        i = k + 1
        while i < n and _spaces_only(text[tokens[i - 1][1]:tokens[i][0]]):
            w = tokens[i][2]
            if _role_word(w) and _is_cap(w) == _is_cap(tokens[k][2]):
                title_end = i
                i += 1
            elif (w == "of" and i + 1 < n and _is_cap(tokens[i + 1][2])
                  and _spaces_only(text[tokens[i][1]:tokens[i + 1][0]])
                  and (_role_word(tokens[i + 1][2]) or _names_follow(text, tokens, i + 2))):
                # "Secretary of State ...", "Mayor of London Sadiq Khan"; but in "Head of
                # Shinnosuke Konno" the capitalised word is the name itself.
                title_end = i + 1
                i += 2
            else:
                break
        # Then one to three capitalised name words.
        name_tokens: list[tuple[int, int, str]] = []
        i = title_end + 1
        while (i < n and len(name_tokens) < 3
               and _spaces_only(text[tokens[i - 1][1]:tokens[i][0]])):
            w = tokens[i][2]
            if not _is_cap(w) or _role_word(w) or w.casefold().rstrip(".") in _NOT_NAMES \
                    or len(w.rstrip(".")) < 2:
                break
            name_tokens.append(tokens[i])
            if _POSSESSIVE.search(w) or w.endswith("."):
                break
            i += 1
        if not name_tokens:
            k = title_end + 1
            continue
        words = [t[2] for t in tokens[first:title_end + 1]]
        title = _title_of(words)
        if title is None:
            k = title_end + 1
            continue
        last = name_tokens[-1]
        possessive = _POSSESSIVE.search(last[2])
        end = last[1] - len(possessive.group()) if possessive else last[1]
        if text[end - 1] == "." and len(name_tokens[-1][2]) > 2:
            end -= 1  # sentence-final full stop, not an initial
        name = " ".join(t[2] for t in name_tokens)
        name = text[name_tokens[0][0]:end] if end > name_tokens[0][0] else name
        out.append(TitleMention(start=tokens[first][0], end=end, name=name, title=title,
                                title_text=text[tokens[first][0]:tokens[title_end][1]]))
        k = i
    return out


# ------------------------------------------------------------------------- numbers

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,:/-])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?)(?![^\W\d_])"  # not "11th", "5km"
    r"(?P<scale>\s+(?:hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?(?:%|percent\b|per cent\b))?"
    r"(?P<joint>-)?",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_RANGE_AFTER = re.compile(r"%?\s*(?:[-–—]|to\b|and\b)\s*\d")
_RANGE_BEFORE = re.compile(r"\d%?\s*(?:[-–—]|to|and)\s*$")
#: Words that do not make a number's unit or context ("one of", "two and").
_STOP = frozenset("""
the a an and or but of in on at for to by with from as is are was were be been has have
had that this these those it its his her their he she they we i you than more less about
around nearly almost over under some least most up down out into per each after before
who which what when where while also just only not no so very said says during
""".split())


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One figure with its unit word and the content words around it."""

    start: int
    end: int  #: the span covers the figure and its unit
    value: float
    unit: str
    context: frozenset[str]


def _value(num: str, scale: str | None) -> float | None:
    s = num.casefold()
    if s[0].isdigit():
        value = float(s.replace(",", ""))
    else:
        total = 0
        for part in s.split("-"):
            total += _UNITS.get(part, 0) + _TENS.get(part, 0)
        value = float(total)
    if scale:
        value *= _SCALES[scale.strip().casefold()]
    return value


def _singular(word: str) -> str:
    w = word.casefold()
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def number_mentions(text: str) -> list[NumberMention]:
    """Every figure with a unit word, in text order.

    Years (1900-2099 written as four digits), times ("1:15"), and figures with no unit
    word after them are skipped: a year is a date, and a bare figure cannot be matched
    across versions.
    """
    words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
    starts = [w[0] for w in words]
    out = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        if _RANGE_AFTER.match(text, m.end("num")) or _RANGE_BEFORE.search(
                text, max(0, m.start() - 12), m.start()):
            continue  # "40-60%", "7.0%-9.0%", "between 1.27 and 2.5 million": ranges vary
        if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2099 and not m.group("pct"):
            continue
        value = _value(num, m.group("scale"))
        if value is None:
            continue
        if m.group("pct"):
            unit, end = "%", m.end("pct")
        else:
            k = bisect.bisect_left(starts, m.end())
            if k >= len(words):
                continue
            gap = text[m.end():words[k][0]]
            if len(gap) > 2 or (gap.strip() and gap.strip() != "-") or "\n" in gap:
                continue
            if (_is_cap(text[words[k][0]]) and k + 1 < len(words)
                    and _spaces_only(text[words[k][1]:words[k + 1][0]])
                    and not _is_cap(text[words[k + 1][0]])):
                k += 1  # "12,000 Ukrainian civilians": the unit is the noun
            unit = _singular(words[k][2])
            end = words[k][1]
            if unit in _STOP or (not unit.isalpha() and "-" not in unit):
                continue
        k = bisect.bisect_left(starts, m.start())
        window = words[max(0, k - 6):k] + words[k + 1:k + 8]
        context = frozenset(_singular(w) for _, _, w in window
                            if w not in _STOP and len(w) > 2 and _singular(w) != unit
                            and w not in _UNITS and w not in _TENS and w not in _SCALES)
        out.append(NumberMention(start=m.start(), end=end, value=value, unit=unit,
                                 context=context))
    return out


def same_fact(a: NumberMention, b: NumberMention) -> bool:
    """Do two mentions (from two versions) count the same thing?"""
    return a.unit == b.unit and len(a.context & b.context) >= 2


def values_agree(a: float, b: float) -> bool:
    """Rounded figures agree ("12,000" and "12,400" within 5%); "12,000" and "1,200" do not."""
    return abs(a - b) <= 0.05 * max(abs(a), abs(b))
