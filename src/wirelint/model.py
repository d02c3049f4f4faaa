"""The data model: immutable, typed records that every other module passes around.

All records are frozen, slotted, keyword-only dataclasses with tuple fields, so they are
hashable, safe to share between threads and deterministic to serialise.  Offsets are
*character* offsets into the original text (never bytes, never a normalised copy), and
every finding satisfies ``document.text[finding.span.start:finding.span.end] ==
finding.evidence``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

#: Codes look like ``MT301``: two or three capitals, then three digits.
CODE_PATTERN: Final = r"^[A-Z]{2,3}[0-9]{3}$"
#: The probability labels every report carries, in a fixed order.
LABELS: Final = ("machine-translated", "machine-paraphrased", "human")


class Severity(StrEnum):
    """How loudly a rule speaks; ``error`` findings weigh most in the score."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Signal(StrEnum):
    """What a rule is evidence of."""

    MT = "mt"  #: machine translation
    PARAPHRASE = "paraphrase"  #: machine paraphrase / LLM rewrite
    FARM = "farm"  #: content-farm scaffolding and page boilerplate
    HOST = "host"  #: input and plugin problems (WL0xx), not evidence


class Verdict(StrEnum):
    """The one-word answer a desk acts on."""

    HUMAN = "human"
    MACHINE_TRANSLATED = "machine-translated"
    MACHINE_PARAPHRASED = "machine-paraphrased"
    UNDETERMINED = "undetermined"  #: empty, not English, or unreadable


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article.  ``text`` is never altered; ``meta`` may carry e.g. a ``date``."""

    text: str
    id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be str, not {type(self.text).__name__}")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into a document's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        """Return the text this span covers."""
        return text[self.start : self.end]


_LINE_END = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets to 1-based (line, column) in O(log n) per lookup.

    Built once per document, so formatting thousands of findings never rescans the text.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        if "\r" in text:  # CR LF and a lone CR (old Mac files) end a line too
            self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
            return
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a character offset."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A rule is its own documentation, in ruff's sections.

    ``wirelint explain CODE``, ``wirelint rules`` and the README table are generated
    from these fields, and the catalogue test checks that ``example`` triggers the rule
    and ``use_instead`` does not.
    """

    code: str
    name: str  #: kebab-case, states the fault: ``spaced-hyphen``
    signal: Signal
    severity: Severity
    summary: str  #: what it finds, one line; also the default message
    why: str  #: why it matters
    example: str  #: text that must trigger this code
    use_instead: str  #: corrected text that must not trigger it
    false_positives: str  #: known false positives
    references: tuple[str, ...] = ()
    since: str = "0.1.0"
    default_enabled: bool = True  #: off-by-default rules need ``--select``
    fix_safe: bool = False  #: the suggestion is certain and may be applied by ``--fix``

    def explain(self) -> str:
        """Render the rule's documentation as ``wirelint explain`` prints it."""
        refs = "\n".join(f"- {r}" for r in self.references) or "- (none)"
        state = "" if self.default_enabled else " (off by default; enable with --select)"
        return (
            f"# {self.code} {self.name}{state}\n\n"
            f"Signal: {self.signal}   Severity: {self.severity}   Since: {self.since}\n\n"
            f"## What it finds\n{self.summary}\n\n"
            f"## Why it matters\n{self.why}\n\n"
            f"## Example\n{_indented(self.example)}\n\n"
            f"Use instead:\n{_indented(self.use_instead)}\n\n"
            f"## Known false positives\n{self.false_positives}\n\n"
            f"## References\n{refs}\n"
        )


def _indented(text: str) -> str:
    """Every line indented four spaces: a Markdown code block however many lines."""
    return "\n".join("    " + line for line in text.split("\n"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One flagged span.  ``plugin``, ``name``, ``line`` and ``col`` are stamped by the host."""

    code: str
    span: Span
    message: str
    evidence: str
    confidence: float = 1.0
    suggestion: str | None = None
    plugin: str = ""
    name: str = ""
    line: int = 0
    col: int = 0

    @classmethod
    def at(
        cls,
        text: str,
        start: int,
        end: int,
        *,
        code: str,
        message: str,
        confidence: float = 1.0,
        suggestion: str | None = None,
    ) -> Finding:
        """Build a finding whose evidence is ``text[start:end]`` (the usual way for plugins)."""
        return cls(
            code=code,
            span=Span(start, end),
            message=message,
            evidence=text[start:end],
            confidence=confidence,
            suggestion=suggestion,
        )

    def sort_key(self) -> tuple[int, int, str]:
        """Findings sort by position, then code: stable, deterministic output."""
        return (self.span.start, self.span.end, self.code)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A host-level problem with the input or a plugin (``WL0xx``); it has no span."""

    code: str
    name: str
    message: str
    plugin: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Probabilities:
    """Calibrated class probabilities; they sum to 1."""

    machine_translated: float = 0.0
    machine_paraphrased: float = 0.0
    human: float = 1.0

    def as_dict(self) -> dict[str, float]:
        """Return the probabilities under the wire-schema keys of :data:`LABELS`."""
        return {
            "machine-translated": self.machine_translated,
            "machine-paraphrased": self.machine_paraphrased,
            "human": self.human,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Everything wirelint says about one document."""

    id: str | None
    language: str
    language_confidence: float
    findings: tuple[Finding, ...]
    score: float  #: 0..100, higher is cleaner
    verdict: Verdict
    probabilities: Probabilities
    errors: tuple[Problem, ...] = ()
    signature: str = ""
    evidence: Mapping[str, float] = field(default_factory=dict, compare=False)
    """Per-signal evidence the scorer used (explains the score)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON wire schema (version 1); see README "Output schema"."""
        return {
            "id": self.id,
            "score": self.score,
            "verdict": str(self.verdict),
            "probabilities": self.probabilities.as_dict(),
            "language": self.language,
            "language_confidence": self.language_confidence,
            "evidence": dict(sorted(self.evidence.items())),
            "findings": [
                {
                    "code": f.code,
                    "name": f.name,
                    "start": f.span.start,
                    "end": f.span.end,
                    "line": f.line,
                    "col": f.col,
                    "evidence": f.evidence,
                    "message": f.message,
                    "confidence": f.confidence,
                    "suggestion": f.suggestion,
                    "plugin": f.plugin,
                }
                for f in self.findings
            ],
            "errors": [
                {"code": e.code, "name": e.name, "message": e.message, "plugin": e.plugin}
                for e in self.errors
            ],
            "signature": self.signature,
        }


class Padding(StrEnum):
    """Boundary templates for pattern rules (proselint's ``Padding``), so rules never
    hand-write ``\\b`` and lexicon entries ending in punctuation still match."""

    NONE = "none"  #: the regex is used as written
    WORD = "word"  #: not preceded or followed by a letter, digit or underscore
    PHRASE_START = "phrase-start"  #: only the left edge is a word boundary


@dataclass(frozen=True, slots=True, kw_only=True)
class Pattern:
    """A pattern rule for the compiled hot path.

    Give either ``regex`` (a structural rule, one compiled pass, behind the cheap
    ``prefilter`` substring test) or ``words`` (a lexicon: literal phrases merged by the
    scanner into one trie-built alternation shared with every other lexicon).  Lexicon
    matching is case-insensitive unless ``case_sensitive``, and an apostrophe in a phrase
    matches either one copy types ("it's" also finds "it’s", and the other way round);
    structural regexes are compiled with MULTILINE, so ``^`` and ``$`` are line
    boundaries.

    ``guard(match, text)`` may veto a match using its context; ``message(match)`` and
    ``suggest(match)`` build the finding's text.  ``group`` selects which regex group is
    the flagged span.  All callables must be pure: pipelines call them from many threads.
    """

    code: str
    regex: str | None = None
    words: tuple[str, ...] = ()
    padding: Padding = Padding.WORD
    case_sensitive: bool = False
    group: int | str = 0
    prefilter: str | None = None
    confidence: float = 1.0
    guard: Any = None  #: Callable[[Match[str], str], bool] | None
    message: Any = None  #: str | Callable[[Match[str]], str] | None (default: rule summary)
    suggest: Any = None  #: Callable[[Match[str]], str | None] | None

    def __post_init__(self) -> None:
        if (self.regex is None) == (not self.words):
            raise ValueError(f"Pattern {self.code}: give exactly one of regex= or words=")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterReport:
    """What wirelint says about several versions of one story, checked together.

    ``reports`` are the single-document reports with the cross-document findings
    (``XD6xx``) merged in; ``similarity`` holds pairwise measures keyed by index pair;
    ``relations`` classify each pair; ``likely_source`` is the index of the version the
    others appear to derive from, if any.
    """

    reports: tuple[Report, ...]
    similarity: tuple[tuple[int, int, Mapping[str, float | None]], ...] = ()
    relations: tuple[tuple[int, int, str], ...] = ()
    likely_source: int | None = None
    derivation: tuple[tuple[int, int], ...] = ()  #: (source index, derived index) edges
    errors: tuple[Problem, ...] = ()
    signature: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the reports plus the cluster-level analysis (``extra`` keys first:
        a plugin's extra cannot replace the reports, errors or signature)."""
        return {
            **{k: v for k, v in sorted(self.extra.items())},
            "reports": [r.to_dict() for r in self.reports],
            "similarity": [{"a": a, "b": b, **dict(m)} for a, b, m in self.similarity],
            "relations": [{"a": a, "b": b, "relation": rel} for a, b, rel in self.relations],
            "likely_source": self.likely_source,
            "derivation": [{"source": s, "derived": d} for s, d in self.derivation],
            "errors": [{"code": e.code, "name": e.name, "message": e.message,
                        "plugin": e.plugin} for e in self.errors],
            "signature": self.signature,
        }
