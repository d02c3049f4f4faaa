"""Suppression for news copy, which has no code comments to carry a ``noqa``.

Two mechanisms, both applied before scoring, so a suppressed finding never moves a score:

* the **allow-list** (``allow`` in the configuration): words and phrases a desk accepts,
  globally or for some codes, each with an optional reason.  An entry suppresses a
  finding when an occurrence of its text in the document covers the finding's span
  (whitespace at the span's edges aside);
* the **baseline** (``--baseline FILE``, written by ``--write-baseline FILE``): today's
  findings recorded by document and content fingerprint (code, evidence and the words
  around it, so a finding keeps its fingerprint when lines above it move), with a count
  per document and fingerprint, so a repeated phrase beyond the recorded number is new,
  and so is the same story checked under another name.

Suppressions that match nothing in a run are reported once, as ``WL070
unused-suppression`` lines on stderr.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wirelint.model import Document, Finding, Report, Rule

#: Version of the baseline file format (the ``wirelint-baseline`` key).
BASELINE_VERSION = 1
#: Words of context on each side that go into a fingerprint.
CONTEXT_WORDS = 4
_CONTEXT_CHARS = 160  # enough characters to hold CONTEXT_WORDS ordinary words
_ALLOW_KEYS = {"text", "code", "reason", "ignore-case"}


# ------------------------------------------------------------------------ allow-list


@dataclass(frozen=True, slots=True, kw_only=True)
class AllowEntry:
    """One allow-list entry: ``text`` is accepted for ``codes`` (empty: every code)."""

    text: str
    codes: tuple[str, ...] = ()  #: codes, code prefixes or rule names
    reason: str = ""
    ignore_case: bool = False
    source: str = ""  #: where it was declared, for messages

    def applies_to(self, finding: Finding) -> bool:
        """Whether this entry may suppress ``finding``'s code."""
        return not self.codes or any(
            finding.code.startswith(c) or finding.name == c for c in self.codes)

    def label(self) -> str:
        """How messages name the entry: ``'iPhone' (MT201; brand)``."""
        bits = [", ".join(self.codes)] if self.codes else []
        if self.reason:
            bits.append(self.reason)
        return repr(self.text) + (f" ({'; '.join(bits)})" if bits else "")


def parse_allow(value: Any, source: str | None = None) -> tuple[AllowEntry, ...]:
    """Parse the ``allow`` setting: a list of strings and/or tables.

    ``allow = ["Reuters"]`` accepts a word everywhere; a table (``[[tool.wirelint.allow]]``)
    takes ``text``, ``code`` (a string or a list), ``reason`` and ``ignore-case``.
    Raises ``ValueError`` naming the bad entry.
    """
    if isinstance(value, str | Mapping) or not isinstance(value, Sequence):
        raise ValueError("allow must be a list of strings or tables")
    where = source or "configuration"
    entries = []
    for i, item in enumerate(value):
        at = f"{where} allow[{i}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, Mapping):
            raise ValueError(f"{at}: expected a string or a table")
        unknown = set(item) - _ALLOW_KEYS - {k.replace("-", "_") for k in _ALLOW_KEYS}
        if unknown:
            raise ValueError(f"{at}: unknown key {sorted(unknown)[0]!r} "
                             f"(expected {', '.join(sorted(_ALLOW_KEYS))})")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{at}: 'text' must be a non-empty string")
        codes = item.get("code", ())
        codes = (codes,) if isinstance(codes, str) else codes
        if not isinstance(codes, Sequence) or not all(isinstance(c, str) and c
                                                      for c in codes):
            raise ValueError(f"{at}: 'code' must be a string or a list of strings")
        if "ALL" in codes:
            # --select takes ALL, but an entry takes codes, prefixes and rule names; an
            # entry without 'code' already covers every rule.
            raise ValueError(f"{at}: 'code' cannot be \"ALL\"; leave 'code' out to "
                             "accept the text for every rule")
        reason = item.get("reason", "")
        ignore_case = item.get("ignore-case", item.get("ignore_case", False))
        if not isinstance(reason, str) or not isinstance(ignore_case, bool):
            raise ValueError(f"{at}: 'reason' must be a string and 'ignore-case' a boolean")
        entries.append(AllowEntry(text=text.strip(), codes=tuple(codes), reason=reason,
                                  ignore_case=ignore_case, source=at))
    return tuple(entries)


def _allow_regex(entry: AllowEntry) -> re.Pattern[str]:
    # Whitespace in a phrase matches any whitespace run (copy is re-wrapped); a word
    # edge is required where the entry starts or ends with a word character, so
    # "Apple" does not cover "Applebee's".
    body = r"\s+".join(re.escape(part) for part in entry.text.split())
    left = r"(?<!\w)" if re.match(r"\w", entry.text) else ""
    right = r"(?!\w)" if re.search(r"\w$", entry.text) else ""
    return re.compile(left + body + right, re.IGNORECASE if entry.ignore_case else 0)


# ------------------------------------------------------------------------ fingerprints


def fingerprint(text: str | None, finding: Finding) -> str:
    """A content fingerprint of a finding that survives line moves elsewhere.

    It hashes the code, the evidence and up to :data:`CONTEXT_WORDS` words on each
    side within the same line (whitespace-normalised).  Without the text,
    only code and evidence count.
    """
    left = right = ""
    if text is not None:
        start, end = finding.span.start, finding.span.end
        # Context stops at the line (paragraph) edges, so adding or removing a
        # paragraph next to the finding does not change its fingerprint.
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        lo, hi = max(line_start, start - _CONTEXT_CHARS), min(line_end, end + _CONTEXT_CHARS)
        before = text[lo:start].split()
        if lo > line_start and before:
            before = before[1:]  # the first word may be cut by the window
        after = text[end:hi].split()
        if hi < line_end and after:
            after = after[:-1]
        left = " ".join(before[-CONTEXT_WORDS:])
        right = " ".join(after[:CONTEXT_WORDS])
    evidence = " ".join(finding.evidence.split()) or finding.evidence
    key = "\x1f".join(("wirelint-fp-1", finding.code, left, evidence, right))
    import hashlib  # baselines and SARIF only; loading OpenSSL costs a plain check ~4 ms

    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


# ------------------------------------------------------------------------ baseline


def document_key(document: Document) -> str:
    """How a baseline names a document: its id (the path as given), ``-`` without one."""
    return document.id or "-"


@dataclass(slots=True)
class Baseline:
    """A baseline file: accepted findings by document and fingerprint, each with a count
    and a reason.  An entry suppresses findings only in the document it was recorded for."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; raises ``ValueError`` naming what is wrong."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a wirelint baseline (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("wirelint-baseline") != BASELINE_VERSION \
                or not isinstance(data.get("findings"), list):
            raise ValueError(f"{path}: not a wirelint baseline (expected "
                             f"\"wirelint-baseline\": {BASELINE_VERSION} and a findings list)")
        entries = []
        for i, e in enumerate(data["findings"]):
            if not (isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                    and isinstance(e.get("count", 1), int) and e.get("count", 1) >= 1):
                raise ValueError(f"{path}: findings[{i}] needs a \"fingerprint\" string and "
                                 "a positive \"count\"")
            if not isinstance(e.get("document"), str) or not e["document"]:
                raise ValueError(f"{path}: findings[{i}] needs a \"document\" string (the "
                                 f"document it was recorded for); rewrite the file with "
                                 f"--write-baseline")
            entries.append(e)
        return cls(entries=entries, path=str(path))

    def budget(self) -> Counter[tuple[str, str]]:
        """How many findings each (document, fingerprint) may still suppress."""
        counts: Counter[tuple[str, str]] = Counter()
        for e in self.entries:
            counts[e["document"], e["fingerprint"]] += int(e.get("count", 1))
        return counts

    def add(self, document: Document, findings: Iterable[Finding],
            reasons: Mapping[str, str] | None = None) -> int:
        """Record a document's findings; returns how many were added."""
        by_fp: dict[str, dict[str, Any]] = {}
        n = 0
        for f in findings:
            fp = fingerprint(document.text, f)
            entry = by_fp.get(fp)
            if entry is None:
                entry = by_fp[fp] = {
                    "fingerprint": fp, "code": f.code, "name": f.name,
                    "document": document_key(document), "line": f.line, "evidence": f.evidence,
                    "count": 0, "reason": (reasons or {}).get(fp, "")}
                self.entries.append(entry)
            entry["count"] += 1
            n += 1
        return n

    def dumps(self) -> str:
        """The file's text: deterministic (sorted, no timestamps) so it diffs well."""
        entries = sorted(self.entries, key=lambda e: (
            str(e.get("document", "")), int(e.get("line", 0)), str(e.get("code", "")),
            e["fingerprint"]))
        data = {
            "wirelint-baseline": BASELINE_VERSION,
            "about": "Findings accepted when this file was written: `wirelint check "
                     "--baseline FILE` reports only findings not listed here.  Give an "
                     "entry a \"reason\"; `--write-baseline FILE` keeps reasons.",
            "findings": entries,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def reasons(self) -> dict[str, str]:
        """Fingerprint -> reason, to carry reasons over when the file is rewritten."""
        return {e["fingerprint"]: e["reason"] for e in self.entries
                if isinstance(e.get("reason"), str) and e["reason"]}


# ------------------------------------------------------------------------ applying both


class Suppressor:
    """Applies the allow-list and a baseline to reports and tracks what was used.

    ``rescore(report, document)`` re-scores a report whose findings changed (the Host's
    scorer); ``enabled`` is the set of codes that report in this run, so entries for
    disabled rules are not called unused.
    """

    def __init__(self, allow: Sequence[AllowEntry] = (), baseline: Baseline | None = None,
                 *, rescore: Callable[[Report, Document], Report] | None = None,
                 enabled: Iterable[str] = (), rules: Mapping[str, Rule] | None = None) -> None:
        self.allow = tuple(allow)
        self._regexes = [_allow_regex(e) for e in self.allow]
        self.baseline = baseline
        self._budget = baseline.budget() if baseline else Counter()
        self._rescore = rescore
        self._enabled = frozenset(enabled)
        self._rules = rules or {}
        self.allow_used: Counter[int] = Counter()  #: entry index -> findings suppressed
        self._seen: set[str] = set()  #: documents checked against the baseline
        self.by_allow = 0
        self.by_baseline = 0

    @property
    def active(self) -> bool:
        """Whether there is anything to apply."""
        return bool(self.allow or self.baseline)

    def split(self, report: Report, document: Document | None, *,
              consume: bool = True) -> tuple[list[Finding], list[Finding]]:
        """Split a report's findings into (kept, suppressed).

        ``consume=False`` is a dry run: nothing is counted as used and the baseline's
        budget is left as it was (``--fix`` asks before it edits).
        """
        if document is not None and consume and self.baseline is not None:
            self._seen.add(document_key(document))
        if not report.findings or document is None or not self.active:
            return list(report.findings), []
        text = document.text
        doc = document_key(document)
        budget = self._budget if consume else Counter(self._budget)
        occurrences: dict[int, tuple[list[int], list[int]]] = {}
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        for f in report.findings:
            entry = self._allowing(f, text, occurrences)
            if entry is not None:
                suppressed.append(f)
                if consume:
                    self.allow_used[entry] += 1
                    self.by_allow += 1
                continue
            if self.baseline is not None:
                key = (doc, fingerprint(text, f))
                if budget[key] > 0:
                    budget[key] -= 1
                    suppressed.append(f)
                    self.by_baseline += consume
                    continue
            kept.append(f)
        return kept, suppressed

    def _allowing(self, f: Finding, text: str,
                  occurrences: dict[int, tuple[list[int], list[int]]]) -> int | None:
        for i, entry in enumerate(self.allow):
            if not entry.applies_to(f):
                continue
            found = occurrences.get(i)
            if found is None:
                found = occurrences[i] = _starts_and_ends(self._regexes[i], text)
            # Whitespace at the edges of a span (a deleted line's newline, the space of
            # " :") is not part of what the entry has to cover.
            ev = f.evidence if f.evidence.strip() else "x"
            start = f.span.start + (len(ev) - len(ev.lstrip()))
            end = f.span.end - (len(ev) - len(ev.rstrip()))
            if covers(found, start, end):
                return i
        return None

    def apply(self, report: Report, document: Document | None) -> Report:
        """The report without its suppressed findings, re-scored when any were removed."""
        kept, suppressed = self.split(report, document)
        if not suppressed:
            return report
        report = replace(report, findings=tuple(kept))
        if self._rescore is not None and document is not None:
            report = self._rescore(report, document)
        return report

    def unused(self) -> list[str]:
        """``WL070 unused-suppression`` lines for suppressions that matched nothing."""
        lines = []
        for i, entry in enumerate(self.allow):
            if self.allow_used[i] or not self._applicable(entry):
                continue
            where = f" from {entry.source}" if entry.source else ""
            lines.append(f"WL070 unused-suppression: allow entry {entry.label()}{where} "
                         "matched no finding")
        if self.baseline is None:
            return lines
        # Per document, and only for documents checked in this run: an entry for a
        # document that was not checked could not match (as an allow entry for a
        # disabled rule is not called unused).
        left: Counter[str] = Counter()
        for (doc, _), n in self._budget.items():
            if n > 0 and doc in self._seen:
                left[doc] += n
        path = self.baseline.path
        for doc in sorted(left):
            lines.append(f"WL070 unused-suppression: {left[doc]} baseline finding(s) in "
                         f"{path} for {doc} matched nothing (fixed, or the text around "
                         f"them changed); refresh it with --write-baseline {path}")
        return lines

    def _applicable(self, entry: AllowEntry) -> bool:
        if not entry.codes or not self._enabled:
            return True
        rules = self._rules
        return any(code.startswith(c) or (code in rules and rules[code].name == c)
                   for code in self._enabled for c in entry.codes)


def _starts_and_ends(regex: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """Where each match of ``regex`` in ``text`` starts, and where it ends."""
    starts: list[int] = []
    ends: list[int] = []
    for m in regex.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def covers(found: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether one of the matches ``found`` (from :func:`_starts_and_ends`) holds
    ``[start, end)``.

    ``finditer``'s matches do not overlap and come in order, so their starts and their
    ends both only grow: of the matches starting at or before ``start``, the last ends
    furthest, and it alone needs testing. A binary search instead of a scan of every
    match keeps a document with many findings and a common allowed phrase linear.
    """
    starts, ends = found
    k = bisect_right(starts, start) - 1
    return k >= 0 and end <= ends[k]
