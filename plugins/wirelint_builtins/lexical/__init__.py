"""MT1xx: untranslated words, false friends, calques and garbled idioms.

Machine translation (and a hurried human translator) leaves traces of the source
language in the words themselves: a word it could not translate ("Sourdine
expectations"), a look-alike word in its source-language sense ("in costume" for French
*en costume*, "in a suit"), a construction copied word for word ("since three years"),
an idiom translated literally ("hanging noodles on the ears").  MT101 is programmatic
(word-frequency data); MT102-MT104 are one data lexicon (``lexicon.tsv``) on the hot path.

All four are weak evidence one by one; the plain English of a non-native writer trips
none of them, because each entry is a specific construction of a specific source
language, not a simplicity or error measure.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirelint import Document, Finding, Pattern, Rule, Severity, Signal, hookimpl
from wirelint._lang import langdetect_factory

from . import _foreign, _lexicon

WIRELINT_PREFIX = "MT1"

UNTRANSLATED_WORD = Rule(
    code="MT101",
    name="untranslated-word",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A word or phrase left in another language where English is expected.",
    why=(
        "MT engines copy what they cannot translate: rare words, headline words and generic "
        "nouns in place names ('the Palais de Dolmabahçe').  A common French, German, "
        "Spanish, Italian or Portuguese word that English does not use, a run of foreign "
        "words, or a word in another script (Cyrillic, CJK) outside quotes is a trace of "
        "the source text.  The message names the likely source language."
    ),
    example="The expectations were low, and la partie russe said little.",
    use_instead="The expectations were low, and the Russian side said little.",
    false_positives=(
        "Deliberate foreign words: quotations, italics and brackets are skipped, and an "
        "allow-list covers words English news uses ('de facto', 'Bundestag', 'fatwa').  "
        "Capitalised words mid-sentence are treated as names, except German compound nouns "
        "(low confidence).  A headline opening with a name that is also a foreign word gets "
        "low confidence."
    ),
    references=(
        "https://github.com/rspeer/wordfreq (Zipf frequencies per language)",
        "Koehn & Knowles, Six Challenges for Neural Machine Translation (2017): "
        "rare and unknown words are copied",
    ),
)

FALSE_FRIEND = Rule(
    code="MT102",
    name="false-friend",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="An English word used in the sense of its look-alike in the source language.",
    why=(
        "'in costume' (French en costume, in a suit), 'the Russian party' (la partie russe, "
        "the Russian side), 'sensible issue' (sensitive), 'seriously blessed' (blessé, "
        "injured): word-for-word translation picks the cognate.  Each lexicon entry names "
        "its source language, explains the sense and suggests the fix; context guards keep "
        "the English sense ('the Russian Communist Party', 'actors in costume') quiet."
    ),
    example="Their Russian counterparts, who were in costume, sat opposite the delegation.",
    use_instead="Their Russian counterparts, who were in suits, sat opposite the delegation.",
    false_positives=(
        "Real English uses of the word that slip past a guard (a theatre delegation 'in "
        "costume').  Entries that also occur in careful English carry low confidence."
    ),
    references=(
        "https://en.wikipedia.org/wiki/False_friend",
        "Chamizo-Domínguez, Semantics and Pragmatics of False Friends (Routledge, 2008)",
    ),
)

CALQUE = Rule(
    code="MT103",
    name="calque",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A construction translated word for word from another language.",
    why=(
        "'since three years' (French depuis, German seit), 'in the nearest time' (Russian "
        "v blizhaishee vremya), 'it acts of' (il s'agit de), 'a row of measures' (ryad): "
        "source-language syntax and collocations survive literal translation.  Native "
        "English copy does not produce them."
    ),
    example="The decision will be announced in the nearest time.",
    use_instead="The decision will be announced soon.",
    false_positives=(
        "Some calques are also the house style of human translators ('on the territory of', "
        "'against the background of'), and some are what a non-native writer types too "
        "('since three years', 'make a photo', 'demanded him to'): those carry confidence "
        "0.45 or less, so plain second-language English never decides a verdict alone."
    ),
    references=(
        "https://en.wikipedia.org/wiki/Calque",
        "Baker, Corpus Linguistics and Translation Studies (1993): translation universals",
    ),
)

GARBLED_IDIOM = Rule(
    code="MT104",
    name="garbled-idiom",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A foreign idiom translated literally, or an idiom mangled by MT.",
    why=(
        "Idioms are where MT fails visibly: 'hanging noodles on the ears' (Russian), 'put "
        "the plough before the oxen' (French), 'In revenge,' for en revanche (on the other "
        "hand), 'Without embargo,' for sin embargo (however), 'hopes were tanned'.  "
        "A human translator substitutes the English idiom."
    ),
    example="Critics say the minister is hanging noodles on the ears of voters.",
    use_instead="Critics say the minister is pulling the wool over voters' eyes.",
    false_positives=(
        "A writer deliberately quoting a foreign saying word for word, usually with "
        "'as the Russian saying goes'; quote marks do not silence this rule."
    ),
    references=(
        "https://en.wikipedia.org/wiki/Literal_translation",
        "Fadaee, Bisazza & Monz, Examining the Tip of the Iceberg: A Data Set for Idiom "
        "Translation (LREC 2018)",
    ),
)

RULES = (UNTRANSLATED_WORD, FALSE_FRIEND, CALQUE, GARBLED_IDIOM)
ENTRIES = _lexicon.load_entries()
PATTERNS = tuple(_lexicon.patterns(ENTRIES))

def _detect(text: str) -> tuple[str, float]:
    """langdetect on a run of foreign words, seeded like the host's language gate."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = langdetect_factory()  # the host's, complete before any thread reads it
    try:
        detector = factory.create()  # a fresh, seeded detector per call
        detector.append(text)
        best = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    return (best[0].lang, best[0].prob) if best else ("und", 0.0)


def untranslated(text: str) -> list[Finding]:
    """MT101 findings for ``text`` (for tests and scripts; the hook calls this)."""
    return [Finding.at(text, h.start, h.end, code="MT101", message=h.message,
                       confidence=h.confidence, suggestion=h.suggestion)
            for h in _foreign.find_untranslated(text, _detect)]


@hookimpl
def wirelint_rules() -> Sequence[Rule]:
    """MT101-MT104."""
    return RULES


@hookimpl
def wirelint_patterns() -> Sequence[Pattern]:
    """MT102-MT104: one lexicon pattern per entry of ``lexicon.tsv``."""
    return PATTERNS


@hookimpl
def wirelint_check(document: Document) -> list[Finding]:
    """MT101 untranslated-word (needs the word table, so it is programmatic)."""
    return untranslated(document.text)
