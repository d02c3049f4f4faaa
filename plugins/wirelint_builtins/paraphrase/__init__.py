"""MP4xx: machine-paraphrase style in a single document.

An LLM rewrite of a news story reads smoothly, and that is its trace: a register news
writers rarely use ("amidst", "underscored", "additionally"), sentences and paragraphs of
even length, quotes turned into reported speech, and titles from the model's training
cut-off ("Senator Marco Rubio" months after he became Secretary of State).  Each is weak
alone; together they separate rewrites from wire copy.

MP401 is a lexicon on the hot path, weighted per word family by ``register.json``
(measured by ``scripts/measure_register.py``); MP402-MP404 are programmatic.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from importlib import resources

from wirelint import Config, Document, Finding, Pattern, Rule, Scan, Severity, Signal, hookimpl
from wirelint.text import unwrap

from . import titles as _titles
from ._quotes import MIN_ATTRIBUTIONS, dissolved_quotes
from ._rhythm import MAX_CV, MIN_SENTENCE_WORDS, Stretch, cv, flat_stretches, longest
from .titles import TITLES_AS_OF, TITLES_DIGEST

WIRELINT_PREFIX = "MP4"
#: Added to every report's signature: which titles table judged the titles (its date and
#: a hash of its content).
WIRELINT_SIGNATURE = f"titles:{TITLES_AS_OF}+{TITLES_DIGEST}"

__all__ = ["RULES", "TITLES_AS_OF", "WIRELINT_PREFIX", "WIRELINT_SIGNATURE"]

LLM_REGISTER = Rule(
    code="MP401",
    name="llm-register",
    signal=Signal.PARAPHRASE,
    severity=Severity.INFO,
    summary="A word or phrase over-represented in LLM rewrites ('additionally', 'amidst', "
            "'underscored').",
    why=(
        "Language models rewriting news lift its register: 'additionally', 'numerous', "
        "'intricate', 'amidst', 'emphasised'.  Each family's weight is its measured rate "
        "ratio in LLM rewrites against human originals and human news (README "
        "'Accuracy'); one hit is weak evidence, so confidence per hit stays low and only "
        "density adds up."
    ),
    example="Additionally, the minister emphasised the intricate talks amidst numerous "
            "setbacks.",
    use_instead="The minister also stressed that the talks were hard and had many setbacks.",
    false_positives=(
        "Formal human writing (op-eds, reports, translated official statements) uses the "
        "same words; that is why one occurrence carries at most 0.25 confidence.  Words "
        "common in human news ('despite') weigh least.  A capitalised word inside a "
        "sentence is a name and is spared ('the Comprehensive Partnership', 'shares in "
        "Pivotal Software'); a name opening a sentence ('Tapestry, the owner of Coach') "
        "or another sense ('a landscape gardener') is not."
    ),
    references=(
        "Kobak et al., 'Delving into ChatGPT usage in academic writing through excess "
        "vocabulary', arXiv:2406.07016 (2024)",
        "Liang et al., 'Monitoring AI-Modified Content at Scale', arXiv:2403.07183 (2024)",
        "MixSet: Chen et al., 'LLM-as-a-Coauthor', NAACL Findings 2024, arXiv:2401.05952",
    ),
)

FLAT_RHYTHM = Rule(
    code="MP402",
    name="flat-rhythm",
    signal=Signal.PARAPHRASE,
    severity=Severity.WARNING,
    summary="A long stretch of sentences or paragraphs of near-equal length.",
    why=(
        "Reporters vary rhythm: a long lede, a short quote, a one-line paragraph.  LLM "
        "rewrites even it out.  Four paragraphs in a row of two or more 10-plus-word "
        "sentences and near-equal size (CV < 0.15), or ten such sentences in a row, occur "
        "in under 2% of human news (README 'Accuracy')."
    ),
    example=(
        "The two delegations met in Istanbul on Friday for their first direct talks. "
        "Officials from both sides described the meeting as serious but difficult.\n"
        "Turkish diplomats hosted the session at a palace beside the Bosphorus strait. "
        "They had spent several weeks arranging the format of the meeting.\n"
        "The Ukrainian team was led by the defence minister and senior aides. "
        "The Russian side sent a presidential aide and several deputy ministers.\n"
        "Both teams agreed to exchange prisoners of war in the coming weeks. "
        "They did not agree on a ceasefire or on any territorial questions."
    ),
    use_instead=(
        "The two delegations met in Istanbul on Friday for their first direct talks. "
        "It was tense.\n"
        "Turkish diplomats hosted the session at a palace beside the Bosphorus strait, "
        "after weeks spent arranging who would sit where, and who would speak first.\n"
        "\"We came to listen,\" one aide said.\n"
        "Both teams agreed to exchange prisoners of war in the coming weeks. "
        "They did not agree on a ceasefire or on any territorial questions."
    ),
    false_positives=(
        "Tightly edited briefs and bulletins written to a fixed paragraph length; "
        "hard-wrapped text (each line counts as a paragraph)."
    ),
    references=(
        "Gehrmann, Strobelt & Rush, 'GLTR: Statistical Detection and Visualization of "
        "Generated Text', ACL 2019 demo, arXiv:1906.04043",
        "https://en.wikipedia.org/wiki/Coefficient_of_variation",
    ),
)

#: The rest of MP403's example and its rewrite (they differ in the second sentence only):
#: attributions without a quotation, then enough plain narrative to pass 150 words.
_BRIEFING_REST = (
    "His deputy added that prisoners would "
    "be exchanged within weeks. The defence minister emphasised that security "
    "guarantees remained essential for any deal. A Kremlin spokesman noted that a "
    "summit between the two presidents would need careful preparation. According to "
    "diplomats, the next round could take place in June. Officials warned that "
    "fighting along the front line had not eased during the week. The talks took "
    "place in a palace on the Bosphorus and lasted less than two hours, and both "
    "delegations left the building separately after the meeting ended. Turkish "
    "officials had prepared the venue for several days, closing nearby streets and "
    "placing police boats on the water. Journalists waited outside the gates for most "
    "of the afternoon, and the delegations did not stop to speak to them on their way "
    "out of the palace."
)

NO_DIRECT_QUOTES = Rule(
    code="MP403",
    name="no-direct-quotes",
    signal=Signal.PARAPHRASE,
    severity=Severity.WARNING,
    summary="Many attributions ('said', 'stated', 'emphasised', 'revealed that') and no "
            "direct quotation.",
    why=(
        "News quotes its sources verbatim.  LLM rewrites turn quotes into reported "
        "speech ('he underscored the need for...'), leaving a story full of attributions "
        "with nothing in quotation marks, and favour 'revealed that', 'indicated that', "
        "'disclosed that' for 'said'.  Six attributions in 150 words or more without "
        "a five-word quotation occur in 1.4% of human-original news documents (README "
        "'Accuracy')."
    ),
    example=(
        "The foreign minister said on Friday that the talks had been useful. He stated "
        "that both sides wanted a ceasefire soon. " + _BRIEFING_REST
    ),
    use_instead=(
        "The foreign minister said on Friday that the talks had been useful. \"Both "
        "sides want a ceasefire soon,\" he said. " + _BRIEFING_REST
    ),
    false_positives=(
        "Briefs built from official statements and translated news that paraphrases "
        "foreign-language quotes (3.8% of human-translated dev documents).  'revealed', "
        "'indicated' and 'disclosed' count only before 'that', after a speaker (a "
        "pronoun, a person or body that makes statements, a capitalised name "
        "mid-sentence but not after a preposition: not 'the audit revealed that', "
        "'tests indicated that', 'documents obtained by Reuters revealed that'), and only "
        "in a text with an attribution every 50 words, so a long human story with one "
        "source who 'indicated that' is not pushed over six."
    ),
    references=(
        "https://www.apstylebook.com/ (quotations in the news)",
        "Reuters Handbook of Journalism, 'Quotes', "
        "https://www.trust.org/reuters-handbook-of-journalism/",
    ),
)

STALE_TITLE = Rule(
    code="MP404",
    name="stale-title",
    signal=Signal.PARAPHRASE,
    severity=Severity.WARNING,
    summary="A title that was no longer true on the document's date ('Senator Marco Rubio' "
            "after 2025-01-20).",
    why=(
        "A language model writes titles as they were at its training cut-off: 'former "
        "President Trump' and 'Senator Marco Rubio' in copy about May 2025.  A dated table "
        f"of roles (as of {TITLES_AS_OF}) finds them.  When every title in the document "
        "fits one earlier date the finding is strong (a cut-off); one stale title among "
        "current ones is weak (a slip or an old quote).  The title may stand before the "
        "name or, on a dated document, after it ('Antony Blinken, the U.S. Secretary of "
        "State, said')."
    ),
    example="U.S. Senator Marco Rubio said the talks in Istanbul would not bring a "
            "breakthrough.",
    use_instead="Secretary of State Marco Rubio said the talks in Istanbul would not bring "
                "a breakthrough.",
    false_positives=(
        "Historical references without 'then-' ('Senator Rubio argued in his 2016 "
        "campaign' is spared by the year; 'Senator Rubio once argued' is not); undated "
        "documents older than the table, judged at its as-of date (their confidence is "
        "halved and fades for recent changes; a title after the name is not judged "
        "there at all); people missing from the table are never flagged."
    ),
    references=(
        "https://www.state.gov/biographies/marco-rubio/",
        "Dhingra et al., 'Time-Aware Language Models as Temporal Knowledge Bases', "
        "TACL 2022, https://doi.org/10.1162/tacl_a_00459",
    ),
)

RULES = (LLM_REGISTER, FLAT_RHYTHM, NO_DIRECT_QUOTES, STALE_TITLE)


def _load_register() -> dict:
    return json.loads(resources.files(__package__).joinpath("register.json").read_text("utf-8"))


REGISTER = _load_register()


def _register_message(family: str, ratio: float, source: str) -> Callable[[re.Match[str]], str]:
    basis = (f"{ratio:.1f}x as frequent in LLM rewrites" if source == "measured"
             else "LLM vocabulary (literature; too rare in the dev set to measure)")
    return lambda m: f"'{m.group()}' is LLM register ({family}: {basis})"


#: Characters after which a capital letter starts a sentence (or a quote, a list item).
_SENTENCE_OPENERS = frozenset(".!?:;\"“‘'(—–-•*\n")
#: Characters of a line looked at to tell a Title Case headline from prose.
_TITLE_WINDOW = 200
#: Lowercase words of Title Case headlines are this short ("from", "into", "with").
_FUNCTION_WORD_MAX = 4


def _not_a_name(m: re.Match[str], text: str) -> bool:
    """Veto a capitalised word inside a sentence: "Tapestry" or "Pivotal" mid-sentence is
    a company ("shares in Pivotal Software", "the Delve app"), not the LLM's word.  At a
    sentence start or in a Title Case headline the capital says nothing, so those stay."""
    start = m.start()
    if not text[start].isupper():
        return True
    before = text[max(0, start - 3):start].rstrip(" \t")
    if not before or before[-1] in _SENTENCE_OPENERS:
        return True
    line_start = text.rfind("\n", max(0, start - _TITLE_WINDOW), start) + 1
    line_end = text.find("\n", start, start + _TITLE_WINDOW)
    words = text[line_start:start + _TITLE_WINDOW if line_end < 0 else line_end].split()
    # A Title Case headline lowercases only short function words ("of", "the", "with");
    # one longer lowercase word ("signed") makes the line prose, the capital a name.
    return not any(w[:1].islower() and len(w) > _FUNCTION_WORD_MAX for w in words)


PATTERNS = tuple(
    Pattern(code="MP401", words=tuple(row["forms"]), confidence=row["confidence"],
            guard=_not_a_name,
            message=_register_message(family, round(math.exp(row["log_ratio"]), 1),
                                      row["source"]))
    for family, row in sorted(REGISTER["families"].items())
)


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The machine-paraphrase rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """MP401's lexicon: one pattern per word family, merged into the scanner's trie."""
    return PATTERNS


@hookimpl
def wirelint_configure(config: Config) -> None:
    """Validate ``[tool.wirelint.options] stale-titles`` now, so a bad table fails at load."""
    _titles.table_for(config.options)


@hookimpl
def wirelint_check(document: Document, scan: Scan, config: Config) -> list[Finding]:
    """MP402 flat rhythm, MP403 dissolved quotes, MP404 stale titles.

    MP402 and MP404 read hard-wrapped copy as its paragraphs (:func:`unwrap`, same
    length, so every span is one into the text as given): a wrapped line is neither a
    sentence nor a paragraph, and a title broken across a line still names its holder.
    """
    text = document.text
    reading = unwrap(text)
    # The sentences are split once, for MP402 and MP404 both.
    stretches, sentences, lengths = flat_stretches(reading)
    # The sentences hold every word once (they end only before whitespace), and
    # unwrapping only turns line breaks into spaces: their words are the text's.
    words = sum(lengths)
    findings = [*_flat_rhythm(text, stretches, sentences, lengths, words),
                *_dissolved_quotes(text, words)]
    table = _titles.table_for(config.options)
    findings += _titles.check_titles(document, table, STALE_TITLE.code, sentences, reading)
    return findings


def _flat_rhythm(text: str, stretches: list[Stretch], sentences: list[tuple[int, int]],
                 lengths: list[int], words: int) -> list[Finding]:
    if not stretches:
        return []
    best = longest(stretches)
    total = max(words, 1)
    covered = min(1.0, sum(s.words for s in stretches) / total)
    doc_cv = cv(lengths)
    return [Finding.at(
        text, best.start, best.end, code=FLAT_RHYTHM.code,
        message=(f"{best.units} {best.kind} in a row of near-equal length (CV < {MAX_CV}, "
                 f"every sentence {MIN_SENTENCE_WORDS}+ words); sentence-length CV of the "
                 f"document {doc_cv:.2f} over {len(sentences)} sentences (human news: "
                 "median 0.42)"),
        confidence=round(0.2 + 0.4 * covered, 3))]


def _dissolved_quotes(text: str, words: int) -> list[Finding]:
    found = dissolved_quotes(text, words)
    if found is None:
        return []
    attributions, words = found
    start, end = attributions[-1]  # the last one: text added before it never moves the span
    verbs = sorted({" ".join(text[s:e].casefold().split()) for s, e in attributions})
    return [Finding.at(
        text, start, end, code=NO_DIRECT_QUOTES.code,
        message=(f"{len(attributions)} attributions ({', '.join(verbs[:6])}) and no "
                 f"quotation of five words or more in {words} words: quotes may have been "
                 "rewritten as reported speech"),
        confidence=round(min(0.6, 0.3 + 0.05 * (len(attributions) - MIN_ATTRIBUTIONS)), 3))]
