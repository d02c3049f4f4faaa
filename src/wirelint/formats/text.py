"""``--format text``: ruff-style ``path:line:col: CODE name message`` lines."""

from __future__ import annotations

from typing import Any

from wirelint.formats._base import Writer
from wirelint.model import Document, Report


def _one_line(s: str) -> str:
    return " ".join(s.split())


class TextWriter(Writer):
    """One line per finding and per problem, then one summary line per document."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self._documents = 0
        self._findings = 0
        self._flagged = 0

    def write(self, report: Report, document: Document | None = None) -> None:
        where = report.id or "-"
        out = self.stream
        for f in report.findings:
            hint = f" [suggest: {_one_line(f.suggestion)}]" if f.suggestion else ""
            out.write(f"{where}:{f.line}:{f.col}: {f.code} {f.name} {_one_line(f.message)}"
                      f" (confidence {f.confidence:.2f}){hint}\n")
        for e in report.errors:
            out.write(f"{where}: {e.code} {e.name} {_one_line(e.message)}\n")
        p = report.probabilities
        out.write(f"{where}: score {report.score:.1f} verdict {report.verdict} "
                  f"(machine-translated {p.machine_translated:.2f}, "
                  f"machine-paraphrased {p.machine_paraphrased:.2f}, human {p.human:.2f})\n")
        if self.options.get("show_signature"):
            out.write(f"{where}: signature {report.signature}\n")
        self._documents += 1
        self._findings += len(report.findings)
        self._flagged += report.verdict in ("machine-translated", "machine-paraphrased")

    def finish(self) -> None:
        self.stream.write(f"Checked {self._documents} document(s): {self._findings} finding(s), "
                          f"{self._flagged} flagged as machine-made.\n")
