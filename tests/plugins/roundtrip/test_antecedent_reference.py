"""MT303 classifies only the sentences that can hold a finding (:func:`_place_near`) and
looks a capitalised word up alone when no place name starts with it; the findings must
be those of the plain form, which classified every sentence with a pronoun and tried
every name length for every capitalised word."""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import fixture_and_dev_texts
from wirelint.text import unwrap
from wirelint_builtins.roundtrip import _antecedent as A


def _kind_reference(toks, i, table):
    tok = toks[i].text
    low = tok.lower()
    if low in A.PRONOUNS:
        return "pronoun", 1
    if low in ("it", "its", "they", "their", "them"):
        return "other-pronoun", 1
    if tok[0].islower():
        return ("person", 1) if low in A.PERSON_NOUNS else ("neutral", 1)
    if not tok[0].isalpha():
        return "neutral", 1
    for n in (3, 2, 1):
        if i + n <= len(toks):
            kind = table.get(" ".join(t.text for t in toks[i:i + n]))
            if kind in ("place", "institution"):
                return "place", n
            if kind is not None and n == 1 and kind != A.PERSON_LIKE_PLACE:
                return "neutral", 1
    if low in A.PERSON_NOUNS:
        return "person", 1
    if low.endswith("s") and low[:-1] in A.PERSON_NOUNS:
        return "neutral", 1
    if (i == 0 or toks[i - 1].text in "\"“(") and (
            low in A.OPENERS or low.endswith(("ing", "ed", "ly"))):
        return "neutral", 1
    return "person", 1


def _classified_reference(text, start, end):
    toks = [A._Tok(m.group(), m.start(), m.end()) for m in A._TOKEN.finditer(text, start, end)]
    out, i = [], 0
    while i < len(toks):
        kind, n = _kind_reference(toks, i, A.names())
        span = toks[i] if n == 1 else A._Tok(
            " ".join(t.text for t in toks[i:i + n]), toks[i].start, toks[i + n - 1].end)
        out.append((span, kind, i))
        i += n
    return out


def _sentences_reference(text):
    """Every line's sentences, in order: the split the plain form walked through."""
    pos = 0
    for line in text.split("\n"):
        yield from A._line_sentences(line, pos)
        pos += len(line) + 1


def _findings_reference(text):
    out = []
    previous = (0, 0)
    for start, end in _sentences_reference(unwrap(text)):
        if A._GENDERED.search(text, start, end):
            toks = _classified_reference(text, start, end)
            out += A._in_sentence(text, toks, partial(_classified_reference, text, *previous))
        previous = (start, end)
    return out


def _same(text):
    assert list(A.findings(text)) == _findings_reference(text)


_PIECES = ["Moscow", "Kyiv", "White House", "White", "House", "South Korea", "Sofia",
           "Washington", "Kremlin", "Pentagon", "Russian", "he", "his", "He", "her", "she",
           "himself", "it", "president", "President", "Smith", "the", "The", "and", "that",
           "said", "talks", "threw", "welcomed", "on", "'s", "s", "Mr.", "U.S.", "However",
           " ", " ", " ", ", ", ". ", "; ", "\n", "\n\n", "(", "\"", "—", "1", "said he"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map(" ".join) | st.text())
def test_mt303_findings_match_the_plain_form(text):
    _same(text)


def test_mt303_findings_match_the_plain_form_on_dev_texts():
    texts = fixture_and_dev_texts()
    assert texts
    found = 0
    for text in texts:
        _same(text)
        found += bool(_findings_reference(text))
    assert found or len(texts) < 100
