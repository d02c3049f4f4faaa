"""Conformance kit for wirelint plugin authors: a pytest plugin and a base test class.

Add it to your plugin's test suite::

    # tests/conftest.py
    pytest_plugins = ["wirelint.testing"]

    # tests/test_conformance.py
    import wirelint_acme
    from wirelint.testing import PluginConformance

    class TestAcmeConformance(PluginConformance):
        plugin = wirelint_acme          # a module/object, or an installed plugin's name

Every check is its own test, parametrised by rule code or pattern, so a failure says what
to fix: each rule fully documented; codes unique and inside the plugin's prefix; each
rule's ``example`` triggers it and ``use_instead`` does not; hypothesis fuzzing of the
plugin's hooks on arbitrary Unicode and on article text with random edits (no exception,
valid spans, own codes and measurements in 0..1, shared inputs unchanged, deterministic,
thread-safe); every structural pattern finishes within the host's time budget on 100 KB
adversarial inputs (ReDoS); and the whole plugin stays under a time bound per 100 KB.
:func:`check_plugin` runs the same checks outside pytest.

The pytest plugin adds ``--wirelint-time-scale`` (multiply every time bound, for slow CI
machines; also ``WIRELINT_TIME_SCALE``) and ``--wirelint-articles PATH`` (more real
article text to fuzz with: ``.txt`` files or a directory of them).
"""

from __future__ import annotations

import copy
import itertools
import os
import random
import re
import string
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import regex

from wirelint._host import (
    RESERVED_LETTERS,
    Host,
    PluginInfo,
    _as_list,
    _as_measures,
    _cluster_problem,
    _contract_violation,
    _ContractError,
    _reading,
)
from wirelint._isolation import BUDGET_SECONDS, BudgetRunner, Overrun
from wirelint._scanner import _PAD, THIRD_PARTY_TIMEOUT, Scanner
from wirelint.config import Config
from wirelint.model import CODE_PATTERN, ClusterReport, Document, Pattern, Rule

__all__ = ["GROWTH_FACTOR", "PATTERN_BUDGET", "PLUGIN_BUDGET", "Kit", "PluginConformance",
           "check_plugin", "realistic_text", "sample_articles"]

#: Seconds one structural pattern may take on a 100 KB adversarial input: the budget the
#: host gives third-party patterns, so a pattern that passes here never times out there.
PATTERN_BUDGET = THIRD_PARTY_TIMEOUT
#: Seconds the whole plugin (its patterns and hooks) may take per 100 KB: half the
#: host's per-document budget (``WL091``), leaving room for a loaded machine.
PLUGIN_BUDGET = BUDGET_SECONDS / 2
ADVERSARIAL_SIZE = 100_000

DOC_FIELDS = ("name", "summary", "why", "example", "use_instead", "false_positives", "since")
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Characters random edits insert: controls, joiners, bidi, combining marks, BOM, a lone
#: surrogate (JSON input may carry one), newlines and the other characters
#: ``str.splitlines`` breaks at (VT, FF, FS, GS, RS, NEL: they reach hooks as they are),
#: astral letters, letters whose case mapping changes the length (``İ``, ``ß``, ``ﬁ``),
#: and the punctuation rules key on.
EDIT_CHARS = ("\x00", "\u200d", "\u202e", "\u0301", "\n", "\n\n", " ", "  ", "-", "%", ".",
              "\t", "\ufeff", "\u00a0", "é", "Ж", "中", "\U0001f600", "\udc80", "'", '"',
              "\u2019", "\u201c", "\u2014", ":", "(", ")", "A", "z", "7",
              "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\U0001d400", "\u0130", "\u00df",
              "\ufb01")
#: Whole documentation fields that are placeholders, not documentation.
_PLACEHOLDER = re.compile(r"\s*(?:todo|tbd|fixme|xxx|n/?a|\.{3}|\u2026)\s*[.:!]*\s*",
                          re.IGNORECASE)


@cache
def _builtin_rules() -> dict[str, Rule]:
    """The rules of the built-in families, by code."""
    return dict(Host(plugins=["wirelint"], entry_points=False).rules)


def sample_articles() -> tuple[str, ...]:
    """Self-written news-style articles shipped with wirelint for fuzzing plugins."""
    raw = resources.files("wirelint").joinpath("data/sample_articles.txt").read_text("utf-8")
    body = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    return tuple(a.strip() for a in body.split("\n---\n") if a.strip())


def _articles_from(path: str | os.PathLike[str]) -> list[str]:
    p = Path(path)
    files = sorted(p.rglob("*.txt")) if p.is_dir() else [p]
    return [f.read_text(encoding="utf-8") for f in files]


# ------------------------------------------------------------------------------- the kit


@dataclass
class Kit:
    """One plugin loaded for conformance checks (with its ``companions`` loaded first)."""

    host: Host
    info: PluginInfo
    rules: list[Rule]
    patterns: list[Pattern]
    trusted: bool
    articles: tuple[str, ...]
    config: Config
    scanner: Scanner
    companions: bool = False
    time_scale: float = 1.0

    @classmethod
    def load(cls, plugin: Any, *, companions: Sequence[Any] = (), articles: Iterable[str] = (),
             config: Config | None = None, time_scale: float = 1.0) -> Kit:
        """Load ``plugin`` (strictly: a refusal raises ``PluginError`` with the reason)."""
        config = config or Config()
        host = Host(plugins=[*companions, plugin], entry_points=False, config=config,
                    plugin_timeout=None)
        info = host.plugins[-1]
        owner = host._state.owner
        rules = [r for code, r in host.rules.items() if owner[code] == info.name]
        patterns = [p for name, p, _ in host._patterns if name == info.name]
        corpus = (*sample_articles(), *articles)
        scanner = Scanner([(info.name, p, info.builtin) for p in patterns],
                          {r.code: r for r in rules})
        return cls(host=host, info=info, rules=rules, patterns=patterns, trusted=info.builtin,
                   articles=corpus, config=config, scanner=scanner,
                   companions=bool(companions), time_scale=time_scale)

    # -------------------------------------------------------------- running the plugin

    def run(self, text: str) -> tuple[tuple[Any, ...], ...]:
        """The plugin's findings and measurements on ``text``, hooks called directly (no
        language gate, no isolation) on the text as the host hands it to them (as it
        prints, letters composed, line ends as ``\\n``, hard wrapping undone), each checked
        against the host's contract; raises AssertionError.  A hook must not change the
        shared ``scan`` or ``config.options`` either."""
        state = self.host._state
        name = self.info.name
        config = self.config
        visible, reading = _reading(text)
        document = Document(text=reading, id="conformance")
        scan = (state.scanner if self.companions else self.scanner).scan(reading)
        assert not [p for p in scan.problems if p.plugin == name], scan.problems
        found = [f for f in scan.findings if f.plugin == name]
        kwargs = {"document": document, "scan": scan, "config": config}
        for items in self._own_calls("wirelint_check", kwargs, _as_list, text):
            for item in items:
                reason = _contract_violation(item, reading, name, state)
                assert not reason, f"wirelint_check: {reason} (text {text[:80]!r})"
                visible.span(item.span.start, item.span.end)  # the host maps it back
                found.append(item)
        result: list[tuple[Any, ...]] = sorted(
            (f.code, f.span.start, f.span.end, f.message, f.confidence, f.suggestion)
            for f in found)
        for pairs in self._own_calls("wirelint_measure", kwargs, _as_measures, text):
            for code, value in pairs:
                assert state.owner.get(code) == name, (
                    f"wirelint_measure: measured {code!r}, which it does not own "
                    f"(text {text[:80]!r})")
                assert isinstance(value, float) and 0.0 <= value <= 1.0, (
                    f"wirelint_measure: {code}={value!r} is not a number in 0..1 "
                    f"(text {text[:80]!r})")
                result.append(("measure", code, value))
        return tuple(result)

    def _own_calls(self, hook: str, kwargs: Mapping[str, Any], post: Callable[[Any], Any],
                   text: str) -> Iterable[Any]:
        """The result of each of this plugin's ``hook`` implementations, through ``post``
        (the host's shape check); the shared ``scan`` and ``config.options`` must be as
        they were before each call."""
        scan, config = kwargs["scan"], kwargs["config"]
        for impl in getattr(self.host._pm.hook, hook).get_hookimpls():
            if impl.plugin_name != self.info.name:
                continue
            before = _shared(scan, config)
            try:
                result = post(impl.function(**{a: kwargs[a] for a in impl.argnames}))
            except _ContractError as exc:
                raise AssertionError(f"{hook} {exc}") from None
            _assert_unchanged(hook, before, scan, config, text)
            yield result

    def codes_on(self, text: str, code: str) -> tuple[set[str], list[str]]:
        """Codes the full host reports on ``text`` with ``code`` selected, and its errors.

        A line ``---`` separates the documents of a cross-document rule's example; they
        are checked together with ``check_cluster``.
        """
        codes, errors, _ = self._outcome(text, code)
        return codes, errors

    def _outcome(self, text: str, code: str) -> tuple[set[str], list[str], float | None]:
        """:meth:`codes_on`, and the highest value ``wirelint_measure`` gave ``code``."""
        config = Config(select=(code,), options=self.config.options)
        documents = text.split("\n---\n")
        if len(documents) > 1:
            cluster = self.host.check_cluster(documents, config)
            reports = list(cluster.reports)
        else:
            reports = [self.host.check(text, config)]
        measured = [r.evidence[code] for r in reports if code in r.evidence]
        return ({f.code for r in reports for f in r.findings},
                [f"{e.code} {e.message}" for r in reports for e in r.errors],
                max(measured) if measured else None)

    def measures(self, code: str) -> bool:
        """Whether the plugin reports ``code`` through ``wirelint_measure`` (a document
        score) rather than as findings."""
        if any(p.code == code for p in self.patterns):
            return False
        return any(impl.plugin_name == self.info.name
                   for impl in self.host._pm.hook.wirelint_measure.get_hookimpls())

    # ------------------------------------------------------------------------- checks

    def check_prefix(self) -> None:
        """The prefix is well formed and, for a third party, not reserved."""
        prefix = self.info.prefix
        assert re.fullmatch(r"[A-Z]{2,3}[0-9]{0,2}", prefix), f"bad prefix {prefix!r}"
        if not self.trusted:
            assert not prefix.startswith(RESERVED_LETTERS), f"{prefix!r} is reserved"
        assert self.rules, f"{self.info.name} declares no rules"

    def check_codes(self) -> None:
        """Codes unique, well formed and inside the prefix; names unique host-wide."""
        codes = [r.code for r in self.rules]
        assert len(codes) == len(set(codes)), f"duplicate codes: {codes}"
        for code in codes:
            assert re.fullmatch(CODE_PATTERN, code), f"{code} does not match {CODE_PATTERN}"
            assert code.startswith(self.info.prefix), f"{code} is outside {self.info.prefix}"
        names = [r.name for r in self.host.rules.values()]
        clashes = sorted({r.name for r in self.rules if names.count(r.name) > 1})
        assert not clashes, f"rule names used twice: {clashes}"
        if not self.trusted:  # wherever the built-in families load, the host refuses a clash
            builtin = _builtin_rules()
            taken = {r.name: c for c, r in builtin.items()}
            clashes = sorted(f"{r.code} {r.name!r} (built-in {taken[r.name]})"
                             for r in self.rules if r.name in taken)
            assert not clashes, f"rule names a built-in rule already has: {clashes}"
            clashes = sorted(c for c in codes if c in builtin)
            assert not clashes, f"codes a built-in rule already has: {clashes}"
        for pattern in self.patterns:
            assert pattern.code in codes, f"pattern for {pattern.code} has no rule"

    def check_documented(self, rule: Rule) -> None:
        """Every documentation field filled in, ruff style."""
        for name in DOC_FIELDS:
            value = getattr(rule, name)
            assert isinstance(value, str) and value.strip(), f"{rule.code}: empty {name}"
            assert not _PLACEHOLDER.fullmatch(value), \
                f"{rule.code}: {name} is a placeholder ({value.strip()!r})"
        assert _NAME_RE.fullmatch(rule.name), f"{rule.code}: name {rule.name!r} not kebab-case"
        assert "\n" not in rule.summary.strip(), f"{rule.code}: summary is not one line"
        assert rule.references and all(r.strip() for r in rule.references), \
            f"{rule.code}: no references"
        assert not any(_PLACEHOLDER.fullmatch(r) for r in rule.references), \
            f"{rule.code}: a reference is a placeholder"
        assert rule.example.strip() != rule.use_instead.strip(), \
            f"{rule.code}: example and use_instead are the same"
        rendered = rule.explain()
        assert rule.code in rendered and rule.why.strip() in rendered

    def check_example(self, rule: Rule) -> None:
        """``example`` triggers the rule (through the full host, language gate included):
        a finding, or, for a code the plugin measures (``wirelint_measure``), a higher
        measurement on ``example`` than on ``use_instead``."""
        codes, errors, measured = self._outcome(rule.example, rule.code)
        if rule.code in codes:
            return
        if self.measures(rule.code) and measured is not None:
            _, _, baseline = self._outcome(rule.use_instead, rule.code)
            assert baseline is None or measured > baseline, (
                f"{rule.code}: the measurement on example ({measured:g}) is not higher than "
                f"on use_instead ({baseline:g}): {rule.example!r}")
            return
        missing = "no finding, no measurement" if self.measures(rule.code) else "no finding"
        raise AssertionError(f"{rule.code}: example does not trigger it: {rule.example!r} "
                             f"({missing}; errors: {errors or 'none'})")

    def check_use_instead(self, rule: Rule) -> None:
        """``use_instead`` does not trigger the rule."""
        codes, errors = self.codes_on(rule.use_instead, rule.code)
        assert rule.code not in codes, f"{rule.code}: use_instead triggers it: " \
                                       f"{rule.use_instead!r}"
        own = [e for e in errors if self.info.name in e]
        assert not own, f"{rule.code}: the plugin failed on use_instead: {own}"
        stopped = [e for e in errors if e.startswith(("WL001 ", "WL003 "))]
        assert not stopped, (f"{rule.code}: use_instead was never checked, the host stopped "
                             f"it: {stopped} ({rule.use_instead!r})")

    def check_fix(self, rule: Rule) -> None:
        """For a ``fix_safe`` rule: the fixes the host gives on ``example``, applied as
        ``wirelint check --fix`` applies them, leave a text (a) the rule no longer fires
        on (``--fix`` converges), (b) changed only inside the fixed spans, and (c) whose
        replacements do not repeat the word just outside their span (a suggestion built
        from the whole match when the span is a ``group`` of it: ``in Kiev`` for the
        span ``Kiev`` gives ``in in Kyiv``)."""
        if not rule.fix_safe:
            return
        from wirelint._fixes import apply_fixes

        config = Config(select=(rule.code,), options=self.config.options)
        documents = rule.example.split("\n---\n")
        if len(documents) > 1:
            reports = list(self.host.check_cluster(documents, config).reports)
        else:
            reports = [self.host.check(rule.example, config)]
        fixed = []
        for text, report in zip(documents, reports, strict=True):
            result = apply_fixes(text, report.findings, self.host.rules)
            fixed.append(result.text)
            if not result.changed:
                continue
            for finding in result.applied:
                reason = _repeats_context(text, finding)
                assert not reason, (f"{rule.code}: the fix of {finding.evidence!r} to "
                                    f"{finding.suggestion!r} {reason}: {result.text!r}")
            spans = sorted({f.span for f in result.applied})
            shape = "(.*?)".join(re.escape(part) for part in _outside(text, spans))
            assert re.fullmatch(shape, result.text, re.DOTALL), (
                f"{rule.code}: the fix changed the text outside its spans "
                f"{[(s.start, s.end) for s in spans]}: {text!r} became {result.text!r}")
        assert fixed != documents, (f"{rule.code} is fix_safe but its example gives no fix "
                                    f"to apply (no suggestion): {rule.example!r}")
        codes, _ = self.codes_on("\n---\n".join(fixed), rule.code)
        assert rule.code not in codes, (
            f"{rule.code}: still fires on its example once fixed, so --fix never converges: "
            f"{rule.example!r} became {chr(10).join(fixed)!r}")

    def check_invariants(self, text: str) -> None:
        """Hooks do not raise, findings keep the contract, two runs agree."""
        first = self.run(text)
        assert first == self.run(text), f"two runs differ on {text[:80]!r}"

    def fuzz_unicode(self) -> None:
        """Hypothesis: arbitrary Unicode text."""
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        for text in _edge_texts(self.rules):  # always, whatever hypothesis draws
            self.check_invariants(text)
        # st.text() never draws lone surrogates; JSON input may carry them.
        alphabet = st.characters() | st.integers(0xD800, 0xDFFF).map(chr)

        @settings(deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.text(alphabet))
        def fuzz_unicode(text: str) -> None:
            self.check_invariants(text)

        fuzz_unicode()

    def fuzz_articles(self) -> None:
        """Hypothesis: article text and the rules' examples, with random edits."""
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        pieces = [*self.articles, *(r.example for r in self.rules),
                  *(r.use_instead for r in self.rules)]
        edits = st.lists(st.tuples(
            st.sampled_from(("insert", "delete", "duplicate", "upper", "lower")),
            st.integers(0, 1 << 20), st.integers(1, 60),
            st.sampled_from(EDIT_CHARS) | st.characters()), max_size=12)

        @settings(deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.lists(st.sampled_from(pieces), min_size=1, max_size=3), edits)
        def fuzz_articles(parts: list[str], ops: list[tuple[str, int, int, str]]) -> None:
            self.check_invariants(_apply_edits("\n\n".join(parts), ops))

        fuzz_articles()

    def run_cluster(self, texts: Sequence[str]) -> None:
        """The plugin's ``wirelint_check_cluster`` hooks, called directly (no isolation) on
        the documents ``texts`` as the host hands them (each read as it prints, with its
        single-document report); each result must be ``(index, Finding)`` pairs within
        the host's contract (and at most a valid ``ClusterReport``); raises
        AssertionError, or what a hook raised."""
        impls = [i for i in self.host._pm.hook.wirelint_check_cluster.get_hookimpls()
                 if i.plugin_name == self.info.name]
        if not impls:
            return
        state, name = self.host._state, self.info.name
        docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
        reports = [self.host.check(d, self.config) for d in docs]
        seen = [d if any(e.code == "WL004" for e in r.errors)
                else Document(text=_reading(d.text)[1], id=d.id)
                for d, r in zip(docs, reports, strict=True)]
        kwargs = {"documents": seen, "reports": reports, "config": self.config}
        where = f"(documents {[t[:40] for t in texts]!r})"
        for impl in impls:
            try:
                items = _as_list(impl.function(**{a: kwargs[a] for a in impl.argnames}))
            except _ContractError as exc:
                raise AssertionError(f"wirelint_check_cluster {exc} {where}") from None
            for item in items:
                if isinstance(item, ClusterReport):
                    reason = _cluster_problem(item, len(docs))
                else:
                    ok = isinstance(item, tuple) and len(item) == 2 \
                        and isinstance(item[0], int) and not isinstance(item[0], bool) \
                        and 0 <= item[0] < len(docs)
                    reason = (_contract_violation(item[1], seen[item[0]].text, name, state)
                              if ok else f"returned a malformed item {item!r:.80}, expected "
                              "(document index, Finding)")
                assert not reason, f"wirelint_check_cluster: {reason} {where}"

    def fuzz_cluster(self) -> None:
        """``wirelint_check_cluster`` on clusters of 2-3 documents beyond the examples:
        each example cluster with odd characters inserted in every document, with one
        document emptied, and with one more version, then hypothesis on articles and
        examples with random edits; no exception, every item valid."""
        if not any(i.plugin_name == self.info.name
                   for i in self.host._pm.hook.wirelint_check_cluster.get_hookimpls()):
            return
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        clusters = [t.split("\n---\n") for r in self.rules for t in (r.example, r.use_instead)
                    if "\n---\n" in t] or [list(self.articles[:2])]
        odd = "".join(_EDGE_CHARS)
        for docs in clusters:
            edited = [odd[:k] + d[:len(d) // 2] + odd + d[len(d) // 2:] + odd[k:]
                      for k, d in enumerate(docs)]
            self.run_cluster(edited)
            self.run_cluster(["", *docs[1:]])
            self.run_cluster([*docs, docs[0] + "\n\n" + edited[0]])  # one more version
        pieces = [*self.articles, *(d for docs in clusters for d in docs)]
        edits = st.lists(st.tuples(
            st.sampled_from(("insert", "delete", "duplicate", "upper", "lower")),
            st.integers(0, 1 << 20), st.integers(1, 60),
            st.sampled_from(EDIT_CHARS) | st.characters()), max_size=8)

        @settings(deadline=None, max_examples=_CLUSTER_EXAMPLES,
                  suppress_health_check=list(HealthCheck))
        @given(st.lists(st.tuples(st.sampled_from(pieces), edits), min_size=2, max_size=3))
        def fuzz_cluster(drawn: list[tuple[str, list[tuple[str, int, int, str]]]]) -> None:
            self.run_cluster([_apply_edits(text, ops) for text, ops in drawn])

        fuzz_cluster()

    def check_through_host(self) -> None:
        """Through the real pipeline (language gate, isolation, time budget), the articles
        and examples give no ``WL09x`` problem for this plugin."""
        config = Config(select=("ALL",), options=self.config.options)
        host = self.host
        saved, host.plugin_timeout = host.plugin_timeout, BUDGET_SECONDS * self.time_scale
        try:  # with the host's own time budget, so a slow hook gives WL091 here too
            for text in (*self.articles, *(r.example for r in self.rules)):
                report = host.check(text, config)
                own = [f"{e.code} {e.message}" for e in report.errors
                       if e.plugin == self.info.name]
                assert not own, f"{own} on {text[:80]!r}"
        finally:
            host.plugin_timeout = saved

    def check_thread_safety(self) -> None:
        """Concurrent calls give what sequential calls give (no per-document state)."""
        texts = [*self.articles, *(r.example for r in self.rules)][:16]
        expected = [self.run(t) for t in texts]
        interval = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                got = list(pool.map(self.run, texts * _ROUNDS))
        finally:
            sys.setswitchinterval(interval)
        assert got == expected * _ROUNDS, \
            "results differ when the plugin runs on several threads"

    def structural_patterns(self) -> list[Pattern]:
        """The plugin's regex patterns (lexicons are compiled into the host's trie)."""
        return [p for p in self.patterns if p.regex is not None]

    def check_pattern(self, pattern: Pattern) -> None:
        """ReDoS: the pattern, as the host compiles it, finishes every adversarial 100 KB
        input within :data:`PATTERN_BUDGET` (on the ``regex`` engine, with a timeout, so a
        catastrophic pattern fails instead of hanging), and so does the real scan with
        its guard and message callables."""
        budget = PATTERN_BUDGET * self.time_scale
        source, flags = _source(pattern)
        compiled = regex.compile(source, flags | regex.VERSION0)
        rule = next(r for r in self.rules if r.code == pattern.code)
        scanner = Scanner([(self.info.name, pattern, self.trusted)], {rule.code: rule})
        runner = BudgetRunner(max_stuck=1)
        for label, text in adversarial_inputs(pattern, rule):
            try:  # wall-clock cut-off first: a catastrophic pattern must fail, not hang
                for _ in compiled.finditer(text, timeout=_HANG * budget):
                    pass
            except TimeoutError:
                raise AssertionError(
                    f"{pattern.code}: pattern {pattern.regex!r} ran over {_HANG * budget:g}s "
                    f"on {label} ({len(text)} chars): catastrophic backtracking") from None
            try:
                scan, cpu, wall = runner.call("scan", _cpu_timed, {"function": scanner.scan,
                                                                   "text": text},
                                              _HANG * budget)
            except Overrun:
                raise AssertionError(f"{pattern.code}: scanning {label} did not finish in "
                                     f"{_HANG * budget:g}s (guard or message too slow?)") from None
            assert not scan.problems, f"{pattern.code}: {scan.problems[0].message} on {label}"
            assert cpu <= budget, (f"{pattern.code}: {cpu:.2f}s of CPU on {label} "
                                   f"({len(text)} chars), over the {budget:g}s bound")
            assert wall <= _WALL * budget, (
                f"{pattern.code}: {wall:.2f}s of wall-clock time on {label} "
                f"({len(text)} chars), over the {_WALL * budget:g}s bound")

    def check_speed(self) -> None:
        """The whole plugin (its patterns and hooks) per 100 KB of realistic and of
        adversarial text stays under :data:`PLUGIN_BUDGET`."""
        budget = PLUGIN_BUDGET * self.time_scale
        runner = BudgetRunner(max_stuck=1)
        for label, text in speed_inputs(self.articles, self.rules):
            try:
                _, cpu, wall = runner.call("run", _cpu_timed,
                                           {"function": self.run, "text": text},
                                           _HANG * budget)
            except Overrun:
                raise AssertionError(f"{self.info.name}: {label} (100 KB) did not finish in "
                                     f"{_HANG * budget:g}s") from None
            assert cpu <= budget, (f"{self.info.name}: {cpu:.2f}s of CPU on {label} "
                                   f"(100 KB), over the {budget:g}s bound")
            assert wall <= _WALL * budget, (
                f"{self.info.name}: {wall:.2f}s of wall-clock time on {label} (100 KB), over "
                f"the {_WALL * budget:g}s bound (work on other threads, sleeping or I/O "
                "count: the host's budget is wall-clock time)")


    def check_growth(self) -> None:
        """Time per KB of realistic text grows at most :data:`GROWTH_FACTOR` times from
        100 KB to :data:`GROWTH_SIZE` (CPU time; times under :data:`GROWTH_FLOOR` count as
        that much, so tiny times do not make noisy ratios): no quadratic hook or pattern,
        which the 100 KB bound lets through and a long document then runs into
        ``WL091``."""
        small, large, ratio = self.growth()
        assert ratio <= GROWTH_FACTOR, (
            f"{self.info.name}: {small:.2f}s of CPU on 100 KB of realistic text but "
            f"{'over ' if large is None else ''}{large or 0:.2f}s on "
            f"{GROWTH_SIZE // 1000} KB: the time per KB grows {ratio:.1f}x, over "
            f"{GROWTH_FACTOR:g}x (quadratic work, like comparing every pair of sentences "
            "or rescanning the text from each match?)")

    def growth(self) -> tuple[float, float | None, float]:
        """CPU seconds on 100 KB and on :data:`GROWTH_SIZE` of realistic text (``None``
        when cut off, far over the bound), and how many times the time per KB grew."""
        floor = GROWTH_FLOOR * self.time_scale
        scale = GROWTH_SIZE / ADVERSARIAL_SIZE
        runner = BudgetRunner(max_stuck=1)

        def cpu(size: int, limit: float) -> float | None:
            text = realistic_text(self.articles, self.rules, size)
            try:
                return runner.call("run", _cpu_timed, {"function": self.run, "text": text},
                                   _HANG * limit)[1]
            except Overrun:
                return None

        small = cpu(ADVERSARIAL_SIZE, PLUGIN_BUDGET * self.time_scale)
        assert small is not None, (f"{self.info.name}: realistic text (100 KB) did not "
                                   f"finish in {_HANG * PLUGIN_BUDGET * self.time_scale:g}s")
        base = max(small, floor)
        large = cpu(GROWTH_SIZE, base * scale * GROWTH_FACTOR)
        if large is None:  # cut off at _HANG times the bound
            return small, None, _HANG * GROWTH_FACTOR
        return small, large, (large / scale) / base


#: The long realistic input of the growth check, and how much the time per KB may grow
#: from 100 KB to it; CPU times under the floor (seconds, times the time scale) count as
#: the floor.
GROWTH_SIZE = 4 * ADVERSARIAL_SIZE
GROWTH_FACTOR = 2.5
GROWTH_FLOOR = 0.05

#: How many clusters of edited documents hypothesis gives ``wirelint_check_cluster``.
_CLUSTER_EXAMPLES = 30
#: How many times the thread-safety check runs each text concurrently.
_ROUNDS = 5
#: Wall-clock multiple of a bound after which a check gives up waiting (a hang).  Bounds
#: themselves are on the thread's CPU time, so a machine busy with other work does not
#: fail a plugin that is fast enough.
_HANG = 5


def _cpu_timed(function: Callable[[str], Any], text: str) -> tuple[Any, float, float]:
    """``function(text)``, the calling thread's CPU time and the wall-clock time."""
    start, wall = time.thread_time(), time.perf_counter()
    result = function(text)
    return result, time.thread_time() - start, time.perf_counter() - wall


#: Multiple of a CPU bound a call may take in wall-clock time: work on another thread,
#: sleeping or I/O use no CPU of the calling thread, but the host's budget (``WL091``) is
#: wall-clock time.  Twice :data:`PLUGIN_BUDGET` is the host's per-document budget.
_WALL = 2


def _shared(scan: Any, config: Config) -> tuple[tuple[Any, ...], Any]:
    """What every hook shares and none may change: the scan and ``config.options``."""
    try:
        options = copy.deepcopy(dict(config.options))
    except Exception:  # an uncopyable option value: compare the mapping's items only
        options = None
    if options is None or options != dict(config.options):  # values without __eq__
        options = dict(config.options)
    return (scan.text, scan.findings, scan.problems), options


def _assert_unchanged(hook: str, before: tuple[tuple[Any, ...], Any], scan: Any,
                      config: Config, text: str) -> None:
    scanned, options = before
    assert (scan.text, scan.findings, scan.problems) == scanned, (
        f"{hook} changed the shared scan (text {text[:80]!r}); every plugin reads it")
    assert dict(config.options) == options, (
        f"{hook} changed config.options (text {text[:80]!r}); every plugin and every "
        "document shares it")


def _outside(text: str, spans: Sequence[Any]) -> list[str]:
    """The stretches of ``text`` before, between and after the sorted ``spans``."""
    parts, pos = [], 0
    for span in spans:
        parts.append(text[pos:span.start])
        pos = span.end
    parts.append(text[pos:])
    return parts


_WORD = regex.compile(r"\w+")


def _repeats_context(text: str, finding: Any) -> str:
    """Why ``finding``'s suggestion repeats the word just before or just after its span
    (which its span's own text does not), or ``""``."""
    old, new = finding.evidence, finding.suggestion or ""
    before = _WORD.findall(text[:finding.span.start][-80:])
    after = _WORD.findall(text[finding.span.end:][:80])
    first, last = _WORD.findall(new)[:1], _WORD.findall(new)[-1:]
    if before and first and text[:finding.span.start].rstrip() != text[:finding.span.start] \
            and first[0].casefold() == before[-1].casefold() \
            and not old.casefold().startswith(before[-1].casefold()) \
            and new.casefold().startswith(first[0].casefold()):
        return f"repeats {before[-1]!r}, the word before its span"
    if after and last and text[finding.span.end:].lstrip() != text[finding.span.end:] \
            and last[0].casefold() == after[0].casefold() \
            and not old.casefold().endswith(after[0].casefold()) \
            and new.casefold().endswith(last[0].casefold()):
        return f"repeats {after[0]!r}, the word after its span"
    return ""


#: The characters most likely to break offsets, line counting, case mapping or encoding,
#: inserted into every example.
_EDGE_CHARS = ("\x00", "\udc80", "\u202e", "\u0301", "\ufeff", "\n", "\U0001f600",
               "\x0b", "\x0c", "\x1c", "\x85", "\U0001d400", "\u0130", "\u00df", "\ufb01")


def _edge_texts(rules: Sequence[Rule]) -> list[str]:
    """Texts every plugin meets sooner or later: empty, blank, one odd character, and
    each example with an odd character at its start, middle and end."""
    texts = ["", " ", "\n\n\n", *EDIT_CHARS]
    for rule in rules:
        for ch in _EDGE_CHARS:
            mid = len(rule.example) // 2
            texts.append(ch + rule.example[:mid] + ch + rule.example[mid:] + ch)
    return texts


def _apply_edits(text: str, ops: Sequence[tuple[str, int, int, str]]) -> str:
    for op, pos, length, char in ops:
        pos %= len(text) + 1
        end = min(len(text), pos + length)
        if op == "insert":
            text = text[:pos] + char + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[end:]
        elif op == "duplicate":
            text = text[:end] + text[pos:end] + text[end:]
        elif op == "upper":
            text = text[:pos] + text[pos:end].upper() + text[end:]
        else:
            text = text[:pos] + text[pos:end].lower() + text[end:]
    return text


# ---------------------------------------------------------------- adversarial inputs

#: Candidate characters: which of these a pattern's character classes accept decides the
#: adversarial alphabet.
_ALPHABET = (string.ascii_letters + string.digits + string.punctuation + " \t\n"
             + "\u00a0\u202f\u2019\u201c\u201d\u2014\u2013\u2026éÉßЖж中\u0301\u200b")


def _source(pattern: Pattern) -> tuple[str, int]:
    """The regex source and flags exactly as the scanner compiles the pattern."""
    left, right = _PAD[pattern.padding]
    flags = re.MULTILINE | (0 if pattern.case_sensitive else re.IGNORECASE)
    return f"{left}(?:{pattern.regex}){right}", flags


def _atoms(source: str, flags: int) -> list[str]:
    """Per character-consuming atom of the regex, in order, the alphabet characters it
    accepts (parsed with ``re``'s parser; unparseable sources fall back to one atom)."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source, flags)
    except Exception:  # a regex-module-only construct: treat the alphabet as one atom
        return [_ALPHABET]
    categories = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D",
                  c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S",
                  c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}
    sources: list[str] = []

    def walk(items: Any) -> None:
        for op, av in items:
            if op is c.LITERAL:
                sources.append(re.escape(chr(av)))
            elif op is c.NOT_LITERAL:
                sources.append(f"[^{re.escape(chr(av))}]")
            elif op is c.ANY:
                sources.append(".")
            elif op is c.IN:
                parts, negate = [], False
                for iop, iav in av:
                    if iop is c.NEGATE:
                        negate = True
                    elif iop is c.LITERAL:
                        parts.append(re.escape(chr(iav)))
                    elif iop is c.RANGE:
                        parts.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                    elif iop is c.CATEGORY and iav in categories:
                        parts.append(categories[iav])
                body = "".join(parts) or r"\s\S"
                sources.append(f"[{'^' if negate else ''}{body}]")
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op is c.SUBPATTERN:
                walk(av[3])
            elif op is c.ATOMIC_GROUP:
                walk(av)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1])
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op is c.GROUPREF_EXISTS:
                walk(av[1])
                if av[2] is not None:
                    walk(av[2])

    walk(tree)
    atoms = []
    for src in sources:
        try:
            atom = re.compile(src, flags & ~re.MULTILINE)
        except re.error:
            continue
        accepted = "".join(ch for ch in _ALPHABET if atom.fullmatch(ch))
        if accepted and accepted not in atoms:
            atoms.append(accepted)
    return atoms or [_ALPHABET]


def _fill(unit: str, size: int = ADVERSARIAL_SIZE) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def adversarial_inputs(pattern: Pattern, rule: Rule) -> list[tuple[str, str]]:
    """A few dozen 100 KB inputs built to make ``pattern`` backtrack: long runs of what each
    atom accepts, alternations of neighbouring atoms, all accepted characters cycled,
    a failing character after each run, near-miss repetitions of the rule's example, and
    the example's match with a long run and a failing character inside it."""
    source, flags = _source(pattern)
    atoms = _atoms(source, flags)
    firsts = list(dict.fromkeys(a[0] for a in atoms))[:6]
    inputs: dict[str, str] = {}
    everything = "".join(dict.fromkeys("".join(atoms)))
    inputs["every accepted character, cycled"] = _fill(everything)
    for ch in firsts:
        inputs[f"a run of {ch!r}"] = _fill(ch)
        inputs[f"a run of {ch!r} then a failing character"] = _fill(ch)[:-1] + "\x00"
    for a, b in itertools.pairwise(firsts):
        if a != b:
            inputs[f"{a!r}{b!r} alternating"] = _fill(a + b)
    match = regex.search(source, rule.example, flags | regex.VERSION0)
    if match and match.group():
        hit = match.group()
        inputs["the example's match repeated"] = _fill(hit + " ")
        inputs["the example's match repeated without separators"] = _fill(hit)
        if len(hit) > 1:
            inputs["the example's match minus its last character, repeated"] = _fill(hit[:-1])
    inputs["the example repeated"] = _fill(rule.example + " ")
    if pattern.prefilter:  # the scanner skips the pass when the prefilter is absent
        inputs = {k: v[: -len(pattern.prefilter)] + pattern.prefilter
                  for k, v in inputs.items()}
    if match and match.group():  # a run inside the match's own prefix and suffix
        inputs.update(_runs_inside(match.group(), atoms, pattern.prefilter or ""))
    return list(inputs.items())


def _runs_inside(hit: str, atoms: Sequence[str], prefilter: str) -> dict[str, str]:
    """For each of the first atoms, the example's match with the stretch that atom
    accepts (its first, and from its first character to its last) replaced by a 100 KB
    run of its first character and a failing character:
    ``hit[:i] + run + "\\x00" + hit[j:]``.  A pattern whose nested quantifier only runs
    after a required prefix, and whose engine skips the search when a required suffix
    is absent, backtracks only on these."""
    out: dict[str, str] = {}
    tail = "\n" + prefilter if prefilter else ""
    seen: set[tuple[int, int]] = set()
    for atom in atoms[:6]:
        inside = [k for k, ch in enumerate(hit) if ch in atom]
        if not inside:
            continue
        i = j = inside[0]
        while j < len(hit) and hit[j] in atom:
            j += 1
        # the first stretch the atom accepts, and everything from there to its last
        for label, end in (("its first stretch", j), ("all of it", inside[-1] + 1)):
            if (i, end) in seen:
                continue
            seen.add((i, end))
            before, after = hit[:i], "\x00" + hit[end:] + tail
            size = ADVERSARIAL_SIZE - len(before) - len(after)
            out[f"the example's match with {label} a run of {atom[0]!r}, then a failing "
                "character"] = before + _fill(atom[0], size) + after
    return out


def _paragraphs(articles: Sequence[str], rules: Sequence[Rule], size: int) -> list[str]:
    """Paragraphs of the articles and rule examples, drawn with a fixed seed until they
    hold ``size`` characters (a longer draw starts with a shorter one's paragraphs)."""
    rng = random.Random(0)
    paragraphs = [p for a in articles for p in a.split("\n\n")]
    paragraphs += [r.example for r in rules] + [r.use_instead for r in rules]
    mixed: list[str] = []
    total = 0
    while total < size:
        mixed.append(rng.choice(paragraphs))
        total += len(mixed[-1])
    return mixed


def realistic_text(articles: Sequence[str], rules: Sequence[Rule], size: int) -> str:
    """``size`` characters of realistic text: the articles and rule examples, shuffled
    with a fixed seed (the first 100 KB are :func:`speed_inputs`'s realistic text)."""
    return "\n\n".join(_paragraphs(articles, rules, size))[:size]


def speed_inputs(articles: Sequence[str], rules: Sequence[Rule]) -> list[tuple[str, str]]:
    """100 KB of realistic text (articles and rule examples, shuffled with a fixed seed),
    and three adversarial shapes: examples glued together, one unbroken line of words,
    and text with no spaces at all."""
    mixed = _paragraphs(articles, rules, ADVERSARIAL_SIZE)
    words = " ".join(mixed).split()
    return [
        ("realistic text", "\n\n".join(mixed)[:ADVERSARIAL_SIZE]),
        ("rule examples glued together", _fill("".join(r.example for r in rules))),
        ("one line of words", _fill(" ".join(words) + " ")),
        ("no whitespace", _fill("".join(words))),
    ]


# ---------------------------------------------------------------- outside pytest


def check_plugin(plugin: Any, *, companions: Sequence[Any] = (), articles: Iterable[str] = (),
                 config: Config | None = None, time_scale: float = 1.0) -> None:
    """Run every conformance check on ``plugin``; raise one AssertionError listing every
    failure.  An exception the plugin raises (say a ``ValueError`` from ``Finding.at`` on
    an empty text) fails the check it happened in, named with its type and where it was
    raised, and the other checks still run.  A plugin the host refuses to load raises
    ``PluginError`` before any check."""
    kit = Kit.load(plugin, companions=companions, articles=articles, config=config,
                   time_scale=time_scale)
    checks: list[tuple[str, Callable[[], None]]] = [
        ("prefix", kit.check_prefix), ("codes", kit.check_codes),
        ("fuzz-unicode", kit.fuzz_unicode), ("fuzz-articles", kit.fuzz_articles),
        ("fuzz-cluster", kit.fuzz_cluster),
        ("through-host", kit.check_through_host), ("thread-safety", kit.check_thread_safety),
        ("speed", kit.check_speed), ("growth", kit.check_growth)]
    for rule in kit.rules:
        checks += [(f"{rule.code}-documented", partial(kit.check_documented, rule)),
                   (f"{rule.code}-example", partial(kit.check_example, rule)),
                   (f"{rule.code}-use-instead", partial(kit.check_use_instead, rule)),
                   (f"{rule.code}-fix", partial(kit.check_fix, rule))]
    for i, pattern in enumerate(kit.structural_patterns()):
        checks.append((f"{pattern.code}-pattern-{i}", partial(kit.check_pattern, pattern)))
    failures = []
    for label, check in checks:
        try:
            check()
        except AssertionError as exc:
            failures.append(f"{label}: {exc}")
        except Exception as exc:  # the plugin crashed: that is this check's failure
            failures.append(f"{label}: {_raised(exc)}")
    if failures:
        raise AssertionError(f"{kit.info.display} fails {len(failures)} conformance "
                             "check(s):\n" + "\n".join(failures))


def _raised(exc: BaseException) -> str:
    """A failure line for an exception: its type and message, where it was raised (and
    the innermost frame outside wirelint and hypothesis: the plugin's line), hypothesis's
    notes (the falsifying example); an exception group, each of its exceptions."""
    import traceback

    if isinstance(exc, BaseExceptionGroup):
        return f"raised {len(exc.exceptions)} exceptions: " + "; ".join(
            _raised(e).removeprefix("raised ") for e in exc.exceptions)
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        def spot(frame: traceback.FrameSummary) -> str:
            return f"{Path(frame.filename).name}:{frame.lineno}"

        where = f" (at {spot(frames[-1])}"
        library = tuple(str(Path(m.__file__).parent) + os.sep for m in map(
            sys.modules.get, ("wirelint", "hypothesis", "pluggy")) if m and m.__file__)
        outside = [f for f in frames  # (generated code, like a dataclass's __init__: <string>)
                   if not f.filename.startswith(library) and not f.filename.startswith("<")]
        if outside and outside[-1] is not frames[-1]:
            where += f", from {spot(outside[-1])}"
        where += ")"
    message = " ".join(str(exc).split())
    notes = " ".join(" ".join(str(n).split()) for n in getattr(exc, "__notes__", ()))
    return (f"raised {type(exc).__name__}{': ' + message if message else ''}{where}"
            f"{'; ' + notes if notes else ''}")


# ---------------------------------------------------------------- pytest integration


def _time_scale(config: Any) -> float:
    value = None
    if config is not None:
        value = config.getoption("wirelint_time_scale", default=None)
    return float(value or os.environ.get("WIRELINT_TIME_SCALE") or 1.0)


def _extra_articles(config: Any) -> list[str]:
    path = config.getoption("wirelint_articles", default=None) if config is not None else None
    return _articles_from(path) if path else []


class PluginConformance:
    """Subclass as ``Test...`` and set ``plugin``; pytest then runs every check.

    ``companions`` are loaded first (e.g. the built-in families, when your plugin's
    ``wirelint_check`` reads their findings from ``scan``); ``articles`` add real text to
    fuzz with; ``config`` is the configuration the plugin is loaded and run with;
    ``known_failures`` maps a test-id prefix (``"AC101"``: that rule's checks and its
    patterns'; ``"AC101-"``: its patterns' only) to why they are expected to fail for now;
    those tests are reported as xfail and not run until the entry is deleted.
    """

    plugin: Any = None
    companions: Sequence[Any] = ()
    articles: Sequence[str] = ()
    config: Config | None = None
    known_failures: Mapping[str, str] = {}  # read-only; subclasses replace it
    #: set on each subclass by :meth:`wirelint_kit` (read from its own ``__dict__``)
    _wirelint_kit: ClassVar[Kit]

    @classmethod
    def wirelint_kit(cls, pytest_config: Any = None) -> Kit:
        """The loaded plugin, built once per class."""
        kit = cls.__dict__.get("_wirelint_kit")
        if kit is None:
            if cls.plugin is None:
                raise TypeError(f"{cls.__name__}: set the class attribute `plugin`")
            kit = Kit.load(cls.plugin, companions=cls.companions,
                           articles=(*cls.articles, *_extra_articles(pytest_config)),
                           config=cls.config, time_scale=_time_scale(pytest_config))
            cls._wirelint_kit = kit
        return kit

    def pytest_generate_tests(self, metafunc: Any) -> None:
        """Parametrise ``wirelint_rule`` by rule code and ``wirelint_pattern`` by pattern."""
        names = metafunc.fixturenames
        if "wirelint_rule" not in names and "wirelint_pattern" not in names:
            return
        try:
            kit = type(self).wirelint_kit(metafunc.config)
        except Exception:  # reported by test_plugin_loads; parametrise nothing here
            rules, patterns = [], []
        else:
            rules, patterns = kit.rules, kit.structural_patterns()
        import pytest

        def param(value: Any, id: str) -> Any:
            reason = next((r for k, r in self.known_failures.items() if id.startswith(k)), "")
            # Not run: a known ReDoS failure costs its full cut-off time on every run.
            marks = [pytest.mark.xfail(reason=reason, run=False)] if reason else []
            return pytest.param(value, id=id, marks=marks)

        if "wirelint_rule" in names:
            metafunc.parametrize("wirelint_rule", [param(r, r.code) for r in rules])
        if "wirelint_pattern" in names:
            params = [param(p, f"{p.code}-{i}") for i, p in enumerate(patterns)] \
                or [pytest.param(None, id="none", marks=pytest.mark.skip(
                    reason="no regex= patterns (lexicons compile into the host's trie)"))]
            metafunc.parametrize("wirelint_pattern", params)

    def _kit(self, request: Any) -> Kit:
        return type(self).wirelint_kit(request.config)

    def test_plugin_loads(self, request: Any) -> None:
        self._kit(request)

    def test_prefix_is_valid_and_owned(self, request: Any) -> None:
        self._kit(request).check_prefix()

    def test_codes_are_unique_and_inside_the_prefix(self, request: Any) -> None:
        self._kit(request).check_codes()

    def test_rule_is_fully_documented(self, request: Any, wirelint_rule: Rule) -> None:
        self._kit(request).check_documented(wirelint_rule)

    def test_rule_example_triggers_it(self, request: Any, wirelint_rule: Rule) -> None:
        self._kit(request).check_example(wirelint_rule)

    def test_rule_use_instead_does_not_trigger_it(self, request: Any,
                                                  wirelint_rule: Rule) -> None:
        self._kit(request).check_use_instead(wirelint_rule)

    def test_rule_fix_converges(self, request: Any, wirelint_rule: Rule) -> None:
        self._kit(request).check_fix(wirelint_rule)

    def test_hooks_survive_arbitrary_unicode(self, request: Any) -> None:
        self._kit(request).fuzz_unicode()

    def test_hooks_survive_edited_articles(self, request: Any) -> None:
        self._kit(request).fuzz_articles()

    def test_cluster_hooks_survive_edited_documents(self, request: Any) -> None:
        self._kit(request).fuzz_cluster()

    def test_plugin_runs_clean_through_the_host(self, request: Any) -> None:
        self._kit(request).check_through_host()

    def test_hooks_are_thread_safe(self, request: Any) -> None:
        self._kit(request).check_thread_safety()

    def test_pattern_resists_catastrophic_backtracking(self, request: Any,
                                                       wirelint_pattern: Pattern) -> None:
        self._kit(request).check_pattern(wirelint_pattern)

    def test_plugin_time_per_100kb_is_bounded(self, request: Any) -> None:
        self._kit(request).check_speed()

    def test_plugin_time_grows_linearly(self, request: Any) -> None:
        self._kit(request).check_growth()


def pytest_addoption(parser: Any) -> None:
    """``--wirelint-time-scale`` and ``--wirelint-articles``."""
    group = parser.getgroup("wirelint", "wirelint plugin conformance kit")
    group.addoption("--wirelint-time-scale", type=float, default=None,
                    help="multiply the kit's time bounds (slow CI machines); "
                         "default $WIRELINT_TIME_SCALE or 1")
    group.addoption("--wirelint-articles", default=None, metavar="PATH",
                    help="a .txt file or a directory of them: more article text to fuzz with")
