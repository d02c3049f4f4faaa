"""The plugin host: loading, prefix ownership, isolation, the per-document pipeline.

pluggy runs every implementation of a hook inside one ``try``, so one raising plugin
cancels the rest (pytest-dev/pluggy#419).  The host therefore calls per-document hooks one
implementation at a time: a failure becomes a ``WL090 plugin-failed`` problem and every
other plugin still counts.
"""

from __future__ import annotations

import functools
import importlib
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType, ModuleType
from typing import Any

import pluggy

from wirelint import _entrypoints, _forksafe, hookspecs
from wirelint._isolation import BUDGET_SECONDS, BudgetRunner, Overrun, budget_for
from wirelint._lang import LANG_SIGNATURE, detect_language
from wirelint._problems import HOST_PROBLEMS
from wirelint._problems import describe as _describe
from wirelint._problems import where as _where
from wirelint._scanner import Scan, Scanner
from wirelint._scoring import WEIGHTS_VERSION, score_report
from wirelint._version import __version__
from wirelint._visible import Visible
from wirelint.config import Config, check_selectors
from wirelint.model import (
    CODE_PATTERN,
    ClusterReport,
    Document,
    Finding,
    LineIndex,
    Pattern,
    Probabilities,
    Problem,
    Report,
    Rule,
    Severity,
    Signal,
    Span,
    Verdict,
)
from wirelint.text import unwrap

#: Entry-point group third parties (and the built-ins) register under.
ENTRY_POINT_GROUP = "wirelint"
#: ``WIRELINT_PLUGINS=name,name`` pins the plugin set of ``Host()`` (see ``Host``).
PLUGINS_ENV = "WIRELINT_PLUGINS"


@functools.cache
def builtin_plugins() -> tuple[str, ...]:
    """Module names of the built-in families (every subpackage of ``wirelint_builtins``).

    Each is also registered as an entry point under its prefix; a test keeps the two
    lists equal.  Discovery lets ``Host(entry_points=False)`` load them without metadata.
    """
    import pkgutil

    import wirelint_builtins

    return tuple(sorted(f"wirelint_builtins.{m.name}"
                        for m in pkgutil.iter_modules(wirelint_builtins.__path__) if m.ispkg))

#: Letters the core keeps for itself; a third party may not claim them.
RESERVED_LETTERS = ("WL", "MT", "MP", "CF", "XD", "ST")

_PREFIX_RE = re.compile(r"^[A-Z]{2,3}[0-9]{0,2}$")
_CODE_RE = re.compile(CODE_PATTERN)



class PluginError(Exception):
    """A plugin was refused at load (bad prefix, collision, foreign code, failing hook)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PluginInfo:
    """What ``wirelint plugins`` shows for one plugin."""

    name: str  #: registration name, stamped on its findings
    prefix: str
    package: str
    version: str
    builtin: bool
    rule_count: int = 0
    status: str = "loaded"  #: "loaded" or "refused"
    reason: str = ""

    @property
    def display(self) -> str:
        """flake8's display form: ``package[PREFIX] version``."""
        return f"{self.package}[{self.prefix}] {self.version}"


@dataclass(frozen=True, slots=True)
class _State:
    """Everything compiled from the loaded plugins; swapped atomically on ``register``."""

    plugins: tuple[PluginInfo, ...]
    rules: Mapping[str, Rule]
    owner: Mapping[str, str]  #: code -> plugin name
    scanner: Scanner
    load_problems: tuple[Problem, ...]
    signature: str


#: What a plugin may raise without ending the run: ``sys.exit()`` inside a hook is a
#: failing plugin (it had ended ``wirelint check`` with exit 0 and no output); only
#: KeyboardInterrupt still stops everything.
PLUGIN_ERRORS = (Exception, SystemExit, GeneratorExit)
#: A third-party load hook (rules, patterns, configure) may take this many per-document
#: budgets: building a lexicon may be slow, hanging is not.
LOAD_BUDGETS = 10


def _plain_label(value: Any, limit: int = 64) -> str:
    """A plugin-supplied name or version as the signature may print it: without ``|``,
    ``,`` and control characters (a version could otherwise forge a signature field)."""
    text = "".join(ch for ch in str(value) if ch.isprintable() and ch not in "|,")
    return text[:limit] or "?"


class Host:
    """Loads detector plugins and checks documents with them.

    ``Host()`` loads the built-in families and every plugin registered under the
    ``wirelint`` entry-point group.  ``Host(plugins=[...], entry_points=False)`` pins the
    set, as a pipeline should: ``plugins`` items are modules/objects (their prefix is the
    ``WIRELINT_PREFIX`` attribute), ``(prefix, object)`` pairs, or names: an installed
    plugin's prefix, distribution or module (``"HS1"``, ``"wirelint-house-style"``),
    ``"wirelint"`` for every built-in family, or any importable module.  With
    ``plugins=None`` and ``entry_points=True``, the ``WIRELINT_PLUGINS`` environment
    variable (comma-separated names) pins the set the same way.  A Host is immutable
    once built (``register`` swaps its state atomically), so one Host may serve many
    threads.

    Third-party ``wirelint_check``, ``wirelint_check_cluster`` and ``wirelint_score``
    calls get ``plugin_timeout`` seconds per 100 KB of document (``None``: no budget);
    an overrun drops that plugin's result with ``WL091 plugin-timeout``.  ``trace``
    receives one line per hook call with its time (``--trace-plugins``).
    """

    def __init__(
        self,
        plugins: Iterable[Any] | None = None,
        *,
        entry_points: bool = True,
        config: Config | None = None,
        strict: bool = False,
        builtins: bool = True,
        plugin_timeout: float | None = BUDGET_SECONDS,
        trace: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config or Config()
        self.strict = strict
        self.plugin_timeout = plugin_timeout
        self._trace = trace
        self._runner = BudgetRunner()
        self._trusted: set[str] = set()  #: built-in plugin names: called inline
        self._lock = _forksafe.Lock()
        self._pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._infos: list[PluginInfo] = []
        self._rules: dict[str, Rule] = {}
        self._owner: dict[str, str] = {}
        self._patterns: list[tuple[str, Pattern, bool]] = []
        self._problems: list[Problem] = []
        self._selector_cache: dict[tuple[Any, ...], frozenset[str]] = {}
        self._idle_cache: dict[frozenset[str], frozenset[str]] = {}
        loaded_modules: set[str] = set()
        if plugins is None and entry_points and os.environ.get(PLUGINS_ENV, "").strip():
            plugins, entry_points = _split(os.environ[PLUGINS_ENV]), False
        if plugins is None and builtins:
            for module in builtin_plugins():
                self._load(None, module, explicit=True, builtin=True)
                loaded_modules.add(module)
        for item in plugins or ():
            if item is None or isinstance(item, int | float | bool | bytes):
                raise TypeError(f"plugins: {item!r} is not a plugin (a module, an object with "
                                "hook implementations, a (prefix, object) pair, or a "
                                "'module' / 'PREFIX=module' string)")
            for prefix, obj, how in _expand(item):
                self._load(prefix, obj, explicit=True, **how)
        if entry_points:
            for ep in sorted(_entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                if ep.value in loaded_modules or ep.value.startswith("wirelint_builtins."):
                    continue  # a built-in (loaded above, or excluded), or seen twice
                loaded_modules.add(ep.value)
                dist = getattr(ep, "dist", None)
                package = dist.name if dist is not None else ep.value.split(".")[0]
                version = dist.version if dist is not None else "0"
                self._load(ep.name, ep, explicit=strict, builtin=False,
                           package=package, version=version)
        self._rebuild()

    # ---------------------------------------------------------------- loading

    def register(self, plugin: Any, *, prefix: str | None = None) -> None:
        """Add a plugin at run time; raises :class:`PluginError` if it is refused."""
        with self._lock:
            self._load(prefix, plugin, explicit=True, builtin=False)
            self._rebuild()

    def _load(
        self,
        prefix: str | None,
        obj: Any,
        *,
        explicit: bool,
        builtin: bool,
        package: str | None = None,
        version: str | None = None,
    ) -> None:
        name = None
        try:
            entry_point = hasattr(obj, "load") and hasattr(obj, "group")
        except PLUGIN_ERRORS as exc:  # a module __getattr__ that raises
            self._refuse(_safe_repr(obj), prefix or "?", package or "?", version or "?",
                         f"cannot read its attributes: {_describe(exc)}", explicit, builtin)
            return
        try:
            if entry_point:
                name = getattr(obj, "value", None)
                obj = obj.load()  # an entry point: import errors are load failures
            elif isinstance(obj, str):
                name = obj
                obj = importlib.import_module(obj)
        except PLUGIN_ERRORS as exc:
            self._refuse(name or _safe_repr(obj), prefix or "?", package or "?",
                         version or "?", f"import failed: {_describe(exc)}", explicit, builtin)
            return
        try:  # the plugin's own attributes: a module __getattr__ may raise
            if name is None:
                name = obj.__name__ if isinstance(obj, ModuleType) else (
                    str(getattr(obj, "__module__", "")) + "." + type(obj).__name__)
            declared = getattr(obj, "WIRELINT_PREFIX", None)
            # built-in by identity, not by a name a plugin could copy
            builtin = builtin or _is_builtin_module(obj)
            if package is None and not builtin:
                package, version = _distribution(name, version or getattr(obj, "__version__",
                                                                          "0"))
            if version is None:
                version = __version__ if builtin else str(getattr(obj, "__version__", "0"))
        except PLUGIN_ERRORS as exc:
            self._refuse(name or _safe_repr(obj), prefix or "?", package or "?", "?",
                         f"cannot read its attributes: {_describe(exc)}", explicit, builtin)
            return
        prefix = prefix or declared
        if package is None:
            package = "wirelint" if builtin else (name.split(".")[0] if name else "?")
        info = PluginInfo(name=name, prefix=prefix if isinstance(prefix, str) and prefix else "?",
                          package=_plain_label(package), version=_plain_label(version),
                          builtin=builtin)
        if not builtin and any(n == name for n in (i.name for i in self._infos)):
            # two objects of one class, or one module under two entry points: pluggy
            # would refuse the second with a message listing every loaded plugin
            name = f"{name}[{prefix}]" if isinstance(prefix, str) else f"{name}[{len(self._infos)}]"
            info = replace(info, name=name)
        reason = self._prefix_problem(prefix, declared, builtin, name)
        if reason:
            self._refuse_info(info, reason, explicit)
            return
        try:
            self._pm.register(obj, name=name)
        except PLUGIN_ERRORS as exc:  # e.g. a hook argument pluggy does not know
            self._refuse_info(info, f"cannot register: {_describe(exc)}", explicit)
            return
        unknown = sorted(c.name for c in self._pm.get_hookcallers(obj) or ()
                         if c.spec is None)
        if unknown or not self._pm.get_hookcallers(obj):
            self._pm.unregister(name=name)
            self._refuse_info(info, f"unknown hook {', '.join(unknown)} (misspelt?)" if unknown
                              else "no hook implementations (marked with wirelint's "
                                   "hookimpl)", explicit)
            return
        try:
            rules = [_coerced(r) for r in self._call_load_hook("wirelint_rules", name) or ()]
            patterns = list(self._call_load_hook("wirelint_patterns", name) or ())
            self._validate(info.prefix, name, rules, patterns, builtin)  # the checked prefix
            for pattern in patterns:  # compile alone first so a bad regex names its plugin
                Scanner([(name, pattern, builtin)], {r.code: r for r in rules})
            self._call_load_hook("wirelint_configure", name, config=self.config)
        except PLUGIN_ERRORS as exc:
            self._pm.unregister(name=name)
            self._refuse_info(info, _describe(exc), explicit)
            return
        for rule in rules:
            self._rules[rule.code] = rule
            self._owner[rule.code] = name
        if builtin:
            self._trusted.add(name)
        self._patterns.extend((name, p, builtin) for p in patterns)
        self._infos.append(replace(info, rule_count=len(rules)))

    def _prefix_problem(self, prefix: str | None, declared: str | None, builtin: bool,
                        name: str) -> str:
        if not prefix:
            return "no code prefix: register it under an entry-point name or set WIRELINT_PREFIX"
        if declared and declared != prefix:
            return f"entry-point name {prefix!r} differs from WIRELINT_PREFIX {declared!r}"
        if not isinstance(prefix, str) or not _PREFIX_RE.match(prefix):
            return f"prefix {prefix!r} is not 2-3 capitals and up to 2 digits"
        if not builtin and prefix.startswith(RESERVED_LETTERS):
            return f"prefix {prefix!r} uses letters reserved for wirelint's own families"
        for other in self._infos:
            if other.status == "loaded" and (
                prefix.startswith(other.prefix) or other.prefix.startswith(prefix)
            ):
                return (f"prefix {prefix!r} of {name} collides with prefix {other.prefix!r} "
                        f"of {other.name}")
        return ""

    def _validate(self, prefix: str, name: str, rules: list[Any], patterns: list[Any],
                  builtin: bool = False) -> None:
        codes: set[str] = set()
        for rule in rules:
            if not isinstance(rule, Rule):
                raise PluginError(f"wirelint_rules returned {type(rule).__name__}, not Rule")
            if not _CODE_RE.match(rule.code):
                raise PluginError(f"rule code {rule.code!r} does not match {CODE_PATTERN}")
            if not rule.code.startswith(prefix):
                raise PluginError(f"rule {rule.code} is outside the plugin's prefix {prefix!r}")
            if rule.code in codes or rule.code in self._rules:
                other = self._owner.get(rule.code, name)
                raise PluginError(f"rule {rule.code} is already declared by {other}")
            if not isinstance(rule.signal, Signal) or not isinstance(rule.severity, Severity):
                raise PluginError(f"rule {rule.code}: signal {rule.signal!r} / severity "
                                  f"{rule.severity!r} must be one of {[s.value for s in Signal]}"
                                  f" / {[s.value for s in Severity]}")
            if not isinstance(rule.name, str) or not rule.name:
                raise PluginError(f"rule {rule.code}: name {rule.name!r} is not a str")
            taken = [r.code for r in (*self._rules.values(), *rules[:len(codes)])
                     if r.name == rule.name]
            if taken:  # --select NAME would pick both rules
                raise PluginError(f"rule {rule.code}: name {rule.name!r} is already the "
                                  f"name of {taken[0]}")
            codes.add(rule.code)
        for pattern in patterns:
            if not isinstance(pattern, Pattern):
                raise PluginError(f"wirelint_patterns returned {type(pattern).__name__}")
            if pattern.code not in codes:
                raise PluginError(f"pattern for {pattern.code} has no rule in this plugin")
            reason = "" if builtin else _pattern_problem(pattern)  # the families' own tests
            if reason:
                raise PluginError(f"pattern for {pattern.code}: {reason}")

    def _call_load_hook(self, hook_name: str, plugin_name: str, **kwargs: Any) -> Any:
        """One plugin's load-time hook; a third party's under :data:`LOAD_BUDGETS` times
        its per-document budget (a hung ``wirelint_configure`` had hung ``Host()``)."""
        caller = getattr(self._pm.hook, hook_name)
        for impl in caller.get_hookimpls():
            if impl.plugin_name == plugin_name:
                start = time.perf_counter()
                args = {name: kwargs[name] for name in impl.argnames}
                try:
                    if self.plugin_timeout is None or plugin_name in self._trusted or \
                            _is_builtin_module(impl.plugin):
                        return impl.function(**args)
                    return self._runner.call(plugin_name, impl.function, args,
                                             LOAD_BUDGETS * self.plugin_timeout)
                finally:
                    self._traced(hook_name, plugin_name, start, None)
        return None

    def _invoke(self, hook: str, impl: Any, kwargs: Mapping[str, Any], size: int,
                doc_id: str | None, post: Callable[[Any], Any]) -> Any:
        """Call one per-document implementation: inline when built-in, otherwise on a
        budgeted thread (``Overrun`` past the budget).  ``post`` runs inside the budget,
        so a returned generator is consumed there too."""
        args = {name: kwargs[name] for name in impl.argnames}

        def run(**a: Any) -> Any:
            return post(impl.function(**a))

        start = time.perf_counter()
        try:
            if self.plugin_timeout is None or impl.plugin_name in self._trusted:
                return run(**args)
            return self._runner.call(impl.plugin_name, run, args,
                                     budget_for(size, self.plugin_timeout))
        finally:
            self._traced(hook, impl.plugin_name, start, doc_id)

    def _traced(self, hook: str, plugin: str, start: float, doc_id: str | None) -> None:
        if self._trace is not None:
            ms = 1000 * (time.perf_counter() - start)
            self._trace(f"{hook} {plugin} {ms:.3f} ms" + (f" [{doc_id}]" if doc_id else ""))

    def _refuse(self, name: str, prefix: str, package: str, version: str, reason: str,
                explicit: bool, builtin: bool) -> None:
        info = PluginInfo(name=name, prefix=prefix, package=package, version=version,
                          builtin=builtin)
        self._refuse_info(info, reason, explicit)

    def _refuse_info(self, info: PluginInfo, reason: str, explicit: bool) -> None:
        message = f"plugin {info.name} ({info.package}[{info.prefix}]) refused: {reason}"
        if explicit or self.strict:
            raise PluginError(message)
        self._infos.append(replace(info, status="refused", reason=reason))
        self._problems.append(Problem(code="WL080", name="plugin-refused", message=message,
                                      plugin=info.name))

    def _rebuild(self) -> None:
        rules = dict(sorted(self._rules.items()))
        loaded = [i for i in self._infos if i.status == "loaded"]
        plugins = ",".join(f"{i.package}[{i.prefix}]@{i.version}"
                           for i in sorted(loaded, key=lambda i: i.prefix))
        # A plugin may name the data its findings depend on ("titles:2025-11-01").
        extra = "".join(f"|{sig}" for i in sorted(loaded, key=lambda i: i.prefix)
                        if isinstance(sig := getattr(self._pm.get_plugin(i.name),
                                                     "WIRELINT_SIGNATURE", None), str)
                        and sig and "|" not in sig)
        signature = (f"wirelint:{__version__}|rules:{len(rules)}|plugins:{plugins}{extra}"
                     f"|weights:{WEIGHTS_VERSION}|lang:{LANG_SIGNATURE}")
        self._selector_cache = {}
        self._idle_cache = {}
        self._state = _State(
            plugins=tuple(self._infos),
            rules=rules,
            owner=dict(self._owner),
            scanner=Scanner(self._patterns, rules),
            load_problems=tuple(self._problems),
            signature=signature,
        )

    # ---------------------------------------------------------------- introspection

    @property
    def rules(self) -> Mapping[str, Rule]:
        """Every loaded rule by code, sorted."""
        return self._state.rules

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every plugin the host tried to load, loaded or refused."""
        return self._state.plugins

    @property
    def signature(self) -> str:
        """sacrebleu-style signature of what produces this host's reports."""
        return self._state.signature

    @property
    def load_problems(self) -> tuple[Problem, ...]:
        """Problems met while loading plugins (``WL080``)."""
        return self._state.load_problems

    @property
    def pattern_count(self) -> int:
        """How many pattern rules the hot path runs."""
        return self._state.scanner.pattern_count

    def resolve(self, token: str) -> list[str]:
        """Codes a ``--select`` token means: a code, a code prefix, a rule name, or ALL."""
        rules = self._state.rules
        if token == "ALL":
            return list(rules)
        return [c for c, r in rules.items() if c.startswith(token) or r.name == token]

    def _config(self, config: Config | None) -> Config:
        """``config``, or the Host's own when it is None; anything else is a TypeError
        (every entry point reads its config through here)."""
        if config is None:
            return self.config
        if not isinstance(config, Config):
            raise TypeError(f"config must be a Config, not {type(config).__name__}")
        return config

    def enabled_codes(self, config: Config | None = None) -> frozenset[str]:
        """The codes that report under ``config`` (ruff's select/ignore semantics)."""
        config = self._config(config)
        key = (config.select, config.extend_select, config.ignore)
        cached = self._selector_cache.get(key)
        if cached is not None:
            return cached
        check_selectors(config, self.resolve)  # once per distinct selection (cached below)
        rules = self._state.rules
        if config.select:
            chosen: set[str] = set()
            for token in config.select:
                for code in self.resolve(token):
                    exact = token in (code, rules[code].name)
                    if rules[code].default_enabled or exact:
                        chosen.add(code)
        else:
            chosen = {c for c, r in rules.items() if r.default_enabled}
        for token in config.extend_select:
            chosen.update(self.resolve(token))
        for token in config.ignore:
            chosen.difference_update(self.resolve(token))
        result = frozenset(chosen)
        self._selector_cache[key] = result
        return result

    def _idle(self, state: _State, enabled: frozenset[str]) -> frozenset[str]:
        """Plugins that own rules but none of ``enabled``: their per-document hooks
        could only produce findings and measurements that would be dropped, so they are
        not called (``--ignore ST7`` saves ST7's time).  A plugin without rules is
        always called."""
        idle = self._idle_cache.get(enabled)
        if idle is None:
            owning = set(state.owner.values())
            idle = frozenset(owning - {state.owner[c] for c in enabled if c in state.owner})
            if len(self._idle_cache) > 64:
                self._idle_cache.clear()
            self._idle_cache[enabled] = idle
        return idle

    # ---------------------------------------------------------------- checking

    def check(self, document: str | Document, config: Config | None = None) -> Report:
        """Check one document and return its report.  Never raises for bad text."""
        config = self._config(config)
        if isinstance(document, str):
            document = Document(text=document)
        elif not isinstance(document, Document):
            raise TypeError(f"check() takes str or Document, not {type(document).__name__}")
        state = self._state
        text = document.text
        problems: list[Problem] = list(state.load_problems)
        findings: list[Finding] = []
        measures: dict[str, float] = {}
        language, lang_conf = "und", 0.0
        gated = self._gate(text, config, problems)
        # Detectors read the text as it prints (invisible characters out, HTML references
        # decoded and tags out, letters composed, mojibake repaired: ``_visible``) and
        # hard-wrapped lines as their paragraphs (``text.unwrap``, same length); their
        # spans are mapped back onto ``text`` before stamping.
        visible, reading = _reading(text) if not gated else (Visible(text), text)
        seen = document if reading is text else replace(document, text=reading)
        if document.meta:  # plugins read a copy: a write to it had reached the caller's
            seen = replace(seen, meta=MappingProxyType(dict(document.meta)))
        if not gated:
            language, lang_conf = detect_language(seen.text)
            if language != "en" or lang_conf < config.language_threshold:
                problems.append(Problem(
                    code="WL001", name="not-english",
                    message=f"document is not English (detected {language!r}, "
                            f"p={lang_conf:.2f}); English-only rules were skipped"))
                gated = True
        if not gated:
            enabled = self.enabled_codes(config)
            start = time.perf_counter()
            scan = state.scanner.scan(seen.text, enabled.__contains__)
            self._traced("scan", f"({state.scanner.pattern_count} patterns)", start,
                         document.id)
            findings.extend(scan.findings)
            problems.extend(scan.problems)
            idle = self._idle(state, enabled)
            findings.extend(self._run_check_hooks(seen, scan, config, state, problems, idle))
            measures = self._run_measure_hooks(seen, scan, config, state, problems,
                                               enabled, idle)
            findings = [f for f in findings if f.code in enabled]
            if reading is not text:
                findings = [_in_original(f, text, visible) for f in findings]
            findings = self._stamp(text, findings, state)
        report = Report(
            id=document.id, language=language, language_confidence=lang_conf,
            findings=tuple(findings), score=100.0, verdict=Verdict.HUMAN,
            probabilities=Probabilities(), errors=tuple(problems), signature=state.signature,
            evidence=measures)
        if gated:
            return shown(self._undetermined(report, document, config, state), config)
        return shown(self._score(report, document, config, state), config)

    def _gate(self, text: str, config: Config, problems: list[Problem]) -> bool:
        """Input checks that stop a document before any detector runs."""
        size = len(text)  # every character is at least one byte of UTF-8 ...
        if config.max_bytes >= size and size * 4 > config.max_bytes:  # ... and at most four
            size = len(text.encode("utf-8", "surrogatepass"))
        if size > config.max_bytes:
            problems.append(Problem(
                code="WL004", name="input-too-large",
                message=f"document is {size} bytes, over max-bytes={config.max_bytes}; "
                        "not checked"))
            return True
        if not text.strip():
            problems.append(Problem(code="WL003", name="empty-document",
                                    message="document is empty or whitespace only"))
            return True
        return False

    def _run_check_hooks(self, document: Document, scan: Scan, config: Config, state: _State,
                         problems: list[Problem],
                         idle: frozenset[str] = frozenset()) -> list[Finding]:
        kwargs = {"document": document, "scan": scan, "config": config}
        out: list[Finding] = []
        text = document.text
        for impl in self._pm.hook.wirelint_check.get_hookimpls():
            if impl.plugin_name in idle:
                continue
            try:
                items = self._invoke("wirelint_check", impl, kwargs, len(text), document.id,
                                     _as_list)
            except PLUGIN_ERRORS as exc:
                problems.append(_hook_problem(exc, "plugin", impl.plugin_name, "",
                                              "its findings for this document were dropped"))
                continue
            refused = _Refused(impl.plugin_name)
            for item in items:
                reason = _contract_violation(item, text, impl.plugin_name, state)
                if reason:
                    refused.add(reason)
                else:
                    out.append(replace(item, plugin=impl.plugin_name))
            problems.extend(refused.problems())
        return out

    def _run_measure_hooks(self, document: Document, scan: Scan, config: Config,
                           state: _State, problems: list[Problem],
                           enabled: frozenset[str],
                           idle: frozenset[str] = frozenset()) -> dict[str, float]:
        """Document-level measurements (``wirelint_measure``), isolated per plugin."""
        kwargs = {"document": document, "scan": scan, "config": config}
        out: dict[str, float] = {}
        for impl in self._pm.hook.wirelint_measure.get_hookimpls():
            name = impl.plugin_name
            if name in idle:
                continue
            try:
                items = self._invoke("wirelint_measure", impl, kwargs, len(document.text),
                                     document.id, _as_measures)
            except PLUGIN_ERRORS as exc:
                problems.append(_hook_problem(exc, "plugin", name, " in wirelint_measure",
                                              "its measurements were dropped"))
                continue
            refused = _Refused(name, "measurement")
            for code, value in items:
                if state.owner.get(code) != name or not isinstance(value, float) or not (
                        0.0 <= value <= 1.0):
                    refused.add(f"measurement {code!r}={value!r} is not a probability for a "
                                "code it owns")
                elif code in enabled:
                    out[code] = value
            problems.extend(refused.problems())
        return out

    def _stamp(self, text: str, findings: list[Finding], state: _State) -> list[Finding]:
        if not findings:
            return findings
        index = LineIndex(text)
        stamped: dict[tuple[int, int, str], Finding] = {}
        for f in findings:
            line, col = index.line_col(f.span.start)
            g = replace(f, name=state.rules[f.code].name, line=line, col=col)
            stamped.setdefault((g.span.start, g.span.end, g.code), g)  # one finding per span
        return sorted(stamped.values(), key=Finding.sort_key)

    def rescore(self, report: Report, document: str | Document,
                config: Config | None = None) -> Report:
        """Score ``report`` again through the scorer chain (a plugin's ``wirelint_score``
        first, then the built-in), e.g. after findings were suppressed or fixed."""
        document = document if isinstance(document, Document) else Document(text=document)
        return self._score(report, document, config or self.config, self._state)

    def _score(self, report: Report, document: Document, config: Config,
               state: _State) -> Report:
        kwargs = {"report": report, "document": document, "config": config}
        for impl in reversed(self._pm.hook.wirelint_score.get_hookimpls()):
            try:
                result = self._invoke("wirelint_score", impl, kwargs, len(document.text),
                                      document.id, _same)
            except PLUGIN_ERRORS as exc:
                report = replace(report, errors=(*report.errors, _hook_problem(
                    exc, "scorer", impl.plugin_name, "", "the built-in scorer was used")))
                continue
            if result is None:
                continue
            reason = _score_problem(result)
            if not reason:  # the host's own report, with the scorer's numbers
                return replace(report, score=float(result.score), verdict=result.verdict,
                               probabilities=result.probabilities, evidence=result.evidence)
            report = replace(report, errors=(*report.errors, Problem(
                code="WL092", name="plugin-contract", plugin=impl.plugin_name,
                message=f"scorer {impl.plugin_name}: {reason}; the built-in scorer was used")))
        return score_report(report, document, state.rules)

    def check_cluster(self, documents: Sequence[str | Document],
                      config: Config | None = None) -> ClusterReport:
        """Check several versions of one story together.

        Each document is checked alone, then every ``wirelint_check_cluster``
        implementation is called on its own (isolated as per-document hooks are); its
        ``(index, Finding)`` results are validated, merged into the matching report and
        the report is re-scored.  A ``ClusterReport`` among an implementation's results
        carries the cluster analysis (similarity matrix, relations, likely source).
        """
        if isinstance(documents, str | bytes | bytearray):
            raise TypeError("check_cluster() takes a list of documents (str or Document), "
                            f"not a single {type(documents).__name__}")
        config = self._config(config)
        self.enabled_codes(config)  # refuses a selector that names no rule, here
        docs = [Document(text=d, id=str(i)) if isinstance(d, str) else d
                for i, d in enumerate(documents)]
        # min_confidence only hides findings: scored (and re-scored below) on them all.
        unhidden = replace(config, min_confidence=0.0) if config.min_confidence else config
        reports = [self.check(d, unhidden) for d in docs]
        state = self._state
        enabled = self.enabled_codes(config)
        extra: list[list[Finding]] = [[] for _ in docs]
        problems: list[Problem] = []
        # Cluster plugins read each version as it prints too (as ``check`` hands it to
        # detectors); a version refused unread (WL004) is passed as it is.
        readings = [(Visible(d.text), d.text) if any(e.code == "WL004" for e in r.errors)
                    else _reading(d.text) for d, r in zip(docs, reports, strict=True)]
        seen = [d if reading is d.text else replace(d, text=reading)
                for d, (_, reading) in zip(docs, readings, strict=True)]
        kwargs = {"documents": seen, "reports": reports, "config": config}
        analysis: dict[str, Any] = {}
        for impl in self._pm.hook.wirelint_check_cluster.get_hookimpls():
            try:
                items = self._invoke("wirelint_check_cluster", impl, kwargs,
                                     sum(len(d.text) for d in docs), None, _as_list)
            except PLUGIN_ERRORS as exc:
                problems.append(_hook_problem(exc, "plugin", impl.plugin_name,
                                              " in wirelint_check_cluster",
                                              "its cluster findings were dropped"))
                continue
            refused = _Refused(impl.plugin_name)
            for item in items:
                if isinstance(item, ClusterReport):
                    reason = _cluster_problem(item, len(docs))
                    if reason:
                        problems.append(Problem(
                            code="WL092", name="plugin-contract", plugin=impl.plugin_name,
                            message=f"plugin {impl.plugin_name}: {reason}; its cluster "
                                    "analysis was dropped"))
                    else:
                        analysis[impl.plugin_name] = item
                    continue
                ok = isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], int) \
                    and 0 <= item[0] < len(docs)
                reason = (_contract_violation(item[1], seen[item[0]].text, impl.plugin_name,
                                              state) if ok else "returned a malformed item, "
                          "expected (document index, Finding)")
                if reason:
                    refused.add(reason)
                elif item[1].code in enabled:
                    index, finding = item
                    if seen[index] is not docs[index]:
                        finding = _in_original(finding, docs[index].text, readings[index][0])
                    extra[index].append(replace(finding, plugin=impl.plugin_name))
            problems.extend(refused.problems())
        merged = []
        for doc, report, more in zip(docs, reports, extra, strict=True):
            if more:
                findings = self._stamp(doc.text, [*report.findings, *more], state)
                report = self._score(replace(report, findings=tuple(findings)), doc, config,
                                     state)
            merged.append(shown(report, config))
        base = next(iter(analysis.values()), None)
        if base is None:
            return ClusterReport(reports=tuple(merged), errors=tuple(problems),
                                 signature=state.signature)
        return replace(base, reports=tuple(merged), errors=(*base.errors, *problems),
                       signature=state.signature)

    def problem_report(self, doc_id: str | None, code: str, message: str,
                       config: Config | None = None) -> Report:
        """A report for an input that could not be checked (unreadable, invalid record,
        a worker that died)."""
        problem = Problem(code=code, name=HOST_PROBLEMS[code], message=message)
        report = Report(id=doc_id, language="und", language_confidence=0.0, findings=(),
                        score=100.0, verdict=Verdict.UNDETERMINED,
                        probabilities=Probabilities(), errors=(problem,),
                        signature=self._state.signature)
        return self._undetermined(report, Document(text="", id=doc_id), self._config(config),
                                  self._state)

    def _undetermined(self, report: Report, document: Document, config: Config,
                      state: _State) -> Report:
        """An ``undetermined`` report with the scorer's reading of no evidence: its score
        and probabilities are those of a document with no findings, whatever stopped the
        check (empty, not English, too large, unreadable, an invalid record), so that
        ``eval`` ranks every undetermined document alike.  (An unreadable file had read
        100 and ``human`` 1.00 while an empty one read the prior, 94.4.)"""
        report = self._score(replace(report, findings=()), document, config, state)
        return replace(report, verdict=Verdict.UNDETERMINED)

    def check_item(self, item: Any, config: Config | None = None) -> Report:
        """:meth:`check` for one item of a batch: an item that is not a str or a
        :class:`Document` holding a str gets a ``WL005 invalid-record`` report instead of
        a ``TypeError``, so that one bad item (a ``None`` among 10,000 documents) does
        not end the batch: N items in, N reports out."""
        if isinstance(item, str) or (isinstance(item, Document) and isinstance(item.text, str)):
            return self.check(item, config)
        if isinstance(item, Document):
            what = f"a Document whose text is {type(item.text).__name__}"
            doc_id = item.id if isinstance(item.id, str) else None
        else:
            what, doc_id = type(item).__name__, None
        return self.problem_report(doc_id, "WL005", f"batch item is {what}, not a str or "
                                   "a Document with str text; not checked")

    def check_many(self, documents: Iterable[str | Document], *, jobs: int = 1,
                   config: Config | None = None) -> Iterator[Report]:
        """Check many documents, yielding one report per input in input order.

        ``jobs > 1`` uses worker processes (forked, one Host each); a worker that dies
        gives its documents ``WL093 worker-died`` reports instead of hanging the batch;
        an item that is not a document gets a ``WL005`` report (:meth:`check_item`).
        Bad arguments raise here, at the call, not at the first report.
        """
        if isinstance(documents, str | bytes | bytearray):
            raise TypeError("check_many() takes an iterable of documents (str or Document), "
                            f"not a single {type(documents).__name__}; for one document "
                            "use check()")
        if isinstance(jobs, bool) or not isinstance(jobs, int):
            raise TypeError(f"jobs must be an int, not {jobs!r}")
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.enabled_codes(config)  # a bad config or selector raises here, at the call
        if jobs == 1:
            return (self.check_item(doc, config) for doc in documents)
        from wirelint._parallel import check_parallel

        return check_parallel(self, documents, jobs=jobs, config=config)


def shown(report: Report, config: Config) -> Report:
    """``report`` without the findings ``min_confidence`` hides: applied after scoring,
    so they still count in the score and verdict (the option only hides)."""
    if not config.min_confidence:
        return report
    return replace(report, findings=tuple(f for f in report.findings
                                          if f.confidence >= config.min_confidence))


def _entry_points(group: str) -> Sequence[Any]:
    """The installed entry points of ``group``, in importlib.metadata's order."""
    found = _entrypoints.entry_points(group)
    if found is None:  # a layout the fast reader does not mirror: the standard answer
        from importlib.metadata import entry_points

        return entry_points(group=group)
    return found


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _norm(name: str) -> str:
    """PEP 503 normalisation: ``Wirelint_House.Style`` and ``wirelint-house-style`` match."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _expand(item: Any) -> list[tuple[str | None, Any, dict[str, Any]]]:
    """What one ``Host(plugins=...)`` item names, as ``(prefix, object, _load kwargs)``."""
    if isinstance(item, tuple):
        return [(item[0], item[1], {"builtin": False})]
    if not isinstance(item, str):
        return [(None, item, {"builtin": False})]
    builtins = builtin_plugins()
    if item == "wirelint":
        return [(None, module, {"builtin": True}) for module in builtins]
    if item in builtins:
        return [(None, item, {"builtin": True})]
    eps = _entry_points(group=ENTRY_POINT_GROUP)
    out: list[tuple[str | None, Any, dict[str, Any]]] = []
    for ep in sorted(eps, key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        if item not in (ep.name, ep.value) and (dist is None or _norm(dist.name) != _norm(item)):
            continue
        if ep.value in builtins:
            out.append((None, ep.value, {"builtin": True}))
        else:
            out.append((ep.name, ep, {"builtin": False,
                                      "package": dist.name if dist else ep.value,
                                      "version": dist.version if dist else "0"}))
    if out:
        return out
    import importlib.util  # only names that are not installed plugins get here

    try:
        found = importlib.util.find_spec(item) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        installed = ", ".join(sorted({f"{ep.name} ({ep.dist.name if ep.dist else ep.value})"
                                      for ep in eps})) or "none"
        raise PluginError(f"no plugin {item!r}: it is not the prefix, distribution or module "
                          f"of an installed plugin (installed: {installed}; 'wirelint' names "
                          "every built-in family)")
    return [(None, item, {"builtin": False})]


def _distribution(module: str, version: Any) -> tuple[str | None, str]:
    """The installed distribution providing ``module``, and its version, if any."""
    from importlib.metadata import PackageNotFoundError, packages_distributions
    from importlib.metadata import version as dist_version

    dists = packages_distributions().get(module.split(".")[0], [])
    if not dists:
        return None, str(version)
    try:
        return dists[0], dist_version(dists[0])
    except PackageNotFoundError:
        return dists[0], str(version)


def matches(info: PluginInfo, token: str) -> bool:
    """Whether a ``--require-plugins`` / ``WIRELINT_PLUGINS`` name designates ``info``."""
    return token in (info.prefix, info.name) or _norm(token) == _norm(info.package) or (
        token == "wirelint" and info.builtin)


def require(host: Host, names: Iterable[str]) -> None:
    """Raise :class:`PluginError` unless every name designates a loaded plugin."""
    problems = []
    for token in names:
        found = [i for i in host.plugins if matches(i, token)]
        if not found:
            problems.append(f"{token} (not installed)")
        elif not any(i.status == "loaded" for i in found):
            problems.append(f"{token} (refused: {found[0].reason})")
    if problems:
        loaded = ", ".join(i.display for i in host.plugins if i.status == "loaded") or "none"
        raise PluginError(f"required plugin missing: {'; '.join(problems)}. Loaded: {loaded}")


class _ContractError(Exception):
    """A hook returned something of the wrong shape (``WL092``)."""


def _hook_problem(exc: BaseException, who: str, plugin: str, context: str,
                  dropped: str) -> Problem:
    """The problem of a hook call that overran its budget (``WL091``), returned
    something of the wrong shape (``WL092``) or raised (``WL090``), and what was dropped."""
    if isinstance(exc, Overrun):
        code, what = "WL091", f"{who} {plugin} {exc}{context}"
    elif isinstance(exc, _ContractError):
        code, what = "WL092", f"{who} {plugin}: {exc}{context}"
    else:
        code, what = "WL090", f"{who} {plugin} raised {_describe(exc)} (at {_where(exc)}){context}"
    return Problem(code=code, name=HOST_PROBLEMS[code], plugin=plugin,
                   message=f"{what}; {dropped}")


class _Refused:
    """The findings (or measurements) one plugin call had refused, as one ``WL092``
    problem per reason (at most :data:`MAX_REASONS`): 200,000 bad findings were 200,000
    error records."""

    MAX_REASONS = 10

    def __init__(self, plugin: str, what: str = "finding") -> None:
        self.plugin = plugin
        self.what = what
        self.reasons: dict[str, int] = {}

    def add(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def problems(self) -> list[Problem]:
        out = []
        for reason, n in list(self.reasons.items())[:self.MAX_REASONS]:
            dropped = f"{self.what} dropped" if n == 1 else f"{n} {self.what}s dropped"
            out.append(Problem(code="WL092", name="plugin-contract", plugin=self.plugin,
                               message=f"plugin {self.plugin}: {reason}; {dropped}"))
        if len(self.reasons) > self.MAX_REASONS:
            n = sum(list(self.reasons.values())[self.MAX_REASONS:])
            out.append(Problem(code="WL092", name="plugin-contract", plugin=self.plugin,
                               message=f"plugin {self.plugin}: {n} more {self.what}s "
                                       "dropped for other reasons"))
        return out


def _same(result: Any) -> Any:
    return result


def _as_measures(result: Any) -> list[tuple[str, Any]]:
    """A ``wirelint_measure`` result as ``(code, value)`` pairs: numbers as floats, other
    values (and NaN) as they came, for the caller to refuse by name."""
    if result is None:
        return []
    if not isinstance(result, Mapping):
        raise _ContractError(f"returned {type(result).__name__}, not a mapping")
    pairs = []
    for code, value in result.items():
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value == value
        pairs.append((str(code), float(value) if ok else value))
    return sorted(pairs, key=lambda pair: pair[0])


def _as_list(result: Any) -> list[Any]:
    """A hook's findings as a list; a non-sequence result breaks the contract."""
    if result is None:
        return []
    if isinstance(result, str | bytes | Mapping | Finding) or not isinstance(result, Iterable):
        raise _ContractError(f"returned {type(result).__name__}, not a sequence of Finding")
    return list(result)


def _reading(text: str) -> tuple[Visible, str]:
    """What detectors read of ``text``: the text as it prints (``_visible``), hard
    wrapping undone (``text.unwrap``, same length); with the map back onto ``text``."""
    visible = Visible.of(text)
    return visible, unwrap(visible.text)


def _in_original(finding: Finding, text: str, visible: Visible) -> Finding:
    """``finding`` (a span of ``visible.text``) as a span of the original ``text``."""
    start, end = visible.span(finding.span.start, finding.span.end)
    return replace(finding, span=Span(start, end), evidence=text[start:end])


def _cluster_problem(item: ClusterReport, n: int) -> str:
    """Why a plugin's cluster analysis of ``n`` documents cannot be printed, or ``""``."""
    def index(i: Any) -> bool:
        return isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n

    if item.likely_source is not None and not index(item.likely_source):
        return f"likely_source {item.likely_source!r} is not a document index"
    try:
        if not all(index(a) and index(b) and isinstance(m, Mapping) and all(
                isinstance(k, str) and (v is None or isinstance(v, int | float))
                for k, v in m.items()) for a, b, m in item.similarity):
            return "similarity is not (index, index, {name: number}) triples"
        if not all(index(a) and index(b) and isinstance(r, str) for a, b, r in item.relations):
            return "relations are not (index, index, str) triples"
        if not all(index(a) and index(b) for a, b in item.derivation):
            return "derivation is not (index, index) pairs"
    except (TypeError, ValueError):  # not iterable, or not of that length
        return "similarity, relations or derivation is malformed"
    if not isinstance(item.extra, Mapping) or not all(isinstance(k, str) for k in item.extra):
        return "extra is not a mapping with str keys"
    return ""


def _score_problem(result: Any) -> str:
    """Why a ``wirelint_score`` result cannot be a report's score, or ``""``.  Only its
    score, verdict, probabilities and evidence are taken: the findings, errors and id
    stay the host's (a scorer had hidden another plugin's WL090 by returning
    ``errors=()``)."""
    if not isinstance(result, Report):
        return f"returned {type(result).__name__}, not Report"
    score = result.score
    if isinstance(score, bool) or not isinstance(score, int | float) or not (
            0.0 <= score <= 100.0):
        return f"score {score!r} is not a number in 0..100"
    if not isinstance(result.verdict, Verdict):
        return f"verdict {result.verdict!r} is not a Verdict"
    p = result.probabilities
    if not isinstance(p, Probabilities):
        return f"probabilities {type(p).__name__} are not Probabilities"
    values = (p.machine_translated, p.machine_paraphrased, p.human)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and 0.0 <= v <= 1.0
               for v in values):
        return f"probabilities {values!r} are not numbers in 0..1"
    evidence = result.evidence
    if not isinstance(evidence, Mapping) or not all(
            isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
            and math.isfinite(v) for k, v in evidence.items()):
        return "evidence is not a mapping of str to finite numbers"
    return ""


def _safe_repr(obj: Any) -> str:
    if isinstance(obj, ModuleType):
        return obj.__name__
    try:
        return repr(obj)[:80]
    except Exception:
        return f"<{type(obj).__name__}>"


def _is_builtin_module(obj: Any) -> bool:
    """One of wirelint's own families: the very module object, not a look-alike name."""
    return isinstance(obj, ModuleType) and obj.__name__ in builtin_plugins() and \
        sys.modules.get(obj.__name__) is obj


def _coerced(rule: Any) -> Any:
    """A rule whose signal or severity is given as its string value (``"mt"``), made
    the enum the scorer reads; anything else is left for ``_validate`` to refuse."""
    if not isinstance(rule, Rule):
        return rule
    try:
        signal = rule.signal if isinstance(rule.signal, Signal) else Signal(rule.signal)
        severity = (rule.severity if isinstance(rule.severity, Severity)
                    else Severity(rule.severity))
    except (ValueError, TypeError):
        return rule
    if signal is rule.signal and severity is rule.severity:
        return rule
    return replace(rule, signal=signal, severity=severity)


def _pattern_problem(p: Pattern) -> str:
    """Why a pattern's fields would break a check later (every match), or ``""``."""
    c = p.confidence
    if isinstance(c, bool) or not isinstance(c, int | float) or not 0.0 <= c <= 1.0:
        return f"confidence {c!r} is not a number in 0..1"
    if p.prefilter is not None and not isinstance(p.prefilter, str):
        return f"prefilter {p.prefilter!r} is not a str"
    if not isinstance(p.words, tuple | list) or not all(isinstance(w, str) for w in p.words):
        return "words must be a tuple of str"
    for field_name in ("guard", "suggest"):
        fn = getattr(p, field_name)
        if fn is not None and not callable(fn):
            return f"{field_name} is not callable"
    if p.message is not None and not isinstance(p.message, str) and not callable(p.message):
        return "message is neither a str nor callable"
    group = p.group
    if isinstance(group, bool) or not isinstance(group, int | str):
        return f"group {group!r} is not an int or a group name"
    if p.regex is None:
        return "" if group == 0 else "group= applies to regex= patterns only"
    if not isinstance(p.regex, str):
        return f"regex {p.regex!r} is not a str"
    import regex  # third-party syntax (the built-ins are not checked here: no import cost)

    try:
        compiled = regex.compile(p.regex, regex.VERSION0)
    except regex.error:
        return ""  # compiling it in the scanner names the error
    if isinstance(group, int) and not 0 <= group <= compiled.groups:
        return f"group {group} does not exist (the regex has {compiled.groups})"
    if isinstance(group, str) and group not in compiled.groupindex:
        return f"group {group!r} is not a named group of the regex"
    return ""


def _contract_violation(item: Any, text: str, plugin: str, state: _State) -> str:
    if not isinstance(item, Finding):
        return f"returned {type(item).__name__}, not Finding"
    if not isinstance(item.code, str) or not isinstance(item.evidence, str):
        return "code and evidence must be str"
    if item.suggestion is not None and not isinstance(item.suggestion, str):
        return f"suggestion must be a str or None, not {type(item.suggestion).__name__}"
    if not isinstance(item.span, Span) or not all(
            isinstance(v, int) for v in (item.span.start, item.span.end)):
        return f"span {item.span!r} is not a Span of two ints"
    if not isinstance(item.confidence, int | float) or not isinstance(item.message, str):
        return "confidence must be a number and message a str"
    if state.owner.get(item.code) != plugin:
        return f"emitted code {item.code!r}, which it does not own"
    if not (0 <= item.span.start <= item.span.end <= len(text)):
        return f"span [{item.span.start}, {item.span.end}) is outside the document"
    if item.span.start == item.span.end:  # inside, but it flags nothing a reader could see
        return f"span [{item.span.start}, {item.span.end}) is empty: a finding covers text"
    if text[item.span.start:item.span.end] != item.evidence:
        return f"evidence {item.evidence[:40]!r} does not match the text at its span"
    if not (0.0 <= item.confidence <= 1.0):
        return f"confidence {item.confidence} is outside 0..1"
    return ""
