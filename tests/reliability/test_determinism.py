"""Same input, byte-identical JSON: across runs, across jobs=1/jobs=2, across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wirelint import Document, Host
from wirelint.formats.json import dumps

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def _corpus() -> list[Document]:
    docs = [Document(text=p.read_text(encoding="utf-8"), id=p.name)
            for p in sorted(FIXTURES.rglob("*.txt"))]
    # Vary them so every document differs but stays realistic.
    return [Document(text=f"{d.text}\nUpdate {i}: officials said talks would resume.",
                     id=f"{i}-{d.id}") for i in range(6) for d in docs]


def test_two_runs_give_byte_identical_json():
    host = Host(entry_points=False)
    docs = _corpus()
    first = [dumps(host.check(d)) for d in docs]
    second = [dumps(Host(entry_points=False).check(d)) for d in docs]
    assert first == second


def test_jobs_one_and_jobs_two_give_byte_identical_json():
    host = Host(entry_points=False)
    docs = _corpus()
    serial = [dumps(r) for r in host.check_many(docs, jobs=1)]
    parallel = [dumps(r) for r in host.check_many(docs, jobs=2)]
    assert serial == parallel


def test_many_threads_on_one_host_match_the_single_threaded_results():
    host = Host(entry_points=False)
    docs = _corpus() * 3
    expected = [dumps(host.check(d)) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: dumps(host.check(d)), docs))
    assert got == expected


def test_process_restarts_with_different_hash_seeds_give_identical_output(tmp_path):
    paths = sorted(str(p) for p in FIXTURES.rglob("*.txt"))
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "wirelint", "check", "--isolated", "--format", "jsonl",
             *paths], capture_output=True, env=env, timeout=300)
        assert result.returncode in (0, 1), result.stderr.decode()
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(paths)
    for line in outputs[0].splitlines():
        json.loads(line)


def test_reports_carry_no_time_stamps():
    report = Host(entry_points=False).check("The council met on Tuesday, officials said.")
    text = dumps(report)
    for key in ("time", "date", "timestamp", "elapsed"):
        assert f'"{key}"' not in text
