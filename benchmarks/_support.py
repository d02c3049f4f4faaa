"""Helpers shared by the benchmark modules (corpus building, timing, the summary table)."""

from __future__ import annotations

import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIRELINT_SHARED", ROOT.parent / "shared"))
CORPUS_ENV = "WIRELINT_BENCH_CORPUS"
#: Bytes (UTF-8) of article text the throughput benchmarks read per round.
CORPUS_BYTES = 5_000_000
SEED = 6
MB = 1_000_000  #: a megabyte here is 10^6 bytes of UTF-8

#: Figures recorded by the benchmarks, by key; printed as one table at the end.
RESULTS: dict[str, Any] = {}

#: The raw limit (issue 6): one pass of ``\b\w+\b`` that makes a match object per token.
RAW = re.compile(r"\b\w+\b")
#: The raw pass's speed on the machine issue 6's absolute targets were set on ("about 20
#: MB/s"; "hot path >= 0.5x ... that is, about 10 MB/s here").  This machine reads 26 to
#: 32 MB/s when quiet, so an absolute figure measured here flatters by a third or more;
#: the (b) rows are also given scaled by the raw pass timed beside them.
REFERENCE_RAW_MB_S = 20.0


def raw_pass(docs: list[str]) -> int:
    """The raw limit over ``docs``: count the matches of :data:`RAW`."""
    n = 0
    for doc in docs:
        for _ in RAW.finditer(doc):
            n += 1
    return n


# ------------------------------------------------------------------------------ corpus


def _texts_from(path: Path) -> list[str]:
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    return [path.read_text(encoding="utf-8")]


def load_articles() -> tuple[list[str], str]:
    """The distinct articles and a one-line description of where they came from."""
    env = os.environ.get(CORPUS_ENV)
    if env:
        texts = _texts_from(Path(env))
        source = f"{CORPUS_ENV}={env}"
    else:
        sources = [ROOT / "fixtures" / "articles", SHARED / "seeds",
                   SHARED / "corpus" / "wmt-news-mt" / "dev.jsonl"]
        texts, used = [], []
        for src in sources:
            if src.exists():
                found = _texts_from(src)
                texts += found
                used.append(f"{src.relative_to(src.parents[1])} ({len(found)})")
        source = ", ".join(used)
    texts = [t for t in texts if t.strip()]
    if not texts:
        pytest.skip("no article text found for the benchmarks")
    return texts, source


def repeat_shuffled(texts: list[str], target: int, seed: int = SEED) -> list[str]:
    """Shuffled copies of ``texts`` (fixed seed) until their UTF-8 size reaches ``target``."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < target:
        batch = texts[:]
        rng.shuffle(batch)
        for text in batch:
            out.append(text)
            size += len(text.encode("utf-8"))
            if size >= target:
                break
    return out


def one_document(texts: list[str], size: int, seed: int = SEED) -> str:
    """One document of ``size`` bytes: articles joined by blank lines, cut at a space."""
    body = "\n\n".join(repeat_shuffled(texts, size + 10_000, seed))
    data = body.encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = data.rfind(" ")
    return data[:cut] if cut > size // 2 else data


def utf8_size(texts: list[str] | str) -> int:
    if isinstance(texts, str):
        return len(texts.encode("utf-8"))
    return sum(len(t.encode("utf-8")) for t in texts)


# ------------------------------------------------------------------------------ timing


def clear_text_caches() -> None:
    """Forget per-text results: ST7 keeps its analysis of the last few texts (so its
    check and measure hooks share one), and a benchmark that checks the same text
    again must pay for every check, as a stream of distinct articles does."""
    try:
        from wirelint_builtins.stylometry import _analysis
    except ImportError:
        return
    _analysis.cache_clear()


def check_uncached(host: Any, text: str, config: Any = None) -> Any:
    """``host.check`` with the per-text caches cleared first."""
    clear_text_caches()
    return host.check(text) if config is None else host.check(text, config)


def median_seconds(benchmark: Any, fn: Callable[[], Any], *, rounds: int,
                   warmup: int = 1) -> float:
    """Run ``fn`` under pytest-benchmark and return its median seconds per call.

    With ``--benchmark-disable`` pytest-benchmark keeps no statistics; time it by hand.
    """
    benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=warmup)
    stats = getattr(benchmark, "stats", None)
    if stats is not None:
        return float(stats.stats.median)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def installed_env() -> dict[str, str]:
    """The environment of a process as an installed package runs: bytecode cached.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in some sandboxes) every run would compile
    wirelint's own modules from source while proselint's come precompiled from its
    wheel; the cache goes to a directory outside the tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "wirelint-bench-pyc"))
    return env


def process_seconds(cmd: list[str], runs: int) -> float:
    """Median wall time of a whole process (start-up included), after one warm-up run."""
    env = installed_env()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ------------------------------------------------------------------------------ summary


def _get(key: str, field: str) -> float | None:
    return RESULTS.get(key, {}).get(field)


def _median_of(key: str) -> str:
    """How many rounds a recorded median was taken over (one under --benchmark-disable)."""
    rounds = len(RESULTS[key]["rounds"])
    return f"median of {rounds}" if rounds > 1 else "1 round"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "–" if value is None else format(value, spec)


def summary_rows() -> list[tuple[str, str, str, str]]:
    """(measure, figure, target, met?) rows from whatever ran this session."""
    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, figure: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((name, figure, target, "" if ok is None else ("yes" if ok else "**no**")))

    raw, hot = _get("raw", "mb_s"), _get("hot", "mb_s")
    if raw is not None:
        row("(a) raw `\\b\\w+\\b` pass, same corpus", f"{raw:.1f} MB/s")
    paired = _get("paired", "ratio")
    if hot is not None:
        r = _ratio(hot, raw)
        row("(a) hot path (scanner.scan)", f"{hot:.1f} MB/s")
        if r is not None:
            row("(a) hot path / raw, from the two rows above", f"{r:.2f}x")
    if paired is not None:
        row(f"(a) hot path / raw, alternating rounds ({_median_of('paired')})", f"{paired:.2f}x",
            ">= 0.5x", paired >= 0.5)
    ref = _get("hot_reference", "mb_s")
    if ref is not None:
        row("(a) hot path, reference engine only", f"{ref:.1f} MB/s")
    one, two = _get("e2e_1", "mb_s"), _get("e2e_2", "mb_s")
    scaled = RESULTS.get("scaled_1")  # when it ran, it judges the absolute (b) targets
    if one is not None:
        target, ok = ("scaled below", None) if scaled else (">= 1 MB/s", one >= 1.0)
        row("(b) end-to-end `check`, 1 process",
            f"{one:.2f} MB/s, {_get('e2e_1', 'docs_s'):.0f} articles/s", target, ok)
    five = _get("e2e_5kb", "docs_s")
    if five is not None:
        target, ok = ("scaled below", None) if scaled else (">= 200 articles/s", five >= 200)
        row("(b) end-to-end `check`, articles of 5 KB, 1 process",
            f"{_get('e2e_5kb', 'mb_s'):.2f} MB/s, {five:.0f} articles/s", target, ok)
    if scaled:
        row(f"(b) 1 process, scaled to the issue's raw pass ({REFERENCE_RAW_MB_S:.0f} MB/s; "
            f"here {scaled['raw_mb_s']:.1f}), alternating rounds ({_median_of('scaled_1')})",
            f"{scaled['mb_s']:.2f} MB/s", ">= 1 MB/s", scaled["mb_s"] >= 1.0)
        row("(b) articles of 5 KB, 1 process, scaled likewise",
            f"{scaled['five_kb_docs_s']:.0f} articles/s", ">= 200 articles/s",
            scaled["five_kb_docs_s"] >= 200)
    paired_jobs = _get("paired_jobs", "ratio")
    if two is not None:
        r = _ratio(two, one)
        row("(b) end-to-end `check_many(jobs=2)`",
            f"{two:.2f} MB/s, {_get('e2e_2', 'docs_s'):.0f} articles/s")
        if r is not None:
            row("(b) jobs=2 / 1 process, from the two rows above", f"{r:.2f}x")
    if paired_jobs is not None:
        row(f"(b) jobs=2 / 1 process, alternating rounds ({_median_of('paired_jobs')})",
            f"{paired_jobs:.2f}x", ">= 1.7x", paired_jobs >= 1.7)
    wl1, pl1 = _get("doc1mb_wirelint", "mb_s"), _get("doc1mb_proselint", "mb_s")
    if wl1 is not None:
        row("(b) wirelint, one 1 MB document", f"{wl1:.2f} MB/s")
    if pl1 is not None:
        row("(b) proselint, the same 1 MB document", f"{pl1:.2f} MB/s")
        r = _ratio(wl1, pl1)
        if r is not None:
            row("(b) wirelint / proselint on 1 MB", f"{r:.1f}x", ">= 3x", r >= 3.0)
    per_mb = {k[len("scale_"):]: v["s_per_mb"] for k, v in sorted(
        RESULTS.items(), key=lambda kv: kv[1].get("bytes", 0)) if k.startswith("scale_")}
    if per_mb:
        med = statistics.median(per_mb.values())
        worst = max(max(v / med, med / v) for v in per_mb.values())
        for size, value in per_mb.items():
            row(f"(c) one {size} document", f"{value:.3f} s/MB ({value / med:.2f}x median)")
        row("(c) time per MB, worst / median", f"{worst:.2f}x", "<= 1.5x", worst <= 1.5)
    peak = _get("mem_1mb", "peak_mb")
    if peak is not None:
        row("(d) peak Python allocation checking one 1 MB document", f"{peak:.1f} MB")
    for key, label in (("mem_process", "one article"), ("mem_process_1mb", "one 1 MB file")):
        rss = _get(key, "rss_mb")
        if rss is not None:
            row(f"(d) max RSS of `wirelint check` on {label}", f"{rss:.0f} MB")
    wl, pl = _get("proc_wirelint", "ms"), _get("proc_proselint", "ms")
    if wl is not None:
        row("(e) `wirelint check one.txt`, whole process", f"{wl:.0f} ms")
    if pl is not None:
        row("(e) `proselint check one.txt`, whole process", f"{pl:.0f} ms")
        r = _ratio(wl, pl)
        if r is not None:
            row("(e) wirelint / proselint, one article", f"{r:.2f}x", "<= 2x", r <= 2.0)
    py = _get("proc_python", "ms")
    if py is not None:
        row("(e) `python -c pass`, whole process", f"{py:.0f} ms")
    return rows


def markdown_table() -> str:
    lines = ["| measure | figure | target | met |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary_rows()]
    return "\n".join(lines)


def breakdown_table() -> str:
    """Per family: import, load hooks and first check of a cold process; ms per MB warm."""
    cold, warm = RESULTS.get("cold"), RESULTS.get("warm")
    if not cold and not warm:
        return ""
    cold = cold or {}
    families = sorted(set(cold.get("imports", {})) | set(cold.get("load", {}))
                      | set(cold.get("first", {})) | set(warm or {}))
    lines = ["| family | import (ms) | load hooks (ms) | first check (ms) | warm (ms per MB) |",
             "| --- | --- | --- | --- | --- |"]
    for fam in families:
        cells = [cold.get("imports", {}).get(fam), cold.get("load", {}).get(fam),
                 cold.get("first", {}).get(fam), (warm or {}).get(fam)]
        lines.append(f"| {fam} | " + " | ".join(_fmt(c, ".0f") for c in cells) + " |")
    if cold:
        lines.append(f"| (cold process: wirelint import, families' imports, Host(), first "
                     f"check) | {cold['import_ms']:.0f} + {cold['plugins_ms']:.0f} | "
                     f"{cold['host_ms']:.0f} | {cold['check_ms']:.0f} | |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"CPython {platform.python_version()}")


def python_cmd(*args: str) -> list[str]:
    """The current interpreter (the venv wirelint is installed in)."""
    return [sys.executable, *args]
