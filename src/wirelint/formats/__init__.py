"""Output formats.  Each writer streams reports in input order to a text stream.

Every format is built from the same :class:`~wirelint.Report` objects (and, where a
format shows or edits the text, the :class:`~wirelint.Document`); logs and progress never
go to the output stream.  ``render_cluster`` is the HTML page of ``wirelint cluster``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from wirelint.formats._base import Writer

#: ``--format`` name -> (module under ``wirelint.formats``, writer class).
_WRITERS = {
    "text": ("text", "TextWriter"),
    "json": ("json", "JsonWriter"),
    "jsonl": ("json", "JsonLinesWriter"),
    "sarif": ("sarif", "SarifWriter"),
    "github": ("github", "GithubWriter"),
    "junit": ("junit", "JunitWriter"),
    "html": ("html", "HtmlWriter"),
}


class _Formats(Mapping[str, type[Writer]]):
    """``--format`` name -> writer class.  A writer's module is imported when its format
    is looked up: XML, HTML and URL quoting cost a one-article run ~20 ms to import."""

    def __getitem__(self, name: str) -> type[Writer]:
        module, cls = _WRITERS[name]
        writer: type[Writer] = getattr(importlib.import_module(f"wirelint.formats.{module}"), cls)
        return writer

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


FORMATS: Mapping[str, type[Writer]] = _Formats()


def get_writer(name: str, stream: TextIO, **options: object) -> Writer:
    """Instantiate the writer for ``--format name``."""
    return FORMATS[name](stream, **options)


def __getattr__(name: str) -> Any:
    if name == "render_cluster":  # the HTML module is imported only when it is used
        from wirelint.formats.html import render_cluster

        return render_cluster
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "Writer", "get_writer", "render_cluster"]
