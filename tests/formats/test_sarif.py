from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.cli.fixplugin import STORY, fix_host
from tests.conftest import ROOT, SEEDS
from tests.formats.helpers import MT_TEXT, checked, render
from wirelint import Document
from wirelint._fixes import apply_fixes
from wirelint.cli import main

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.schema.json")
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(log: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def zz():
    return fix_host()


def test_the_schema_is_a_valid_draft4_schema():
    jsonschema.Draft4Validator.check_schema(SCHEMA)


def test_the_schema_rejects_what_sarif_forbids():
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "level": "warning"}]}]}
    assert_valid(good)
    for bad in ({**good, "version": "2.0.0"},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                               "results": [{"message": {"text": "m"},
                                                            "level": "fatal"}]}]},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                               "stray": 1}]}):
        assert list(VALIDATOR.iter_errors(bad))


def test_reports_with_findings_fixes_problems_and_odd_ids_validate(zz):
    pairs = checked(zz, Document(text=STORY, id="copy/story.txt"),
                    Document(text=STORY, id="-"),
                    Document(text=STORY, id="/abs/dir with space/é:1.txt"),
                    Document(text=STORY, id="feed.jsonl:3"))
    pairs.append((None, zz.problem_report("missing.txt", "WL006", "missing.txt: no such file")))
    log = json.loads(render("sarif", pairs, zz.rules))
    assert_valid(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "copy/story.txt", "stdin", "file:///abs/dir%20with%20space/%C3%A9%3A1.txt",
        "feed.jsonl%3A3", "missing.txt"]
    assert run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "WL006"
    assert len(run["results"]) == 4 * 3
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_regions_point_at_the_evidence(zz):
    text = "First line of the story.\n" + STORY
    log = json.loads(render("sarif", checked(zz, Document(text=text, id="s.txt")), zz.rules))
    lines = text.split("\n")
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        snippet = region["snippet"]["text"]
        start, length = region["charOffset"], region["charLength"]
        assert text[start:start + length] == snippet
        first = lines[region["startLine"] - 1]
        if region["startLine"] == region["endLine"]:
            assert first[region["startColumn"] - 1:region["endColumn"] - 1] == snippet
        else:
            assert snippet.startswith(first[region["startColumn"] - 1:])


def test_sarif_fixes_are_the_same_edits_as_fix(zz):
    log = json.loads(render("sarif", checked(zz, Document(text=STORY, id="s.txt")), zz.rules))
    edits = []
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            if fix["properties"]["safe"]:
                for r in fix["artifactChanges"][0]["replacements"]:
                    region = r["deletedRegion"]
                    edits.append((region["charOffset"], region["charLength"],
                                  r["insertedContent"]["text"]))
    text = STORY
    for offset, length, new in sorted(edits, reverse=True):
        text = text[:offset] + new + text[offset + length:]
    assert text == apply_fixes(STORY, zz.check(STORY).findings, zz.rules).text


def test_results_carry_a_stable_content_fingerprint(zz):
    a = json.loads(render("sarif", checked(zz, Document(text=STORY, id="s.txt")), zz.rules))
    moved = "A new first paragraph of the story.\n\n" + STORY
    b = json.loads(render("sarif", checked(zz, Document(text=moved, id="s.txt")), zz.rules))

    def fps(log):
        return [r["partialFingerprints"]["wirelintContext/v1"] for r in log["runs"][0]["results"]]

    assert fps(a) == fps(b)


def test_the_seed_articles_give_a_valid_sarif_file(host, seeds, tmp_path, capsys):
    out = tmp_path / "seeds.sarif"
    paths = [str(p) for p in sorted(SEEDS.glob("0*.txt"))]
    code = main(["check", "--isolated", "--format", "sarif", "--output", str(out),
                 "--exit-zero", *paths])
    assert code == 0 and capsys.readouterr().out == ""  # the log went to the file only
    log = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(log)
    run = log["runs"][0]
    assert len(run["artifacts"]) == len(paths)
    assert {r["ruleId"] for r in run["results"]} <= {r["id"] for r in
                                                      run["tool"]["driver"]["rules"]}
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(out, artifacts / "seeds.sarif")


def test_builtin_rules_become_descriptors_with_help(host):
    log = json.loads(render("sarif", [(Document(text=MT_TEXT, id="a.txt"),
                                       host.check(Document(text=MT_TEXT, id="a.txt")))],
                            host.rules))
    assert_valid(log)
    by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    mt301 = by_id["MT301"]
    assert mt301["name"] == "spaced-hyphen" and "## Why it matters" in mt301["help"]["text"]
    assert mt301["helpUri"].startswith("https://")
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["MT301"] == "warning" and levels["MT304"] == "note"


def test_non_utf8_names_and_lone_surrogate_ids_give_valid_uris(host):
    # a non-UTF-8 file name as os.fsdecode gives it, and JSON "\ud800" ids
    ids = [os.fsdecode(b"nd/bad\xffname.txt"), "x\ud800y", "/abs/\udcff\ud800.txt"]
    pairs = checked(host, *(Document(text=MT_TEXT, id=i) for i in ids))
    log = json.loads(render("sarif", pairs, host.rules))
    assert_valid(log)
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [
        "nd/bad%FFname.txt", "x%ED%A0%80y", "file:///abs/%FF%ED%A0%80.txt"]


def test_documents_sharing_an_id_keep_an_artifact_each(host):
    texts = [MT_TEXT, "The question remains : who pays ?\n", MT_TEXT, "A calm, clean story.\n"]
    pairs = checked(host, *(Document(text=t, id="a") for t in texts))
    log = json.loads(render("sarif", pairs, host.rules))
    assert_valid(log)  # two equal documents are still two distinct artifacts
    run = log["runs"][0]
    assert [(a["location"]["uri"], a["properties"]["score"], a["properties"]["verdict"])
            for a in run["artifacts"]] == [("a", r.score, str(r.verdict)) for _, r in pairs]
    where = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    expected = [(i, f.span.start) for i, (_, r) in enumerate(pairs) for f in r.findings]
    assert [(w["artifactLocation"]["index"], w["region"]["charOffset"]) for w in where] == expected
    assert len({i for i, _ in expected}) == 3  # the findings come from three documents
