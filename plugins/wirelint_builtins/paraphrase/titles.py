"""Stale titles (MP404): "Senator Marco Rubio" in copy written after he became Secretary of State.

A language model writes the world as it was at its training cut-off, so its rewrites carry
titles that were true then: "former President Trump" in 2025, "Senator Marco Rubio" after
January 2025.  The roles live in ``titles.json`` beside this module: dated (``since``
inclusive, ``until`` exclusive), with an ``as_of`` date, the day the table was last
checked.  It is data, not code.  Extend or correct it without touching this file:

* ``[tool.wirelint.options] stale-titles = "path/to/extra.json"`` (same schema), or an
  inline list of people (``stale-titles = [{name = "...", roles = [...]}]``); a person
  named in the extension replaces the built-in entry of the same name, and the table's
  ``as_of`` becomes the later of the two;
* from Python, :func:`load_table` merges any number of tables.

A document's date is ``document.meta["date"]`` (ISO), otherwise the table's as-of date:
never the clock, so the same input always gives the same report.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from wirelint import Document, Finding, _forksafe
from wirelint._trie import trie_regex

from . import _lowered
from ._text import sentence_spans

try:  # CPython's own SHA-256: the same digest as hashlib's without loading OpenSSL
    # (``_hashlib``, 3-4 ms of every start-up; nothing else a plain check runs needs it)
    from _sha256 import sha256 as _sha256
except ImportError:  # pragma: no cover - another interpreter, or Python 3.12+ (_sha2)
    from hashlib import sha256 as _sha256

_FAR_FUTURE = "9999-12-31"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Words between "former" and the title that do not change who is meant ("former U.S.
#: President").  Possessives ("Ukraine's") and dotted abbreviations count too.
_MODIFIERS = frozenset("""
us u.s. u.s american america's united states uk u.k. britain's british german germany's
french france's italian polish russian russia's ukrainian ukraine's ukraine israeli israel's
iranian iran's turkish turkey's syrian syria's japanese japan's chinese china's indian
south korean korean canadian canada's mexican mexico's brazilian argentine argentinian
indonesian bangladeshi estonian dutch norwegian portuguese eu e.u. european nato un u.n.
democratic republican gop labour conservative tory florida ohio california new york texas
kentucky south dakota top senior
""".split())
_FORMER = frozenset({"former", "ex", "ex-"})
_LOOK_BACK = 160  #: characters before a name searched for its title
#: "then-Senator", "the late President": a deliberate reference to the past, never stale.
_HISTORICAL = frozenset({"then", "then-", "late", "erstwhile"})


@dataclass(frozen=True, slots=True)
class Role:
    """One dated role; ``titles`` are the lowercase forms that name it before a name."""

    role: str  #: what the role is ("U.S. Senator from Florida")
    title: str  #: how copy writes it before a name ("U.S. Senator"), for suggestions
    titles: tuple[str, ...]
    since: str
    until: str = _FAR_FUTURE

    def holds(self, day: str) -> bool:
        """Whether the role was held on ``day`` (ISO date)."""
        return self.since <= day < self.until


@dataclass(frozen=True, slots=True)
class Person:
    """A prominent person: full name, other names used alone, dated roles."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def current(self, day: str) -> list[Role]:
        """Roles held on ``day``, in table order (the first is the main one)."""
        return [r for r in self.roles if r.holds(day)]


@dataclass(frozen=True, slots=True)
class TitleTable:
    """People and roles as of a date, with the compiled name matcher."""

    as_of: str
    people: tuple[Person, ...]
    #: The names' trie, read case-insensitively by :attr:`matcher`.
    pattern: str
    by_name: Mapping[str, Person]
    #: :attr:`matcher` for ``text.lower()`` without ``re.IGNORECASE`` (same spans when
    #: lowering keeps the length), with the character before the name matched instead of
    #: looked behind at (:func:`_names` searches the lowered text after a space).
    lowered: re.Pattern[str]
    #: The ASCII letters each name opens with, up to its first other character: a name
    #: in lowered text starts where one of them stands as a whole word (:func:`_anchors`;
    #: ``None`` when a name does not open so).
    anchors: frozenset[bytes] | None

    @property
    def matcher(self) -> re.Pattern[str]:
        """Every name, case-insensitively, in the text as written.  Compiled on first
        use: :func:`find_mentions` reads :attr:`lowered` unless lowering changes a
        text's length (a dotted "İ"), and compiling both costs ~8 ms of every start-up."""
        return _case_blind(self.pattern)


@functools.lru_cache(maxsize=16)
def _case_blind(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _check_date(value: Any, where: str) -> str:
    try:
        if isinstance(value, str) and _DATE_RE.match(value):
            date.fromisoformat(value)  # rejects 2025-02-30
            return value
    except ValueError:
        pass
    raise ValueError(f"stale-titles: {where}: expected an ISO date YYYY-MM-DD, got {value!r}")


def _parse_people(entries: Iterable[Mapping[str, Any]]) -> list[Person]:
    people = []
    for entry in entries:
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"stale-titles: an entry has no name: {entry!r}")
        roles = []
        for raw in entry.get("roles", ()):
            titles = tuple(" ".join(t.casefold().split()) for t in raw.get("titles", ()))
            if not titles:
                raise ValueError(f"stale-titles: {name}: a role has no titles")
            since = _check_date(raw.get("since"), f"{name} since")
            until = _check_date(raw["until"], f"{name} until") if raw.get("until") else None
            role = str(raw.get("role") or titles[0])
            roles.append(Role(role=role, title=str(raw.get("title") or role), titles=titles,
                              since=since, until=until or _FAR_FUTURE))
        aliases = tuple(a for a in entry.get("aliases", ()) if isinstance(a, str) and a.strip())
        people.append(Person(name=name.strip(), aliases=aliases, roles=tuple(roles)))
    return people


def _compile(as_of: str, people: Sequence[Person]) -> TitleTable:
    by_name: dict[str, Person] = {}
    for person in people:
        for form in (person.name, *person.aliases):
            by_name.setdefault(" ".join(form.casefold().split()), person)
    pattern = rf"(?<![\w-])(?:{trie_regex(by_name)})(?![\w-])"
    # Opening with a character class, ``re`` skips in C to the next character that is no
    # word character or hyphen; opening with the look-behind, it tried the trie at every
    # position (3x slower).
    lowered = re.compile(rf"[^\w-](?:{trie_regex(by_name, _lowered_char)})(?![\w-])")
    return TitleTable(as_of=as_of, people=tuple(people), pattern=pattern, by_name=by_name,
                      lowered=lowered, anchors=_anchors(by_name))


_LEADING_LETTERS = re.compile(r"[a-z]+")


def _anchors(names: Iterable[str]) -> frozenset[bytes] | None:
    """Each name's leading run of ASCII letters, or ``None`` if a name has none, or if
    the character after the run may match an ASCII letter case-insensitively (a dotless
    "ı": then the run need not be a whole word where the name stands)."""
    anchors = set()
    for name in names:
        run = _LEADING_LETTERS.match(name)
        if run is None:
            return None
        after = name[run.end():run.end() + 1]
        if after not in ("", " ") and any(
                re.fullmatch(re.escape(after), letter, re.IGNORECASE)
                for letter in _ASCII_LETTERS):
            return None
        anchors.add(run.group().encode("ascii"))
    return frozenset(anchors)


_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


Source = str | Path | Mapping[str, Any] | Sequence[Mapping[str, Any]]


def _lowered_char(ch: str) -> str:
    """``ch`` of a casefolded name as :attr:`TitleTable.lowered` matches it: a space as
    any whitespace run (as in :attr:`TitleTable.pattern`), an ASCII letter as
    :func:`._lowered.letter`, any other character case-insensitively as before."""
    if ch == " ":
        return r"\s+"
    return _lowered.letter(ch) if "a" <= ch <= "z" else f"(?i:{re.escape(ch)})"


#: The built-in table as shipped, read once: parsed by every :func:`load_table` and
#: hashed for the report signature.
_BUILTIN_JSON: bytes = resources.files(__package__).joinpath("titles.json").read_bytes()


def load_table(*sources: Source) -> TitleTable:
    """The built-in table merged with ``sources`` (paths, tables or lists of people).

    A person in a later source replaces one of the same name; ``as_of`` is the latest.
    """
    builtin = json.loads(_BUILTIN_JSON)
    as_of = _check_date(builtin["as_of"], "as_of")
    merged = {p.name.casefold(): p for p in _parse_people(builtin["people"])}
    for source in sources:
        if isinstance(source, (str, Path)):
            source = json.loads(Path(source).read_text("utf-8"))
        if isinstance(source, Mapping):
            if "as_of" in source:
                as_of = max(as_of, _check_date(source["as_of"], "as_of"))
            entries = source.get("people", ())
        else:
            entries = source
        for person in _parse_people(entries):
            merged[person.name.casefold()] = person
    return _compile(as_of, list(merged.values()))


BUILTIN: TitleTable = load_table()
#: The date the built-in table was last checked; also in the report signature.
TITLES_AS_OF: str = BUILTIN.as_of
#: The built-in table's content, hashed: an entry added under the same ``as_of`` changes
#: findings too, so the report signature carries both (as ``weights:`` carries a hash).
TITLES_DIGEST: str = _sha256(_BUILTIN_JSON).hexdigest()[:10]

_cache: dict[str, TitleTable] = {}
_cache_lock = _forksafe.Lock()


def table_for(options: Mapping[str, Any]) -> TitleTable:
    """The table a configuration asks for (built-in plus ``stale-titles``), cached."""
    extra = options.get("stale-titles", options.get("stale_titles"))
    if extra is None:
        return BUILTIN
    key = json.dumps(extra, sort_keys=True, default=str)
    table = _cache.get(key)
    if table is None:
        # a path, a table, a list of people, or a list of paths
        paths = isinstance(extra, list) and all(isinstance(x, str) for x in extra)
        table = load_table(*(extra if paths else [extra]))
        with _cache_lock:
            _cache[key] = table
    return table


def document_date(document: Document, table: TitleTable) -> tuple[str, bool]:
    """The document's ISO date and whether it came from the document (else: as-of)."""
    raw = document.meta.get("date") if document.meta else None
    if isinstance(raw, str) and len(raw) >= 10 and _DATE_RE.match(raw[:10]):
        try:
            date.fromisoformat(raw[:10])
            return raw[:10], True
        except ValueError:
            pass
    return table.as_of, False


@dataclass(frozen=True, slots=True)
class Mention:
    """A title written before a known name: "former U.S. President Donald Trump"."""

    start: int
    name_start: int
    end: int
    person: Person
    title: str
    former: bool
    #: "Antony Blinken, the U.S. Secretary of State": the title follows the name, and the
    #: span runs from the name to the title's end.
    appositive: bool = False

    def valid_ranges(self) -> list[tuple[str, str]]:
        """Date ranges in which this title was true of this person."""
        held = sorted((r.since, r.until) for r in self.person.roles if self.title in r.titles)
        if not self.former:
            return held
        gaps, end = [], None  # "former X": after a term ended, until the next began
        for since, until in held:
            if end is not None and end < since:
                gaps.append((end, since))
            end = until if end is None else max(end, until)
        if end is not None and end < _FAR_FUTURE:
            gaps.append((end, _FAR_FUTURE))
        return gaps


def find_mentions(text: str, table: TitleTable) -> list[Mention]:
    """Every "[former] [modifiers] TITLE Name" in ``text``; historical ones are skipped."""
    mentions = []
    for name_start, name_end in _names(text, table):
        person = table.by_name.get(" ".join(text[name_start:name_end].casefold().split()))
        if person is None:  # a case-insensitive match the casefolded key misses (rare)
            continue
        # The title sits just before the name, on its line; a bounded look-back keeps a
        # megabyte-long line from being copied once per mention.
        window = max(0, name_start - _LOOK_BACK)
        line_start = max(text.rfind("\n", window, name_start) + 1, window)
        before = text[line_start:name_start]
        found = _title_before(before, person)
        if found is None:
            after = _appositive(text, name_start, name_end, person)
            if after is not None:
                mentions.append(after)
            continue
        title, title_at = found
        qualifier, start = _qualifier(before, title_at)
        if qualifier in _HISTORICAL:
            continue
        mentions.append(Mention(start=line_start + start, name_start=name_start, end=name_end,
                                person=person,
                                title=title, former=qualifier in _FORMER))
    return mentions


def _names(text: str, table: TitleTable) -> Iterator[tuple[int, int]]:
    """The spans :attr:`TitleTable.matcher` finds in ``text``, found by
    :attr:`TitleTable.lowered` in lowered text when it can (:mod:`._lowered`: 2x
    faster), and only where a name may start (:func:`_anchored_names`) when that is
    known."""
    low = _lowered.lowered(text)
    if low is None:
        return (m.span() for m in table.matcher.finditer(text))
    if table.anchors is None or "ı" in low or "ſ" in low:
        return _lowered_names(" " + low, table.lowered)
    return _anchored_names(low, table.lowered, table.anchors)


#: ``bytes.translate`` table: ASCII letters kept (lowered text has no capitals), every
#: other byte to a space.
_LETTERS = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


def _anchored_names(low: str, lowered: re.Pattern[str],
                    anchors: frozenset[bytes]) -> Iterator[tuple[int, int]]:
    """:func:`_lowered_names` tried only where a name may start: where one of the
    table's :attr:`~TitleTable.anchors` stands as a whole word of ASCII letters.

    Without a dotless "ı" or a long "ſ" in the text, an ASCII letter of a name matches
    only itself, and a name's leading letters are followed, in the text, by what is no
    ASCII letter: its anchor is a whole word where it starts.  The words come from a
    byte translation and a split, in C (the text encoded with one "?" per character
    beyond ASCII keeps its offsets); the anchors among them are found in turn, each by
    a substring search (between spaces) from the end of the one before.  A document
    without a name costs no ``re`` scan at all.
    """
    folded = low.encode("ascii", "replace").translate(_LETTERS)
    padded = " " + low
    match = lowered.match
    # Between spaces, a word is found only where it stands whole: with a space added at
    # either end, a match's offset is the word's in the text.
    find = (b" " + folded + b" ").find
    pos = resume = 0
    for word in filter(anchors.__contains__, folded.split()):
        at = find(b" " + word + b" ", pos)
        pos = at + len(word)
        # In ``padded`` the character before the word is at ``at``: a name matched
        # from there ends no earlier than where the last one did, less its last
        # character (:func:`_lowered_names`).
        m = match(padded, at) if at >= resume else None
        if m is not None:
            resume = m.end() - 1
            yield at, resume


def _lowered_names(padded: str, lowered: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The names :attr:`TitleTable.lowered` finds in ``padded`` (" " and the lowered
    text), as spans of the text.  A name's match takes the character before it, so each
    search resumes at the last character of the name before: that character may be the
    one before the next name, as it may be for the look-behind."""
    m = lowered.search(padded)
    while m is not None:
        end = m.end() - 1
        yield m.start(), end
        m = lowered.search(padded, end)


#: ", the former U.S. " before a title that follows the name; the title must then end
#: the appositive: a comma, a stop or a reporting verb after it.
_APPOSITIVE_HEAD = re.compile(r",[ \t]+(?:the[ \t]+)?")
_APPOSITIVE_END = re.compile(r"(?:[,.;)]|[ \t]+(?:said|says|told|who|has|had|was|is|will|would)"
                             r"(?!\w)|$)")


def _appositive(text: str, name_start: int, name_end: int, person: Person) -> Mention | None:
    """ "Antony Blinken, the U.S. Secretary of State, said": the title after the name."""
    head = _APPOSITIVE_HEAD.match(text, name_end)
    if head is None:
        return None
    line_end = text.find("\n", head.end(), head.end() + _LOOK_BACK)
    after = text[head.end():head.end() + _LOOK_BACK if line_end < 0 else line_end]
    folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in after)
    pos, former = 0, False
    for _ in range(4):  # "former", "ex-", "U.S.", "Ukraine's" before the title
        if folded.startswith(("then-", "then "), pos):
            return None  # "then secretary of state": deliberately historical
        if folded.startswith("ex-", pos):
            former, pos = True, pos + 3
            continue
        token = folded[pos:].split(" ", 1)[0]
        word = token.strip(",")
        if word in _HISTORICAL:
            return None
        if word in _FORMER:
            former = True
        elif not (word == "outgoing" or word in _MODIFIERS or word.endswith(("'s", "’s"))
                  or "." in word[:-1]):
            break
        pos += len(token)
        while pos < len(folded) and folded[pos] in " \t":
            pos += 1
    best = None
    for role in person.roles:
        for title in role.titles:
            if (folded.startswith(title, pos) and (best is None or len(title) > len(best))
                    and _APPOSITIVE_END.match(folded, pos + len(title))):
                best = title
    if best is None:
        return None
    return Mention(start=name_start, name_start=name_start, end=head.end() + pos + len(best),
                   person=person, title=best, former=former, appositive=True)


def _title_before(before: str, person: Person) -> tuple[str, int] | None:
    """The longest of the person's titles ending ``before`` (an optional comma between)."""
    # Fold case character by character so offsets stay those of ``before`` ("İ".lower()
    # is two characters long).
    folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in before).rstrip()
    if folded.endswith(","):
        folded = folded[:-1].rstrip()
    best: tuple[str, int] | None = None
    for role in person.roles:
        for title in role.titles:
            if folded.endswith(title) and (best is None or len(title) > len(best[0])):
                at = len(folded) - len(title)
                if at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] in "_'’"):
                    best = (title, at)
    return best


def _qualifier(before: str, title_at: int) -> tuple[str, int]:
    """What stands before the title ("former", "then-", none) and where the span starts."""
    head = before[:title_at]
    if head.casefold().endswith(("ex-", "then-")):
        word = "ex-" if head.casefold().endswith("ex-") else "then-"
        return word, title_at - len(word)
    start = title_at
    tokens = head.split()
    pos = len(head.rstrip())
    for token in reversed(tokens[-4:]):
        word = token.casefold().strip(",")
        token_start = head.rfind(token, 0, pos)
        if word in _FORMER or word in _HISTORICAL or word in {"outgoing"}:
            return word, token_start
        # "U.S." and "Ukraine's" qualify the title; "grab." ends the previous sentence.
        if word in _MODIFIERS or word.endswith(("'s", "’s")) or "." in word[:-1]:
            start, pos = token_start, token_start
            continue
        break
    return "", start


def _intersect(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1, e2)
            if s < e:
                out.append((s, e))
    return out


def _days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def check_titles(document: Document, table: TitleTable, code: str,
                 sentences: list[tuple[int, int]] | None = None,
                 reading: str | None = None) -> list[Finding]:
    """MP404 findings for one document.

    ``reading`` is the text to search, of the document's length (default: the text as
    given; the family passes :func:`wirelint.text.unwrap`'s, so that "former President\n
    Donald Trump" in hard-wrapped copy is one mention); ``sentences`` are its
    :func:`sentence_spans`, when the caller has them already.  Spans are reported
    against the document's own text.
    """
    text = document.text
    if reading is None:
        reading = text
    elif len(reading) != len(text):
        raise ValueError("check_titles: reading must have the length of the document's text")
    mentions = find_mentions(reading, table)
    if not mentions:
        return []
    day, dated = document_date(document, table)
    if not dated:
        # "Olaf Scholz, the German Chancellor," is how copy of any year introduces an
        # official; judged at the table's date, undated older copy would be flagged
        # (a 2023 human-translated WMT story was).  Appositives count on dated documents.
        mentions = [mention for mention in mentions if not mention.appositive]
        if not mentions:
            return []
    snapshot: list[tuple[str, str]] = [("0000-01-01", _FAR_FUTURE)]
    for mention in mentions:
        snapshot = _intersect(snapshot, mention.valid_ranges())
    if sentences is None:
        sentences = sentence_spans(reading)
    findings = []
    for mention in mentions:
        stale = _stale_role(mention, day)
        if stale is None or _historical_sentence(reading, sentences, mention, stale):
            continue
        changed = stale.until if not mention.former else _resumed(mention, day)
        # One stale title among titles only true later is a slip (or an old quote); a
        # document whose titles all agree with an earlier date is a knowledge cut-off.
        confidence = 0.8 if snapshot else 0.25
        if not dated:  # date unknown: the copy may be older than the change, more so
            # when the change is recent; half weight at best, fading for recent changes
            confidence *= 0.5 * min(1.0, _days_between(changed, day) / 365.0)
        if confidence < 0.05:
            continue
        findings.append(Finding.at(
            text, mention.start, mention.end, code=code,
            message=_message(mention, stale, day, dated, table.as_of, bool(snapshot)),
            confidence=round(confidence, 3),
            suggestion=_suggestion(reading, mention, day)))
    return findings


def _stale_role(mention: Mention, day: str) -> Role | None:
    """The role that makes the title stale on ``day``, if it is stale."""
    roles = [r for r in mention.person.roles if mention.title in r.titles]
    holding = [r for r in roles if r.holds(day)]
    if mention.former:
        # "former X" while X again: stale only if the person had left X before ("former
        # President Trump" in 2025), not if "former" was never true (a plain error).
        if holding and any(r.until <= day for r in roles):
            return holding[0]
        return None
    if holding:
        return None
    ended = [r for r in roles if r.until <= day]
    return max(ended, key=lambda r: r.until) if ended else None


def _resumed(mention: Mention, day: str) -> str:
    held = [r.since for r in mention.person.roles
            if mention.title in r.titles and r.holds(day)]
    return held[0] if held else day


def _historical_sentence(text: str, sentences: list[tuple[int, int]], mention: Mention,
                         stale: Role) -> bool:
    """ "In 2019, Senator Marco Rubio said": a year before the change dates the sentence."""
    changed_year = (_resumed(mention, "9999-12-30") if mention.former else stale.until)[:4]
    k = bisect.bisect_right(sentences, (mention.start, len(text) + 1)) - 1
    if k < 0 or not sentences[k][0] <= mention.start < sentences[k][1]:
        return False
    start, end = sentences[k]
    return any(y.group() < changed_year for y in _YEAR_RE.finditer(text, start, end))


def _message(mention: Mention, stale: Role, day: str, dated: bool, as_of: str,
             consistent: bool) -> str:
    person = mention.person
    now = person.current(day)
    held = "; ".join(f"{r.role} since {r.since}" for r in now) or "no listed office"
    if mention.former:
        what = f"'former {mention.title}' is out of date: {person.name} holds it again"
    else:
        what = f"'{mention.title}' is out of date: {person.name} left it on {stale.until}"
    when = "the document's date" if dated else "date unknown, assumed the titles table's date"
    why = ("every title in the document fits an earlier date (a knowledge cut-off)"
           if consistent else "other titles in the document are current (perhaps a slip)")
    return (f"{what} ({stale.role}); on {day} ({when}) {person.name}: {held}; {why}; "
            f"titles as of {as_of}")


def _suggestion(text: str, mention: Mention, day: str) -> str:
    """The current title before the name as written: "U.S. Secretary of State Marco Rubio"."""
    now = mention.person.current(day)
    if now:
        title = now[0].title
    else:
        last = max((r for r in mention.person.roles if r.until <= day), key=lambda r: r.until)
        title = f"former {last.title}"
    if mention.appositive:  # "Antony Blinken, the former U.S. Secretary of State"
        name_end = text.find(",", mention.name_start, mention.end)
        name = " ".join(text[mention.name_start:name_end].split())
        return f"{name}, the {title}"
    name = " ".join(text[mention.name_start:mention.end].split())
    return f"{title} {name}"
