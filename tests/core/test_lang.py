from __future__ import annotations

import pytest

from wirelint import _lang
from wirelint._lang import LANG_SIGNATURE, detect_language, function_word_share

NEWS = ("Negotiators from both countries met in Istanbul on Friday for the first direct talks "
        "in three years, officials said, but the two sides were far apart on the terms of a "
        "ceasefire and the meeting ended after less than two hours.")
FRENCH = ("Les négociateurs se sont réunis vendredi à Istanbul pour des pourparlers de paix, "
          "les premiers depuis trois ans, mais les deux camps restent très éloignés.")


def _no_langdetect(text: str) -> tuple[str, float]:
    raise AssertionError("langdetect should not be asked about clear English")


def test_clear_english_is_decided_without_langdetect(monkeypatch):
    monkeypatch.setattr(_lang, "_langdetect", _no_langdetect)
    assert detect_language(NEWS) == ("en", 1.0)


def test_text_that_is_not_clearly_english_goes_to_langdetect():
    assert detect_language(FRENCH)[0] == "fr"


def test_a_short_english_snippet_is_english_by_its_function_words():
    share, count = function_word_share("It was the month after the large -scale invasion.")
    assert count < _lang.CLEAR_WORDS and share >= _lang.FUNCTION_WORD_SHARE
    assert detect_language("It was the month after the large -scale invasion.")[0] == "en"


@pytest.mark.parametrize("text", [NEWS, FRENCH, "Sourdine expectations", "1234 5678"])
def test_detection_is_deterministic(text):
    assert len({detect_language(text) for _ in range(3)}) == 1


def test_only_the_first_characters_are_read():
    long = " ".join([NEWS] * 6)
    assert len(long) > _lang.SAMPLE_CHARS
    assert function_word_share(long + " x" * 10_000) == function_word_share(long)
    assert "langdetect-seed0" in LANG_SIGNATURE
