from __future__ import annotations

import json
from pathlib import Path

from wirelint.cli import main

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
