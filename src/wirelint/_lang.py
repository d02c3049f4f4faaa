"""The language gate: an English function-word share first, a word vote for short texts,
langdetect when in doubt.

langdetect is accurate but costs ~0.3 s to load its 55 profiles and ~3.5 ms per document,
which capped the whole pipeline near 285 documents/s.  News English is recognised far more
cheaply: among its first ~170 words, a fifth or more are English function words ("the",
"of", "said"...), a share no other language reaches.  Such a text is English with no
langdetect call (and without ever loading its profiles); every other text (short, mixed,
foreign) goes to langdetect, seeded so the same text always gets the same answer.  The
factory is shared and guarded by a lock, and each detection gets its own seeded random
generator, so detection is deterministic and thread-safe.

A text of fewer than :data:`CLEAR_WORDS` words is decided by its words before langdetect
is asked: on a headline langdetect guesses ("Bodies of" is Afrikaans to it, "Sourdine
expectations" French; 44 % of two-word English snippets of the dev texts and 4 % of
headlines of four to seven words came back as another language, and their English rules
were skipped: ``scripts/measure_language_gate.py``). Each word that English uses far
more than any other Latin-script language votes English, each frequent word of such a
language that English uses far less votes foreign (``data/language_words.txt.gz``, built
from wordfreq by ``scripts/build_language_words.py``); names and other unknown words do
not vote. At least as many English votes as foreign ones, and no letter outside the
Latin script, make the text English.  A longer text with few function words (a brief
of names and figures) votes too, and only a clear English vote spares langdetect.
"""

from __future__ import annotations

import gzip
import re
from importlib import resources
from typing import Any

import regex

from wirelint import _forksafe

#: Written into every report's signature: how the language was decided (function-word
#: share >= 0.2 over >= 20 words, a word vote under 20 words, a clear vote of the first
#: 60 words over that, else langdetect seeded 0; all on the first 1000 chars from the
#: first letter).
LANG_SIGNATURE = "fw0.2+vote20+vote60r3s0.2+langdetect-seed0-1000c-from-1st-letter"
#: Characters of text looked at.  More costs time and changes nothing: on the dev corpora
#: (990 English documents) 1000 characters leave 6 to langdetect, 2000 leave 5.
SAMPLE_CHARS = 1000

#: Words that are frequent in English and rare as words in other languages.  Short texts
#: defeat every n-gram identifier ("Sourdine expectations" comes back as French or
#: Dutch at random); their share of tokens does not.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to is was were that with for it this be are have has had not by from at "
    "they he she his her we you i said would will which who their been but or its there "
    "what when if than then them these those my our your could should about after into "
    "over also because while where how".split())
#: Share of function words above which a text counts as English whatever langdetect says.
FUNCTION_WORD_SHARE = 0.2
#: Words needed before the share alone decides, without asking langdetect at all.  On
#: fewer words a share can be luck; langdetect still decides, with the share as override.
CLEAR_WORDS = 20
#: Words a longer text votes with when its share of function words is low (names,
#: figures, a headline stack): English when its English votes are at least
#: :data:`VOTE_RATIO` times its foreign ones and :data:`VOTE_SHARE` of its words.  Of
#: 9,900 snippets of 20-60 words of the dev texts, 986 have a low share; langdetect
#: judged 984 of them English (2 ``id``: a gamer's gibberish), and the vote decides 705
#: alike (``scripts/measure_language_gate.py``); the rest go to langdetect as before.
VOTE_WORDS = 60
VOTE_RATIO = 3
VOTE_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: Characters never inside a word of :data:`_WORD` (an apostrophe only between letters):
#: stripped from a token's ends, they leave most tokens one word (:func:`_words`).
_NOT_WORD = "\"'“”‘’.,;:!?()[]{}-–—…/0123456789%$£€&*#@+="

#: A letter of another script than Latin: such a text is left to langdetect, which tells
#: scripts apart reliably.
_NOT_LATIN = regex.compile(r"[^\P{L}\p{Latin}]")
_LETTER = regex.compile(r"\p{L}")

_lock = _forksafe.Lock()
#: langdetect's profiles, loaded once (:func:`langdetect_factory`).
_loaded: Any = None
#: word -> True (votes English) or False (votes foreign), read on the first short text
_votes: dict[str, bool] | None = None


def _load_votes() -> dict[str, bool]:
    global _votes
    if _votes is None:
        with _lock:
            if _votes is None:
                data = resources.files("wirelint").joinpath("data/language_words.txt.gz")
                lines = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
                _votes = {word: kind == "e" for word, kind in
                          (line.split("\t") for line in lines if not line.startswith("#"))}
    return _votes


def word_vote(text: str, words: int = CLEAR_WORDS) -> tuple[int, int]:
    """``(English votes, foreign votes)`` of the first ``words`` words of ``text``: see
    the module docstring; a word in neither list (a name, a number, a rare word) does
    not vote."""
    votes = _load_votes()
    english = foreign = 0
    for word in _WORD.findall(text[:SAMPLE_CHARS].lower())[:words]:
        vote = votes.get(word)
        if vote is not None:
            english += vote
            foreign += not vote
    return english, foreign


def langdetect_factory() -> Any:
    """langdetect's factory with all 55 profiles loaded, seeded 0: the one the language
    gate and MT101 share.  langdetect's own ``init_factory`` publishes its global
    factory *before* loading the profiles, so a second thread could detect with a few
    of them (German came back ``pl``, English ``af``); this one is built privately and
    published (to langdetect too) once complete."""
    factory = _loaded
    if factory is None:
        with _lock:
            if _loaded is None:
                _load_factory()
            factory = _loaded
    return factory


def _load_factory() -> None:
    global _loaded
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    fresh = DetectorFactory()
    fresh.load_profile(detector_factory.PROFILES_DIRECTORY)
    detector_factory._factory = fresh  # langdetect.detect() elsewhere reads the same one
    _loaded = fresh


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, 1.6x faster: no word spans whitespace, so the words are
    those of each whitespace-separated token, and a token that is all letters once the
    characters around it that no word holds are stripped ("said,", "(Reuters)") is one
    word, with no regex call."""
    out: list[str] = []
    for token in text.split():
        if token.isalpha():
            out.append(token)
            continue
        core = token.strip(_NOT_WORD)
        if core.isalpha():
            out.append(core)
        elif core:
            out.extend(_WORD.findall(core))
    return out


def function_word_share(text: str) -> tuple[float, int]:
    """Share of English function words among the first words, and the word count."""
    words = _words(text[:SAMPLE_CHARS].lower())[:400]
    if not words:
        return 0.0, 0
    return sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words), len(words)


def sample(text: str) -> str:
    """The :data:`SAMPLE_CHARS` characters of ``text`` that decide its language, from its
    first letter on: blank lines, rules or numbers above a text say nothing of its
    language (5,000 blank lines above an article had made it ``und``, and an undetermined
    text gets no rule at all)."""
    first = _LETTER.search(text)
    start = first.start() if first else 0
    return text[start:start + SAMPLE_CHARS]


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(language code, probability)``; ``("und", 0.0)`` when there is no signal.

    A text of at least :data:`CLEAR_WORDS` words whose share of English function words
    reaches :data:`FUNCTION_WORD_SHARE` is English with probability 1.0 (langdetect says
    1.0 on every such document of the dev corpora).  A shorter text in Latin script is
    English when its words vote so (:func:`word_vote`), with the English share of the
    votes as probability (1.0 when no word votes: names alone are not evidence of
    another language).  A longer one with a lower share is English when its first
    :data:`VOTE_WORDS` words vote so clearly (:data:`VOTE_RATIO`, :data:`VOTE_SHARE`),
    which spares langdetect's 2 ms, and its 0.4 s load, on a brief full of names and
    figures.  Otherwise langdetect decides, except that a text of at least three words
    with that share is still English.
    """
    text = sample(text)
    share, count = function_word_share(text)
    if count >= CLEAR_WORDS and share >= FUNCTION_WORD_SHARE:
        return "en", 1.0
    latin = count > 0 and not _NOT_LATIN.search(text)
    if latin and count < CLEAR_WORDS:
        english, foreign = word_vote(text)
        if english >= foreign:
            return "en", round(english / (english + foreign), 4) if english else 1.0
    elif latin:
        english, foreign = word_vote(text, VOTE_WORDS)
        if english >= VOTE_RATIO * foreign and english >= VOTE_SHARE * min(count, VOTE_WORDS):
            return "en", round(english / (english + foreign), 4)
    lang, prob = _langdetect(text)
    if lang != "en" and count >= 3 and share >= FUNCTION_WORD_SHARE:
        return "en", round(min(1.0, 2 * share), 4)
    return lang, prob


def _langdetect(text: str) -> tuple[str, float]:
    factory = langdetect_factory()
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = factory.create()
        detector.append(text[:SAMPLE_CHARS])
        best = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not best:
        return "und", 0.0
    return best[0].lang, round(best[0].prob, 4)
