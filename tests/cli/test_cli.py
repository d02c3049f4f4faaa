from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wirelint.cli import main

ROOT = Path(__file__).resolve().parents[2]
MT_TEXT = "Officials said the large -scale plan was 100%certain to pass this week.\n"
CLEAN = "The council approved the budget on Tuesday after a short debate, officials said.\n"


def run(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["--isolated" if a == "@iso" else a for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _args(*extra: str) -> list[str]:
    return ["check", "--isolated", *extra]


def test_text_output_is_path_line_col_code_name_message(tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text("Headline\n" + MT_TEXT)
    code, out, _ = run(capsys, *_args(str(f)))
    assert f"{f}:2:20: MT301 spaced-hyphen " in out
    assert f"{f}: score " in out and " verdict " in out
    assert code in (0, 1)


def test_clean_document_exits_zero(tmp_path, capsys):
    f = tmp_path / "clean.txt"
    f.write_text(CLEAN)
    code, out, _ = run(capsys, *_args(str(f)))
    assert code == 0 and "verdict human" in out


def test_fail_under_exits_one_when_a_document_scores_below(tmp_path, capsys):
    f = tmp_path / "mt.txt"
    f.write_text(MT_TEXT)
    assert run(capsys, *_args("--fail-under", "100", str(f)))[0] == 1
    assert run(capsys, *_args("--fail-under", "0", str(f)))[0] == 0


def test_exit_zero_overrides_flagged_documents(tmp_path, capsys):
    f = tmp_path / "mt.txt"
    f.write_text(MT_TEXT * 3)
    assert run(capsys, *_args("--fail-under", "100", "--exit-zero", str(f)))[0] == 0


def test_jsonl_output_has_one_record_per_input_with_the_wire_schema(tmp_path, capsys):
    for i, text in enumerate([MT_TEXT, CLEAN, ""]):
        (tmp_path / f"{i}.txt").write_text(text)
    _code, out, _ = run(capsys, *_args("--format", "jsonl", str(tmp_path)))
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["id"]).name for r in records] == ["0.txt", "1.txt", "2.txt"]
    first = records[0]
    assert set(first["probabilities"]) == {"machine-translated", "machine-paraphrased", "human"}
    f = first["findings"][0]
    assert set(f) == {"code", "name", "start", "end", "line", "col", "evidence", "message",
                      "confidence", "suggestion", "plugin"}
    assert MT_TEXT[f["start"]:f["end"]] == f["evidence"]
    assert records[2]["errors"][0]["code"] == "WL003"


def test_json_format_is_one_array(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(CLEAN)
    _, out, _ = run(capsys, *_args("--format", "json", str(tmp_path / "a.txt")))
    assert isinstance(json.loads(out), list)


def test_stdin_is_read_with_dash(capsys, monkeypatch):
    _code, out, _ = run(capsys, *_args("--format", "jsonl", "-"), stdin=MT_TEXT.encode(),
                       monkeypatch=monkeypatch)
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "-" and record["findings"]


def test_jsonl_input_bad_lines_become_error_records_and_the_rest_are_checked(
        tmp_path, capsys):
    lines = [json.dumps({"id": "a", "text": MT_TEXT}).encode(), b"{not json",
             json.dumps({"id": "c"}).encode(), json.dumps({"id": "d", "text": 5}).encode(),
             b'{"id": "e", "text": "caf\xff"}', json.dumps([1]).encode(),
             json.dumps({"text": CLEAN}).encode()]
    f = tmp_path / "feed.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    code, out, _ = run(capsys, *_args("--jsonl", "--format", "jsonl", str(f)))
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 7
    assert records[0]["id"] == "a" and records[0]["findings"]
    assert [r["errors"][0]["code"] for r in records[1:6]] == [
        "WL005", "WL005", "WL005", "WL002", "WL005"]
    assert records[1]["id"] == f"{f}:2" and "invalid JSON" in records[1]["errors"][0]["message"]
    assert records[6]["id"] == f"{f}:7" and not records[6]["errors"]
    assert code == 2


def test_missing_path_is_reported_and_other_files_still_checked(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(CLEAN)
    code, out, err = run(capsys, *_args("--format", "jsonl", str(tmp_path / "nope.txt"),
                                        str(good)))
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2
    assert records[0]["errors"][0]["code"] == "WL006"
    assert "no such file" in records[0]["errors"][0]["message"]
    assert code == 2 and "Traceback" not in err


def test_directory_without_text_files_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, _, err = run(capsys, *_args(str(tmp_path)))
    assert code == 2 and "contains no .txt or .md files" in err


def test_invalid_utf8_names_the_byte_offset(tmp_path, capsys):
    f = tmp_path / "latin1.txt"
    f.write_bytes(b"Caf\xe9 society")
    code, out, _ = run(capsys, *_args(str(f)))
    assert code == 2 and "WL002" in out and "byte offset 3" in out


def test_input_over_max_bytes_is_refused(tmp_path, capsys):
    f = tmp_path / "big.txt"
    f.write_text(CLEAN * 10)
    code, out, _ = run(capsys, *_args("--max-bytes", "100", str(f)))
    assert code == 2 and "WL004" in out and "max-bytes=100" in out


def test_unknown_selector_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, *_args("--select", "NOPE999", "-"))
    assert code == 2 and "unknown rule selector 'NOPE999'" in err


def test_plugin_failure_exits_three(tmp_path, capsys, monkeypatch):
    import wirelint.cli as cli
    from wirelint import Host, Severity, hookimpl

    from .._stubs import stub_rule

    class Boom:
        WIRELINT_PREFIX = "ZZ"

        @hookimpl
        def wirelint_rules(self):
            return [stub_rule("ZZ101", name="zz", severity=Severity.INFO)]

        @hookimpl
        def wirelint_check(self, document):
            raise RuntimeError("boom")

    monkeypatch.setattr(cli, "Host", lambda **kw: Host(plugins=[Boom()], **kw))
    f = tmp_path / "a.txt"
    f.write_text(CLEAN)
    code, out, _ = run(capsys, *_args(str(f)))
    assert code == 3 and "WL090 plugin-failed" in out


def test_no_command_prints_help_and_exits_two(capsys):
    assert main([]) == 2


def test_bad_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "yaml"])
    assert exc.value.code == 2


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules", "--isolated")
    assert code == 0 and "MT301  spaced-hyphen" in out


def test_explain_prints_the_rule_documentation(capsys):
    code, out, _ = run(capsys, "explain", "--isolated", "MT301")
    assert code == 0
    for section in ("# MT301 spaced-hyphen", "## What it finds", "## Why it matters",
                    "## Example", "Use instead:", "## Known false positives"):
        assert section in out


def test_explain_accepts_a_rule_name(capsys):
    code, out, _ = run(capsys, "explain", "--isolated", "percent-without-space")
    assert code == 0 and "MT302" in out


def test_explain_unknown_code_is_a_usage_error(capsys):
    code, _, err = run(capsys, "explain", "--isolated", "XX999")
    assert code == 2 and "unknown rule" in err


def test_plugins_lists_package_prefix_and_version(capsys):
    code, out, _ = run(capsys, "plugins", "--isolated")
    assert code == 0 and "wirelint[MT3] 0.1.0" in out


def test_configuration_is_found_upward_from_the_working_directory(tmp_path, capsys,
                                                                  monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.wirelint]\nignore = ["MT301"]\n')
    sub = tmp_path / "copy"
    sub.mkdir()
    (sub / "a.txt").write_text(MT_TEXT)
    monkeypatch.chdir(sub)
    _, out, _ = run(capsys, "check", "--format", "jsonl", "a.txt")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert "MT301" not in codes and "MT302" in codes


def test_invalid_configuration_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    (tmp_path / "wirelint.toml").write_text("nonsense = 1\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "-")
    assert code == 2 and "unknown wirelint setting 'nonsense'" in err


def test_python_dash_m_wirelint_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "wirelint", "check", "--isolated",
                             "--format", "jsonl", "-"], input=MT_TEXT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["findings"]


def test_jobs_two_keeps_input_order(tmp_path, capsys):
    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(MT_TEXT if i % 2 else CLEAN)
    _, out, _ = run(capsys, *_args("--jobs", "2", "--format", "jsonl", str(tmp_path)))
    ids = [Path(json.loads(line)["id"]).name for line in out.splitlines()]
    assert ids == [f"{i:02d}.txt" for i in range(12)]


def test_seed_articles_give_five_reports_with_round_tripping_spans(seeds, capsys):
    from tests.conftest import SEEDS

    paths = sorted(str(p) for p in SEEDS.glob("0*.txt"))
    _, out, _ = run(capsys, *_args("--format", "jsonl", *paths))
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 5
    for path, record in zip(paths, records, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        for f in record["findings"]:
            assert text[f["start"]:f["end"]] == f["evidence"]


def test_the_quick_start_job_flags_the_round_trip_look_alike_only(capsys):
    """README's first command: the bundled articles, one of them a round trip (five
    typography slips in 56 words) that must be flagged, the others human copy."""
    code, out, _ = run(capsys, *_args(str(ROOT / "fixtures" / "articles")))
    verdicts = {line.split(": score ")[0]: line.rsplit(" verdict ", 1)[1].split()[0]
                for line in out.splitlines() if ": score " in line}
    flagged = {Path(p).parent.name for p, v in verdicts.items() if v != "human"}
    assert flagged == {"machine-translated"}
    assert code == 1


def test_explain_indents_every_line_of_a_multi_line_example(capsys):
    code, out, _ = run(capsys, "explain", "--isolated", "ST701")
    example = out.split("## Example\n", 1)[1].split("\n\n", 1)[0]
    assert code == 0 and example.count("\n") >= 3
    assert all(line.startswith("    ") for line in example.split("\n"))
