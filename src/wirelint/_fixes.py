"""Applying suggestions as fixes, ruff-style (``--fix``, ``--diff``, ``--unsafe-fixes``).

A finding's ``suggestion`` is the replacement text for its span (``""`` deletes the
span; ``None`` means there is nothing to apply).  A rule that declares ``fix_safe=True``
is certain of its suggestion, so ``--fix`` applies it; any other suggestion is shown but
only applied under ``--unsafe-fixes``.  Edits never overlap: they are taken earliest
first, and one that overlaps an edit already taken is reported as not applied (the next
run picks it up if it still applies), so only the fixed spans of a text ever change.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from wirelint.model import Finding, Rule


@dataclass(frozen=True, slots=True)
class FixResult:
    """What applying a document's fixes did; ``text`` is the fixed text."""

    text: str
    applied: tuple[Finding, ...] = ()  #: findings whose suggestion was applied
    overlapping: tuple[Finding, ...] = ()  #: fixable, but overlapped an earlier fix
    unsafe: tuple[Finding, ...] = ()  #: suggestions held back without --unsafe-fixes

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
    taken: list[Finding] = []
    applied: list[Finding] = []
    overlapping: list[Finding] = []
    for f in candidates:
        prev = taken[-1] if taken else None
        if prev is not None and (prev.span, prev.suggestion) == (f.span, f.suggestion):
            applied.append(f)  # the same edit again: already taken
            continue
        if prev is not None and _conflicts(prev, f):
            overlapping.append(f)
            continue
        taken.append(f)
        applied.append(f)
    if not taken:
        return FixResult(text=text, overlapping=tuple(overlapping), unsafe=tuple(held_back))
    parts: list[str] = []
    pos = 0
    for f in taken:
        parts.append(text[pos:f.span.start])
        parts.append(f.suggestion or "")
        pos = f.span.end
    parts.append(text[pos:])
    return FixResult(text="".join(parts), applied=tuple(applied),
                     overlapping=tuple(overlapping), unsafe=tuple(held_back))


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
    never half of each.  A symbolic link is written through, not replaced.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:  # a new file (a baseline): the umask decides, as for open()
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
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
