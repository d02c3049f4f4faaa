"""Shared benchmark data and the side-by-side summary table (issue 6).

Benchmarks live outside ``testpaths`` and are never imported by tests.  Run them with
``python -m pytest benchmarks --benchmark-only`` (see benchmarks/README.md).

The corpus is real article text: ``fixtures/articles``, the seed articles and the news
dev set under ``../shared`` when present, or whatever ``WIRELINT_BENCH_CORPUS`` names (a
directory of ``*.txt`` files or a JSON Lines file with a ``text`` field).  It is repeated
and shuffled with a fixed seed until it reaches 5 MB, so every run reads the same bytes.

Every benchmark records its figure with the ``record`` fixture; at the end of the session
the figures, their ratios and the issue's targets are printed as one Markdown table (and
written as JSON to ``WIRELINT_BENCH_REPORT`` when that is set).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _support import (
    CORPUS_BYTES,
    MB,
    RESULTS,
    breakdown_table,
    load_articles,
    machine,
    markdown_table,
    repeat_shuffled,
    summary_rows,
    utf8_size,
)

from wirelint import Host


def pytest_sessionstart(session: pytest.Session) -> None:
    RESULTS.setdefault("_meta", {})["load average at start"] = f"{os.getloadavg()[0]:.1f}"


@pytest.fixture(scope="session")
def articles() -> list[str]:
    texts, source = load_articles()
    RESULTS.setdefault("_meta", {})["corpus"] = (
        f"{source}; {len(texts)} articles, {utf8_size(texts) / MB:.2f} MB distinct")
    return texts


@pytest.fixture(scope="session")
def corpus(articles: list[str]) -> list[str]:
    """At least 5 MB of articles, repeated and shuffled with a fixed seed."""
    return repeat_shuffled(articles, CORPUS_BYTES)


@pytest.fixture(scope="session")
def host() -> Host:
    """Every built-in family that is loaded, nothing else installed."""
    h = Host(entry_points=False)
    meta = RESULTS.setdefault("_meta", {})
    meta["families"] = ", ".join(p.prefix for p in h.plugins if p.status == "loaded")
    meta["rules"] = f"{len(h.rules)} rules, {h.pattern_count} pattern rules"
    return h


@pytest.fixture(scope="session")
def one_article(articles: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A typical article (the median-sized one) as a file."""
    ranked = sorted(articles, key=len)
    path = tmp_path_factory.mktemp("one") / "one.txt"
    path.write_text(ranked[len(ranked) // 2], encoding="utf-8")
    RESULTS.setdefault("_meta", {})["one article"] = f"{utf8_size(ranked[len(ranked) // 2])} bytes"
    return path


@pytest.fixture
def record() -> Callable[..., None]:
    """``record(key, **figures)`` keeps a figure for the session's summary table."""

    def _record(key: str, **values: Any) -> None:
        RESULTS.setdefault(key, {}).update(values)

    return _record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    rows = summary_rows()
    if not rows:
        return
    tr = terminalreporter
    tr.section("wirelint benchmarks (issue 6 targets)")
    tr.write_line(f"machine: {machine()}")
    load = RESULTS.get("_meta", {}).get("load average at start", "?")
    RESULTS.setdefault("_meta", {})["load average at start / end"] = (
        f"{load} / {os.getloadavg()[0]:.1f} (other processes share these cores)")
    RESULTS["_meta"].pop("load average at start", None)
    for key, value in sorted(RESULTS.get("_meta", {}).items()):
        tr.write_line(f"{key}: {value}")
    tr.write_line("")
    tr.write_line(markdown_table())
    breakdown = breakdown_table()
    if breakdown:
        tr.write_line("")
        tr.write_line(breakdown)
    out = os.environ.get("WIRELINT_BENCH_REPORT")
    if out:
        Path(out).write_text(json.dumps(
            {"machine": machine(), "results": RESULTS, "table": markdown_table()},
            indent=2, default=str), encoding="utf-8")
