from __future__ import annotations

import re
from collections import Counter

import pytest

from wirelint import Config, Host
from wirelint_builtins.lexical import ENTRIES, PATTERNS, _lexicon

from ..test_rule_fixtures import RULES_DIR, case_text

LEXICON_CODES = ("MT102", "MT103", "MT104")
_HOST = Host(entry_points=False)


def _blocks(code: str) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in (RULES_DIR / f"{code}.txt").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"# \[(.+)\]", line)
        if m:
            current = m.group(1)
            blocks[current] = []
        elif current and line.startswith(("+ ", "- ")):
            blocks[current].append(line)
    return blocks


def test_lexicon_has_at_least_150_entries_from_five_source_languages():
    assert len(ENTRIES) >= 150
    langs = Counter(lang for e in ENTRIES for lang in e.langs)
    for lang in ("fr", "de", "es", "ru", "uk"):
        assert langs[lang] >= 5, lang


def test_every_entry_is_documented():
    for e in ENTRIES:
        assert e.code in LEXICON_CODES, e
        assert e.fix and e.why and 0 < e.confidence <= 1, e
        assert set(e.langs) <= set(_lexicon.LANGS), e


@pytest.mark.parametrize("code", LEXICON_CODES)
def test_every_entry_has_its_own_positive_and_near_miss_fixture(code):
    blocks = _blocks(code)
    for e in ENTRIES:
        if e.code != code:
            continue
        lines = blocks.get(e.phrase)
        assert lines, f"fixtures/rules/{code}.txt has no '# [{e.phrase}]' block"
        assert any(x.startswith("+ ") for x in lines), e.phrase
        assert any(x.startswith("- ") for x in lines), e.phrase


@pytest.mark.parametrize("code", LEXICON_CODES)
def test_each_positive_fixture_is_found_by_its_own_entry(code):
    for phrase, lines in _blocks(code).items():
        entry = next(e for e in ENTRIES if e.code == code and e.phrase == phrase)
        variants = {" ".join(p.lower().split()) for p in entry.phrases()}
        for line in lines:
            if not line.startswith("+ "):
                continue
            found = _HOST.check(case_text(line), Config(select=(code,))).findings
            assert any(" ".join(f.evidence.lower().split()) in variants for f in found), \
                f"{phrase!r} does not find itself in {line!r}"


def test_no_phrase_belongs_to_two_entries():
    owners = Counter(p for e in ENTRIES for p in {q.lower() for q in e.phrases()})
    assert [p for p, n in owners.items() if n > 1] == []


def test_expand_handles_alternatives_macros_and_apostrophes():
    assert _lexicon.expand("{make|made} a {truce|ceasefire}") == [
        "make a truce", "make a ceasefire", "made a truce", "made a ceasefire"]
    assert "since 12 years" in _lexicon.expand("since {NUM} years")
    assert "at the 89th minute" in _lexicon.expand("at the {ORD} minute")
    assert "at the 112th minute" in _lexicon.expand("at the {ORD} minute")
    assert _lexicon.expand("doctor's office") == ["doctor's office", "doctor\u2019s office"]


def test_bad_lexicon_lines_are_refused_with_their_line_number():
    with pytest.raises(ValueError, match=":2:"):
        _lexicon.load_entries("# comment\nMT102\tonly two")
    with pytest.raises(ValueError, match="bad option"):
        _lexicon.load_entries("MT102\tx\tfr\ty\t0.5\twhy\tsideways=1")


def test_one_pattern_per_entry_all_lexicon_patterns():
    assert len(PATTERNS) == len(ENTRIES)
    assert all(p.words and p.regex is None for p in PATTERNS)


def test_message_names_the_source_language_and_the_fix():
    (f,) = [f for f in _HOST.check("Three people were seriously blessed in the explosion.",
                                   Config(select=("MT102",))).findings]
    assert "French" in f.message and "injured" in f.message
    # a templated entry's fix is an example ("seriously blessed" -> "injured" would drop
    # the adverb): no suggestion is offered
    assert "for example 'injured'" in f.message and f.suggestion is None


def test_a_literal_entry_suggests_its_fix():
    text = ("The delegations sat down in costume at the table, officials said, "
            "before the talks began.")
    (f,) = [f for f in _HOST.check(text, Config(select=("MT102",))).findings]
    assert f.evidence == "in costume" and f.suggestion == "in suits"
    assert "write 'in suits'" in f.message


@pytest.mark.parametrize("text", [
    "The Russian Communist Party said it would vote against the bill.",
    "United Russia, the ruling party, said it would vote against the bill.",
    "The actors stayed in costume for the photo call after the show.",
    "It would be sensible to wait, the minister said on the eve of the summit.",
    "Rain fell from the clouds over the stadium.",
])
def test_english_senses_stay_quiet(text):
    assert _HOST.check(text, Config(select=("MT1",))).findings == ()


def test_guards_read_context_on_both_sides():
    quiet = "The presidential aid package was approved by parliament."
    loud = "The presidential aid Vladimir Medinsky led the team."
    assert not _HOST.check(quiet, Config(select=("MT102",))).findings
    assert _HOST.check(loud, Config(select=("MT102",))).findings


def test_plain_second_language_english_stays_at_low_confidence():
    text = ("I live in Lagos since three years. Yesterday the police demanded him to show "
            "his papers, and we made a photo of the market. The minister said them that "
            "the roads will be repaired. We must take in account the needs of the people.")
    findings = _HOST.check(text, Config(select=("MT1",))).findings
    assert findings, "the calques are still reported"
    assert max(f.confidence for f in findings) <= 0.45


def test_plain_simple_english_has_no_mt1_finding():
    text = ("The market is big. Many people go there every day. The police came and asked "
            "questions. The minister said the roads will be repaired soon. People are happy.")
    assert _HOST.check(text, Config(select=("MT1",))).findings == ()


def test_every_context_option_is_a_valid_regex():
    # The options compile on first use (import stays cheap), so check them all here.
    for entry in ENTRIES:
        for key, value in entry.options:
            if key not in ("case", "start"):
                re.compile(value, re.IGNORECASE)
