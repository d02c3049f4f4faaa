"""Invisible format characters: detectors read the text without them, spans stay the
original's."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint import Host
from wirelint._visible import INVISIBLE, Visible

ROOT = Path(__file__).resolve().parents[2]
TALKS = (ROOT / "fixtures" / "articles" / "machine-translated" / "talks-roundtrip.txt").read_text(
    "utf-8")


def _hyphenated(text: str) -> str:
    """A soft hyphen inside every word of 8+ letters, a zero-width space after stops."""
    return re.sub(r"(\w{4})(\w{4,})", "\\1\u00ad\\2", text).replace(". ", ".\u200b ")


def test_nothing_hidden_is_the_text_itself():
    text = "Plain copy, nothing hidden."
    assert Visible.of(text).text is text and not Visible.of(text).gaps


def test_spans_of_the_visible_text_map_back_onto_the_original():
    original = "Istan\u00adbul \u200bis \ufeffbig\u00ad\u00ad."
    visible = Visible.of(original)
    assert visible.text == "Istanbul is big."
    words = [original.__getitem__(slice(*visible.span(m.start(), m.end())))
             for m in re.finditer(r"\w+", visible.text)]
    assert words == ["Istan\u00adbul", "is", "big"]


@given(pieces=st.lists(st.tuples(st.text(max_size=6), st.text(alphabet=INVISIBLE, max_size=3)),
                       max_size=12),
       start=st.integers(0, 80), length=st.integers(0, 20))
@settings(max_examples=300, deadline=None)
def test_every_visible_span_maps_to_the_same_characters(pieces, start, length):
    original = "".join(a + b for a, b in pieces)
    visible = Visible.of(original)
    assert visible.text == "".join(c for c in original if c not in INVISIBLE)
    start = min(start, len(visible.text))
    end = min(start + length, len(visible.text))
    s, e = visible.span(start, end)
    assert 0 <= s <= e <= len(original)
    assert "".join(c for c in original[s:e] if c not in INVISIBLE) == visible.text[start:end]
    if end > start:  # a span starts and ends on a visible character
        assert original[s] not in INVISIBLE and original[e - 1] not in INVISIBLE


def test_soft_hyphens_and_zero_width_spaces_change_no_result():
    # A CMS's hyphenation hints print as nothing; read as word breaks they turned
    # "Istan-bul" into an untranslated "bul" and flipped verdicts.
    host = Host(entry_points=False)
    hidden = _hyphenated(TALKS)
    assert hidden != TALKS and "\u00ad" in hidden
    plain, seen = host.check(TALKS), host.check(hidden)
    assert seen.probabilities == plain.probabilities and seen.verdict == plain.verdict
    assert [(f.code, f.evidence.replace("\u00ad", "").replace("\u200b", ""))
            for f in seen.findings] == [(f.code, f.evidence) for f in plain.findings]
    for f in seen.findings:
        assert hidden[f.span.start:f.span.end] == f.evidence
