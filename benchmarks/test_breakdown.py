"""Where the time goes: per family, for one article from the shell and per MB of a batch.

Not a target of its own: it names the family to look at when (b) or (e) misses.  The
cold figures come from a fresh process (each family's import, with the data it loads at
import and the libraries it imports first; its load hooks; the first check, where lazily
loaded data is read); the warm ones from a Host over 1 MB of the corpus, through the
Host's ``trace`` of every hook call.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections import defaultdict

from _support import MB, RESULTS, installed_env, python_cmd, utf8_size

from wirelint import Host

_LINE = re.compile(r"^(?P<hook>\S+) (?P<plugin>.+?) (?P<ms>[0-9.]+) ms")
_LOAD_HOOKS = ("wirelint_rules", "wirelint_patterns", "wirelint_configure")

_COLD = """
import importlib, json, sys, time
t0 = time.perf_counter()
import wirelint
from wirelint import Host
from wirelint._host import builtin_plugins
t1 = time.perf_counter()
imports = {}
for name in builtin_plugins():  # a dependency counts for the first family importing it
    start = time.perf_counter()
    importlib.import_module(name)
    imports[name] = 1000 * (time.perf_counter() - start)
lines = []
t2 = time.perf_counter()
host = Host(trace=lines.append)
t3 = time.perf_counter()
host.check(open(sys.argv[1], encoding="utf-8").read())
t4 = time.perf_counter()
print(json.dumps({"trace": lines, "imports": imports, "import_ms": 1000 * (t1 - t0),
                  "plugins_ms": 1000 * (t2 - t1), "host_ms": 1000 * (t3 - t2),
                  "check_ms": 1000 * (t4 - t3)}))
"""


def _family(plugin: str) -> str:
    return plugin.rsplit(".", 1)[-1]


def test_cold_start_by_family(benchmark, one_article):
    cmd = python_cmd("-c", _COLD, str(one_article))
    run = {"capture_output": True, "text": True, "check": True, "env": installed_env()}
    subprocess.run(cmd, **run)  # writes the bytecode cache, as an installation has one
    out = benchmark.pedantic(subprocess.run, args=(cmd,), kwargs=run, rounds=1, iterations=1)
    data = json.loads(out.stdout)
    load: dict[str, float] = defaultdict(float)
    first: dict[str, float] = defaultdict(float)
    for line in data["trace"]:
        m = _LINE.match(line)
        if not m:
            continue
        target = load if m["hook"] in _LOAD_HOOKS else first
        target[_family(m["plugin"]) if m["hook"] != "scan" else "(hot path)"] += \
            float(m["ms"])
    RESULTS["cold"] = {
        "import_ms": data["import_ms"], "plugins_ms": data["plugins_ms"],
        "host_ms": data["host_ms"], "check_ms": data["check_ms"],
        "imports": {_family(k): v for k, v in data["imports"].items()},
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
        if m and m["hook"] not in _LOAD_HOOKS:
            totals[_family(m["plugin"]) if m["hook"] != "scan" else "(hot path)"] += \
                float(m["ms"])

    host = Host(entry_points=False, trace=collect)
    for doc in docs:
        host.check(doc)  # lazy data (langdetect's profiles too), batch structures
    totals.clear()
    start = time.perf_counter()
    benchmark.pedantic(lambda: [host.check(d) for d in docs], rounds=1, iterations=1)
    elapsed = 1000 * (time.perf_counter() - start)
    totals["(host: language gate, scoring, rest)"] = elapsed - sum(totals.values())
    RESULTS["warm"] = {k: v / (size / MB) for k, v in totals.items()}  # ms per MB
