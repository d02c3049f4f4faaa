"""Case-blind search in ``text.lower()`` instead of with ``re.IGNORECASE``.

``re`` enters and tries a branch that opens with a case-insensitive literal at every
position, where it rejects one opening with a plain literal at once: the family's word
lists and name trie search lowered text about twice as fast.  The spans are the same
when lowering keeps the text's length (only "İ" lowers to two characters: then
:func:`lowered` answers ``None`` and the caller searches the text as given), because a
lowered character stays in its ``re`` case class and in or out of ``\\w`` and ``\\s``,
and each ASCII letter of a pattern is written as the lowered characters ``re`` takes for
it (tested on every code point).
"""

from __future__ import annotations

import re

#: Besides itself, what ``re.IGNORECASE`` matches for a lowercase ASCII letter, as it
#: reads once lowered: the dotless "ı" for "i", the long "ſ" for "s" (the Kelvin sign
#: lowers to "k", "I" and "S" to themselves' lowercase).
_ALSO = {"i": "ı", "s": "ſ"}
#: What :func:`pattern` cannot rewrite: an inline flag ("(?i)") or a group's name.
_FLAG_OR_NAME = re.compile(r"\(\?[a-z]")


def lowered(text: str) -> str | None:
    """``text.lower()``, or ``None`` when it is not of the same length."""
    low = text.lower()
    return low if len(low) == len(text) else None


def letter(ch: str) -> str:
    """A lowercase ASCII letter as a pattern for lowered text: ``i`` is ``[iı]``."""
    also = _ALSO.get(ch)
    return f"[{ch}{also}]" if also else ch


def pattern(source: str) -> str:
    """``source``, a pattern compiled with ``re.IGNORECASE`` and written in lowercase
    ASCII, for lowered text without the flag: a letter outside a class as
    :func:`letter`, inside one with its companions.  Escapes are copied as they are, so
    none may stand for a letter (``\\x41``)."""
    if not source.isascii() or source != source.lower() or _FLAG_OR_NAME.search(source):
        raise ValueError(f"not a lowercase ASCII pattern without flags or names: {source!r}")
    out = []
    in_class = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "-" and source[i - 1].isalpha() and source[i + 1] != "]":
                raise ValueError(f"a range of letters in a class: {source!r}")
            in_class = ch != "]"
            out.append(ch + _ALSO.get(ch, ""))
        else:
            in_class = ch == "["
            out.append(letter(ch) if ch.isalpha() else ch)
        i += 1
    return "".join(out)
