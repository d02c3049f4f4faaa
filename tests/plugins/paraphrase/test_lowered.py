from __future__ import annotations

import re

import pytest

from wirelint_builtins.paraphrase import _lowered

_CODE_POINTS = [chr(i) for i in range(0x110000) if len(chr(i).lower()) == 1]
_ALL = "".join(_CODE_POINTS)
_LOWER = _ALL.lower()


def test_lowering_keeps_every_character_in_its_case_class_and_its_word_class():
    assert len(_LOWER) == len(_ALL)
    for pattern in (r"\w", r"\s", r"\d", "-"):
        assert [m.start() for m in re.finditer(pattern, _ALL)] == [
            m.start() for m in re.finditer(pattern, _LOWER)], pattern
    for x, low in zip(_ALL, _LOWER, strict=True):
        if x != low:
            assert re.fullmatch(re.escape(x), low, re.IGNORECASE), hex(ord(x))
    assert re.fullmatch("Σ", "ΑΣ".lower()[1], re.IGNORECASE)  # the final sigma


@pytest.mark.parametrize("c", "abcdefghijklmnopqrstuvwxyz")
def test_an_ascii_letter_matches_in_lowered_text_what_it_matched_case_blind(c):
    case_blind = {_LOWER[m.start()] for m in re.finditer(c, _ALL, re.IGNORECASE)}
    assert case_blind == {_LOWER[m.start()] for m in re.finditer(_lowered.letter(c), _LOWER)}
    assert case_blind == {_LOWER[m.start()] for m in re.finditer(
        _lowered.pattern(f"[{c}]"), _LOWER)}


def test_only_a_length_keeping_lowering_is_searched():
    assert _lowered.lowered("Straße İstanbul"[:6]) == "straße"
    assert _lowered.lowered("İstanbul") is None


def test_a_pattern_is_rewritten_letter_by_letter_escapes_and_all():
    assert _lowered.pattern(r"(?<![\w-])(?:said|emphasi[sz]ed)(?= that\b)") == (
        r"(?<![\w-])(?:[sſ]a[iı]d|empha[sſ][iı][sſz]ed)(?= that\b)")


@pytest.mark.parametrize("source", ["Said", "(?i)said", "(?P<verb>said)", "[a-z]+", "café"])
def test_what_cannot_be_rewritten_is_refused(source):
    with pytest.raises(ValueError):
        _lowered.pattern(source)
