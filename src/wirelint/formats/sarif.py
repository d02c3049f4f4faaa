"""``--format sarif``: one SARIF 2.1.0 log (OASIS standard) for code-scanning dashboards.

Each document is an artifact (its score and verdict in the artifact's properties), each
finding a result with a region (lines and columns in Unicode code points, so the run
declares ``columnKind: unicodeCodePoints``, plus the character offset and length), a
content fingerprint (the baseline's, stable when lines move) and, when the rule
suggests a replacement, a ``fix``.  Host problems (``WL0xx``) are tool execution
notifications.  The log is written once, at the end, because SARIF is one JSON object.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from wirelint._suppress import fingerprint
from wirelint._version import __version__
from wirelint.formats._base import Writer
from wirelint.model import Document, Finding, Report, Rule, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SURROGATES = str.maketrans({chr(c): f"\\u{c:04x}" for c in range(0xD800, 0xE000)})
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_URL = re.compile(r"^https?://[^\s<>\"]+$")
_PLUGIN_PROBLEMS = ("WL08", "WL09")


def _uri_bytes(text: str) -> bytes:
    """``text`` as the bytes a URI percent-encodes, for any str.

    A file name that was not UTF-8 comes back from ``os.fsdecode`` with its bad bytes as
    U+DC80..U+DCFF: ``surrogateescape`` restores those bytes, so the URI names the real
    file.  Any other lone surrogate (a JSON ``"\\ud800"`` id) has no UTF-8 form;
    ``surrogatepass`` gives its 3-byte encoding (``\\ud800`` -> ``%ED%A0%80``), which is
    deterministic and decodes back with the same handler.
    """
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return b"".join(c.encode("utf-8", "surrogateescape" if "\udc80" <= c <= "\udcff"
                                 else "surrogatepass") for c in text)


def artifact_uri(doc_id: str | None) -> str:
    """A document id as a URI reference: relative paths stay relative, ``-`` is stdin."""
    if doc_id in (None, "-"):
        return "stdin"
    path = PurePath(doc_id)
    encoded = quote(_uri_bytes(path.as_posix()), safe="/")
    return "file://" + encoded if path.is_absolute() else encoded


def end_of(finding: Finding, line: int, col: int) -> tuple[int, int]:
    """The (line, column) just after a finding's evidence, given where it starts."""
    newlines = finding.evidence.count("\n")
    if not newlines:
        return line, col + len(finding.evidence)
    return line + newlines, len(finding.evidence.rsplit("\n", 1)[1]) + 1


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as a SARIF reportingDescriptor (its documentation as help)."""
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": rule.explain()},
        "defaultConfiguration": {"enabled": rule.default_enabled,
                                 "level": _LEVEL.get(rule.severity, "warning")},
        "properties": {"tags": [str(rule.signal), _family(rule.code)],
                       "fixSafe": rule.fix_safe},
    }
    for ref in rule.references:
        first = ref.split()[0] if ref.split() else ""
        if _URL.match(first):
            descriptor["helpUri"] = first
            break
    return descriptor


def _family(code: str) -> str:
    m = re.match(r"[A-Z]+[0-9]", code)
    return m.group(0) if m else code


class SarifWriter(Writer):
    """Collects results and writes one SARIF log in ``finish``."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self.rules: dict[str, Rule] = dict(options.get("rules") or {})
        self._results: list[dict[str, Any]] = []
        self._artifacts: list[dict[str, Any]] = []
        self._notifications: list[dict[str, Any]] = []
        self._problem_names: dict[str, str] = {}
        self._extra_rules: dict[str, str] = {}  # codes seen that the catalogue lacks
        self._signature = ""
        self._failed = False

    def write(self, report: Report, document: Document | None = None) -> None:
        # One artifact per document, even when ids repeat (JSON Lines records sharing an
        # id, ``a.txt a.txt``, ``- -``): each keeps its own score and verdict, and its
        # results point at its own index.  SARIF lets artifacts share a location; only
        # equal artifact objects are forbidden (run.artifacts is an array of "unique"
        # objects, JSON equality), so ``position`` (1-based, in the batch) keeps
        # two identical documents distinct.
        uri = artifact_uri(report.id)
        index = len(self._artifacts)
        self._artifacts.append({
            "location": {"uri": uri},
            "roles": ["analysisTarget"],
            "properties": {
                "id": report.id, "position": index + 1, "score": report.score,
                "verdict": str(report.verdict),
                "probabilities": report.probabilities.as_dict(),
                "language": report.language,
            },
        })
        self._signature = self._signature or report.signature
        text = document.text if document is not None and document.id == report.id else None
        for f in report.findings:
            self._results.append(self._result(f, uri, index, text))
        for e in report.errors:
            self._failed |= e.code.startswith(_PLUGIN_PROBLEMS)
            self._problem_names[e.code] = e.name
            self._notifications.append({
                "level": "error",
                "message": {"text": e.message},
                "descriptor": {"id": e.code},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": index}}}],
                "properties": {"plugin": e.plugin} if e.plugin else {},
            })

    def _result(self, f: Finding, uri: str, index: int, text: str | None) -> dict[str, Any]:
        rule = self.rules.get(f.code)
        if rule is None:
            self._extra_rules.setdefault(f.code, f.name)
        line, col = max(f.line, 1), max(f.col, 1)
        end_line, end_col = end_of(f, line, col)
        region = {"startLine": line, "startColumn": col, "endLine": end_line,
                  "endColumn": end_col, "charOffset": f.span.start,
                  "charLength": f.span.end - f.span.start}
        safe = bool(rule and rule.fix_safe)
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL.get(rule.severity, "warning") if rule else "warning",
            "message": {"text": f"{f.message} ({f.code} {f.name})" if f.name else f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri, "index": index},
                "region": {**region, "snippet": {"text": f.evidence}},
            }}],
            "partialFingerprints": {"wirelintContext/v1": fingerprint(text, f)},
            "rank": round(f.confidence * 100, 2),
            "properties": {"name": f.name, "confidence": f.confidence, "plugin": f.plugin,
                           "fixSafe": safe},
        }
        if f.suggestion is not None and f.suggestion != f.evidence:
            what = (f"Replace {f.evidence!r} with {f.suggestion!r}" if f.suggestion
                    else f"Delete {f.evidence!r}")
            result["fixes"] = [{
                "description": {"text": what + ("" if safe else " (unsafe fix)")},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri, "index": index},
                    "replacements": [{"deletedRegion": region,
                                      "insertedContent": {"text": f.suggestion}}],
                }],
                "properties": {"safe": safe},
            }]
        return result

    def finish(self) -> None:
        rules = [rule_descriptor(r) for _, r in sorted(self.rules.items())]
        rules += [{"id": code, "name": name, "shortDescription": {"text": name or code}}
                  for code, name in sorted(self._extra_rules.items())]
        position = {r["id"]: i for i, r in enumerate(rules)}
        for result in self._results:
            result["ruleIndex"] = position[result["ruleId"]]
        driver: dict[str, Any] = {
            "name": "wirelint",
            "fullName": f"wirelint {__version__}",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }
        if self._problem_names:
            driver["notifications"] = [
                {"id": code, "name": name, "shortDescription": {"text": name}}
                for code, name in sorted(self._problem_names.items())]
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not self._failed,
                             "toolExecutionNotifications": self._notifications}],
            "artifacts": self._artifacts,
            "results": self._results,
            "columnKind": "unicodeCodePoints",
            "properties": {"signature": self._signature},
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        # lone surrogates escaped as JSON writes them: a UTF-8 stream cannot write them raw
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=2).translate(_SURROGATES)
                          + "\n")
