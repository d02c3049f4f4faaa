"""MT2xx: capitalisation.

Machine translation, and English -> French -> English round trips in particular, loses
the capital of proper nouns: French writes "kiev" for the city in some pipelines,
lowercases demonyms ("les russes") and nationality adjectives ("russe"), and a model that
copies casing from the source carries that over ("a moscow request", "russian forces").
Human English copy almost never does this.

Two rules: MT201 knows names from a gazetteer (hot path; ambiguous names such as
"turkey" only with evidence from the document), MT202 needs no gazetteer and trusts the
document itself (a word capitalised mid-sentence elsewhere, lowercase here).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from wirelint import Document, Finding, Pattern, Rule, Severity, Signal, hookimpl

from . import _data, _text

WIRELINT_PREFIX = "MT2"

LOWERCASE_PROPER_NOUN = Rule(
    code="MT201",
    name="lowercase-proper-noun",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A known proper noun (place, nationality, organisation, month) written in "
            "lowercase ('kyiv', 'moscow', 'russian').",
    why=(
        "English capitalises names of places, peoples, languages, organisations, months "
        "and days; editors and spell-checkers catch the slips.  Other languages write "
        "nationality adjectives, languages and months in lowercase (French 'russe', "
        "'mai'), and MT or a round trip through them carries the lowercase over.  A "
        "lowercase 'kyiv' or 'moscow' in otherwise well-cased copy is a strong "
        "machine-translation signature."
    ),
    example="But the terms would be deeply disadvantageous for kyiv.",
    use_instead="But the terms would be deeply disadvantageous for Kyiv.",
    false_positives=(
        "Names that are also everyday words ('china', 'turkey', 'nice', 'bath', 'march') "
        "are flagged only when the same text also writes them capitalised as a place, and "
        "only after a place preposition ('in turkey'); compounds style guides keep "
        "lowercase ('french fries', 'russian roulette'); an adjective-only demonym used "
        "as a countable noun ('a danish and a coffee': the pastry); a short lowercase "
        "title in quotes ('\"berlin nights\"'); a species epithet in a Latin name "
        "('Canis lupus arabs'); URLs, e-mail addresses, hashtags "
        "and handles; short all-lowercase section tags ('world', 'europe'); and "
        "casefolded documents (chat logs, lowercased data sets), where every name is "
        "lowercase for reasons that have nothing to do with translation."
    ),
    references=(
        "https://www.apstylebook.com/ (capitalization; 'french fries')",
        "https://www.gov.uk/guidance/style-guide/a-to-z-of-gov-uk-style#capitals",
    ),
)

INCONSISTENT_CAPITALISATION = Rule(
    code="MT202",
    name="inconsistent-capitalisation",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A word written capitalised mid-sentence elsewhere in the text (a name) is "
            "lowercase here ('Zelenskyy ... zelenskyy', 'Olaf Scholz ... olaf scholz').",
    why=(
        "A writer spells a name the same way throughout; MT systems translate sentence "
        "by sentence and casing drifts between them, so a name that is capitalised in "
        "one sentence and lowercase in another is a translation signature even when no "
        "gazetteer knows the name."
    ),
    example="The team was led by Medinsky. The talks with medinsky lasted two hours.",
    use_instead="The team was led by Medinsky. The talks with Medinsky lasted two hours.",
    false_positives=(
        "Only words that are not English dictionary words count, so 'President Biden' / "
        "'the president', 'the Senate' / 'a state senate' and 'Tesla' / 'a 3 tesla "
        "magnet' never fire; capitals at "
        "sentence starts, after quotes or colons, and in Title Case headlines are not "
        "evidence; a word the text writes lowercase more often than capitalised is "
        "taken as the writer's style, and so is a full name written lowercase ('k.d. "
        "lang', 'danah boyd': lowercase initials, or a given name that is no English "
        "word and never capitalised, before the surname).  A surname seen capitalised "
        "only inside a full name ('Olaf Scholz') counts only with its given name, "
        "when both are written lowercase together ('olaf scholz'), the given name is "
        "no English word (so 'bill gates', 'foreign minister' and 'jelly yokan' never "
        "fire, and 'mark carney' is missed) and the text capitalises the pair at least "
        "as often; a surname that is an English word ('emmanuel macron', 'donald "
        "trump') counts only when the text also capitalises it alone ('Macron said'), "
        "so a dish on a menu ('Kimchi Pizza' / 'a kimchi pizza') stays quiet.  "
        "Casual typing lowercases names too, so the rule is silent within 1,500 "
        "characters of a lowercase pronoun 'i' (\"i'm late\"), as MT201 is; a long "
        "article that quotes one casual post is still read elsewhere.  "
        "Deliberately lowercase brands ('adidas') and a foreign dish whose two words "
        "are both no English words ('Matcha Latte' / 'a matcha latte') may still fire."
    ),
    references=(
        "https://aclanthology.org/W19-5208/ (truecasing for MT output)",
        "https://www.apstylebook.com/ (capitalization)",
    ),
    fix_safe=True,
)

RULES = (LOWERCASE_PROPER_NOUN, INCONSISTENT_CAPITALISATION)


def _name(m: re.Match[str]) -> _data.Name:
    return _data.gazetteer()[" ".join(m.group().split())]


def _guard(m: re.Match[str], text: str) -> bool:
    start, end = m.span()
    return not (
        _text.in_link(text, start, end)
        or _text.lowercase_compound(text, start, end)
        or _text.is_tag_line(text, start)
        or (m.group() in _data.adjective_demonyms()
            and _text.demonym_as_noun(text, start, end, _data.demonyms()))
        or _text.lowercase_title(text, start, end)
        or _text.in_binomial(text, start, end)
        or not _text.is_cased_region(text, start, end)
    )


def _message(m: re.Match[str]) -> str:
    return f"'{m.group()}' is a proper noun: write '{_name(m).canonical}'"


def _suggest(m: re.Match[str]) -> str:
    return _name(m).canonical


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The capitalisation rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """Unambiguous gazetteer names, as one case-sensitive lexicon on the hot path."""
    words = tuple(sorted(k for k, v in _data.gazetteer().items() if not v.ambiguous))
    return (
        Pattern(code="MT201", words=words, case_sensitive=True, confidence=0.8,
                guard=_guard, message=_message, suggest=_suggest),
    )


@hookimpl
def wirelint_check(document: Document) -> list[Finding]:
    """Ambiguous gazetteer names (MT201) and names known only from the text (MT202)."""
    text = document.text
    if not any(ch.isupper() for ch in text):
        return []  # casefolded: nothing to compare against
    # Casing first: it is quick, and a document whose sentences mostly start lowercase
    # gives no finding, so its words are never read.
    if not _text.starts_capitalised(text):
        return []
    # Casual typing ("i'm late") lowercases names too.  It is judged near each finding,
    # as the hot path's MT201 guard judges it: one quoted post must not silence a long
    # article.  A text within one window of it is silent whole (its words never read).
    casual = _text.casual_spots(text)
    if casual and len(text) <= _text.WINDOW:
        return []
    ev = _text.evidence(text)
    if not ev.capitalised:
        return []
    return [f for f in _findings(text, ev)
            if not (casual and _text.near_casual(casual, f.span.start, f.span.end))]


def _findings(text: str, ev: _text.Evidence) -> Iterator[Finding]:
    gazetteer = _data.gazetteer()
    # Lowercase twins of the words the text capitalises mid-sentence, in text order;
    # only of the words that can be reported at all, by the tests below that depend on
    # the word alone ("the" in "..., The Guardian" is common English: never located).
    twins = _text.Twins(text)  # (a long text's words are listed once, for both rules)
    viable = [w for w in ev.capitalised if _viable(w, gazetteer, ev)]
    candidates = twins.of(viable)
    lower_count = Counter(word for _, _, word in candidates)
    for start, end, word in candidates:
        if len(word) < 3 or _text.in_link(text, start, end) or _text.is_tag_line(text, start):
            continue
        name = gazetteer.get(word)
        if name is not None:
            if name.ambiguous and _ambiguous_name_here(text, start, word, name, ev):
                yield Finding.at(
                    text, start, end, code="MT201", confidence=0.7,
                    suggestion=name.canonical,
                    message=f"'{word}' is written '{ev.capitalised[word]}' elsewhere in "
                            f"this text: write '{name.canonical}'")
            continue  # unambiguous names are the hot path's
        if (word not in ev.standalone or lower_count[word] > ev.capital_count[word]
                or _data.is_common(word)):
            continue  # written lowercase more often than not: the writer's style
        if _text.lowercase_full_name(text, start, ev, _data.is_common):
            continue  # "k.d. lang", "danah boyd": the name's own lowercase form
        form = ev.capitalised[word]
        yield Finding.at(
            text, start, end, code="MT202", confidence=0.7, suggestion=form,
            message=f"'{word}' is written '{form}' elsewhere in this text")
    yield from _lowercase_full_names(text, ev, gazetteer, twins)


def _lowercase_full_names(text: str, ev: _text.Evidence, gazetteer: dict[str, _data.Name],
                          twins: _text.Twins) -> Iterator[Finding]:
    """MT202 for a two-word name the text capitalises and writes wholly lowercase here
    ("German Chancellor Olaf Scholz ... olaf scholz said").

    The surname is capitalised mid-sentence only inside the name, or is an English word
    the one-word test leaves alone ("Trump said"), so that test never reports it
    ("Gates" of "Bill Gates" is no evidence for "gates"); the whole name is, when the
    text writes the same two words capitalised at least as often.  The given name must
    be no dictionary word: a function word before a surname ("with umerov" beside "With
    Umerov" at a sentence start) is no given name, and a word before a foreign one is
    often a product ("jelly yokan" / "Jelly Yokan"), so "mark carney" and "bill gates"
    are missed.  A surname that is a dictionary word ("macron", "trump"; "minister" of
    "Foreign Minister") counts only when the text also capitalises it outside the full
    name ("Macron said", even at a sentence start): "Kimchi Pizza" on a menu and "a
    kimchi pizza" later are a dish's name and the dish, not one name written two ways.
    """
    surnames = [w for w in ev.capitalised
                if w not in ev.standalone and len(w) >= 3 and w not in gazetteer
                and not _data.is_word(w)]
    # a surname that is a word: after a given name that is none, and capitalised more
    # often than that (the one-word test leaves it alone, as common)
    worded = {w for given, w in ev.after_capital
              if ev.capital_count[w] >= 2 and len(w) >= 3 and w not in gazetteer
              and _data.is_word(w) and not _data.is_word(given)}
    if not surnames and not worded:
        return
    pairs: list[tuple[int, int, str, str, str]] = []
    for start, end, word in twins.of([*surnames, *worded]):
        given = _text.word_before(text, start)
        if given is None:
            continue
        first = start - 1 - len(given)
        name = f"{given} {word}"
        if (len(given) < 2 or name in gazetteer or _data.is_word(given)
                or _text.in_link(text, first, end) or _text.is_tag_line(text, first)):
            continue
        pairs.append((first, end, word, name,
                      f"{given.capitalize()} {ev.capitalised[word]}"))
    lower_count = Counter(name for _, _, _, name, _ in pairs)
    # each form counted once: a name written lowercase n times is one search, not n
    capitalised_runs = {form: _text.count_word_run(text, form)
                        for form in {form for *_, form in pairs}}
    for first, end, word, name, form in pairs:
        capitalised_pairs = capitalised_runs[form]
        if lower_count[name] > capitalised_pairs:
            continue  # never capitalised, or lowercase more often: the writer's style
        if word in worded and ev.capital_count[word] <= capitalised_pairs:
            continue  # "Kimchi Pizza" / "kimchi pizza": a word capitalised only in a name
        yield Finding.at(
            text, first, end, code="MT202", confidence=0.7, suggestion=form,
            message=f"'{name}' is written '{form}' elsewhere in this text")


def _viable(word: str, gazetteer: dict[str, _data.Name], ev: _text.Evidence) -> bool:
    """Whether a lowercase occurrence of ``word`` could give a finding (the tests of
    :func:`_findings` that depend on the word and the evidence only)."""
    if len(word) < 3:
        return False
    name = gazetteer.get(word)
    if name is not None:  # unambiguous names are the hot path's
        return name.ambiguous and (word in ev.as_place if name.kind == "place" else
                                   word in ev.as_institution if name.kind == "org" else False)
    return word in ev.standalone and not _data.is_common(word)


def _ambiguous_name_here(text: str, start: int, word: str, name: _data.Name,
                         ev: _text.Evidence) -> bool:
    """An ambiguous name counts only where the text itself uses it as a name.

    "turkey" needs "in Turkey" elsewhere and "in turkey" here; "pentagon" needs "the
    Pentagon" and "the pentagon".  Months, days and nationalities that are also words
    ("may", "march", "polish") are never flagged: their capitalised twin is ordinary
    English in the same text.
    """
    prev = _text.previous_word(text, start)
    if name.kind == "place":
        return word in ev.as_place and prev in _text.PLACE_PREPS
    if name.kind == "org":
        return word in ev.as_institution and prev == "the"
    return False
