"""Where the time goes: per family, for one article from the shell and per MB of a batch.

Not a target of its own: it names the family to look at when (b) or (e) misses.  The
cold figures come from a fresh process (module import, the load hooks, and the first
check, where lazily loaded data is read); the warm ones from the session's Host over
1 MB of the corpus, through the Host's ``trace`` of every hook call.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections import defaultdict

from _support import MB, RESULTS, python_cmd, utf8_size

from wirelint import Host

_LINE = re.compile(r"^(?P<hook>\S+) (?P<plugin>.+?) (?P<ms>[0-9.]+) ms")
_IMPORT = re.compile(r"import time:\s+\d+ \|\s+(?P<us>\d+) \|\s*(?P<module>\S+)$")

_COLD = """
import json, sys, time
t0 = time.perf_counter()
import wirelint
from wirelint import Host
lines = []
t1 = time.perf_counter()
host = Host(trace=lines.append)
t2 = time.perf_counter()
host.check(open(sys.argv[1], encoding="utf-8").read())
t3 = time.perf_counter()
print(json.dumps({"trace": lines, "import_ms": 1000 * (t1 - t0),
                  "host_ms": 1000 * (t2 - t1), "check_ms": 1000 * (t3 - t2)}))
"""


def _family(plugin: str) -> str:
    return plugin.rsplit(".", 1)[-1]


def test_cold_start_by_family(benchmark, one_article):
    cmd = python_cmd("-X", "importtime", "-c", _COLD, str(one_article))
    out = benchmark.pedantic(subprocess.run, args=(cmd,),
                             kwargs={"capture_output": True, "text": True, "check": True},
                             rounds=1, iterations=1)
    data = json.loads(out.stdout)
    imports: dict[str, float] = {}
    for line in out.stderr.splitlines():  # cumulative import time of each plugin package
        m = _IMPORT.match(line)
        if m and ((m["module"].count(".") == 1 and m["module"].startswith("wirelint_builtins."))
                  or m["module"] in ("wirelint", "wirelint_house_style")):
            imports[_family(m["module"])] = int(m["us"]) / 1000
    load: dict[str, float] = defaultdict(float)
    first: dict[str, float] = defaultdict(float)
    for line in data["trace"]:
        m = _LINE.match(line)
        if not m:
            continue
        target = load if m["hook"] in ("wirelint_rules", "wirelint_patterns",
                                       "wirelint_configure") else first
        target[_family(m["plugin"])] += float(m["ms"])
    RESULTS["cold"] = {"import_ms": data["import_ms"], "host_ms": data["host_ms"],
                       "check_ms": data["check_ms"], "imports": imports,
                       "load": dict(load), "first": dict(first)}


def test_warm_cost_by_family(benchmark, corpus):
    docs, size = [], 0
    for doc in corpus:
        docs.append(doc)
        size += utf8_size(doc)
        if size >= MB:
            break
    totals: dict[str, float] = defaultdict(float)

    def collect(line: str) -> None:
        m = _LINE.match(line)
        if m and m["hook"] not in ("wirelint_rules", "wirelint_patterns", "wirelint_configure"):
            totals[_family(m["plugin"]) if m["hook"] != "scan" else "(hot path)"] += \
                float(m["ms"])

    host = Host(entry_points=False, trace=collect)
    for doc in docs[:20]:
        host.check(doc)  # lazy data and the hot path's batch structures
    totals.clear()
    start = time.perf_counter()
    benchmark.pedantic(lambda: [host.check(d) for d in docs], rounds=1, iterations=1)
    elapsed = 1000 * (time.perf_counter() - start)
    totals["(host: language gate, scoring, rest)"] = elapsed - sum(totals.values())
    RESULTS["warm"] = {k: v / (size / MB) for k, v in totals.items()}  # ms per MB
