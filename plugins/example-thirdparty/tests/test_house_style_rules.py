from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from wirelint import Config, Host, PluginError

import wirelint_house_style as hs

ALL = Config(select=("HS1",))


def _host(**options) -> Host:
    return Host(plugins=[hs], entry_points=False,
                config=Config(options={"house-style": options} if options else {}))


def _findings(text: str, host: Host | None = None, config: Config = ALL):
    host = host or _host()
    options = host.config.options
    report = host.check(text, Config(select=config.select, options=options))
    assert not report.errors, report.errors
    return [(f.code, f.evidence, f.suggestion) for f in report.findings]


def test_day_before_month_suggests_the_ap_form_with_abbreviated_months():
    text = "The ceasefire began on 3 September and was extended on 21st October, he said."
    assert _findings(text) == [("HS101", "3 September", "Sept. 3"),
                               ("HS101", "21st October", "Oct. 21")]


def test_month_before_day_and_lowercase_may_are_not_flagged():
    text = "The ceasefire began on Sept. 3 and officials may review it on 12 may or later."
    assert _findings(text) == []


def test_day_before_month_needs_a_whole_number_before_the_month():
    assert _findings("Flight 312 March arrivals were delayed, the airline said today.") == []


def test_outdated_place_names_get_the_house_spelling():
    text = "Shelling hit Kharkov and Odessa overnight, and Kiev said talks would go on."
    assert _findings(text) == [("HS103", "Kharkov", "Kharkiv"), ("HS103", "Odessa", "Odesa"),
                               ("HS103", "Kiev", "Kyiv")]


@pytest.mark.parametrize("text", [
    "The Bombay Stock Exchange closed higher on Friday, traders said.",
    "She ordered the chicken Kiev and a glass of wine at the restaurant.",
    "He grew up in Odessa, Texas, and moved to Houston after school.",
    "She studied economics at Peking University before joining the bank.",
    "The Kievan Rus state was founded in the ninth century, historians say.",
])
def test_fixed_names_that_keep_the_old_form_are_spared(text):
    assert _findings(text) == []


def test_banned_phrases_default_list_with_suggestions():
    text = "It is worth noting that the report will delve into the budget in the realm of cuts."
    assert _findings(text) == [
        ("HS102", "It is worth noting that", None),
        ("HS102", "delve into", "examine"),
        ("HS102", "in the realm of", "in"),
    ]


def test_banned_phrases_match_across_line_breaks_and_curly_apostrophes():
    text = "Officials said that in today\u2019s fast-paced\nworld the rules were outdated."
    assert [c for c, *_ in _findings(text)] == ["HS102"]


def test_a_desk_list_extends_the_defaults():
    host = _host(**{"banned-phrases": ["going forward => from now on", "world-class"]})
    text = "Going forward, the world-class team will delve into the data, the coach said."
    assert _findings(text, host) == [
        ("HS102", "Going forward", "from now on"),
        ("HS102", "world-class", None),
        ("HS102", "delve into", "examine"),
    ]


def test_a_desk_table_can_replace_the_defaults():
    host = _host(**{"banned-phrases": {"utilize": "use"}, "keep-defaults": False})
    text = "The agency will utilize new tools and delve into the data, a spokesman said."
    assert _findings(text, host) == [("HS102", "utilize", "use")]


@pytest.mark.parametrize(("options", "message"), [
    ({"banned-phrases": "delve"}, "must be a list of strings or a table"),
    ({"keep-defaults": "no"}, "keep-defaults must be true or false"),
    ({"banned": ["x"]}, "unknown house-style option"),
    ({"banned-phrases": [""]}, "bad entry"),
])
def test_a_bad_configuration_refuses_the_plugin_naming_the_problem(options, message):
    with pytest.raises(PluginError, match=message):
        _host(**options)


def test_two_hosts_with_different_lists_do_not_share_state():
    plain, custom = _host(), _host(**{"banned-phrases": ["world-class"]})
    text = "The world-class team will delve into the data, the coach said on Monday."
    assert [e for _, e, _ in _findings(text, plain)] == ["delve into"]
    assert [e for _, e, _ in _findings(text, custom)] == ["world-class", "delve into"]


def test_the_plugin_is_registered_under_its_prefix():
    (ep,) = [ep for ep in entry_points(group="wirelint") if ep.name == "HS1"]
    assert ep.value == "wirelint_house_style"
    assert ep.dist is not None and ep.dist.name == "wirelint-house-style"
    assert ep.dist.version == hs.__version__


def test_wirelint_plugins_lists_it_as_package_prefix_version():
    out = subprocess.run([sys.executable, "-m", "wirelint", "plugins"], capture_output=True,
                         text=True, check=False).stdout
    line = next(ln for ln in out.splitlines() if "[HS1]" in ln)
    assert line.startswith(f"wirelint-house-style[HS1] {hs.__version__}")
    assert "3 rules  loaded  wirelint_house_style" in line


def test_the_default_host_loads_it_next_to_the_built_ins():
    host = Host()
    assert {"HS101", "HS102", "HS103"} <= set(host.rules)
    assert any(i.prefix == "HS1" and i.status == "loaded" for i in host.plugins)
