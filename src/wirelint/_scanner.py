"""The compiled hot path: every pattern rule of every loaded plugin, compiled once per Host.

Two kinds of pattern, two strategies (the performance issue has the measurements):

* **Lexicons** (literal phrases) of *all* plugins are merged into one trie-built
  alternation per (case, padding) class: one pass over the text finds every entry, and
  a dictionary maps the matched phrase back to the rule(s) that own it.
* **Structural** regexes run as separate passes, each behind a cheap substring
  prefilter.  They are deliberately *not* merged into one named-group alternation:
  measured, that is slower and rules shadow each other (a match consumed by one branch
  hides an overlapping match of another).

Patterns of third-party plugins run on the ``regex`` engine with a per-pass timeout, so a
runaway pattern costs its own findings (``WL091 plugin-timeout``), never the batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from wirelint._trie import normalise_phrase, trie_regex
from wirelint.model import Finding, Padding, Pattern, Problem, Rule, Span

#: Seconds a third-party structural pattern may run on one document before it is stopped.
THIRD_PARTY_TIMEOUT = 1.0

_PAD = {
    Padding.NONE: ("", ""),
    Padding.WORD: (r"(?<!\w)", r"(?!\w)"),
    Padding.PHRASE_START: (r"(?<!\w)", ""),
}


@dataclass(frozen=True, slots=True)
class _Owned:
    """A pattern together with the plugin that declared it."""

    plugin: str
    pattern: Pattern
    trusted: bool  #: built-in: compiled with ``re``, no timeout


class _Structural:
    __slots__ = ("compiled", "owned", "timeout")

    def __init__(self, owned: _Owned) -> None:
        pat = owned.pattern
        left, right = _PAD[pat.padding]
        source = f"{left}(?:{pat.regex}){right}"
        # MULTILINE always: in news copy '^' and '$' mean the start and end of a line.
        flags = re.MULTILINE | (0 if pat.case_sensitive else re.IGNORECASE)
        self.owned = owned
        if owned.trusted:
            self.compiled: Any = re.compile(source, flags)
            self.timeout: float | None = None
        else:
            self.compiled = regex.compile(source, flags | regex.VERSION0)
            self.timeout = THIRD_PARTY_TIMEOUT


class _Lexicon:
    """One merged trie over the phrases of every lexicon pattern in a (case, padding) class."""

    __slots__ = ("case_sensitive", "compiled", "owners")

    def __init__(self, case_sensitive: bool, padding: Padding, members: Sequence[_Owned]) -> None:
        owners: dict[str, list[_Owned]] = {}
        for owned in members:
            for word in owned.pattern.words:
                key = normalise_phrase(word, case_sensitive=case_sensitive)
                if key:
                    owners.setdefault(key, []).append(owned)
        left, right = _PAD[padding]
        flags = 0 if case_sensitive else re.IGNORECASE
        self.case_sensitive = case_sensitive
        self.compiled = re.compile(f"{left}(?:{trie_regex(owners)}){right}", flags)
        self.owners = {k: tuple(v) for k, v in owners.items()}


class Scan:
    """The hot path's result for one document, shared by every ``wirelint_check`` call."""

    __slots__ = ("findings", "problems", "text")

    def __init__(self, text: str, findings: tuple[Finding, ...], problems: tuple[Problem, ...]):
        self.text = text
        #: Findings of all pattern rules, sorted by position.
        self.findings = findings
        #: Problems met while scanning (e.g. a third-party pattern timed out).
        self.problems = problems

    def codes(self) -> set[str]:
        """The set of codes the pattern rules found."""
        return {f.code for f in self.findings}


class Scanner:
    """Compiles pattern rules once; :meth:`scan` reads a document once per pass."""

    def __init__(self, patterns: Iterable[tuple[str, Pattern, bool]], rules: Mapping[str, Rule]):
        self._rules = rules
        self.structural: list[_Structural] = []
        classes: dict[tuple[bool, Padding], list[_Owned]] = {}
        count = 0
        for plugin, pattern, trusted in patterns:
            count += 1
            owned = _Owned(plugin, pattern, trusted)
            if pattern.regex is not None:
                self.structural.append(_Structural(owned))
            else:
                classes.setdefault((pattern.case_sensitive, pattern.padding), []).append(owned)
        self.lexicons = [_Lexicon(cs, pad, members) for (cs, pad), members in sorted(
            classes.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))]
        self.pattern_count = count

    def scan(self, text: str, enabled: Callable[[str], bool] | None = None) -> Scan:
        """Run every pass over ``text`` and return the findings, sorted by position."""
        found: list[Finding] = []
        problems: list[Problem] = []
        for lex in self.lexicons:
            for m in lex.compiled.finditer(text):
                key = normalise_phrase(m.group(), case_sensitive=lex.case_sensitive)
                for owned in lex.owners.get(key, ()):
                    if enabled is None or enabled(owned.pattern.code):
                        self._emit(found, owned, m, text, 0)
        for st in self.structural:
            pat = st.owned.pattern
            if enabled is not None and not enabled(pat.code):
                continue
            if pat.prefilter is not None and pat.prefilter not in text:
                continue
            try:
                if st.timeout is None:
                    for m in st.compiled.finditer(text):
                        self._emit(found, st.owned, m, text, pat.group)
                else:
                    for m in st.compiled.finditer(text, timeout=st.timeout):
                        self._emit(found, st.owned, m, text, pat.group)
            except TimeoutError:
                problems.append(Problem(
                    code="WL091", name="plugin-timeout", plugin=st.owned.plugin,
                    message=f"pattern {pat.code} exceeded its {st.timeout:g}s budget; "
                            "its findings for this document were dropped"))
                found = [f for f in found if f.code != pat.code or f.plugin != st.owned.plugin]
        found.sort(key=Finding.sort_key)
        return Scan(text, tuple(found), tuple(problems))

    def _emit(self, out: list[Finding], owned: _Owned, m: Any, text: str, group: int | str) -> None:
        pat = owned.pattern
        start, end = m.span(group)
        if start < 0 or start == end:
            return
        if pat.guard is not None and not pat.guard(m, text):
            return
        if callable(pat.message):
            message = pat.message(m)
        else:
            message = pat.message or self._rules[pat.code].summary
        suggestion = pat.suggest(m) if pat.suggest is not None else None
        out.append(Finding(
            code=pat.code, span=Span(start, end), message=message, evidence=text[start:end],
            confidence=pat.confidence, suggestion=suggestion, plugin=owned.plugin))
