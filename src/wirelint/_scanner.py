"""The compiled hot path: every pattern rule of every loaded plugin, compiled once per Host.

Two kinds of pattern, two strategies (issue 6 has the measurements):

* **Lexicons** (literal phrases) of *all* plugins are merged into one trie-built
  alternation per (case, padding) class: one pass over the text finds every entry, and
  a dictionary maps the matched phrase back to the rule(s) that own it.
* **Structural** regexes run as separate passes.  They are deliberately *not* merged into
  one named-group alternation: measured, that is slower and rules shadow each other (a
  match consumed by one branch hides an overlapping match of another).  Instead each pass
  sits behind gates that prove it cannot match, cheapest first: the author's
  ``prefilter`` substring, then the literals every match must contain (derived from the
  regex), then, when the optional engine is installed (``wirelint[fast]``: google-re2),
  one RE2 pass of all rules' superset regexes over the whole document that names the
  rules that can match (see :mod:`wirelint._prefilter`); the lexicon tries get such a
  gate too.  A pass that may match is then tried only where a match can start: where
  RE2 finds its superset, or a bounded distance before a literal every match holds.
  A gate only ever skips what would have found nothing, so findings never depend on
  the engine (tests/core/test_engines.py).  Gates cost tens of milliseconds: they are
  built once a batch (:data:`WARM_AFTER` documents) or a long text has been scanned.

``WIRELINT_ENGINE=re|re2`` picks the gate engine (default: RE2 when installed); ``re`` is
the reference.

Patterns of third-party plugins run on the ``regex`` engine with a per-pass timeout, so a
runaway pattern costs its own findings (``WL091 plugin-timeout``), never the batch; so do
their ``guard``/``message``/``suggest`` functions when they run past the same budget, raise
(``WL090``; built-in patterns' too) or build a malformed finding (``WL092``).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelint import _forksafe, _prefilter
from wirelint._problems import HOST_PROBLEMS, describe, where
from wirelint._trie import normalise_phrase, trie_regex
from wirelint.model import Finding, Padding, Pattern, Problem, Rule, Span

#: Seconds a third-party structural pattern may run on one document before it is stopped.
THIRD_PARTY_TIMEOUT = 1.0
#: Documents scanned before :meth:`Scanner.warm` builds the batch-only structures.
WARM_AFTER = 16
#: Characters scanned before the structural gates are built (one long text pays for
#: them: ungated, the passes read ~0.5 ms per KB; the gates cost ~20-50 ms).
WARM_STRUCTURAL_CHARS = 1 << 17
#: Characters scanned before the lexicon gates are built too (measured on 1 MB: the
#: word index reads ~0.2 ms per KB, gated ~0.02; the gates cost ~50-80 ms).
WARM_LEXICON_CHARS = 1 << 18
#: Environment variable that picks the gate engine: ``re`` (reference) or ``re2``.
ENGINE_ENV = "WIRELINT_ENGINE"

_PAD = {
    Padding.NONE: ("", ""),
    Padding.WORD: (r"(?<!\w)", r"(?!\w)"),
    Padding.PHRASE_START: (r"(?<!\w)", ""),
}


@dataclass(frozen=True, slots=True)
class _Owned:
    """A pattern together with the plugin that declared it."""

    plugin: str
    pattern: Pattern
    trusted: bool  #: built-in: compiled with ``re``, no timeout


class _Structural:
    """One structural pass.  A built-in pattern is compiled on first use: the prefilter
    skips many of them on a given article, and compiling the 38 built-in regexes costs
    more than checking one article from the shell (``tests/plugins/test_rule_fixtures.py``
    compiles every one).  A third-party pattern is compiled here, so that a bad regex
    refuses its plugin at load."""

    __slots__ = ("_compiled", "flags", "owned", "source", "timeout")

    def __init__(self, owned: _Owned) -> None:
        pat = owned.pattern
        left, right = _PAD[pat.padding]
        self.source = f"{left}(?:{pat.regex}){right}"
        # MULTILINE always: in news copy '^' and '$' mean the start and end of a line.
        self.flags = re.MULTILINE | (0 if pat.case_sensitive else re.IGNORECASE)
        self.owned = owned
        self._compiled: Any = None
        self.timeout: float | None = None
        if not owned.trusted:
            import regex  # only third-party patterns need it (and its import time)

            self._compiled = regex.compile(self.source, self.flags | regex.VERSION0)
            self.timeout = THIRD_PARTY_TIMEOUT

    @property
    def compiled(self) -> Any:
        """The compiled pass (a race compiles twice, to equal patterns: harmless)."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled


class _Gated:
    """How one structural pass is gated (built by :meth:`Scanner.warm`)."""

    __slots__ = ("anchor", "lead", "literals", "lowered", "search", "slot", "st")

    def __init__(self, st: _Structural) -> None:
        self.st = st
        #: Strings one of which every match contains (``None``: no such test).
        self.literals: tuple[str, ...] | None = None
        self.lowered = False  #: the literals are lower-cased (test the lowered text)
        self.slot: int | None = None  #: index in the gate engine, if it covers this pass
        #: RE2 search of the superset, to try the pass only where it may match
        self.search: Callable[[bytes, int], int | None] | None = None
        self.lead = 0  #: the superset's match starts this many characters early (0 or 1)
        #: else strings one of which starts a bounded distance into every match, to try
        #: the pass only that far before them (see :func:`_anchored_positioned`)
        self.anchor: _Anchor | None = None


#: :func:`_prefilter.required_literals` of every built-in structural pass, derived ahead
#: by ``scripts/build_required_literals.py`` (tests/core/test_required_literals.py keeps
#: it current).
LITERALS_FILE = Path(__file__).with_name("data") / "required_literals.json"


@functools.cache
def known_literals() -> dict[tuple[str, int], tuple[tuple[str, ...], bool] | None]:
    """The shipped literals by pass ``(source, flags)``; empty under another Python minor
    version than they were derived with (the derivation reads ``re``'s parse tree)."""
    try:
        data = json.loads(LITERALS_FILE.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    if data.get("python") != "{}.{}".format(*sys.version_info[:2]):
        return {}
    return {(p["source"], p["flags"]): None if p["literals"] is None
            else (tuple(p["literals"]), p["lowered"]) for p in data["passes"]}


def _cold_passes(structural: Sequence[_Structural]) -> list[_Gated]:
    """The passes of a cold scanner, each built-in one behind its shipped literals.

    Deriving them parses each regex (~40 ms for all), which only a batch repays
    (:meth:`Scanner.warm`); shipped, they cost nothing, and a lone article compiles only
    the passes whose literals it holds (half of the built-in ones compiled on an
    ordinary article had none there: compiling was a tenth of a one-article run).
    """
    passes = [_Gated(st) for st in structural]
    known = known_literals() if any(st.owned.trusted for st in structural) else {}
    for g in passes:
        if g.st.owned.trusted:  # a third party's regex reads as ``regex`` does
            found = known.get((g.st.source, int(g.st.flags)))
            if found is not None:
                g.literals, g.lowered = found
    return passes


class _Anchor:
    """Literals one of which starts ``lo``..``hi`` characters into every match."""

    __slots__ = ("finder", "hi", "lo", "lowered")

    def __init__(self, literals: tuple[str, ...], lowered: bool, lo: int, hi: int) -> None:
        # ``search`` from each occurrence + 1 finds every occurrence, overlapping ones too.
        self.finder = re.compile("|".join(re.escape(lit) for lit in literals))
        self.lowered = lowered  #: look in the lower-cased text
        self.lo = lo
        self.hi = hi


class _Plan:
    """The gates in front of the passes, replaced whole (never mutated) as the scanner
    warms up, so a scan in another thread sees one consistent set."""

    __slots__ = ("_at", "_ungated", "gate", "lexicon_gates", "passes", "stage")

    def __init__(self, stage: int, passes: list[_Gated], gate: Any = None,
                 lexicon_gates: Sequence[Any] = ()) -> None:
        self.stage = stage  #: 0 cold, 1 structural gates built, 2 lexicon gates too
        self.passes = passes
        self.gate = gate  #: the RE2 gate, or ``None``
        #: per lexicon: RE2 ``search`` of its superset, or ``None`` (no gate)
        self.lexicon_gates = lexicon_gates
        #: gate slot -> index of its pass; the indices of the passes it does not cover
        self._at = {g.slot: i for i, g in enumerate(passes) if g.slot is not None}
        self._ungated = [i for i, g in enumerate(passes) if g.slot is None]

    def candidates(self, data: bytes) -> list[_Gated]:
        """The passes that may match the projected text, in their order: the gate names
        a couple of the dozens it covers, and a loop over the rest costs more than it."""
        if not self._at:
            return self.passes
        slots = self.gate.structural(data)
        if slots is _prefilter.EVERY:
            return self.passes
        passes = self.passes
        return [passes[i] for i in sorted([self._at[s] for s in slots] + self._ungated)]


_WORD_RUN = re.compile(r"\w+")
#: Bytes of ASCII characters that are not word characters, mapped to spaces (UTF-8
#: leaves every other byte of the text as it is).
_NONWORD_BYTES = bytes(0x20 if c < 128 and not (chr(c).isalnum() or c == 0x5F) else c
                       for c in range(256))


def _is_word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


def _case_classes() -> tuple[dict[int, str], frozenset[str]]:
    """Character -> the representative of its class, for the lower-case characters that
    ``re.IGNORECASE`` equates although ``str.lower`` keeps them apart ("ı" ~ "i",
    "ſ" ~ "s", "ς" ~ "σ", "µ" ~ "μ", Cyrillic and Greek variants): ``re`` compares
    the simple lower case of a character with a literal's lower case or its extra cases
    (tests/core/test_engines.py checks the classes against every code point).

    Also the members of classes that mix word and non-word characters (Greek iota and
    the combining U+0345): folding them would move word boundaries, so they stay as
    they are, and a lexicon with a phrase holding one gets no index."""
    from re._casefix import _EXTRA_CASES

    table: dict[int, str] = {}
    mixed: set[str] = set()
    for code, others in _EXTRA_CASES.items():
        members = [chr(c) for c in (code, *others)]
        if len({(_is_word(m), m.isspace()) for m in members}) > 1:
            mixed.update(members)
            continue
        representative = min(members)
        if chr(code) != representative:
            table[code] = representative
    return table, frozenset(mixed)


try:
    _CANON, _MIXED = _case_classes()
    from _sre import unicode_tolower as _simple_lower  # what ``re`` compares under re.I
except ImportError:  # pragma: no cover - then case-insensitive lexicons use the full trie
    _CANON, _MIXED, _simple_lower = None, frozenset(), None  # type: ignore[assignment]
#: Finds a character ``_CANON`` maps (rare in English copy: then the text is translated).
_CANON_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CANON or ())) + "]"
                          if _CANON else r"(?!x)x")


def _folded(text: str) -> str | None:
    """``text`` as ``re.IGNORECASE`` compares it, one character for one: lowered, each
    member of a ``_CANON`` class as its representative.  ``None`` if no such text exists
    (a lower case of several characters; none in Unicode but "İ", handled here)."""
    if "\u0130" in text:  # "İ" lowers to "i" and a combining dot; ``re`` takes it as "i"
        text = text.replace("\u0130", "I")
    hay = text.lower()
    if len(hay) != len(text):  # pragma: no cover - no such character in Unicode 15
        return None
    if not hay.isascii():
        hay = _CANON_CHARS.sub(_canon_char, hay)  # rare: faster than ``translate``
    return hay


def _canon_char(m: re.Match[str]) -> str:
    return _CANON[ord(m.group())]


def _folded_key(key: str) -> str | None:
    """A lower-cased phrase as :func:`_folded` gives the text it matches, or ``None``
    when a character's lower case is not what ``re`` compares it by."""
    if key.isascii():  # ASCII characters represent their classes: never mapped
        return key
    if _CANON is None or any(_simple_lower(ord(ch)) != ord(ch) or ch in _MIXED
                             for ch in key if not ch.isascii()):
        return None
    return key.translate(_CANON) if _CANON_CHARS.search(key) is not None else key


#: First words looked for one by one (``str.find``); more are found in one pass over
#: the text's words (each ``find`` reads the whole text).
_FIND_WORDS = 32
#: Non-word characters common in news copy: curly quotes, dashes, ellipsis, no-break
#: space, guillemets.
_COMMON_MARKS = ("\u2019", "\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026",
                 "\u00a0", "\u00ab", "\u00bb")
#: Characters tokenised at a time: a list of every word of a 10 MB text would take
#: ~100 MB; windows of this size, cut at whitespace, keep only the set of distinct ones.
_TOKEN_WINDOW = 1 << 17


def _tokens(hay: str) -> set[str]:
    """The maximal runs of word characters in ``hay`` (``\\w+``), as a set.

    Split at whitespace after mapping ASCII non-word characters to spaces (byte-wise,
    at C speed: ~2x ``findall`` on text with curly quotes); the few distinct pieces that
    still hold a non-word character (non-ASCII punctuation, "_") are split by ``\\w+``.
    """
    out: set[str] = set()
    if not hay.isascii():
        for mark in _COMMON_MARKS:  # the usual non-ASCII punctuation: no piece to re-split
            if mark in hay:
                hay = hay.replace(mark, " ")
    start, n = 0, len(hay)
    while start < n:
        end = n if n - start <= _TOKEN_WINDOW else hay.find(" ", start + _TOKEN_WINDOW)
        if end == -1:
            end = n
        out.update(hay[start:end].encode("utf-8", "surrogatepass").translate(_NONWORD_BYTES)
                   .decode("utf-8", "surrogatepass").split())
        start = end
    if "".join(out).isalnum():  # one C call for the usual case
        return out
    odd = [t for t in out if not t.isalnum()]  # ``isalnum`` is ``re``'s \w minus "_"
    if odd:
        out.difference_update(odd)
        for piece in odd:
            out.update(_WORD_RUN.findall(piece))
    return out


class _Node:
    """A node of a lexicon's word trie: the phrases that go on from here, by segment
    (the space-separated parts of a phrase)."""

    __slots__ = ("end", "others", "words")

    def __init__(self) -> None:
        self.end = False  #: a phrase ends here
        #: segments that are whole words ("york"): at most the one the text has applies
        self.words: dict[str, _Node] = {}
        #: segments with other characters ("u.s.", "al-"), each tried in turn
        self.others: list[tuple[str, _Node]] = []

    def child(self, segment: str) -> _Node:
        if segment.isalnum() or _WORD_RUN.fullmatch(segment):
            node = self.words.get(segment)
            if node is None:
                node = self.words[segment] = _Node()
            return node
        for known, node in self.others:
            if known == segment:
                return node
        node = _Node()
        self.others.append((segment, node))
        return node


def _walk(hay: str, pos: int, node: _Node, n: int) -> int | None:
    """The end of the longest phrase through ``node``, whose segment ends at ``pos``:
    what the trie regex finds (a space matching a run of whitespace, no word character
    after the phrase)."""
    best = pos if node.end and (pos == n or not _is_word(hay[pos])) else None
    if (node.words or node.others) and pos < n and hay[pos].isspace():
        pos += 1
        while pos < n and hay[pos].isspace():
            pos += 1
        further = _descend(hay, pos, node, n, None)
        if further is not None:
            best = further  # it read past ``pos``: longer
    return best


def _descend(hay: str, pos: int, node: _Node, n: int, head: str | None) -> int | None:
    """The end of the longest phrase whose next segment, below ``node``, starts at
    ``pos`` (``head``: the word there, if known)."""
    best = None
    if node.words:
        if head is None:
            m = _WORD_RUN.match(hay, pos)
            head = m.group() if m is not None else ""
        # A whole-word segment is followed by a space or the phrase's end, neither of
        # which follows a word character: only the text's whole word there can match.
        child = node.words.get(head)
        if child is not None:
            best = _walk(hay, pos + len(head), child, n)
    for segment, child in node.others:
        if hay.startswith(segment, pos):
            end = _walk(hay, pos + len(segment), child, n)
            if end is not None and (best is None or end > best):
                best = end
    return best


class _Bucket:
    """The phrases whose first word is one word: their trie, and the whole words each
    needs (a text lacking them all cannot match any)."""

    __slots__ = ("needs", "root")

    def __init__(self, keys: list[str]) -> None:
        self.root = _Node()
        for key in keys:
            node = self.root
            for segment in key.split(" "):
                node = node.child(segment)
            node.end = True
        # The first word itself is in the text (that is why the bucket is read).
        needs = {frozenset(_WORD_RUN.findall(k)[1:]) for k in keys}
        #: the other words of each phrase; ``None`` when one phrase needs none
        self.needs = None if frozenset() in needs else tuple(sorted(needs, key=len))

    def viable(self, words: set[str]) -> bool:
        """Whether one of the phrases has all its words in ``words``."""
        if self.needs is None:
            return True
        for needs in self.needs:  # noqa: SIM110 - a loop: any() and its generator cost 2x
            if needs <= words:
                return True
        return False


class _Lexicon:
    """The phrases of every lexicon pattern in one (case, padding) class.

    A word-padded lexicon is matched without compiling one regex of thousands of
    phrases (~0.3 s of CPU per lexicon, more than a whole proselint run): the text's
    words are intersected with the phrases' first words, the phrases whose other words
    are absent are dropped, and where a first word occurs the rest are compared, longest
    first, by hand.  That is exactly what the trie of all phrases (``full``) finds: at
    each position, from left to right, the longest phrase that matches there, resuming
    after it; and it is as fast (8-25 MB/s measured).  A case-insensitive lexicon reads
    the text folded as ``re.IGNORECASE`` compares it (:func:`_folded`).  ``full`` serves
    only other paddings; behind RE2's position gate (:meth:`gated`) the same comparison
    by hand runs at the few places the gate names.
    """

    __slots__ = ("_buckets", "_first", "_full", "_members", "_owners", "case_sensitive",
                 "flags", "padding")

    def __init__(self, case_sensitive: bool, padding: Padding, members: Sequence[_Owned]) -> None:
        self.case_sensitive = case_sensitive
        self.padding = padding
        self.flags = 0 if case_sensitive else re.IGNORECASE
        # Built on first use: the Host compiles every pattern alone once, to name the
        # plugin of a bad one, and those scanners never scan.
        self._members = tuple(members)
        self._owners: dict[str, tuple[_Owned, ...]] | None = None
        self._first: dict[str, list[str]] | bool | None = False
        self._buckets: dict[str, _Bucket] = {}  # first word -> its phrases' trie
        self._full: Any = None

    @property
    def owners(self) -> dict[str, tuple[_Owned, ...]]:
        """Each phrase's lookup key -> the patterns that list it."""
        if self._owners is None:
            owners: dict[str, Any] = {}
            lower = not self.case_sensitive
            for owned in self._members:
                for word in owned.pattern.words:
                    key = " ".join(word.split())  # normalise_phrase, inlined: 10,000 calls
                    if lower:
                        key = key.lower()
                    if not key:
                        continue
                    keys = [key]
                    if "'" in key or "’" in key:  # copy types either apostrophe
                        keys += sorted({key.replace("'", "’"), key.replace("’", "'")} - {key})
                    for k in keys:
                        had = owners.get(k, ())
                        if owned not in had:  # a phrase listed twice matches once
                            owners[k] = (*had, owned)
            self._owners = owners
        return self._owners

    @property
    def first(self) -> dict[str, list[str]] | None:
        """First word of a phrase -> its phrases (None: no index, the lexicon is not
        word-padded or a phrase starts with punctuation)."""
        if self._first is False:
            first: dict[str, list[str]] | None = None
            if self.padding is Padding.WORD:
                index: dict[str, list[str]] = {}
                for key in self.owners:
                    if not self.case_sensitive:
                        folded = _folded_key(key)
                        if folded is None:
                            break
                        key = folded
                    head = key.split(" ", 1)[0]
                    if not head.isalnum():  # "u.s.", "_x", "«y»": the \w+ run, if any
                        m = _WORD_RUN.match(head)
                        if m is None:
                            break
                        head = m.group()
                    bucket = index.get(head)
                    if bucket is None:
                        index[head] = [key]
                    else:
                        bucket.append(key)
                else:
                    first = index
            self._first = first
        return self._first  # type: ignore[return-value]

    def _bucket(self, word: str) -> _Bucket | None:
        """The phrases starting with ``word`` (built on first use)."""
        bucket = self._buckets.get(word)
        if bucket is None:
            keys = self.first.get(word)  # type: ignore[union-attr]
            if keys is None:
                return None
            bucket = self._buckets[word] = _Bucket(keys)
        return bucket

    def _compile(self, keys: Iterable[str]) -> Any:
        left, right = _PAD[self.padding]
        return re.compile(f"{left}(?:{trie_regex(keys)}){right}", self.flags)

    @property
    def full(self) -> Any:
        """The trie-built alternation of every phrase (compiled on first use)."""
        if self._full is None:
            self._full = self._compile(self.owners)
        return self._full

    def _hay(self, text: str) -> str | None:
        """The text the index reads (folded as ``re.IGNORECASE`` compares, for a
        case-insensitive lexicon), or ``None`` where only the full trie is exact."""
        if self.first is None:
            return None
        return text if self.case_sensitive else _folded(text)

    def finditer(self, text: str) -> Iterator[Any]:
        """The matches ``full.finditer(text)`` gives, in order."""
        return self.indexed(text)

    def gated(self, text: str, starts: Iterable[int]) -> Iterator[Any]:
        """The same matches, tried only at ``starts``: where RE2 finds the superset of
        the word-padded lexicons (this one's among them), in order.

        A phrase matching at ``p`` makes the superset match from ``p - 1`` (the non-word
        character it consumes in place of the lookbehind) or from ``p`` (start of text),
        so each superset match at ``s`` leaves ``s`` and ``s + 1`` to try, and no phrase
        starts between two superset matches.  A start where another lexicon's phrase
        may begin is tried too: the comparison is exact, so it finds what is there.
        """
        hay: str | None = None
        full: Any = None
        ready = False  # the text is folded at the first start: many texts have none
        n = len(text)
        resume = 0  # no match may start before the end of the last one
        for s in starts:
            for start in (s, s + 1):
                if start < resume:
                    continue
                if not ready:
                    hay = self._hay(text)
                    full = self.full if hay is None else None
                    ready = True
                if full is not None:
                    if (m := full.match(text, start)) is not None:
                        yield m
                        resume = m.end()
                elif (end := self._match_at(hay, start, n)) is not None:  # type: ignore[arg-type]
                    yield _SPAN.match(text, start, end)
                    resume = end

    def _match_at(self, hay: str, start: int, n: int) -> int | None:
        """Where the longest phrase matching at ``start`` (as the padded trie matches)
        ends, or ``None``."""
        if start >= n or (start and _is_word(hay[start - 1])):
            return None
        head = _WORD_RUN.match(hay, start)
        if head is None:
            return None
        bucket = self._bucket(head.group())
        if bucket is None:
            return None
        return _descend(hay, start, bucket.root, n, head.group())

    def indexed(self, text: str) -> Iterator[Any]:
        """The same matches, found through the first-word index where it applies."""
        hay = self._hay(text)
        if hay is None:
            yield from self.full.finditer(text)
            return
        first = self.first
        words = _tokens(hay)
        # Every word of a matching phrase is a whole word of the text (the phrase is
        # padded, and its inner words are bounded by its own spaces and punctuation):
        # look for a first word only if one of its phrases has all its words there.
        candidates: dict[str, _Bucket] = {}
        buckets = self._buckets
        for word in words & first.keys():  # type: ignore[union-attr]
            bucket = buckets.get(word) or self._bucket(word)
            needs = bucket.needs  # type: ignore[union-attr]
            if needs is None:
                candidates[word] = bucket  # type: ignore[assignment]
                continue
            for other in needs:  # ``bucket.viable``, inlined: ~40 first words a text
                if other <= words:
                    candidates[word] = bucket  # type: ignore[assignment]
                    break
        if not candidates:
            return
        n = len(hay)
        starts: Iterable[tuple[int, str]]
        if len(candidates) > _FIND_WORDS:
            # One pass over the text's words (a long text has most first words).
            starts = ((m.start(), m.group()) for m in _WORD_RUN.finditer(hay)
                      if m.group() in candidates)
        else:
            starts = []
            find = hay.find
            for word in candidates:
                # Whole-word occurrences only: one inside a longer word never shadows a
                # whole one (whole ones are maximal runs of word characters), and no
                # whole one starts inside another occurrence (its first character would
                # follow a word character), so the search resumes after each.
                size = len(word)
                at = find(word)
                while at != -1:
                    after = at + size
                    if (not at or not _is_word(hay[at - 1])) and (
                            after == n or not _is_word(hay[after])):
                        starts.append((at, word))
                    at = find(word, after)
            starts.sort()
        resume = 0
        for start, word in starts:
            if start < resume:
                continue
            end = _descend(hay, start, candidates[word].root, n, word)
            if end is not None:
                yield _SPAN.match(text, start, end)
                resume = end


def _superset_starts(search: Callable[[bytes, int], int | None], data: bytes) -> list[int]:
    """Every position where ``search``'s regex matches in ``data``, in order."""
    out = []
    pos = 0
    while (s := search(data, pos)) is not None:
        out.append(s)
        pos = s + 1
    return out


#: Superset matches a pass is tried at before it may fall back to scanning on its own.
POSITION_CAP = 12
#: ... which it does once they come more often than one per this many characters: the
#: pass itself reads ~20-60 ns per character, a try costs ~2-3 microseconds (MT305's
#: superset, once per ~120 characters of news: 41 -> 18 ms per MB positioned).
POSITION_SPACING = 64


def _positioned(compiled: Any, search: Callable[[bytes, int], int | None], lead: int,
                text: str, data: bytes) -> Iterator[Any]:
    """``compiled.finditer(text)``, trying ``compiled`` only where its superset matches.

    A match at ``p`` makes the superset match from ``p - lead`` (``lead`` is 0 or 1), so
    each superset match at ``s`` leaves ``s .. s + lead`` to try, and no match starts
    between two superset matches.  Where superset matches are dense (a rule whose
    superset is everywhere), ``finditer`` takes over from where they left off.
    """
    resume = pos = tries = 0
    while True:
        s = search(data, pos)
        if s is None:
            return
        for start in range(s, s + lead + 1):
            if start >= resume and (m := compiled.match(text, start)) is not None:
                yield m
                resume = m.end()
        pos = max(s + 1, resume - lead)
        tries += 1
        if tries >= POSITION_CAP and tries * POSITION_SPACING > pos:
            break
    # Every match starting before ``pos + lead`` has been found.
    yield from compiled.finditer(text, max(resume, pos + lead))


def _anchored_positioned(compiled: Any, anchor: _Anchor, text: str, hay: str,
                         timeout: float | None) -> Iterator[Any]:
    """``compiled.finditer(text)``, trying ``compiled`` only ``anchor.lo``..``anchor.hi``
    characters before an occurrence of one of its literals in ``hay`` (``text`` or its
    faithful lower case: the same offsets).  A match needs such an occurrence, so no
    other start can match.  Where occurrences are dense, ``finditer`` takes over.
    ``timeout`` bounds the whole pass, as it bounds ``finditer`` (the ``regex`` engine).
    """
    lo, hi, search = anchor.lo, anchor.hi, anchor.finder.search
    deadline = None if timeout is None else time.perf_counter() + timeout
    resume = 0  # no match may start before the end of the last one
    tried = 0  # every start below this has been tried or cannot match
    pos = tries = 0
    while (occurrence := search(hay, pos)) is not None:
        at = occurrence.start()
        for start in range(max(at - hi, tried, resume), at - lo + 1):
            if start < resume:
                continue
            if deadline is None:
                m = compiled.match(text, start)
            else:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError("regex timed out")
                m = compiled.match(text, start, timeout=left)
            if m is not None:
                yield m
                resume = m.end()
        tried = max(tried, at - lo + 1)
        pos = at + 1
        tries += 1
        if tries >= POSITION_CAP and tries * POSITION_SPACING > pos:
            rest = max(resume, tried)
            if deadline is None:
                yield from compiled.finditer(text, rest)
            else:
                yield from compiled.finditer(text, rest,
                                             timeout=max(deadline - time.perf_counter(), 1e-6))
            return


#: Gives a real ``re.Match`` for a span found by hand (guards read its span and text).
_SPAN = re.compile(r"(?s:.)+")


class Scan:
    """The hot path's result for one document, shared by every ``wirelint_check`` call."""

    __slots__ = ("findings", "problems", "text")

    def __init__(self, text: str, findings: tuple[Finding, ...], problems: tuple[Problem, ...]):
        self.text = text
        #: Findings of all pattern rules, sorted by position.
        self.findings = findings
        #: Problems met while scanning (e.g. a third-party pattern timed out).
        self.problems = problems

    def codes(self) -> set[str]:
        """The set of codes the pattern rules found."""
        return {f.code for f in self.findings}


def _engine_choice(engine: str | None) -> str | None:
    """``None`` means: the fastest installed (decided when the gate is first needed)."""
    engine = engine or os.environ.get(ENGINE_ENV) or None
    if engine is not None and engine not in _prefilter.ENGINES:
        raise ValueError(f"unknown scanner engine {engine!r}; "
                         f"choose one of {', '.join(_prefilter.ENGINES)}")
    if engine is not None and not _prefilter.available(engine):
        raise ValueError(f"scanner engine {engine!r} is not installed "
                         "(pip install 'wirelint[fast]')")
    return engine


class Scanner:
    """Compiles pattern rules once; :meth:`scan` reads a document once per pass.

    ``engine`` picks the gate in front of the passes (``"re"``: the reference, substring
    tests only; ``"re2"``: one multi-pattern RE2 pass as well);
    ``None`` takes ``WIRELINT_ENGINE`` or else the fastest installed.  The gates are
    built by :meth:`scan` once they pay (see :meth:`warm`), so a Host that never scans,
    or checks one article, pays nothing for them.
    """

    def __init__(self, patterns: Iterable[tuple[str, Pattern, bool]], rules: Mapping[str, Rule],
                 *, engine: str | None = None):
        self._rules = rules
        #: Seconds a third-party pattern's callables may take on one document.
        self._budget = THIRD_PARTY_TIMEOUT
        self.structural: list[_Structural] = []
        classes: dict[tuple[bool, Padding], list[_Owned]] = {}
        count = 0
        for plugin, pattern, trusted in patterns:
            count += 1
            owned = _Owned(plugin, pattern, trusted)
            if pattern.regex is not None:
                self.structural.append(_Structural(owned))
            else:
                classes.setdefault((pattern.case_sensitive, pattern.padding), []).append(owned)
        self.lexicons = [_Lexicon(cs, pad, members) for (cs, pad), members in sorted(
            classes.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))]
        self.pattern_count = count
        self._engine = _engine_choice(engine)
        self._plan = _Plan(0, _cold_passes(self.structural))
        self._scanned = 0  #: documents scanned while cold
        self._volume = 0  #: characters scanned while cold
        self._lock = _forksafe.Lock()

    @property
    def _warm(self) -> bool:
        return self._plan.stage == 2

    @property
    def engine(self) -> str:
        """The gate engine in use: ``re`` (the reference) or ``re2``."""
        plan = self._plan
        if plan.stage:
            return "re" if plan.gate is None else plan.gate.name
        return "re2" if self._engine != "re" and _prefilter.available("re2") else "re"

    def warm(self) -> None:
        """Build every gate.  Only a batch or a long text repays them (tens of
        milliseconds of CPU for the structural gates, ~0.1 s for each lexicon's; a lone
        article runs every pass in less), so ``scan`` builds the structural gates once
        :data:`WARM_STRUCTURAL_CHARS` have been scanned and all of them after
        :data:`WARM_AFTER` documents or :data:`WARM_LEXICON_CHARS`; ``check_many(jobs=N)``
        calls this before forking its workers."""
        self._advance_to(2)

    def _advance(self, size: int) -> _Plan:
        """Count a cold scan of ``size`` characters; build the gates it has come to."""
        self._scanned += 1
        self._volume += size
        if self._scanned > WARM_AFTER or self._volume >= WARM_LEXICON_CHARS:
            self._advance_to(2)
        elif self._volume >= WARM_STRUCTURAL_CHARS:
            self._advance_to(1)
        return self._plan

    def _advance_to(self, stage: int) -> None:
        if self._plan.stage >= stage:
            return
        with self._lock:
            if self._plan.stage < 1:
                self._plan = self._structural_gates()
            if stage >= 2 and self._plan.stage < 2:
                self._plan = self._lexicon_gates(self._plan)

    def _structural_gates(self) -> _Plan:
        """Stage 1: each pass's required literals, and with RE2 one ``re2.Set`` of every
        pass's superset plus a superset search per pass."""
        passes = [_Gated(st) for st in self.structural]
        covered: list[tuple[_Gated, str, int | None]] = []
        for g in passes:
            st = g.st
            if not st.owned.trusted and not _prefilter.reads_alike(st.source, st.flags):
                continue  # ``regex`` syntax that ``re`` reads otherwise: no derived gates
            found = _prefilter.required_literals(st.source, st.flags)
            if found is not None:
                g.literals, g.lowered = found
            # The superset reads classes as ``re`` does (``regex`` differs on \\s):
            # built-in patterns only.
            if self._engine != "re" and st.owned.trusted:
                superset = _prefilter.superset(st.source, st.flags)
                if superset is not None:
                    covered.append((g, *superset))
        gate = None
        if self._engine != "re" and (covered or self.lexicons):
            gate = _prefilter.build_gate(self._engine, [c[1] for c in covered],
                                         [c[0].st.owned.plugin for c in covered])
            if gate is not None:
                for slot in gate.accepted:
                    g, source, lead = covered[slot]
                    g.slot = slot
                    if lead is not None and lead <= 1:
                        g.search, g.lead = gate.searcher(source), lead
        for g in passes:
            if g.search is None and (g.literals is not None or g.st.owned.trusted):
                anchored = _prefilter.anchored_literals(g.st.source, g.st.flags)
                if anchored is not None:
                    g.anchor = _Anchor(*anchored)
        return _Plan(1, passes, gate)

    def _lexicon_gates(self, plan: _Plan) -> _Plan:
        """Stage 2: with RE2, one superset search of every word-padded lexicon (one pass
        where a search per lexicon took two: measured on 1 KB documents, 11 -> 7 us with
        warm caches, 120 -> 98 with cold ones).  Per lexicon: that search, or ``None``."""
        gate = plan.gate
        searches: list[Any] = []
        padded = [lex for lex in self.lexicons if lex.padding is Padding.WORD]
        if gate is not None and padded:
            search = gate.searcher(_prefilter.lexicon_superset(
                [(lex.owners, lex.case_sensitive) for lex in padded]))
            searches = [search if lex.padding is Padding.WORD else None
                        for lex in self.lexicons]
        return _Plan(2, plan.passes, gate, searches)

    def scan(self, text: str, enabled: Callable[[str], bool] | None = None) -> Scan:
        """Run every pass over ``text`` and return the findings, sorted by position."""
        plan = self._plan
        if plan.stage < 2:
            plan = self._advance(len(text))
        found: list[Finding] = []
        # (plugin, code) -> why that pattern's findings are dropped (a misbehaving plugin
        # costs only its own findings: WL090/WL091/WL092), and, for third-party patterns,
        # -> seconds its callables have taken on this document.
        dropped: dict[tuple[str, str], Problem] = {}
        spent: dict[tuple[str, str], float] = {}
        gate = plan.gate
        data = _prefilter.project(text) if gate is not None else b""
        searches = plan.lexicon_gates
        starts: list[int] | None = None  # where the lexicons' superset matches (lazily)
        for index, lex in enumerate(self.lexicons):
            search = searches[index] if index < len(searches) else None
            if search is None:
                matches = lex.indexed(text)
            else:
                if starts is None:
                    starts = _superset_starts(search, data)
                matches = lex.gated(text, starts)
            for m in matches:
                key = normalise_phrase(m.group(), case_sensitive=lex.case_sensitive)
                for owned in lex.owners.get(key, ()):
                    if enabled is not None and not enabled(owned.pattern.code):
                        continue
                    if (owned.plugin, owned.pattern.code) in dropped:
                        continue
                    try:
                        if owned.trusted:
                            self._emit(found, owned, m, text, 0)
                        else:
                            self._emit_checked(found, owned, m, text, 0, spent)
                    except (Exception, SystemExit) as exc:  # a guard, message or
                        # suggest raised, or see :meth:`_emit_checked`
                        dropped[owned.plugin, owned.pattern.code] = self._problem(owned, exc)
        lowered: str | None = None
        for g in plan.passes if gate is None else plan.candidates(data):
            st = g.st
            pat = st.owned.pattern
            if enabled is not None and not enabled(pat.code):
                continue
            if pat.prefilter is not None and pat.prefilter not in text:
                continue
            if (st.owned.plugin, pat.code) in dropped:
                continue
            if g.slot is None and g.literals is not None:
                if g.lowered:
                    if lowered is None:
                        lowered = text.lower() if _prefilter.lower_is_faithful(text) else ""
                    # "" = the text holds a character str.lower() does not fold as re.I
                    # does: the test would not be safe, so the pass runs.
                    if lowered and not any(lit in lowered for lit in g.literals):
                        continue
                elif not any(lit in text for lit in g.literals):
                    continue
            anchor = g.anchor
            hay: str | None = None
            if anchor is not None:
                if not anchor.lowered:
                    hay = text
                else:
                    if lowered is None:
                        lowered = text.lower() if _prefilter.lower_is_faithful(text) else ""
                    hay = lowered or None  # offsets hold in a faithful lower case only
            try:
                if g.search is not None:
                    matches = _positioned(st.compiled, g.search, g.lead, text, data)
                elif anchor is not None and hay is not None:
                    matches = _anchored_positioned(st.compiled, anchor, text, hay,
                                                   st.timeout)
                elif st.timeout is None:
                    matches = st.compiled.finditer(text)
                else:
                    matches = st.compiled.finditer(text, timeout=st.timeout)
                if st.owned.trusted:
                    for m in matches:
                        try:
                            self._emit(found, st.owned, m, text, pat.group)
                        except Exception as exc:  # a guard, message or suggest raised
                            raise _Dropped(exc) from exc
                else:
                    for m in matches:
                        self._emit_checked(found, st.owned, m, text, pat.group, spent)
            except (TimeoutError, _Dropped) as exc:
                dropped[st.owned.plugin, pat.code] = self._problem(st.owned, exc)
        if dropped:
            found = [f for f in found if (f.plugin, f.code) not in dropped]
        found.sort(key=Finding.sort_key)
        return Scan(text, tuple(found), tuple(dropped.values()))

    def _emit(self, out: list[Finding], owned: _Owned, m: Any, text: str, group: int | str) -> None:
        pat = owned.pattern
        start, end = m.span(group)
        if start < 0 or start == end:
            return
        if pat.guard is not None and not pat.guard(m, text):
            return
        if callable(pat.message):
            message = pat.message(m)
        else:
            message = pat.message or self._rules[pat.code].summary
        suggestion = pat.suggest(m) if pat.suggest is not None else None
        out.append(Finding(
            code=pat.code, span=Span(start, end), message=message, evidence=text[start:end],
            confidence=pat.confidence, suggestion=suggestion, plugin=owned.plugin))

    def _emit_checked(self, out: list[Finding], owned: _Owned, m: Any, text: str,
                      group: int | str, spent: dict[tuple[str, str], float]) -> None:
        """:meth:`_emit` for a third-party pattern, which must cost only its own findings:
        an exception from its ``guard``/``message``/``suggest`` (``WL090``) or a finding
        of the wrong shape (``WL092``) raises :class:`_Dropped`, and once its callables
        have taken more than its budget on this document, :class:`TimeoutError` (as a
        runaway regex does).  The time is checked after each call: unlike a hook, a call
        on the hot path is not handed to another thread, so one that never returns
        cannot be stopped, but a slow one is cut off once the budget is spent."""
        key = (owned.plugin, owned.pattern.code)
        size = len(out)
        began = time.perf_counter()
        try:
            self._emit(out, owned, m, text, group)
        except (Exception, SystemExit) as exc:  # sys.exit() in a plugin is a failure too
            raise _Dropped(exc) from exc
        finally:
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - began
        if spent[key] > self._budget:
            raise TimeoutError("callables ran past the budget")
        if len(out) > size and (reason := _malformed(out[-1])):
            raise _Dropped(reason)

    def _problem(self, owned: _Owned, exc: BaseException) -> Problem:
        """The problem that drops a pattern's findings for one document: ``exc`` is a
        :class:`TimeoutError` (WL091), a :class:`_Dropped` (WL090 or WL092) or what a
        callable raised (WL090)."""
        code, plugin, budget = owned.pattern.code, owned.plugin, self._budget
        cause = exc.cause if isinstance(exc, _Dropped) else exc
        if isinstance(cause, TimeoutError) and cause is exc:  # the regex or the callables
            problem, what = "WL091", f"{plugin}: pattern {code} exceeded its {budget:g}s budget"
        elif isinstance(cause, BaseException):
            problem = "WL090"
            what = f"{plugin} raised {describe(cause)} (at {where(cause)}) in pattern {code}"
        else:
            problem, what = "WL092", f"{plugin}: pattern {code}'s {cause}"
        return Problem(code=problem, name=HOST_PROBLEMS[problem], plugin=plugin,
                       message=f"plugin {what}; its findings for this document were dropped")


class _Dropped(Exception):
    """A pattern failed (``WL090``: ``cause`` is the exception) or broke the
    contract (``WL092``: ``cause`` says how) on this document."""

    def __init__(self, cause: BaseException | str) -> None:
        super().__init__(cause)
        self.cause = cause


def _malformed(f: Finding) -> str:
    """Why a finding built by a third-party pattern's callables is unusable ("": it is not)."""
    if not isinstance(f.message, str):
        return f"message is {type(f.message).__name__}, not str"
    if f.suggestion is not None and not isinstance(f.suggestion, str):
        return f"suggestion is {type(f.suggestion).__name__}, not str or None"
    if not isinstance(f.confidence, int | float) or not 0.0 <= f.confidence <= 1.0:
        return f"confidence {f.confidence!r} is not a number in 0..1"
    return ""
