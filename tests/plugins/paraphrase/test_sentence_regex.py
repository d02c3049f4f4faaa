from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint_builtins.paraphrase import _text

# The sentence-end regex in its plain form (an alternation of a stop run and a line break).
END_REFERENCE = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'”’)\]]*+(?=\s)|\n")

_pieces = st.sampled_from([".", "!", "?", "...", "\"", "'", "”", "’", ")", "]", " ", "\n",
                           "\t", "a", "U.S.", "Mr.", "\r", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_sentence_end_regex_matches_its_reference_form(text):
    assert [(m.span(), m.group()) for m in _text._END.finditer(text)] == \
        [(m.span(), m.group()) for m in END_REFERENCE.finditer(text)]
