"""Bad inputs give one-line errors and never stop the batch (N inputs in, N results out)."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest

from wirelint.cli import main
from wirelint.config import ConfigError, load_config

CLEAN = "The council approved the budget on Tuesday after a short debate, officials said.\n"
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = "1" * 5000


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# ------------------------------------------------------------------ 1. JSON Lines records


def test_a_record_over_the_json_parsers_limits_is_an_invalid_record(tmp_path, capsys):
    f = tmp_path / "feed.jsonl"
    f.write_text(f'{{"id": "deep", "text": {DEEP}}}\n{{"id": {HUGE_INT}, "text": "y"}}\n'
                 + json.dumps({"id": "ok", "text": CLEAN}) + "\n")
    code, out, err = check(capsys, "--jsonl", "--format", "jsonl", str(f))
    records = jsonl(out)
    assert [r["errors"][0]["code"] if r["errors"] else None for r in records] == [
        "WL005", "WL005", None]
    assert records[0]["errors"][0]["message"] == f"{f}:1: invalid JSON (nested too deeply)"
    assert records[1]["errors"][0]["message"].startswith(f"{f}:2: invalid JSON (Exceeds the")
    assert records[2]["id"] == "ok" and code == 2 and "Traceback" not in err


def test_a_byte_order_mark_does_not_cost_the_first_record(tmp_path, capsys):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": CLEAN}).encode() + b"\n")
    code, out, _ = check(capsys, "--jsonl", "--format", "jsonl", str(f))
    (record,) = jsonl(out)
    assert record["id"] == "first" and not record["errors"] and code == 0


def test_a_feed_of_concatenated_files_keeps_each_files_first_record(tmp_path, capsys):
    """``cat a.jsonl b.jsonl``: the second file's byte-order mark opens a line mid-feed."""
    record = json.dumps({"id": "x", "text": CLEAN}).encode()
    f = tmp_path / "feed.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + record + b"\n" + b"\xef\xbb\xbf" + record + b"\n")
    code, out, _ = check(capsys, "--jsonl", "--format", "jsonl", str(f))
    assert [r["errors"] for r in jsonl(out)] == [[], []] and code == 0


def _labelled(text: str = CLEAN, label: str = "human") -> str:
    return json.dumps({"id": label, "text": text, "label": label}) + "\n"


def test_eval_reads_a_file_with_a_byte_order_mark(tmp_path, capsys):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + (_labelled() + _labelled(label="machine-translated"))
                  .encode())
    assert main(["eval", str(f), "--isolated", "--jobs", "1", "--format", "json"]) == 0
    assert sum(json.loads(capsys.readouterr().out)["documents"].values()) == 2


@pytest.mark.parametrize(("line", "cause"), [
    (b"not json", "2: invalid JSON (Expecting value)"),
    (f'{{"text": {DEEP}}}'.encode(), "2: invalid JSON (nested too deeply)"),
    (f'{{"id": {HUGE_INT}, "text": "y"}}'.encode(), "2: invalid JSON (Exceeds the limit"),
    (b'{"text": "caf\xc9", "label": "human"}', "2: not valid UTF-8 at byte offset 13"),
])
def test_eval_names_the_file_and_line_of_a_bad_record(tmp_path, capsys, line, cause):
    f = tmp_path / "bad.jsonl"
    f.write_bytes(_labelled().encode() + line + b"\n")
    assert main(["eval", str(f), "--isolated", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wirelint: error: {f}:{cause}") and err.count("\n") == 1


# ------------------------------------------------------------------ 2. unreadable paths


def _deny(monkeypatch, locked: Path) -> None:
    """Act as a user who may not search or list ``locked`` (a test may run as root)."""
    stat, scandir = Path.stat, os.scandir

    def denied(path: object) -> bool:
        return str(path) == str(locked) or str(path).startswith(f"{locked}{os.sep}")

    def fake_stat(self: Path, **kwargs: object) -> os.stat_result:
        if denied(self.parent):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return stat(self, **kwargs)

    def fake_scandir(path: object = ".") -> object:
        if denied(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(Path, "stat", fake_stat)
    monkeypatch.setattr(os, "scandir", fake_scandir)


def test_a_file_in_a_directory_that_may_not_be_searched_is_an_unreadable_input(
        tmp_path, capsys, monkeypatch):
    locked, good = tmp_path / "locked", tmp_path / "good.txt"
    locked.mkdir()
    (locked / "a.txt").write_text(CLEAN)
    good.write_text(CLEAN)
    _deny(monkeypatch, locked)
    code, out, err = check(capsys, "--format", "jsonl", str(locked / "a.txt"), str(good))
    records = jsonl(out)
    (error,) = records[0]["errors"]
    assert (error["code"], error["message"]) == (
        "WL006", f"{locked / 'a.txt'}: cannot read: Permission denied")
    assert records[1]["id"] == str(good) and not records[1]["errors"]
    assert code == 2 and "Traceback" not in err


def test_a_directory_that_cannot_be_listed_names_the_cause(tmp_path, capsys, monkeypatch):
    top = tmp_path / "top"
    (top / "locked").mkdir(parents=True)
    (top / "locked" / "a.txt").write_text(CLEAN)
    (top / "b.txt").write_text(CLEAN)
    _deny(monkeypatch, top / "locked")
    code, out, err = check(capsys, "--format", "jsonl", str(top / "locked"), str(top))
    records = jsonl(out)
    assert [r["errors"][0]["message"] if r["errors"] else r["id"] for r in records] == [
        f"{top / 'locked'}: cannot list directory: Permission denied",
        f"{top / 'b.txt'}",
        f"{top / 'locked'}: cannot list directory: Permission denied"]
    assert code == 2 and "contains no" not in err


def test_a_broken_symbolic_link_in_a_directory_is_an_unreadable_input(tmp_path, capsys):
    """A link to nothing, or two links to each other, named like an article: skipping
    them dropped a document silently (``Path.is_file`` is False for both)."""
    (tmp_path / "good.txt").write_text(CLEAN)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    code, out, err = check(capsys, "--format", "jsonl", str(tmp_path))
    records = {r["id"]: r["errors"] for r in jsonl(out)}
    assert records.pop(str(tmp_path / "good.txt")) == []
    assert {name: [(e["code"], e["message"].split(": ")[1]) for e in errors]
            for name, errors in records.items()} == {
        str(tmp_path / name): [("WL006", "broken symbolic link")]
        for name in ("gone.txt", "loop-a.txt", "loop-b.txt")}
    assert code == 2 and "Traceback" not in err
    code, out, _ = check(capsys, "--format", "jsonl", str(tmp_path / "gone.txt"))
    assert jsonl(out)[0]["errors"][0]["message"] == (
        f"{tmp_path / 'gone.txt'}: broken symbolic link: No such file or directory")


def test_a_pipe_in_a_directory_is_not_read(tmp_path, capsys):
    """Opening a pipe waits for a writer: one found by walking a directory is not an
    article (one named on the command line is read, see section 4)."""
    (tmp_path / "good.txt").write_text(CLEAN)
    os.mkfifo(tmp_path / "feed.txt")
    done: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: done.append(
        check(capsys, "--format", "jsonl", str(tmp_path))), daemon=True)
    worker.start()
    worker.join(timeout=60)
    if not done:  # free the reader before failing
        with open(tmp_path / "feed.txt", "wb"):
            pass
        pytest.fail("a pipe found in a directory was opened")
    code, out, _ = done[0]
    assert [r["id"] for r in jsonl(out)] == [str(tmp_path / "good.txt")] and code == 0


# ------------------------------------------------------------------ 3. empty directory


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "junit", "text"])
def test_an_empty_directory_does_not_stop_the_other_inputs(tmp_path, capsys, fmt):
    a, empty, b = tmp_path / "a.txt", tmp_path / "empty", tmp_path / "b.txt"
    a.write_text(CLEAN)
    b.write_text(CLEAN)
    empty.mkdir()
    code, out, err = check(capsys, "--format", fmt, str(a), str(empty), str(b))
    assert code == 2 and str(a) in out and str(b) in out
    assert err == f"wirelint: error: {empty}: directory contains no .txt or .md files\n"
    if fmt == "json":
        assert len(json.loads(out)) == 2
    elif fmt == "sarif":
        json.loads(out)
    elif fmt == "junit":
        assert out.rstrip().endswith(">")


# ------------------------------------------------------------------ 4. sizeless inputs


def test_a_pipe_is_read_no_further_than_max_bytes(tmp_path, capsys):
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    sent = []

    def write() -> None:  # an endless source, like /dev/zero: stops only when cut off
        with open(fifo, "wb") as fh:
            try:
                while sum(sent) < 64_000_000:
                    sent.append(fh.write(b"a" * 65536))
                    fh.flush()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    code, out, _ = check(capsys, "--max-bytes", "100", "--format", "jsonl", str(fifo))
    writer.join(timeout=30)
    (record,) = jsonl(out)
    assert record["errors"][0]["code"] == "WL004" and code == 2
    assert sum(sent) < 1_000_000  # the reader stopped after max-bytes + 1


class _CountingStream:
    """A binary stream that remembers the longest piece it handed out."""

    def __init__(self, data: bytes) -> None:
        self._data, self._at, self.longest = data, 0, 0

    def readline(self, size: int = -1) -> bytes:
        end = self._data.find(b"\n", self._at) + 1 or len(self._data)
        if size >= 0:
            end = min(end, self._at + size)
        piece, self._at = self._data[self._at:end], end
        self.longest = max(self.longest, len(piece))
        return piece


def test_a_json_lines_record_is_read_no_further_than_max_bytes(capsys):
    # A line without a break (a dump, a device) was read whole into memory before its
    # size was checked; now it is skipped in pieces and the next records still count.
    from wirelint import Host
    from wirelint.cli import _jsonl_records
    from wirelint.config import Config

    ok = json.dumps({"id": "a", "text": CLEAN}).encode()
    stream = _CountingStream(ok + b"\n" + b"x" * 50_000 + b"\n" + ok.replace(b'"a"', b'"b"'))
    out = list(_jsonl_records(stream, "feed.jsonl", Host(entry_points=False),
                              Config(max_bytes=1000)))
    assert [getattr(o, "id", None) for o in out] == ["a", "feed.jsonl:2", "b"]
    assert out[1].errors[0].code == "WL004"
    assert stream.longest <= 1001


def test_jsonl_reads_a_directorys_record_files_not_its_articles(tmp_path, capsys):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "r1", "text": CLEAN}) + "\n")
    (tmp_path / "more.ndjson").write_text(json.dumps({"id": "r2", "text": CLEAN}) + "\n")
    (tmp_path / "story.txt").write_text(CLEAN)  # an article, not JSON Lines
    code, out, _ = check(capsys, "--jsonl", "--format", "jsonl", str(tmp_path))
    assert code in (0, 1)
    assert [r["id"] for r in jsonl(out)] == ["r1", "r2"]
    assert all(not r["errors"] for r in jsonl(out))


def test_a_file_named_twice_is_checked_once_under_its_first_name(tmp_path, capsys):
    (tmp_path / "d").mkdir()
    f = tmp_path / "d" / "a.txt"
    f.write_text(CLEAN)
    again = tmp_path / "d" / ".." / "d" / "a.txt"
    code, out, _ = check(capsys, "--format", "jsonl", str(f), str(tmp_path / "d"), str(again))
    assert code in (0, 1)
    assert [r["id"] for r in jsonl(out)] == [str(f)]


def test_fix_with_a_file_named_twice_counts_what_is_left_once(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("The large -scale plan was 100%mistaken, officials said on Tuesday.\n")
    code, out, err = check(capsys, "--fix", "--jobs", "2", str(f), str(f))
    assert code in (0, 1)
    assert f.read_text() == "The large-scale plan was 100% mistaken, officials said on Tuesday.\n"
    assert "Checked 1 document(s)" in out and "fixed 2 finding(s) in 1 document(s)" in err


# ------------------------------------------------------------------ 5. empty path


def test_an_empty_path_argument_is_a_usage_error_not_the_working_directory(
        tmp_path, capsys, monkeypatch):
    story = tmp_path / "story.txt"
    story.write_text("Officials said the large -scale plan was 100%certain to pass.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = check(capsys, "--fix", "")
    assert code == 2 and out == ""
    assert err == ("wirelint: error: empty path argument '' (use . for the current "
                   "directory)\n")
    assert story.read_text() == "Officials said the large -scale plan was 100%certain to pass.\n"


# ------------------------------------------------------------------ 6. configuration types


@pytest.mark.parametrize(("setting", "message"), [
    ('max-bytes = "x"', "max-bytes must be an integer, not 'x'"),
    ("max-bytes = true", "max-bytes must be an integer, not True"),
    ("select = 5", "select must be a list of strings"),
    ('ignore = "MT301"', "ignore must be a list of strings"),
    ('fail-under = "abc"', "fail-under must be a number, not 'abc'"),
    ('min-confidence = "a"', "min-confidence must be a number, not 'a'"),
    ("fail-fpr = [1]", "fail-fpr must be a number, not [1]"),
])
def test_a_setting_of_the_wrong_type_names_the_file_key_and_type(tmp_path, setting, message):
    f = tmp_path / "wirelint.toml"
    f.write_text(setting + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(f)
    assert str(caught.value) == f"{f}: {message}"


def test_a_tool_wirelint_that_is_not_a_table_is_a_configuration_error(tmp_path):
    f = tmp_path / "pyproject.toml"
    f.write_text('[tool]\nwirelint = "yes"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.wirelint\] must be a table"):
        load_config(f)


def test_a_bad_setting_is_one_line_on_stderr(tmp_path, capsys, monkeypatch):
    (tmp_path / "wirelint.toml").write_text('max-bytes = "x"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err == (f"wirelint: error: {tmp_path / 'wirelint.toml'}: "
                                       "max-bytes must be an integer, not 'x'\n")


def test_cluster_refuses_an_empty_path_argument_too(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(CLEAN)
    (tmp_path / "b.txt").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    code = main(["cluster", "--isolated", ""])
    _, err = capsys.readouterr()
    assert code == 2 and "empty path argument ''" in err
