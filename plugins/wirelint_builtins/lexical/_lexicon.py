"""The calque, false-friend and garbled-idiom lexicon (``lexicon.tsv``) as hot-path patterns.

Each entry becomes one lexicon :class:`~wirelint.Pattern` (``words=``): the scanner
merges the phrases of every entry into one trie, so 200 entries cost one pass.  An
entry's guard looks at the context of a match; its message and suggestion come from the
entry, so "in costume" explains French *en costume* and suggests "in suits".

File format, one entry a line, tab-separated, ``#`` comments::

    code  phrase  languages  fix  confidence  why  [option=value ...]

``phrase`` expands ``{a|b|c}`` alternatives (``{|s}`` for an optional ending) and the
macros ``{NAT}`` (nationality adjectives), ``{NATC}`` (of countries only), ``{NUM}``
(numbers 2-30 and the tens, in figures and words), ``{AGE}`` (1-120 in figures, 20-99 in
words) and ``{ORD}`` (ordinals 1st-120th); an
ASCII apostrophe also matches a typographic one.  Options (regexes are case-insensitive unless
they say ``(?-i:...)``):

``left=RE`` / ``notleft=RE``
    must / must not be found in the 60 characters before the match (anchor with ``$``);
``right=RE`` / ``notright=RE``
    must / must not match at the start of the 60 characters after it;
``near=RE``
    must be found within 300 characters either side (the topic of the passage);
``case=lower`` / ``case=upper``
    the first letter of the match must be lowercase / a capital;
``start=1``
    the match must open a sentence, a line or a quotation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib import resources

from wirelint import Pattern

from ._foreign import is_initial

LANGS = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
         "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "ja": "Japanese",
         "zh": "Chinese", "nl": "Dutch", "tr": "Turkish", "ar": "Arabic"}

_NATIONS = (
    "Russian Ukrainian American French German British Turkish Chinese Japanese Israeli "
    "Palestinian Iranian Syrian Polish Georgian Belarusian Italian Spanish Indian Pakistani "
    "Saudi Azerbaijani Armenian Moldovan Kazakh Hungarian Greek Egyptian Qatari Afghan Iraqi "
    "Lebanese Korean Canadian Mexican Brazilian Venezuelan Cuban Serbian Czech Slovak "
    "Romanian Bulgarian Estonian Latvian Lithuanian Finnish Swedish Norwegian Danish Dutch "
    "Belgian Swiss Austrian Portuguese Irish Australian").split()
_NUMBER_WORDS = [*("two three four five six seven eight nine ten eleven twelve fifteen "
                   "twenty thirty forty fifty several many").split(), "a few"]
MACROS = {
    "NAT": [*_NATIONS, "European", "Western"],
    "NATC": _NATIONS,
    "NUM": [str(n) for n in (*range(2, 31), 40, 50, 60, 70, 80, 90)] + _NUMBER_WORDS,
    "AGE": [str(n) for n in range(1, 121)] + [
        f"{tens}{unit}" for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                     "eighty", "ninety")
        for unit in ("", *(f"-{u}" for u in "one two three four five six seven eight "
                                               "nine".split()))],
    "ORD": [f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
            for n in range(1, 121)],
}
_BRACES = re.compile(r"\{([^{}]*)\}")
CONTEXT = 60
NEAR = 300


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line."""

    code: str
    phrase: str  #: as written, with ``{...}``: the entry's id in fixtures
    langs: tuple[str, ...]
    fix: str
    confidence: float
    why: str
    options: tuple[tuple[str, str], ...]
    line: int

    def phrases(self) -> list[str]:
        """Every literal phrase the entry stands for."""
        return expand(self.phrase)

    def source(self) -> str:
        """'French or Spanish': the languages the calque comes from, for messages."""
        names = [LANGS.get(code, code) for code in self.langs]
        return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]


def expand(phrase: str) -> list[str]:
    """``"{make|made} a {cease-fire|truce}"`` -> the four literal phrases."""
    parts: list[list[str]] = []
    pos = 0
    for m in _BRACES.finditer(phrase):
        parts.append([phrase[pos:m.start()]])
        body = m.group(1)
        parts.append(MACROS[body] if body in MACROS else body.split("|"))
        pos = m.end()
    parts.append([phrase[pos:]])
    out = []
    for combo in itertools.product(*parts):
        text = " ".join("".join(combo).split())
        if text:
            out.append(text)
            if "'" in text:
                out.append(text.replace("'", "\u2019"))
    return list(dict.fromkeys(out))


def load_entries(text: str | None = None) -> list[Entry]:
    """Parse ``lexicon.tsv`` (or ``text``); raises ``ValueError`` naming a bad line."""
    if text is None:
        text = resources.files(__package__).joinpath("lexicon.tsv").read_text("utf-8")
    entries = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 6:
            raise ValueError(f"lexicon.tsv:{n}: expected 6+ tab-separated fields")
        code, phrase, langs, fix, conf, why, *opts = fields
        options = []
        for opt in opts:
            key, sep, value = opt.partition("=")
            if not sep or key not in ("left", "notleft", "right", "notright", "near",
                                      "case", "start"):
                raise ValueError(f"lexicon.tsv:{n}: bad option {opt!r}")
            options.append((key, value))
        entries.append(Entry(code=code, phrase=phrase, langs=tuple(langs.split(",")),
                             fix=fix, confidence=float(conf), why=why,
                             options=tuple(options), line=n))
    return entries


def _left(rx: _Deferred, m: re.Match[str], t: str) -> bool:
    return rx.search(t, max(0, m.start() - CONTEXT), m.start()) is not None


def _not_left(rx: _Deferred, m: re.Match[str], t: str) -> bool:
    return rx.search(t, max(0, m.start() - CONTEXT), m.start()) is None


def _right(rx: _Deferred, m: re.Match[str], t: str) -> bool:
    return rx.match(t, m.end(), m.end() + CONTEXT) is not None


def _not_right(rx: _Deferred, m: re.Match[str], t: str) -> bool:
    return rx.match(t, m.end(), m.end() + CONTEXT) is None


def _near(rx: _Deferred, m: re.Match[str], t: str) -> bool:
    return rx.search(t, max(0, m.start() - NEAR), m.end() + NEAR) is not None


#: context option -> its test of (regex, match, text)
_CONTEXT_CHECKS: dict[str, Callable[[_Deferred, re.Match[str], str], bool]] = {
    "left": _left, "notleft": _not_left, "right": _right, "notright": _not_right,
    "near": _near,
}


def _guard(entry: Entry) -> Callable[[re.Match[str], str], bool] | None:
    """A pure function of (match, text) checking the entry's context options."""
    checks: list[Callable[[re.Match[str], str], bool]] = []
    for key, value in entry.options:
        if key in ("case", "start"):
            continue
        check = _CONTEXT_CHECKS.get(key)
        if check is not None:
            checks.append(partial(check, _Deferred(value)))
    options = dict(entry.options)
    if options.get("case") == "lower":
        checks.append(lambda m, t: m.group()[:1].islower())
    elif options.get("case") == "upper":
        checks.append(lambda m, t: m.group()[:1].isupper())
    if options.get("start") == "1":
        checks.append(lambda m, t: is_initial(t, m.start()))
    if not checks:
        return None
    frozen = tuple(checks)
    return lambda m, t: all(check(m, t) for check in frozen)


def patterns(entries: list[Entry]) -> Iterator[Pattern]:
    """One hot-path lexicon pattern per entry.

    Entries keep their phrase short and put the variable part in a ``right=`` guard
    ("realized" + "an operation"), so the shared trie stays small; the message quotes the
    phrase together with the context the guard matched.
    """
    for entry in entries:
        kind = {"MT102": f"false friend from {entry.source()}",
                "MT104": f"{entry.source()} idiom rendered literally"}.get(
                    entry.code, f"calque from {entry.source()}")
        # The fix replaces the match only where the entry is one literal phrase: for
        # "since {NUM} {years|...}" the fix column ("for three years") is an example, and
        # offering it would turn "since five days" into "for three years".
        literal = "{" not in entry.phrase
        hint = "write" if literal else "for example"
        message = f"{entry.why} ({kind}); {hint} '{entry.fix}'"
        right = dict(entry.options).get("right")
        yield Pattern(code=entry.code, words=tuple(entry.phrases()), confidence=entry.confidence,
                      guard=_guard(entry),
                      message=_messenger(message, _Deferred(right) if right else None),
                      suggest=(lambda m, fix=entry.fix: fix) if literal else None)


class _Deferred:
    """A case-insensitive regex compiled on first use.

    The lexicon's context options are ~300 small regexes; compiling them all at import
    cost more than checking an article, and most are never needed by a given document.
    Compiling twice in a race is harmless (``re`` returns equal patterns).
    """

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)


def _messenger(message: str, right: _Deferred | None) -> Callable[[re.Match[str]], str]:
    def render(m: re.Match[str]) -> str:
        quoted = m.group()
        if right is not None:
            more = right.match(m.string, m.end(), m.end() + CONTEXT)
            if more is not None:
                quoted += more.group()
        return f"'{' '.join(quoted.split())}': {message}"
    return render
