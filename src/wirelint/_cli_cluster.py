"""``wirelint cluster PATH...``: check versions of one story together.

The analysis itself comes from the ``wirelint_check_cluster`` plugins (the built-in XD6
family); this module only reads the inputs and presents the :class:`ClusterReport`:
per-document summary lines, the similarity matrices, relations, groups, the likely source,
derivation edges and the cross-document findings.  ``--reference FILE`` marks a known
original (``Document.meta["role"] = "reference"``) that every other document is compared
with.  Exit codes follow ``check``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from wirelint._host import Host
from wirelint.config import Config
from wirelint.model import ClusterReport, Document, Report


def add_cluster_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the ``cluster`` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "cluster", help="check versions of one story together: similarity, relations, "
                        "likely source, facts that disagree")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="one document per file (directories: every *.txt and *.md)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text",
                   help="html: one self-contained page with heat maps and the graph")
    p.add_argument("--reference", type=Path, metavar="FILE",
                   help="the known original: compare every PATH with it")
    p.add_argument("--select", type=_csv, help="codes, prefixes or names to enable")
    p.add_argument("--extend-select", type=_csv, help="add to the selected rules")
    p.add_argument("--ignore", type=_csv, help="codes, prefixes or names to disable")
    p.add_argument("--fail-under", type=float, metavar="SCORE",
                   help="exit 1 when a document scores below SCORE (0-100)")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when documents are flagged")
    return p


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def run_cluster(args: argparse.Namespace, host: Host, config: Config, out: TextIO) -> int:
    """Read the inputs, check them as one cluster, write the result; return the exit code."""
    from wirelint import cli  # the CLI's input readers and exit-code rules

    config = config.with_overrides(select=args.select, ignore=args.ignore,
                                   extend_select=args.extend_select,
                                   fail_under=args.fail_under)
    cli.refuse_empty_paths(args.paths)
    documents: list[Document] = []
    if args.reference is not None:
        documents.extend(_read(cli, [str(args.reference)], host, config, reference=True))
    documents.extend(_read(cli, args.paths, host, config, reference=False))
    cluster = host.check_cluster(documents, config)
    if args.format == "json":
        out.write(json.dumps(cluster.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        from wirelint.formats.html import render_cluster

        out.write(render_cluster(cluster, documents, host.rules))
    else:
        write_text(cluster, out)
    out.flush()
    worst = cli.EXIT_OK
    for report in cluster.reports:
        worst = max(worst, cli._exit_for(report, config), key=cli._exit_rank)
    if {e.code for e in cluster.errors} & cli._PLUGIN_ERRORS:
        worst = max(worst, cli.EXIT_PLUGIN, key=cli._exit_rank)
    if args.exit_zero and worst == cli.EXIT_FINDINGS:
        return cli.EXIT_OK
    return worst


def _read(cli: Any, paths: Sequence[str], host: Host, config: Config, *,
          reference: bool) -> list[Document]:
    docs = []
    for item in cli._iter_inputs(paths, False, host, config):
        if isinstance(item, Report):  # a cluster needs every version: stop here
            raise cli.UsageError("; ".join(e.message for e in item.errors))
        if reference:
            item = Document(text=item.text, id=item.id, meta={**item.meta, "role": "reference"})
        docs.append(item)
    return docs


# ------------------------------------------------------------------------------ text


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _matrix(n: int, values: Mapping[tuple[int, int], float]) -> list[str]:
    width = max(6, len(str(n - 1)) + 1)
    lines = [" " * 4 + "".join(f"{j:>{width}}" for j in range(n))]
    for i in range(n):
        cells = []
        for j in range(n):
            v = values.get((min(i, j), max(i, j)))
            cells.append(f"{'-':>{width}}" if i == j or v is None else f"{v:>{width}.1f}")
        lines.append(f"{i:>3} " + "".join(cells))
    return lines


def write_text(cluster: ClusterReport, out: TextIO) -> None:
    """The human-readable cluster report."""
    reports = cluster.reports
    n = len(reports)
    ids = [r.id if r.id is not None else str(i) for i, r in enumerate(reports)]
    extra = cluster.extra
    reference = extra.get("reference")
    ref = reference.get("index") if isinstance(reference, Mapping) else None
    out.write(f"Documents ({n})\n")
    for i, r in enumerate(reports):
        own = sum(1 for f in r.findings if not f.code.startswith("XD"))
        cross = len(r.findings) - own
        role = "  [reference]" if i == ref else ""
        out.write(f"  {i:>2}  {r.verdict:<19} score {r.score:5.1f}  findings {own:>3} "
                  f"+ {cross} cross-document  {ids[i]}{role}\n")
    if n >= 2 and cluster.similarity:
        bleu = {(a, b): m["bleu"] for a, b, m in cluster.similarity}
        chrf = {(a, b): m["chrf"] for a, b, m in cluster.similarity}
        out.write("\nchrF (shared content; max of both directions, 0-100)\n")
        out.write("\n".join(_matrix(n, chrf)) + "\n")
        out.write("\nBLEU (shared phrasing; max of both directions, 0-100)\n")
        out.write("\n".join(_matrix(n, bleu)) + "\n")
        out.write("\nRelations\n")
        related = [(a, b, rel) for a, b, rel in cluster.relations if rel != "independent"]
        for a, b, rel in related:
            m = next(m for x, y, m in cluster.similarity if {x, y} == {a, b})
            out.write(f"  {a:>2} {rel:<14} {b:>2}   (BLEU {m['bleu']:.1f}, "
                      f"chrF {m['chrf']:.1f})\n")
        rest = len(cluster.relations) - len(related)
        out.write(f"  {rest} other pair(s) independent\n" if related else
                  "  every pair is independent\n")
    groups = extra.get("groups") or []
    if groups:
        out.write("\nGroups (versions that share a source)\n")
        for g in groups:
            src = g.get("source")
            where = f"source {src} ({ids[src]})" if src is not None else g.get("note", "")
            out.write(f"  {g['members']}  {where}\n")
    src = cluster.likely_source
    out.write("\nLikely source: " + (f"{src} ({ids[src]})" if src is not None else
                                     "none in the cluster") + "\n")
    if cluster.derivation:
        out.write("Derivation (source -> derived)\n")
        for s, d in cluster.derivation:
            out.write(f"  {s} -> {d}   {ids[s]} -> {ids[d]}\n")
    if isinstance(reference, Mapping) and ref is not None:
        out.write(f"\nCompared with the reference {ids[ref]}\n")
        for c in reference.get("candidates", []):
            swaps = ", ".join(f"{a!r}->{b!r}" for a, b in c.get("substitutions", [])[:4])
            out.write(f"  {c['index']:>2} {c['looks_like']:<11} BLEU {c['bleu']:5.1f}  "
                      f"chrF {c['chrf']:5.1f}  word overlap {c['unigram_overlap']:.2f}  "
                      f"order kept {c['order_kept']:.2f}  sentences x"
                      f"{c['sentence_ratio']:.2f}  {ids[c['index']]}\n")
            if swaps:
                out.write(f"       word swaps: {swaps}\n")
    findings = [(ids[i], f) for i, r in enumerate(reports) for f in r.findings
                if f.code.startswith("XD")]
    out.write(f"\nCross-document findings ({len(findings)})\n")
    for where, f in findings:
        hint = f" [suggest: {_one_line(f.suggestion)}]" if f.suggestion else ""
        out.write(f"  {where}:{f.line}:{f.col}: {f.code} {f.name} {_one_line(f.message)} "
                  f"(confidence {f.confidence:.2f}){hint}\n")
    for e in cluster.errors:
        out.write(f"  {e.code} {e.name} {_one_line(e.message)}\n")
    metrics = extra.get("metrics")
    if isinstance(metrics, Mapping):
        out.write(f"\nSignatures: BLEU {metrics.get('bleu')}  chrF {metrics.get('chrf')}\n")
