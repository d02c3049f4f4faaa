"""MT101 untranslated-word: foreign words left in English copy, with their likely language.

Evidence, strongest first:

* words in another script (Cyrillic, CJK, Greek, Arabic...) outside quotes, brackets,
  URLs and hashtags;
* runs of two or more foreign words with lowercase among them ("la partie russe",
  "mise en sourdine"); runs of four or more are confirmed with langdetect;
* a generic foreign place noun before a name from elsewhere ("the Palais de
  Dolmabahçe": *Palais* is French for "palace", the palace is in Istanbul);
* a lowercase word that is common in French, German, Spanish, Italian or Portuguese (or
  Turkish, or Russian or Ukrainian transliterated: "belediye", "podezd") and rare in
  English (``foreign_words.bin``, built from wordfreq by
  ``scripts/build_foreign_words.py``);
* lowercase words with letters English never uses (ð, þ, ł, ř, ş...);
* weaker: such a word capitalised at the start of a headline ("Sourdine expectations")
  and German nouns mid-sentence (long compounds, "the Verfassungsschutz", or shorter
  ones after "the" and before a lowercase word, "the Kanzler told").

Capitalised words mid-sentence are names until proven otherwise, and foreign words and
phrases that English news uses on purpose (``allowed_foreign.txt``: "de facto",
"Bundestag", "fatwa") are never flagged.  The table loads on first use (a few ms of CPU: the
English words; the foreign words are decompressed in shards, as lookups need them).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate, compress, cycle, filterfalse
from typing import NamedTuple

from wirelint import _forksafe

#: ``detect(text) -> (language code, probability)``: langdetect, seeded, for long runs.
Detector = Callable[[str], tuple[str, float]]

LANGUAGE_NAMES = {
    "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "nl": "Dutch", "pl": "Polish", "cs": "Czech",
    "ca": "Catalan", "ro": "Romanian", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "tr": "Turkish", "hu": "Hungarian", "is": "Icelandic", "fi": "Finnish", "hr": "Croatian",
    "sl": "Slovenian", "sk": "Slovak", "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian",
    "id": "Indonesian", "tl": "Tagalog", "so": "Somali", "af": "Afrikaans", "sq": "Albanian",
    "vi": "Vietnamese", "sw": "Swahili", "cy": "Welsh",
}

# Combining marks count as part of a word, so decomposed text ("e" + U+0301) tokenises
# exactly like composed text.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Written as "letters, then marks-and-letters groups": the same matches as
# ``[^\W\d_](?:[^\W\d_]|[marks])*``, without an alternation per character (2x faster).
_TOKEN = re.compile(rf"[^\W\d_]+(?:[{_MARKS}]+[^\W\d_]*)*")
#: ``_TOKEN`` as a capturing split: ``[gap, token, gap, token, ..., gap]``, the same
#: tokens as ``_TOKEN.findall``, and (summing lengths) their offsets, all in C.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_LETTER = re.compile(r"[^\W\d_]")
_MARK = re.compile(rf"[{_MARKS}]")
# Between two tokens of one run: spaces, a hyphen, or a French/Italian elision apostrophe.
_JOINER = re.compile(r"[ \t\u00a0]+|[ \t]*[-\u2010\u2011][ \t]*|['\u2019]")
_SENTENCE_END = frozenset(".!?:;")
_OPENERS_AND_SPACE = "\"'“‘«„([{*_—–- \t\u00a0"
# A token glued to these is part of a URL, handle, hashtag, file name or identifier.
_GLUE_BEFORE = frozenset("@#/\\._=&?%+~|<>")
_GLUE_AFTER = frozenset("@/\\_=&%+~|<>")

# Function words that mark a phrase as foreign.  English words are left out ("a", "die",
# "am", "do", "no", "con"): they would make English text look foreign.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("de du des la le les l d et au aux sur pour par avec dans une qui que "
                    "est pas ne se sont été être à".split()),
    "de": frozenset("der das dem des und von vom zu zum zur im mit für auf ist nicht ein "
                    "eine einer eines sich auch wird".split()),
    "es": frozenset("de del la el los las y con por para una que es al se lo".split()),
    "it": frozenset("di del della dei degli delle il lo gli la le e per con una che è al "
                    "alla nel nella l".split()),
    "pt": frozenset("de do da dos das os e em no na com por para um uma que ao".split()),
}
_ALL_FUNCTION = frozenset().union(*FUNCTION_WORDS.values())

#: Letters English never writes in a common word, and the language they point to.
SPECIAL_LETTERS = {
    "ð": "is", "þ": "is", "ł": "pl", "ą": "pl", "ę": "pl", "ż": "pl", "ś": "pl", "ź": "pl",
    "ń": "pl", "ř": "cs", "ě": "cs", "ů": "cs", "ő": "hu", "ű": "hu", "ş": "tr", "ğ": "tr",
    "ı": "tr", "ø": "no", "å": "sv", "ș": "ro", "ț": "ro", "ă": "ro", "ơ": "vi", "ư": "vi",
    "đ": "hr", "ė": "lt", "ų": "lt", "ū": "lt", "ā": "lv", "ē": "lv", "ī": "lv", "ķ": "lv",
    "ļ": "lv", "ņ": "lv", "õ": "et",
}

#: Generic place nouns that MT leaves in the source language before a name
#: ("Palais de Dolmabahçe"), with their English translation.
PLACE_HEADS: dict[str, tuple[str, str]] = {
    # French
    "palais": ("fr", "palace"), "château": ("fr", "castle"), "rue": ("fr", "street"),
    "pont": ("fr", "bridge"), "gare": ("fr", "station"), "aéroport": ("fr", "airport"),
    "musée": ("fr", "museum"), "église": ("fr", "church"), "cathédrale": ("fr", "cathedral"),
    "mosquée": ("fr", "mosque"), "île": ("fr", "island"), "lac": ("fr", "lake"),
    "fleuve": ("fr", "river"), "mer": ("fr", "sea"), "golfe": ("fr", "gulf"),
    "détroit": ("fr", "strait"), "forêt": ("fr", "forest"), "parc": ("fr", "park"),
    "jardin": ("fr", "garden"), "stade": ("fr", "stadium"), "hôpital": ("fr", "hospital"),
    "université": ("fr", "university"), "ministère": ("fr", "ministry"),
    "assemblée": ("fr", "assembly"), "sénat": ("fr", "senate"), "mairie": ("fr", "town hall"),
    "place": ("fr", "square"), "tour": ("fr", "tower"), "porte": ("fr", "gate"),
    "quartier": ("fr", "district"), "ambassade": ("fr", "embassy"),
    # Spanish
    "palacio": ("es", "palace"), "plaza": ("es", "square"), "calle": ("es", "street"),
    "puente": ("es", "bridge"), "estación": ("es", "station"),
    "aeropuerto": ("es", "airport"), "museo": ("es", "museum"), "iglesia": ("es", "church"),
    "catedral": ("es", "cathedral"), "mezquita": ("es", "mosque"), "isla": ("es", "island"),
    "lago": ("es", "lake"), "río": ("es", "river"), "estrecho": ("es", "strait"),
    "parque": ("es", "park"), "estadio": ("es", "stadium"),
    "universidad": ("es", "university"), "ministerio": ("es", "ministry"),
    "asamblea": ("es", "assembly"), "senado": ("es", "senate"),
    "ayuntamiento": ("es", "city hall"), "embajada": ("es", "embassy"),
    # Italian
    "palazzo": ("it", "palace"), "piazza": ("it", "square"), "ponte": ("it", "bridge"),
    "stazione": ("it", "station"), "aeroporto": ("it", "airport"),
    "chiesa": ("it", "church"), "cattedrale": ("it", "cathedral"), "isola": ("it", "island"),
    "fiume": ("it", "river"), "stretto": ("it", "strait"), "parco": ("it", "park"),
    "stadio": ("it", "stadium"), "ospedale": ("it", "hospital"),
    "università": ("it", "university"), "ministero": ("it", "ministry"),
    "ambasciata": ("it", "embassy"),
    # Portuguese
    "palácio": ("pt", "palace"), "praça": ("pt", "square"), "rua": ("pt", "street"),
    "estação": ("pt", "station"), "museu": ("pt", "museum"), "igreja": ("pt", "church"),
    "ilha": ("pt", "island"), "estádio": ("pt", "stadium"),
    "universidade": ("pt", "university"), "ministério": ("pt", "ministry"),
    "embaixada": ("pt", "embassy"),
    # German (with a following article: "Schloss von", "Ministerium der")
    "schloss": ("de", "palace"), "palast": ("de", "palace"), "brücke": ("de", "bridge"),
    "bahnhof": ("de", "station"), "flughafen": ("de", "airport"), "kirche": ("de", "church"),
    "insel": ("de", "island"), "ministerium": ("de", "ministry"),
    "rathaus": ("de", "city hall"), "botschaft": ("de", "embassy"),
}


# Common English words that still matter: foreign function words ("de", "la") and
# generic place nouns ("place", "tour") that English shares.
_KEEP = _ALL_FUNCTION | frozenset(PLACE_HEADS)


@dataclass(frozen=True, slots=True)
class Hit:
    """One MT101 finding before it becomes a :class:`wirelint.Finding`."""

    start: int
    end: int
    lang: str
    confidence: float
    message: str
    suggestion: str | None = None


class _Tok(NamedTuple):
    """One token (a named tuple: cheaper to build than a frozen dataclass, and a long
    text makes thousands)."""

    start: int
    end: int
    raw: str
    key: str  #: NFC, casefolded: the wordfreq key
    plain: str  #: key without accents: the allow-list key
    script: str  #: "latin" or a script name
    upper: bool  #: first letter is a capital


#: Words whose :meth:`ForeignTable.lookup` result is remembered (names and foreign words
#: recur across a batch's articles).
_SEEN_MAX = 100_000


#: The first line of ``foreign_words.bin`` (``MAGIC`` in scripts/build_foreign_words.py).
_MAGIC = b"wirelint foreign words 1\n"


class ForeignTable:
    """``foreign_words.bin`` and ``allowed_foreign.txt``, loaded on first use.

    The foreign words are sorted text blocks (shards of 512 lines, each compressed on its
    own) that :meth:`lookup` binary-searches: a shard is decompressed the first time a
    lookup lands in it (about 50 us), so a short article pays for the dozen shards its
    words need, not for the whole 3.5 MB table (about 25 ms of decompression), and no
    220,000-entry dictionary is ever built.  Loading decompresses only the English words.
    Shards, once decompressed, never change, so threads may share the object.
    """

    def __init__(self) -> None:
        self._lock = _forksafe.Lock()
        self._loaded = False
        self._data = b""
        #: stream name -> (offset, size) in ``_data``
        self._index: dict[str, tuple[int, int]] = {}
        #: the first word of each shard, sorted, and the shards' stream names
        self._firsts: list[str] = []
        self._shard_names: list[str] = []
        #: decompressed shards (``None`` until a lookup needs one)
        self._shards: list[str | None] = []
        #: the same for the words beyond Latin-1 ("cœur", "şehir"), sharded apart so
        #: that the Latin-1 shards stay one byte per character
        self._wide_firsts: list[str] = []
        self._wide_names: list[str] = []
        self._wide_shards: list[str | None] = []
        self._english: frozenset[str] = frozenset()
        self._skippable: frozenset[str] = frozenset()
        self._places: dict[str, frozenset[str]] = {}
        self._allowed_words: frozenset[str] = frozenset()
        self._allowed_phrases: frozenset[tuple[str, ...]] = frozenset()
        self._phrase_starts: frozenset[str] = frozenset()
        self._longest_phrase = 0
        #: results of :meth:`lookup` (a binary search of the blob) by key
        self._seen: dict[str, tuple[str, str, float] | None] = {}

    def _load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            pkg = resources.files(__package__)
            data = pkg.joinpath("foreign_words.bin").read_bytes()
            if not data.startswith(_MAGIC):
                raise ValueError("foreign_words.bin: not a packed word table")
            head_end = data.index(b"\n\n", len(_MAGIC))
            base = head_end + 2  # offsets count from the first stream
            for line in data[len(_MAGIC):head_end].decode("utf-8").split("\n"):
                name, offset, size = line.split("\t")
                self._index[name] = (base + int(offset), int(size))
                if name.startswith("w:"):
                    self._firsts.append(name[2:])
                    self._shard_names.append(name)
                elif name.startswith("v:"):
                    self._wide_firsts.append(name[2:])
                    self._wide_names.append(name)
            self._data = data
            self._shards = [None] * len(self._firsts)
            self._wide_shards = [None] * len(self._wide_firsts)
            self._english = frozenset(self._stream("e").split(" "))
            self._skippable = self._english - _KEEP
            words, phrases = set(), set()
            allowed = pkg.joinpath("allowed_foreign.txt").read_text("utf-8")
            for line in allowed.splitlines():
                parts = tuple(plain_key(t.group())
                              for t in _TOKEN.finditer(line.split("#", 1)[0]))
                if len(parts) == 1:
                    words.add(parts[0])
                elif parts:
                    phrases.add(parts)
            self._allowed_words = frozenset(words)
            self._allowed_phrases = frozenset(phrases)
            self._phrase_starts = frozenset(p[0] for p in phrases)
            self._longest_phrase = max((len(p) for p in phrases), default=0)
            self._loaded = True

    def _stream(self, name: str) -> str:
        offset, size = self._index[name]
        return zlib.decompress(self._data[offset:offset + size]).decode("utf-8")

    def english_words(self) -> frozenset[str]:
        """Common English words (Zipf >= 3), casefolded."""
        self._load()
        return self._english

    def skippable_words(self) -> frozenset[str]:
        """The common English words MT101 never needs to see (not a foreign function
        word or place noun that English shares, such as "de" or "place")."""
        self._load()
        return self._skippable

    def lookup(self, key: str) -> tuple[str, str, float] | None:
        """``(tier, lang, zipf)`` of a casefolded word, or ``None``.

        Tier ``s`` (strong) words are rare in English; tier ``w`` (weak) words merely
        much rarer in English than in their language.
        """
        found = self._seen.get(key, self)
        if found is not self:
            return found  # type: ignore[return-value]
        found = self._lookup(key)
        if len(self._seen) >= _SEEN_MAX:
            self._seen.clear()  # bounded; a dict is safe to share between threads
        self._seen[key] = found
        return found

    def _lookup(self, key: str) -> tuple[str, str, float] | None:
        self._load()
        if key in self._english or "\n" in key or "\t" in key:
            return None
        if not key.isascii() and max(map(ord, key)) > 0xFF:
            firsts, names, shards = self._wide_firsts, self._wide_names, self._wide_shards
        else:
            firsts, names, shards = self._firsts, self._shard_names, self._shards
        # The shard whose first word is the last one <= key holds key if anything does.
        i = bisect.bisect_right(firsts, key) - 1
        if i < 0:
            return None
        blob = shards[i]
        if blob is None:  # two threads may both decompress it: same text, no harm
            blob = shards[i] = self._stream(names[i])
        lo, hi = 0, len(blob)
        while lo < hi:  # lo is always the start of a line
            mid = (lo + hi) // 2
            nl = blob.rfind("\n", lo, mid)
            start = lo if nl < 0 else nl + 1
            end = blob.find("\n", start)
            if end < 0:
                end = len(blob)
            tab = blob.find("\t", start, end)
            word = blob[start:tab]
            if word == key:
                return _decode(blob[tab + 1:end])
            if word < key:
                lo = end + 1
            else:
                hi = start
        return None

    def native_place(self, lang: str, plain: str) -> bool:
        """Is this a country or city where ``lang`` is official ("lyon" for French)?"""
        self._load()
        places = self._places.get(lang)
        if places is None:  # read on first use: only a foreign place noun needs it
            name = f"p:{lang}"
            places = frozenset(self._stream(name).split(" ")) if name in self._index else \
                frozenset()
            self._places[lang] = places
        return plain in places

    def allowed_word(self, plain: str) -> bool:
        """Is this accent-stripped, casefolded word on the allow-list?"""
        self._load()
        return plain in self._allowed_words

    def allowed_phrases(self) -> tuple[frozenset[tuple[str, ...]], frozenset[str], int]:
        """Allowed phrases (tuples of accent-stripped, casefolded words), the set of their
        first words, and the length of the longest."""
        self._load()
        return self._allowed_phrases, self._phrase_starts, self._longest_phrase


_LANG_CODES = {"f": "fr", "d": "de", "e": "es", "i": "it", "p": "pt", "t": "tr", "r": "ru",
               "u": "uk"}
#: Languages whose words count only in lowercase: Turkish, and Russian and Ukrainian in
#: transliteration.  Their commonest words in English copy are names ("Yildiz",
#: "Zelenskiy"), spelled as the table spells them, so a capital says nothing.
_LOWERCASE_ONLY = frozenset({"tr", "ru", "uk"})


def _decode(code: str) -> tuple[str, str, float]:
    """'sfb' -> ('s', 'fr', 2.75): tier, language, Zipf (see build_foreign_words.py)."""
    return code[0], _LANG_CODES[code[1]], 2.5 + (ord(code[2]) - ord("a")) / 4


TABLE = ForeignTable()


def plain_key(word: str) -> str:
    """Casefolded, accents removed: 'Élysée' -> 'elysee'."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _script(word: str) -> str:
    ch = word[0]
    o = ord(ch)
    if o < 0x0250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x0400 <= o <= 0x052F:
        return "cyrillic"
    if 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x0590 <= o <= 0x05FF:
        return "hebrew"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F:
        return "arabic"
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "han"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
        return "hangul"
    if 0x0E00 <= o <= 0x0E7F:
        return "thai"
    if 0x0900 <= o <= 0x097F:
        return "devanagari"
    if 0x10A0 <= o <= 0x10FF:
        return "georgian"
    if 0x0530 <= o <= 0x058F:
        return "armenian"
    return "other"


_SCRIPT_LANGUAGE = {
    "greek": "Greek", "hebrew": "Hebrew", "arabic": "Arabic (or Persian)", "kana": "Japanese",
    "han": "Chinese or Japanese", "hangul": "Korean", "thai": "Thai",
    "devanagari": "Hindi (or another Devanagari language)", "georgian": "Georgian",
    "armenian": "Armenian",
}


def _one_script(tok: _Tok) -> bool:
    """'λCDM' (a Greek letter in a Latin formula) is notation, not Greek."""
    return all(_script(c) == tok.script for c in tok.raw if not unicodedata.combining(c))


def _cyrillic_language(text: str) -> str:
    low = text.casefold()
    if any(c in low for c in "іїєґ"):
        return "Ukrainian"
    if any(c in low for c in "ыэъё"):
        return "Russian"
    if any(c in low for c in "ђћџљњј"):
        return "Serbian or Macedonian"
    return "Russian or Ukrainian"


def protected_spans(text: str) -> tuple[list[int], list[int]]:
    """Quoted, bracketed and emphasised stretches, where foreign words may be deliberate.

    Pairs are found per line, so an unbalanced quote never protects a whole article.
    Returns the merged, disjoint spans as parallel lists of starts and ends.
    """
    spans: list[tuple[int, int]] = []
    # Only a line with a mark that :func:`_pairs` pairs (or a "<") has spans: each such
    # line is found from its first mark, and the lines without one are never split off.
    # The next occurrence of each mark the text holds is kept and found again by
    # ``str.find`` once passed: a few fast scans, where ``re`` searching for the class
    # stepped through every character (5x the time).
    marks = {mark: at for mark in _MARKED_CHARS if (at := text.find(mark)) >= 0}
    while marks:
        first = min(marks.values())
        start = text.rfind("\n", 0, first) + 1
        end = text.find("\n", first)
        if end < 0:
            end = len(text)
        _pairs(text[start:end], start, spans)
        for mark, at in list(marks.items()):
            if at <= end:
                at = text.find(mark, end + 1)
                if at < 0:
                    del marks[mark]
                else:
                    marks[mark] = at
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """``spans`` (sorted here) merged where they overlap or touch, as parallel lists of
    starts and ends."""
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", "(": ")", "[": "]", "‘": "’"}


_MARKUP = re.compile(r'[“«„‹(\[‘"*_]')
#: What makes :func:`_pairs` look at a line: a mark of ``_MARKUP`` or a tag's "<".
_MARKED_CHARS = '“«„‹([‘"*_<'


def _pairs(line: str, offset: int, out: list[tuple[int, int]]) -> None:
    n = len(line)
    straight: int | None = None
    unclosed: set[str] = set()  # closers not found further on: never search for them again
    m = _MARKUP.search(line)
    while m is not None:
        i = m.start()
        ch = line[i]
        nxt = i + 1
        close = _PAIRS.get(ch)
        if close is not None:
            if close not in unclosed:
                j = _closing(line, i + 1, close)
                if j == -1:
                    unclosed.add(close)
                else:
                    out.append((offset + i, offset + j + 1))
                    nxt = j + 1
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                out.append((offset + straight, offset + i + 1))
                straight = None
        elif ch not in unclosed and (i == 0 or not line[i - 1].isalnum()):  # * or _
            j = line.find(ch, i + 1)
            if j == -1:
                unclosed.add(ch)
            elif j > i + 1 and (j + 1 == n or not line[j + 1].isalnum()):
                out.append((offset + i, offset + j + 1))
                nxt = j + 1
        m = _MARKUP.search(line, nxt)
    if "<" in line:
        low = line.lower()
        for tag in ("i", "em"):
            start = low.find(f"<{tag}>")
            while start != -1:
                end = low.find(f"</{tag}>", start)
                if end == -1:
                    break
                out.append((offset + start, offset + end))
                start = low.find(f"<{tag}>", end)


def _closing(line: str, start: int, close: str) -> int:
    j = line.find(close, start)
    if close != "’":
        return j
    # ’ is also the apostrophe: the closing one is not followed by a letter.
    while j != -1 and j + 1 < len(line) and line[j + 1].isalpha():
        j = line.find(close, j + 1)
    return j


def _inside(starts: Sequence[int], ends: Sequence[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _glued(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _GLUE_BEFORE or before.isdigit() or after in _GLUE_AFTER or after.isdigit():
        return True
    # "premiya.rf", "lemonde.fr": a dot followed by a letter continues a domain.
    return after == "." and end + 1 < len(text) and text[end + 1].isalpha()


def tokens(text: str, *, all_words: bool = False) -> Iterator[_Tok]:
    """Word tokens MT101 may care about; never raises on any string.

    Common English words are skipped (they can be neither foreign nor part of a foreign
    run) unless ``all_words``; a skipped word still separates the tokens around it,
    because :func:`_joined` sees it in the gap.
    """
    skip = TABLE.skippable_words()
    for m in _tokens_of_interest(text, skip, all_words):
        raw = m.group()
        if raw.isascii():
            key = plain = raw.lower()
            if not all_words and key in skip:
                continue
            script = "latin"
        else:
            key = unicodedata.normalize("NFC", raw).casefold()
            plain = plain_key(raw)
            script = _script(raw)
        start, end = m.span()
        yield _Tok(start, end, raw, key, plain, script, raw[0].isupper())


#: Above this many characters x distinct words, one pass over every token beats a
#: substring search per word.
_FIND_BUDGET = 1 << 18


def _tokens_of_interest(text: str, skip: frozenset[str],
                        all_words: bool) -> Iterator[re.Match[str]]:
    """The ``_TOKEN`` matches :func:`tokens` keeps, in order.

    Nearly every token of English copy is a common English word (about 14 of 280 per
    article are not).  In a text whose tokens are nearly all ASCII letters (English copy)
    :func:`_ascii_starts` finds the others without ``re`` splitting the text.  Otherwise
    the distinct token strings are filtered first and only the survivors are looked for,
    by substring search while that is cheaper than a second pass over every token.
    """
    if all_words:
        yield from _TOKEN.finditer(text)
        return
    match = _TOKEN.match
    starts = _ascii_starts(text) if skip is TABLE.skippable_words() else None
    if starts is not None:
        for pos in starts:
            yield match(text, pos)  # type: ignore[misc]  # a token starts here
        return
    # A long text is split once (every token with the gaps between them); a short one
    # only needs its distinct tokens.
    n = len(text)
    parts = _TOKEN_SPLIT.split(text) if n > _FIND_BUDGET else None
    raws = _TOKEN.findall(text) if parts is None else parts[1::2]
    # Every distinct token but the ASCII ones whose lowercase form is skippable.
    keep = {raw for raw in set(raws) if raw.lower() not in skip or not raw.isascii()}
    if not keep:
        return
    if n * len(keep) > _FIND_BUDGET:
        # One pass over every token, without a Python step per token: the running sum of
        # part lengths gives each part's offset; keep the tokens' (odd parts), then the
        # kept tokens'.  (A generator over ``finditer`` cost ~4x more on a 1 MB text.)
        if parts is None:
            parts = _TOKEN_SPLIT.split(text)
        offsets = compress(accumulate(map(len, parts), initial=0), cycle((False, True)))
        for pos in compress(offsets, map(keep.__contains__, parts[1::2])):
            yield match(text, pos)  # type: ignore[misc]  # a token starts here
        return
    for pos in _whole_token_starts(text, keep):
        yield match(text, pos)  # type: ignore[misc]  # a token starts here


def _whole_token_starts(text: str, words: Iterable[str]) -> list[int]:
    """Where each of ``words`` stands in ``text`` as a whole token, in order."""
    n = len(text)
    starts = []
    letter, mark = _LETTER.match, _MARK.match
    for word in words:
        size = len(word)
        pos = text.find(word)
        while pos != -1:
            end = pos + size
            # A whole token: it does not continue one (a match inside a longer token is
            # never one, so the search resumes after it) and is not continued.
            if not _continues(text, pos, letter, mark) and not (
                    end < n and (letter(text, end) or mark(text, end))):
                starts.append(pos)
            pos = text.find(word, end)
    starts.sort()
    return starts


#: A character beyond ASCII that a ``_TOKEN`` may hold: a letter, a numeral such as "²"
#: (``[^\W\d_]`` has them), or a combining mark.  Without one, every token is a run of
#: ASCII letters.  (The range first: ``re`` skips ASCII in C, then looks behind.)
_WIDE_LETTER = re.compile(rf"[^\x00-\x7f](?:(?<=[^\W\d_])|(?<=[{_MARKS}]))")
#: ``bytes.translate`` table: ASCII capitals to lowercase, lowercase letters kept, every
#: other byte to a space.
_FOLD = bytes(b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 else 32 for b in range(256))


def _ascii_starts(text: str) -> list[int] | None:
    """Where the tokens :func:`_tokens_of_interest` keeps start (skipping the table's
    skippable words), in order, for a text whose tokens are nearly all ASCII letters
    (``None`` for one with many letters beyond ASCII).

    Encoded to ASCII with one "?" per other character and translated by ``_FOLD``, the
    text keeps its offsets and its words are the runs of ASCII letters.  A run of
    letters and marks that holds one beyond ASCII ("Erdoğan", "e\u0301te\u0301") is
    blanked out and read with ``_TOKEN``.  Then a split gives every other word, and a
    filter the few not skippable, in C; each of those is found by a substring search
    from the end of the one before (any whole-token match in between would be a kept
    word before it), passing over matches inside longer words: one pass, 5x cheaper on
    a long text than ``re`` splitting it into tokens.
    """
    folded = text.encode("ascii", "replace").translate(_FOLD)
    wide = None if text.isascii() else _WIDE_LETTER.search(text)
    starts = []
    if wide is not None:
        skip = TABLE.skippable_words()
        marked = bytearray(folded)
        most = len(text) >> 8  # runs read with ``re`` before the split pays off
        while wide is not None:
            most -= 1
            if most < 0:
                return None
            # The run holding the wide letter: ASCII letters before it (in ``marked``,
            # where no earlier run can reach), letters and marks after it.
            start = marked.rfind(b" ", 0, wide.start()) + 1
            end = _LETTERS_AND_MARKS.match(text, wide.end()).end()  # type: ignore[union-attr]
            for m in _TOKEN.finditer(text, start, end):
                raw = m.group()
                if not raw.isascii() or raw.lower() not in skip:
                    starts.append(m.start())
            marked[start:end] = b" " * (end - start)
            wide = _WIDE_LETTER.search(text, end)
        folded = bytes(marked)
    # As str (all ASCII: the decode is a copy), so that the words are filtered by the
    # table's own str set: a bytes copy of it cost ~9 ms to build on the first check.
    plain = folded.decode("ascii")
    n = len(plain)
    find = plain.find
    pos = 0
    for word in filterfalse(TABLE.skippable_words().__contains__, plain.split()):
        size = len(word)
        at = find(word, pos)
        while (at and plain[at - 1] != " ") or (at + size < n and plain[at + size] != " "):
            at = find(word, at + 1)
        starts.append(at)
        pos = at + size
    starts.sort()  # the runs' tokens came first
    return starts


#: What may follow a letter in a ``_TOKEN`` run: letters and combining marks.
_LETTERS_AND_MARKS = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])*")


def _continues(text: str, pos: int, letter: Callable[..., object],
               mark: Callable[..., object]) -> bool:
    """Whether a ``_TOKEN`` match running up to ``pos`` would go on at ``pos``: the
    character before is a letter, or a combining mark that follows one."""
    i = pos - 1
    while i >= 0 and mark(text, i):
        i -= 1
    return i >= 0 and bool(letter(text, i))


def is_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` open a text, line, sentence or quotation?"""
    j = start - 1
    while j >= 0 and text[j] in _OPENERS_AND_SPACE:
        j -= 1
    return j < 0 or text[j] == "\n" or text[j] in _SENTENCE_END


def _next_word(text: str, end: int) -> str:
    m = _TOKEN.search(text, end, min(len(text), end + 200))
    if m is None or "\n" in text[end:m.start()]:
        return ""
    return m.group()


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    return _JOINER.fullmatch(text, a.end, b.start) is not None


def _function_langs(tok: _Tok) -> frozenset[str]:
    return frozenset(lang for lang, words in FUNCTION_WORDS.items() if tok.key in words)


def find_untranslated(text: str, detect: Detector | None = None) -> list[Hit]:
    """Every MT101 hit in ``text``.  ``detect(span) -> (lang, p)`` confirms long runs."""
    starts, ends = protected_spans(text)
    toks = [t for t in tokens(text)
            if not _inside(starts, ends, t.start) and not _glued(text, t.start, t.end)]
    hits: list[Hit] = []
    used: set[int] = set()  # token indexes already part of a hit
    _other_scripts(text, toks, hits, used)
    cache: dict[str, tuple[str, str, float] | None] = {}
    info: list[tuple[str, str, float] | None] = []
    for t in toks:
        if t.script != "latin":
            info.append(None)
        elif t.key in cache:
            info.append(cache[t.key])
        else:
            info.append(cache.setdefault(t.key, TABLE.lookup(t.key)))
    relevant = [h is not None or t.key in _ALL_FUNCTION or t.key in PLACE_HEADS or
                not t.key.isascii() for t, h in zip(toks, info, strict=True)]
    allowed = _allowed_mask(text, toks, relevant)
    caseless = _caseless(text)
    _runs(text, toks, info, allowed, hits, used, detect, 3 if caseless else 2)
    _place_heads(text, toks, allowed, hits, used)
    if caseless:
        # All-lowercase copy (a feed that lowercases, a chat log): names look exactly like
        # lowercase foreign words, so single words prove nothing.
        return sorted(hits, key=lambda h: (h.start, h.end))
    # In-document evidence: a word written with a capital mid-sentence elsewhere is a
    # name ("Albert Prosa ... Prosa's last club"), wherever else it appears.
    names = {t.key for i, t in enumerate(toks) if t.upper and info[i] is not None and
             not is_initial(text, t.start)}
    for i, tok in enumerate(toks):
        if i in used or allowed[i] or tok.script != "latin":
            continue
        if tok.key in names and (not tok.upper or is_initial(text, tok.start)):
            continue
        hit = _single(text, toks, i, info)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def _caseless(text: str) -> bool:
    """Is the text (nearly) without capitals, so case says nothing about names?"""
    sample = text[:20000]
    # A word takes a character and a space, so the sample holds at most half its length
    # in words: capitals for 2% of that settle it without counting the words (most copy
    # has them in its first lines).
    most = 0.02 * ((len(sample) + 1) // 2)
    if sample.isascii() or _WIDE_WORD.search(sample) is None:
        # Every capital and word character is ASCII: one byte per character (another
        # character is "?", neither), and a capital after no word character is counted
        # in C, where a step per capital cost twice as much.
        folded = sample.encode("ascii", "replace").translate(_CASE)
        capitals = folded.count(b" A") + folded.startswith(b"A")
        if capitals >= most:
            return False
    else:
        capitals = 0
        for _ in _CAPITAL.finditer(sample):
            capitals += 1
            if capitals >= most:
                return False
    words = len(sample.split())
    return words >= 20 and capitals < 0.02 * words


# (?<!\w)[A-Z...], with the word-start test after the capital (a two-wide lookbehind) so
# that ``re`` skips to the next capital in C: same matches, 2x faster.
_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f](?<!\w[A-Z\u00c0-\u00de\u0400-\u042f])")
#: A character beyond ASCII that is a word character or one of ``_CAPITAL``'s (the
#: range first: ``re`` skips ASCII in C, then looks behind).
_WIDE_WORD = re.compile(r"[^\x00-\x7f](?<=[\w\u00c0-\u00de\u0400-\u042f])")
#: ``bytes.translate`` table: ASCII capitals to "A", other word characters to "a", every
#: other byte to a space.
_CASE = bytes(65 if 65 <= b <= 90 else 97 if 97 <= b <= 122 or 48 <= b <= 57 or b == 95
              else 32 for b in range(256))


def _allowed_mask(text: str, toks: Sequence[_Tok], relevant: Sequence[bool]) -> list[bool]:
    mask = [r and TABLE.allowed_word(t.plain) for t, r in zip(toks, relevant, strict=True)]
    phrases, firsts, longest = TABLE.allowed_phrases()
    for i, tok in enumerate(toks):
        if tok.plain not in firsts:
            continue
        # Read the phrase from the text itself: its English words are not in ``toks``.
        words: list[str] = []
        ends: list[int] = []
        for m in _TOKEN.finditer(text, tok.start):
            if ends and _JOINER.fullmatch(text, ends[-1], m.start()) is None:
                break
            words.append(plain_key(m.group()))
            ends.append(m.end())
            if len(words) >= longest:
                break
        for n in range(len(words), 1, -1):
            if tuple(words[:n]) in phrases:
                k = i
                while k < len(toks) and toks[k].start < ends[n - 1]:
                    mask[k] = True
                    k += 1
                break
    return mask


def _other_scripts(text: str, toks: Sequence[_Tok], hits: list[Hit], used: set[int]) -> None:
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.script in ("latin", "other") or len(tok.raw) < 2 or not _one_script(tok):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and toks[j + 1].script == tok.script and \
                not text[toks[j].end:toks[j + 1].start].strip(" \t,-'’"):
            j += 1
        span = text[tok.start:toks[j].end]
        if tok.script == "cyrillic":
            lang = _cyrillic_language(span)
        else:
            lang = _SCRIPT_LANGUAGE.get(tok.script, tok.script)
        hits.append(Hit(start=tok.start, end=toks[j].end, lang=lang, confidence=0.7,
                        message=f"'{span}' is {lang} script left untranslated in English copy"))
        used.update(range(i, j + 1))
        i = j + 1


def _runs(text: str, toks: Sequence[_Tok], info: Sequence[tuple[str, str, float] | None],
          allowed: Sequence[bool], hits: list[Hit], used: set[int], detect: Detector | None,
          shortest: int) -> None:
    """``shortest`` or more adjacent foreign words (content words and function words)."""
    n = len(toks)
    i = 0
    while i < n:
        if not _run_member(toks[i], info[i], allowed[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and _run_member(toks[j + 1], info[j + 1], allowed[j + 1]) and \
                _joined(text, toks[j], toks[j + 1]):
            j += 1
        # Trim function words off both ends: "de la" before a foreign word adds nothing.
        a, b = i, j
        while a <= b and info[a] is None:
            a += 1
        while b >= a and info[b] is None:
            b -= 1
        if a <= b:
            _judge_run(text, toks, info, a, b, hits, used, detect, shortest)
        i = j + 1


def _run_member(tok: _Tok, hit: tuple[str, str, float] | None, allowed: bool) -> bool:
    if allowed or tok.script != "latin":
        return False
    if hit is not None:
        return True
    return not tok.upper and tok.key in _ALL_FUNCTION


def _judge_run(text: str, toks: Sequence[_Tok], info: Sequence[tuple[str, str, float] | None],
               a: int, b: int, hits: list[Hit], used: set[int], detect: Detector | None,
               shortest: int) -> None:
    # Function words inside the run count too ("la partie russe": la + partie + russe).
    members = range(a, b + 1)
    content = [k for k in members if info[k] is not None]
    lowercase = [k for k in members if not toks[k].upper]
    if b - a + 1 < shortest or not any(not toks[k].upper for k in content) or \
            len(lowercase) < 2:
        return
    votes: dict[str, float] = {}
    for k in members:
        hit = info[k]
        if hit is not None:
            votes[hit[1]] = votes.get(hit[1], 0.0) + (2.0 if hit[0] == "s" else 1.0)
        for lang in _function_langs(toks[k]):
            votes[lang] = votes.get(lang, 0.0) + 0.5
    lang = max(sorted(votes), key=votes.__getitem__)
    start, end = toks[a].start, toks[b].end
    span = text[start:end]
    name = LANGUAGE_NAMES.get(lang, lang)
    confidence = 0.7
    if b - a + 1 >= 4 and detect is not None:
        detected, prob = detect(span)
        if detected == "en":
            return
        if detected in LANGUAGE_NAMES and prob >= 0.5:
            name = LANGUAGE_NAMES[detected]
            confidence = 0.8
    hits.append(Hit(start=start, end=end, lang=name, confidence=confidence,
                    message=f"'{span}' looks like untranslated {name}"))
    used.update(members)


def _place_heads(text: str, toks: Sequence[_Tok], allowed: Sequence[bool], hits: list[Hit],
                 used: set[int]) -> None:
    """'Palais de Dolmabahçe': a foreign generic noun, an article, a capitalised name."""
    for i, tok in enumerate(toks):
        head = PLACE_HEADS.get(tok.key)
        if head is None or not tok.upper or allowed[i] or i in used:
            continue
        lang, english = head
        articles = FUNCTION_WORDS[lang]
        pos, last, count, name = tok.end, tok.end, 0, None
        while count <= 3:
            joiner = _JOINER.match(text, pos)
            if joiner is None:
                break
            word = _TOKEN.match(text, joiner.end())
            if word is None:
                break
            if word.group() in articles:  # lowercase articles only: "de", "des", "d"
                pos = last = word.end()
                count += 1
                continue
            name = word
            break
        if count == 0 or name is None or not name.group()[0].isupper():
            continue
        # Hyphenated compounds are names in their own right ("Île-de-France").
        if "-" in text[tok.end:name.start()]:
            continue
        plain = plain_key(name.group())
        if TABLE.allowed_word(plain):
            continue
        # A name native to the head's language ("Plaza de España") is the place's own name.
        native = TABLE.lookup(unicodedata.normalize("NFC", name.group()).casefold())
        if (native is not None and native[1] == lang) or TABLE.native_place(lang, plain):
            continue
        language = LANGUAGE_NAMES[lang]
        hits.append(Hit(start=tok.start, end=last, lang=language, confidence=0.55,
                        message=f"'{tok.raw}' is {language} for '{english}': the name of a "
                                f"place outside the {language}-speaking world was left "
                                "untranslated",
                        suggestion=english))
        used.update(k for k in range(i, len(toks)) if toks[k].start < last)


def _single(text: str, toks: Sequence[_Tok], i: int,
            info: Sequence[tuple[str, str, float] | None]) -> Hit | None:
    tok = toks[i]
    hit = info[i]
    if hit is None:
        if tok.upper or len(tok.key) < 3:
            return None
        for ch in tok.key:
            lang = SPECIAL_LETTERS.get(ch)
            if lang is not None:
                name = LANGUAGE_NAMES[lang]
                return Hit(start=tok.start, end=tok.end, lang=name, confidence=0.6,
                           message=f"'{tok.raw}' has letters English does not use: "
                                   f"untranslated {name}?")
        return None
    tier, lang, zipf = hit
    if tier != "s" or len(tok.key) < 4:
        return None
    name = LANGUAGE_NAMES.get(lang, lang)
    what = f"a common {name} word (Zipf {zipf:.1f}) that English does not use"
    if not tok.upper:
        return Hit(start=tok.start, end=tok.end, lang=name, confidence=0.6,
                   message=f"'{tok.raw}' looks untranslated: {what}")
    if tok.raw.isupper() or lang in _LOWERCASE_ONLY:
        return None  # acronyms and all-caps headlines; names
    initial = is_initial(text, tok.start)
    nxt = _next_word(text, tok.end)
    spaced = tok.end < len(text) and text[tok.end] in " \t"  # not "Prosa's"
    if initial and spaced and nxt[:1].islower() and zipf >= 2.75:
        # "Sourdine expectations": a headline or sentence opening with a foreign word
        # followed by English.  Often a name instead, hence the low confidence.
        return Hit(start=tok.start, end=tok.end, lang=name, confidence=0.35,
                   message=f"'{tok.raw}' looks untranslated: {what}")
    if lang == "de" and not initial and len(tok.key) >= 9 and zipf >= 3.0:
        # German capitalises nouns; a long German compound mid-sentence is rarely a name.
        return Hit(start=tok.start, end=tok.end, lang=name, confidence=0.4,
                   message=f"'{tok.raw}' looks like an untranslated German noun: {what}")
    if lang == "de" and not initial and zipf >= 3.5 and _THE_BEFORE.search(
            text, max(0, tok.start - 4), tok.start) and nxt[:1].islower():
        # "The Kanzler told reporters": a shorter German noun, but after "the" and before
        # a lowercase word, where a surname ("Richter", "Bauer") would not stand.
        return Hit(start=tok.start, end=tok.end, lang=name, confidence=0.35,
                   message=f"'{tok.raw}' looks like an untranslated German noun: {what}")
    return None


#: "the " right before a word (searched in the four characters before it).
_THE_BEFORE = re.compile(r"(?<![^\W\d_])[Tt]he $")
