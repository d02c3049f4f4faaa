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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wirelint import _prefilter
from wirelint._trie import normalise_phrase, trie_regex
from wirelint.model import Finding, Padding, Pattern, Problem, Rule, Span

#: Seconds a third-party structural pattern may run on one document before it is stopped.
THIRD_PARTY_TIMEOUT = 1.0
#: Documents scanned before :meth:`Scanner.warm` builds the batch-only structures.
WARM_AFTER = 16
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
    __slots__ = ("compiled", "flags", "lead", "literals", "lowered", "owned", "search",
                 "slot", "source", "timeout")

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
        #: RE2 search of the superset, to try the pass only where it may match
        self.search: Callable[[bytes, int], int | None] | None = None
        self.lead = 0  #: the superset's match starts this many characters early (0 or 1)
        if owned.trusted:
            self.compiled: Any = re.compile(self.source, self.flags)
            self.timeout: float | None = None
        else:
            import regex  # only third-party patterns need it (and its import time)

            self.compiled = regex.compile(self.source, self.flags | regex.VERSION0)
            self.timeout = THIRD_PARTY_TIMEOUT


def _fold_odd() -> Any:
    """Characters after which ``str.lower`` no longer gives the key ``re.IGNORECASE``
    compares by: the members of ``re``'s extra case classes ("ı" ~ "i", "ς" ~ "σ",
    "µ" ~ "μ") other than plain i and s, and the combining dot "İ" lowers to."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - then every non-ASCII text takes the exact path
        return re.compile(r"[^\x00-\x7f]")
    chars = {chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)} | {"\u0307"}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars - {"i", "s"})) + "]")


#: A text holding one of these takes the exact (slow) path through a lexicon.
_FOLD_ODD = _fold_odd()
_WORD_RUN = re.compile(r"\w+")
#: ASCII characters that are not word characters, mapped to spaces (a fast tokeniser).
_ASCII_SPACES = {c: " " for c in range(128) if not (chr(c).isalnum() or c == 0x5F)}


def _is_word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


#: Characters tokenised at a time: a list of every word of a 10 MB text would take
#: ~100 MB; windows of this size, cut at whitespace, keep only the set of distinct ones.
_TOKEN_WINDOW = 1 << 17


def _tokens(hay: str) -> set[str]:
    """The maximal runs of word characters in ``hay`` (``\\w+``), as a set."""
    out: set[str] = set()
    start, n = 0, len(hay)
    while start < n:
        end = n if n - start <= _TOKEN_WINDOW else hay.find(" ", start + _TOKEN_WINDOW)
        if end == -1:
            end = n
        part = hay[start:end]
        out.update(part.translate(_ASCII_SPACES).split() if part.isascii()
                   else _WORD_RUN.findall(part))
        start = end
    return out


class _Lexicon:
    """The phrases of every lexicon pattern in one (case, padding) class.

    A word-padded lexicon is matched without compiling one regex of thousands of
    phrases (~0.2 s of CPU per lexicon, more than a whole proselint run): the text's
    words are intersected with the phrases' first words, the phrases whose other words
    are absent are dropped, and where a first word occurs the rest are compared, longest
    first, by hand.  That is exactly what the trie of all phrases (``full``) finds: at
    each position, from left to right, the longest phrase that matches there, resuming
    after it; and it is as fast (8-25 MB/s measured).  ``full`` serves other paddings,
    the rare text whose case folding ``str.lower`` does not mirror (see ``_FOLD_ODD``),
    and RE2's position gate (:meth:`gated`).
    """

    __slots__ = ("_first", "_full", "_members", "_owners", "_positions", "case_sensitive",
                 "flags", "padding")

    def __init__(self, case_sensitive: bool, padding: Padding, members: Sequence[_Owned]) -> None:
        self.case_sensitive = case_sensitive
        self.padding = padding
        self.flags = 0 if case_sensitive else re.IGNORECASE
        # Built on first use: the Host compiles every pattern alone once, to name the
        # plugin of a bad one, and those scanners never scan.
        self._members = tuple(members)
        self._owners: dict[str, tuple[_Owned, ...]] | None = None
        self._first: dict[str, Any] | bool | None = False
        self._full: Any = None
        self._positions: dict[str, Any] = {}

    @property
    def owners(self) -> dict[str, tuple[_Owned, ...]]:
        """Each phrase's lookup key -> the patterns that list it."""
        if self._owners is None:
            owners: dict[str, list[_Owned]] = {}
            for owned in self._members:
                for word in owned.pattern.words:
                    key = normalise_phrase(word, case_sensitive=self.case_sensitive)
                    if key:
                        owners.setdefault(key, []).append(owned)
            self._owners = {k: tuple(v) for k, v in owners.items()}
        return self._owners

    @property
    def first(self) -> dict[str, Any] | None:
        """First word of a phrase -> its phrases (None: no index, the lexicon is not
        word-padded or a phrase starts with punctuation)."""
        if self._first is False:
            first = None
            if self.padding is Padding.WORD:
                index: dict[str, list[str]] = {}
                for key in self.owners:
                    head = _WORD_RUN.match(key)
                    if head is None:
                        break
                    index.setdefault(head.group(), []).append(key)
                else:
                    first = index  # type: ignore[assignment]  # sorted in ``_bucket``
            self._first = first
        return self._first  # type: ignore[return-value]

    def _compile(self, keys: Iterable[str]) -> Any:
        left, right = _PAD[self.padding]
        return re.compile(f"{left}(?:{trie_regex(keys)}){right}", self.flags)

    @property
    def full(self) -> Any:
        """The trie-built alternation of every phrase (compiled on first use)."""
        if self._full is None:
            self._full = self._compile(self.owners)
        return self._full

    def finditer(self, text: str) -> Iterator[Any]:
        """The matches ``full.finditer(text)`` gives, in order."""
        if self._full is not None:  # compiled for a batch: faster than the index
            return self._full.finditer(text)
        return self.indexed(text)

    def gated(self, text: str, data: bytes,
              search: Callable[[bytes, int], int | None]) -> Iterator[Any]:
        """The same matches, trying the full trie only where RE2 finds its superset.

        A phrase matching at ``p`` makes the superset match from ``p - 1`` (the non-word
        character it consumes in place of the lookbehind) or from ``p`` (start of text),
        so each superset match at ``s`` leaves ``s`` and ``s + 1`` to try, and no phrase
        starts between two superset matches.
        """
        full = self.full
        resume = 0  # no match may start before the end of the last one
        pos = 0
        while (s := search(data, pos)) is not None:
            for start in (s, s + 1):
                if start >= resume and (m := full.match(text, start)) is not None:
                    yield m
                    resume = m.end()
            # Superset matches from before ``resume - 1`` can only lead to phrases that
            # start before ``resume``.
            pos = max(s + 1, resume - 1)

    def indexed(self, text: str) -> Iterator[Any]:
        """The same matches, found through the first-word index where it applies."""
        first = self.first
        hay = text if self.case_sensitive else text.lower()
        if first is None or (not self.case_sensitive and (
                len(hay) != len(text) or _FOLD_ODD.search(hay))):
            yield from self.full.finditer(text)
            return
        words = _tokens(hay)
        # Every word of a matching phrase is a whole word of the text (the phrase is
        # padded, and its inner words are bounded by its own spaces and punctuation):
        # keep, for each first word present, the phrases whose other words are too.
        candidates: dict[str, list[tuple[str, ...]]] = {}
        for word in words & first.keys():
            bucket = first[word]
            if isinstance(bucket, list):  # first use: longest first, split into words
                bucket = first[word] = tuple(
                    (tuple(k.split(" ")), frozenset(_WORD_RUN.findall(k)))
                    for k in sorted(bucket, key=lambda k: (-len(k), k)))
            kept = [segments for segments, needs in bucket if needs <= words]
            if kept:
                candidates[word] = kept
        if not candidates:
            return
        starts: list[tuple[int, str]] = []
        for word in candidates:
            finder = self._positions.get(word)
            if finder is None:  # literal first: ``re`` then scans for it at C speed
                finder = self._positions[word] = re.compile(rf"{re.escape(word)}(?!\w)")
            for m in finder.finditer(hay):
                start = m.start()
                # A whole word only: an occurrence inside a longer word never shadows a
                # whole one (whole ones are maximal runs of word characters).
                if not start or not _is_word(hay[start - 1]):
                    starts.append((start, word))
        starts.sort()
        resume = 0
        end_of_text = len(hay)
        for start, word in starts:
            if start < resume:
                continue
            for segments in candidates[word]:  # longest first: what the trie prefers
                end = _match_segments(hay, start, segments, end_of_text)
                if end is not None:
                    yield _SPAN.match(text, start, end)
                    resume = end
                    break


#: Superset matches a pass is tried at before it falls back to scanning on its own.
POSITION_CAP = 12


def _positioned(compiled: Any, search: Callable[[bytes, int], int | None], lead: int,
                text: str, data: bytes) -> Iterator[Any]:
    """``compiled.finditer(text)``, trying ``compiled`` only where its superset matches.

    A match at ``p`` makes the superset match from ``p - lead`` (``lead`` is 0 or 1), so
    each superset match at ``s`` leaves ``s .. s + lead`` to try, and no match starts
    between two superset matches.  After :data:`POSITION_CAP` of them (a rule whose
    superset is everywhere), ``finditer`` takes over from where they left off.
    """
    resume = pos = 0
    for _ in range(POSITION_CAP):
        s = search(data, pos)
        if s is None:
            return
        for start in range(s, s + lead + 1):
            if start >= resume and (m := compiled.match(text, start)) is not None:
                yield m
                resume = m.end()
        pos = max(s + 1, resume - lead)
    # Every match starting before ``pos + lead`` has been found.
    yield from compiled.finditer(text, max(resume, pos + lead))


#: Gives a real ``re.Match`` for a span found by hand (guards read its span and text).
_SPAN = re.compile(r"(?s:.)+")


def _match_segments(hay: str, pos: int, segments: tuple[str, ...], n: int) -> int | None:
    """Where the phrase ``" ".join(segments)`` ends if it matches at ``pos`` as the trie
    does (a space matching a run of whitespace, no word character after it), else None."""
    for i, segment in enumerate(segments):
        if i:
            if pos >= n or not hay[pos].isspace():
                return None
            pos += 1
            while pos < n and hay[pos].isspace():
                pos += 1
        if not hay.startswith(segment, pos):
            return None
        pos += len(segment)
    if pos < n and _is_word(hay[pos]):
        return None
    return pos


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
        self._warm = False
        self._scanned = 0
        self._lock = threading.Lock()

    @property
    def engine(self) -> str:
        """The gate engine in use: ``re`` (the reference) or ``re2``."""
        if self._warm:
            return "re" if self._gate is None else self._gate.name
        return "re2" if self._engine != "re" and _prefilter.available("re2") else "re"

    def warm(self) -> None:
        """Build the gates (and, with RE2, the lexicons' full tries).  Only a batch repays
        them (tens of milliseconds of CPU, ~0.2 s per full trie; a lone article runs every
        pass in less), so ``scan`` calls this after :data:`WARM_AFTER` documents, and
        ``check_many(jobs=N)`` before forking its workers."""
        if self._warm:
            return
        with self._lock:
            if self._warm:
                return
            covered: list[tuple[_Structural, str, int | None]] = []
            for st in self.structural:
                if not st.owned.trusted:
                    continue  # ``regex`` syntax is not ``re``'s: no derived gates
                found = _prefilter.required_literals(st.source, st.flags)
                if found is not None:
                    st.literals, st.lowered = found
                if self._engine != "re":
                    superset = _prefilter.superset(st.source, st.flags)
                    if superset is not None:
                        covered.append((st, *superset))
            if self._engine != "re" and (covered or self.lexicons):
                gate = _prefilter.build_gate(self._engine, [c[1] for c in covered])
                if gate is not None:
                    for slot in gate.accepted:
                        st, source, lead = covered[slot]
                        st.slot = slot
                        if lead is not None and lead <= 1:
                            st.search, st.lead = gate.searcher(source), lead
                    # Behind RE2's position gate the full trie is tried at a handful of
                    # places per document: faster than the word index, once compiled.
                    for lex in self.lexicons:
                        lex.full  # noqa: B018 - compiles it
                    gate.add_lexicons([
                        _prefilter.lexicon_superset(lex.owners, lex.case_sensitive)
                        if lex.padding is Padding.WORD else None for lex in self.lexicons])
                    self._gate = gate
            self._warm = True

    def scan(self, text: str, enabled: Callable[[str], bool] | None = None) -> Scan:
        """Run every pass over ``text`` and return the findings, sorted by position."""
        if not self._warm:
            self._scanned += 1
            if self._scanned > WARM_AFTER:
                self.warm()
        found: list[Finding] = []
        problems: list[Problem] = []
        gate = self._gate
        data = _prefilter.project(text) if gate is not None else b""
        for index, lex in enumerate(self.lexicons):
            search = gate.lexicon(index) if gate is not None else None
            for m in lex.finditer(text) if search is None else lex.gated(text, data, search):
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
                    matches = st.compiled.finditer(text) if st.search is None else \
                        _positioned(st.compiled, st.search, st.lead, text, data)
                    for m in matches:
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
