"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``;
the level follows the rule's severity (error, warning, info -> notice), a document with
a machine-made verdict gets one ``::error`` annotation, and host problems are errors.
Values are escaped as the Actions toolkit does (``%``, CR, LF; plus ``:`` and ``,`` in
properties), so article text cannot inject a command.
"""

from __future__ import annotations

from typing import Any

from wirelint.formats._base import Writer
from wirelint.formats.sarif import end_of
from wirelint.model import Document, Report, Severity, Verdict

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line (properties in the given order, ``None`` omitted)."""
    body = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + body if body else ''}::{escape_data(message)}\n"


class GithubWriter(Writer):
    """Annotations for the checked files, then one plain summary line."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self.rules = options.get("rules") or {}
        self._documents = self._findings = self._flagged = 0

    def write(self, report: Report, document: Document | None = None) -> None:
        file = None if report.id in (None, "-") else report.id
        out = self.stream
        for f in report.findings:
            rule = self.rules.get(f.code)
            level = _LEVEL.get(rule.severity, "warning") if rule else "warning"
            line, col = max(f.line, 1), max(f.col, 1)
            end_line, end_col = end_of(f, line, col)
            message = f.message
            if f.suggestion is not None and f.suggestion != f.evidence:
                message += f" (suggest: {f.suggestion!r})" if f.suggestion else " (suggest: delete)"
            out.write(command(level, message, file=file, line=line, col=col,
                              endLine=end_line, endColumn=end_col,
                              title=f"{f.code} {f.name}".strip()))
        for e in report.errors:
            out.write(command("error", e.message, file=file, title=f"{e.code} {e.name}"))
        if report.verdict in (Verdict.MACHINE_TRANSLATED, Verdict.MACHINE_PARAPHRASED):
            p = report.probabilities
            out.write(command(
                "error", f"score {report.score:.1f}, verdict {report.verdict} "
                         f"(machine-translated {p.machine_translated:.2f}, machine-paraphrased "
                         f"{p.machine_paraphrased:.2f}, human {p.human:.2f})",
                file=file, title=f"wirelint: {report.verdict}"))
            self._flagged += 1
        self._documents += 1
        self._findings += len(report.findings)

    def finish(self) -> None:
        self.stream.write(f"wirelint checked {self._documents} document(s): {self._findings} "
                          f"finding(s), {self._flagged} flagged as machine-made.\n")
