"""Context tests for capitalisation: where a lowercase name is *not* a mistake, and where
a capitalised word is evidence that it is a name.

Every function is pure and looks at a bounded neighbourhood of the text, except
:func:`evidence`, which reads the whole document once per check.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W\d_]+")
#: The ``WORD`` s of four letters or more (a shorter run never starts a match of four).
_WORD4 = re.compile(r"[^\W\d_]{4,}")
#: A run of letters from a letter other than a-z that does not continue a word: every
#: capitalised word, and few others, so the evidence pass never visits ordinary
#: lowercase words.  The word-start test is a two-wide lookbehind after the first letter,
#: so ``re`` still skips to the next candidate letter in C (a lookbehind first would be
#: tried at every position); a run it rejects is skipped whole, as its letters all follow
#: a letter.  The first letter is a range (A-Z, or beyond ASCII) that a lookbehind then
#: confirms is a letter: what ``[^\W\d_a-z]`` matches, 1.6x faster to skip to, as a
#: range is tested without a Unicode category look-up.  The range is written as the
#: ASCII it leaves out (``[A-Z\x80-\U0010ffff]``, the same set): ``re`` builds a
#: range reaching past U+00FF code point by code point, 6.5 ms of every start-up.
_CAPITAL = re.compile(r"[^\x00-@\[-\x7f](?<=[^\W\d_])(?<![^\W\d_].)[^\W\d_]*")
#: A sentence start: the text start, a line start, or after . ! ? and spaces (plus any
#: opening quotes or brackets); the group is the first letter.  What
#: ``(?:^|[.!?…]["'”’)\]]*[ \t]+)["'“‘(\[«]*([^\W\d_])`` (multiline) finds, written to start
#: with one character class (the line break, or the stop) so that ``re`` skips to the
#: next candidate in C (3.5x faster, same letters, fuzzed); the text start is
#: ``_TEXT_START``.
_SENTENCE_START = re.compile(
    r"[\n.!?…](?:(?<=\n)|(?<!\n)[\"'”’)\]]*[ \t]+)[\"'“‘(\[«]*([^\W\d_])")
_TEXT_START = re.compile(r"[\"'“‘(\[«]*([^\W\d_])")
_LOWER_I = re.compile(r"(?<![^\W\d_.])i(?=[ \t]|['’](?:m|ve|ll|d)\b)")
#: ``_LOWER_I`` without its lookbehind, so ``re`` can scan for the literal "i" (10x
#: faster); the lookbehind is tested by hand on the few hits.
_I_THEN = re.compile(r"i(?=[ \t]|['’](?:m|ve|ll|d)\b)")
_PRONOUN_I = re.compile(r"(?<![^\W\d_])I(?![^\W\d_])")
#: How far either side of a match the local casing test looks.
WINDOW = 1500
#: Characters that make a whitespace-delimited chunk a link, handle, hashtag, path or code.
_LINKISH = re.compile(r"[/@#_=\\]|://|www\.|\.[^\W\d_]")
#: Words before a place name in running text ("in Turkey", "to Nice").
PLACE_PREPS = frozenset("""
in from to into near across outside throughout around toward towards via visit visited
visiting visits across inside within
""".split())
#: Lowercase compounds that English style guides keep lowercase (AP: "french fries").
LOWERCASE_COMPOUNDS = {
    "french": frozenset("fries fry toast doors door windows window kiss kissing braid "
                        "press horn dressing manicure polish twist bread".split()),
    "russian": frozenset("roulette dressing".split()),
    "danish": frozenset("pastry pastries".split()),
    "brussels": frozenset("sprouts sprout".split()),
    "venetian": frozenset("blind blinds".split()),
    "dutch": frozenset("oven ovens treat courage uncle auction".split()),
    "english": frozenset("muffin muffins horn".split()),
    "turkish": frozenset("delight".split()),
    "arabic": frozenset("numeral numerals".split()),
    "scotch": frozenset("tape whisky egg eggs".split()),
    "manila": frozenset("envelope envelopes folder folders".split()),
    "india": frozenset("ink".split()),
    "chinese": frozenset("whispers checkers lantern lanterns".split()),
    "german": frozenset("measles".split()),
}


def _is_letter(ch: str) -> bool:
    """Whether ``ch`` matches ``[^\\W\\d_]`` (a character of a ``WORD``)."""
    return ch.isalnum() and not ch.isdecimal()


def in_link(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits in a URL, e-mail, @handle, #hashtag or path."""
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 200:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 200:
        right += 1
    chunk = text[left:right].rstrip(".,;:!?)\"'”’»")
    return bool(_LINKISH.search(chunk)) or _elided(text, start)


def _elided(text: str, start: int) -> bool:
    # French or Italian elision in a quoted phrase: "l'europe", "d'italia".
    return (start >= 2 and text[start - 1] in "'’" and text[start - 2].isalpha()
            and (start < 3 or not text[start - 3].isalpha()))


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def is_tag_line(text: str, pos: int) -> bool:
    """A short line with no capital letter: a section tag or slug ("world", "europe news").
    A line of two or more words that ends in ".", "!" or "?" is a sentence, not a tag
    ("kyiv is large-scale.").

    Read from ``pos`` outwards in growing windows: a capital or a fifth word inside the
    window settles it, so a match on a long line costs its neighbourhood, not the line
    (once per match, that was quadratic on a one-line document).
    """
    n = len(text)
    span = 256
    while True:
        lo, hi = max(0, pos - span), min(n, pos + span)
        left = text.rfind("\n", lo, pos)
        right = text.find("\n", pos, hi)
        start = lo if left == -1 else left + 1
        end = hi if right == -1 else right
        chunk = text[start:end]  # inside the line; every word in it is part of one of its
        if any(map(str.isupper, chunk)) or len(chunk.split(None, 4)) > 4:
            return False
        if (left != -1 or lo == 0) and (right != -1 or hi == n):
            # the chunk is the whole line: a tag, unless it reads as a sentence
            words = chunk.split()
            return len(words) < 2 or not words[-1].rstrip("\"'”’)").endswith((".", "!", "?"))
        span *= 4


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts: the position of its first letter (the
    text's own first letter included)."""
    at_start = _TEXT_START.match(text)
    firsts = [m.start(1) for m in _SENTENCE_START.finditer(text)]
    return [at_start.start(1), *firsts] if at_start else firsts


def cased_share(text: str, starts: list[int] | None = None) -> tuple[int, int]:
    """Sentence starts written uppercase and lowercase in ``text`` (``starts``: its
    :func:`sentence_starts`, when the caller has them already)."""
    if starts is None:  # the letters themselves, found in C (no match objects)
        firsts = _SENTENCE_START.findall(text)
        at_start = _TEXT_START.match(text)
        if at_start:
            firsts.append(at_start.group(1))
    else:
        firsts = [text[pos] for pos in starts]
    return sum(map(str.isupper, firsts)), sum(map(str.islower, firsts))


def pronoun_starts(text: str, starts: list[int] | None = None) -> int:
    """Sentence starts (``starts`` as for :func:`cased_share`) that are the pronoun I."""
    starts = sentence_starts(text) if starts is None else starts
    return sum(1 for pos in starts if text[pos] == "I" and _PRONOUN_I.match(text, pos))


def _lower_i_at(text: str, start: int) -> bool:
    """Whether the ``_I_THEN`` hit at ``start`` passes ``_LOWER_I``'s lookbehind."""
    return not start or not _is_letter(text[start - 1])


def informal(text: str) -> bool:
    """A lowercase pronoun 'i' ("i guess i'm late"): casual typing, which lowercases
    names too.  It rules out translation as the cause of a lowercase name near it."""
    return any(_lower_i_at(text, m.start()) for m in _I_THEN.finditer(text))


def casual_spots(text: str) -> list[int]:
    """Where ``text`` writes the pronoun 'i' lowercase (what :func:`informal` finds), in
    text order: a long text may quote one casual post and be edited copy elsewhere."""
    return [m.start() for m in _I_THEN.finditer(text) if _lower_i_at(text, m.start())]


def near_casual(spots: list[int], start: int, end: int) -> bool:
    """Whether one of ``spots`` (:func:`casual_spots`) lies in the :data:`WINDOW` around
    ``text[start:end]``, the neighbourhood :func:`is_cased_region` reads."""
    i = bisect_left(spots, start - WINDOW)
    return i < len(spots) and spots[i] < end + WINDOW


def is_cased_region(text: str, start: int, end: int) -> bool:
    """Whether the text around a match is normally cased.

    A casefolded document (social media, a lowercased data set) lowercases every name; that
    says nothing about translation, so the rules stay quiet there.
    """
    window = text[max(0, start - WINDOW): end + WINDOW]
    if window.islower():
        return False  # no capital at all (what the tests below conclude, at C speed)
    if informal(window):
        return False
    starts = sentence_starts(window)
    upper, lower = cased_share(window, starts)
    # capitals inside sentences: all of them but the sentence starts and the pronoun I
    # (an "I" that starts a sentence is one of the starts, not subtracted twice)
    pronouns = len(_PRONOUN_I.findall(window)) - pronoun_starts(window, starts)
    inner = sum(map(str.isupper, window)) - pronouns - upper
    if upper > 0 and upper >= lower:
        # Sentence starts are capitalised but no name inside any of several sentences
        # is: a lowercased text whose sentence starts were re-capitalised.
        return inner > 0 or upper + lower < 4
    # Few capital sentence starts, but capitals inside sentences ("kyiv rejected it on
    # Friday"): the text is cased and this sentence start is simply wrong.
    return inner > 0


def lowercase_compound(text: str, start: int, end: int) -> bool:
    """Whether the match begins a compound style guides keep lowercase ("french fries")."""
    allowed = LOWERCASE_COMPOUNDS.get(text[start:end])
    if not allowed:
        return False
    m = WORD.match(text, end + 1) if end < len(text) and text[end] in " -" else None
    return bool(m and m.group().lower() in allowed)


#: Words after an adjective-only demonym that show no noun follows it ("a danish and a
#: coffee", "a cheese danish with tea"): the demonym is itself the noun, a common one.
_NO_NOUN_AFTER = frozenset("""
and or but with without for from at in on to of before after by is was were are has had
that which who as than like
""".split())
#: Determiners that make a following adjective-only demonym a countable noun.
_COUNT_DETERMINERS = frozenset("a an another one".split())
#: Latin endings of a genus ("Canis", "Panthera") and of a species epithet ("lupus",
#: "americana") in a binomial or trinomial name.
_GENUS_ENDS = ("us", "um", "is", "es", "ae", "a", "i", "x", "on")
_SPECIES_ENDS = ("us", "um", "is", "ae", "ii", "a", "i", "x", "on")  # not "-es": verbs
_EPITHET_ENDS = ("us", "um", "ae", "ii", "ensis", "icus", "ica", "ana")
#: A capitalised genus (or its initial) and a lowercase species epithet before a match,
#: on the same line: "Canis lupus arabs", "C. lupus arabs".
_BINOMIAL_BEFORE = re.compile(r"(?<![^\W\d_])(?:([A-Z][a-z]{2,})|[A-Z]\.) ([a-z]{3,}) $")
_GENUS_BEFORE = re.compile(r"(?<![^\W\d_])([A-Z][a-z]{2,}) $")
#: Lowercase words ending like a Latin epithet that are English function words.
_NOT_EPITHETS = frozenset("versus plus minus thus via circa upon anon".split())
#: How far back and forward the quoted-title and binomial tests read.
_NEAR = 60
_OPEN_QUOTES = "\"“"
_CLOSE_QUOTES = "\"”"


def demonym_as_noun(text: str, start: int, end: int,
                    demonyms: Container[str] = frozenset()) -> bool:
    """Whether an adjective-only demonym at ``start:end`` is used as a countable noun
    ("a danish and a coffee", "an apple danish with tea"): the pastry or dish, since
    English names the person with another word ("a Dane").  "a danish company" is an
    adjective, and so is "a danish and swedish delegation" (``demonyms``: lowercase
    demonyms, for the word after "and" / "or")."""
    before = text[max(0, start - _NEAR): start].split()
    if not before:
        return False
    words = [w.lower() for w in before[-2:]]
    if words[-1] not in _COUNT_DETERMINERS and not (
            len(words) == 2 and words[0] in _COUNT_DETERMINERS and words[1].isalpha()
            and words[1].islower()):
        return False
    after = WORD.match(text, end + 1, end + _NEAR) if text[end: end + 1] == " " else None
    if after is None:
        return True  # punctuation or the end: nothing follows the noun
    nxt = after.group()
    if nxt not in _NO_NOUN_AFTER:
        return False
    if nxt in ("and", "or") and text[after.end(): after.end() + 1] == " ":
        other = WORD.match(text, after.end() + 1, after.end() + _NEAR)
        return not (other and other.group().lower() in demonyms)
    return True


def lowercase_title(text: str, start: int, end: int) -> bool:
    """Whether the match starts a short, all-lowercase quoted title of two to five words
    ("berlin nights", "tokyo rain"): a stylised album, film or brand name that the
    writer quotes as it is written.  A quoted phrase with a capital in it, a lone quoted
    name ("kyiv"), or a name inside the quotes ("the \"talks in moscow\"") is not
    one."""
    if not start or text[start - 1] not in _OPEN_QUOTES:
        return False
    if start >= 2 and _is_letter(text[start - 2]):
        return False  # a closing quote glued to a word, not an opening one
    close = -1
    for q in _CLOSE_QUOTES:
        i = text.find(q, end, end + _NEAR)
        if i != -1 and (close == -1 or i < close):
            close = i
    if close == -1:
        return False
    inside = text[start:close]
    return (not any(map(str.isupper, inside)) and "\n" not in inside
            and 2 <= len(inside.split()) <= 5 and not any(c in inside for c in ".!?;:"))


def in_binomial(text: str, start: int, end: int) -> bool:
    """Whether the match is the last word of a Latin binomial or trinomial name ("Canis
    lupus arabs", "C. lupus arabs", "Ulmus americana"): a species epithet, lowercase by
    the naming code."""
    lo = max(0, start - _NEAR)
    line = text.rfind("\n", lo, start)
    lo = lo if line == -1 else line + 1
    m = _BINOMIAL_BEFORE.search(text, lo, start)
    if m and m.group(2) not in _NOT_EPITHETS and m.group(2).endswith(_SPECIES_ENDS) and (
            m.group(1) is None or m.group(1).endswith(_GENUS_ENDS)):
        return True  # a trinomial: genus, species, and the match as the subspecies
    g = _GENUS_BEFORE.search(text, lo, start)
    return bool(g and g.group(1).endswith(_GENUS_ENDS)
                and text[start:end].endswith(_EPITHET_ENDS))


#: Lowercase initials before a surname ("k.d. lang", "e.e. cummings").
_INITIALS = re.compile(r"(?:[a-z]\.){1,3}")


def lowercase_full_name(text: str, start: int, ev: Evidence,
                        is_word: Callable[[str], bool]) -> bool:
    """Whether the lowercase word at ``start`` ends a whole name the writer spells in
    lowercase ("k.d. lang", "danah boyd"): lowercase initials before it, or a given
    name that is no English word (``is_word``) and that the text never capitalises.  A
    translation lowercases a surname in a sentence ("the talks with medinsky"), not the
    writer's chosen form of a full name; "Tickets for Lang's tour" is then the surname
    at a capital the writer allows."""
    i = start - 1
    if i < 1 or text[i] != " ":
        return False
    j = text.rfind(" ", max(0, i - 30), i) + 1
    if j == 0 and i > 30:
        return False
    prev = text[j:i]
    if _INITIALS.fullmatch(prev):
        return True
    return (prev.isalpha() and prev.islower() and len(prev) >= 3
            and ev.capital_count[prev] == 0 and not is_word(prev))


def word_before(text: str, start: int) -> str | None:
    """The all-lowercase word that ends one space before ``start`` ("olaf" of "olaf
    scholz"), or ``None``: another character between them, a word with a capital, a
    digit or a mark in it, or one glued to what precedes it ("e.olaf", "@olaf")."""
    i = start - 1
    if i < 1 or text[i] != " ":
        return None
    j = i
    while j > 0 and _is_letter(text[j - 1]):
        j -= 1
    if j == i or (j > 0 and not (text[j - 1].isspace() or text[j - 1] in "(,;\"“‘'")):
        return None
    word = text[j:i]
    return word if word.islower() else None


def count_word_run(text: str, run: str) -> int:
    """How often ``run`` ("Olaf Scholz") stands in ``text`` as whole words."""
    n = 0
    size = len(run)
    pos = text.find(run)
    while pos != -1:
        end = pos + size
        if not (pos and _is_letter(text[pos - 1])) and not (
                end < len(text) and _is_letter(text[end])):
            n += 1
        pos = text.find(run, end)
    return n


def mid_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is inside a sentence, so its capital is its own.

    Only a preceding letter, digit or comma counts, or a hyphen glued to a word
    ("anti-Kremlin"); after quotes, colons, dashes or brackets a capital may start a
    sentence, so such words are not evidence.
    """
    i = start - 1
    if i >= 0 and text[i] in "-‐" and i >= 1 and text[i - 1].isalpha():
        return True
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return False
    return text[i].isalnum() or text[i] == ","


def previous_word(text: str, start: int) -> str:
    """The lowercase word just before ``start`` on the same line ("" if none)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = i + 1
    while i >= 0 and text[i].isalpha():
        i -= 1
    return text[i + 1: j].lower()


def _is_title(token: str) -> bool:
    return token[0].isupper() and (token[1:].islower() or not token[1:])


def _joined(line: str, left: re.Match[str] | None, right: re.Match[str] | None) -> bool:
    """Whether two neighbouring tokens are capitalised and separated by spaces only."""
    if left is None or right is None:
        return False
    gap = line[left.end(): right.start()]
    return (gap.strip(" ") == "" and left.group()[0].isupper()
            and right.group()[0].isupper())


#: An ASCII line's bytes with each letter made "x" and every other byte a space: its
#: ``_WORD4`` s are then the runs that ``b" xxxx"`` opens (or ``b"xxxx"`` at its start).
_LETTER_BYTES = bytes(0x78 if chr(i).isascii() and chr(i).isalpha() else 0x20
                      for i in range(256))


def _headline(text: str, lo: int, hi: int, capital: int) -> bool:
    """Whether the line ``text[lo:hi]`` is a headline: Title Case ("Russia, Ukraine Hold
    First Direct Talks") or ALL CAPS lines capitalise ordinary words, so their capitals
    are no evidence of names.

    Title Case means that ``capital`` (the line's ``_WORD4`` s that start with a capital,
    which the caller has counted) is 70% or more of its ``_WORD4`` s.  An ASCII line
    (most lines) has them counted in C, from its bytes (:data:`_LETTER_BYTES`); another
    has them counted only until they are too many for that: in running text, in its
    first few words.
    """
    line = text[lo:hi]
    if line.isascii():
        letters = line.encode().translate(_LETTER_BYTES)
        words = letters.count(b" xxxx") + letters.startswith(b"xxxx")
        if capital < 0.7 * words:
            return line.isupper()
    else:
        words = 0
        for _ in _WORD4.finditer(text, lo, hi):
            words += 1
            if capital < 0.7 * words:
                return line.isupper()  # (0.7 * words only grows: never Title Case)
    if not words:
        return False
    return (words >= 3 and capital >= 0.7 * words) or line.isupper()


#: Up to this many characters x twins, every twin is searched in the whole text.
_FIND_BUDGET = 1 << 18
#: Characters searched at a time for lowercase twins: a chunk is searched only for the
#: twins it holds, so a long text costs a few searches per twin occurrence, not one
#: search of the whole text per twin.
_CHUNK = 4096


#: What a long text's listing holds: every ``WORD`` of three letters or more that is
#: all a-z (and the a-z start of a longer one, "caf" of "café": a superset, which only
#: spares searches), 1.7x faster to list than every ``WORD``.  A key with a letter beyond
#: a-z is looked up in :func:`_non_ascii_words`; a shorter one is searched when the text
#: holds it at all.
#: The word-start test is a lookbehind after the first letter, as in ``_CAPITAL``.
_LISTED = re.compile(r"[a-z](?<![^\W\d_][a-z])[a-z]{2,}")
#: A letter beyond ASCII: a ``WORD`` holding one is what ``_LISTED`` cannot list
#: ("müller", "łódź"), listed by :func:`_non_ascii_words` instead.
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")


def _non_ascii_words(text: str, lo: int, hi: int) -> set[str]:
    """The whole ``WORD`` s of ``text[lo:hi]`` that hold a letter beyond ASCII (``lo``
    and ``hi`` never inside a word).  English copy has few, so they are found from
    those letters, and a long text is not searched once per such key."""
    words: set[str] = set()
    end = lo
    for m in _NON_ASCII_LETTER.finditer(text, lo, hi):
        start = m.start()
        if start < end:
            continue  # a later letter of the word just listed
        while start > lo and _is_letter(text[start - 1]):
            start -= 1
        end = m.end()
        while end < hi and _is_letter(text[end]):
            end += 1
        words.add(text[start:end])
    return words


def _listing(text: str, lo: int, hi: int) -> frozenset[str]:
    """The words of ``text[lo:hi]`` that a key may be (``lo`` and ``hi`` never inside a
    word): :data:`_LISTED` and :func:`_non_ascii_words`, for the whole text or a chunk."""
    return frozenset(_LISTED.findall(text, lo, hi)).union(_non_ascii_words(text, lo, hi))


class Twins:
    """Finds lowercase twins of capitalised words in one text.

    The keys are few (a 5 KB article has about two), so in a short text each is looked
    for by substring search at once: a search that finds no whole word costs less than
    listing the text's words (0.15 ms for 5 KB), which only a long text with many keys
    needs, to learn which keys may occur where (:data:`_LISTED`, and
    :func:`_non_ascii_words` for keys such as "müller").  That listing is made
    once per text and kept for every later search (MT202 searches twice: single words,
    then surnames).
    """

    __slots__ = ("_chunk_words", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None
        self._chunk_words: list[tuple[int, int, frozenset[str]]] | None = None

    def _all_words(self) -> frozenset[str]:
        if self._words is None:
            self._words = _listing(self.text, 0, len(self.text))
        return self._words

    def _chunked(self) -> list[tuple[int, int, frozenset[str]]]:
        if self._chunk_words is None:
            text = self.text
            self._chunk_words = [(lo, hi, _listing(text, lo, hi)) for lo, hi in _chunks(text)]
        return self._chunk_words

    def of(self, capitalised: Iterable[str]) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of every ``WORD`` that is all lowercase and one of
        ``capitalised``, in text order."""
        # (A key that is no ``WORD``, such as "i̇stanbul" with its combining dot from
        # "İstanbul", never is one in the text.)
        keys = {w for w in capitalised if w.islower() and WORD.fullmatch(w)}
        if not keys:
            return []
        text = self.text
        n = len(text)
        unlisted = {w for w in keys if len(w) < 3 and w.isascii()}
        if n * len(keys) <= _FIND_BUDGET:
            twins = keys  # an absent key simply finds no whole word
        else:
            twins = keys.intersection(self._all_words())
            twins.update(w for w in unlisted if w in text)
            if not twins:
                return []
        # In a long text, search each chunk only for the twins it may hold.
        unlisted &= twins
        spans = [(0, n, twins)] if n * len(twins) <= _FIND_BUDGET else [
            (lo, hi, twins.intersection(words) | unlisted) for lo, hi, words in self._chunked()]
        out = []
        for lo, hi, present in spans:
            for word in present:
                size = len(word)
                pos = text.find(word, lo, hi)
                while pos != -1:
                    end = pos + size
                    if not (pos and _is_letter(text[pos - 1])) and not (
                            end < n and _is_letter(text[end])):
                        out.append((pos, end, word))
                    pos = text.find(word, end, hi)
        out.sort()
        return out


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of about :data:`_CHUNK` characters covering ``text``, cut at spaces or line
    breaks (never inside a word)."""
    n = len(text)
    spans = []
    lo = 0
    while n - lo > _CHUNK:
        cut = max(text.rfind(" ", lo, lo + _CHUNK), text.rfind("\n", lo, lo + _CHUNK))
        if cut <= lo:  # no break in the window: to the next one
            cut = min((c for c in (text.find(" ", lo + _CHUNK), text.find("\n", lo + _CHUNK))
                       if c != -1), default=n)
        spans.append((lo, cut))
        lo = cut
    spans.append((lo, n))
    return spans


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the document says about its own capitalisation."""

    #: lowercase form -> the capitalised form seen mid-sentence (first one)
    capitalised: dict[str, str] = field(default_factory=dict)
    #: lowercase forms seen capitalised mid-sentence on their own, not inside a longer
    #: capitalised name ("Rugby" in "Premiership Rugby" is not evidence for "rugby")
    standalone: frozenset[str] = frozenset()
    #: lowercase forms seen capitalised, standalone, right after a place preposition
    as_place: frozenset[str] = frozenset()
    #: lowercase forms seen capitalised, standalone, right after "the"
    as_institution: frozenset[str] = frozenset()
    #: capitalised occurrences anywhere (sentence starts included), by lowercase form
    capital_count: Counter[str] = field(default_factory=Counter)
    #: (word before, word) of capitalised words right after one space and a capitalised
    #: word of letters on the same line ("Emmanuel Macron": ("emmanuel", "macron"))
    after_capital: frozenset[tuple[str, str]] = frozenset()


def starts_capitalised(text: str) -> bool:
    """Whether most of the text's sentences start with a capital (and some do)."""
    upper, lower = cased_share(text)
    return upper > 0 and upper >= lower


def _mid_sentence_words(text: str, keys: list[str]) -> Iterator[
        tuple[int, int, int, list[tuple[int, int, str, str]]]]:
    """The lines of ``text`` that hold a capitalised word mid-sentence, as ``(start,
    end, capital, words)``: the line's bounds, its capitalised ``_WORD4`` s (what
    :func:`_headline` needs), and ``(start, end, key, token)`` of those words; ``keys``
    gets the lowercase form of every capitalised word (sentence starts too).

    One regex pass visits the ``_CAPITAL`` runs: the words that start with a letter
    other than a-z.  A line's words are handed on when the next line starts, with its
    capitals counted on the way (no second walk over them).
    """
    n = len(text)
    line_start = line_end = -1  # the line holding the current word
    capital = 0
    words: list[tuple[int, int, str, str]] = []
    for m in _CAPITAL.finditer(text):
        token = m.group()
        if not token[0].isupper():
            continue
        start, end = m.span()  # (never inside a word, such as "Phone" of "iPhone")
        if start > line_end:  # a new line (each line is found once: linear)
            if words:
                yield line_start, line_end, capital, words
                words = []
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            if line_end == -1:
                line_end = n
            capital = 0
        if end - start >= 4:
            capital += 1
        if not (len(token) == 1 or token[1:].islower()  # _is_title, first letter known
                or (token.isupper() and len(token) >= 2)):
            continue
        key = token.lower()
        keys.append(key)
        # Mid-sentence: mostly after a space and a letter, digit or comma (what
        # :func:`mid_sentence` answers then, without the call).
        if ((start >= 2 and text[start - 1] == " " and (text[start - 2].isalnum()
                                                       or text[start - 2] == ","))
                or mid_sentence(text, start)):
            words.append((start, end, key, token))
    if words:
        yield line_start, line_end, capital, words


def evidence(text: str) -> Evidence:
    """Read the document once and collect its capitalisation evidence.

    Only capitalised words are visited (:func:`_mid_sentence_words`); their neighbours
    are read from the text around them, and a line's headline test runs only if a word
    in it is mid-sentence.
    """
    capitalised: dict[str, str] = {}
    standalone_forms: set[str] = set()
    as_place: set[str] = set()
    as_institution: set[str] = set()
    after_capital: set[tuple[str, str]] = set()
    keys: list[str] = []  # of every capitalised word, counted at the end (in C)
    for line_start, line_end, capital, words in _mid_sentence_words(text, keys):
        if _headline(text, line_start, line_end, capital):
            continue
        for start, end, key, token in words:
            if key not in capitalised:
                capitalised[key] = token
            # Standalone: not part of a multi-word name ("Bill Gates", "Nice Guy Eddie"):
            # no capitalised word on either side separated by spaces only.  After it
            # first (the cheaper test): spaces, then a capital letter.
            if end < line_end and text[end] == " ":
                k = end + 1
                while k < line_end and text[k] == " ":
                    k += 1
                if k < line_end and text[k].isupper() and _is_letter(text[k]):
                    continue
            # The word before on the same line.  Usually one space and a word of letters
            # (or one and a comma) precede: take the chunk back to the space before it.
            if start > line_start and text[start - 1] == " ":
                space = text.rfind(" ", line_start, start - 1)
                prev = text[(line_start if space == -1 else space + 1): start - 1]
                if prev.isalpha():
                    if prev[0].isupper():
                        after_capital.add((prev.lower(), key))
                        continue  # joined before
                elif prev[-1:] == "," and prev[:-1].isalpha():
                    prev = prev[:-1]  # (not joined: a comma between)
                else:
                    prev = ""
            else:
                prev = ""
            if not prev:  # anything else: walk back to its end, then its start
                i = start - 1
                while i >= line_start and not _is_letter(text[i]):
                    i -= 1
                j = i
                while i >= line_start and _is_letter(text[i]):
                    i -= 1
                prev = text[i + 1: j + 1]
                if prev and text[i + 1].isupper() and text[j + 1: start].strip(" ") == "":
                    continue  # joined before
            standalone_forms.add(key)
            prev = prev.lower()
            if prev in PLACE_PREPS:
                as_place.add(key)
            if prev == "the":
                as_institution.add(key)
    return Evidence(capitalised=capitalised, standalone=frozenset(standalone_forms),
                    as_place=frozenset(as_place),
                    as_institution=frozenset(as_institution), capital_count=Counter(keys),
                    after_capital=frozenset(after_capital))
