from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, fixture_and_dev_texts
from wirelint_builtins.lexical import _foreign, untranslated
from wirelint_builtins.lexical._foreign import TABLE, find_untranslated, protected_spans


def _evidence(text: str) -> list[str]:
    return [f.evidence for f in untranslated(text)]


def test_table_knows_strong_and_weak_foreign_words():
    assert TABLE.lookup("sourdine") == ("s", "fr", 2.75)
    assert TABLE.lookup("verfassungsschutz")[:2] == ("s", "de")
    assert TABLE.lookup("palais")[:2] == ("w", "fr")
    assert TABLE.lookup("cœur")[1] == "fr"  # a word beyond Latin-1 lives in the #x line


@pytest.mark.parametrize("word", ["the", "costume", "government", "", "zzzzqx", "a\tb", "\n"])
def test_table_ignores_english_and_unknown_words(word):
    assert TABLE.lookup(word) is None


def test_native_places_keep_local_place_names_local():
    assert TABLE.native_place("fr", "lyon")
    assert TABLE.native_place("es", "espana")
    assert not TABLE.native_place("fr", "dolmabahce")


def test_lowercase_foreign_word_names_its_language():
    (finding,) = untranslated("The talks were put en sourdine by both sides after the vote.")
    assert finding.evidence == "sourdine"
    assert "French" in finding.message


def test_run_of_foreign_words_is_one_finding():
    assert _evidence("The expectations were low, and la partie russe said little.") == [
        "partie russe"]


def test_long_run_is_confirmed_by_langdetect():
    text = "The minister said that le gouvernement a annoncé une nouvelle série de mesures."
    (finding,) = untranslated(text)
    assert "French" in finding.message
    assert finding.confidence >= 0.8


def test_foreign_place_noun_before_a_name_from_elsewhere():
    (finding,) = untranslated("The meeting at the Palais de Dolmabahçe lasted two hours.")
    assert finding.evidence == "Palais de"
    assert finding.suggestion == "palace"


@pytest.mark.parametrize("text", [
    "The talks took place at the Palais des Nations in Geneva.",
    "They met at the Plaza de España in Seville.",
    "Fans gathered at the Gare de Lyon before the match.",
    "She lives in Île-de-France with her family.",
])
def test_established_and_local_place_names_are_not_flagged(text):
    assert _evidence(text) == []


def test_headline_opening_with_a_foreign_word_gets_low_confidence():
    (finding,) = untranslated("Sourdine expectations\nHopes for a breakthrough were low.")
    assert finding.evidence == "Sourdine"
    assert finding.confidence < 0.5


def test_capitalised_elsewhere_means_a_name():
    text = "Albert Prosa has signed with the club. Prosa's last club was in Finland."
    assert _evidence(text) == []


def test_german_compound_noun_mid_sentence():
    assert _evidence("He criticised the Verfassungsschutz for its handling of the case.") == [
        "Verfassungsschutz"]


@pytest.mark.parametrize(("text", "language"), [
    ("He wrote Слава Україні on the wall.", "Ukrainian"),
    ("The sign said Добро пожаловать in red letters.", "Russian"),
    ("They visited 西双版納 last year.", "Chinese or Japanese"),
    ("The shop was called ラーメン in the photo.", "Japanese"),
])
def test_other_scripts_name_their_language(text, language):
    (finding,) = untranslated(text)
    assert language in finding.message


@pytest.mark.parametrize("text", [
    "The crowd chanted “Слава Україні” as the convoy passed.",
    "The crowd chanted «la partie russe» as the convoy passed.",
    "Xi Jinping (习近平) met the president.",
    "Officials said the стопкоронавирус.рф website was down.",
    "Follow @sourdine_officiel and #sourdine for updates.",
    "The theory known as λCDM explains the expansion of the universe.",
    "He called it *la partie russe* in his column.",
])
def test_quotes_brackets_urls_and_notation_are_skipped(text):
    assert _evidence(text) == []


@pytest.mark.parametrize("text", [
    "It was a coup d'état, the minister said.",
    "It was a coup d’etat, the minister said.",
    "He said the raison d'être of the party was gone.",
    "The de facto leader met the Bundestag and the Bundesrat.",
])
def test_allow_list_ignores_case_accents_and_apostrophes(text):
    assert _evidence(text) == []


def test_decomposed_accents_are_found_like_composed_ones():
    composed = "The meeting at the Palais de Dolmabahçe lasted two hours."
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(untranslated(decomposed)) == len(untranslated(composed)) == 1


def test_icelandic_letters_in_a_lowercase_word():
    (finding,) = untranslated("The strike was called by the trúnaðarráð of the union.")
    assert "Icelandic" in finding.message


def test_lowercased_copy_does_not_flag_names_as_foreign_words():
    text = ("the leader of ennahdha met officials from decaux and annalena baerbock in the "
            "capital on monday, and they discussed the budget, the election and the war.")
    assert find_untranslated(text) == []


def test_unbalanced_quotes_protect_nothing_beyond_their_line():
    starts, ends = protected_spans("He said “la partie russe\nand then la partie russe")
    assert starts == []
    assert ends == []


def test_runtime_never_imports_wordfreq():
    code = ("import sys, wirelint; wirelint.check('The talks were put en sourdine today.');"
            "assert 'wordfreq' not in sys.modules, 'wordfreq imported at run time'")
    subprocess.run([sys.executable, "-c", code], check=True)


WORDS = st.sampled_from(["la", "partie", "russe", "Palais", "de", "Dolmabahçe", "sourdine",
                         "Слава", "西双版納", "d'", "’", "“", "”", "(", ")", "\u0301", "-", "*",
                         "the", "talks", "\n", ". ", "ß", "ð", "İ", "ﬁ", "\u200d", "Україні"])


@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_findings_are_valid_spans_on_foreign_looking_text(text):
    first = find_untranslated(text)
    assert first == find_untranslated(text)
    for hit in first:
        assert 0 <= hit.start < hit.end <= len(text)
        assert 0.0 < hit.confidence <= 1.0


@given(st.text())
def test_any_unicode_never_crashes(text):
    for hit in find_untranslated(text):
        assert 0 <= hit.start < hit.end <= len(text)


def test_tokens_are_contiguous_words():
    toks = list(_foreign.tokens("l'Élysée, e\u0301te\u0301 — Straße", all_words=True))
    assert [t.raw for t in toks] == ["l", "Élysée", "e\u0301te\u0301", "Straße"]
    assert toks[-1].key == "strasse"


_ASCII_PIECES = st.sampled_from(["the", "The", "THE", "talks", "sourdine", "Sourdine", "de",
                                 "la", "place", "Kyiv", "other", "a", " ", "  ", "\n", ".",
                                 "'", "’", "“", "”", "—", "1", "_", "-", "@", "km²", "é",
                                 "e\u0301", "İ", "\ud800", "\u00a0", "ﬁ"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ASCII_PIECES, max_size=40).map("".join))
def test_tokens_of_interest_are_the_tokens_not_skipped(text):
    # The ASCII fast path (distinct words by byte translation) against the definition.
    skip = TABLE.skippable_words()
    expected = [m.span() for m in _foreign._TOKEN.finditer(text)
                if m.group().lower() not in skip or not m.group().isascii()]
    assert [m.span() for m in _foreign._tokens_of_interest(text, skip, False)] == expected


def _kept_spans(text: str) -> list[tuple[int, int]]:
    """The definition :func:`_foreign._tokens_of_interest` must match."""
    skip = TABLE.skippable_words()
    return [m.span() for m in _foreign._TOKEN.finditer(text)
            if m.group().lower() not in skip or not m.group().isascii()]


@given(st.text())
def test_tokens_of_interest_on_any_unicode(text):
    found = [m.span() for m in _foreign._tokens_of_interest(text, TABLE.skippable_words(), False)]
    assert found == _kept_spans(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(_ASCII_PIECES, min_size=1, max_size=40).map("".join), st.integers(1, 400))
def test_tokens_of_interest_on_long_repeated_text(piece, times):
    # Long texts with few or many distinct words: every path of the search.
    text = piece * times + " sourdine the Sourdine sourdines re sourdine"
    found = [m.span() for m in _foreign._tokens_of_interest(text, TABLE.skippable_words(), False)]
    assert found == _kept_spans(text)


def test_tokens_of_interest_on_dev_texts():
    path = CORPUS / "wmt-news-mt" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"dev texts not found at {path}")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    for text in [*texts, "\n\n".join(texts)]:
        found = [m.span() for m in
                 _foreign._tokens_of_interest(text, TABLE.skippable_words(), False)]
        assert found == _kept_spans(text)


@pytest.mark.parametrize(("text", "word", "language"), [
    ("Hundreds gathered outside the belediye on Sunday.", "belediye", "Turkish"),
    ("The kaymakam ordered the schools closed.", "kaymakam", "Turkish"),
    ("Police found the body in the podezd of the block.", "podezd", "Russian"),
    ("He was detained near the vokzal on Friday.", "vokzal", "Russian"),
])
def test_turkish_and_transliterated_russian_words_are_found(text, word, language):
    (finding,) = untranslated(text)
    assert finding.evidence == word
    assert language in finding.message


@pytest.mark.parametrize("text", [
    "The Verkhovna Rada voted on the bill on Thursday.",
    "Officials in the Kharkiv oblast administration said two people were killed.",
    "The State Duma approved the law in its first reading.",
    "Belediye said the roads would reopen.",  # a capitalised Turkish word may be a name
    "The ferry to Kadikoy was cancelled.",
])
def test_loanwords_and_names_from_the_new_languages_stay_quiet(text):
    assert _evidence(text) == []


def test_transliteration_collisions_with_short_latin_words_are_not_in_the_table():
    assert TABLE.lookup("infy") is None  # Ukrainian "інфи", and an abbreviation
    assert TABLE.lookup("tanh") is None


def test_short_german_noun_after_the_is_found():
    assert _evidence("The Kanzler told reporters that the coalition was stable.") == \
        ["Kanzler"]
    assert _evidence("Witnesses said the Täter fled on foot.") == ["Täter"]


@pytest.mark.parametrize("text", [
    "Judge Richter said the trial would resume.",
    "The Landtag in Munich approved the budget.",
    "They drove along the Autobahn towards Munich.",
])
def test_short_german_noun_needs_the_article_and_no_allow_listing(text):
    assert _evidence(text) == []


def _protected_spans_reference(text: str) -> tuple[list[int], list[int]]:
    """protected_spans as it was: every line split off and paired."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        _foreign._pairs(line, offset, spans)
        offset += len(line) + 1
    return _foreign._merged(spans)


_MARKED = st.sampled_from(["“", "”", "«", "»", "„", "‹", "›", "(", ")", "[", "]", "‘", "’",
                           '"', "*", "_", "<i>", "</i>", "<EM>", "</em>", "<", "\n", "\n\n",
                           " ", "word", "x’s", "a_b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_MARKED, st.text(max_size=3)), max_size=40).map("".join))
def test_protected_spans_match_the_reference(text):
    assert protected_spans(text) == _protected_spans_reference(text)


@given(st.text())
def test_protected_spans_match_the_reference_on_any_unicode(text):
    assert protected_spans(text) == _protected_spans_reference(text)


def test_protected_spans_match_the_reference_on_fixtures_and_dev_texts():
    texts = fixture_and_dev_texts()
    for text in [*texts, "\n".join(texts)]:
        assert protected_spans(text) == _protected_spans_reference(text)


def test_a_few_words_beyond_ascii_keep_the_fast_path():
    filler = "The talks in the city went on for most of the week, officials said. " * 6
    text = "".join(f"{filler}President {name} met them. " for name in
                   ["Erdoğan", "Lula", "e\u0301te\u0301", "Straße", "x\u0301", "sourdine"] * 5)
    assert _foreign._ascii_starts(text) is not None
    found = [m.span() for m in _foreign._tokens_of_interest(text, TABLE.skippable_words(), False)]
    assert found == _kept_spans(text)
    assert _foreign._ascii_starts("Слава Україні " * 40) is None  # every word: re instead


def _caseless_reference(text: str) -> bool:
    """_caseless as it was: the capitals counted one match at a time."""
    sample = text[:20000]
    most = 0.02 * ((len(sample) + 1) // 2)
    capitals = 0
    for _ in _foreign._CAPITAL.finditer(sample):
        capitals += 1
        if capitals >= most:
            return False
    words = len(sample.split())
    return words >= 20 and capitals < 0.02 * words


_CASED = st.sampled_from(["the", "The", "THE", "x", "A", "a", "_", "1", "9", "Éva", "éA", "²A",
                          "_A", "×", "Жук", "жА", "ѐ", "Ä", "İ", "ß", "“", "—", " ", "\n", ".",
                          "-B", "e\u0301A", "\u00a0"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CASED, max_size=80).map(" ".join), st.integers(1, 300))
def test_caseless_matches_the_reference(text, times):
    for sample in (text, text * times, text.lower()):
        assert _foreign._caseless(sample) == _caseless_reference(sample)


@given(st.text())
def test_caseless_matches_the_reference_on_any_unicode(text):
    for sample in (text, (text + " ") * 30, (text.lower() + " word") * 30):
        assert _foreign._caseless(sample) == _caseless_reference(sample)


def test_caseless_matches_the_reference_on_fixtures_and_dev_texts():
    for text in fixture_and_dev_texts():
        for sample in (text, text.lower(), text[:2000].lower() + text):
            assert _foreign._caseless(sample) == _caseless_reference(sample)
