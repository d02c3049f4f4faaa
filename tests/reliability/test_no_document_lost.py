"""N documents in, N records out: corrupt records become error records naming their line."""

from __future__ import annotations

import json
import random
import subprocess
import sys

from wirelint import Config, Document, Host

from .._stubs import stub_rule

TEXTS = [
    "The council approved the budget on Tuesday, officials said.",
    "Officials said the large -scale plan was 100%certain to pass.",
    "Les négociateurs se sont réunis vendredi à Istanbul pour des pourparlers.",
    "",
    "Police said the road would reopen on Friday after repairs were finished.",
]
CORRUPT = [
    b"{not json at all",
    json.dumps({"id": "x"}).encode(),  # missing text
    json.dumps({"id": "y", "text": 42}).encode(),  # non-string text
    b'{"id": "z", "text": "caf\xe9"}',  # invalid UTF-8
    b"[1, 2, 3]",  # not an object
    b"",  # blank line
]


def test_ten_thousand_records_with_one_percent_corrupt_give_ten_thousand_results(tmp_path):
    rng = random.Random(7)
    lines, corrupt_lines = [], set()
    for i in range(10_000):
        if rng.random() < 0.01:
            lines.append(rng.choice(CORRUPT))
            corrupt_lines.add(i + 1)
        else:
            lines.append(json.dumps({"id": f"doc{i}", "text": rng.choice(TEXTS)}).encode())
    data = tmp_path / "batch.jsonl"
    data.write_bytes(b"\n".join(lines) + b"\n")
    result = subprocess.run(
        [sys.executable, "-m", "wirelint", "check", "--isolated", "--jsonl", "--format",
         "jsonl", "--jobs", "2", str(data)], capture_output=True, timeout=900)
    assert result.returncode == 2, result.stderr.decode()[-2000:]  # corrupt input present
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 10_000
    for lineno, record in enumerate(records, start=1):
        codes = {e["code"] for e in record["errors"]}
        if lineno in corrupt_lines:
            assert codes & {"WL002", "WL005"}, record
            assert f":{lineno}" in record["id"] or f":{lineno}" in record["errors"][0]["message"]
        else:
            assert record["id"] == f"doc{lineno - 1}"
            assert not codes & {"WL002", "WL005"}


def test_library_batch_with_bad_items_keeps_every_document():
    host = Host(entry_points=False)
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(TEXTS * 3)]
    reports = list(host.check_many(docs, jobs=1, config=Config()))
    assert [r.id for r in reports] == [d.id for d in docs]


def test_a_killed_worker_does_not_hang_the_batch_and_only_its_document_is_lost():
    import os
    import signal

    from wirelint import Severity, hookimpl

    class Killer:
        WIRELINT_PREFIX = "ZK"

        @hookimpl
        def wirelint_rules(self):
            return [stub_rule("ZK101", name="zk", severity=Severity.INFO)]

        @hookimpl
        def wirelint_check(self, document):
            if "KILL" in document.text:
                os.kill(os.getpid(), signal.SIGKILL)
            return []

    host = Host(plugins=[Killer()], entry_points=False)
    docs = [Document(text=f"Officials said report {i} was ready{' KILL' if i == 13 else ''}.",
                     id=str(i)) for i in range(40)]
    reports = list(host.check_many(docs, jobs=2))
    assert [r.id for r in reports] == [str(i) for i in range(40)]
    died = [r.id for r in reports if any(e.code == "WL093" for e in r.errors)]
    assert died == ["13"]
