"""Every hook a wirelint plugin may implement; each docstring is the plugin author's manual.

Implementations may accept any *subset* of a hook's arguments (pluggy passes only the
names an implementation asks for), so adding an argument later breaks no plugin.

A plugin is any module or object with ``@hookimpl``-decorated functions.  It owns one code
prefix (its entry-point name in the ``wirelint`` group, or its ``WIRELINT_PREFIX``
attribute), and every code it declares or emits must start with that prefix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from wirelint._scanner import Scan
    from wirelint.config import Config
    from wirelint.model import Document, Finding, Pattern, Report, Rule

PROJECT_NAME = "wirelint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Decorate plugin functions with this marker to implement a hook.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# --------------------------------------------------------------------------------------
# Load-time hooks: called once per Host, through pluggy.
# --------------------------------------------------------------------------------------


@hookspec
def wirelint_rules() -> Sequence[Rule]:
    """Declare the rules this plugin provides.

    :returns: The plugin's :class:`~wirelint.Rule` objects.  Every code must match
        ``^[A-Z]{2,3}[0-9]{3}$`` and start with the plugin's prefix.

    All implementations are called; results are concatenated.  The rules feed
    ``wirelint rules``, ``wirelint explain``, ``--select``/``--ignore`` and the catalogue
    test.

    If it raises, or declares a code outside its prefix or a code another plugin
    declared, the plugin is refused: it is dropped with a ``WL080 plugin-refused``
    problem in every report (or :class:`~wirelint.PluginError` is raised when the plugin
    was named explicitly or ``strict=True``).

    Thread-safety: called once at load; return fresh or immutable objects.

    .. versionadded:: 0.1
    """


@hookspec
def wirelint_patterns() -> Sequence[Pattern]:
    """Declare pattern rules for the compiled hot path.

    :returns: :class:`~wirelint.Pattern` objects.  Each pattern's code must be one of
        the plugin's own rules.

    All implementations are called; results are concatenated.  The host compiles every
    pattern once, at load: lexicons of all plugins are merged into one trie-built
    alternation; structural regexes run as separate passes behind their prefilter.
    Patterns of third-party plugins run on the ``regex`` engine with a time budget.

    If it raises, or a pattern fails to compile, the plugin is refused as for
    :func:`wirelint_rules`.

    Thread-safety: guards and message callables are called concurrently from many
    threads; they must be pure functions.

    .. versionadded:: 0.1
    """


@hookspec
def wirelint_configure(config: Config) -> None:
    """Read this plugin's options before any document is checked.

    :param config: The resolved configuration; plugin options live in
        ``config.options`` (``[tool.wirelint.options]``).
    :returns: Nothing.  Validate the options here; read them again per document from
        the ``config`` argument of :func:`wirelint_check` (a module is shared by every
        Host in the process, so options stored on it leak between configurations).

    All implementations are called, once per Host.  If it raises, the plugin is
    refused as for :func:`wirelint_rules`, with the exception's message as the reason.

    Thread-safety: called once at load, before any check; do not keep per-document
    state.

    .. versionadded:: 0.1
    """


# --------------------------------------------------------------------------------------
# Per-document hooks: the host calls each implementation on its own (isolation).
# --------------------------------------------------------------------------------------


@hookspec
def wirelint_check(document: Document, scan: Scan, config: Config) -> Sequence[Finding]:
    """Return findings from programmatic (non-pattern) rules for one document.

    :param document: The document; ``document.text`` is the original text as it prints
        (invisible characters out, HTML references decoded and tags out, letters
        composed, mojibake repaired, every line end ``\\n``: see ``wirelint._visible``),
        hard-wrapped lines read as their paragraphs (``wirelint.text.unwrap``); the
        host maps spans back onto the original.
    :param scan: The hot path's result for this document (pattern findings, words,
        sentences), computed once and shared by all plugins.
    :param config: The resolved configuration.
    :returns: Findings whose spans index ``document.text`` and whose codes are the
        plugin's own.  ``plugin``, ``name``, ``line`` and ``col`` are stamped by the host.

    The host calls every implementation separately (no hook wrappers).  Not called for
    empty or non-English documents.

    If it raises, the exception becomes a ``WL090 plugin-failed`` problem in the report,
    naming the plugin, and every other plugin's findings are kept.  A third-party
    implementation that runs past its time budget (2 s per 100 KB of text, see
    ``Host(plugin_timeout=...)``) has its result dropped with ``WL091 plugin-timeout``.
    A finding with a bad span, wrong evidence, wrong type or a foreign code is dropped
    with a ``WL092 plugin-contract`` problem.

    Thread-safety: called concurrently from many threads on one Host; must not mutate
    module or plugin state.

    .. versionadded:: 0.1
    """


@hookspec
def wirelint_measure(document: Document, scan: Scan, config: Config) -> Mapping[str, float]:
    """Return document-level measurements for the scorer (statistical detectors).

    A statistical model has something to say about *every* document, not only about the
    few where it is confident enough to raise a finding; the scorer needs that
    continuous value to rank documents.  Findings stay the reader's explanation.

    :param document: The document; ``document.text`` is the original text as it prints
        (invisible characters out, HTML references decoded and tags out, letters
        composed, mojibake repaired, every line end ``\\n``: see ``wirelint._visible``),
        hard-wrapped lines read as their paragraphs (``wirelint.text.unwrap``); the
        host maps spans back onto the original.
    :param scan: The hot path's result for this document.
    :param config: The resolved configuration.
    :returns: ``{code: probability}``: each key is one of the plugin's own rule codes
        (the measurement is dropped when that rule is not selected), each value a
        probability in 0..1.  Return ``{}`` when the document is too short to measure.

    The host calls every implementation separately and passes the merged mapping to
    the scorer in ``Report.evidence`` (the built-in scorer uses the codes listed under
    ``statistical`` in its weights).  Not called for empty or non-English documents.

    If it raises, the exception becomes ``WL090 plugin-failed`` and its measurements
    are dropped; a foreign code or a value outside 0..1 is dropped with
    ``WL092 plugin-contract``; an overrun of the time budget gives ``WL091``.

    Thread-safety: as :func:`wirelint_check`.

    .. versionadded:: 0.1
    """


@hookspec
def wirelint_check_cluster(
    documents: Sequence[Document], reports: Sequence[Report], config: Config
) -> Sequence[Any]:
    """Return cross-document findings for a cluster of versions of one story.

    :param documents: The cluster's documents, in input order, each ``text`` read as
        ``wirelint_check`` reads it (as it prints, hard wrapping undone); the host maps
        spans back onto the originals.
    :param reports: Their single-document reports, in the same order.
    :param config: The resolved configuration.
    :returns: ``(index, Finding)`` pairs: the finding belongs to ``documents[index]``;
        an implementation may also include one :class:`~wirelint.model.ClusterReport`
        carrying the cluster analysis (similarity, relations, likely source).

    The host calls every implementation separately.  If it raises, the problem becomes
    ``WL090 plugin-failed`` in the cluster report and the others still run.

    Thread-safety: as :func:`wirelint_check`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def wirelint_score(report: Report, document: Document, config: Config) -> Report | None:
    """Replace the built-in scorer.

    :param report: The report with findings but default score, verdict and
        probabilities.
    :param document: The document the report is about (for length normalisation).
    :param config: The resolved configuration.
    :returns: A new report (use :func:`dataclasses.replace`) with ``score``,
        ``verdict`` and ``probabilities`` set, or ``None`` to defer.

    The first non-``None`` result wins (``firstresult``); when every implementation
    returns ``None`` the built-in scorer runs.  If it raises, the built-in scorer runs
    and ``WL090 plugin-failed`` is added to the report.  Only the result's ``score``
    (a number in 0..100), ``verdict`` (a ``Verdict``), ``probabilities`` (numbers in
    0..1) and ``evidence`` (str to finite numbers) are taken, after they are checked:
    the findings, errors and id stay the host's.  A result that fails the check adds
    ``WL092 plugin-contract`` and the built-in scorer runs.

    Thread-safety: as :func:`wirelint_check`.

    .. versionadded:: 0.1
    """
