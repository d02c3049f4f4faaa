"""Invisible format characters: detectors read the text without them, spans stay the
original's."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint import Host, _visible
from wirelint._visible import INVISIBLE, Visible

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "fixtures" / "articles"
#: round-trip slips, then a human article with quotes and apostrophes
COPY = "\n".join((ARTICLES / name).read_text("utf-8").strip() for name in (
    "machine-translated/talks-roundtrip.txt", "human/council-budget.txt"))


def _hyphenated(text: str) -> str:
    """A soft hyphen inside every word of 8+ letters, a zero-width space after stops."""
    return re.sub(r"(\w{4})(\w{4,})", "\\1\u00ad\\2", text).replace(". ", ".\u200b ")


def test_nothing_hidden_is_the_text_itself():
    text = "Plain copy, nothing hidden."
    assert Visible.of(text).text is text and not Visible.of(text).pieces


def test_spans_of_the_visible_text_map_back_onto_the_original():
    original = "Istan\u00adbul \u200bis \ufeffbig\u00ad\u00ad."
    visible = Visible.of(original)
    assert visible.text == "Istanbul is big."
    words = [original.__getitem__(slice(*visible.span(m.start(), m.end())))
             for m in re.finditer(r"\w+", visible.text)]
    assert words == ["Istan\u00adbul", "is", "big"]


_HIDDEN = st.sampled_from([*INVISIBLE, "&quot;", "&amp;", "&#8217;", "&#x2014;", "&#173;",
                           "&foo;", "&", "&#0;", "&NotEqualTilde;", "&amp;quot;",
                           "â€™", "â€œ", "Ã©", "Ã", "Â\u00a0", "ß’", "ð\u009f\u0098\u0080",
                           "\u0301", "e\u0301\u0327", "\u0308", "<p>", "</p>", "<br/>",
                           "<em>", "<a href='x'>", "< p>", "<p", "<P CLASS=x>", "a>",
                           "\r\n", "\r", "\n", "\u2028"])
#: Markdown: markers, brackets, addresses, line starts (how they print depends on what
#: is around them, so a span's text alone may print otherwise: tested apart)
_MARKDOWN = st.sampled_from(["**", "*", "__", "_", "# ", "\n## ", "\n> ", "[", "]",
                             "](https://a.b/c)", "](x)", "![", "\n---\n", " * ", "a_b",
                             "&quot;", "\u00ad", "â€™", "<em>"])


def _midline(piece: str) -> str:
    """How ``piece`` prints inside a line (after a "."): a ">" or "#" that opens the
    piece opens no line, as in the text it was cut from."""
    return Visible.of("." + piece).text[1:]


#: Text around the pieces, without Markdown's characters (tested apart, below)
_WORDS = st.text(st.characters(blacklist_characters="*_#>[]-="), max_size=6)


@given(pieces=st.lists(st.tuples(_WORDS, st.lists(_HIDDEN, max_size=3)),
                       max_size=12),
       start=st.integers(0, 80), length=st.integers(0, 20))
@settings(max_examples=300, deadline=None)
def test_every_visible_span_maps_to_the_characters_it_came_from(pieces, start, length):
    original = "".join(a + "".join(b) for a, b in pieces)
    visible = Visible.of(original)
    assert "".join(c for c in visible.text if c in INVISIBLE) == ""
    start = min(start, len(visible.text))
    end = min(start + length, len(visible.text))
    s, e = visible.span(start, end)
    assert 0 <= s <= e <= len(original)
    # the original span prints as the visible span (a reference that prints as two
    # characters is taken whole, even for one of them)
    assert visible.text[start:end] in _midline(original[s:e])
    if end > start:  # a span holds nothing it does not need at either end (an
        # invisible character at its edge only as part of a repaired run: "Ã" + U+00AD)
        printed = _midline(original[s:e])
        if original[s] in INVISIBLE:
            assert _midline(original[s + 1:e]) != printed
        if original[e - 1] in INVISIBLE:
            assert _midline(original[s:e - 1]) != printed
    assert visible.original(len(visible.text)) <= len(original)


@given(pieces=st.lists(st.one_of(_MARKDOWN, st.text(max_size=5)), max_size=16),
       start=st.integers(0, 80), length=st.integers(0, 20))
@settings(max_examples=300, deadline=None)
def test_markdown_spans_map_to_the_characters_they_came_from(pieces, start, length):
    original = "".join(pieces)
    visible = Visible.of(original)
    start = min(start, len(visible.text))
    end = min(start + length, len(visible.text))
    s, e = visible.span(start, end)
    assert 0 <= s <= e <= len(original)
    for i in range(len(visible.text)):  # a character copied as is comes from itself
        a, b = visible._locate(i)
        assert 0 <= a < b <= len(original)
        if b - a == 1 and original[a] not in INVISIBLE:
            assert original[a] == visible.text[i] or Visible.of(original[a]).text != original[a]
    assert len(visible.text) == len(original) + sum(  # each piece replaced, none lost
        size - length for size, _, length in visible.pieces)


def _quick_tests() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two quick tests as ``_visible`` compiles them (on first use)."""
    return (_visible._compiled(_visible._MAYBE), _visible._compiled(_visible._MAYBE_MARKDOWN))


@given(pieces=st.lists(st.one_of(_HIDDEN, _MARKDOWN, st.text(max_size=4),
                                 st.sampled_from(["AT&T", "S&P", "<Toraya>", "&C", "<b", "&#",
                                                  "5 * 3", "#MeToo", "[sic]", "file_name"])),
                       max_size=10))
@settings(max_examples=300, deadline=None)
def test_the_quick_test_passes_every_text_with_something_to_change(pieces):
    # Text the quick test turns away is passed as is: it must hold nothing that prints
    # as something else.
    text = "".join(pieces)
    pattern = _visible._pattern_for(text)
    for m in _visible._compiled(_visible._HIDDEN_MARKDOWN).finditer(text):
        kind = m.lastgroup or ""
        # markup around text (link, emphasis) always prints otherwise: its markers go
        if kind in _visible._INNER or _visible._printed(kind, m.group()) != m.group():
            assert pattern is _visible._compiled(_visible._HIDDEN_MARKDOWN) or (
                pattern is _visible._compiled(_visible._HIDDEN) and not kind.startswith("md_")), m


#: The quick tests as they were before each opened with one character class: every
#: branch is tried at every position, so they are slow, and their answer is the truth.
_OLD_MAYBE = re.compile(
    f"[{INVISIBLE}{_visible._COMBINING}\r\u2028\u2029]"
    f"|[\u00c2-\u00f4][{_visible._CONTINUATION}]"
    "|&(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]{1,31};)"
    f"|</?(?i:{_visible._ELEMENT_NAMES})(?=[\\s/>])")
_OLD_MAYBE_MARKDOWN = re.compile(f"\n{_visible._LINE_MARKUP}|\\]\\([^()\\s]*[/.:#]"
                                 "|[*_][^\\s*_][^*_\n]{0,500}?(?<=[^\\s*_])[*_]")


@given(pieces=st.lists(st.one_of(_HIDDEN, _MARKDOWN, st.text(max_size=4),
                                 st.sampled_from(["&", "<", "#", "*", "_", "]", "(", "\n",
                                                  "Ã", "\u00e2\u20ac", "a/", " ", "\t"])),
                       max_size=12))
@settings(max_examples=500, deadline=None)
def test_the_quick_tests_answer_as_their_alternations_did(pieces):
    text = "".join(pieces)
    maybe, markdown = _quick_tests()
    for at in range(len(text) + 1):  # every suffix: each branch at each position
        assert bool(maybe.search(text, at)) == bool(_OLD_MAYBE.search(text, at))
        assert bool(markdown.search(text, at)) == bool(_OLD_MAYBE_MARKDOWN.search(text, at))


def test_the_quick_tests_answer_on_the_articles_as_their_alternations_did():
    for path in sorted(ARTICLES.rglob("*.txt")):
        text = path.read_text("utf-8")
        maybe, markdown = _quick_tests()
        for variant in (text, text.replace("\n", "\r\n"), "&quot;" + text, text + " _x_"):
            assert bool(maybe.search(variant)) == bool(_OLD_MAYBE.search(variant))
            assert bool(markdown.search(variant)) == bool(_OLD_MAYBE_MARKDOWN.search(variant))


@pytest.mark.parametrize(("original", "printed", "piece", "source"), [
    ("AT&amp;T said &quot;no&quot; &#8212; twice&#173;ly. &foo; stays.",
     'AT&T said "no" — twicely. &foo; stays.', '"no"', "&quot;no&quot;"),
    ("He didnâ€™t say â€œnoâ€\u009d in the cafÃ©, cafe\u0301 or Strauß’s.",
     "He didn’t say “no” in the café, café or Strauß’s.", "didn’t", "didnâ€™t"),
    ('<p class="lead">Talks <em>resumed</em> on Friday.</p><p>A second one.<br>',
     "Talks resumed on Friday.\nA second one.\n", "resumed on", "resumed</em> on"),
    ("Read also: more\r\nA credit\rLast line\u2028.", "Read also: more\nA credit\nLast "
     "line\n.", "more\nA", "more\r\nA"),
    ("# Talks resume\n\n**Istanbul** talks, said [the *ministry*](https://example.com/a_b)"
     " and _Le Monde_: **&quot;no&quot;**.\n> A quote\n---\n![A map](map.png)",
     'Talks resume\n\nIstanbul talks, said the ministry and Le Monde: "no".\nA quote\n\n',
     "ministry and", "ministry*](https://example.com/a_b) and"),
], ids=["references", "mojibake-and-nfd", "tags", "line-ends", "markdown"])
def test_what_prints_and_where_it_came_from(original, printed, piece, source):
    # references decode, mojibake and decomposed letters print as their characters,
    # tags as nothing and block ends as line breaks; a piece maps back to its source
    visible = Visible.of(original)
    assert visible.text == printed
    at = visible.text.index(piece)
    s, e = visible.span(at, at + len(piece))
    assert original[s:e] == source


def test_text_that_only_looks_like_markup_stays_text():
    for text in ("x < y and y > z", "Write to <press@example.com>.", "an unclosed <p",
                 "the shops <Toraya> and <HIGASHIYA>", "5 * 3 * 2", "file_name_here",
                 "Sales rose* (*estimate)", "he said [sic] it", "#MeToo and #1 hit",
                 "a ** b ** c", "see [1] (2019)", "2 - 3 -- 4", "snake_case *and* lone_"[:-7]):
        assert Visible.of(text).text == text
    # angle brackets that hold no tag still have their references decoded (WMT dev)
    assert Visible.of("<Marking the start of &#39;Yuukaku-hen&#39; >").text == (
        "<Marking the start of 'Yuukaku-hen' >")


def _typeset(text: str) -> str:
    """Curly quotes and apostrophes, an em dash: copy with characters beyond ASCII."""
    return re.sub(r'"([^"]*)"', "“\\1”", text).replace("'", "’").replace(" - ", " — ")


def _mis_decoded(text: str) -> str:
    """UTF-8 read as Windows-1252 (its unassigned bytes as C1 controls)."""
    return "".join(c if c.isascii() else "".join(
        bytes([b]).decode("cp1252", "ignore") or chr(b) for b in c.encode("utf-8"))
        for c in text)


def _escaped(text: str) -> str:
    """The text as an HTML page's source may have it (every character beyond ASCII as a
    numeric reference)."""
    text = text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")
    return "".join(c if c.isascii() else f"&#{ord(c)};" for c in text)


def _marked_down(text: str) -> str:
    """Each paragraph's first three words in bold and its next three a link."""
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        if len(words) > 8:
            words[0], words[2] = "**" + words[0], words[2] + "**"
            words[4], words[6] = "[" + words[4], words[6] + "](https://example.com/a-b)"
        out.append(" ".join(words))
    return "\n".join(out)


def _tagged(text: str) -> str:
    """Each paragraph in an HTML paragraph element."""
    return "\n".join(f'<p class="body">{line}</p>' for line in text.split("\n"))


@pytest.mark.parametrize("hide", [_hyphenated, _escaped, _mis_decoded,
                                  lambda text: unicodedata.normalize("NFD", text),
                                  lambda text: text.replace("\n", "\r\n"), _marked_down])
def test_what_prints_the_same_gets_the_same_result(hide):
    # A CMS's hyphenation hints print as nothing; read as word breaks they turned
    # "Istan-bul" into an untranslated "bul" and flipped verdicts.  Quotes written
    # &quot; or "â€œ" hid every quotation.
    host = Host(entry_points=False)
    copy = _typeset(COPY) + "\nThe café in Zürich said so."
    hidden = hide(copy)
    assert hidden != copy
    plain, seen = host.check(copy), host.check(hidden)
    assert seen.probabilities == plain.probabilities and seen.verdict == plain.verdict
    assert [(f.code, Visible.of(f.evidence).text) for f in seen.findings] == [
        (f.code, f.evidence) for f in plain.findings] != []
    for f in seen.findings:
        assert hidden[f.span.start:f.span.end] == f.evidence


def test_html_paragraphs_get_the_findings_of_the_plain_text():
    # Tags leave a blank line at each block end: the layout differs, so the
    # probabilities may move a little; the findings may not.
    host = Host(entry_points=False)
    copy = _typeset(COPY)
    plain, seen = host.check(copy), host.check(_tagged(copy))
    assert [(f.code, Visible.of(f.evidence).text) for f in seen.findings] == [
        (f.code, f.evidence) for f in plain.findings] != []
    assert seen.verdict == plain.verdict
    assert abs(seen.probabilities.human - plain.probabilities.human) < 0.05


@given(pieces=st.lists(st.one_of(_HIDDEN, _MARKDOWN, st.text(max_size=4)), max_size=12))
@settings(max_examples=300, deadline=None)
def test_the_pieces_read_without_the_printed_text_are_those_of_visible(pieces):
    # --fix reads each window's pieces through replacements(), not Visible.of
    text = "".join(pieces)
    v = Visible.of(text)
    assert list(_visible.replacements(text)) == [
        (origin, origin + length, v.text[at:at + size])
        for at, (size, origin, length) in zip(v.starts, v.pieces, strict=True)]
