"""Output formats.  Each writer streams reports in input order to a text stream.

Every format is built from the same :class:`~wirelint.Report` objects; logs and
progress never go to the output stream.
"""

from __future__ import annotations

from typing import TextIO

from wirelint.formats._base import Writer
from wirelint.formats.json import JsonLinesWriter, JsonWriter
from wirelint.formats.text import TextWriter

FORMATS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "jsonl": JsonLinesWriter,
}


def get_writer(name: str, stream: TextIO, **options: object) -> Writer:
    """Instantiate the writer for ``--format name``."""
    return FORMATS[name](stream, **options)


__all__ = ["FORMATS", "Writer", "get_writer"]
