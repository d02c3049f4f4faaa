"""``--format json`` (one array) and ``--format jsonl`` (one report per line).

The schema is ``Report.to_dict`` (wire schema version 1, documented in the README).  Keys
keep a fixed order, so the same input always gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from wirelint.formats._base import Writer
from wirelint.model import Document, Report

# Characters that ``json.dumps(ensure_ascii=False)`` leaves raw but that ``str.splitlines``
# (and many line readers) treat as line breaks: escaped, one report stays one line.  And
# lone surrogates (an id or evidence from escaped JSON such as "\udc9f"), which no UTF-8
# stream can write: escaped as JSON writes them, so the line reads back the same.
_ESCAPED = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029",
                          **{chr(c): f"\\u{c:04x}" for c in range(0xD800, 0xE000)}})


def dumps(report: Report) -> str:
    """Serialise one report on one line, whatever line separators or lone surrogates its
    text holds."""
    text = json.dumps(report.to_dict(), ensure_ascii=False, separators=(", ", ": "))
    return text.translate(_ESCAPED)


class JsonLinesWriter(Writer):
    """Exactly one JSON object per input document, in input order."""

    def write(self, report: Report, document: Document | None = None) -> None:
        self.stream.write(dumps(report) + "\n")
        self.stream.flush()


class JsonWriter(Writer):
    """A JSON array of reports, streamed (no report is held back in memory)."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self._count = 0

    def write(self, report: Report, document: Document | None = None) -> None:
        self.stream.write(("[\n  " if self._count == 0 else ",\n  ") + dumps(report))
        self._count += 1

    def finish(self) -> None:
        self.stream.write("[]\n" if self._count == 0 else "\n]\n")
