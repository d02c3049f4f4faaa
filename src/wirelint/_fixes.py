"""Applying suggestions as fixes, ruff-style (``--fix``, ``--diff``, ``--unsafe-fixes``).

A finding's ``suggestion`` is the replacement text for its span (``""`` deletes the
span; ``None`` means there is nothing to apply).  A rule that declares ``fix_safe=True``
is certain of its suggestion, so ``--fix`` applies it; any other suggestion is shown but
only applied under ``--unsafe-fixes``.  Edits never overlap: they are taken earliest
first, and one that overlaps an edit already taken is reported as not applied (the next
run picks it up if it still applies), so only the fixed spans of a text ever change.

Detectors read the text as it prints (``_visible``: markup, references and the like
print as nothing or as their character), so a suggestion is the printed form of its
span, and in a text with markup a span may hold some (``large <b>-scale``, ``100%](url)``).
Replacing the whole span would delete it.  So in such a text only what the suggestion
changes is replaced: the span's printed text and the suggestion are trimmed of what they
have in common at either end, and the rest is mapped back onto the original (``large
<b>-scale`` to ``large-scale`` deletes the one space).  Then the line is read again: an
edit is applied only when every piece of markup on it is still there, byte for byte,
and prints as before, and the edit holds none (line ends, invisible characters and
letters written decomposed may go with the words they are in; a tag, a Markdown marker
or link address and an HTML reference may not).  Any other fix is reported as not
applied (:attr:`FixResult.markup`); its finding stays.  Plain text takes none of this.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from wirelint._visible import INVISIBLE, Visible, replacements
from wirelint.model import Finding, Rule

#: An edit of the original text: its span and the replacement.
_Edit = tuple[int, int, str]
#: Farther than the longest piece of markup ``_visible`` reads (a link: 500 characters
#: of text, 2,000 of address, 300 of title) reaches.
_REACH = 3000


@dataclass(frozen=True, slots=True)
class FixResult:
    """What applying a document's fixes did; ``text`` is the fixed text."""

    text: str
    applied: tuple[Finding, ...] = ()  #: findings whose suggestion was applied
    overlapping: tuple[Finding, ...] = ()  #: fixable, but overlapped an earlier fix
    unsafe: tuple[Finding, ...] = ()  #: suggestions held back without --unsafe-fixes
    markup: tuple[Finding, ...] = ()  #: not applied: it would change the markup around it

    @property
    def changed(self) -> bool:
        """True when the text differs from the original."""
        return bool(self.applied)


def is_safe(finding: Finding, rules: Mapping[str, Rule]) -> bool:
    """Whether ``--fix`` may apply this finding's suggestion without ``--unsafe-fixes``."""
    rule = rules.get(finding.code)
    return rule is not None and rule.fix_safe


def apply_fixes(text: str, findings: Iterable[Finding], rules: Mapping[str, Rule], *,
                unsafe: bool = False) -> FixResult:
    """Apply the suggestions of ``findings`` to ``text``; see the module docstring.

    Two findings that propose the very same edit (same span, same replacement) count as
    one edit, both applied.  A zero-width edit (an insertion) conflicts with another
    insertion at the same offset and with any edit whose span strictly contains it.
    """
    candidates: list[Finding] = []
    held_back: list[Finding] = []
    for f in findings:
        if f.suggestion is None or f.suggestion == f.evidence:
            continue
        if not (0 <= f.span.start <= f.span.end <= len(text)) or \
                text[f.span.start:f.span.end] != f.evidence:
            continue  # a stale finding (the text changed under it): never guess
        (candidates if unsafe or is_safe(f, rules) else held_back).append(f)
    candidates.sort(key=Finding.sort_key)
    groups: list[list[Finding]] = []  # per edit taken, the findings that propose it
    overlapping: list[Finding] = []
    for f in candidates:
        prev = groups[-1][0] if groups else None
        if prev is not None and (prev.span, prev.suggestion) == (f.span, f.suggestion):
            groups[-1].append(f)  # the same edit again: already taken
            continue
        if prev is not None and _conflicts(prev, f):
            overlapping.append(f)
            continue
        groups.append([f])
    visible = Visible.of(text) if groups else Visible(text)
    refused: list[Finding] = []
    if visible.pieces:  # markup, references...: see the module docstring
        edits, refused = _mapped(text, visible, groups)
    else:  # plain text: each suggestion replaces its span
        edits = [((g[0].span.start, g[0].span.end, g[0].suggestion or ""), g)
                 for g in groups]
    if not edits:
        return FixResult(text=text, overlapping=tuple(overlapping), unsafe=tuple(held_back),
                         markup=tuple(refused))
    return FixResult(text=_apply(text, [e for e, _ in edits]),
                     applied=tuple(f for _, g in edits for f in g),
                     overlapping=tuple(overlapping), unsafe=tuple(held_back),
                     markup=tuple(refused))


def _apply(text: str, edits: Sequence[_Edit]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mapped(text: str, visible: Visible, groups: Sequence[list[Finding]]
            ) -> tuple[list[tuple[_Edit, list[Finding]]], list[Finding]]:
    """The edits that keep the markup of ``text``, with their findings; and the findings
    whose fix is not applied."""
    ends = [origin + length for _, origin, length in visible.pieces]
    shifts = [0]
    for size, _, length in visible.pieces:
        shifts.append(shifts[-1] + size - length)

    def printed(offset: int) -> int | None:  # an original offset in the printed text
        k = bisect_right(ends, offset)
        if k < len(ends) and visible.pieces[k][1] < offset:
            return None  # inside a piece
        return offset + shifts[k]

    narrowed: list[tuple[_Edit, list[Finding]]] = []
    refused: list[Finding] = []
    for g in groups:
        f = g[0]
        ps, pe = printed(f.span.start), printed(f.span.end)
        if ps is None or pe is None:
            refused.extend(g)
            continue
        old, new = visible.text[ps:pe], f.suggestion or ""
        head, most = 0, min(len(old), len(new))
        while head < most and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < most - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        a, b, replacement = ps + head, pe - tail, new[head:len(new) - tail]
        if a < b:
            start, end = visible.span(a, b)
        elif not replacement:
            continue  # it prints as suggested already
        else:  # an insertion: before the next printed character, after any markup
            start = end = f.span.start if a == ps else f.span.end if a == pe \
                else visible.original(a)
        narrowed.append(((start, end, replacement), g))
    # Read each line an edit touches again (a Markdown construct never spans lines), all
    # of its edits at once; when that fails, each edit in turn, with the edits kept
    # before it, on its line cut _REACH characters either side (past the longest piece
    # of markup, so the cut reads alike before and after; a long line costs no more).
    kept: list[tuple[_Edit, list[Finding]]] = []
    i = 0
    while i < len(narrowed):
        top = text.rfind("\n", 0, narrowed[i][0][0]) + 1
        bottom = _line_end(text, narrowed[i][0][1])
        j = i + 1
        while j < len(narrowed) and narrowed[j][0][0] < bottom:
            # ``bottom`` is a line's end: an edit ending before it ends on that line or
            # an earlier one, and searching on to the line break would read the whole
            # line again for each edit (a huge one-line document: edits x its length).
            if narrowed[j][0][1] >= bottom:
                bottom = _line_end(text, narrowed[j][0][1])
            j += 1
        batch = narrowed[i:j]
        i = j
        if _keeps_markup(text, top, bottom, [e for e, _ in batch]):
            kept.extend(batch)
            continue
        first = len(kept)  # the first edit kept on this line that reaches the cut
        for item in batch:
            start, end, _ = item[0]
            low = max(top, start - _REACH)
            while first < len(kept) and kept[first][0][1] <= low:
                first += 1
            before = [e for e, _ in kept[first:]]
            if before:
                low = min(low, before[0][0])
            if _keeps_markup(text, low, min(bottom, end + _REACH), [*before, item[0]]):
                kept.append(item)
            else:
                refused.extend(item[1])
    return kept, sorted(refused, key=Finding.sort_key)


def _line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends, its line break included."""
    at = text.find("\n", offset)
    return len(text) if at < 0 else at + 1


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """Each piece of ``text`` that prints as something else: where it is, how long, and
    what it prints (the pieces of :meth:`Visible.of`, without its printed text)."""
    return [(start, end - start, shown) for start, end, shown in replacements(text)]


def _keeps_markup(text: str, low: int, high: int, edits: Sequence[_Edit]) -> bool:
    """Whether ``text[low:high]`` with ``edits`` (in it, in order, apart) made reads as
    before: each of its pieces is still there, byte for byte, printing the same, and no
    piece is new; only an escape of a character (no markup, no HTML reference) may go,
    inside an edit."""
    window = text[low:high]
    edits = [(start - low, end - low, replacement) for start, end, replacement in edits]
    expected: list[tuple[int, int, str]] = []
    shift = i = 0
    for origin, length, shown in _pieces(window):
        while i < len(edits) and edits[i][1] <= origin:
            shift += len(edits[i][2]) - (edits[i][1] - edits[i][0])
            i += 1
        if i < len(edits) and edits[i][0] < origin + length:  # the edit reaches into it
            start, end, _ = edits[i]
            written = window[origin:origin + length]
            if not (start <= origin and origin + length <= end) or written[0] in "&<" or \
                    not (shown or all(c in INVISIBLE for c in written)):
                return False
            continue
        expected.append((origin + shift, length, shown))
    return _pieces(_apply(window, edits)) == expected


def _conflicts(prev: Finding, f: Finding) -> bool:
    # Candidates are sorted by start, so only the last edit taken can overlap this one.
    if f.span.start < prev.span.end:
        return True
    # Two insertions at one offset: their order would be a guess.
    return f.span.start == f.span.end == prev.span.start == prev.span.end


def unified_diff(before: str, after: str, name: str) -> str:
    """A ``git diff``-style unified diff of one document (empty when nothing changed)."""
    if before == after:
        return ""
    import difflib  # only --diff needs it

    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a text without a final newline
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data`` atomically, keeping its permissions.

    The bytes go to a temporary file in the same directory, which then replaces the
    target with ``os.replace``: a reader (or a crash) sees the old file or the new one,
    never half of each.  A symbolic link is written through, not replaced.  A file with
    other hard links is rewritten in place instead (not atomic): a rename would leave
    the other names holding the old text, as ``sed -i`` does.
    """
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:  # a new file (a baseline): the umask decides, as for open()
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(info.st_mode)
        if info.st_nlink > 1 and stat.S_ISREG(info.st_mode):
            with open(target, "r+b") as fh:
                fh.write(data)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
            return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".wirelint-tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
