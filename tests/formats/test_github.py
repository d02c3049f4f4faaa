from __future__ import annotations

from tests.formats.helpers import MT_TEXT, checked, render
from wirelint import Document, Finding, Report
from wirelint.formats.github import command, escape_data, escape_property


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("50% of\r\nthem") == "50%25 of%0D%0Athem"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_one_annotation_per_finding_with_its_range_and_title(host):
    out = render("github", checked(host, Document(text=MT_TEXT, id="copy/a.txt")), host.rules)
    lines = out.splitlines()
    assert ("::warning file=copy/a.txt,line=1,col=20,endLine=1,endColumn=32,"
            "title=MT301 spaced-hyphen::space before the hyphen in 'large -scale' "
            "(suggest: 'large-scale')") in lines
    assert any(line.startswith("::notice file=copy/a.txt,line=2,") and "MT304" in line
               for line in lines)  # an info rule is a notice
    assert lines[-1].startswith("wirelint checked 1 document(s)")


def test_a_flagged_document_gets_one_error_annotation(host):
    text = MT_TEXT * 4
    out = render("github", checked(host, Document(text=text, id="a.txt")), host.rules)
    report = host.check(text)
    flagged = report.verdict in ("machine-translated", "machine-paraphrased")
    assert (out.count("title=wirelint%3A machine-") == 1) == flagged


def test_article_text_cannot_start_a_command_of_its_own():
    text = "He wrote:\n::error::pwned\nand left, 100% sure."
    f = Finding.at(text, 0, len(text), code="ZZ101", message="quote: " + text)
    report = Report(id="x,y:z.txt", language="en", language_confidence=1.0, findings=(f,),
                    score=50.0, verdict="human", probabilities=_probs())
    out = render("github", [(Document(text=text, id="x,y:z.txt"), report)])
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and "file=x%2Cy%3Az.txt" in annotations[0]
    assert "%0A::error::pwned%0A" in annotations[0]


def test_problems_are_errors_and_stdin_has_no_file(host):
    report = host.problem_report("-", "WL002", "-: not valid UTF-8 at byte offset 3")
    out = render("github", [(None, report)], host.rules)
    assert out.splitlines()[0] == ("::error title=WL002 undecodable-input::-: not valid UTF-8 "
                                   "at byte offset 3")


def _probs():
    from wirelint import Probabilities
    return Probabilities()


def test_command_omits_missing_properties():
    assert command("notice", "m", file=None, line=3) == "::notice line=3::m\n"
