"""``wirelint cluster PATH...``: check versions of one story together.

The analysis itself comes from the ``wirelint_check_cluster`` plugins (the built-in XD6
family); this module only reads the inputs and presents the :class:`ClusterReport`:
per-document summary lines, the similarity matrices, relations, groups, the likely source,
derivation edges and the cross-document findings.  ``--reference FILE`` marks a known
original (``Document.meta["role"] = "reference"``) that every other document is compared
with; given also as a PATH it is read once, as the reference.  Exit codes follow
``check``, and a reference that could not be compared (empty, not English) exits 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
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
    versions = _read(cli, args.paths, host, config, reference=False)
    if args.reference is not None:
        documents.extend(_read(cli, [str(args.reference)], host, config, reference=True))
        # The reference also given as a PATH (``--reference wire.txt copies/*.txt`` with
        # wire.txt among the copies) was compared with itself: an XD604 near-copy of
        # itself and a doubled vote in XD601/XD602.  It is checked once, as the reference.
        kept = [d for d in versions if not _same_file(d.id, args.reference)]
        if len(kept) < len(versions):
            print(f"wirelint: note: {args.reference} is the --reference and also a PATH; "
                  "it is checked once, as the reference", file=sys.stderr)
        versions = kept
    documents.extend(versions)
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
    reference = cluster.extra.get("reference")
    if isinstance(reference, Mapping) and reference.get("measured") is False:
        # A version that is empty or not English is reported and exits as ``check`` does
        # (its problem shown, exit 0); the reference is different: the comparison asked
        # for could not be made, so the run fails as an unreadable input does (exit 2,
        # the other versions still checked and reported).
        print(f"wirelint: error: --reference {args.reference}: not compared "
              f"({reference.get('reason')}); the other versions were analysed without it",
              file=sys.stderr)
        worst = max(worst, cli.EXIT_USAGE, key=cli._exit_rank)
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


def _same_file(doc_id: str | None, path: Path) -> bool:
    try:
        return doc_id is not None and os.path.samefile(doc_id, path)
    except (OSError, ValueError):  # stdin ("-"), a vanished file, an odd name
        return False


# ------------------------------------------------------------------------------ text


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _matrix(n: int, values: Mapping[tuple[int, int], float | None]) -> list[str]:
    width = max(6, len(str(n - 1)) + 1)
    lines = [" " * 4 + "".join(f"{j:>{width}}" for j in range(n))]
    for i in range(n):
        cells = []
        for j in range(n):
            key = (min(i, j), max(i, j))
            v = values.get(key)
            # None: the pair was not measured (a version not English, empty or unread),
            # which is not a score of 0.0.
            cell = "-" if i == j or key not in values else "n/a" if v is None else f"{v:.1f}"
            cells.append(f"{cell:>{width}}")
        lines.append(f"{i:>3} " + "".join(cells))
    return lines


def _num(v: Any, spec: str) -> str:
    return "n/a" if v is None else format(v, spec)


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
        for e in r.errors:  # WL001, WL003, WL090...: one line each, as ``check`` prints them
            out.write(f"        {ids[i]}: {e.code} {e.name} {_one_line(e.message)}\n")
    if n >= 2 and cluster.similarity:
        bleu = {(a, b): m["bleu"] for a, b, m in cluster.similarity}
        chrf = {(a, b): m["chrf"] for a, b, m in cluster.similarity}
        out.write("\nchrF (shared content; max of both directions, 0-100)\n")
        out.write("\n".join(_matrix(n, chrf)) + "\n")
        out.write("\nBLEU (shared phrasing; max of both directions, 0-100)\n")
        out.write("\n".join(_matrix(n, bleu)) + "\n")
        out.write("\nRelations\n")
        related = [(a, b, rel) for a, b, rel in cluster.relations
                   if rel not in ("independent", "not-measured")]
        for a, b, rel in related:
            m = next(m for x, y, m in cluster.similarity if {x, y} == {a, b})
            out.write(f"  {a:>2} {rel:<14} {b:>2}   (BLEU {_num(m['bleu'], '.1f')}, "
                      f"chrF {_num(m['chrf'], '.1f')})\n")
        unmeasured = sum(1 for *_, rel in cluster.relations if rel == "not-measured")
        rest = len(cluster.relations) - len(related) - unmeasured
        if rest:
            out.write(f"  {rest} other pair(s) independent\n" if related or unmeasured else
                      "  every pair is independent\n")
        if unmeasured:
            # Never compared, so neither related nor independent: say so.
            out.write(f"  {unmeasured} pair(s) not measured (a version is not English, "
                      "empty or unread: see its problem above)\n")
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
        if reference.get("measured") is False:
            out.write(f"  not compared ({reference.get('reason')}): the reference is not "
                      "the source; the versions were analysed without it\n")
        for c in reference.get("candidates", []):
            if c["looks_like"] == "not-measured":
                out.write(f"  {c['index']:>2} not measured ({c.get('reason')})  "
                          f"{ids[c['index']]}\n")
                continue
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
