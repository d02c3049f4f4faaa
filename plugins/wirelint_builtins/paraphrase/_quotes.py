"""Quotes dissolved into reported speech (MP403).

News quotes people: a story that attributes six statements ("said", "stated",
"emphasised", "according to") and quotes none of them verbatim is unusual for a reporter
and typical of a language model asked to rewrite, which turns "'We are ready,' he said"
into "he emphasised the team's readiness".  Scare quotes of a few words ("special military
operation") are not direct speech, so a quotation counts only from five words up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from wirelint._trie import trie_regex

from . import _lowered

#: Reporting verbs and phrases; each occurrence is one attribution ("states" is left out:
#: in "the United States" it is a noun).
ATTRIBUTION = re.compile(
    r"(?<![\w-])(?:said|says|told|stated|added|noted|explained|emphasi[sz]ed|"
    r"emphasi[sz]ing|stressed|stressing|insisted|insists|warned|argued|claimed|"
    r"underscored|highlighted|acknowledged|asserted|announced|expressed|voiced|remarked|"
    r"urged|maintained|contended|reiterated|affirmed|declared|conveyed|pointed out|"
    r"according to)(?![\w-])",
    re.IGNORECASE,
)
#: Reporting verbs that also say what a thing shows ("the audit revealed that", "tests
#: indicated that"): one counts only before "that", after a speaker
#: (:func:`_speaker_before`), and only in a text dense with attributions
#: (:data:`SOFT_DENSITY`).  LLM rewrites favour them for "said" ("the minister revealed
#: that..."); human copy uses them for documents and data.
SOFT_ATTRIBUTION = re.compile(r"(?<![\w-])(?:revealed|indicated|disclosed)(?= that(?![\w-]))",
                              re.IGNORECASE)
#: What every soft attribution holds in lowered text (each verb ends in "ed" before
#: " that"): a substring test spares most documents the search.
_SOFT_NEEDS = "ed that"
#: ``SOFT_ATTRIBUTION`` for lowered text (:mod:`._lowered`: the same spans, twice as fast).
_LOWERED_SOFT = re.compile(_lowered.pattern(SOFT_ATTRIBUTION.pattern))
#: ``ATTRIBUTION``'s verbs and phrases, one by one.
_VERBS = (*"said says told stated added noted explained emphasised emphasized emphasising "
          "emphasizing stressed stressing insisted insists warned argued claimed underscored "
          "highlighted acknowledged asserted announced expressed voiced remarked urged "
          "maintained contended reiterated affirmed declared conveyed".split(),
          "pointed out", "according to")


def _lowered_char(ch: str) -> str:
    """A character of :data:`_VERBS` as lowered text holds it: a letter as
    :func:`._lowered.letter`, the space as itself."""
    return re.escape(ch) if ch == " " else _lowered.letter(ch)


#: ``ATTRIBUTION`` for lowered text (:mod:`._lowered`) as a trie that opens with the
#: character before the verb (searched in " " + the lowered text): ``re`` skips in C to
#: the next character that is no word character or hyphen and tries one branch per
#: character, where it tried the look-behind and then every verb at every position.
_LOWERED_TRIE = re.compile(rf"[^\w-](?:{trie_regex(_VERBS, _lowered_char)})(?![\w-])")
#: Attributions per word (soft ones included) a text needs before its soft ones count:
#: one in 50 words.  A long human story that reaches six only through a soft verb is
#: sparse ("One source indicated that..." with five others in 526 words of a WMT
#: original); a rewrite that dissolved its quotes is dense.
SOFT_DENSITY = 1 / 50
#: Subjects that speak: pronouns, the relative "who", and people and bodies that make
#: statements (a plural "s" is allowed).  Any other lowercase noun is a thing ("data",
#: "audit", "records"); a capitalised word counts when it does not start the sentence
#: ("Peskov", "the Pentagon"), as a sentence-initial capital may be any noun.
_SPEAKERS = frozenset("""
he she they we i who minister spokesman spokeswoman spokesperson spokespeople official
police prosecutor governor mayor ambassador coach president chief director manager lawyer
attorney source secretary chairman chairwoman chair executive leader commander general
head envoy diplomat representative senator lawmaker ministry government authorities
investigator negotiator analyst aide adviser advisor advisers spokesmen spokeswomen
""".split())
#: Words skipped between the subject and the verb ("he also revealed", "she had
#: disclosed", "officials later indicated").
_ADVERBS = frozenset("""
also further later previously recently earlier then has had have reportedly subsequently
additionally moreover furthermore publicly first finally separately yesterday today
""".split())
#: Prepositions after which a capitalised word is no subject ("obtained by Reuters").
_PREPOSITIONS = frozenset("by to from with for of at in on about against via".split())
#: The words and sentence stops before a soft verb, read backwards.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|[.!?;:\n\"“”]")
MIN_ATTRIBUTIONS = 6
MIN_WORDS = 150
MIN_QUOTE_WORDS = 5

_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))


def longest_quote(text: str) -> int:
    """Words in the longest quotation (curly, guillemet, straight, single curly or
    straight single quotes)."""
    return max(_quote_lengths(text), default=0)


def _quote_lengths(text: str) -> Iterator[int]:
    """Words in each quotation, lazily: :func:`dissolved_quotes` stops at the first long
    one (most news quotes somebody early), where the longest needs them all."""
    for open_, close in _PAIRS:
        i = text.find(open_)
        while i >= 0:
            j = text.find(close, i + 1)
            if j < 0:
                break
            yield len(text[i + 1:j].split())
            i = text.find(open_, j + 1)
    yield from _straight_quotes(text)
    yield from _straight_single_quotes(text)
    i = text.find("‘")
    while i >= 0:  # ‘…’, skipping apostrophes (a ’ followed by a letter: Ukraine’s)
        j = text.find("’", i + 1)
        while j >= 0 and j + 1 < len(text) and text[j + 1].isalpha():
            j = text.find("’", j + 1)
        if j < 0:
            break
        yield len(text[i + 1:j].split())
        i = text.find("‘", j + 1)


#: A straight single quote opening a quotation: at a line start or after a space or an
#: opening bracket or dash, before a word ('We are ready,' he said).  Apostrophes sit
#: inside or at the end of a word (Ukraine's, workers'), never there.  The pattern opens
#: with the quote, so ``re`` skips to the next one in C (the look-behind, two wide, also
#: holds at the text's start; a line start follows a "\n", a space): opening with "^"
#: or a look-behind, it was tried at every position, 40x slower.
_SINGLE_OPEN = re.compile(r"'(?<![^\s(\[—–-]')(?=\w)")
#: ... and closing one: after a non-space, before no letter (it's, rock 'n' roll).
_SINGLE_CLOSE = re.compile(r"(?<=\S)'(?!\w)")


def _straight_single_quotes(text: str) -> Iterator[int]:
    """Words in each 'straight single-quoted' quotation (British style, and copy whose
    curly quotes were flattened to ASCII), paired within a line."""
    if "'" not in text:
        return
    for m in _SINGLE_OPEN.finditer(text):
        line_end = text.find("\n", m.end())
        close = _SINGLE_CLOSE.search(text, m.end(), len(text) if line_end < 0 else line_end)
        if close is not None:
            yield len(text[m.end():close.start()].split())


def _straight_quotes(text: str) -> Iterator[int]:
    """Words in each "straight-quoted" quotation, lazily.

    A straight quote does not say whether it opens or closes.  Pairs are counted within
    a line (one paragraph per line, as wire copy and WMT have it), and a line with an
    odd number of marks goes on into the next, which closes the quote: a quotation
    hard-wrapped at 70 columns, or one carried over a paragraph break.  (Counted per
    line alone, a hard-wrapped human article lost its quotations and MP403 fired on 22
    of 139 WMT originals, against 2 unwrapped.)  Such a group of lines ends where the
    count of marks so far is even, so its pairs are the text's marks paired in order:
    found by ``str.find``, without splitting the text into lines.
    """
    i = text.find('"')
    while i >= 0:
        j = text.find('"', i + 1)
        if j < 0:
            return
        yield len(text[i + 1:j].split())
        i = text.find('"', j + 1)


def dissolved_quotes(text: str, words: int | None = None
                     ) -> tuple[list[tuple[int, int]], int] | None:
    """The attributions' spans and the word count when the document quotes nobody, else
    ``None``.  ``words`` is ``len(text.split())`` when the caller has counted already."""
    if words is None:
        words = len(text.split())
    if words < MIN_WORDS:
        return None
    # The quotation test first: it is a few substring searches, and most news quotes
    # somebody, which spares the reporting-verb regex.
    if any(n >= MIN_QUOTE_WORDS for n in _quote_lengths(text)):
        return None
    low = _lowered.lowered(text)
    if low is None:
        hay, soft_attribution = text, SOFT_ATTRIBUTION
        attributions = [m.span() for m in ATTRIBUTION.finditer(text)]
    else:
        hay, soft_attribution = low, _LOWERED_SOFT
        # In " " + low a match takes the character before the verb: the verb's span
        # in the text is the match's less that space.
        attributions = [(m.start(), m.end() - 1) for m in _LOWERED_TRIE.finditer(" " + low)]
    soft = [] if low is not None and _SOFT_NEEDS not in low else [
        m.span() for m in soft_attribution.finditer(hay) if _speaker_before(text, m.start())]
    if soft and len(attributions) + len(soft) >= SOFT_DENSITY * words:
        attributions = sorted(attributions + soft, key=lambda span: span[0])
    if len(attributions) < MIN_ATTRIBUTIONS:
        return None
    return attributions, words


def _speaker_before(text: str, pos: int) -> bool:
    """Whether the subject of the soft verb at ``pos`` speaks: the word before it in
    the sentence, past the adverbs and auxiliaries of :data:`_ADVERBS`, is one of
    :data:`_SPEAKERS` or a capitalised word that does not start the sentence."""
    tokens = _TOKEN.findall(text, max(0, pos - 80), pos)
    i = len(tokens) - 1
    while i >= 0 and tokens[i].lower() in _ADVERBS:
        i -= 1
    if i < 0 or not tokens[i][0].isalpha():
        return False
    word = tokens[i].removesuffix("'s").removesuffix("’s")
    if _speaks(word):
        return True
    if not (word[0].isupper() and i > 0 and tokens[i - 1][0].isalpha()):
        return False
    if tokens[i - 1].lower() not in _PREPOSITIONS:
        return True
    # A name after a preposition is no subject ("documents obtained by Reuters
    # revealed that"); the head it hangs on may be one ("the head of Gazprom").
    return i > 1 and _speaks(tokens[i - 2])


def _speaks(word: str) -> bool:
    """Whether ``word`` is one of :data:`_SPEAKERS`, or its plural."""
    low = word.lower()
    return low in _SPEAKERS or (low.endswith("s") and low[:-1] in _SPEAKERS)
