"""(a) The hot path alone, next to the raw limit measured in the same run.

The raw limit is one pass of ``\\b\\w+\\b`` that makes a match object per token: anything
in Python that touches every token is capped near there.  The hot path (every pattern
rule of every loaded family: merged lexicon tries plus structural passes) should run at
half that speed or better.
"""

from __future__ import annotations

import statistics
import time

import pytest
from _support import MB, median_seconds, raw_pass, utf8_size


def _hot_path(scanner, enabled, docs: list[str]) -> int:
    n = 0
    for doc in docs:
        n += len(scanner.scan(doc, enabled).findings)
    return n


def test_raw_word_pass(benchmark, corpus, record):
    seconds = median_seconds(benchmark, lambda: raw_pass(corpus), rounds=5)
    record("raw", mb_s=utf8_size(corpus) / MB / seconds)


def test_hot_path(benchmark, corpus, host, record):
    scanner = host._state.scanner
    enabled = host.enabled_codes().__contains__
    seconds = median_seconds(benchmark, lambda: _hot_path(scanner, enabled, corpus), rounds=5)
    record("hot", mb_s=utf8_size(corpus) / MB / seconds,
           findings=_hot_path(scanner, enabled, corpus), engine=scanner.engine)


def test_hot_path_against_raw_in_alternating_rounds(benchmark, corpus, host, record):
    """The ratio the target reads: each round times one raw pass and then one hot-path
    pass, so both see the same machine (the two tests above run seconds apart, and on a
    shared machine the raw pass alone has read 15 to 29 MB/s within minutes)."""
    scanner = host._state.scanner
    enabled = host.enabled_codes().__contains__
    ratios: list[float] = []

    def one_round() -> None:
        start = time.perf_counter()
        raw_pass(corpus)
        middle = time.perf_counter()
        _hot_path(scanner, enabled, corpus)
        ratios.append((middle - start) / (time.perf_counter() - middle))

    benchmark.pedantic(one_round, rounds=5, iterations=1, warmup_rounds=1)
    del ratios[:-5]  # the warm-up round
    record("paired", ratio=statistics.median(ratios), rounds=[round(r, 3) for r in ratios])


def test_hot_path_reference_engine(benchmark, corpus, host, record):
    """The same rules on the reference path only (no optional engine), for comparison."""
    from wirelint._scanner import Scanner

    fast = host._state.scanner
    if fast.engine == "re":
        pytest.skip("no optional engine is installed: the hot path above is the reference")
    scanner = Scanner(host._patterns, host.rules, engine="re")
    enabled = host.enabled_codes().__contains__
    seconds = median_seconds(benchmark, lambda: _hot_path(scanner, enabled, corpus), rounds=3)
    record("hot_reference", mb_s=utf8_size(corpus) / MB / seconds)
