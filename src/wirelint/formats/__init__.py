"""Output formats.  Each writer streams reports in input order to a text stream.

Every format is built from the same :class:`~wirelint.Report` objects (and, where a
format shows or edits the text, the :class:`~wirelint.Document`); logs and progress never
go to the output stream.  ``render_cluster`` is the HTML page of ``wirelint cluster``.
"""

from __future__ import annotations

from typing import TextIO

from wirelint.formats._base import Writer
from wirelint.formats.github import GithubWriter
from wirelint.formats.html import HtmlWriter, render_cluster
from wirelint.formats.json import JsonLinesWriter, JsonWriter
from wirelint.formats.junit import JunitWriter
from wirelint.formats.sarif import SarifWriter
from wirelint.formats.text import TextWriter

FORMATS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "jsonl": JsonLinesWriter,
    "sarif": SarifWriter,
    "github": GithubWriter,
    "junit": JunitWriter,
    "html": HtmlWriter,
}


def get_writer(name: str, stream: TextIO, **options: object) -> Writer:
    """Instantiate the writer for ``--format name``."""
    return FORMATS[name](stream, **options)


__all__ = ["FORMATS", "Writer", "get_writer", "render_cluster"]
