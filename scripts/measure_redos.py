"""Worst-case seconds per MB of every built-in family on adversarial input (issue 9).

    python scripts/measure_redos.py [--family farm] [--size 100000] [--big 1000000]
                                    [--top 3] [--timeout 120] [--json out.json]

For each family it builds the inputs most likely to make its regexes backtrack:

* every structural pattern's inputs from the conformance kit
  (``wirelint.testing.adversarial_inputs``: runs of what each atom accepts, neighbouring
  atoms alternating, a failing character after a run, near-miss repetitions of the
  rule's example, its prefilter appended so the pass is not skipped);
* the same shapes built from every regex the family compiles at module level (the guards,
  tokenisers and feature extractors its ``wirelint_check`` hooks run, which the kit's
  per-pattern check never sees);
* the kit's speed inputs (realistic text, examples glued together, one unbroken line of
  words, no whitespace at all).

Each input runs at ``--size`` characters through the host's Scanner (every pattern of
every family) and through the full ``Host.check`` with every rule selected, behind a
1,000-character English lead so the language gate lets it through (as an adversary's
text would).  The ``--top`` worst inputs of each family are run again at ``--big``
characters: if the cost per MB grows with size, something is super-linear.  Times are
CPU seconds of this process (``time.process_time``: the machine's other work does not
count) per MB of UTF-8 (10^6 bytes), printed worst first.

``--scaling`` measures issue 9's point 3 instead: CPU seconds per MB of one document of
1 KB, 100 KB, 1 MB and 10 MB through ``Host.check`` (line and column lookup included),
on real article text (fixtures/articles, and ../shared's seeds and news dev set when
present), on the same text as one single line, and on the rules' examples glued together
(a finding every few words), with each shape's max/median ratio: flat is near 1.

    python scripts/measure_redos.py --scaling [--sizes 1000,100000,1000000,10000000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import regex

import wirelint.testing as kit
from wirelint import Config, Host
from wirelint._host import builtin_plugins

MB = 1_000_000
LEAD_SENTENCE = ("The council met on Tuesday and said that it would approve the budget for "
                 "the year after a short debate, which was expected by all of them. ")
#: English enough for the language gate, which reads only the first 1,000 characters.
LEAD = (LEAD_SENTENCE * (1000 // len(LEAD_SENTENCE) + 1))[:1000].rsplit(" ", 1)[0] + "\n\n"
ALL = Config(select=("ALL",), max_bytes=64 * MB)


@contextmanager
def sized(size: int) -> Iterator[None]:
    """Make the kit's generators build ``size``-character inputs instead of 100 KB."""
    old_size, old_defaults = kit.ADVERSARIAL_SIZE, kit._fill.__defaults__
    kit.ADVERSARIAL_SIZE, kit._fill.__defaults__ = size, (size,)
    try:
        yield
    finally:
        kit.ADVERSARIAL_SIZE, kit._fill.__defaults__ = old_size, old_defaults


def module_regexes(family: str) -> list[tuple[str, str, int]]:
    """``(module.name, source, flags)`` of every compiled regex a family's modules hold
    at module level (directly, or inside a tuple, list or dict)."""
    found: dict[tuple[str, int], str] = {}
    for name, module in sorted(sys.modules.items()):
        if name != family and not name.startswith(family + "."):
            continue
        for attr, value in vars(module).items():
            values = (list(value) if isinstance(value, tuple | list)
                      else list(value.values()) if isinstance(value, dict) else [value])
            for i, item in enumerate(values):
                if isinstance(item, re.Pattern | regex.Pattern) and isinstance(item.pattern, str):
                    label = f"{name.removeprefix(family + '.')}.{attr}"
                    label += f"[{i}]" if len(values) > 1 else ""
                    found.setdefault((item.pattern, int(item.flags)), label)
    return [(label, src, flags) for (src, flags), label in found.items()]


def regex_inputs(source: str, flags: int, size: int) -> list[tuple[str, str]]:
    """The kit's shapes for a bare regex (no rule, so no example to repeat)."""
    flags &= re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII
    atoms = kit._atoms(source, flags)
    firsts = list(dict.fromkeys(a[0] for a in atoms))[:6]
    fill = kit._fill
    inputs = {"every accepted character, cycled":
              fill("".join(dict.fromkeys("".join(atoms))), size)}
    for ch in firsts:
        inputs[f"a run of {ch!r}"] = fill(ch, size)
        inputs[f"a run of {ch!r} then a failing character"] = fill(ch, size)[:-1] + "\x00"
    for a, b in itertools.pairwise(firsts):
        if a != b:
            inputs[f"{a!r}{b!r} alternating"] = fill(a + b, size)
    # Words and spaces: the shape tokenisers split on, with a sentence end now and then.
    inputs["words, no sentence end"] = fill("word ", size)
    inputs["Capitalised words, no sentence end"] = fill("Word ", size)
    return list(inputs.items())


def family_inputs(host: Host, family: str, size: int) -> Iterator[tuple[str, str, str]]:
    """``(source, label, text)`` for every adversarial input of ``family`` at ``size``."""
    info = next(p for p in host.plugins if p.name == family)
    owner = host._state.owner
    rules = {code: r for code, r in host.rules.items() if owner[code] == info.name}
    patterns = [p for name, p, _ in host._patterns if name == family and p.regex]
    for i, pattern in enumerate(patterns):
        with sized(size):
            inputs = kit.adversarial_inputs(pattern, rules[pattern.code])
        for label, text in inputs:
            yield f"{pattern.code}-{i} {pattern.regex[:40]!r}", label, text
    with sized(size):
        inputs = kit.speed_inputs(kit.sample_articles(), list(rules.values()))
    for label, text in inputs:
        yield "speed", label, text
    for name, source, flags in module_regexes(family):
        for label, text in regex_inputs(source, flags, size):
            yield f"{name} {source[:40]!r}", label, text


class Overtime(BaseException):
    """Not an Exception: the host turns a hook's Exception into WL090 and goes on."""


def timed(function: Callable[[str], Any], text: str, timeout: int) -> tuple[float, Any]:
    """CPU seconds of ``function(text)``; ``Overtime`` (naming the built-in module it was
    stuck in) after ``timeout`` wall seconds."""

    def alarm(signum: int, frame: Any) -> None:
        where = []
        while frame is not None:
            name = frame.f_globals.get("__name__", "")
            if name.startswith("wirelint_builtins"):
                where.append(f"{name}:{frame.f_code.co_name}")
            frame = frame.f_back
        raise Overtime(where[0] if where else "?")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(timeout)
    try:
        start = time.process_time()
        result = function(text)
        return time.process_time() - start, result
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _mb(text: str) -> float:
    return len(text.encode("utf-8", "surrogatepass")) / MB


def measure(host: Host, hooks: dict[str, float], text: str, timeout: int) -> dict[str, Any]:
    """Scanner and Host.check CPU seconds per MB on ``text`` (the check behind the lead),
    and each family's hooks' wall seconds per MB (from the host's trace)."""
    row: dict[str, Any] = {"chars": len(text)}
    try:
        seconds, _ = timed(host._state.scanner.scan, text, timeout)
        row["scan"] = seconds / _mb(text)
    except Overtime:
        row["scan"] = float("inf")
    full = LEAD + text
    hooks.clear()
    try:
        seconds, report = timed(lambda t: host.check(t, ALL), full, timeout)
        row["check"] = seconds / _mb(full)
        row["findings"] = len(report.findings)
        row["problems"] = sorted({e.code for e in report.errors})
    except Overtime as exc:
        row["check"] = float("inf")
        row["problems"] = [f"over {timeout}s in {exc}"]
        family = str(exc).split(":")[0].split(".")[1] if "." in str(exc) else "?"
        hooks[family] = float("inf")
    row["families"] = {k: v / _mb(full) for k, v in hooks.items()}
    return row


def _fmt(value: float | None) -> str:
    return "" if value is None else "timeout" if value == float("inf") else f"{value:.3f}"


ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIRELINT_SHARED", ROOT.parent / "shared"))


def articles() -> list[str]:
    """Real article text: the repo's fixtures, and ../shared's seeds and news dev set."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(
        (ROOT / "fixtures" / "articles").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("0*.txt"))]
    dev = SHARED / "corpus" / "wmt-news-mt" / "dev.jsonl"
    if dev.exists():
        with dev.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return [t for t in texts if t.strip()]


def document(texts: list[str], size: int) -> str:
    """About ``size`` bytes of ``texts``, shuffled with a fixed seed, cut at a space."""
    rng = random.Random(9)
    parts: list[str] = []
    total = 0
    while total < size + 10_000:
        batch = texts[:]
        rng.shuffle(batch)
        parts += batch
        total += sum(len(t) for t in batch)
    data = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = data.rfind(" ")
    return data[:cut] if cut > size // 2 else data


def scaling(sizes: list[int]) -> None:
    """Print CPU seconds per MB of one document per size and shape, and max/median."""
    host = Host(entry_points=False)
    texts = articles()
    examples = [r.example for r in host.rules.values() if "\n---\n" not in r.example]
    shapes = {"article text": texts, "article text on one line": [
        " ".join(t.split()) for t in texts], "rule examples glued together": examples}
    host.check(document(texts, 20_000), ALL)  # lazy data is not a per-MB cost
    host._state.scanner.warm()
    print(f"CPU seconds per MB (UTF-8) of one document through Host.check, every rule "
          f"selected ({len(texts)} distinct articles)\n")
    print("| shape | " + " | ".join(f"{n:,} bytes" for n in sizes) + " | max/median |")
    print("| --- |" + " --- |" * (len(sizes) + 1))
    for shape, source in shapes.items():
        per_mb = []
        for size in sizes:
            doc = document(source, size)
            calls = max(1, min(200, 200_000 // size))
            best = float("inf")
            for _ in range(3 if size <= MB else 1):
                start = time.process_time()
                for _ in range(calls):
                    report = host.check(doc, ALL)
                best = min(best, (time.process_time() - start) / calls)
            assert not report.errors, report.errors
            per_mb.append(best / _mb(doc))
            print(f"  {shape} {size:,}: {per_mb[-1]:.3f} s/MB, "
                  f"{len(report.findings)} findings", file=sys.stderr, flush=True)
        ratio = max(per_mb) / statistics.median(per_mb)
        print(f"| {shape} | " + " | ".join(f"{v:.3f}" for v in per_mb) + f" | {ratio:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--family", action="append",
                        help="only this family's inputs (subpackage name, e.g. farm)")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=MB)
    parser.add_argument("--top", type=int, default=2,
                        help="inputs per family re-run at --big (its worst at --size)")
    parser.add_argument("--timeout", type=int, default=30, help="wall seconds per call")
    parser.add_argument("--json", help="write every row to this file")
    parser.add_argument("--scaling", action="store_true",
                        help="measure time per MB from 1 KB to 10 MB instead")
    parser.add_argument("--sizes", default="1000,100000,1000000,10000000")
    args = parser.parse_args()
    if args.scaling:
        scaling([int(n) for n in args.sizes.split(",")])
        return

    hooks: dict[str, float] = {}

    def trace(line: str) -> None:  # "wirelint_check wirelint_builtins.farm 1.234 ms"
        parts = line.split()
        if len(parts) >= 4 and parts[1].startswith("wirelint_builtins."):
            family = parts[1].split(".")[1]
            hooks[family] = hooks.get(family, 0.0) + float(parts[2]) / 1000
        elif parts and parts[0] == "scan":
            hooks["(scan)"] = hooks.get("(scan)", 0.0) + float(parts[-2]) / 1000

    host = Host(entry_points=False, trace=trace)
    host.check(LEAD + kit.sample_articles()[0], ALL)  # lazy data is not a per-MB cost
    host._state.scanner.warm()  # nor the batch structures the scanner builds after a few
    families = [m for m in builtin_plugins()
                if not args.family or m.rsplit(".", 1)[-1] in args.family]
    done: dict[int, dict[str, Any]] = {}  # the cost is the host's: measure a text once
    rows: list[dict[str, Any]] = []
    for family in families:
        short = family.rsplit(".", 1)[-1]
        count = 0
        for source, label, text in family_inputs(host, family, args.size):
            key = hash(text)
            if key not in done:
                done[key] = measure(host, hooks, text, args.timeout)
                if done[key]["check"] > 20:  # worth seeing before the end
                    print(f"  slow: {source} / {label}: check {_fmt(done[key]['check'])} "
                          f"s/MB {done[key]['problems']}", file=sys.stderr, flush=True)
            rows.append({"from": short, "source": source, "input": label, "text": key,
                         **done[key]})
            count += 1
        print(f"{short}: {count} inputs of {args.size:,} characters ({len(done)} distinct "
              "so far)", file=sys.stderr, flush=True)

    # Each family's own cost: its hooks' time on every input, whichever family made it.
    owners = sorted({f for r in rows for f in r["families"]})
    worst = {f: max(rows, key=lambda r, f=f: r["families"].get(f, 0.0)) for f in owners}
    again = {(r["source"], r["input"]) for r in sorted(
        rows, key=lambda r: -r["check"])[:args.top]}
    again |= {(w["source"], w["input"]) for w in worst.values()}
    big: dict[tuple[str, str], dict[str, Any]] = {}
    for family in families:
        for source, label, text in family_inputs(host, family, args.big):
            if (source, label) in again and (source, label) not in big:
                big[(source, label)] = measure(host, hooks, text, args.timeout)
                print(f"  at {args.big:,}: {source} / {label}: check "
                      f"{_fmt(big[(source, label)]['check'])} s/MB "
                      f"{big[(source, label)]['problems']}", file=sys.stderr, flush=True)
    print(f"{len(rows)} inputs ({len(done)} distinct) of {args.size:,} characters; "
          f"{len(big)} again at {args.big:,}.  CPU seconds per MB of UTF-8, worst first.\n")
    print("| made from | source | input | scan s/MB | check s/MB | check s/MB at big | "
          "slowest family s/MB | problems |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    seen = set()
    for row in sorted(rows, key=lambda r: -r["check"]):
        if row["text"] in seen:
            continue  # the same text, made from another pattern
        seen.add(row["text"])
        if len(seen) > 25:
            break
        b = big.get((row["source"], row["input"]), {})
        slow = max(row["families"].items(), key=lambda kv: kv[1], default=("", 0.0))
        print(f"| {row['from']} | `{row['source']}` | {row['input']} | {_fmt(row['scan'])} | "
              f"{_fmt(row['check'])} | {_fmt(b.get('check'))} | {slow[0]} {_fmt(slow[1])} | "
              f"{' '.join(row.get('problems', []) + b.get('problems', []))} |")
    print("\nWorst case per family (its own hooks, wall seconds per MB from the trace; "
          "(scan) is the shared Scanner):\n")
    print(f"| family | worst s/MB at {args.size:,} | at {args.big:,} | on input |")
    print("| --- | --- | --- | --- |")
    for f in sorted(owners, key=lambda f: -worst[f]["families"].get(f, 0.0)):
        w = worst[f]
        b = big.get((w["source"], w["input"]), {})
        print(f"| {f} | {_fmt(w['families'].get(f))} | "
              f"{_fmt(b.get('families', {}).get(f))} | `{w['source']}` {w['input']} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"rows": rows, "big": {" / ".join(k): v for k, v in big.items()}},
                      fh, indent=1, default=str)


if __name__ == "__main__":
    main()
