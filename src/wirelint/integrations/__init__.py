"""Adapters that run wirelint inside existing distributed engines (Spark, Dask).

Each adapter is an optional extra (``pip install 'wirelint[spark]'`` / ``'wirelint[dask]'``)
imported only when used.  Both ship a :class:`HostSpec` to the workers, which build one
Host per worker process from it (never one per row) and cache it there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wirelint import _forksafe
from wirelint._host import Host
from wirelint.config import Config
from wirelint.model import Document, Report

__all__ = ["FINDING_FIELDS", "HostSpec", "report_row", "rows_for"]

#: The fields of one finding in a result row, in order (the declared struct schema).
FINDING_FIELDS = ("code", "name", "start", "end", "line", "col", "evidence", "message",
                  "confidence", "suggestion", "plugin")
ERROR_FIELDS = ("code", "name", "message", "plugin")


@dataclass(frozen=True, slots=True)
class HostSpec:
    """Everything a worker needs to rebuild the driver's Host: picklable and hashable.

    ``plugins`` are importable module names (``None`` = the built-in families);
    ``entry_points`` adds installed third-party plugins.  The workers' reports carry the
    Host signature, which proves on every row which detectors ran.
    """

    plugins: tuple[str, ...] | None = None
    entry_points: bool = False
    config: Config = field(default_factory=Config)

    def build(self) -> Host:
        """Build the Host this spec describes."""
        return Host(plugins=self.plugins, entry_points=self.entry_points, config=self.config)


_hosts: dict[tuple[HostSpec, str], Host] = {}
_lock = _forksafe.Lock()


def host_for(spec: HostSpec) -> Host:
    """The worker's Host for ``spec``, built on first use and cached for the process."""
    key = (spec, repr(sorted(spec.config.options.items())))  # options are not hashed
    host = _hosts.get(key)
    if host is None:
        with _lock:
            host = _hosts.get(key)
            if host is None:
                host = _hosts[key] = spec.build()
    return host


def report_row(report: Report) -> dict[str, Any]:
    """Flatten a report into the columns both adapters add."""
    p = report.probabilities
    return {
        "score": report.score,
        "verdict": str(report.verdict),
        "p_machine_translated": p.machine_translated,
        "p_machine_paraphrased": p.machine_paraphrased,
        "p_human": p.human,
        "findings": [{k: getattr(f, k) if k not in ("start", "end") else getattr(f.span, k)
                      for k in FINDING_FIELDS} for f in report.findings],
        "errors": [{k: getattr(e, k) for k in ERROR_FIELDS} for e in report.errors],
        "signature": report.signature,
    }


def rows_for(spec: HostSpec, records: Iterable[Mapping[str, Any]], *, id_col: str = "id",
             text_col: str = "text") -> Iterator[dict[str, Any]]:
    """Check each ``{id, text}`` record on the worker's cached Host; one row per record.

    A missing or non-string text gives a ``WL005 invalid-record`` row, never an exception,
    so a partition never loses a document.
    """
    host = host_for(spec)
    for record in records:
        doc_id = record.get(id_col)
        doc_id = None if doc_id is None else str(doc_id)
        text = record.get(text_col)
        if isinstance(text, str):
            report = host.check(Document(text=text, id=doc_id))
        else:
            report = host.problem_report(doc_id, "WL005",
                                         f"{doc_id}: {text_col!r} is not a string")
        yield {id_col: doc_id, **report_row(report)}
