from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from wirelint._host import Host
from wirelint.cli import main
from wirelint.model import Problem

ROOT = Path(__file__).resolve().parents[2]
HARBOUR = ROOT / "fixtures" / "clusters" / "harbour-fire"
PATHS = [str(HARBOUR / f"{n}.txt") for n in ("original", "roundtrip", "rewrite", "independent")]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    # Only the cross-document rules, so the other families' verdicts do not move the
    # choice of source these tests look at.
    code = main(["cluster", "--isolated", "--select", "XD6", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_has_summaries_matrices_relations_source_and_findings(capsys):
    code, out, _ = run(capsys, *PATHS)
    for heading in ("Documents (4)", "chrF (shared content", "BLEU (shared phrasing",
                    "Relations", "Groups", "Likely source: 0", "Derivation",
                    "Cross-document findings", "Signatures: BLEU nrefs:1|case:lc"):
        assert heading in out
    assert " 1 paraphrase-of   0" in out
    assert "  0 -> 2   " in out
    assert "rewrite.txt:4:1: XD601 title-inconsistent" in out
    assert code in (0, 1)


def test_matrix_rows_are_aligned(capsys):
    _, out, _ = run(capsys, *PATHS)
    block = out.split("chrF (shared content")[1].split("\n\n")[0].splitlines()[1:]
    assert len(block) == 5 and len({len(line) for line in block}) == 1


def test_json_output_is_the_cluster_report_and_deterministic(capsys):
    _, out, _ = run(capsys, "--format", "json", *PATHS)
    data = json.loads(out)
    assert [r["id"] for r in data["reports"]] == PATHS
    assert {"similarity", "relations", "likely_source", "derivation", "metrics", "groups",
            "signature"} <= set(data)
    assert data["similarity"][0]["a"] == 0 and "chrf" in data["similarity"][0]
    _, again, _ = run(capsys, "--format", "json", *PATHS)
    assert out == again


def test_reference_compares_every_candidate_with_the_original(capsys):
    _, out, _ = run(capsys, "--reference", PATHS[0], *PATHS[1:])
    assert "[reference]" in out and "Compared with the reference" in out
    assert " 1 round-trip " in out and " 2 paraphrase " in out and " 3 independent " in out
    assert "'firefighters'->'firemen'" in out.split("word swaps:")[1]
    _, out, _ = run(capsys, "--format", "json", "--reference", PATHS[0], *PATHS[1:])
    data = json.loads(out)
    assert data["reference"]["index"] == 0 and data["likely_source"] == 0


def test_missing_file_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, PATHS[0], str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err and out == ""


def test_exit_zero_and_clean_cluster(capsys, tmp_path):
    assert run(capsys, "--exit-zero", *PATHS)[0] == 0
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council approved the budget on Tuesday after a short debate.\n")
    b.write_text("Heavy rain flooded several roads in the north of the county overnight.\n")
    code, out, _ = run(capsys, str(a), str(b))
    assert code == 0 and "every pair is independent" in out and "none in the cluster" in out


def test_empty_reference_is_not_the_source_its_problem_is_shown_and_it_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run(capsys, "--reference", str(empty), PATHS[0], PATHS[2])
    assert f"{empty}: WL003 empty-document" in out
    # One source everywhere: the groups, the derivation and "Likely source".
    assert f"Likely source: 1 ({PATHS[0]})" in out and "source 1 (" in out
    assert "  1 -> 2   " in out
    assert "not compared (WL003 empty-document)" in out
    assert code == 2 and "--reference" in err and "WL003" in err
    _, out, _ = run(capsys, "--format", "json", "--reference", str(empty), PATHS[0], PATHS[2])
    data = json.loads(out)
    assert data["likely_source"] == 1 and data["reference"]["measured"] is False


def test_empty_version_is_shown_and_exits_as_check_does(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    code, out, _ = run(capsys, PATHS[0], str(empty))
    assert f"{empty}: WL003 empty-document" in out
    assert code == main(["check", "--isolated", "--select", "XD6", str(empty)])


GERMAN = ("Die Feuerwehr hat am Dienstag einen Brand im Hafen gelöscht. Nach Angaben der "
          "Polizei wurde niemand verletzt. Der Bürgermeister dankte den Einsatzkräften für "
          "ihre schnelle Arbeit und kündigte eine Untersuchung an.\n")


def test_pairs_that_were_not_measured_say_so(capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GERMAN, encoding="utf-8")
    b.write_text(GERMAN, encoding="utf-8")
    code, out, _ = run(capsys, str(a), str(b))
    assert "every pair is independent" not in out and "0.0" not in out
    assert out.count("n/a") == 4  # both matrices, both cells
    assert "1 pair(s) not measured" in out
    assert f"{a}: WL001 not-english" in out and f"{b}: WL001 not-english" in out
    assert code == 0
    _, out, _ = run(capsys, "--format", "json", str(a), str(b))
    data = json.loads(out)
    assert data["similarity"][0]["chrf"] is None
    assert data["relations"] == [{"a": 0, "b": 1, "relation": "not-measured"}]


def test_plugin_failure_is_listed_under_its_document(capsys, monkeypatch):
    original_check = Host.check

    def check(self, document, config=None):  # a plugin raised on one document
        report = original_check(self, document, config)
        if document.id == PATHS[1]:
            report = replace(report, errors=(*report.errors, Problem(
                code="WL090", name="plugin-failed", plugin="demo",
                message="plugin demo raised ValueError('boom')")))
        return report

    monkeypatch.setattr(Host, "check", check)
    code, out, _ = run(capsys, *PATHS[:2])
    assert f"{PATHS[1]}: WL090 plugin-failed plugin demo raised ValueError('boom')" in out
    assert code == 3


def test_reference_also_given_as_a_path_is_read_once(capsys):
    code, out, err = run(capsys, "--reference", PATHS[0], PATHS[0], PATHS[2])
    assert "Documents (2)" in out and "XD604" not in out
    assert "(original.txt, original.txt)" not in out.replace(str(HARBOUR) + "/", "")
    assert "checked once, as the reference" in err
    assert code in (0, 1)
