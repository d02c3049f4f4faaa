"""Throughput of wirelint at scale on one machine: check_many(jobs=2), Dask, Spark.

    python benchmarks/scale_out.py --docs 20000 [--corpus DIR_OR_JSONL]

Builds a deterministic input of N documents (fixture articles and, when present, the
seed articles, each with a numbered update line so no two are identical; or a corpus you
name), then times the same input through ``Host.check_many(jobs=2)``, a Dask
LocalCluster with 2 single-threaded worker processes, and Spark ``local[2]`` with
``mapInPandas``.  Prints a Markdown table for docs/scale.md.  Engines that are not
installed are reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_input(n: int, corpus: Path | None) -> list[dict[str, str]]:
    if corpus is not None and corpus.suffix == ".jsonl":
        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    else:
        base = corpus or ROOT / "fixtures" / "articles"
        paths = sorted(base.rglob("*.txt"))
        seeds = ROOT.parent / "shared" / "seeds"
        if corpus is None and seeds.is_dir():
            paths += sorted(seeds.glob("0*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in paths]
    rng = random.Random(0)
    return [{"id": f"doc{i}", "text": f"{rng.choice(texts)}\nUpdate {i}: talks continue."}
            for i in range(n)]


def run_check_many(records: list[dict[str, str]]) -> float:
    from wirelint import Document, Host

    host = Host(entry_points=False)
    docs = [Document(text=r["text"], id=r["id"]) for r in records]
    start = time.perf_counter()
    count = sum(1 for _ in host.check_many(docs, jobs=2))
    assert count == len(records)
    return time.perf_counter() - start


def run_dask(records: list[dict[str, str]]) -> float:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from wirelint.integrations.dask import check_bag

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        start = time.perf_counter()
        rows = check_bag(db.from_sequence(records, npartitions=16)).compute()
        elapsed = time.perf_counter() - start
    assert len(rows) == len(records)
    return elapsed


def run_spark(records: list[dict[str, str]]) -> float:
    import os

    from pyspark.sql import SparkSession

    from wirelint.integrations.spark import add_wirelint_columns

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers need the venv with wirelint

    spark = (SparkSession.builder.master("local[2]").appName("wirelint-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        df = spark.createDataFrame([(r["id"], r["text"]) for r in records],
                                   "id string, text string").repartition(16).cache()
        df.count()
        start = time.perf_counter()
        n = add_wirelint_columns(df).select("id", "score").count()
        elapsed = time.perf_counter() - start
    finally:
        spark.stop()
    assert n == len(records)
    return elapsed


ENGINES = {
    "check_many": ("check_many(jobs=2)", run_check_many),
    "dask": ("Dask LocalCluster, 2 workers", run_dask),
    "spark": ("Spark local[2], mapInPandas", run_spark),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--engine", choices=sorted(ENGINES), help="time one engine only")
    args = parser.parse_args()
    records = build_input(args.docs, args.corpus)
    if args.engine:  # child mode: print the seconds only
        try:
            print(f"{ENGINES[args.engine][1](records):.3f}")
        except ImportError as exc:
            print(f"skipped ({exc.name} not installed)")
        return
    mb = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"{len(records)} documents, {mb:.1f} MB\n")
    print("| engine | seconds | documents/s | MB/s |")
    print("| --- | --- | --- | --- |")
    for key, (name, _) in ENGINES.items():
        # One fresh process per engine: engines must not share (or pollute) one interpreter.
        cmd = [sys.executable, __file__, "--docs", str(args.docs), "--engine", key]
        if args.corpus:
            cmd += ["--corpus", str(args.corpus)]
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()
        result = out[-1] if out else "failed"
        try:
            seconds = float(result)
        except ValueError:
            print(f"| {name} | {result} | | |")
            continue
        print(f"| {name} | {seconds:.1f} | {len(records) / seconds:.0f} | {mb / seconds:.2f} |")


if __name__ == "__main__":
    main()
