"""Size limits: huge inputs are refused unread, large ones are processed in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc

from wirelint import Config, Host

PARAGRAPH = ("Officials said on Tuesday that the talks would resume next week in the capital, "
             "and that the large -scale plan was 100%certain to be discussed.\n")


def test_fifty_megabyte_file_is_refused_unread_with_a_clear_message(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk, reads would cost memory
    result = subprocess.run([sys.executable, "-m", "wirelint", "check", "--isolated",
                             "--format", "jsonl", str(big)], capture_output=True, timeout=120)
    assert result.returncode == 2
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["errors"][0]["code"] == "WL004"
    assert "52428800 bytes is over max-bytes=10000000" in record["errors"][0]["message"]


def test_library_refuses_a_fifty_megabyte_string_without_copying_it():
    text = "a" * (50 * 1024 * 1024)
    host = Host(entry_points=False)  # built first: compiling the lexicons is not the check
    tracemalloc.start()
    report = host.check(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.errors[0].code == "WL004"
    assert peak < 5 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_large_document_is_processed_in_memory_proportional_to_its_size():
    text = PARAGRAPH * (100_000 // len(PARAGRAPH))
    host = Host(entry_points=False)
    host.check("warm up the lazy data: the large -scale plan.")
    tracemalloc.start()
    report = host.check(text, Config(max_bytes=100_000_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.findings
    assert peak < 60 * len(text), f"peak {peak / 1e6:.1f} MB for {len(text) / 1e6:.1f} MB"
