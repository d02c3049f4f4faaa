"""One bad plugin costs its own findings, never the run (pluggy#419, flake8's
PluginExecutionFailed): failures at import, at load, per document, hangs, malformed
findings, prefix collisions; and the controls around the plugin set (pinning, requiring,
tracing, listing)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
import types
from pathlib import Path

import pytest

import wirelint._host as host_module
from wirelint import Config, Document, Finding, Host, PluginError, Span, hookimpl
from wirelint._host import PLUGINS_ENV
from wirelint.cli import main

from .test_host import _plugin, _word_finder

TEXT = "The minister said the talks would continue next week in the capital."


def _good() -> types.ModuleType:
    return _plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "ZZ101"), name="good_plugin")


def _with_check(prefix: str, check, name: str | None = None, codes=None) -> types.ModuleType:
    return _plugin(prefix, codes or [f"{prefix}101"], check=check, name=name)


class _EntryPoint:
    """A stand-in for importlib.metadata.EntryPoint (flake8's ``_ep()`` helper)."""

    group = "wirelint"
    dist = None

    def __init__(self, name: str, value: str, load) -> None:
        self.name, self.value, self._load = name, value, load

    def load(self):
        return self._load()


def _boom_at_import():
    raise ImportError("cannot import name 'gazetteer' from 'acme_plugin'")


# ------------------------------------------------------------------------ at import / load


def test_a_plugin_raising_at_import_is_refused_and_the_rest_still_check(monkeypatch):
    eps = [_EntryPoint("AC", "acme_plugin", _boom_at_import),
           _EntryPoint("ZZ", "good_plugin", _good)]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    host = Host()
    refused = [i for i in host.plugins if i.status == "refused"]
    assert [(i.name, i.prefix) for i in refused] == [("acme_plugin", "AC")]
    assert "import failed: ImportError: cannot import name 'gazetteer'" in refused[0].reason
    report = host.check(TEXT)
    assert [f.code for f in report.findings] == ["ZZ101"]
    assert [e.code for e in report.errors] == ["WL080"]


@pytest.mark.parametrize("hook", ["wirelint_rules", "wirelint_patterns", "wirelint_configure"])
def test_a_plugin_raising_at_load_is_refused_naming_the_exception(monkeypatch, hook):
    bad = _plugin("AC", ["AC101"], name="acme_plugin")

    def explode(**kwargs):
        raise RuntimeError(f"{hook} exploded")

    setattr(bad, hook, hookimpl(explode) if hook != "wirelint_configure" else
            hookimpl(lambda config: explode()))
    eps = [_EntryPoint("AC", "acme_plugin", lambda: bad),
           _EntryPoint("ZZ", "good_plugin", _good)]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    host = Host()
    (refused,) = [i for i in host.plugins if i.status == "refused"]
    assert refused.reason == f"RuntimeError: {hook} exploded"
    assert "AC101" not in host.rules and "ZZ101" in host.rules
    assert [f.code for f in host.check(TEXT).findings] == ["ZZ101"]
    with pytest.raises(PluginError, match=f"acme_plugin .*refused: RuntimeError: {hook}"):
        Host(plugins=[bad], entry_points=False)


def test_an_entry_point_prefix_collision_is_refused_naming_both(monkeypatch):
    eps = [_EntryPoint("ZZ", "good_plugin", _good),
           _EntryPoint("ZZ1", "other_plugin",
                       lambda: _plugin("ZZ1", ["ZZ102"], name="other_plugin"))]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    host = Host()
    (refused,) = [i for i in host.plugins if i.status == "refused"]
    assert refused.reason == ("prefix 'ZZ1' of other_plugin collides with prefix 'ZZ' "
                              "of good_plugin")
    assert "ZZ101" in host.rules


def test_the_st_letters_are_reserved_for_the_statistical_family():
    with pytest.raises(PluginError, match="reserved"):
        Host(plugins=[_plugin("ST9", ["ST901"])], entry_points=False)


# ------------------------------------------------------------------------ per document


def test_a_plugin_failing_on_some_documents_only_costs_those_findings():
    def picky(document):
        if "capital" in document.text:
            raise KeyError("capital")
        return []

    host = Host(plugins=[_with_check("YY", picky), _good()], entry_points=False)
    bad, fine = host.check(TEXT), host.check("The talks went on for a second day in town.")
    assert [f.code for f in bad.findings] == ["ZZ101"]
    assert [e.code for e in bad.errors] == ["WL090"] and "KeyError" in bad.errors[0].message
    assert [f.code for f in fine.findings] == ["ZZ101"] and not fine.errors


def test_a_generator_raising_midway_is_a_plugin_failure_and_its_findings_are_dropped():
    def half(document):
        yield Finding.at(document.text, 0, 3, code="YY101", message="first")
        raise RuntimeError("second one failed")

    report = Host(plugins=[_with_check("YY", half), _good()], entry_points=False).check(TEXT)
    assert [f.code for f in report.findings] == ["ZZ101"]
    assert [e.code for e in report.errors] == ["WL090"]


# ------------------------------------------------------------------------ hangs


def _hang(document):
    threading.Event().wait()  # never returns


def test_a_hung_plugin_is_dropped_with_wl091_and_the_others_still_count():
    host = Host(plugins=[_with_check("YY", _hang, "hung_plugin"), _good()],
                entry_points=False, plugin_timeout=0.2)
    start = time.perf_counter()
    report = host.check(TEXT)
    assert time.perf_counter() - start < 2
    assert [f.code for f in report.findings] == ["ZZ101"]
    (err,) = report.errors
    assert (err.code, err.name, err.plugin) == ("WL091", "plugin-timeout", "hung_plugin")
    assert "exceeded its 0.2s budget" in err.message


def test_a_plugin_that_keeps_hanging_is_skipped_instead_of_piling_up_threads():
    host = Host(plugins=[_with_check("YY", _hang, "hung_plugin")], entry_points=False,
                plugin_timeout=0.1)
    for _ in range(2):
        host.check(TEXT)
    start = time.perf_counter()
    report = host.check(TEXT)
    assert time.perf_counter() - start < 0.1
    assert "skipped: 2 earlier calls are still running" in report.errors[0].message


def test_a_slow_plugin_that_returns_late_is_no_longer_counted_as_stuck():
    def slow(document):
        time.sleep(0.3)
        return []

    host = Host(plugins=[_with_check("YY", slow, "slow_plugin")], entry_points=False,
                plugin_timeout=0.05)
    assert host.check(TEXT).errors[0].code == "WL091"
    deadline = time.monotonic() + 5
    while host._runner.stuck("slow_plugin") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert host._runner.stuck("slow_plugin") == 0


def test_the_budget_grows_with_the_document():
    def per_char(document):
        time.sleep(len(document.text) / 2_000_000)  # 0.15 s at 300 KB
        return []

    host = Host(plugins=[_with_check("YY", per_char)], entry_points=False, plugin_timeout=0.1)
    big = (TEXT + " ") * (300_000 // (len(TEXT) + 1))
    assert not host.check(big).errors  # 300 KB: a 0.3 s budget


def test_a_hung_plugin_does_not_block_parallel_workers_or_interpreter_exit(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent("""
        import threading, types
        from wirelint import Host, Rule, Severity, Signal, hookimpl

        plugin = types.ModuleType("hung_plugin")
        plugin.WIRELINT_PREFIX = "YY"
        plugin.wirelint_rules = hookimpl(lambda: [Rule(
            code="YY101", name="never-returns", signal=Signal.MT, severity=Severity.INFO,
            summary="s", why="w", example="e", use_instead="u", false_positives="f")])
        plugin.wirelint_check = hookimpl(lambda document: threading.Event().wait())

        host = Host(plugins=[plugin], entry_points=False, plugin_timeout=0.2)
        docs = ["The talks went on for a second day, officials said."] * 6
        print([[e.code for e in r.errors] for r in host.check_many(docs, jobs=2)])
    """))
    root = Path(__file__).resolve().parents[2]  # the repository, however wirelint is installed
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         cwd=root, timeout=60, check=True).stdout
    assert time.perf_counter() - start < 30
    assert out.strip() == str([["WL091"]] * 6)


def test_built_in_families_run_inline_without_a_budget(host: Host):
    assert host._trusted == {i.name for i in host.plugins if i.builtin}


def test_a_hung_scorer_falls_back_to_the_built_in_scorer():
    def score(report):
        threading.Event().wait()

    p = _plugin("YY", ["YY101"], score=score)
    report = Host(plugins=[p], entry_points=False, plugin_timeout=0.1).check(TEXT)
    assert [e.code for e in report.errors] == ["WL091"]
    assert 0 <= report.score <= 100


# ------------------------------------------------------------------------ malformed findings


def _bad_findings(document):
    text = document.text
    good = Finding.at(text, 4, 12, code="YY101", message="kept")
    return [
        good,
        Finding(code="YY101", span=Span(0, len(text) + 5), message="m", evidence=text),
        Finding.at(text, 0, 3, code="QQ101", message="a code it does not own"),
        "YY101 at 0:3",
        {"code": "YY101", "start": 0, "end": 3},
        Finding(code="YY101", span=(0, 3), message="m", evidence="The"),  # type: ignore
        Finding.at(text, 0, 3, code="YY101", message="m", confidence=1.5),
        Finding.at(text, 0, 3, code="YY101", message="m", confidence=float("nan")),
        Finding(code="YY101", span=Span(0, 3), message="m", evidence="xyz"),
    ]


def test_malformed_findings_are_dropped_with_wl092_and_the_rest_kept():
    host = Host(plugins=[_with_check("YY", _bad_findings, "sloppy_plugin"), _good()],
                entry_points=False)
    report = host.check(TEXT)
    assert [(f.code, f.message) for f in report.findings] == [
        ("YY101", "kept"), ("ZZ101", "m")]
    problems = [e for e in report.errors if e.code == "WL092"]
    assert len(problems) == 8 and {e.plugin for e in problems} == {"sloppy_plugin"}
    text = "\n".join(e.message for e in problems)
    for reason in ("outside the document", "does not own", "returned str, not Finding",
                   "returned dict, not Finding", "is not a Span", "outside 0..1",
                   "does not match the text"):
        assert reason in text


@pytest.mark.parametrize("result", [42, Finding.at(TEXT, 0, 3, code="YY101", message="m"),
                                    "YY101", {"YY101": 1}])
def test_a_result_that_is_not_a_sequence_is_a_contract_problem(result):
    host = Host(plugins=[_with_check("YY", lambda document: result), _good()],
                entry_points=False)
    report = host.check(TEXT)
    assert [f.code for f in report.findings] == ["ZZ101"]
    (err,) = report.errors
    assert err.code == "WL092" and "not a sequence of Finding" in err.message


# ------------------------------------------------------------------------ pinning the set


def test_host_plugins_accepts_prefixes_distributions_and_wirelint_for_the_built_ins():
    builtins = Host(plugins=["wirelint"], entry_points=False)
    assert {i.name for i in builtins.plugins} == set(host_module.builtin_plugins())
    assert all(i.builtin for i in builtins.plugins)
    by_prefix = Host(plugins=["MT3"], entry_points=False)
    assert [i.name for i in by_prefix.plugins] == ["wirelint_builtins.roundtrip"]


def test_an_unknown_plugin_name_lists_what_is_installed():
    with pytest.raises(PluginError, match=r"no plugin 'NOPE9'.*installed: .*MT3 \(wirelint\)"):
        Host(plugins=["NOPE9"], entry_points=False)


def test_wirelint_plugins_env_pins_the_default_host(monkeypatch):
    monkeypatch.setenv(PLUGINS_ENV, "MT3")
    assert [i.prefix for i in Host().plugins] == ["MT3"]
    monkeypatch.setenv(PLUGINS_ENV, "NOPE9")
    with pytest.raises(PluginError, match="no plugin 'NOPE9'"):
        Host()
    assert Host(entry_points=False).plugins  # an explicit Host ignores the variable


def test_wirelint_plugins_env_can_exclude_an_installed_plugin(monkeypatch):
    eps = [_EntryPoint("ZZ", "good_plugin", _good)]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    assert "ZZ101" in Host().rules
    monkeypatch.setenv(PLUGINS_ENV, "wirelint")
    assert "ZZ101" not in Host().rules


# ------------------------------------------------------------------------ CLI controls


def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_require_plugins_fails_with_what_is_missing_and_what_is_loaded(capsys):
    code, _, err = _cli(capsys, "plugins", "--isolated", "--require-plugins", "MT3,HS9,acme")
    assert code == 2
    assert "required plugin missing: HS9 (not installed); acme (not installed)" in err
    assert "Loaded: " in err and "wirelint[MT3] " in err.partition("Loaded: ")[2]
    assert _cli(capsys, "plugins", "--isolated", "--require-plugins", "MT3,wirelint")[0] == 0


def test_require_plugins_names_a_refused_plugin_and_why(monkeypatch, capsys):
    eps = [_EntryPoint("AC", "acme_plugin", _boom_at_import)]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    code, _, err = _cli(capsys, "rules", "--require-plugins", "AC")
    assert code == 2 and "AC (refused: import failed: ImportError" in err


def test_trace_plugins_prints_each_hook_call_and_its_time(tmp_path, monkeypatch, capsys):
    import wirelint.cli as cli

    monkeypatch.setattr(cli, "Host", lambda **kw: Host(plugins=["wirelint", _good()], **kw))
    story = tmp_path / "story.txt"
    story.write_text(TEXT)
    _, _, err = _cli(capsys, "check", "--trace-plugins", str(story))
    lines = [ln for ln in err.splitlines() if ln.startswith("wirelint: trace: ")]
    assert any(ln.startswith("wirelint: trace: wirelint_rules good_plugin ") for ln in lines)
    assert any(ln.startswith("wirelint: trace: scan (") and ln.endswith(f"[{story}]")
               for ln in lines)
    check = [ln for ln in lines if "wirelint_check good_plugin" in ln]
    assert len(check) == 1 and " ms " in check[0]


def test_plugins_command_shows_package_prefix_version_rules_and_status(monkeypatch, capsys):
    eps = [_EntryPoint("AC", "acme_plugin", _boom_at_import),
           _EntryPoint("ZZ", "good_plugin", _good)]
    monkeypatch.setattr(host_module, "_entry_points", lambda group: eps)
    code, out, _ = _cli(capsys, "plugins")
    lines = out.splitlines()
    assert code == 3
    mt3 = sum(1 for code in Host(entry_points=False).rules if code.startswith("MT3"))
    assert any(ln.startswith("wirelint[MT3] ") and f" {mt3} rules  loaded  wirelint_builtins."
               "roundtrip (built-in)" in ln for ln in lines)
    assert any(ln.startswith("acme_plugin[AC] 0 ") and "0 rules  refused: import failed: "
               "ImportError" in ln for ln in lines)
    assert any(ln.startswith("good_plugin[ZZ] 0 ") and "1 rules  loaded  good_plugin" in ln
               for ln in lines)
    code, out, _ = _cli(capsys, "plugins", "--format", "json")
    rows = {r["prefix"]: r for r in json.loads(out)}
    assert rows["AC"]["status"] == "refused" and rows["ZZ"]["rules"] == 1
    assert rows["MT3"] | {"version": "?"} == {
        "package": "wirelint", "prefix": "MT3", "version": "?", "module":
        "wirelint_builtins.roundtrip", "builtin": True, "rules": mt3, "status": "loaded",
        "reason": ""}


def test_document_ids_reach_plugins_unchanged():
    seen = []

    def spy(document):
        seen.append(document.id)
        return []

    Host(plugins=[_with_check("YY", spy)], entry_points=False).check(
        Document(text=TEXT, id="wire/123"))
    assert seen == ["wire/123"]


def test_configuration_reaches_third_party_plugins_through_the_budgeted_thread():
    seen = []

    def spy(document, config):
        seen.append(config.options.get("k"))
        return []

    Host(plugins=[_with_check("YY", spy)], entry_points=False).check(
        TEXT, Config(options={"k": "v"}))
    assert seen == ["v"]
