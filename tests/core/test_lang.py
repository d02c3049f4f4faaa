from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# Short texts: a headline is decided by its words, not by langdetect's guess.
# (langdetect alone called 44 % of two-word English snippets of the dev texts another language.)
HEADLINES = ["Sourdine expectations", "Bodies of mother, 2 infants found",
             "Online lenders face new rules", "Kenyan police arrest two", "Tony Blair",
             "UN says thousands of militants in Afghanistan", "Egypt begins vaccinations",
             "Markets rally"]
FOREIGN_SHORT = [("Der Bundestag stimmt über das neue Gesetz ab", "de"),
                 ("Le gouvernement annonce de nouvelles mesures", "fr"),
                 ("El presidente dijo que la economía crecerá", "es"),
                 ("Il governo approva la manovra", "it"),
                 ("De regering kondigt nieuwe maatregelen aan", "nl"),
                 ("Nouvelles sanctions", "fr"), ("Guten Morgen", "de")]


@pytest.mark.parametrize("text", HEADLINES)
def test_an_english_headline_is_english(text):
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize("text", ["Bodies of", "Online lenders", "Egypt begins"])
def test_the_word_vote_decides_where_langdetect_guesses(text):
    # langdetect alone: Afrikaans, German, Danish (see the module docstring)
    assert _lang._langdetect(text)[0] != "en"
    english, foreign = _lang.word_vote(text)
    assert english > foreign
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize(("text", "language"), FOREIGN_SHORT)
def test_a_short_foreign_text_is_not_english(text, language):
    english, foreign = _lang.word_vote(text)
    assert foreign > english
    assert detect_language(text)[0] == language


def test_a_short_text_in_another_script_goes_to_langdetect():
    assert detect_language("Путин заявил о переговорах в Стамбуле")[0] == "ru"
    assert detect_language("Зеленский прибыл в Анкару, said officials")[0] != "en"


def test_names_alone_do_not_vote():
    assert _lang.word_vote("Rahul Gandhi") == (0, 0)
    assert detect_language("Rahul Gandhi") == ("en", 1.0)


# Longer texts with few function words (a brief of clipped phrases, names and figures)
BRIEFS = [
    "Weather warning issued for northern counties; heavy rain expected overnight; flooding "
    "likely near rivers; schools closed; roads blocked; trains cancelled; residents urged: "
    "stay indoors, avoid travel, check updates online.",
    "Council budget: new parking charges, fewer bin collections, library hours cut, swimming "
    "pool closed until spring, street lights dimmed after midnight, youth clubs merged, road "
    "repairs delayed again.",
]
#: Twenty words or more, few English function words, and no clear English vote: names
#: vote both ways ("Arsenal"), Tagalog and Swahili words not at all.
UNCLEAR = [
    ("Premier League results: Arsenal 2 Chelsea 1, Liverpool 3 Everton 0, Manchester United "
     "1 Tottenham 1, Newcastle 0 Aston Villa 2. Top scorers: Saka, Salah, Watkins. Next round "
     "Saturday.", "en"),
    ("Ang gobyerno ay nag-anunsyo ng bagong programa para sa mga estudyante at guro sa mga "
     "pampublikong paaralan ngayong taon, ayon sa Department of Education at sa mga opisyal.",
     "tl"),
    ("Serikali imetangaza mpango mpya wa computer na internet kwa shule za msingi mwaka huu, "
     "kwa mujibu wa wizara ya elimu na maafisa wa serikali ya Kenya na Tanzania.", "sw"),
    (FRENCH, "fr"),
]


@pytest.mark.parametrize("text", BRIEFS)
def test_a_brief_of_few_function_words_is_english_by_its_vote(monkeypatch, text):
    share, count = function_word_share(_lang.sample(text))
    assert count >= _lang.CLEAR_WORDS and share < _lang.FUNCTION_WORD_SHARE
    monkeypatch.setattr(_lang, "_langdetect", _no_langdetect)
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize(("text", "language"), UNCLEAR)
def test_a_longer_text_without_a_clear_english_vote_goes_to_langdetect(monkeypatch, text,
                                                                       language):
    asked = []
    monkeypatch.setattr(_lang, "_langdetect",
                        lambda t, real=_lang._langdetect: asked.append(t) or real(t))
    assert detect_language(text)[0] == language
    assert asked
    assert "vote60" in LANG_SIGNATURE


def test_the_vote_reads_only_the_first_words():
    english = "Markets rally " * (_lang.CLEAR_WORDS // 2)
    assert _lang.word_vote(english + "und der das " * 20) == _lang.word_vote(english)
    assert "vote20" in LANG_SIGNATURE


def test_a_headline_gets_its_english_rules(host):
    # before the word vote: WL001 "not English (detected 'fr')" and no rule ran
    report = host.check("Sourdine expectations")
    assert "WL001" not in {p.code for p in report.errors}
    assert report.language == "en"
    assert [(f.code, f.evidence) for f in report.findings] == [("MT101", "Sourdine")]


WORDS = st.sampled_from(["Markets", "rally", "und", "der", "gouvernement", "Gandhi", "said",
                         "Путин", "the", "1234", "’s", "l’État", "ß", "\u200b", "\n", "-"])


@given(st.lists(WORDS | st.text(max_size=12), max_size=30).map(" ".join))
def test_any_text_gets_one_answer_in_range(text):
    first = detect_language(text)
    assert first == detect_language(text)
    assert isinstance(first[0], str) and 0.0 <= first[1] <= 1.0
    english, foreign = _lang.word_vote(text)
    assert 0 <= english + foreign <= _lang.CLEAR_WORDS


@pytest.mark.parametrize("above", ["\n" * 5000, " \t\n" * 800, "-----\n" * 300, "1.\n2.\n" * 400])
def test_what_stands_above_the_first_letter_is_not_read(monkeypatch, above):
    # 5,000 blank lines above an article had made it 'und', and an undetermined text gets
    # no rule at all: an easy way around the linter.
    assert detect_language(above + FRENCH)[0] == "fr"
    monkeypatch.setattr(_lang, "_langdetect", _no_langdetect)
    assert detect_language(above + NEWS) == ("en", 1.0)


def test_padding_above_an_article_leaves_its_report_alone(host):
    padded = host.check("\n" * 5000 + NEWS + "\nMoscow says he will send a large -scale team.")
    plain = host.check(NEWS + "\nMoscow says he will send a large -scale team.")
    assert padded.language == plain.language == "en"
    assert [f.code for f in padded.findings] == [f.code for f in plain.findings]
    assert padded.verdict == plain.verdict


def test_no_word_holds_a_character_stripped_from_a_token():
    assert not re.search(r"[^\W\d_]", _lang._NOT_WORD)


@given(st.lists(st.one_of(
    st.sampled_from(["it's", "'s", "workers'", "a'b'c", "U.S.", "(Reuters)", "said,",
                     "“No”", "2024", "x2", "_a_", "naïve", "Σ", "²", "½", "\u00a0", "\u2028",
                     "-", "'", " ", "\n", "well-known"]),
    st.text(max_size=4)), max_size=30))
def test_words_are_those_the_word_pattern_finds(pieces):
    text = "".join(pieces)
    assert _lang._words(text) == _lang._WORD.findall(text)
    assert _lang._words(text.lower()) == _lang._WORD.findall(text.lower())


def test_words_of_the_articles_are_those_the_word_pattern_finds():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "fixtures"
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text("utf-8")
        assert _lang._words(text.lower()) == _lang._WORD.findall(text.lower()), path
