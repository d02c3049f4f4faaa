"""Stand-in rules and plugins for tests that need a plugin of their own.

Tests of the host, the scanner, the scorer, batches and the CLI each need a rule with
every documentation field filled (a ``Rule`` refuses empty ones) and, often, a throw-away
plugin module around a hook or two.  One factory of each, with keyword overrides for what
a test cares about, in place of a literal ``Rule(...)`` copied into every test file.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import Any

from wirelint import Rule, Severity, Signal, hookimpl


def stub_rule(code: str, **fields: Any) -> Rule:
    """A fully documented rule ``code`` (name ``rule-<code>``, an MT warning); any field
    may be overridden."""
    base: dict[str, Any] = dict(
        code=code, name=f"rule-{code.lower()}", signal=Signal.MT, severity=Severity.WARNING,
        summary="s", why="w", example="e", use_instead="u", false_positives="f",
        references=("r",))
    return Rule(**{**base, **fields})


def stub_plugin(prefix: str, name: str, rules: Sequence[Rule] | None = None,
                **hooks: Callable[..., Any]) -> types.ModuleType:
    """A plugin module ``name`` with code prefix ``prefix``: ``rules`` (default: one rule
    ``<prefix>101``) from ``wirelint_rules``, and each keyword a hook implementation
    (``wirelint_check=...``, ``wirelint_patterns=...``)."""
    module = types.ModuleType(name)
    module.WIRELINT_PREFIX = prefix
    declared = [stub_rule(f"{prefix}101")] if rules is None else list(rules)
    hooks.setdefault("wirelint_rules", lambda: declared)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module
