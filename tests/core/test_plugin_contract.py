"""A hostile or careless plugin costs its own findings, never the check, the batch or the
output: what it returns is checked before the host uses it (WL092), what it raises or
how it exits is a failure of that plugin (WL090, or WL080 at load), and what it declares
at load is refused there rather than failing on every later document.

Each case came from an adversarial probe; each test fails on the code before the fix.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import sys
import time
import types
from dataclasses import replace

import pytest

from wirelint import Document, Finding, Host, Span, hookimpl
from wirelint._host import PluginError
from wirelint.formats import get_writer
from wirelint.model import ClusterReport, Pattern, Probabilities, Report, Signal, Verdict

from .._stubs import stub_plugin, stub_rule

TEXT = "The minister said the talks would continue next week in the capital."


_rule = stub_rule
_plugin = stub_plugin


def _good() -> types.ModuleType:
    """ZZ101 on 'talks': the finding every test expects to survive."""
    def wirelint_check(document):
        i = document.text.find("talks")
        return [Finding.at(document.text, i, i + 5, code="ZZ101", message="m")] if i >= 0 else []
    return _plugin("ZZ", "good_plugin", wirelint_check=wirelint_check)


def _host(*plugins, **kwargs) -> Host:
    return Host(plugins=[*plugins, _good()], entry_points=False, **kwargs)


def _render(name: str, report: Report, host: Host) -> str:
    stream = io.StringIO()
    writer = get_writer(name, stream, rules=host.rules)
    writer.write(report, Document(text=TEXT))
    writer.finish()
    return stream.getvalue()


def _codes(report: Report) -> list[str]:
    return [e.code for e in report.errors]


def _kept(report: Report) -> bool:
    return [f.code for f in report.findings] == ["ZZ101"]


# ------------------------------------------------------------------ what a check hook returns


@pytest.mark.parametrize("finding", [
    Finding(code=["AB101"], span=Span(22, 27), message="m", evidence="talks"),  # unhashable
    Finding(code="AB101", span=Span(22, 27), message="m", evidence=None),
    Finding(code="AB101", span=Span(22, 27), message="m", evidence="talks", suggestion=42),
], ids=["list-code", "none-evidence", "int-suggestion"])
def test_a_finding_of_the_wrong_types_is_dropped_and_the_output_still_renders(finding):
    host = _host(_plugin("AB", "bad_plugin", wirelint_check=lambda document: [finding]))
    report = host.check(TEXT)
    assert _codes(report) == ["WL092"] and _kept(report)
    for name in ("text", "json", "jsonl", "sarif", "github", "junit", "html"):
        assert _render(name, report, host)


def test_two_hundred_thousand_bad_findings_are_one_error_record():
    flood = [Finding(code="XX101", span=Span(22, 27), message="m", evidence="talks")] * 200_000
    report = _host(_plugin("AB", "flood", wirelint_check=lambda document: flood)).check(TEXT)
    (problem,) = report.errors
    assert problem.message == ("plugin flood: emitted code 'XX101', which it does not own; "
                               "200000 findings dropped")


def test_a_flood_of_bad_measurements_is_at_most_eleven_error_records():
    flood = {f"XX{i:03d}": 0.5 for i in range(5000)}
    report = _host(_plugin("AB", "measurer", wirelint_measure=lambda document: flood)).check(TEXT)
    assert len(report.errors) == 11
    assert report.errors[-1].message == ("plugin measurer: 4990 more measurements dropped for "
                                         "other reasons")


def test_a_nan_measurement_is_named_as_nan():
    host = _host(_plugin("AB", "measurer", wirelint_measure=lambda document: {"AB101": math.nan}))
    (problem,) = host.check(TEXT).errors
    assert "'AB101'=nan is not a probability" in problem.message


# ------------------------------------------------------------------ what a plugin raises


def test_sys_exit_in_a_check_hook_is_a_failing_plugin_not_the_end_of_the_run():
    host = _host(_plugin("AB", "exiting", wirelint_check=lambda document: sys.exit(0)))
    reports = list(host.check_many([TEXT, TEXT, TEXT]))
    assert len(reports) == 3
    assert all(_codes(r) == ["WL090"] and _kept(r) for r in reports)
    assert "raised SystemExit" in reports[0].errors[0].message


def test_an_exception_whose_str_raises_is_still_described():
    class Fancy(Exception):
        def __str__(self):
            raise KeyError("no message")

    def boom(document):
        raise Fancy

    report = _host(_plugin("AB", "fancy", wirelint_check=boom)).check(TEXT)
    assert _codes(report) == ["WL090"] and _kept(report)
    assert "Fancy: (its message could not be read)" in report.errors[0].message


# ------------------------------------------------------------------ what a plugin declares


def _refusal(*plugins) -> str:
    with pytest.raises(PluginError) as caught:
        _host(*plugins)
    assert "\n" not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize(("fields", "reason"), [
    ({"regex": "talks", "confidence": math.nan}, "confidence nan is not a number in 0..1"),
    ({"regex": "talks", "confidence": -1.0}, "confidence -1.0 is not a number in 0..1"),
    ({"regex": "(t)alks", "group": 3}, "group 3 does not exist (the regex has 1)"),
    ({"regex": "talks", "group": "x"}, "group 'x' is not a named group of the regex"),
    ({"words": (1, 2)}, "words must be a tuple of str"),
    ({"regex": "talks", "prefilter": 5}, "prefilter 5 is not a str"),
    ({"regex": "talks", "guard": "yes"}, "guard is not callable"),
])
def test_a_pattern_that_would_fail_on_every_document_is_refused_at_load(fields, reason):
    plugin = _plugin("AB", "bad_pattern",
                     wirelint_patterns=lambda: [Pattern(code="AB101", **fields)])
    assert f"pattern for AB101: {reason}" in _refusal(plugin)


def test_a_rule_with_an_unknown_signal_is_refused_and_a_string_value_is_accepted():
    assert "signal 'bogus'" in _refusal(
        _plugin("AB", "bogus", rules=[_rule("AB101", signal="bogus")]))

    def fires(document):
        return [Finding.at(document.text, 22, 27, code="AB101", message="m")]

    host = _host(_plugin("AB", "stringly", rules=[_rule("AB101", signal="mt", severity="error")],
                         wirelint_check=fires))
    assert host.rules["AB101"].signal is Signal.MT
    report = host.check(TEXT)
    assert not report.errors and {f.code for f in report.findings} == {"AB101", "ZZ101"}


def test_a_rule_may_not_take_a_built_in_rules_name():
    squatter = _plugin("AB", "squatter", rules=[_rule("AB101", name="spaced-hyphen")])
    with pytest.raises(PluginError, match="name 'spaced-hyphen' is already the name of MT301"):
        Host(plugins=["wirelint", squatter], entry_points=False)


def test_a_misspelt_hook_argument_is_refused_and_the_others_load():
    module = _plugin("AB", "typo_args")
    module.wirelint_check = hookimpl(lambda documnet: [])
    host = Host(plugins=[_good()], entry_points=False)
    with pytest.raises(PluginError, match="cannot register: PluginValidationError"):
        host.register(module)
    assert _kept(host.check(TEXT))


@pytest.mark.parametrize(("hook", "reason"), [
    ("wirelint_chek", "unknown hook wirelint_chek (misspelt?)"),
    (None, "no hook implementations"),
])
def test_a_plugin_whose_hooks_would_never_run_is_refused(hook, reason):
    module = types.ModuleType("silent")
    module.WIRELINT_PREFIX = "AB"
    if hook:
        setattr(module, hook, hookimpl(lambda document: []))
    assert reason in _refusal(module)


def test_a_plugin_whose_attributes_raise_is_refused_not_a_crash():
    lazy = types.ModuleType("lazy_plugin")

    def __getattr__(name):
        raise RuntimeError(f"lazy import of {name} failed")

    lazy.__getattr__ = __getattr__
    assert "cannot read its attributes: RuntimeError: lazy import of" in _refusal(lazy)


def test_sys_exit_at_import_refuses_the_plugin(monkeypatch):
    class ExitingEntryPoint:
        group, name, value, dist = "wirelint", "AB", "exiting_at_import", None

        def load(self):
            sys.exit("bye")

    import wirelint._host as host_module

    monkeypatch.setattr(host_module, "_entry_points", lambda group: [ExitingEntryPoint()])
    host = Host(builtins=False)
    (problem,) = host.load_problems
    assert problem.code == "WL080" and "import failed: SystemExit: bye" in problem.message


def test_a_hung_load_hook_refuses_its_plugin_within_the_budget():
    def configure(config):
        time.sleep(5)

    start = time.perf_counter()
    with pytest.raises(PluginError, match=r"Overrun: exceeded its 0\.1s budget"):
        Host(plugins=[_plugin("AB", "slow_load", wirelint_configure=configure)],
             entry_points=False, plugin_timeout=0.01)
    assert time.perf_counter() - start < 3


def test_a_look_alike_of_a_built_in_family_gets_no_built_in_trust():
    class lexical:  # named like the built-in family on purpose
        WIRELINT_PREFIX = "MT9"

        @hookimpl
        def wirelint_rules(self):
            return [_rule("MT901")]

    lexical.__module__ = "wirelint_builtins"
    assert "letters reserved for wirelint's own families" in _refusal(lexical())


def test_two_objects_of_one_class_get_their_own_names():
    class Detector:
        def __init__(self, prefix):
            self.WIRELINT_PREFIX = prefix

        @hookimpl
        def wirelint_rules(self):
            return [_rule(f"{self.WIRELINT_PREFIX}101")]

    host = Host(plugins=[Detector("AB"), Detector("CD")], entry_points=False, builtins=False)
    assert sorted(i.prefix for i in host.plugins if i.status == "loaded") == ["AB", "CD"]


def test_a_version_cannot_forge_a_field_of_the_signature():
    module = _plugin("AB", "forger")
    module.__version__ = "1.0|weights:forged\nlang:none"
    signature = Host(plugins=[module], entry_points=False, builtins=False).signature
    assert signature.count("|weights:") == 1 and "\n" not in signature
    assert "forger[AB]@1.0weights:forgedlang:none" in signature


# ------------------------------------------------------------------ a replacement scorer


def _scorer(result):
    return _plugin("AB", "scorer", wirelint_score=lambda report: result(report))


@pytest.mark.parametrize("result", [
    lambda r: replace(r, score=math.nan),
    lambda r: replace(r, score=1e9),
    lambda r: replace(r, verdict="bogus"),
    lambda r: replace(r, probabilities={}),
    lambda r: {"score": 5},
], ids=["nan-score", "huge-score", "str-verdict", "dict-probabilities", "dict"])
def test_a_scorer_result_that_cannot_be_a_score_falls_back_to_the_built_in(result):
    host = _host(_scorer(result))
    report = host.check(TEXT)
    assert _codes(report) == ["WL092"] and "the built-in scorer was used" in \
        report.errors[0].message
    assert 0 <= report.score <= 100 and isinstance(report.verdict, Verdict)
    json.loads(_render("json", report, host), parse_constant=pytest.fail)


def test_a_scorer_takes_the_score_not_the_findings_errors_or_id():
    def fail(document):
        raise RuntimeError("boom")

    def takeover(report):
        return replace(report, id="forged", errors=(), findings=(), score=12.5,
                       verdict=Verdict.MACHINE_TRANSLATED,
                       probabilities=Probabilities(machine_translated=0.9, human=0.1))

    host = _host(_scorer(takeover), _plugin("CD", "failing", wirelint_check=fail))
    report = host.check(Document(text=TEXT, id="doc-1"))
    assert report.id == "doc-1" and _codes(report) == ["WL090"] and _kept(report)
    assert (report.score, report.verdict) == (12.5, Verdict.MACHINE_TRANSLATED)


# ------------------------------------------------------------------ a cluster analysis


@pytest.mark.parametrize(("analysis", "reason"), [
    (ClusterReport(reports=(), likely_source=42), "likely_source 42 is not a document index"),
    (ClusterReport(reports=(), similarity=((0, 1),)),
     "similarity, relations or derivation is malformed"),
    (ClusterReport(reports=(), relations=((0, 9, "copy"),)),
     "relations are not (index, index, str) triples"),
])
def test_a_malformed_cluster_analysis_is_dropped(analysis, reason):
    host = Host(plugins=[_plugin("AB", "analyst",
                                 wirelint_check_cluster=lambda documents: [analysis])],
                entry_points=False, builtins=False)
    result = host.check_cluster([TEXT, TEXT])
    assert [e.code for e in result.errors] == ["WL092"] and reason in result.errors[0].message
    assert result.likely_source is None and len(result.to_dict()["reports"]) == 2


def test_a_cluster_analysis_extra_cannot_replace_the_reports_or_signature():
    forged = ClusterReport(reports=(), extra={"reports": [], "errors": [], "signature": "forged"})
    analyst = _plugin("AB", "analyst", wirelint_check_cluster=lambda documents: [forged])
    host = Host(plugins=[analyst], entry_points=False, builtins=False)
    out = host.check_cluster([TEXT, TEXT]).to_dict()
    assert len(out["reports"]) == 2 and out["signature"] == host.signature


def test_a_cluster_hook_returning_a_mapping_is_a_contract_error():
    host = Host(plugins=[_plugin("AB", "analyst", wirelint_check_cluster=lambda documents: {})],
                entry_points=False, builtins=False)
    (problem,) = host.check_cluster([TEXT, TEXT]).errors
    assert problem.code == "WL092" and "_ContractError" not in problem.message


def test_a_plugin_cannot_write_into_the_callers_document_meta():
    def scribble(document):
        with contextlib.suppress(TypeError):  # read-only now; a dict before the fix
            document.meta["touched"] = True
        return []

    caller = Document(text=TEXT, id="d", meta={"date": "2025-05-16"})
    report = _host(_plugin("AB", "scribbler", wirelint_check=scribble)).check(caller)
    assert dict(caller.meta) == {"date": "2025-05-16"} and _kept(report)


def test_a_prefix_that_is_not_a_string_is_refused():
    module = _plugin("AB", "numbered")
    module.WIRELINT_PREFIX = 5
    assert "prefix 5 is not 2-3 capitals" in _refusal(module)
