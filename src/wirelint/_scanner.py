"""The compiled hot path: every pattern rule of every loaded plugin, compiled once per Host.

Two kinds of pattern, two strategies (issue 6 has the measurements):

* **Lexicons** (literal phrases) of *all* plugins are merged into one trie-built
  alternation per (case, padding) class: one pass over the text finds every entry, and
  a dictionary maps the matched phrase back to the rule(s) that own it.
* **Structural** regexes run as separate passes.  They are deliberately *not* merged into
  one named-group alternation: measured, that is slower and rules shadow each other (a
  match consumed by one branch hides an overlapping match of another).  Instead each pass
  sits behind gates that prove it cannot match, cheapest first: the author's
  ``prefilter`` substring, then the literals every match must contain (derived from the
  regex), then, when the optional engine is installed (``wirelint[fast]``: google-re2),
  one RE2 pass of all rules' superset regexes over the whole document that names the
  rules that can match (see :mod:`wirelint._prefilter`); the lexicon tries get such a
  gate too.  A gate only ever skips a pass that would have found nothing, so findings
  never depend on the engine (tests/core/test_engines.py).

``WIRELINT_ENGINE=re|re2`` picks the gate engine (default: RE2 when installed); ``re`` is
the reference.

Patterns of third-party plugins run on the ``regex`` engine with a per-pass timeout, so a
runaway pattern costs its own findings (``WL091 plugin-timeout``), never the batch.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wirelint import _prefilter
from wirelint._trie import normalise_phrase, trie_regex
from wirelint.model import Finding, Padding, Pattern, Problem, Rule, Span

#: Seconds a third-party structural pattern may run on one document before it is stopped.
THIRD_PARTY_TIMEOUT = 1.0
#: Environment variable that picks the gate engine: ``re`` (reference) or ``re2``.
ENGINE_ENV = "WIRELINT_ENGINE"

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
    __slots__ = ("compiled", "flags", "literals", "lowered", "owned", "slot", "source",
                 "timeout")

    def __init__(self, owned: _Owned) -> None:
        pat = owned.pattern
        left, right = _PAD[pat.padding]
        self.source = f"{left}(?:{pat.regex}){right}"
        # MULTILINE always: in news copy '^' and '$' mean the start and end of a line.
        self.flags = re.MULTILINE | (0 if pat.case_sensitive else re.IGNORECASE)
        self.owned = owned
        #: Strings one of which every match contains (``None``: no such test).
        self.literals: tuple[str, ...] | None = None
        self.lowered = False  #: the literals are lower-cased (test the lowered text)
        self.slot: int | None = None  #: index in the gate engine, if it covers this pass
        if owned.trusted:
            self.compiled: Any = re.compile(self.source, self.flags)
            self.timeout: float | None = None
        else:
            import regex  # only third-party patterns need it (and its import time)

            self.compiled = regex.compile(self.source, self.flags | regex.VERSION0)
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


def _engine_choice(engine: str | None) -> str | None:
    """``None`` means: the fastest installed (decided when the gate is first needed)."""
    engine = engine or os.environ.get(ENGINE_ENV) or None
    if engine is not None and engine not in _prefilter.ENGINES:
        raise ValueError(f"unknown scanner engine {engine!r}; "
                         f"choose one of {', '.join(_prefilter.ENGINES)}")
    if engine is not None and not _prefilter.available(engine):
        raise ValueError(f"scanner engine {engine!r} is not installed "
                         "(pip install 'wirelint[fast]')")
    return engine


class Scanner:
    """Compiles pattern rules once; :meth:`scan` reads a document once per pass.

    ``engine`` picks the gate in front of the passes (``"re"``: the reference, substring
    tests only; ``"re2"``: one multi-pattern RE2 pass as well);
    ``None`` takes ``WIRELINT_ENGINE`` or else the fastest installed.  The gates are
    built on the first :meth:`scan`, so a Host that never scans pays nothing for them.
    """

    def __init__(self, patterns: Iterable[tuple[str, Pattern, bool]], rules: Mapping[str, Rule],
                 *, engine: str | None = None):
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
        self._engine = _engine_choice(engine)
        self._gate: Any = None
        self._ready = False
        self._lock = threading.Lock()

    @property
    def engine(self) -> str:
        """The gate engine in use: ``re`` (the reference) or ``re2``."""
        self._prepare()
        return "re" if self._gate is None else self._gate.name

    def _prepare(self) -> None:
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            covered: list[tuple[_Structural, str]] = []
            for st in self.structural:
                if not st.owned.trusted:
                    continue  # ``regex`` syntax is not ``re``'s: no derived gates
                found = _prefilter.required_literals(st.source, st.flags)
                if found is not None:
                    st.literals, st.lowered = found
                if self._engine != "re":
                    superset = _prefilter.superset_regex(st.source, st.flags)
                    if superset is not None:
                        covered.append((st, superset))
            if self._engine != "re" and (covered or self.lexicons):
                lexicons = [_prefilter.superset_regex(lex.compiled.pattern, lex.compiled.flags)
                            for lex in self.lexicons]
                self._gate = _prefilter.build_gate(self._engine, [s for _, s in covered],
                                                   lexicons)
                if self._gate is not None:
                    for slot in self._gate.accepted:
                        covered[slot][0].slot = slot
            self._ready = True

    def scan(self, text: str, enabled: Callable[[str], bool] | None = None) -> Scan:
        """Run every pass over ``text`` and return the findings, sorted by position."""
        if not self._ready:
            self._prepare()
        found: list[Finding] = []
        problems: list[Problem] = []
        gate = self._gate
        data = _prefilter.project(text) if gate is not None else b""
        for index, lex in enumerate(self.lexicons):
            start = 0 if gate is None else gate.lexicon(index, data)
            if start is None:
                continue
            # Starting at ``start`` is not slicing: lookbehinds still see the text before.
            for m in lex.compiled.finditer(text, start):
                key = normalise_phrase(m.group(), case_sensitive=lex.case_sensitive)
                for owned in lex.owners.get(key, ()):
                    if enabled is None or enabled(owned.pattern.code):
                        self._emit(found, owned, m, text, 0)
        candidates: Any = None  # the structural slots the gate says may match (lazily)
        lowered: str | None = None
        for st in self.structural:
            pat = st.owned.pattern
            if enabled is not None and not enabled(pat.code):
                continue
            if pat.prefilter is not None and pat.prefilter not in text:
                continue
            if st.slot is not None:
                if candidates is None:
                    candidates = gate.structural(data)
                if st.slot not in candidates:
                    continue
            elif st.literals is not None:
                if st.lowered:
                    if lowered is None:
                        lowered = text.lower() if _prefilter.lower_is_faithful(text) else ""
                    # "" = the text holds a character str.lower() does not fold as re.I
                    # does: the test would not be safe, so the pass runs.
                    if lowered and not any(lit in lowered for lit in st.literals):
                        continue
                elif not any(lit in text for lit in st.literals):
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
