"""ST7's faster text steps give what their first, plainer definitions gave.

Each reference below is the definition a step had before it was made faster; the
models were fitted on what the references compute, so any difference is a bug.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_h

from tests.conftest import CORPUS
from wirelint_builtins.stylometry import _features

_OLD_TYPOGRAPHY = _features.PLAIN_TYPOGRAPHY
_OLD_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)


def old_plain_typography(text: str) -> str:
    return text.replace("\r\n", "\n").translate(_OLD_TYPOGRAPHY)


def old_tokens(text: str) -> list[str]:
    return _OLD_WORD.findall(old_plain_typography(text).lower())


def _same(text: str) -> None:
    assert _features.plain_typography(text) == old_plain_typography(text)
    plain = _features.plain(text)
    assert _features.tokens(text) == old_tokens(text)
    assert _features.plain_tokens(plain) == old_tokens(plain)


_ANY = st_h.text(st_h.characters(blacklist_categories=()), max_size=300)
_TYPESET = st_h.lists(st_h.sampled_from(
    [*map(chr, _OLD_TYPOGRAPHY), "\r\n", "\n", " ", "a", "B", "É", "ß", "İ", "Σ", "1", ".",
     "'", "don't", "Straße", "\u0301", "\x85", "\u2028", "By", "(Reuters)"]),
    max_size=200).map("".join)


@given(text=_ANY)
@settings(max_examples=500, deadline=None)
def test_any_unicode_steps_as_before(text):
    _same(text)


@given(text=_TYPESET)
@settings(max_examples=500, deadline=None)
def test_typeset_text_steps_as_before(text):
    _same(text)


@pytest.mark.parametrize("corpus", ["wmt-news-mt", "mixset-llm-revised"])
def test_every_dev_text_steps_as_before(corpus):
    path = CORPUS / corpus / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            _same(json.loads(line)["text"])
