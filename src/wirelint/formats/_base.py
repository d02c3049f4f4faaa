"""The writer protocol every output format follows."""

from __future__ import annotations

from typing import Any, TextIO

from wirelint.model import Document, Report


class Writer:
    """Receives reports one by one (``write``) and closes the output (``finish``).

    ``document`` is the text the report is about, when there is one (an unreadable input
    has none); formats that show the text (HTML) or edit it (fixes in SARIF) need it.
    Options every writer may receive: ``rules`` (code -> Rule, the loaded catalogue) and
    ``show_signature``.
    """

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self.stream = stream
        self.options = options

    def write(self, report: Report, document: Document | None = None) -> None:
        """Emit one report."""
        raise NotImplementedError

    def finish(self) -> None:
        """Emit anything that closes the output (a summary line, a closing bracket)."""
