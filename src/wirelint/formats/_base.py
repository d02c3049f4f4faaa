"""The writer protocol every output format follows."""

from __future__ import annotations

from typing import Any, TextIO

from wirelint.model import Report


class Writer:
    """Receives reports one by one (``write``) and closes the output (``finish``)."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self.stream = stream
        self.options = options

    def write(self, report: Report) -> None:
        """Emit one report."""
        raise NotImplementedError

    def finish(self) -> None:
        """Emit anything that closes the output (a summary line, a closing bracket)."""
