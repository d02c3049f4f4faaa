from __future__ import annotations

import pytest
import regex

from wirelint import Padding, Pattern, Rule, Severity
from wirelint._scanner import Scanner
from wirelint._trie import trie_regex

from .._stubs import stub_rule


def _rule(code: str) -> Rule:
    return stub_rule(code, name=f"r-{code.lower()}", severity=Severity.INFO,
                     summary=f"summary {code}")


def _scanner(*patterns: Pattern, trusted: bool = True) -> Scanner:
    rules = {p.code: _rule(p.code) for p in patterns}
    return Scanner([("test", p, trusted) for p in patterns], rules)


def test_trie_regex_matches_exactly_its_phrases():
    phrases = ["in costume", "in camera", "in", "a.b", "abc", "ab"]
    compiled = regex.compile(trie_regex(phrases))
    for p in phrases:
        assert compiled.fullmatch(p)
    for p in ["in c", "a", "axb", "abcd"]:
        assert not compiled.fullmatch(p)


def test_lexicons_of_two_plugins_share_one_pass_and_keep_their_codes():
    s = _scanner(Pattern(code="AA101", words=("in costume",)),
                 Pattern(code="BB101", words=("presidential aid",)))
    assert len(s.lexicons) == 1
    scan = s.scan("He came in  Costume with a presidential aid.")
    assert [(f.code, f.evidence) for f in scan.findings] == [
        ("AA101", "in  Costume"), ("BB101", "presidential aid")]


def test_lexicon_respects_word_padding():
    s = _scanner(Pattern(code="AA101", words=("aid",)))
    assert not s.scan("the aide and the maiden").findings
    assert s.scan("first aid.").findings


@pytest.mark.parametrize("engine", ["re", None])
def test_a_lexicon_apostrophe_matches_either_one_copy_types(engine):
    # MP401 listed "it's worth noting" and missed "It’s worth noting" in a MixSet
    # rewrite once its apostrophes were typeset; a phrase listed both ways (the MT
    # lexicon does) still gives one finding per match.
    s = Scanner([("test", Pattern(code="AA101", words=("it's worth noting",)), True),
                 ("test", Pattern(code="BB101", words=("today’s day", "today's day")), True)],
                {c: _rule(c) for c in ("AA101", "BB101")}, engine=engine)
    for text in ("It’s worth noting: on today's day.", "It's worth noting: on today’s day."):
        for _ in range(20):  # past the cold documents, so the gates are built too
            found = [(f.code, f.evidence) for f in s.scan(text).findings]
        assert found == [("AA101", text[:17]), ("BB101", text[22:33])]


def test_overlapping_structural_rules_do_not_shadow_each_other():
    s = _scanner(Pattern(code="AA101", regex=r"large -scale"),
                 Pattern(code="AA102", regex=r"-scale invasion"))
    codes = [f.code for f in s.scan("the large -scale invasion").findings]
    assert codes == ["AA101", "AA102"]


def test_prefilter_skips_the_pass_when_its_substring_is_absent():
    calls = []
    p = Pattern(code="AA101", regex=r"\w+", prefilter="%",
                guard=lambda m, text: calls.append(m) or True)
    assert not _scanner(p).scan("no percent sign here").findings
    assert not calls


def test_guard_can_veto_a_match():
    p = Pattern(code="AA101", words=("party",), guard=lambda m, text: "Russian" in text)
    s = _scanner(p)
    assert not s.scan("the party said").findings
    assert s.scan("the Russian party said").findings


def test_message_and_suggestion_come_from_the_pattern():
    p = Pattern(code="AA101", regex=r"\d+%[a-z]+", padding=Padding.NONE,
                message=lambda m: f"glued {m.group(0)}", suggest=lambda m: "fixed")
    f = _scanner(p).scan("100%sure").findings[0]
    assert (f.message, f.suggestion, f.evidence) == ("glued 100%sure", "fixed", "100%sure")


def test_default_message_is_the_rule_summary():
    f = _scanner(Pattern(code="AA101", words=("x",))).scan("x").findings[0]
    assert f.message == "summary AA101"


def test_third_party_runaway_pattern_is_stopped_by_the_timeout(monkeypatch):
    import wirelint._scanner as scanner_module

    monkeypatch.setattr(scanner_module, "THIRD_PARTY_TIMEOUT", 0.05)
    p = Pattern(code="AA101", regex=r"(a|a)+$", padding=Padding.NONE)
    scan = _scanner(p, trusted=False).scan("a" * 40 + "b")
    assert [pr.code for pr in scan.problems] == ["WL091"]
    assert not scan.findings


def test_pattern_needs_exactly_one_of_regex_or_words():
    import pytest

    with pytest.raises(ValueError):
        Pattern(code="AA101")
    with pytest.raises(ValueError):
        Pattern(code="AA101", regex="x", words=("x",))


def test_a_warm_scanner_still_stops_a_runaway_third_party_pattern(monkeypatch):
    import wirelint._scanner as scanner_module

    monkeypatch.setattr(scanner_module, "THIRD_PARTY_TIMEOUT", 0.05)
    p = Pattern(code="AA101", regex=r"xy(?:a|a)+$", padding=Padding.NONE)
    scanner = _scanner(p, trusted=False)
    scanner.warm()
    assert scanner._plan.passes[0].anchor is not None  # tried only where "xy" is
    scan = scanner.scan("xy" + "a" * 40 + "b")
    assert [pr.code for pr in scan.problems] == ["WL091"]
    assert not scan.findings


def test_third_party_patterns_find_the_same_warm_or_cold():
    patterns = [Pattern(code="AA101", regex=r"(?P<d>[1-9]|[12][0-9])(?:st|th)? (?:May|June)\b",
                        case_sensitive=True),
                Pattern(code="AA101", regex=r"\bthe (?:large|small) (?:plan|plans)"),
                Pattern(code="AA101", regex=r"[[:alpha:]]+ing\b"),  # regex-only syntax
                Pattern(code="AA101", regex=r"(?:colour){e<=1}")]  # fuzzy: regex only
    cold = _scanner(*patterns, trusted=False)
    warm = _scanner(*patterns, trusted=False)
    warm.warm()
    texts = ["On 3 May and 21st June, 1 Mayday; 12 May", "THE LARGE PLAN, the small plans",
             "Running: color, colour, colr; the largest plan", "3 May" * 50 + " 4 June"]
    for text in texts:
        assert warm.scan(text).findings == cold.scan(text).findings, text
    gated = [g for g in warm._plan.passes if g.anchor is not None or g.literals is not None]
    assert len(gated) == 2  # not the two that regex reads otherwise than re
