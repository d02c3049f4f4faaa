from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wirelint.cli as cli
from tests.cli.fixplugin import STORY, fix_host
from wirelint import Document, Finding, Host
from wirelint._suppress import (
    AllowEntry,
    Baseline,
    Suppressor,
    _starts_and_ends,
    covers,
    fingerprint,
    parse_allow,
)
from wirelint.cli import main
from wirelint.config import ConfigError, config_from_mapping

SENTENCE = "The minister said on Monday that teh government would meet the unions.\n"
OTHER = "Officials said that the work would begin in the spring and end in the winter.\n"


@pytest.fixture(autouse=True)
def zz(monkeypatch):
    monkeypatch.setattr(cli, "Host", fix_host)
    return fix_host()


def run(capsys, tmp_path, *argv, allow: str | None = None):
    config = tmp_path / "wirelint.toml"
    config.write_text(allow or "")
    code = main(["check", "--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def story(tmp_path, text: str = STORY, name: str = "story.txt"):
    f = tmp_path / name
    f.write_text(text)
    return str(f)


# ------------------------------------------------------------------ the allow-list


def test_allow_list_parses_strings_and_tables_with_reasons():
    entries = parse_allow(["Reuters", {"text": "teh", "code": ["ZZ101", "ZZ1"],
                                       "reason": "house style", "ignore-case": True}], "x")
    assert entries[0] == AllowEntry(text="Reuters", source="x allow[0]")
    assert entries[1].codes == ("ZZ101", "ZZ1") and entries[1].reason == "house style"
    assert entries[1].ignore_case


@pytest.mark.parametrize("bad, message", [
    ("teh", "list of strings or tables"),
    ([{"txt": "a"}], "unknown key 'txt'"),
    ([{"text": " "}], "'text' must be a non-empty string"),
    ([{"text": "a", "code": 3}], "'code' must be a string or a list"),
    ([{"text": "a", "reason": 1}], "'reason' must be a string"),
    ([7], "expected a string or a table"),
    ([{"text": "a", "code": "ALL"}], "'code' cannot be \"ALL\"; leave 'code' out"),
    ([{"text": "a", "code": ["ZZ1", "ALL"]}], "'code' cannot be \"ALL\""),
])
def test_bad_allow_entries_are_configuration_errors(bad, message):
    with pytest.raises(ConfigError, match=message):
        config_from_mapping({"allow": bad})


def test_an_entry_for_code_all_is_a_one_line_usage_error(tmp_path, capsys):
    # README: an entry's code is a code, prefix or rule name (ALL is for --select); an
    # entry without a code already covers every rule.  ALL used to be accepted and then
    # suppress nothing, without a WL070 line.
    code, out, err = run(capsys, tmp_path, story(tmp_path),
                         allow='[[allow]]\ntext = "utilise"\ncode = "ALL"\n')
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "allow[0]: 'code' cannot be \"ALL\"; leave 'code' out" in err


def test_an_allowed_phrase_suppresses_findings_inside_it(tmp_path, capsys):
    allow = '[[allow]]\ntext = "teh government"\nreason = "quoted"\n'
    _, out, err = run(capsys, tmp_path, story(tmp_path), allow=allow)
    assert "ZZ101" not in out and "ZZ103" in out
    assert "1 finding(s) suppressed (1 by the allow-list, 0 by the baseline)" in err


def test_an_allowed_word_must_cover_the_whole_span_at_word_edges(zz):
    text = "They said tehran and teh were both written there by the desk."
    f = Finding.at(text, 21, 24, code="ZZ101", message="m")
    g = Finding.at(text, 10, 13, code="ZZ101", message="m")  # "teh" inside "tehran"
    report = zz.check(text)
    s = Suppressor(parse_allow(["teh"]))
    kept, suppressed = s.split(report.__class__(**{**_fields(report), "findings": (g, f)}),
                               Document(text=text))
    assert suppressed == [f] and kept == [g]


def _fields(report):
    return {k: getattr(report, k) for k in report.__dataclass_fields__}


def test_an_allowed_phrase_matches_across_a_line_break(zz):
    text = "The minister said teh\ngovernment would meet the unions on Monday."
    f = Finding.at(text, 18, 21, code="ZZ101", message="m")
    s = Suppressor(parse_allow(["teh government"]))
    report = zz.check(text)
    assert s.split(report.__class__(**{**_fields(report), "findings": (f,)}),
                   Document(text=text))[1] == [f]


def test_a_per_code_entry_leaves_other_codes_alone(tmp_path, capsys):
    allow = '[[allow]]\ntext = "utilise"\ncode = "ZZ101"\n'
    _, out, err = run(capsys, tmp_path, story(tmp_path), allow=allow)
    assert "ZZ103" in out
    assert "WL070 unused-suppression: allow entry 'utilise' (ZZ101)" in err


@pytest.mark.parametrize("code", ["ZZ103", "ZZ1", "utilise-for-use"])
def test_an_entry_names_its_codes_by_code_prefix_or_rule_name(tmp_path, capsys, code):
    allow = f'[[allow]]\ntext = "utilise"\ncode = "{code}"\n'
    _, out, _ = run(capsys, tmp_path, story(tmp_path), allow=allow)
    assert "ZZ103" not in out


def test_ignore_case(tmp_path, capsys):
    allow = '[[allow]]\ntext = "UTILISE"\nignore-case = true\n'
    _, out, _ = run(capsys, tmp_path, story(tmp_path), allow=allow)
    assert "ZZ103" not in out
    _, out, _ = run(capsys, tmp_path, story(tmp_path), allow='allow = ["UTILISE"]\n')
    assert "ZZ103" in out


def test_an_entry_for_an_unknown_code_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path, story(tmp_path),
                       allow='[[allow]]\ntext = "x"\ncode = "ZZ999"\n')
    assert code == 2 and "code 'ZZ999' matches no rule" in err


def test_suppressed_findings_never_reach_the_score(tmp_path, capsys):
    path = story(tmp_path)
    _, allowed, _ = run(capsys, tmp_path, "--format", "json", path,
                        allow='allow = ["teh", "utilise", "Click on a star to rate it!"]\n')
    _, ignored, _ = run(capsys, tmp_path, "--format", "json", "--ignore", "ZZ", path)
    _, plain, _ = run(capsys, tmp_path, "--format", "json", path)
    a, i, p = (json.loads(x)[0] for x in (allowed, ignored, plain))
    assert a["findings"] == [] and p["findings"]
    assert (a["score"], a["verdict"], a["probabilities"]) == \
        (i["score"], i["verdict"], i["probabilities"])
    assert a["score"] > p["score"]


def test_unused_entries_are_reported_once_per_run(tmp_path, capsys):
    files = [story(tmp_path, OTHER, f"{i}.txt") for i in range(3)]
    _, out, err = run(capsys, tmp_path, *files,
                      allow='[[allow]]\ntext = "Kyiv"\nreason = "city"\n')
    assert err.count("WL070 unused-suppression") == 1
    assert "allow entry 'Kyiv' (city)" in err and "WL070" not in out


def test_an_entry_for_a_disabled_rule_is_not_called_unused(tmp_path, capsys):
    _, _, err = run(capsys, tmp_path, "--ignore", "ZZ103", story(tmp_path),
                    allow='[[allow]]\ntext = "utilise"\ncode = "ZZ103"\n')
    assert "WL070" not in err


def test_allowed_findings_are_not_fixed(tmp_path, capsys):
    path = story(tmp_path)
    run(capsys, tmp_path, "--fix", path, allow='allow = ["teh"]\n')
    text = Path(path).read_text()
    assert "teh government" in text and "Click on a star" not in text


# ------------------------------------------------------------------ the baseline


def test_write_baseline_records_findings_and_prints_no_report(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    code, out, err = run(capsys, tmp_path, "--write-baseline", str(baseline),
                         story(tmp_path))
    data = json.loads(baseline.read_text())
    assert code == 0 and out == ""
    assert data["wirelint-baseline"] == 1
    assert sorted(e["code"] for e in data["findings"]) == ["ZZ101", "ZZ102", "ZZ103"]
    assert all(e["count"] == 1 and e["reason"] == "" for e in data["findings"])
    assert "wrote 3 finding(s) from 1 document(s)" in err


def test_baseline_reports_only_new_findings_and_survives_line_moves(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    path = story(tmp_path, SENTENCE)
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    # a paragraph added above and a new finding below
    story(tmp_path, OTHER + "\n" + SENTENCE + "We will utilise it.\n")
    _, out, err = run(capsys, tmp_path, "--baseline", str(baseline), path)
    assert "ZZ101" not in out and f"{path}:4:" in out and "ZZ103" in out
    assert "1 finding(s) suppressed (0 by the allow-list, 1 by the baseline)" in err
    assert "WL070" not in err


def test_a_repeat_beyond_the_recorded_count_is_new(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    path = story(tmp_path, SENTENCE)
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    story(tmp_path, SENTENCE + SENTENCE)
    _, out, _ = run(capsys, tmp_path, "--baseline", str(baseline), path)
    assert out.count("ZZ101") == 1 and f"{path}:2:" in out


def test_a_fixed_finding_leaves_an_unused_baseline_entry(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    path = story(tmp_path, SENTENCE)
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    story(tmp_path, SENTENCE.replace("teh", "the"))
    _, _, err = run(capsys, tmp_path, "--baseline", str(baseline), path)
    assert f"WL070 unused-suppression: 1 baseline finding(s) in {baseline}" in err


def test_rewriting_a_baseline_keeps_the_reasons(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    path = story(tmp_path)
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    data = json.loads(baseline.read_text())
    for e in data["findings"]:
        e["reason"] = f"accepted {e['code']}"
    baseline.write_text(json.dumps(data))
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    again = json.loads(baseline.read_text())["findings"]
    assert sorted(e["reason"] for e in again) == [
        "accepted ZZ101", "accepted ZZ102", "accepted ZZ103"]


def test_baseline_file_is_deterministic(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    path = story(tmp_path)
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    first = baseline.read_bytes()
    run(capsys, tmp_path, "--write-baseline", str(baseline), path)
    assert baseline.read_bytes() == first


@pytest.mark.parametrize("content, message", [
    ("not json", "invalid JSON"),
    ('{"findings": []}', "not a wirelint baseline"),
    ('{"wirelint-baseline": 1, "findings": [{"count": 1}]}', "needs a \"fingerprint\""),
    ('{"wirelint-baseline": 1, "findings": [{"fingerprint": "ab", "count": 1}]}',
     "findings[0] needs a \"document\" string"),
])
def test_a_bad_baseline_is_a_usage_error(tmp_path, capsys, content, message):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content)
    code, _, err = run(capsys, tmp_path, "--baseline", str(baseline), story(tmp_path))
    assert code == 2 and message in err


def test_write_baseline_with_baseline_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path, "--baseline", "a.json", "--write-baseline", "b.json",
                       story(tmp_path))
    assert code == 2 and "cannot be combined" in err


def test_fingerprint_ignores_other_lines_and_whitespace_but_not_the_words_around(zz):
    def fp(text):
        i = text.index("teh")
        return fingerprint(text, Finding.at(text, i, i + 3, code="ZZ101", message="m"))

    base = fp(SENTENCE)
    assert fp("A new first paragraph.\n\n" + SENTENCE + "A last one.\n") == base
    assert fp(SENTENCE.replace("Monday that", "Monday  that")) == base
    assert fp(SENTENCE.replace("would meet", "will meet")) != base
    assert fp(SENTENCE.replace("teh", "teh", 1)) == base


def test_baseline_budget_counts_repeats():
    doc = Document(text=SENTENCE + SENTENCE, id="a")
    i, j = SENTENCE.index("teh"), len(SENTENCE) + SENTENCE.index("teh")
    findings = [Finding.at(doc.text, k, k + 3, code="ZZ101", message="m") for k in (i, j)]
    b = Baseline()
    b.add(doc, findings)
    assert len(b.entries) == 1 and b.entries[0]["count"] == 2
    assert sum(b.budget().values()) == 2


def _located(path, out):
    """Whether ``out`` has a finding line (``PATH:LINE:COL:``) for ``path``."""
    return re.search(re.escape(path) + r":\d+:\d+:", out) is not None


def test_a_baseline_entry_suppresses_only_in_its_own_document(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    a = story(tmp_path, name="a.txt")
    b = story(tmp_path, name="b.txt")  # the same story under another name is new
    run(capsys, tmp_path, "--write-baseline", str(baseline), a)
    assert {e["document"] for e in json.loads(baseline.read_text())["findings"]} == {a}
    _, out, err = run(capsys, tmp_path, "--baseline", str(baseline), b)
    assert {"ZZ101", "ZZ102", "ZZ103"} <= set(out.split()) and "suppressed" not in err
    assert "WL070" not in err  # a.txt was not checked: its entries could not match
    for order in ((b, a), (a, b)):  # the order of the inputs does not matter
        _, out, err = run(capsys, tmp_path, "--baseline", str(baseline), *order)
        assert not _located(a, out) and _located(b, out) and out.count("ZZ101") == 1
        assert "3 finding(s) suppressed (0 by the allow-list, 3 by the baseline)" in err
        assert "WL070" not in err


def _two_baselined(tmp_path, capsys) -> tuple[Path, str, str]:
    """Two stories with the same finding, both written into one baseline."""
    baseline = tmp_path / "baseline.json"
    a = story(tmp_path, SENTENCE, "a.txt")
    b = story(tmp_path, SENTENCE, "b.txt")
    run(capsys, tmp_path, "--write-baseline", str(baseline), a, b)
    return baseline, a, b


def test_baseline_counts_are_kept_per_document(tmp_path, capsys):
    baseline, a, b = _two_baselined(tmp_path, capsys)
    entries = json.loads(baseline.read_text())["findings"]
    assert sorted((e["document"], e["count"]) for e in entries) == [(a, 1), (b, 1)]
    story(tmp_path, SENTENCE + SENTENCE, "a.txt")  # a repeat in a.txt, none in b.txt
    _, out, err = run(capsys, tmp_path, "--baseline", str(baseline), a, b)
    assert out.count("ZZ101") == 1 and f"{a}:2:" in out and not _located(b, out)
    assert "WL070" not in err


def test_unused_baseline_entries_are_reported_per_document(tmp_path, capsys):
    baseline, a, b = _two_baselined(tmp_path, capsys)
    story(tmp_path, SENTENCE.replace("teh", "the"), "a.txt")  # fixed in a.txt only
    _, out, err = run(capsys, tmp_path, "--baseline", str(baseline), b, a)
    assert "ZZ101" not in out
    stale = [line for line in err.splitlines() if "WL070" in line]
    assert len(stale) == 1
    assert f"1 baseline finding(s) in {baseline} for {a} matched nothing" in stale[0]
    # b.txt alone: a.txt's stale entry could not match in this run, so it is not reported
    _, _, err = run(capsys, tmp_path, "--baseline", str(baseline), b)
    assert "WL070" not in err


def test_baseline_budget_is_keyed_by_document(zz):
    b = Baseline()
    i = SENTENCE.index("teh")
    for name in ("a", "b"):
        doc = Document(text=SENTENCE, id=name)
        b.add(doc, [Finding.at(doc.text, i, i + 3, code="ZZ101", message="m")])
    fp = b.entries[0]["fingerprint"]
    assert b.budget() == {("a", fp): 1, ("b", fp): 1}
    f = Finding.at(SENTENCE, i, i + 3, code="ZZ101", message="m")
    report = zz.check(SENTENCE)
    report = report.__class__(**{**_fields(report), "findings": (f,)})
    s = Suppressor(baseline=b)
    assert s.split(report, Document(text=SENTENCE, id="c")) == ([f], [])  # not recorded
    assert s.split(report, Document(text=SENTENCE, id="a")) == ([], [f])
    assert s.split(report, Document(text=SENTENCE, id="a")) == ([f], [])  # count used up


# ------------------------------------------------------------ with --min-confidence


def _real_check(tmp_path, capsys, *argv, allow: str = "") -> dict:
    """One real check (the built-in families, not the fix plugin) as its JSON report."""
    config = tmp_path / "real.toml"
    config.write_text(allow)
    article = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / \
        "machine-translated" / "talks-roundtrip.txt"
    main(["check", "--config", str(config), "--format", "json", *argv, str(article)])
    out, _ = capsys.readouterr()
    return json.loads(out)[0]


def test_suppression_rescores_on_the_findings_min_confidence_hides(tmp_path, capsys,
                                                                   monkeypatch):
    """--min-confidence only hides findings: the score after a suppression is the same
    with it and without it (it had re-scored on the shown findings alone)."""
    monkeypatch.setattr(cli, "Host", lambda **kw: Host(**{**kw, "entry_points": False}))
    plain = _real_check(tmp_path, capsys)
    confidences = sorted({f["confidence"] for f in plain["findings"]})
    assert len(confidences) >= 2, "the fixture needs findings of two confidences"
    cut = confidences[-1]  # hides every finding but the most confident ones
    target = next(f for f in plain["findings"] if f["confidence"] == cut)
    allow = (f'[[tool.wirelint.allow]]\ntext = "{target["evidence"]}"\n'
             f'code = "{target["code"]}"\n')
    suppressed = _real_check(tmp_path, capsys, allow=allow)
    hidden = _real_check(tmp_path, capsys, "--min-confidence", str(cut), allow=allow)
    assert suppressed["score"] != plain["score"]  # the suppression re-scored
    assert hidden["score"] == suppressed["score"]
    assert hidden["probabilities"] == suppressed["probabilities"]
    assert hidden["findings"] and all(f["confidence"] >= cut for f in hidden["findings"])
    assert len(hidden["findings"]) < len(suppressed["findings"])


# ------------------------------------------------------------------ covers()

_PATTERNS = [re.compile(p) for p in (r"ab", r"a*", r"(?=a)|a", r"\b", r"a+b?|b", r"x*|a")]


@given(text=st.text(alphabet="ab x", max_size=40),
       which=st.integers(0, len(_PATTERNS) - 1),
       start=st.integers(0, 41), length=st.integers(0, 6))
def test_covers_agrees_with_testing_every_match(text, which, start, length):
    """The binary search finds a holding match exactly when a scan of all matches does,
    empty matches (and a non-empty one at the same place after an empty one) included."""
    regex = _PATTERNS[which]
    spans = [m.span() for m in regex.finditer(text)]
    end = start + length
    assert covers(_starts_and_ends(regex, text), start, end) == any(
        s <= start and end <= e for s, e in spans)
