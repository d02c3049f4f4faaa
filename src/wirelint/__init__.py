"""wirelint: is this English news copy machine-translated, machine-paraphrased, or clean?

The public API is exactly ``__all__``.  ``check`` and ``check_many`` use a shared default
:class:`Host` (built-ins plus installed entry-point plugins), created on first use; build
your own ``Host(plugins=[...], entry_points=False)`` to pin the plugin set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from wirelint import _forksafe
from wirelint._host import Host, PluginError, PluginInfo
from wirelint._scanner import Scan
from wirelint._version import __version__
from wirelint.config import Config, ConfigError, load_config
from wirelint.hookspecs import hookimpl
from wirelint.model import (
    ClusterReport,
    Document,
    Finding,
    Padding,
    Pattern,
    Probabilities,
    Problem,
    Report,
    Rule,
    Severity,
    Signal,
    Span,
    Verdict,
)

__all__ = [
    "ClusterReport",
    "Config",
    "ConfigError",
    "Document",
    "Finding",
    "Host",
    "Padding",
    "Pattern",
    "PluginError",
    "PluginInfo",
    "Probabilities",
    "Problem",
    "Report",
    "Rule",
    "Scan",
    "Severity",
    "Signal",
    "Span",
    "Verdict",
    "__version__",
    "check",
    "check_cluster",
    "check_many",
    "default_host",
    "hookimpl",
    "load_config",
]

_default: Host | None = None
_default_lock = _forksafe.Lock()


def default_host() -> Host:
    """The shared Host used by :func:`check` and :func:`check_many` (built once)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Host()
    return _default


def check(document: str | Document, config: Config | None = None) -> Report:
    """Check one document (a string or a :class:`Document`) and return its report.

    A ``config`` whose selectors name no rule raises :class:`ConfigError`, as the
    command line's ``--select`` does.
    """
    return default_host().check(document, config)


def check_many(
    documents: Iterable[str | Document], jobs: int = 1, config: Config | None = None
) -> Iterator[Report]:
    """Check many documents; yields one report per input, in input order.

    ``documents`` is an iterable of documents (a single string is refused, not read one
    character at a time) and ``jobs`` at least 1; bad arguments raise at the call.
    """
    return default_host().check_many(documents, jobs=jobs, config=config)


def check_cluster(documents: Iterable[str | Document],
                  config: Config | None = None) -> ClusterReport:
    """Check several versions of one story together (similarity, relations, likely
    source, derivation, cross-document XD6xx findings); see README "Story clusters"."""
    host = default_host()  # a single string is refused there, not split into characters
    return host.check_cluster(documents if isinstance(documents, Sequence)
                              else list(documents), config)
