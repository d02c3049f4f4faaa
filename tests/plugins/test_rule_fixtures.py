"""fixtures/rules/<CODE>.txt: every '+ ' line must trigger CODE, every '- ' line must not.

Lines starting with '#' are comments.  A literal '\\n' in a case stands for a newline, so
multi-line cases (headlines, paragraph ends) fit on one line.  A line "---" (written
'\\n---\\n') separates documents: such a case is a cluster, checked with ``check_cluster``
(cross-document XD6xx rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelint import Config, Host

RULES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "rules"
_HOST = Host(entry_points=False)


def case_text(line: str) -> str:
    """The text of a '+ ' or '- ' case line, a literal '\\n' read as a newline."""
    return line[2:].replace("\\n", "\n")


def _cases() -> list[tuple[str, bool, str]]:
    cases = []
    for path in sorted(RULES_DIR.glob("*.txt")):
        for _n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(("+ ", "- ")):
                cases.append((path.stem, line[0] == "+", case_text(line)))
    return cases


CASES = _cases()


def test_every_fixture_file_names_a_known_rule():
    for path in RULES_DIR.glob("*.txt"):
        assert path.stem in _HOST.rules, f"{path.name}: no rule {path.stem}"


@pytest.mark.parametrize(
    ("code", "positive", "text"), CASES,
    ids=[f"{c}{'+' if p else '-'}{i}" for i, (c, p, _) in enumerate(CASES)])
def test_fixture_case(code: str, positive: bool, text: str):
    documents = text.split("\n---\n")  # a line "---" separates a cluster's documents
    if len(documents) > 1:
        reports = _HOST.check_cluster(documents, Config(select=(code,))).reports
    else:
        reports = (_HOST.check(text, Config(select=(code,))),)
    hits = [(doc, f) for doc, r in zip(documents, reports, strict=True)
            for f in r.findings if f.code == code]
    if positive:
        assert hits, f"{code} should trigger on: {text!r}"
        for doc, f in hits:
            assert doc[f.span.start:f.span.end] == f.evidence
    else:
        assert not hits, (f"{code} should not trigger on {text!r}, "
                          f"got {[f.evidence for _, f in hits]}")


def test_every_built_in_structural_pattern_compiles():
    """The scanner compiles a built-in regex on first use (not at load, for start-up):
    a broken one must fail here, not on the first article its prefilter lets through."""
    structural = [st for st in _HOST._state.scanner.structural if st.owned.trusted]
    assert structural
    for st in structural:
        assert st.compiled.pattern == st.source, st.owned.pattern.code
