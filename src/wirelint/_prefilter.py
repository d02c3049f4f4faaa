"""Cheap, provably safe tests that tell the scanner a structural pass cannot match.

A structural rule costs one full pass of the ``re`` engine per document, and most rules
match in few documents.  This module derives, from a rule's own regex, two necessary
conditions for a match, each *weaker* than the regex (it accepts every text the regex
matches in, and more):

* **required literals** (the reference engine): a set of strings, one of which every
  match contains ("Ministry of", or any of "said"/"says"), checked with ``in``;
* a **superset regex** (the optional engine): the regex rewritten over an ASCII
  projection of the text (each non-ASCII character becomes ``?``): word boundaries and
  inner lookarounds dropped, the lookarounds at the two ends emulated, back-references
  replaced by their group, every class widened to what it could match after projection.
  All rules' superset regexes run together in one pass of RE2 (``re2.Set``), which
  reports the rules that can match; only those then run on ``re``.  Each lexicon trie
  gets the same treatment, so a document with no lexicon phrase skips the trie pass.

Both are derived from the parse tree Python's own ``re`` builds, so anything this module
does not understand yields "no condition" (the pass always runs), never a wrong skip.
Findings therefore never depend on the engine; tests/core/test_engines.py checks it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

try:  # the parser behind ``re``; private, so every use below fails safe
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without it just gets no prefilters
    _c = _p = None

#: ASCII letters that ``re.IGNORECASE`` also matches to a non-ASCII character
#: (i: U+0130 U+0131, k: U+212A, s: U+017F); computed over all of Unicode.
IGNORECASE_ODD = frozenset("iksIKS")
#: Characters ``re.I`` equates with an ASCII letter whose ``str.lower()`` is not that
#: letter alone (U+0130 lowers to "i" plus a combining dot, splitting "in").
_LOWER_ODD = ("\u0130", "\u0131", "\u017f")
#: Bounded repeats above this are widened to ``{CAP,}`` (a superset; RE2 unrolls counts).
REPEAT_CAP = 16
_MAXREPEAT = getattr(_c, "MAXREPEAT", None)
_ASCII_SPACE = frozenset(c for c in range(128) if chr(c).isspace())
_ASCII_WORD = frozenset(c for c in range(128) if chr(c).isalnum() or c == 0x5F)
_ASCII_DIGIT = frozenset(range(0x30, 0x3A))
_ALL = frozenset(range(128))
_Q = 0x3F  # "?", what every non-ASCII character becomes in the projection


class Untranslatable(Exception):
    """The parse tree holds something this module does not model: no prefilter."""


def project(text: str) -> bytes:
    """The ASCII projection the superset regexes read: one byte per character."""
    return text.encode("ascii", "replace")


# ------------------------------------------------------------------------------ parsing


@functools.lru_cache(maxsize=1024)
def parse(source: str, flags: int) -> tuple[Any, int]:
    """Parse ``source`` as ``re`` does; return the tree and the effective global flags.

    Cached: the literal test and the superset read the same tree (never mutated).
    """
    if _p is None:
        raise Untranslatable("re._parser is unavailable")
    tree = _p.parse(source, flags)
    return tree, int(tree.state.flags)


# ------------------------------------------------------------------------------ classes


def _category_set(cat: Any) -> tuple[frozenset[int], bool]:
    """ASCII members of a category, and whether it has non-ASCII members."""
    name = str(cat).replace("UNI_", "").replace("LOC_", "")
    table = {
        "CATEGORY_DIGIT": (_ASCII_DIGIT, True),
        "CATEGORY_NOT_DIGIT": (_ALL - _ASCII_DIGIT, True),
        "CATEGORY_SPACE": (_ASCII_SPACE, True),
        "CATEGORY_NOT_SPACE": (_ALL - _ASCII_SPACE, True),
        "CATEGORY_WORD": (_ASCII_WORD, True),
        "CATEGORY_NOT_WORD": (_ALL - _ASCII_WORD, True),
        "CATEGORY_LINEBREAK": (frozenset({10}), False),
        "CATEGORY_NOT_LINEBREAK": (_ALL - {10}, True),
    }
    if name not in table:
        raise Untranslatable(name)
    return table[name]


def _fold(members: Iterable[int]) -> set[int]:
    out = set()
    for c in members:
        out.add(c)
        if c < 128 and chr(c).isalpha():
            out.add(ord(chr(c).lower()))
            out.add(ord(chr(c).upper()))
    return out


def class_members(items: list[Any], ignorecase: bool) -> frozenset[int]:
    """The projected bytes an ``IN`` class may match (``?`` stands for any non-ASCII)."""
    members: set[int] = set()
    wide = False  # may match a non-ASCII character
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            if av < 128:
                members.add(av)
            else:
                wide = True
        elif name == "RANGE":
            lo, hi = av
            members.update(range(lo, min(hi, 127) + 1))
            wide |= hi >= 128
        elif name == "CATEGORY":
            ascii_part, has_wide = _category_set(av)
            members |= ascii_part
            wide |= has_wide
        else:
            raise Untranslatable(name)
    if ignorecase:
        members = _fold(members)
        wide |= any(chr(c) in IGNORECASE_ODD for c in members if c < 128)
    if negate:
        # Excluded characters are excluded in every case variant (``[^a]`` with re.I
        # matches neither a nor A); a non-ASCII character may always remain.
        return frozenset((_ALL - members) | {_Q})
    if wide:
        members.add(_Q)
    return frozenset(members)


def _render_class(members: frozenset[int]) -> str:
    if members >= _ALL:
        return r"[\x00-\x7f]"
    if len(members) == 1:
        (only,) = members
        return _esc(only)
    if not members:
        return "[]"
    ordered = sorted(members)
    runs: list[tuple[int, int]] = []
    start = prev = ordered[0]
    for c in ordered[1:]:
        if c == prev + 1:
            prev = c
        else:
            runs.append((start, prev))
            start = prev = c
    runs.append((start, prev))
    body = "".join(_esc_in_class(a) if a == b else f"{_esc_in_class(a)}-{_esc_in_class(b)}"
                   for a, b in runs)
    return f"[{body}]"


def _esc(c: int) -> str:
    ch = chr(c)
    return ch if ch.isalnum() else f"\\x{c:02x}"


def _esc_in_class(c: int) -> str:
    return _esc(c)


# ------------------------------------------------------------------------------ superset


class _Translator:
    """Parse tree -> superset regex source (valid for RE2 and, bar ``\\z``, for ``re``)."""

    def __init__(self, pin: tuple[int, int] | None = None) -> None:
        self.groups: dict[int, str] = {}
        #: each translated group's body and flags, and the groups referred back to: what
        #: :func:`_first_char_split` reads
        self.bodies: dict[int, tuple[list[Any], int]] = {}
        self.referenced: set[int] = set()
        #: (group, character): translate that group as starting with that character
        self.pin = pin

    def anchor(self, code: str, flags: int) -> str:
        return ""  # anchors only ever remove matches

    def seq(self, nodes: Iterable[Any], flags: int) -> str:
        return "".join(self.node(op, av, flags) for op, av in nodes)

    def pinned(self, nodes: list[Any], flags: int, char: int) -> str:
        """``nodes`` translated as if their first character were ``char``."""
        op, av = nodes[0]
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            lo, hi, body = av
            rest = (op, (lo - 1, hi if hi == _MAXREPEAT else hi - 1, body))
            return _esc(char) + self.node(*rest, flags) + self.seq(nodes[1:], flags)
        return _esc(char) + self.seq(nodes[1:], flags)

    def node(self, op: Any, av: Any, flags: int) -> str:
        name = str(op)
        ignorecase = bool(flags & re.IGNORECASE)
        if name == "LITERAL":
            if av >= 128:
                return _esc(_Q)
            if ignorecase and chr(av).isalpha():
                return _render_class(class_members([(op, av)], True))
            return _esc(av)
        if name == "NOT_LITERAL":
            excluded = _fold([av]) if ignorecase else {av}
            return _render_class(frozenset((_ALL - excluded) | {_Q}))
        if name == "ANY":
            return r"[\x00-\x7f]" if flags & re.DOTALL else r"[\x00-\x09\x0b-\x7f]"
        if name == "IN":
            return _render_class(class_members(av, ignorecase))
        if name == "BRANCH":
            return "(?:" + "|".join(self.seq(b, flags) for b in av[1]) + ")"
        if name == "SUBPATTERN":
            group, add, delete, body = av
            sub_flags = (flags | add) & ~delete
            if self.pin is not None and group == self.pin[0]:
                inner = self.pinned(list(body), sub_flags, self.pin[1])
            else:
                inner = self.seq(body, sub_flags)
            if group is not None:
                self.groups[group] = inner
                self.bodies[group] = (list(body), sub_flags)
            return f"(?:{inner})"
        if name == "ATOMIC_GROUP":
            return f"(?:{self.seq(av, flags)})"
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, hi, body = av
            inner = self.seq(body, flags)
            if not inner:
                return ""
            lo = min(lo, REPEAT_CAP)
            if hi == _MAXREPEAT or hi > REPEAT_CAP:
                bounds = {0: "*", 1: "+"}.get(lo, f"{{{lo},}}")
            elif (lo, hi) == (0, 1):
                bounds = "?"
            else:
                bounds = f"{{{lo},{hi}}}"
            return f"(?:{inner}){bounds}"
        if name == "AT":
            return self.anchor(str(av), flags)
        if name in ("ASSERT", "ASSERT_NOT"):
            return ""  # a lookaround only ever removes matches (see ``edges`` for the ends)
        if name == "GROUPREF":
            self.referenced.add(av)
            # The reference repeats what its group matched, which the group's own
            # superset accepts; a forward reference accepts anything.
            return f"(?:{self.groups[av]})" if av in self.groups else r"[\x00-\x7f]*"
        if name == "GROUPREF_EXISTS":
            _group, yes, no = av
            return f"(?:{self.seq(yes, flags)}|{self.seq(no or (), flags)})"
        raise Untranslatable(name)


def _strict_ascii(items: list[Any], ignorecase: bool) -> frozenset[int] | None:
    """ASCII characters certainly in a one-character class (``?`` never: it also stands
    for every non-ASCII character), or ``None`` when the body is not one such class."""
    if len(items) != 1:
        return None
    op, av = items[0]
    name = str(op)
    if name == "LITERAL":
        members = {av} if av < 128 else set()
    elif name == "IN":
        if any(str(o) == "NEGATE" for o, _ in av):
            return None
        members = set()
        for o, a in av:
            kind = str(o)
            if kind == "LITERAL" and a < 128:
                members.add(a)
            elif kind == "RANGE":
                members.update(range(a[0], min(a[1], 127) + 1))
            elif kind == "CATEGORY":
                members |= _category_set(a)[0]
    else:
        return None
    if ignorecase:
        members = _fold(members)
    return frozenset(members - {_Q})


class _EdgeTranslator(_Translator):
    """Translates a whole pattern: anchors kept, the lookarounds at its two ends emulated.

    A lookbehind at the very start ("not after a letter") is rewritten as a consumed
    character or the start of the text, a lookahead at the very end likewise; elsewhere
    lookarounds are dropped.  Both rewrites accept every text position the original
    accepts (a non-ASCII neighbour, seen as ``?``, is always let through).
    """

    def anchor(self, code: str, flags: int) -> str:
        code = code.replace("UNI_", "").replace("LOC_", "")
        multiline = bool(flags & re.MULTILINE)
        if code in ("AT_BEGINNING", "AT_BEGINNING_LINE"):
            return "(?m:^)" if multiline or code == "AT_BEGINNING_LINE" else r"\A"
        if code in ("AT_END", "AT_END_LINE"):
            return "(?m:$)" if multiline or code == "AT_END_LINE" else ""
        if code == "AT_BEGINNING_STRING":
            return r"\A"
        if code == "AT_END_STRING":
            return r"\z"
        return ""  # word boundaries: a non-ASCII neighbour may be a letter or not

    #: Characters the superset consumes before the rule's own match starts: its match
    #: starts that many characters earlier, or 0 when the rule's starts at the text's
    #: start (``None``: it varies).
    lead: int | None = 0

    def edge(self, op: Any, av: Any, flags: int, *, before: bool) -> str:
        direction, body = av
        if (direction < 0) != before:
            return ""
        if str(op) == "ASSERT":
            inner = self.seq(body, flags)
            if before and inner:
                lo, hi = body.getwidth()
                self.lead = lo if lo == hi else None
            return f"(?:{inner})" if inner else ""
        strict = _strict_ascii(list(body), bool(flags & re.IGNORECASE))
        if not strict:
            return ""
        if before:
            self.lead = 1
        allowed = _render_class(frozenset(_ALL - strict))
        return rf"(?:\A|{allowed})" if before else rf"(?:{allowed}|\z)"

    def pattern(self, nodes: list[Any], flags: int) -> str:
        # Leading (trailing) zero-width nodes all test the same position: emulate one
        # lookbehind (lookahead) there, keep the anchors, drop the rest.
        start, end = 0, len(nodes)
        before = anchors_before = after = anchors_after = ""
        while start < end and str(nodes[start][0]) in ("ASSERT", "ASSERT_NOT", "AT"):
            op, av = nodes[start]
            if str(op) == "AT":
                anchors_before += self.anchor(str(av), flags)
            elif not before:
                before = self.edge(op, av, flags, before=True)
            start += 1
        while end > start and str(nodes[end - 1][0]) in ("ASSERT", "ASSERT_NOT", "AT"):
            op, av = nodes[end - 1]
            if str(op) == "AT":
                anchors_after = self.anchor(str(av), flags) + anchors_after
            elif not after:
                after = self.edge(op, av, flags, before=False)
            end -= 1
        body = self.seq(nodes[start:end], flags)
        return before + anchors_before + body + anchors_after + after if body else ""


def superset(source: str, flags: int) -> tuple[str, int | None] | None:
    """A regex over :func:`project` bytes that matches wherever ``source`` does, and its
    lead: a match of ``source`` at ``p`` makes the superset match from ``p - lead``
    (from ``p`` at the start of the text).

    ``None`` when the rule cannot be translated or its superset matches the empty string
    (it would prove nothing).
    """
    try:
        tree, flags = parse(source, flags)
        if tree.getwidth()[0] == 0:  # the rule may match "", and so would its superset
            return None
        translator = _EdgeTranslator()
        out = translator.pattern(list(tree.data), flags)
        split = _first_char_split(translator) if out else None
        if split is not None:
            # "the same word again" (a back-reference) is beyond RE2, but "a word with
            # the same first character again" is not: one branch per first character
            group, chars = split
            variants = [_EdgeTranslator(pin=(group, c)) for c in sorted(chars)]
            outs = [v.pattern(list(tree.data), flags) for v in variants]
            if all(outs) and {v.lead for v in variants} == {translator.lead}:
                out = "(?:" + "|".join(outs) + ")"
    except (Untranslatable, re.error, KeyError, TypeError, ValueError, RecursionError):
        return None
    return (out, translator.lead) if out else None


#: At most this many first characters for :func:`_first_char_split` (one superset
#: branch each).
SPLIT_CHARS = 40


def _first_char_split(translator: _Translator) -> tuple[int, frozenset[int]] | None:
    """A back-referenced, case-sensitive group whose first character is one of a few
    (``([a-z]{3,}) \\1s``), and those characters as :func:`project` reads them; else
    ``None``.  Its superset per first character says that the reference starts like
    the group, which a superset of the whole group cannot."""
    bodies = translator.bodies
    for group in sorted(translator.referenced):
        if group not in bodies:
            continue
        body, group_flags = bodies[group]
        if not body or group_flags & re.IGNORECASE:
            continue  # a case-insensitive reference may start with the other case
        op, av = body[0]
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, inner = av
            if lo < 1 or len(inner) != 1:
                continue
            op, av = inner[0]
        if str(op) == "LITERAL":
            chars = frozenset({av if av < 128 else _Q})
        elif str(op) == "IN":
            chars = class_members(av, False)
        else:
            continue
        if 2 <= len(chars) <= SPLIT_CHARS:
            return group, chars
    return None


def superset_regex(source: str, flags: int) -> str | None:
    """Just the regex of :func:`superset`."""
    found = superset(source, flags)
    return None if found is None else found[0]


def _lexicon_char(ch: str, case_sensitive: bool) -> str:
    if ch == " ":  # the trie's \\s+: ASCII whitespace, or any non-ASCII character
        return r"[\x09-\x0d\x1c-\x20\x3f]+"
    code = ord(ch)
    members = {code} if code < 128 else {_Q}
    if not case_sensitive:
        # re.IGNORECASE: both cases of an ASCII letter, "?" for the letters with non-ASCII
        # equivalents, and the ASCII letters a non-ASCII key character stands for ("ı").
        members = set(_fold(members))
        if code < 128 and ch in IGNORECASE_ODD:
            members.add(_Q)
        if code >= 128:
            members |= {c for c in range(128) if chr(c).isalpha()
                        and re.fullmatch(re.escape(ch), chr(c), re.IGNORECASE)}
    return _render_class(frozenset(members))


def lexicon_superset(lexicons: Iterable[tuple[Iterable[str], bool]]) -> str:
    """The superset regex of word-padded lexicons (each its keys and whether it is
    case-sensitive), built from the keys directly (parsing a trie of thousands of phrases
    with ``re``'s parser would take a second)."""
    from wirelint._trie import trie_regex

    body = "|".join(trie_regex(keys, render=functools.partial(_lexicon_char,
                                                              case_sensitive=case_sensitive))
                    for keys, case_sensitive in lexicons)
    edge = r"[^0-9A-Z_a-z]"  # not a word character, or "?" (maybe one, maybe not)
    return rf"(?:\A|{edge})(?:{body})(?:{edge}|\z)"


# ------------------------------------------------------------------------------ literals


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two alternative sets (fewer, longer strings)."""
    if a is None:
        return b
    if b is None:
        return a
    score_a = (min(map(len, a)), -len(a))
    score_b = (min(map(len, b)), -len(b))
    return a if score_a >= score_b else b


class _Literals:
    """Required-literal sets: every match contains at least one member of the set.

    Literals are lower-cased when the pattern is case-insensitive as a whole; a group
    that switches case sensitivity inline contributes nothing.
    """

    def __init__(self, ignorecase: bool) -> None:
        self.ignorecase = ignorecase

    def seq(self, nodes: Iterable[Any], flags: int) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []

        def flush() -> None:
            nonlocal best
            if run:
                best = _better(best, frozenset({"".join(run)}))
                run.clear()

        ignorecase = self.ignorecase
        for op, av in nodes:
            name = str(op)
            if name == "LITERAL" and (not ignorecase or av < 128):
                run.append(chr(av).lower() if ignorecase else chr(av))
                continue
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                flush()  # zero-width: the literals on either side need not touch
                continue
            flush()
            best = _better(best, self.node(name, av, flags))
        flush()
        return best

    def node(self, name: str, av: Any, flags: int) -> frozenset[str] | None:
        if name == "SUBPATTERN":
            _group, add, delete, body = av
            if (add | delete) & re.IGNORECASE:
                return None
            return self.seq(body, flags)
        if name == "ATOMIC_GROUP":
            return self.seq(av, flags)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, body = av
            return self.seq(body, flags) if lo >= 1 else None
        if name == "BRANCH":
            alternatives: set[str] = set()
            for branch in av[1]:
                found = self.seq(branch, flags)
                if found is None:
                    return None
                alternatives |= found
            return frozenset(alternatives)
        return None


def required_literals(source: str, flags: int) -> tuple[tuple[str, ...], bool] | None:
    """Strings one of which every match of ``source`` contains, and whether they are
    lower-cased (compare them with the lower-cased text).  ``None``: no such set.

    Literal runs are cut at anchors, lookarounds, classes and non-ASCII characters under
    IGNORECASE (their case variants are not what ``str.lower`` gives).
    """
    try:
        tree, flags = parse(source, flags)
        finder = _Literals(bool(flags & re.IGNORECASE))
        found = finder.seq(tree.data, flags)
    except (Untranslatable, re.error, KeyError, TypeError, ValueError, RecursionError):
        return None
    if not found or min(map(len, found)) < 2:
        return None  # one character is in nearly every document: not worth a test
    return tuple(sorted(found)), finder.ignorecase


#: Most places a match may start before an anchored literal (each is tried).
ANCHOR_SPREAD = 8


def _leading(nodes: list[Any], ignorecase: bool) -> frozenset[str] | None:
    """Strings one of which every match of ``nodes`` starts with (``None``: no such)."""
    run: list[str] = []
    for op, av in nodes:
        if str(op) == "LITERAL" and (not ignorecase or av < 128):
            run.append(chr(av).lower() if ignorecase else chr(av))
            continue
        break
    if run:
        return frozenset({"".join(run)})
    if not nodes:
        return None
    op, av = nodes[0]
    name = str(op)
    if name == "SUBPATTERN":
        _group, add, delete, body = av
        if (add | delete) & re.IGNORECASE:
            return None
        return _leading(list(body), ignorecase)
    if name == "ATOMIC_GROUP":
        return _leading(list(av), ignorecase)
    if name == "BRANCH":
        alternatives: set[str] = set()
        for branch in av[1]:
            found = _leading(list(branch), ignorecase)
            if found is None:
                return None
            alternatives |= found
        return frozenset(alternatives)
    return None


def _anchored(nodes: list[Any], ignorecase: bool, lo: int, hi: int, state: Any
              ) -> tuple[frozenset[str], int, int] | None:
    """The first literal set found at a bounded distance from the start of ``nodes``
    (entered at ``lo``..``hi`` characters from the match's start), and that distance.
    ``state`` is the parse's: a back-reference's width is its group's."""
    for i, (op, av) in enumerate(nodes):
        found = _leading(nodes[i:], ignorecase)
        if found is not None and min(map(len, found)) >= 2:
            return found, lo, hi
        name = str(op)
        if name == "SUBPATTERN":
            _group, add, delete, body = av
            if not (add | delete) & re.IGNORECASE:
                inner = _anchored(list(body), ignorecase, lo, hi, state)
                if inner is not None:
                    return inner
        width = _p.SubPattern(state, [(op, av)]).getwidth()
        lo, hi = lo + width[0], hi + width[1]
        if hi - lo > ANCHOR_SPREAD:  # too many places to try per occurrence
            return None
    return None


def anchored_literals(source: str, flags: int
                      ) -> tuple[tuple[str, ...], bool, int, int] | None:
    """Strings one of which starts ``lo``..``hi`` characters after the start of every
    match of ``source``, whether they are lower-cased, and ``lo``, ``hi``: a match can
    only start that far before an occurrence of one of them.  ``None``: no such set."""
    try:
        tree, flags = parse(source, flags)
        if tree.getwidth()[0] == 0:
            return None
        ignorecase = bool(flags & re.IGNORECASE)
        found = _anchored(list(tree.data), ignorecase, 0, 0, tree.state)
    except (Untranslatable, re.error, KeyError, TypeError, ValueError, RecursionError,
            AttributeError):
        return None
    if found is None:
        return None
    literals, lo, hi = found
    return tuple(sorted(literals)), ignorecase, lo, hi


#: ``{`` that is not a counted repeat: the ``regex`` module may read a fuzzy match there.
_NOT_A_REPEAT = re.compile(r"\{(?!\d*,?\d*\})")


def reads_alike(source: str, flags: int) -> bool:
    """Whether the ``regex`` module (VERSION0) reads ``source`` as ``re`` does, as far as
    the literal tests need: ``re`` parses it without a warning (no nested set, no POSIX
    class), no ``{`` but counted repeats (no fuzzy matching), not verbose.  Third-party
    patterns run on ``regex``; its extra syntax is an error for ``re``."""
    import warnings

    if flags & re.VERBOSE or "(?x" in source or _NOT_A_REPEAT.search(source):
        return False
    if _p is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = _p.parse(source, flags)  # not the cached ``parse``: its warnings
    except Exception:  # re.error, a warning turned error, anything unexpected
        return False
    return not int(tree.state.flags) & re.VERBOSE


def lower_is_faithful(text: str) -> bool:
    """Whether ``str.lower`` maps every character ``re.IGNORECASE`` equates with an ASCII
    letter to exactly that letter in ``text`` (false when U+0130, U+0131 or U+017F occur;
    then lower-cased literal tests that contain i or s are not safe)."""
    return not any(ch in text for ch in _LOWER_ODD)


# ------------------------------------------------------------------------------ engines

#: Gate engines, reference first.  ``re`` has no multi-pattern gate (literal tests only).
ENGINES = ("re", "re2")
#: RE2's DFA cache per compiled gate; RE2 falls back (or, for a Set, gives up) beyond it.
RE2_MAX_MEM = 64 << 20


def available(engine: str) -> bool:
    """Whether an engine's module is installed (without importing it)."""
    import importlib.util

    return engine == "re" or importlib.util.find_spec(engine) is not None


class _Every:
    """The answer "every rule may match" (the engine could not tell)."""

    def __contains__(self, _slot: object) -> bool:
        return True


EVERY: Any = _Every()


class RE2Gate:
    """A few passes of RE2 over the projected text name the passes that may match.

    The structural rules' superset regexes share an ``re2.Set`` (a lazily built DFA)
    per group (per plugin): a DFA state is a set of every rule's progress, so unrelated
    families in one Set multiply each other's states (measured on news: building the
    states cost ~2x, and on 1 MB the pass read 13 ms against 9 for two Sets).  Each
    lexicon, too large to share a DFA with them, gets its own regex (once a batch is
    under way).  RE2 compiles in milliseconds, so nothing is cached on disk.
    """

    name = "re2"

    def __init__(self, structural: list[str], groups: Sequence[Hashable] | None = None) -> None:
        import re2

        options = re2.Options()
        options.encoding = re2.Options.Encoding.LATIN1  # type: ignore[attr-defined]
        options.max_mem = RE2_MAX_MEM
        options.log_errors = False
        self._options = options
        members: dict[Hashable, list[int]] = {}
        for i in range(len(structural)):
            members.setdefault(None if groups is None else groups[i], []).append(i)
        #: each Set, and the index into ``structural`` of each of its patterns
        self._sets: list[tuple[Any, list[int]]] = []
        self.accepted: list[int] = []  #: indices into ``structural`` the Sets cover
        for indices in members.values():
            rules: Any = re2.Set.SearchSet(options)
            taken: list[int] = []
            for i in indices:
                try:
                    rules.Add(structural[i])
                except re2.error:
                    continue
                taken.append(i)
            if not taken:
                continue
            # A pattern that matches any non-empty text: when RE2's DFA gives up (its
            # memory budget exhausted on a pathological text) Match answers "nothing";
            # the missing sentinel (index ``len(taken)``) tells that apart from a real
            # "no rule can match".  It matches at the first byte only: one matching at
            # every byte makes every DFA state a match state, whose ids the Set records
            # at each byte (measured: the pass read 25-33% longer).
            rules.Add(r"\A[\x00-\x7f]")
            rules.Compile()
            self._sets.append((rules, taken))
            self.accepted += taken
        self.accepted.sort()
        self.lexicons: list[Any] = []  #: a superset search per lexicon, or None

    def add_lexicons(self, sources: list[str | None]) -> None:
        """Gate the lexicons too: ``search(data, pos)`` for each, or ``None``."""
        self.lexicons = [None if s is None else self.searcher(s) for s in sources]

    def searcher(self, source: str) -> Callable[[bytes, int], int | None] | None:
        """``search(data, pos)``: where ``source`` next matches from ``pos`` on."""
        import re2

        try:
            compiled = re2.compile(source.encode("latin-1"), self._options)
        except re2.error:
            return None

        def search(data: bytes, pos: int) -> int | None:
            # RE2's plain search falls back from its DFA to an exact NFA, never to "no".
            m = compiled.search(data, pos)
            return None if m is None else m.start()

        # The wrapper builds a match object per call (~10 us, most of a position gate's
        # cost); the extension's own Match gives the span directly.  Used only where it
        # is there and agrees with the wrapper.
        raw = getattr(compiled, "_regexp", None)
        unanchored = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
        if raw is None or unanchored is None or not hasattr(raw, "Match"):
            return search

        def fast_search(data: bytes, pos: int) -> int | None:
            start = raw.Match(unanchored, data, pos, len(data))[0][0]
            return None if start < 0 else start

        try:
            probe = b"x a\nb ? 1,5 -kk Xx? of the " * 2
            if all(fast_search(probe, i) == search(probe, i) for i in range(len(probe))):
                return fast_search
        except Exception:  # a changed private API: keep the public one
            pass
        return search

    def structural(self, data: bytes) -> Any:
        """Indices (into the ``structural`` list given) of the rules that may match."""
        found: set[int] = set()
        for rules, taken in self._sets:
            hits = rules.Match(data) or ()
            sentinel = len(taken)
            if sentinel not in hits:
                return EVERY
            found.update(taken[i] for i in hits if i != sentinel)
        return found

    def lexicon(self, index: int) -> Callable[[bytes, int], int | None] | None:
        """``search(data, pos)`` for lexicon ``index``: where its superset next matches
        from ``pos`` on (``None``: nowhere); ``None`` when the lexicon has no gate."""
        return self.lexicons[index] if index < len(self.lexicons) else None


def build_gate(engine: str | None, structural: list[str],
               groups: Sequence[Hashable] | None = None) -> RE2Gate | None:
    """The multi-pattern gate, or ``None`` for the reference engine (or none installed).

    ``engine=None`` takes the fastest installed: RE2 when google-re2 is importable.
    ``groups`` (one key per pattern, e.g. its plugin) puts each group in its own Set.
    """
    name = "re2" if engine is None else engine
    if name == "re" or not available(name):
        return None
    return RE2Gate(structural, groups)
