from __future__ import annotations

import pytest

from wirelint import (
    Config,
    Document,
    Finding,
    Host,
    Pattern,
    PluginError,
    hookimpl,
)
from wirelint._lang import LANG_SIGNATURE

from .._stubs import stub_plugin, stub_rule

_rule = stub_rule


def _plugin(prefix: str, codes=(), check=None, patterns=(), name=None, score=None):
    hooks = {"wirelint_patterns": lambda: list(patterns)} if patterns else {}
    if check is not None:
        hooks["wirelint_check"] = check
    if score is not None:
        hooks["wirelint_score"] = score
    return stub_plugin(prefix, name or f"plugin_{prefix.lower()}",
                       rules=[_rule(c) for c in codes], **hooks)


TEXT = "The minister said the talks would continue next week in the capital."


def _word_finder(word: str, code: str):
    def wirelint_check(document):
        i = document.text.find(word)
        return [Finding.at(document.text, i, i + len(word), code=code, message="m")] if i >= 0 \
            else []
    return wirelint_check


def test_builtin_host_loads_every_family(host: Host):
    assert all(info.status == "loaded" for info in host.plugins)
    assert {"MT301", "MT302", "MT304"} <= set(host.rules)


def test_builtin_families_are_registered_as_entry_points():
    import tomllib
    from pathlib import Path

    from wirelint._host import builtin_plugins

    data = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    eps = data["project"]["entry-points"]["wirelint"]
    assert sorted(eps.values()) == sorted(builtin_plugins())
    for prefix, module in eps.items():
        assert prefix == __import__(module, fromlist=["x"]).WIRELINT_PREFIX


def test_hook_rules_are_collected_from_a_pinned_plugin_set():
    host = Host(plugins=[_plugin("ZZ", ["ZZ101"])], entry_points=False)
    assert list(host.rules) == ["ZZ101"]


def test_hook_patterns_run_on_the_hot_path():
    p = _plugin("ZZ", ["ZZ101"], patterns=[Pattern(code="ZZ101", words=("capital",))])
    report = Host(plugins=[p], entry_points=False).check(TEXT)
    assert [(f.code, f.evidence, f.plugin) for f in report.findings] == [
        ("ZZ101", "capital", "plugin_zz")]


def test_hook_check_findings_are_stamped_by_the_host():
    p = _plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "ZZ101"))
    (f,) = Host(plugins=[p], entry_points=False).check(TEXT).findings
    assert (f.plugin, f.name, f.line, f.col) == ("plugin_zz", "rule-zz101", 1, 23)


def test_a_raising_plugin_gives_wl090_and_the_others_still_count():
    def boom(document):
        raise RuntimeError("detector exploded")

    good = _plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "ZZ101"))
    bad = _plugin("YY", ["YY101"], check=boom)
    report = Host(plugins=[bad, good], entry_points=False).check(TEXT)
    assert [f.code for f in report.findings] == ["ZZ101"]
    (err,) = report.errors
    assert err.code == "WL090" and err.plugin == "plugin_yy"
    assert "RuntimeError: detector exploded" in err.message


def test_a_plugin_registered_at_run_time_takes_part():
    host = Host(plugins=[], entry_points=False)
    assert not host.check(TEXT).findings
    host.register(_plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "ZZ101")))
    assert [f.code for f in host.check(TEXT).findings] == ["ZZ101"]
    assert "ZZ101" in host.rules


def test_two_plugins_claiming_one_prefix_are_refused_naming_both():
    with pytest.raises(PluginError, match=r"collides with prefix 'ZZ' of first"):
        Host(plugins=[_plugin("ZZ", ["ZZ101"], name="first"),
                      _plugin("ZZ", ["ZZ102"], name="second")], entry_points=False)


def test_nested_prefixes_collide_too():
    with pytest.raises(PluginError, match="collides"):
        Host(plugins=[_plugin("ZZ", ["ZZ101"]), _plugin("ZZ1", ["ZZ102"], name="b")],
             entry_points=False)


def test_a_rule_outside_the_prefix_is_refused_at_load():
    with pytest.raises(PluginError, match="outside the plugin's prefix 'ZZ'"):
        Host(plugins=[_plugin("ZZ", ["YY101"])], entry_points=False)


def test_reserved_prefixes_are_refused_for_third_parties():
    with pytest.raises(PluginError, match="reserved"):
        Host(plugins=[_plugin("MT9", ["MT901"])], entry_points=False)


def test_emitting_a_foreign_code_at_check_time_is_dropped_with_wl092():
    p = _plugin("ZZ", ["ZZ101"], check=_word_finder("talks", "QQ101"))
    report = Host(plugins=[p], entry_points=False).check(TEXT)
    assert not report.findings
    assert [e.code for e in report.errors] == ["WL092"]


def test_a_finding_with_wrong_evidence_is_dropped_with_wl092():
    def liar(document):
        return [Finding(code="ZZ101", span=__import__("wirelint").Span(0, 3), message="m",
                        evidence="xyz")]

    report = Host(plugins=[_plugin("ZZ", ["ZZ101"], check=liar)], entry_points=False).check(TEXT)
    assert not report.findings and report.errors[0].code == "WL092"


def test_an_empty_span_is_dropped_as_empty_not_as_outside_the_document():
    def inserter(document):  # a zero-width "insert here" finding inside the text
        return [Finding(code="ZZ101", span=__import__("wirelint").Span(3, 3), message="m",
                        evidence="")]

    report = Host(plugins=[_plugin("ZZ", ["ZZ101"], check=inserter)],
                  entry_points=False).check(TEXT)
    (err,) = report.errors
    assert err.code == "WL092" and "span [3, 3) is empty" in err.message
    assert "outside" not in err.message


@pytest.mark.parametrize("item", [None, 42, b"wirelint"])
def test_a_plugins_item_that_is_no_plugin_is_a_type_error(item):
    # None had been refused as "plugin .NoneType ([?]): no code prefix".
    with pytest.raises(TypeError, match="is not a plugin"):
        Host(plugins=[item], entry_points=False)


def test_non_english_documents_get_wl001_and_no_findings(host: Host):
    report = host.check("Les négociateurs se sont réunis vendredi à Istanbul pour des "
                        "pourparlers de paix, les premiers depuis trois ans.")
    assert [e.code for e in report.errors] == ["WL001"]
    assert report.language == "fr"
    assert report.verdict == "undetermined"


def test_empty_document_gets_wl003(host: Host):
    report = host.check("   \n\t ")
    assert [e.code for e in report.errors] == ["WL003"]


def test_oversized_document_is_refused_with_wl004(host: Host):
    report = host.check("word " * 100, Config(max_bytes=100))
    assert [e.code for e in report.errors] == ["WL004"]
    assert not report.findings


def test_every_undetermined_report_carries_the_scorers_reading_of_no_evidence(host: Host):
    """Whatever stopped the check, an undetermined report scores alike, so that ``eval``
    ranks such documents together (an unreadable file had read 100 and human 1.00,
    an empty one the scorer's prior)."""
    reports = {
        "empty": host.check("   \n\t "),
        "not English": host.check("Les négociateurs se sont réunis vendredi à Istanbul "
                                  "pour des pourparlers de paix, les premiers depuis trois ans."),
        "too large": host.check("word " * 100, Config(max_bytes=100)),
        "unreadable": host.problem_report("a.txt", "WL006", "a.txt: no such file"),
        "invalid item": host.check_item(None),
    }
    readings = {(r.verdict, r.score, r.probabilities) for r in reports.values()}
    assert len(readings) == 1, readings
    verdict, score, probabilities = readings.pop()
    assert verdict == "undetermined"
    assert score < 100.0 and probabilities.human < 1.0  # the prior, not certainty
    assert [e.code for e in reports["unreadable"].errors] == ["WL006"]


def test_select_and_ignore_by_code_prefix_and_name(host: Host):
    text = "the large -scale plan was 100%certain"
    assert {f.code for f in host.check(text, Config(select=("MT302",))).findings} == {"MT302"}
    assert {f.code for f in host.check(text, Config(ignore=("spaced-hyphen",))).findings} == {
        "MT302"}
    assert {f.code for f in host.check(text, Config(select=("MT3",))).findings} == {
        "MT301", "MT302"}


def test_off_by_default_rules_need_an_exact_selection():
    rule = _rule("ZZ101", default_enabled=False)
    mod = _plugin("ZZ", [], check=_word_finder("talks", "ZZ101"))
    mod.wirelint_rules = hookimpl(lambda: [rule])
    host = Host(plugins=[mod], entry_points=False)
    assert not host.check(TEXT).findings
    assert not host.check(TEXT, Config(select=("ZZ",))).findings
    assert host.check(TEXT, Config(select=("ZZ101",))).findings


def test_hook_score_can_replace_the_scorer():
    import dataclasses

    def score(report):
        return dataclasses.replace(report, score=42.0)

    host = Host(plugins=[_plugin("ZZ", ["ZZ101"], score=score)], entry_points=False)
    assert host.check(TEXT).score == 42.0


def test_hook_configure_receives_the_config():
    seen = []
    mod = _plugin("ZZ", ["ZZ101"])
    mod.wirelint_configure = hookimpl(lambda config: seen.append(config.options))
    Host(plugins=[mod], entry_points=False, config=Config(options={"k": 1}))
    assert seen == [{"k": 1}]


def test_a_plugin_failing_to_import_from_an_entry_point_is_recorded_not_fatal(monkeypatch):
    import wirelint._host as host_module

    class EP:
        name, value, group, dist = "ZQ", "no_such_module_xyz", "wirelint", None

        def load(self):
            raise ImportError("No module named 'no_such_module_xyz'")

    monkeypatch.setattr(host_module, "_entry_points", lambda group: [EP()])
    host = Host(entry_points=True)
    refused = [i for i in host.plugins if i.status == "refused"]
    assert refused and "import failed" in refused[0].reason
    assert "WL080" in {e.code for e in host.check(TEXT).errors}
    with pytest.raises(PluginError):
        Host(entry_points=True, strict=True)


def test_signature_names_plugins_weights_and_language_identifier(host: Host):
    sig = host.check(TEXT).signature
    assert sig.startswith("wirelint:") and "|plugins:" in sig and "wirelint[MT3]@" in sig
    assert "|weights:" in sig and sig.endswith(f"|lang:{LANG_SIGNATURE}")
    assert "langdetect-seed0" in LANG_SIGNATURE


def test_check_many_keeps_input_order_with_processes(host: Host):
    docs = [Document(text=f"Report {i}: the large -scale plan.", id=str(i)) for i in range(30)]
    ids = [r.id for r in host.check_many(docs, jobs=2)]
    assert ids == [str(i) for i in range(30)]
    assert [r.to_dict() for r in host.check_many(docs, jobs=2)] == [
        r.to_dict() for r in host.check_many(docs, jobs=1)]


def test_check_rejects_non_text_arguments(host: Host):
    with pytest.raises(TypeError):
        host.check(123)  # type: ignore[arg-type]


def test_hook_check_cluster_findings_are_merged_into_the_right_report():
    def cluster(documents, reports):
        text = documents[1].text
        return [(1, Finding.at(text, 0, 3, code="ZZ101", message="odd one out"))]

    mod = _plugin("ZZ", ["ZZ101"])
    mod.wirelint_check_cluster = hookimpl(cluster)
    result = Host(plugins=[mod], entry_points=False).check_cluster([TEXT, TEXT])
    assert [len(r.findings) for r in result.reports] == [0, 1]
    assert result.reports[1].findings[0].plugin == mod.__name__


def test_a_raising_cluster_plugin_is_isolated():
    def cluster(documents):
        raise ValueError("bad cluster")

    mod = _plugin("ZZ", ["ZZ101"])
    mod.wirelint_check_cluster = hookimpl(cluster)
    result = Host(plugins=[mod], entry_points=False).check_cluster([TEXT, TEXT])
    assert [e.code for e in result.errors] == ["WL090"]
    assert len(result.reports) == 2
