"""The language gate: langdetect, seeded so the same text always gets the same answer.

langdetect's profiles load lazily on first use (about 0.1 s); the factory is shared and
guarded by a lock, and each detection gets its own seeded random generator, so detection
is deterministic and thread-safe.
"""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

#: Written into every report's signature: which identifier decided the language.
LANG_SIGNATURE = "langdetect-seed0"
#: Characters of text given to the identifier; more costs time and changes nothing.
SAMPLE_CHARS = 2000

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
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

_lock = threading.Lock()
_ready = False


def _factory() -> None:
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                DetectorFactory.seed = 0
                init_factory()
                _ready = True


def function_word_share(text: str) -> tuple[float, int]:
    """Share of English function words among the first 400 words, and the word count."""
    words = _WORD.findall(text[:SAMPLE_CHARS])[:400]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    return hits / len(words), len(words)


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(language code, probability)``; ``("und", 0.0)`` when there is no signal.

    langdetect decides, except that a text of at least three words whose share of English
    function words reaches :data:`FUNCTION_WORD_SHARE` is English.
    """
    lang, prob = _langdetect(text)
    share, count = function_word_share(text)
    if lang != "en" and count >= 3 and share >= FUNCTION_WORD_SHARE:
        return "en", round(max(prob if lang == "en" else 0.0, min(1.0, 2 * share)), 4)
    return lang, prob


def _langdetect(text: str) -> tuple[str, float]:
    _factory()
    from langdetect import detector_factory

    try:
        detector = detector_factory._factory.create()
        detector.append(text[:SAMPLE_CHARS])
        best = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not best:
        return "und", 0.0
    return best[0].lang, round(best[0].prob, 4)
