"""The text detectors read: the document as it prints.

Seven kinds of characters in incoming copy print as something other than themselves,
and every regex and tokenizer reads them as written:

* **invisible format characters**: a soft hyphen (U+00AD, left in by a CMS or a
  hyphenating layout), a zero-width space or joiner, a word joiner, a stray byte-order
  mark.  Each reads as a word boundary: "Istan\\u00adbul" read as "Istan" and "bul", which
  the lexicons flagged as an untranslated German word and a lowercase proper noun.  With
  a soft hyphen inside every word of 8+ letters, 25 of the 610 WMT dev verdicts flipped
  and 783 findings appeared that nobody could see;
* **HTML character references** left in text taken from a web page or a feed
  (``&quot;``, ``&amp;``, ``&#8217;``): with its quotes written ``&quot;``, a WMT
  article lost its quotations (MP403 fired on 72 of 610) and 70 verdicts flipped;
* **decomposed letters** (NFD: "e" and a combining acute accent for "é", as macOS and
  some PDF tools write them): the accent splits the word (max ΔP(MT) 0.05 on dev);
* **mojibake**, UTF-8 read as Windows-1252 by a feed or a database: "donâ€™t" for
  "don’t", "cafÃ©" for "café".  Quotes written "â€œ" were no quotation marks (MP403 on
  9 more of 141 WMT dev articles with non-ASCII characters, ΔP(MT) up to 0.28).  Only a
  run that decodes as UTF-8 is repaired; English copy that means "Ã©" does not exist;
* **line ends other than "\\n"**: Windows' CR LF, old Mac's CR, the Unicode line and
  paragraph separators.  Each prints as a line break, but a pattern anchored at a line's
  end (``$``) or reading "\\r" as part of the line missed it: with CR LF line ends, 19
  "Read also" lines and a photo credit in WMT dev went unfound;
* **HTML tags** in copy taken from a page's source (``<p>``, ``<em>``, ``<a href=...>``):
  with each paragraph in ``<p>...</p>``, 9 of the 610 WMT dev verdicts flipped, 14 with
  a class attribute and an ``<em>``.  A tag prints as nothing, and the end of a block
  (``</p>``, ``<br>``, ``</li>``...) as a line break.  Only well-formed tags count:
  "x < y", "<press@example.com>" and an unclosed "<p" are text;
* **Markdown markup** (``wirelint check`` reads ``*.md`` files, and CMS exports and
  LLM output arrive as Markdown): a heading's ``#`` and a quotation's ``>`` at a line's
  start, emphasis markers around text on one line (``**``, ``__``, ``*``, ``_``), a
  link's brackets and address (its text prints), an image and a rule line print as
  nothing.  WMT dev set as Markdown (a ``#`` headline, each paragraph's first words in
  bold and a link) flipped 105 of 610 verdicts (P(MT) moved by up to 0.70: ST701 lost
  on 278 articles, the address read as prose).  Only markup that cannot be prose
  counts: a ``*`` or ``_`` next to a space, inside a word or unpaired on its line
  ("5 * 3", "file_name", "Sales rose*"), a bracket not followed by an address ("[sic]")
  and a ``#`` not followed by a space ("#MeToo") are text.

The host hands plugins the document as it prints and maps every span back onto the
original text, so ``text[start:end]`` is still exactly what was flagged (a span covers
whole references, letters and repaired runs, and the invisible characters inside it).
Text with none of them is passed as is, after one C-speed search.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

#: Format characters that print as nothing inside or between words.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
#: Windows-1252's reading of each byte 0x80-0xFF (its five unassigned bytes read as the
#: C1 control of the same number, as lenient decoders do), and the way back.
_CP1252 = {b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0x100)}
_CP1252_BYTE = {c: b for b, c in _CP1252.items()}
_CONTINUATION = re.escape("".join(_CP1252[b] for b in range(0x80, 0xC0)))

#: Tags that end a block: their closing tag (and a line break or rule) prints as a
#: line break, so "<p>a</p><p>b</p>" reads as two paragraphs; every other tag prints
#: as nothing.
_BLOCK = frozenset("""p div br hr li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th
    section article header footer aside figure figcaption dd dt dl nav main""".split())
#: The elements article markup uses: a name outside them is text ("<Toraya>", a shop
#: name a Japanese source set in angle brackets, is in WMT dev).
_ELEMENTS = _BLOCK | frozenset("""a abbr b big cite code del em font i img ins kbd mark
    q s small source span strong sub sup time u picture caption thead tbody tfoot
    center""".split())

#: Their names as one alternation, longest first (so that "<bdo" is not read as "<b").
_ELEMENT_NAMES = "|".join(sorted(_ELEMENTS, key=lambda n: (-len(n), n)))

#: A Markdown link's address in parentheses, with an optional title.
_ADDRESS = r'\((?=[^()\s]*[/.:#])[^()\s]{1,2000}(?:[ \t]+"[^"\n]{0,300}")?\)'

#: What opens a line that Markdown marks: a heading, a quotation, a rule.
_LINE_MARKUP = r"[ ]{0,3}(?:#{1,6}[ \t]|>|-{3}|={3}|\*{3}|_{3})"

#: What prints otherwise, one named group per kind
_PRINTS = (
    f"(?P<invisible>[{INVISIBLE}]+)"
    # a line end other than "\n": Windows' CR LF, old Mac's CR, Unicode's separators
    "|(?P<line_end>\r\n?|[\u2028\u2029])"
    # HTML character reference: named (HTML5 names have at most 31 characters),
    # decimal or hexadecimal
    "|(?P<reference>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    # a UTF-8 sequence of two, three or four bytes read as Windows-1252
    f"|(?P<mojibake>[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}})"
    f"|(?P<decomposed>(?s:.)[{_COMBINING}]+)"
    # an HTML element's tag: its attributes never hold "<" or ">" and are bounded, so a
    # stray "<a " costs at most the distance to the next angle bracket, never a rescan
    f"|(?P<tag></?(?i:{_ELEMENT_NAMES})"
    "(?=[\\s/>])(?:\\s[^<>]{0,2000})?/?>)")
#: Markdown (each part stops at its own delimiter, so no match rescans the text)
_MARKDOWN = (
    # a heading's or a quotation's marker at a line's start; a rule line
    "|(?P<md_line>(?m:^)[ ]{0,3}(?:#{1,6}[ \t]+|>[ \t]?))"
    "|(?P<md_rule>(?m:^)[ ]{0,3}(?:-{3,}|={3,}|\\*{3,}|_{3,})[ \t]*(?m:$))"
    # an image; a link, whose text prints (an address has a "/", ".", ":" or "#")
    f"|(?P<md_image>!\\[[^\\[\\]\n]{{0,500}}\\]{_ADDRESS})"
    f"|(?P<md_link>\\[(?P<md_link_text>[^\\[\\]\n]{{1,500}})\\]{_ADDRESS})"
    # emphasis: a marker before a word's start and the same after a word's end, on one
    # line, no "*" or "_" between (the look-behind after the marker, so that the engine
    # only tries it at a "*" or "_": 1.3x faster)
    "|(?P<md_em>(?P<md_mark>\\*\\*(?<![\\w*_]\\*\\*)|__(?<![\\w*_]__)|\\*(?<![\\w*_]\\*)"
    "|_(?<![\\w*_]_))(?=[^\\s*_])"
    "(?P<md_em_text>[^*_\n]{1,500}?)(?<=[^\\s*_])(?P=md_mark)(?![\\w*_]))")
#: One thing that prints as something else (the groups name which); with Markdown's
#: markup too, for a text that may hold some (its branches open with a look-behind or
#: "^", which the engine tries at every position: the pass takes twice as long).
_HIDDEN = _PRINTS
_HIDDEN_MARKDOWN = _PRINTS + _MARKDOWN
#: Markup around text that prints: the group holding that text.
_INNER = {"md_link": "md_link_text", "md_em": "md_em_text"}
#: A quick test: most copy has none of them (an accented letter alone is no mojibake).
#: It is as strict as a character's context allows ("AT&T", "S&P" and "<Toraya>" do
#: not pass), so that the full pass runs on the few texts that need it: in WMT dev, 10
#: articles passed a looser test and none held anything to change (a 1 MB text of them
#: cost 0.1 s in the full pass).
#: Both quick tests open with one character class of every branch's first character,
#: a look-behind at it choosing the branch: ``re`` skips to a candidate in C only when a
#: pattern opens with one class (or literal), and tried every branch at every position of
#: the alternation this replaced (5 KB of non-ASCII copy: both tests 3x faster).
_MAYBE = (
    f"[{INVISIBLE}{_COMBINING}\r\u2028\u2029\u00c2-\u00f4&<]"
    f"(?:(?<=[\u00c2-\u00f4])[{_CONTINUATION}]"
    "|(?<=&)(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]{1,31};)"
    f"|(?<=<)/?(?i:{_ELEMENT_NAMES})(?=[\\s/>])"
    "|(?<![\u00c2-\u00f4&<]))")
#: The same for Markdown (a line's start is the "\n" before it: opening with "^" made
#: it 3x slower); a marked first line is tested apart.  Emphasis needs a closing marker
#: on its line: "@A_ListMGMT" and "^_^" no longer send a text through the slower
#: Markdown pass.
_MAYBE_MARKDOWN = (f"[\n\\]*_](?:(?<=\n){_LINE_MARKUP}|(?<=\\])\\([^()\\s]*[/.:#]"
                   "|(?<=[*_])[^\\s*_][^*_\n]{0,500}?(?<=[^\\s*_])[*_])")
_FIRST_LINE_MARKUP = _LINE_MARKUP


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    """One of the patterns above, compiled on first use: plain ASCII copy (most of it)
    needs none of them, and compiling them all costs ~6 ms of every start-up.  Two
    threads may both compile one at first: equal patterns, harmless."""
    return re.compile(source)


_DROP = dict.fromkeys(map(ord, INVISIBLE))
#: Plain ASCII holding none of these has nothing that prints otherwise.
_MARKUP_CHARS = ("&", "<", "\r", "*", "_", "#", ">", "[", "---", "===")


@functools.lru_cache(maxsize=4096)
def _printed(kind: str, match: str) -> str:
    """What ``match`` (of the ``kind`` group) prints as; ``match`` itself when it prints
    as written (an unknown name such as ``&foo;``, a run that is not UTF-8), less any
    invisible character in it.  Markup around text (:data:`_INNER`) is split into its
    markers by :func:`_replacements` and never reaches here."""
    if kind in ("invisible", "md_line", "md_rule", "md_image"):
        return ""
    if kind == "line_end":
        return "\n"
    if kind == "tag":
        name = match[2 if match[1] == "/" else 1:].split(None, 1)[0].rstrip("/>").lower()
        closes = match[1] == "/" or name in ("br", "hr")
        return "\n" if closes and name in _BLOCK else ""
    if kind == "reference":
        import html  # here, not at import: its entity table costs 2 ms of every start-up

        printed = html.unescape(match)
    elif kind == "mojibake":
        try:
            printed = bytes(_CP1252_BYTE.get(c, ord(c)) for c in match).decode("utf-8")
        except UnicodeDecodeError:
            printed = match
        # Two bytes repair to Latin, Greek or Cyrillic only: "Strauß’s" holds "ß’",
        # which would decode to an NKo letter (U+07D2)
        if len(match) == 2 and not "\u00a0" <= printed <= "\u052f":
            printed = match
    else:
        import unicodedata

        printed = unicodedata.normalize("NFC", match)
    # what prints as written still loses its invisible characters ("Õ" + soft hyphen)
    return printed.translate(_DROP)


def _pattern_for(original: str) -> re.Pattern[str] | None:
    """The pass ``original`` needs: none (the quick tests find nothing that may print
    otherwise), the one for Markdown, or the plain one."""
    if (_compiled(_MAYBE_MARKDOWN).search(original)
            or _compiled(_FIRST_LINE_MARKUP).match(original)):
        return _compiled(_HIDDEN_MARKDOWN)
    return _compiled(_HIDDEN) if _compiled(_MAYBE).search(original) else None


def _replacements(pattern: re.Pattern[str], original: str, pos: int, endpos: int
                  ) -> Iterator[tuple[int, int, str]]:
    """``(start, end, printed)`` for each piece of ``original[pos:endpos]`` that prints
    as something else, in order."""
    for m in pattern.finditer(original, pos, endpos):
        kind = m.lastgroup or ""
        inner = _INNER.get(kind)
        if inner:  # markup around text that prints: each marker prints as nothing, and
            # the text between them is read like any other ("**&quot;No&quot;**")
            yield m.start(), m.start(inner), ""
            yield from _replacements(pattern, original, m.start(inner), m.end(inner))
            yield m.end(inner), m.end(), ""
            continue
        printed = _printed(kind, m.group())
        if printed == m.group():
            continue
        if printed and printed == m.group().translate(_DROP):  # as written, less its
            # invisible characters: drop each alone, so no span keeps one at its edge
            for i in range(m.start(), m.end()):
                if original[i] in INVISIBLE:
                    yield i, i + 1, ""
        else:
            yield m.start(), m.end(), printed


def replacements(original: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, printed)`` for each piece of ``original`` that prints as something
    else, in order: the pieces :meth:`Visible.of` reads, without building the printed
    text (``--fix`` reads them on every window it checks)."""
    if original.isascii() and not any(c in original for c in _MARKUP_CHARS):
        return iter(())  # plain ASCII: a few scans in C, 20x faster than the test
    pattern = _pattern_for(original)
    if pattern is None:
        return iter(())
    return _replacements(pattern, original, 0, len(original))


@dataclass(frozen=True, slots=True)
class Visible:
    """``text`` as detectors read it, and where its characters came from."""

    text: str
    #: per replacement, in order: where its output starts in :attr:`text`, how long the
    #: output is, where the replaced piece starts in the original and how long it is
    starts: tuple[int, ...] = ()
    pieces: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def of(cls, original: str) -> Visible:
        """The printed text of ``original`` (``original`` itself when nothing differs)."""
        out: list[str] = []
        starts: list[int] = []
        pieces: list[tuple[int, int, int]] = []
        at = shown = 0  # next original offset to copy; length of the output so far
        for start, end, text in replacements(original):
            out.append(original[at:start])
            shown += start - at
            starts.append(shown)
            pieces.append((len(text), start, end - start))
            out.append(text)
            shown += len(text)
            at = end
        if not pieces:
            return cls(original)
        out.append(original[at:])
        return cls("".join(out), tuple(starts), tuple(pieces))

    def _locate(self, offset: int) -> tuple[int, int]:
        """The original span of the character at ``offset`` of :attr:`text` (a whole
        reference when the character was decoded from one)."""
        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return offset, offset + 1
        size, origin, length = self.pieces[k]
        inside = offset - self.starts[k]
        if inside < size:  # decoded from this piece
            return origin, origin + length
        at = origin + length + inside - size
        return at, at + 1

    def original(self, offset: int) -> int:
        """The original offset where the character at ``offset`` of :attr:`text` starts
        (``offset == len(text)``: where the original's end is)."""
        return self._locate(offset)[0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]``: from where its first character
        starts to where its last one ends (invisible characters between them inside)."""
        if end <= start:
            at = self.original(start)
            return at, at
        return self._locate(start)[0], self._locate(end - 1)[1]
