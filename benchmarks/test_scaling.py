"""(c) Scaling: one document of 1 KB, 100 KB, 1 MB and 10 MB through ``check``.

Time per MB must stay flat (each size within 1.5x of the median): a quadratic step, such
as a bounded repetition like ``[^.]{300,}`` or a per-finding rescan of the text, shows up
here long before it shows up on articles.
"""

from __future__ import annotations

import pytest
from _support import MB, check_uncached, median_seconds, one_document, utf8_size

from wirelint import Config

BIG = Config(max_bytes=64 * MB)
SIZES = {"1KB": 1_000, "100KB": 100_000, "1MB": MB, "10MB": 10 * MB}
#: (rounds, calls per round): small documents are timed in batches so the clock resolves.
REPEAT = {"1KB": (10, 200), "100KB": (5, 2), "1MB": (3, 1), "10MB": (1, 1)}


@pytest.mark.parametrize("label", list(SIZES))
def test_time_per_megabyte_is_flat(benchmark, articles, host, record, label):
    doc = one_document(articles, SIZES[label])
    rounds, calls = REPEAT[label]
    host.check(doc[:20_000], BIG)  # lazy data and batch structures are not per-MB costs

    def run():
        for _ in range(calls):  # every call pays in full (no per-text cache)
            check_uncached(host, doc, BIG)

    seconds = median_seconds(benchmark, run, rounds=rounds, warmup=0) / calls
    size = utf8_size(doc)
    record(f"scale_{label}", s_per_mb=seconds / (size / MB), bytes=size)
