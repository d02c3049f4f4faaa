"""The library refuses what the command line refuses, at the call, naming the argument.

A plain string where a list is expected, a number out of its range, a selector that
names no rule, ``jobs < 1``: each is a clear error where the mistake is made, not a
silent misreading (a string iterated per character) or a late ``TypeError``.
``min_confidence`` hides findings from the report; the score and verdict count them all.
"""

from __future__ import annotations

import json
import math
import re

import pytest

import wirelint
from tests.conftest import FIXTURES
from wirelint import Config, ConfigError, Host
from wirelint.cli import main
from wirelint.config import load_config

T = "Officials said the large -scale plan was 100%certain to pass, and the talks resumed."
MT_ARTICLE = (FIXTURES / "articles" / "machine-translated" / "talks-roundtrip.txt").read_text(
    encoding="utf-8")


# ------------------------------------------------------------------ Config's own checks


@pytest.mark.parametrize("name", ["select", "ignore", "extend_select"])
def test_a_plain_string_for_a_list_of_selectors_is_refused(name):
    with pytest.raises(TypeError, match=rf"^{name} must be a list of strings, not the "
                                        r"single string 'MT301'"):
        Config(**{name: "MT301"})
    with pytest.raises(ConfigError):  # the command line's error type, too
        Config(**{name: "MT301"})


@pytest.mark.parametrize("value", [("MT", 3), 5, None, {"MT301"}])
def test_a_list_of_selectors_must_hold_strings(value):
    with pytest.raises(TypeError, match="select must be a list of strings"):
        Config(select=value)


def test_a_list_of_selectors_is_kept_as_a_tuple():
    config = Config(select=["MT3"], ignore=["MT304"], extend_select=[])
    assert config.select == ("MT3",) and config.ignore == ("MT304",)
    assert config == Config(select=("MT3",), ignore=("MT304",))
    hash((config.select, config.ignore))  # Host.enabled_codes caches on them


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"min_confidence": "0.5"}, "min_confidence must be a number, not '0.5'"),
    ({"fail_under": "50"}, "fail_under must be a number, not '50'"),
    ({"fail_fpr": [0.01]}, "fail_fpr must be a number, not [0.01]"),
    ({"max_bytes": 1.5}, "max_bytes must be an integer, not 1.5"),
    ({"max_bytes": True}, "max_bytes must be an integer, not True"),
    ({"language_threshold": None}, "language_threshold must be a number, not None"),
])
def test_a_scalar_of_the_wrong_type_is_refused_at_construction(kwargs, message):
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        Config(**kwargs)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fail_under": math.nan}, "fail_under must be a score between 0 and 100, not nan"),
    ({"fail_under": 101}, "fail_under must be a score between 0 and 100, not 101"),
    ({"fail_under": math.inf}, "fail_under must be a score between 0 and 100, not inf"),
    ({"fail_under": -1.0}, "fail_under must be a score between 0 and 100, not -1.0"),
    ({"fail_fpr": math.nan}, "fail_fpr must be a rate between 0 and 1"),
    ({"fail_fpr": 2}, "fail_fpr must be a rate between 0 and 1"),
    ({"min_confidence": 2}, "min_confidence must be a confidence between 0 and 1, not 2"),
    ({"min_confidence": -1}, "min_confidence must be a confidence between 0 and 1"),
    ({"min_confidence": math.nan}, "min_confidence must be a confidence between 0 and 1"),
    ({"language_threshold": 1.5}, "language_threshold must be a probability between 0"),
    ({"max_bytes": -1}, "max_bytes must be a number of bytes, 0 or more, not -1"),
])
def test_a_scalar_out_of_its_range_is_refused_at_construction(kwargs, message):
    with pytest.raises(ConfigError) as caught:
        Config(**kwargs)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("kwargs", [
    {"fail_under": 0}, {"fail_under": 100.0}, {"fail_fpr": 0.0}, {"fail_fpr": 1},
    {"min_confidence": 0}, {"min_confidence": 1.0}, {"max_bytes": 0},
    {"fail_under": None, "fail_fpr": None},
])
def test_the_ends_of_each_range_are_accepted(kwargs):
    Config(**kwargs)


def test_a_configuration_file_out_of_range_names_the_file_and_key(tmp_path):
    f = tmp_path / "wirelint.toml"
    f.write_text("fail-under = nan\n")
    with pytest.raises(ConfigError) as caught:
        load_config(f)
    assert str(caught.value) == f"{f}: fail-under must be a score between 0 and 100, not nan"


def test_an_override_replaces_the_other_threshold_from_the_file():
    from_file = Config(fail_under=50.0)
    assert from_file.with_overrides(fail_fpr=0.01).fail_under is None
    assert Config(fail_fpr=0.01).with_overrides(fail_under=60.0).fail_fpr is None
    with pytest.raises(ConfigError, match="mutually exclusive"):
        from_file.with_overrides(fail_under=60.0, fail_fpr=0.01)


# ------------------------------------------------------------------ the API's arguments


def test_check_many_refuses_a_single_string_at_the_call(host: Host):
    with pytest.raises(TypeError, match=r"check_many\(\) takes an iterable of documents"):
        wirelint.check_many(T)  # raised before any report is asked for
    with pytest.raises(TypeError, match="not a single str"):
        host.check_many(T)


def test_check_cluster_refuses_a_single_string(host: Host):
    with pytest.raises(TypeError, match=r"check_cluster\(\) takes a list of documents"):
        wirelint.check_cluster(T)
    with pytest.raises(TypeError, match="not a single str"):
        host.check_cluster(T)


@pytest.mark.parametrize(("jobs", "error"), [
    (-1, ValueError), (0, ValueError), (1.5, TypeError), (True, TypeError), ("2", TypeError),
])
def test_check_many_refuses_jobs_under_one_at_the_call(host: Host, jobs, error):
    with pytest.raises(error, match="jobs must be"):
        host.check_many([T], jobs=jobs)
    with pytest.raises(error, match="jobs must be"):
        wirelint.check_many([T], jobs=jobs)


def test_check_many_still_checks_an_iterable_of_documents(host: Host):
    reports = list(host.check_many(iter([T, "The council met on Tuesday."])))
    assert len(reports) == 2 and reports[0].findings


def test_a_config_that_is_not_a_config_is_refused(host: Host):
    with pytest.raises(TypeError, match="config must be a Config, not dict"):
        wirelint.check(T, {"select": ["MT3"]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="config must be a Config"):
        host.check_many([T], config={"select": ["MT3"]})  # type: ignore[arg-type]


# ------------------------------------------------------------------ unknown selectors


@pytest.mark.parametrize("field", ["select", "extend_select", "ignore"])
def test_an_unknown_selector_is_refused_as_the_command_line_refuses_it(host: Host, field):
    config = Config(**{field: ("ZZ9",)})
    message = r"^unknown rule selector 'ZZ9' \(see `wirelint rules`\)$"
    with pytest.raises(ConfigError, match=message):
        wirelint.check(T, config)
    with pytest.raises(ConfigError, match=message):
        host.check_many([T], config=config)
    with pytest.raises(ConfigError, match=message):
        host.check_cluster([T, T], config)


def test_a_host_problem_code_is_not_a_rule_selector(host: Host):
    with pytest.raises(ConfigError, match=r"unknown rule selector 'WL0'.*host problems"):
        wirelint.check(T, Config(select=("WL0",)))
    with pytest.raises(ConfigError, match="unknown rule selector 'WL001'"):
        host.check_many([T], config=Config(ignore=("WL001",)))


def test_a_host_built_with_an_unknown_selector_refuses_to_check_many():
    bad = Host(entry_points=False, config=Config(select=("ZZ9",)))
    with pytest.raises(ConfigError, match="unknown rule selector 'ZZ9'"):
        bad.check_many([T])


@pytest.mark.parametrize("token", ["ALL", "MT3", "MT301", "spaced-hyphen"])
def test_codes_prefixes_names_and_all_are_selectors(token):
    report = wirelint.check(T, Config(select=(token,)))
    assert "MT301" in {f.code for f in report.findings}


# ------------------------------------------------------------------ min_confidence


def test_min_confidence_hides_findings_without_changing_score_or_verdict():
    full = wirelint.check(MT_ARTICLE)
    assert full.verdict == wirelint.Verdict.MACHINE_TRANSLATED and full.findings
    for threshold in (0.7, 1.0):
        shown = wirelint.check(MT_ARTICLE, Config(min_confidence=threshold))
        assert shown.findings == tuple(f for f in full.findings if f.confidence >= threshold)
        assert (shown.score, shown.verdict, shown.probabilities) == \
            (full.score, full.verdict, full.probabilities)


def test_min_confidence_in_a_cluster_hides_findings_but_not_their_score(host: Host):
    docs = ["Senator Marco Rubio said on Friday that the talks would be difficult.",
            "On Monday, Secretary of State Marco Rubio visited a school in the capital."]
    full = host.check_cluster(docs, Config(select=("XD601", "MT")))
    hidden = host.check_cluster(docs, Config(select=("XD601", "MT"), min_confidence=0.6))
    assert [f.code for r in full.reports for f in r.findings] == ["XD601", "XD601"]
    assert [f for r in hidden.reports for f in r.findings] == []
    assert [r.score for r in hidden.reports] == [r.score for r in full.reports]


# ------------------------------------------------------------------ the command line


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(MT_ARTICLE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("args", "message"), [
    (["--fail-under", "nan"], "--fail-under must be a score between 0 and 100, not nan"),
    (["--fail-under", "101"], "--fail-under must be a score between 0 and 100, not 101.0"),
    (["--fail-under", "inf"], "--fail-under must be a score between 0 and 100, not inf"),
    (["--min-confidence", "2"], "--min-confidence must be a confidence between 0 and 1, "
                                "not 2.0"),
    (["--min-confidence", "-1"], "--min-confidence must be a confidence between 0 and 1, "
                                 "not -1.0"),
    (["--min-confidence", "nan"], "--min-confidence must be a confidence between 0 and 1, "
                                  "not nan"),
    (["--fail-under", "50", "--fail-fpr", "0.01"],
     "--fail-under and --fail-fpr are mutually exclusive (two ways to set one threshold)"),
    (["--select", "WL0"], "unknown rule selector 'WL0' (see `wirelint rules`); WL codes are "
                          "host problems, not rules, and cannot be selected or ignored"),
    (["--max-bytes", "-1"], "--max-bytes must be a number of bytes, 0 or more, not -1"),
])
def test_a_bad_option_value_is_a_one_line_usage_error(capsys, story, args, message):
    assert main(["check", "--isolated", *args, story]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"wirelint: error: {message}\n"


def test_min_confidence_does_not_change_the_exit_code_or_the_score(capsys, story):
    assert main(["check", "--isolated", "--format", "json", story]) == 1
    full = capsys.readouterr().out
    assert main(["check", "--isolated", "--format", "json", "--min-confidence", "1",
                 story]) == 1
    hidden = capsys.readouterr().out
    a, b = json.loads(full), json.loads(hidden)
    a, b = (a[0] if isinstance(a, list) else a), (b[0] if isinstance(b, list) else b)
    assert (b["score"], b["verdict"]) == (a["score"], a["verdict"])
    assert a["findings"] and not b["findings"]


def test_the_command_line_fail_fpr_overrides_the_files_fail_under(tmp_path, capsys, story):
    (tmp_path / "wirelint.toml").write_text("fail-under = 1\n")  # would pass the article
    config = str(tmp_path / "wirelint.toml")
    assert main(["check", "--config", config, story]) == 0
    assert main(["check", "--config", config, "--fail-fpr", "0.5", story]) == 1
