from __future__ import annotations

import io
import os
import stat
import sys

import pytest

import wirelint.cli as cli
from tests.cli.fixplugin import FIXED_ALL, FIXED_SAFE, STORY, FixPlugin, fix_host
from wirelint import Document, Finding, Host
from wirelint._fixes import apply_fixes, unified_diff, write_atomic
from wirelint.cli import main

OVERLAP = "The reporters said that teh cat was found in the garden of the old house on Friday.\n"


@pytest.fixture
def zz(monkeypatch):
    monkeypatch.setattr(cli, "Host", fix_host)
    return fix_host()


def run(capsys, *argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["check", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ applying fixes


def test_safe_fixes_apply_and_unsafe_ones_are_held_back(zz):
    report = zz.check(STORY)
    result = apply_fixes(STORY, report.findings, zz.rules)
    assert result.text == FIXED_SAFE
    assert sorted(f.code for f in result.applied) == ["ZZ101", "ZZ102"]
    assert [f.code for f in result.unsafe] == ["ZZ103"]


def test_unsafe_fixes_apply_everything(zz):
    result = apply_fixes(STORY, zz.check(STORY).findings, zz.rules, unsafe=True)
    assert result.text == FIXED_ALL and not result.unsafe


def test_empty_suggestion_deletes_the_span(zz):
    text = "Officials met on Monday.\nClick on a star to rate it!\nThey agreed."
    finding = Finding.at(text, 25, 53, code="ZZ102", message="m", suggestion="")
    assert apply_fixes(text, [finding], zz.rules).text == "Officials met on Monday.\nThey agreed."


def test_overlapping_fixes_apply_the_earliest_and_report_the_rest(zz):
    report = zz.check(OVERLAP)
    assert {f.code for f in report.findings} == {"ZZ101", "ZZ104"}
    result = apply_fixes(OVERLAP, report.findings, zz.rules)
    assert [f.code for f in result.applied] == ["ZZ101"]
    assert [f.code for f in result.overlapping] == ["ZZ104"]
    assert result.text == OVERLAP.replace("teh", "the")


def test_the_same_edit_proposed_by_two_findings_is_made_once(zz):
    text = "They said teh plan was ready."
    a = Finding.at(text, 10, 13, code="ZZ101", message="m", suggestion="the")
    b = Finding.at(text, 10, 13, code="ZZ104", message="m", suggestion="the")
    result = apply_fixes(text, [a, b], zz.rules)
    assert result.text == "They said the plan was ready." and len(result.applied) == 2


def test_a_finding_whose_evidence_no_longer_matches_is_never_applied(zz):
    text = "They said teh plan was ready."
    stale = Finding(code="ZZ101", span=Finding.at(text, 10, 13, code="ZZ101",
                                                  message="m").span,
                    message="m", evidence="xyz", suggestion="the")
    assert apply_fixes(text, [stale], zz.rules).text == text


def test_insertions_at_one_offset_conflict(zz):
    text = "abc"
    a = Finding(code="ZZ101", span=Finding.at(text, 1, 1, code="ZZ101", message="").span,
                message="", evidence="", suggestion="X")
    b = Finding(code="ZZ102", span=a.span, message="", evidence="", suggestion="Y")
    result = apply_fixes(text, [a, b], zz.rules)
    assert result.text == "aXbc" and [f.code for f in result.overlapping] == ["ZZ102"]


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("a\nb", "a\nc", "x.txt")
    assert diff.startswith("--- a/x.txt\n+++ b/x.txt\n")
    assert "+c\n\\ No newline at end of file\n" in diff


def test_atomic_write_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("old")
    f.chmod(0o640)
    write_atomic(f, b"new")
    assert f.read_bytes() == b"new" and stat.S_IMODE(f.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_failed_atomic_write_leaves_the_original(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(f, b"new")
    assert f.read_text() == "old" and os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_goes_through_a_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_hard_linked_file_is_rewritten_in_place_so_every_name_sees_the_fix(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("old, and longer than the new text")
    other = tmp_path / "b.txt"
    os.link(f, other)
    inode = f.stat().st_ino
    write_atomic(f, b"new")
    assert other.read_bytes() == b"new" and f.stat().st_ino == inode
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


# ------------------------------------------------------------------ the command line


def test_diff_prints_a_unified_diff_writes_nothing_and_exits_one(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    code, out, err = run(capsys, "--diff", str(f))
    assert code == 1 and f.read_text() == STORY
    assert out.startswith(f"--- a/{f}\n+++ b/{f}\n")
    assert "-The minister said on Monday that teh government" in out
    assert "-Click on a star to rate it!" in out
    assert "+The minister said on Monday that the government would utilise" in out
    assert "would fix 2 finding(s) in 1 document(s)" in err
    assert "1 more fix(es) available with --unsafe-fixes" in err


def test_diff_exits_zero_when_there_is_nothing_to_fix(zz, tmp_path, capsys):
    f = tmp_path / "clean.txt"
    f.write_text(FIXED_ALL)
    code, out, _ = run(capsys, "--diff", str(f))
    assert code == 0 and out == ""


def test_fix_changes_only_the_fixed_spans_and_reports_the_fixed_text(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    f.chmod(0o600)
    code, out, err = run(capsys, "--fix", str(f))
    assert f.read_text() == FIXED_SAFE
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    # the report is of the fixed file: only the unsafe suggestion is left, where it now is
    assert f"{f}:1:55: ZZ103 utilise-for-use" in out and "ZZ101" not in out
    assert "fixed 2 finding(s) in 1 document(s)" in err
    assert code in (0, 1)


def test_unsafe_fixes_are_applied_only_with_the_flag(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    run(capsys, "--fix", "--unsafe-fixes", str(f))
    assert f.read_text() == FIXED_ALL


def test_fix_in_a_directory_touches_only_the_files_it_checked(zz, tmp_path, capsys):
    d = tmp_path / "copy"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(STORY)
    (d / "sub" / "b.md").write_text(STORY)
    (d / "notes.rst").write_text(STORY)  # not a checked suffix
    outside = tmp_path / "outside.txt"
    outside.write_text(STORY)
    run(capsys, "--fix", str(d))
    assert (d / "a.txt").read_text() == FIXED_SAFE
    assert (d / "sub" / "b.md").read_text() == FIXED_SAFE
    assert (d / "notes.rst").read_text() == STORY
    assert outside.read_text() == STORY
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "a.txt", "b.md", "copy", "notes.rst", "outside.txt", "sub"]


def test_fix_keeps_a_byte_order_mark_and_crlf_line_ends(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    run(capsys, "--fix", str(f))
    assert f.read_bytes() == b"\xef\xbb\xbf" + FIXED_SAFE.replace("\n", "\r\n").encode()


def test_fix_on_stdin_prints_the_fixed_text_to_stdout_and_the_report_to_stderr(
        zz, capsys, monkeypatch):
    _, out, err = run(capsys, "--fix", "-", stdin=STORY.encode(), monkeypatch=monkeypatch)
    assert out == FIXED_SAFE
    assert "-:1:55: ZZ103 utilise-for-use" in err


def test_fix_on_stdin_with_nothing_to_fix_echoes_the_text(zz, capsys, monkeypatch):
    _, out, _ = run(capsys, "--fix", "-", stdin=FIXED_ALL.encode(), monkeypatch=monkeypatch)
    assert out == FIXED_ALL


def test_overlapping_fix_is_reported_as_not_applied(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(OVERLAP)
    _, _, err = run(capsys, "--fix", str(f))
    assert f.read_text() == OVERLAP.replace("teh", "the")
    assert "1 fix(es) not applied: they overlap an earlier fix" in err


def test_fix_and_jsonl_are_a_usage_error(zz, tmp_path, capsys):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "1", "text": "x"}\n')
    code, _, err = run(capsys, "--fix", "--jsonl", str(f))
    assert code == 2 and "not --jsonl" in err


def test_plain_check_says_how_many_findings_are_fixable(zz, tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    _, out, err = run(capsys, str(f))
    assert "2 finding(s) fixable with --fix (preview with --diff) (1 more with --unsafe-fixes)" \
        in err
    assert "fixable" not in out


def test_a_file_changed_during_the_check_is_not_fixed(tmp_path, capsys):
    from argparse import Namespace

    from wirelint._fixes import FixResult
    from wirelint._session import CheckSession

    f = tmp_path / "story.txt"
    f.write_text("changed on disk")
    host = Host(plugins=[FixPlugin()], entry_points=False)
    session = CheckSession(Namespace(fix=True), host, host.config, [str(f)], sys.stdout)
    doc = Document(text=STORY, id=str(f))
    finding = host.check(doc).findings[0]
    assert not session._write(str(f), doc, FixResult(text="x", applied=(finding,)))
    assert f.read_text() == "changed on disk"
    assert "changed while it was checked" in capsys.readouterr().err


def test_builtin_round_trip_fixes(tmp_path, capsys):
    f = tmp_path / "mt.txt"
    f.write_text("Officials said the large -scale plan was 100%certain to pass this week.\n")
    main(["check", "--isolated", "--select", "MT3", "--fix", str(f)])
    assert f.read_text() == \
        "Officials said the large-scale plan was 100% certain to pass this week.\n"


# ------------------------------------------------------------------ fixes in markup
# Detectors read the text as it prints and a suggestion is the printed form of its span:
# a fix replaces only what it changes and never touches a tag, a Markdown marker, a link
# address or an HTML reference; one that would is not applied and its finding stays.

HTML = "<p>Officials said the large <b>-scale</b> plan was 100%<i>certain</i> on Monday.</p>\n"
MARKDOWN = ("Officials said the large **-scale** plan was [100%](http://x.y/a)certain on "
            "Monday, and the minister said *:* no.\n")


def test_fix_in_html_keeps_every_tag(tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text(HTML)
    main(["check", "--isolated", "--select", "MT3", "--fix", str(f)])
    assert f.read_text() == \
        "<p>Officials said the large<b>-scale</b> plan was 100%<i> certain</i> on Monday.</p>\n"


def test_fix_in_markdown_keeps_the_markup_or_is_not_applied(tmp_path, capsys):
    f = tmp_path / "story.md"
    f.write_text(MARKDOWN)
    main(["check", "--isolated", "--select", "MT3", "--fix", str(f)])
    # The link keeps its address (the space goes after it); deleting the space before
    # "**-scale**" or "*:*" would leave the markers next to a word, where they are no
    # markup: those two are not fixed and are still reported.
    assert f.read_text() == MARKDOWN.replace("/a)certain", "/a) certain")
    out, err = capsys.readouterr()
    assert "MT301 spaced-hyphen" in out and "MT304 space-before-punctuation" in out
    assert "MT302" not in out
    assert "2 fix(es) not applied: they would change the markup around them" in err


def test_fixes_that_would_change_markup_are_reported_as_not_applied():
    host = Host(entry_points=False)
    from wirelint import Config

    report = host.check(MARKDOWN, Config(select=("MT3",)))
    result = apply_fixes(MARKDOWN, report.findings, host.rules, unsafe=True)
    assert [f.code for f in result.applied] == ["MT302"]
    assert [(f.code, f.evidence) for f in result.markup] == [
        ("MT301", "large **-scale"), ("MT304", " *:")]


def test_a_fix_keeps_a_reference_it_does_not_change_and_never_rewrites_one(zz):
    text = "They said the Mayor&nbsp;Osei spoke.\n"
    keep = Finding.at(text, 14, 29, code="ZZ101", message="m",
                      suggestion="Deputy Mayor\xa0Osei")
    assert apply_fixes(text, [keep], zz.rules).text == \
        "They said the Deputy Mayor&nbsp;Osei spoke.\n"
    change = Finding.at(text, 14, 29, code="ZZ101", message="m", suggestion="Mayor Osei")
    result = apply_fixes(text, [change], zz.rules)
    assert result.text == text and result.markup == (change,) and not result.applied
    same = Finding.at(text, 14, 29, code="ZZ101", message="m", suggestion="Mayor\xa0Osei")
    assert apply_fixes(text, [same], zz.rules) == apply_fixes(text, [], zz.rules)


def test_a_fix_never_deletes_a_tag_it_spans(zz):
    text = "<p>They said teh <b>plan</b> was ready.</p>\n"
    f = Finding.at(text, 12, 24, code="ZZ101", message="m", suggestion="the")
    result = apply_fixes(text, [f], zz.rules)  # "teh plan" printed, "the" suggested
    assert result.text == text and result.markup == (f,)


def test_with_unsafe_fixes_asked_the_hint_counts_every_fix_once(tmp_path, capsys):
    # "--unsafe-fixes" without --fix used to hint "(N more with --unsafe-fixes)".
    f = tmp_path / "story.txt"
    f.write_text("Officials said the large -scale plan was 100%certain on Monday and "
                 "Moscow says he agrees.\n")
    main(["check", "--isolated", str(f)])
    plain = capsys.readouterr().err
    main(["check", "--isolated", "--unsafe-fixes", str(f)])
    asked = capsys.readouterr().err
    assert "more with --unsafe-fixes" in plain
    assert "more with --unsafe-fixes" not in asked
    assert "3 finding(s) fixable with --fix --unsafe-fixes" in asked


def test_explain_knows_every_problem_code_the_readme_lists(capsys):
    import re
    from pathlib import Path

    from wirelint._host import HOST_PROBLEMS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| (WL0\d\d) \| ([a-z-]+) \|", readme, re.M))
    assert listed == dict(HOST_PROBLEMS)  # WL070 (suppression, said on stderr) included
    assert main(["explain", "WL070"]) == 0
    assert capsys.readouterr().out.startswith("# WL070 unused-suppression\n")


def test_fixes_on_one_long_line_of_markup_match_each_line_fixed_alone():
    # One 40 KB Markdown line with hundreds of fixes, half of which would change the
    # markup: each edit is checked on the pieces around it, not on the whole line, and
    # the verdicts are those of the same paragraphs fixed one line at a time.
    host = Host(entry_points=False)
    from wirelint import Config

    unit = ("word **-scale** word 100%[x](http://a.b)certain and large -scale plan *:* "
            "no, <b>said</b> &amp; 5 %done. ")
    config = Config(select=("MT3",))
    line = unit * 400 + "\n"
    result = apply_fixes(line, host.check(line, config).findings, host.rules, unsafe=True)
    alone = apply_fixes(unit + "\n", host.check(unit + "\n", config).findings, host.rules,
                        unsafe=True)
    assert alone.applied and alone.markup
    assert result.text == alone.text[:-1] * 400 + "\n"
    assert len(result.applied) == 400 * len(alone.applied)
    assert [(f.code, f.evidence) for f in result.markup] == \
        [(f.code, f.evidence) for f in alone.markup] * 400


def test_fixes_on_one_long_line_of_markup_read_the_printed_text_once(monkeypatch):
    # The markup check of each edit reads the pieces of a window around it; it used to
    # build the window's whole printed text (Visible.of) twice per edit and throw it
    # away, which made --fix on one 300 KB line of dense markup take a minute.
    from wirelint import Config
    from wirelint._visible import Visible

    host = Host(entry_points=False)
    unit = ("word **-scale** word 100%[x](http://a.b)certain and large -scale plan *:* "
            "no, <b>said</b> &amp; 5 %done. ")
    line = unit * 40 + "\n"
    findings = host.check(line, Config(select=("MT3",))).findings
    calls = []
    of = Visible.of.__func__
    monkeypatch.setattr(Visible, "of", classmethod(lambda cls, t: calls.append(t) or of(cls, t)))
    result = apply_fixes(line, findings, host.rules, unsafe=True)
    assert result.applied and result.markup  # the line takes the per-edit path
    assert calls == [line]
