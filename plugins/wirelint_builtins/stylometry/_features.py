"""Tokens, sentences and content-word masking for the ST7 n-gram views.

Content words are deliberately *masked* ("text distortion", Stamatatos 2017): "the
council said on tuesday" becomes "the w said on w", so topic and outlet leave little
trace and the sequence of function words and punctuation - the part of style a
translator or a language model controls - remains.

Pure Python, no state, safe to call from many threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from wirelint.text import unwrap

#: Closed-class words (and a few reporting verbs and connectives news style leans on).
FUNCTION_WORDS = frozenset("""
a about above according across actually additionally after afterwards again against ago
all almost along already also although always am among amongst an and another any anyone
anything anyway are around as at away back be became because become been before behind
being below beside besides between beyond both but by can cannot could despite did do does
doing done down due during each either else enough especially even ever every everyone
everything few finally first following for former from further furthermore had has have
having he hence her here hers herself him himself his how however i if in including indeed
instead into is it its itself just last later latter least less like many may maybe me
meanwhile might mine more moreover most mostly much must my myself namely near nearly neither
never nevertheless next no nobody none nor not nothing now of off often on once one only
onto or other others otherwise our ours ourselves out over own particularly per perhaps
quite rather really regarding said same say says second several shall she should since so
some somebody someone something sometimes soon still such than that the their theirs them
themselves then there thereby therefore these they this those though through throughout
thus till to together too told toward towards two under unless until up upon us very via
was we well were what whatever when whenever where whereas whether which while who whoever
whole whom whose why will with within without would yet you your yours yourself
""".split())

#: Typography, reduced to plain ASCII before anything is counted: the *kind* of quote,
#: apostrophe, dash, space or ellipsis says how a text was typeset, not who wrote it.  In
#: WMT's data it separates the corpora instead (system outputs have their punctuation
#: normalised, human references keep curly quotes and em dashes): read as is, curly
#: quotes made a document look human-translated, and straightening the quotes of a
#: machine translation raised its P(machine-translated) by up to 0.5.
PLAIN_TYPOGRAPHY = str.maketrans({
    **dict.fromkeys("’‘‚‛`´′", "'"),
    **dict.fromkeys("“”„‟«»″", '"'),
    **dict.fromkeys("—–―‒‐‑−", "-"),
    **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f", " "),
    "…": "...",
    "\r": "\n",  # after "\r\n" -> "\n": Windows and old Mac line ends read as Unix ones
})


#: What :data:`PLAIN_TYPOGRAPHY` replaces, a line end (``\r\n`` or ``\r``) first.
_TYPESET = re.compile("\r\n?|[" + re.escape("".join(map(chr, PLAIN_TYPOGRAPHY))) + "]")
#: What each :data:`_TYPESET` match becomes.
_PLAIN_OF = {"\r\n": "\n", **{chr(k): v for k, v in PLAIN_TYPOGRAPHY.items()}}


def _plain_of(m: re.Match[str]) -> str:
    return _PLAIN_OF[m.group()]


def plain_typography(text: str) -> str:
    """``text`` with :data:`PLAIN_TYPOGRAPHY` applied and Unix line ends.

    The characters to replace are searched for (C speed) and only they are looked up:
    ``str.translate`` looks up every character of a text that is not ASCII, and one
    accented name made it 170 us per 5 KB.  An ASCII text without a backtick or a
    carriage return, most copy, is returned as is.
    """
    if text.isascii() and "`" not in text and "\r" not in text:
        return text
    return _TYPESET.sub(_plain_of, text)


#: Wire furniture and page chrome, the lines an agency, a desk or a web page puts around
#: a story: a credit line ("(Reporting by ...; Editing by ...)"), a byline ("By Jane Doe,
#: Staff Writer"), a contributor line, an editor's note, an advertisement marker, a link
#: prompt ("Read more: ..."), a photo credit or caption line, a time stamp ("Updated:
#: ..."), a copyright line, and the dateline that opens a paragraph ("LONDON (Reuters) -
#: ").  It is not the writer's prose, and WMT's dev articles hold little of it, so the
#: models never learnt it: a Reuters credit line under each of the 610 WMT dev articles
#: moved P(machine-translated) by up to 0.245 and flipped 34 of the 235 MT verdicts; an
#: "Advertisement" line amid each, up to 0.124; an "Updated: ..." line, up to 0.121.
_FURNITURE_LINE = re.compile(
    r"[ \t]*(?:"
    # a credit line: in brackets, or with no sentence's stop ("Reporting by the BBC
    # found ... ." is prose)
    r"[(\[][ \t]*(?=(?i:additional|further|reporting|writing|editing|compiled|produced)"
    r"\b[^\n]{0,20}\bby\b).{0,300}"
    r"|(?i:(?:additional|further)[ \t]+)?(?i:reporting|writing|editing|compiled|produced)"
    r"[ \t]+by\b[^.!?]{0,300}"
    # a byline
    r"|By[ \t]+[A-Z][\w'.-]*(?:[ \t]+(?:[A-Z][\w'.-]*|and|&|de|van|von|bin|al|la|le|du|da|di))*"
    r"(?:[ \t]*[,|][^.!?]{0,60})?"
    # an editor's note (a contributor line: _CONTRIBUTOR_LINE)
    r"|(?i:editor'?s[ \t]+note)[ \t]*:.{0,300}"
    # page chrome: an advertisement marker, a link prompt, a photo credit in brackets
    r"|(?i:advertisement|sponsored(?:[ \t]+content)?"
    r"|story[ \t]+continues[ \t]+below(?:[ \t]+advertisement)?)"
    r"|(?i:read|see)[ \t]+(?i:more|also)[ \t]*:.{0,200}|(?i:related)[ \t]*:.{0,200}"
    r"|\((?i:[\w ]{0,20}photo(?:graph)?s?)[ \t]*[/:][^)\n]{1,80}\)"
    # a time stamp ("Published: 12 March 2024, 10:32 GMT", "Updated March 12, 2024")
    r"|(?i:(?:first[ \t]+|last[ \t]+)?(?:published|updated|posted))(?:[ \t]+(?i:on|at))?"
    r"(?:[ \t]*:.{0,80}|[ \t]+(?:[0-9]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
    r".{0,60})"
    # an image caption or source line ("Image caption: ...", "Image source, Getty")
    r"|(?i:image|photo|picture)[ \t]+(?i:caption|source|credit)[ \t]*[:,].{0,200}"
    # a copyright line
    r"|(?:©|\([Cc]\)|(?i:copyright)\b)[ \t]*(?:©[ \t]*)?"
    r"(?:(?:19|20)[0-9]{2}\b.{0,200}|.{0,120}(?i:all rights reserved).{0,40})"
    r")[ \t]*")
#: A contributor line ("... contributed to this report."), furniture too, apart because
#: its opening ``[^\n]{0,150}`` is retried at up to 150 lengths on every line (it made
#: :func:`without_furniture` five times slower): it is tried only on a line that holds
#: "contributed".
_CONTRIBUTOR_LINE = re.compile(
    r"[ \t]*[^\n]{0,150}\bcontributed(?:[ \t]+reporting|[ \t]+to[ \t]+this[ \t]+"
    r"(?:report|story))\.?[ \t]*")
#: A dateline: a city of at most four words in capitals, the agency in brackets, a dash.
_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z'.-]+(?:[ \t]+[A-Z][A-Z'.-]+){0,3}"
                       r"(?:,[ \t]*[A-Za-z0-9.' ]{1,30}){0,2}[ \t]+\([A-Z][\w.&' ]{0,25}\)"
                       r"[ \t]*-{1,2}[ \t]*")
#: The characters a piece of furniture opens with (a quick test per line).
_FURNITURE_OPENS = frozenset("([BbRrWwEeCcPpAaFfSsUuLlIi©ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def without_furniture(text: str) -> str:
    """``text`` (typography plain, case kept) without its furniture: each line that is
    one piece of it (:data:`_FURNITURE_LINE`, :data:`_CONTRIBUTOR_LINE`) dropped, a
    dateline cut from the line it opens (one ``match`` per line that opens with a
    character furniture can open with: about 0.003 s per MB)."""
    lines = text.split("\n")
    kept = []
    changed = False
    for line in lines:
        head = line.lstrip(" \t")[:1]
        if head and (head in _FURNITURE_OPENS or "contributed" in line):
            if _FURNITURE_LINE.fullmatch(line) or (
                    "contributed" in line and _CONTRIBUTOR_LINE.fullmatch(line)):
                changed = True
                continue
            m = _DATELINE.match(line)
            if m:
                line = line[m.end():]
                changed = True
        kept.append(line)
    return "\n".join(kept) if changed else text


def plain(text: str) -> str:
    """What every ST7 view and document measure reads: ``text`` lowercased, its
    typography plain ASCII (quotes, apostrophes, dashes, special spaces, the ellipsis,
    line ends), hard wrapping undone (:func:`wirelint.text.unwrap`), its furniture left
    out (:func:`without_furniture`) and the white space around it dropped: a text file
    ends with a line break that the same article in a JSON Lines record has not, and
    read as a character it moved P(machine-translated) by up to 0.105 on MixSet dev
    (0.029 on WMT dev)."""
    return without_furniture(unwrap(plain_typography(text))).lower().strip()


#: A token: a word (apostrophes inside kept), a number or one other visible character.
TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)
#: A sentence's stop and the closing quotes and space after it (group 1).  The stop is
#: matched, not looked behind at: a pattern that opens with a class is searched for that
#: class at C speed, one that opens with a lookbehind tries every position (1.7x slower).
_SENT_END = re.compile(r"[.!?]([\"'”’»)]*\s+)")

#: Below this many words a style profile is noise: no ST7 finding is emitted.
MIN_WORDS = 50


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``: lines, then ``.!?`` + space.

    News copy puts headlines, datelines and bylines on their own lines, so a line break
    always ends a sentence.  Case is not consulted (casefolded text must split the same).
    """
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[tuple[int, int]]:
    """:func:`sentences`, one at a time: a search for the first sentence that holds
    something splits the text no further than that sentence."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cursor = start
        for m in _SENT_END.finditer(line):
            end = start + m.start(1)
            if end > cursor and text[cursor:end].strip():
                yield cursor, end
            cursor = start + m.end()
        end = start + len(line.rstrip())
        if end > cursor and line[cursor - start:].strip():
            lead = len(line[cursor - start:]) - len(line[cursor - start:].lstrip())
            if text[cursor + lead:end].strip():
                yield cursor + lead, end


#: A sentence's stop and what follows it to the next word, as :data:`_SENT_END` matches
#: it (white space may here run over line breaks: each ends a sentence anyway).
_SENT_BREAK = re.compile(r"[.!?][\"'”’»)]*\s+")


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence, ``[len(text[s:e].split()) for s, e in sentences(text)]``.

    A sentence ends at a line break or after a stop and white space, and the closing
    quotes between them are part of the stop's word, so the words per sentence are the
    words per line once each stop's break is made a line break: one substitution and C
    splits instead of a span per sentence (half the time).
    """
    pieces = _SENT_BREAK.sub(".\n", text).split("\n")
    return [n for n in map(len, map(str.split, pieces)) if n]


def tokens(text: str) -> list[str]:
    """Lowercased word, number and punctuation tokens (typography made plain)."""
    return plain_tokens(plain_typography(text).lower())


#: What most often closes a word of copy ("said," "it."): split off without a search.
CLOSING_MARKS = frozenset(',.;:!?")')


def plain_tokens(text: str) -> list[str]:
    """:func:`tokens` of a text already made :func:`plain`, which neither step changes
    again (no character lowercases to one that is not lowercase or that
    :data:`PLAIN_TYPOGRAPHY` replaces): one search of the text less.

    No token spans white space (``str.split`` and ``\\s`` agree on what is white space),
    so the tokens are those of each whitespace-separated chunk, and a chunk of letters,
    or of letters and one closing mark (:data:`CLOSING_MARKS`), needs no search: nine
    chunks in ten of news copy, twice as fast as one ``findall`` of the text.
    """
    out: list[str] = []
    append = out.append
    findall = TOKEN.findall
    for chunk in text.split():
        if chunk.isalpha():
            append(chunk)
        elif chunk[-1] in CLOSING_MARKS and chunk[:-1].isalpha():
            append(chunk[:-1])
            append(chunk[-1])
        else:
            out += findall(chunk)
    return out


def distort(toks: Sequence[str]) -> list[str]:
    """Mask content words: function words and punctuation stay, the rest become a shape.

    Shapes are ``w`` (word), ``w'`` (contraction of a content word), ``0`` (number).
    """
    out = []
    for t in toks:
        if t in FUNCTION_WORDS or not t[0].isalnum():
            out.append(t)
        elif t[0].isdigit():
            out.append("0")
        elif "'" in t:
            stem, _, tail = t.partition("'")
            out.append(stem if stem in FUNCTION_WORDS else "w")
            out.append("'" + tail)
        else:
            out.append("w")
    return out
