"""ST7xx: statistical style profiles (document level).

Hand-written rules see the slips a machine makes; they cannot see the *habits*.
Modern MT rarely slips, but it still writes "the leader of the party" where a translator
writes "the party's leader", avoids contractions, and leans on frequent words; an LLM
rewrite evens out sentence lengths and reaches for the same connectives.  Each ST7 rule
is a logistic regression over three n-gram views of the text (``_ngrams.py``: characters,
tokens with content words masked so that topic leaves little trace, and words), stacked
with thirteen whole-document measures (``_dense.py``: vocabulary variety, sentence
lengths, frequent words, contractions, genitives).  The
weights ship as data (``model.json``, fitted by ``scripts/fit_stylometry.py`` on the
dev split); scoring is a sparse dot product, in pure Python for the first texts a
process checks and through numpy once a batch is under way (``_vector.py``: the same
numbers, three times faster).

A finding is one per document and model, emitted when the calibrated probability reaches
the rule's floor; its message names the n-grams that drove it and its span is the first
sentence that holds the strongest of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from wirelint import Document, Finding, Rule, Severity, Signal, hookimpl
from wirelint_builtins.stylometry import _features, _ngrams, _vector
from wirelint_builtins.stylometry._model import (
    NgramModels,
    Weighed,
    describe,
    drivers,
    load_models,
    measure_drivers,
)

WIRELINT_PREFIX = "ST7"

_REFERENCES_TRANSLATIONESE = (
    "Baroni & Bernardini (2006), A new approach to the study of translationese: "
    "machine-learning the difference between original and translated text, LLC 21(3)",
    "Volansky, Ordan & Wintner (2015), On the features of translationese, DSH 30(1)",
    "Stamatatos (2017), Authorship attribution using text distortion, EACL",
)

TRANSLATIONESE = Rule(
    code="ST701",
    name="translationese-profile",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="The document's style profile is that of English translated from another "
            "language.",
    why=(
        "Translated English, by machine or by a person, over-uses 'of the' genitives, "
        "literal function words and frequent vocabulary, and under-uses contractions and "
        "'s-genitives; a model of character, masked-token and word n-grams, with "
        "whole-document measures (vocabulary variety, sentence lengths, contractions) "
        "stacked on it, separates translated from original news (out-of-fold AUROC 0.97 "
        "on WMT dev).  "
        "On its own it is weak evidence of machine translation (people translate too); "
        "the scorer weighs it together with ST703 and the MT rules."
    ),
    example=(
        "The head of the administration of the region said that the work of the "
        "commission of the ministry is continuing.\nAccording to him, the main task of "
        "the commission is the restoration of the infrastructure of the city, which was "
        "damaged as a result of the flood.\nIn addition, the issue of the payment of "
        "compensation to the residents of the affected houses is being considered.\nThe "
        "representative of the ministry noted that the situation is under the control "
        "of the government of the region."
    ),
    use_instead=(
        "Flood repairs in the city are going well, the regional governor said on Monday. "
        "\"We've got crews out on every street that got hit, and they're not stopping "
        "until the water's back on,\" she told reporters. Residents whose homes were "
        "damaged can claim compensation from next week, officials said, though many "
        "aren't sure they'll qualify. The state's emergency fund has about $4 million "
        "left."
    ),
    false_positives=(
        "Human translations (the profile is of translated text, not of machines), "
        "bureaucratic or legal English, and writers whose first language shapes their "
        "English.  The finding needs at least 50 words and carries its probability as "
        "its confidence; the verdict needs more than this profile."
    ),
    references=_REFERENCES_TRANSLATIONESE,
)

LLM_REWRITE = Rule(
    code="ST702",
    name="llm-rewrite-profile",
    signal=Signal.PARAPHRASE,
    severity=Severity.INFO,
    summary="The document's style profile is that of a text rewritten or polished by a "
            "large language model.",
    why=(
        "LLM rewrites of human text keep the content and replace the writer's habits "
        "with the model's: connectives ('additionally', 'overall'), a polished and even "
        "register, fewer first-person asides and fragments.  The model was fitted on "
        "MixSet (human passages and their GPT-4 / Llama-2 rewrites), case-folded."
    ),
    example=(
        "The new initiative aims to enhance the overall experience for residents while "
        "ensuring that essential services remain accessible. Additionally, officials "
        "emphasized the importance of collaboration between local communities and "
        "government agencies. Furthermore, the program will provide valuable resources "
        "to help families navigate these challenging times. Overall, the plan represents "
        "a significant step forward in addressing the diverse needs of the community and "
        "fostering a more inclusive environment for everyone."
    ),
    use_instead=(
        "the council's new plan is pretty simple really. they want to keep the library "
        "open on sundays and fix the bus timetable, which hasn't worked since march. i "
        "asked a few people at the market what they thought and most just shrugged. one "
        "woman said she'd believe it when she saw it. the vote is next tuesday, so we'll "
        "see. my guess is it passes but nobody gets excited about it."
    ),
    false_positives=(
        "Corporate and press-release prose written by people, which shares the register; "
        "heavily edited copy; number-heavy copy (results and price tables) leans a "
        "little toward it, since paraphrases of dev's texts carry more numbers per word "
        "(each document measure counts at most 3 sd from dev's mean, so a table cannot "
        "decide alone).  The finding needs at least 50 words and carries its "
        "probability as its confidence."
    ),
    references=(
        "Zhang et al. (2024), LLM-as-a-Coauthor: Can Mixed Human-Written and "
        "Machine-Generated Text Be Detected?, Findings of NAACL (MixSet)",
        "Liang et al. (2024), Mapping the Increasing Use of LLMs in Scientific Papers, "
        "https://arxiv.org/abs/2404.01268",
    ),
)

MT_OUTPUT = Rule(
    code="ST703",
    name="machine-translation-profile",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="The document's style profile is that of machine translation rather than "
            "a professional human translation.",
    why=(
        "Fitted on pairs of the same source document translated by an MT system and by "
        "a professional (WMT news test sets), so content cannot help it: what remains is "
        "that MT is more literal ('of the' over 's-genitives), avoids contractions, "
        "keeps the source's segment shapes and uses more frequent words.  Weak on its "
        "own (document-level out-of-fold AUROC 0.77 on WMT dev, quotes and dashes read "
        "plain so that punctuation style cannot decide); the scorer multiplies it with "
        "ST701 and adds the rules."
    ),
    example=(
        "In the Tyumen region, the action \"Buy from the grandmother\" was held.\n"
        "Organizers call to buy from the grandmother vegetables, flowers and berries, "
        "which they grew in the gardens, and not to bargain.\nThe author of the post "
        "gave an example of the specific address at which the grandmother sells the "
        "cherry.\nBut the residents of the city suddenly erupted in the angry comments "
        "under the post.\nThe representative of the administration of the city said that "
        "the situation is under the control."
    ),
    use_instead=(
        "A call to \"Buy from grandma\" went up on one of Tyumen's public pages this week. "
        "The organizers want people to buy the vegetables, flowers and fruit that elderly "
        "ladies grow in their own gardens - and not to haggle. \"I've seen it with my own "
        "eyes,\" one reader wrote, and she wasn't the only one who'd noticed. Others "
        "weren't convinced the campaign would change much."
    ),
    false_positives=(
        "Literal or hurried human translations, and plain English written by non-native "
        "writers (a fairness control set in fixtures/articles/human-nonnative/ checks "
        "that the verdict stays human).  The finding needs at least 50 words."
    ),
    references=(
        "Aharoni, Koppel & Goldberg (2014), Automatic Detection of Machine Translated "
        "Text and Translation Quality Estimation, ACL",
        "van der Werff, Toral et al. (2022), Automatic Discrimination of Human and Neural "
        "Machine Translation, https://arxiv.org/abs/2210.06106",
        "Vanmassenhove, Shterionov & Way (2019), Lost in Translation: Loss and Decay of "
        "Linguistic Richness in Machine Translation, MT Summit",
    ),
)

RULES = (TRANSLATIONESE, LLM_REWRITE, MT_OUTPUT)

#: What each model's finding says, and the probability at which it is reported.
_WHAT = {
    "ST701": "reads like translated English",
    "ST702": "reads like an LLM rewrite",
    "ST703": "reads like machine rather than human translation",
}
#: Report floor per code: below it the profile is not worth a reader's attention.
#: Set so that each fires on few human-written documents (out-of-fold on dev): the
#: scorer reads every probability through ``wirelint_measure`` whatever the floor.
FLOORS: Mapping[str, float] = {"ST701": 0.9, "ST702": 0.8, "ST703": 0.7}

VERSION, MIN_WORDS, MODELS = load_models()
#: A profile reads at most this many characters of a text (cut at a white space): about
#: 8,000 words, 30 times the median dev article and 7 times the longest; by then the
#: decision has settled, and a longer text costs no more to profile (a 1 MB text took
#: 1.3 s here, its first 50,000 characters 0.06 s).
MAX_CHARS = 50_000


def profiled(text: str) -> str:
    """The part of ``text`` the models read: all of it, or its first :data:`MAX_CHARS`
    characters up to the last white space among them."""
    if len(text) <= MAX_CHARS:
        return text
    cut = max(text.rfind(" ", 0, MAX_CHARS), text.rfind("\n", 0, MAX_CHARS))
    return text[:cut if cut > 0 else MAX_CHARS]


def long_enough(text: str) -> bool:
    """At least :data:`MIN_WORDS` words: below that an n-gram profile is noise (the
    split stops there: a long text is not split whole, twice per check)."""
    return len(text.split(None, MIN_WORDS - 1)) >= MIN_WORDS


def _holds(piece: str, view: str, gram: str) -> bool:
    """Whether ``gram`` is among ``piece``'s n-grams of ``view`` (what
    ``_ngrams.COUNTERS[view](_features.plain(piece))`` would hold), without counting them
    all: a substring test for characters; for token views, the gram's plain words must
    occur in the piece before it is tokenised, and the gram is searched for between
    spaces in its tokens joined by spaces (no token holds white space)."""
    if view == "c":
        return gram in _ngrams.collapse_spaces(_features.plain(piece))
    parts = gram.split(" ")
    # an ASCII word of plain(piece) is one of piece.lower() too (typography and
    # furniture hold no letters, and no character lowercases to ASCII letters by its
    # context): most sentences are ruled out before they are made plain
    lowered = piece.lower()
    if any(p not in lowered for p in parts if p.isascii() and p.isalpha() and p != "w"):
        return False
    low = _features.plain(piece)
    if any(p not in low for p in parts if p.isalpha() and p != "w"):
        return False
    items = _ngrams.view_tokens(view, low)
    return bool(items) and f" {gram} " in f" {' '.join(items)} "


def _span(text: str, driver: tuple[str, str] | None) -> tuple[int, int]:
    """The first sentence of ``text`` holding the strongest driver, else its first real
    sentence (four words or more: no headline or dateline), else its first sentence,
    else the whole text.  One pass over the sentences, split only as far as it reads
    (:func:`_features.iter_sentences`)."""
    first = real = None
    for span in _features.iter_sentences(text):
        start, end = span
        if driver is not None and _holds(text[start:end], *driver):
            return span
        first = first or span
        if real is None and len(text[start:end].split()) >= 4:
            real = span
            if driver is None:
                break
    return real or first or (0, len(text))


@lru_cache(maxsize=4)
def _analysis(text: str, models: NgramModels
              ) -> tuple[Weighed, dict[str, float], tuple[float, ...]]:
    """The text's weighed n-grams, every model's decision and the centred document
    measures, computed once per text: the ``wirelint_check`` and ``wirelint_measure``
    hooks of one document both read them.  The text is made plain once, and one pass
    over it gives the tokens (the document measures read them too), the masked tokens
    and the words (:func:`_ngrams.token_views`).  (``lru_cache`` is thread-safe; a
    race only computes the same value twice.)"""
    text = _features.plain(text)
    toks, masked, words = _ngrams.token_views(text)
    vector = _vector.engine(models, len(text))
    weighed: Weighed
    if vector is not None:  # the same numbers, once a batch is under way
        weighed, z = vector.analyse(text, toks, masked, words)
    else:
        weighed = models.weigh(_ngrams.plain_views(text, masked=masked, words=words))
        z = models.decisions(weighed)
    return weighed, z, models.centre(text, toks)


def measure(text: str, models: NgramModels | None = None) -> dict[str, float]:
    """Every model's calibrated probability for ``text`` (``{}`` under MIN_WORDS words).

    ``models`` defaults to the shipped ones (read at call time, so an evaluation script
    may swap in cross-validation models).
    """
    models = MODELS if models is None else models
    if models is None or not long_enough(text):
        return {}
    _, z, centred = _analysis(profiled(text), models)
    return {c: round(models.constants[c].probability(z[c], centred), 6) for c in models.codes}


def findings_for(text: str, models: NgramModels | None = None,
                 floors: Mapping[str, float] = FLOORS) -> list[Finding]:
    """The ST7 findings of one text: one per model whose probability reaches its floor."""
    models = MODELS if models is None else models
    if models is None or not long_enough(text):
        return []
    text = profiled(text)  # the span lies in the part profiled; offsets are the same
    weighed, z, centred = _analysis(text, models)
    out = []
    for code in sorted(models.codes):
        p = models.constants[code].probability(z[code], centred)
        if p < floors.get(code, 0.5):
            continue
        top = drivers(models, weighed, code)
        start, end = _span(text, top[0] if top else None)
        named = ", ".join(describe(v, g) for v, g in top) or "no single n-gram stands out"
        whole = measure_drivers(models, code, centred)
        also = f"; document measures: {', '.join(whole)}" if whole else ""
        message = (f"{_WHAT.get(code, 'style profile')} (p={p:.2f}); drivers: {named}{also}; "
                   "the span is the first sentence holding the strongest n-gram")
        out.append(Finding.at(text, start, end, code=code, message=message,
                              confidence=round(p, 4)))
    return out


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The three style-profile rules."""
    return RULES


@hookimpl
def wirelint_check(document: Document) -> list[Finding]:
    """Explain the profile where a model is confident (the reader's view)."""
    return findings_for(document.text)


@hookimpl
def wirelint_measure(document: Document) -> dict[str, float]:
    """Every model's probability, confident or not (the scorer's view)."""
    return measure(document.text)
