"""Every rule documents itself, has fixtures, and proves its own example (ruff's contract)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirelint import Host, Rule, hookspecs
from wirelint.cli import rules_markdown

ROOT = Path(__file__).resolve().parent.parent
_HOST = Host(entry_points=False)
RULES = list(_HOST.rules.values())
#: A line "---" separates the documents of a cross-document (XD6xx) example.
CLUSTER_SEPARATOR = "\n---\n"
DOC_FIELDS = ("name", "summary", "why", "example", "use_instead", "false_positives", "since")


def _codes(host: Host, text: str) -> set[str]:
    from wirelint import Config

    config = Config(select=(*host.rules,))  # every rule, off-by-default ones included
    documents = text.split(CLUSTER_SEPARATOR)
    if len(documents) > 1:  # a cross-document rule's example: a cluster, checked together
        return {f.code for r in host.check_cluster(documents, config).reports
                for f in r.findings}
    return {f.code for f in host.check(text, config).findings}


def test_catalogue_is_not_empty():
    assert len(RULES) >= 3


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_fully_documented(rule: Rule):
    for name in DOC_FIELDS:
        assert getattr(rule, name).strip(), f"{rule.code}: empty {name}"
    assert rule.references, f"{rule.code}: no references"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_example_triggers_it(rule: Rule):
    assert rule.code in _codes(_HOST, rule.example)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_use_instead_does_not_trigger_it(rule: Rule):
    assert rule.code not in _codes(_HOST, rule.use_instead)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_a_fixture_file(rule: Rule):
    path = ROOT / "fixtures" / "rules" / f"{rule.code}.txt"
    assert path.is_file(), f"missing {path.relative_to(ROOT)}"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("+ ") for line in lines), "no '+ ' (must trigger) case"
    assert any(line.startswith("- ") for line in lines), "no '- ' (must not trigger) case"


def test_codes_and_names_are_unique():
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)


def test_readme_rule_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_markdown(_HOST) in readme, (
        "README rule table is stale: regenerate with `wirelint rules --format markdown`")


HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("wirelint_"))


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_is_documented(name: str):
    doc = getattr(hookspecs, name).__doc__ or ""
    for part in (":returns:", "raises", "Thread-safety", "versionadded"):
        assert part in doc, f"{name}: docstring lacks {part!r}"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name: str):
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    assert f"def test_hook_{name.removeprefix('wirelint_')}" in tests, f"no test_hook_ for {name}"
