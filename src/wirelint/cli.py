"""The ``wirelint`` command: ``check``, ``rules``, ``explain``, ``plugins``.

Exit codes: 0 clean; 1 a document scored under ``--fail-under`` (or, without it, got a
machine-made verdict); 2 usage error or unreadable input; 3 a plugin failed.  A bad input
never gives a traceback, and N documents in always gives N reports out.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from wirelint._cli_cluster import add_cluster_parser, run_cluster
from wirelint._eval import BadLine, add_eval_parser, decode_line, load_json, run_eval
from wirelint._host import Host, PluginError, require
from wirelint._session import CheckSession, add_check_options
from wirelint._version import __version__
from wirelint.config import Config, ConfigError, load_config
from wirelint.formats import FORMATS, get_writer
from wirelint.model import Document, Report, Verdict

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PLUGIN = 0, 1, 2, 3
TEXT_SUFFIXES = (".txt", ".md")
#: What a directory holds for ``--jsonl``: its record files, not its articles.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_INPUT_ERRORS = {"WL002", "WL004", "WL005", "WL006"}
_PLUGIN_ERRORS = {"WL080", "WL090", "WL091", "WL092", "WL093"}


class UsageError(Exception):
    """A problem with the command line itself (exit 2, one line on stderr)."""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the README's usage section)."""
    parser = argparse.ArgumentParser(
        prog="wirelint",
        description="Lint English news copy for machine translation, machine paraphrase "
                    "and content-farm traces.")
    parser.add_argument("--version", action="version", version=f"wirelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check files, directories, stdin or JSON Lines")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files, directories (*.txt, *.md, recursively) or - for stdin")
    check.add_argument("--jsonl", action="store_true",
                       help='inputs are JSON Lines records {"id", "text"}')
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--select", type=_csv, help="codes, prefixes or names to enable")
    check.add_argument("--extend-select", type=_csv, help="add to the selected rules")
    check.add_argument("--ignore", type=_csv, help="codes, prefixes or names to disable")
    check.add_argument("--fail-under", type=float, metavar="SCORE",
                       help="exit 1 when a document scores below SCORE (0-100)")
    check.add_argument("--fail-fpr", type=float, metavar="RATE",
                       help="like --fail-under, at the score that flags RATE (e.g. 0.01) "
                            "of human-original dev documents")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when documents are flagged")
    check.add_argument("--min-confidence", type=float, metavar="P",
                       help="hide findings below this confidence")
    check.add_argument("--max-bytes", type=int, help="refuse inputs larger than this")
    check.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    check.add_argument("--show-signature", action="store_true",
                       help="print each report's signature (text format)")
    add_check_options(check)
    _common(check)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--all", action="store_true", help="include off-by-default rules")
    _common(rules)

    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", metavar="CODE", help="a rule code or name, e.g. MT301")
    _common(explain)

    plugins = sub.add_parser("plugins", help="list plugins: package[PREFIX] version")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    _common(plugins)

    _common(add_cluster_parser(sub))
    _common(add_eval_parser(sub))
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="read settings from this file")
    p.add_argument("--isolated", action="store_true",
                   help="ignore configuration files and entry-point plugins")
    p.add_argument("--require-plugins", type=_csv, metavar="NAME[,NAME]",
                   help="fail (exit 2) unless these plugins (prefix, distribution or "
                        "module) are loaded")
    p.add_argument("--trace-plugins", action="store_true",
                   help="print every plugin hook call and its time to stderr")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Without ``argv`` it runs as the program (reading ``sys.argv``): the process ends when
    it returns, so everything is frozen (:func:`gc.freeze`) to spare the interpreter's
    last collections a walk over the whole heap (~5% of a one-article run).  Called
    with ``argv``, it hands back to the collector what :func:`_load_host` froze.
    """
    try:
        return _run(argv)
    finally:
        if argv is None:
            gc.freeze()
        else:
            gc.unfreeze()


def _run(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A lone surrogate from JSON input must not crash output: escape it instead.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        config = Config() if args.isolated else load_config(args.config)
        trace = _trace_to_stderr if args.trace_plugins else None
        host = _load_host(entry_points=not args.isolated, config=config, trace=trace)
        if args.require_plugins:
            require(host, args.require_plugins)
        if args.command == "check":
            return _cmd_check(args, host, config, sys.stdout)
        if args.command == "rules":
            return _cmd_rules(args, host, sys.stdout)
        if args.command == "cluster":
            return run_cluster(args, host, config, sys.stdout)
        if args.command == "eval":
            return run_eval(args, host, config, sys.stdout)
        if args.command == "explain":
            return _cmd_explain(args, host, sys.stdout)
        return _cmd_plugins(args, host, sys.stdout)
    except (UsageError, ConfigError, PluginError) as exc:
        print(f"wirelint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


# ------------------------------------------------------------------------------ check


def _cmd_check(args: argparse.Namespace, host: Host, config: Config, out: TextIO) -> int:
    config = config.with_overrides(
        select=args.select, ignore=args.ignore, extend_select=args.extend_select,
        fail_under=args.fail_under, fail_fpr=args.fail_fpr,
        min_confidence=args.min_confidence,
        max_bytes=args.max_bytes)
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if config.fail_fpr is not None and not 0.0 <= config.fail_fpr <= 1.0:
        raise UsageError("fail-fpr must be a rate between 0 and 1, e.g. 0.01")
    host.enabled_codes(config)  # a selector that names no rule: one line, before any output
    paths = args.paths or ["-"]
    refuse_empty_paths(paths)
    session = CheckSession(args, host, config, paths, out, text_suffixes=TEXT_SUFFIXES)
    problems: list[str] = []

    def usage_problem(message: str) -> None:  # said now; the other inputs are still checked
        problems.append(message)
        print(f"wirelint: error: {message}", file=sys.stderr, flush=True)

    inputs = session.track(_iter_inputs(paths, args.jsonl, host, config, usage_problem))
    check_config = session.check_config  # unhidden: the session applies min_confidence
    writer = get_writer(args.format, session.output, show_signature=args.show_signature,
                        rules=host.rules)
    worst = EXIT_OK
    for report, document in session.run(_check_in_order(host, inputs, args.jobs, check_config)):
        if session.shows_reports:
            writer.write(report, document)
        worst = max(worst, _exit_for(report, config), key=_exit_rank)
    if session.shows_reports:
        writer.finish()
    out.flush()
    if problems:
        worst = max(worst, EXIT_USAGE, key=_exit_rank)
    worst = session.finish(worst)
    if args.exit_zero and worst == EXIT_FINDINGS:
        return EXIT_OK
    return worst


def _exit_rank(code: int) -> int:
    return {EXIT_OK: 0, EXIT_FINDINGS: 1, EXIT_PLUGIN: 2, EXIT_USAGE: 3}[code]


def _exit_for(report: Report, config: Config) -> int:
    codes = {e.code for e in report.errors}
    if codes & _INPUT_ERRORS:
        return EXIT_USAGE
    if codes & _PLUGIN_ERRORS:
        return EXIT_PLUGIN
    limit = config.fail_threshold()
    if limit is not None:
        failed = report.verdict != Verdict.UNDETERMINED and report.score < limit
    else:
        failed = report.verdict in (Verdict.MACHINE_TRANSLATED, Verdict.MACHINE_PARAPHRASED)
    return EXIT_FINDINGS if failed else EXIT_OK


def _check_in_order(host: Host, inputs: Iterable[Document | Report], jobs: int,
                    config: Config) -> Iterator[Report]:
    """Check the documents (maybe in parallel) and interleave the error reports in order."""
    order: deque[Document | Report] = deque()

    def documents() -> Iterator[Document]:
        for item in inputs:
            order.append(item)
            if isinstance(item, Document):
                yield item

    for report in host.check_many(documents(), jobs=jobs, config=config):
        while order and isinstance(order[0], Report):
            yield order.popleft()  # type: ignore[misc]
        order.popleft()
        yield report
    while order:
        item = order.popleft()
        assert isinstance(item, Report)
        yield item


def refuse_empty_paths(paths: Sequence[str]) -> None:
    """Path("") is the working directory: never check (or --fix) it by accident."""
    if "" in paths:
        raise UsageError("empty path argument '' (use . for the current directory)")


def _iter_inputs(paths: Sequence[str], jsonl: bool, host: Host, config: Config,
                 usage_problem: Callable[[str], None] | None = None,
                 ) -> Iterator[Document | Report]:
    """Yield a Document per input, or an error Report where the input cannot be read.

    A directory holding no text files is the command line's mistake, not an input's:
    it goes to ``usage_problem`` (by default raised as a :class:`UsageError`).
    A file named twice (``a.txt a.txt``, or a directory and a file inside it) is read
    once, under the first name, as ruff does: ``--fix`` would otherwise fix it twice.
    """
    seen: set[str] = set()

    def first_time(path: Path) -> bool:
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            return True
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read(config.max_bytes + 1) if not jsonl else None
            if jsonl:
                yield from _jsonl_records(sys.stdin.buffer, "-", host, config)
            else:
                assert data is not None
                yield _document_from_bytes("-", data, host, config)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:  # e.g. a file inside a directory we may not search
            yield host.problem_report(raw, "WL006", f"{raw}: cannot read: {exc.strerror or exc}")
            continue
        if not exists:
            yield host.problem_report(raw, "WL006", f"{raw}: {_missing(path)}")
        elif not is_dir:
            if first_time(path):
                yield from _read_path(path, jsonl, host, config)
        else:
            suffixes = JSONL_SUFFIXES if jsonl else TEXT_SUFFIXES
            found = _input_files(path, suffixes)
            if not found:
                message = f"{raw}: directory contains no {' or '.join(suffixes)} files"
                if usage_problem is None:
                    raise UsageError(message)
                usage_problem(message)
            for file, error in found:
                if error is None:
                    if first_time(file):
                        yield from _read_path(file, jsonl, host, config)
                else:
                    yield host.problem_report(str(file), "WL006", f"{file}: cannot list "
                                              f"directory: {error.strerror or error}")


def _input_files(directory: Path, suffixes: tuple[str, ...]
                 ) -> list[tuple[Path, OSError | None]]:
    """The files under ``directory`` with one of ``suffixes``, sorted, and beside them each
    directory that cannot be listed with its error (``rglob`` would skip it silently)."""
    found: list[tuple[Path, OSError | None]] = []

    def unlisted(exc: OSError) -> None:
        found.append((Path(exc.filename), exc))

    for root, _dirs, names in os.walk(directory, onerror=unlisted):
        found += [(p, None) for p in map(Path(root).joinpath, names)
                  if _is_input_file(p, suffixes)]
    return sorted(found, key=lambda item: item[0])


def _is_input_file(path: Path, suffixes: tuple[str, ...]) -> bool:
    """A file to read: a regular file with one of ``suffixes``, or a symbolic link with
    one whose target is missing or loops (reading it reports why, where skipping it
    would drop a document silently).  A pipe, socket or device is not read: opening a
    pipe found in a directory would wait for a writer."""
    if path.suffix not in suffixes:
        return False
    try:
        return path.is_file() or _dangling(path)
    except OSError:  # cannot even stat it: reading it will report why
        return True


def _dangling(path: Path) -> bool:
    """Whether ``path`` is a symbolic link whose target is missing or loops."""
    try:
        return path.is_symlink() and not path.exists()
    except OSError:
        return False


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: nothing there, or a symbolic link
    whose target is missing or loops."""
    if _dangling(path):
        try:
            path.stat()
        except OSError as exc:
            return f"broken symbolic link: {exc.strerror or exc}"
    return "no such file or directory"


def _read_path(path: Path, jsonl: bool, host: Host, config: Config) -> Iterator[Document | Report]:
    name = str(path)
    try:
        if jsonl:
            with path.open("rb") as fh:
                yield from _jsonl_records(fh, name, host, config)
            return
        size = path.stat().st_size
        if size > config.max_bytes:
            yield host.problem_report(name, "WL004", f"{name}: {size} bytes is over "
                                      f"max-bytes={config.max_bytes}; not checked")
            return
        with path.open("rb") as fh:  # a device or pipe has no size: read no more than the limit
            data = fh.read(config.max_bytes + 1)
    except OSError as exc:
        cause = "broken symbolic link" if _dangling(path) else "cannot read"
        yield host.problem_report(name, "WL006", f"{name}: {cause}: {exc.strerror or exc}")
        return
    yield _document_from_bytes(name, data, host, config)


def _document_from_bytes(name: str, data: bytes, host: Host, config: Config) -> Document | Report:
    if len(data) > config.max_bytes:
        return host.problem_report(name, "WL004", f"{name}: input is over "
                                   f"max-bytes={config.max_bytes}; not checked")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return host.problem_report(name, "WL002", f"{name}: not valid UTF-8 at byte offset "
                                   f"{exc.start} ({exc.reason})")
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is encoding, not content
    return Document(text=text, id=name)


def _bounded_lines(stream: Any, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, none held past ``limit`` + 1 bytes: a longer line is
    skipped in pieces and yielded as None (a file or device without line breaks was
    read whole into memory)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit + 1)
        yield None


def _jsonl_records(stream: Any, name: str, host: Host,
                   config: Config) -> Iterator[Document | Report]:
    for lineno, raw in enumerate(_bounded_lines(stream, config.max_bytes), start=1):
        where = f"{name}:{lineno}"
        if raw is not None and not raw.strip():
            yield host.problem_report(where, "WL005", f"{where}: blank line, expected a record")
            continue
        if raw is None:
            yield host.problem_report(where, "WL004", f"{where}: record is over "
                                      f"max-bytes={config.max_bytes}; not checked")
            continue
        try:
            record = load_json(decode_line(raw))
        except BadLine as exc:
            yield host.problem_report(where, exc.code, f"{where}: {exc.located()}")
            continue
        if not isinstance(record, dict):
            yield host.problem_report(where, "WL005", f"{where}: record is not a JSON object")
            continue
        doc_id = record.get("id")
        doc_id = where if doc_id is None else str(doc_id)
        text = record.get("text")
        if not isinstance(text, str):
            what = "lacks a \"text\" field" if text is None else "has a non-string \"text\""
            yield host.problem_report(doc_id, "WL005", f"{where}: record {what}")
            continue
        given = record.get("meta")
        meta: dict[str, Any] = given if isinstance(given, dict) else {}
        if "date" in record:
            meta = {**meta, "date": record["date"]}
        yield Document(text=text, id=doc_id, meta=meta)


# ------------------------------------------------------------------------------ catalogue


def _cmd_rules(args: argparse.Namespace, host: Host, out: TextIO) -> int:
    rules = [r for r in host.rules.values() if args.all or r.default_enabled]
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "signal": str(r.signal),
                    "severity": str(r.severity), "summary": r.summary,
                    "default_enabled": r.default_enabled, "fix_safe": r.fix_safe}
                   for r in rules], out, indent=2)
        out.write("\n")
    elif args.format == "markdown":
        out.write(rules_markdown(host))
    else:
        for r in rules:
            flag = "" if r.default_enabled else "  (off by default)"
            out.write(f"{r.code}  {r.name:<32} {r.signal:<10} {r.summary}{flag}\n")
    return EXIT_OK


def rules_markdown(host: Host) -> str:
    """The README's rule table, generated from the catalogue."""
    lines = ["| code | name | signal | severity | what it finds |",
             "| --- | --- | --- | --- | --- |"]
    for r in host.rules.values():
        off = " (off by default)" if not r.default_enabled else ""
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name}{off} | {r.signal} | {r.severity} | {summary} |")
    return "\n".join(lines) + "\n"


def _cmd_explain(args: argparse.Namespace, host: Host, out: TextIO) -> int:
    token = args.code.strip()
    rule = host.rules.get(token.upper()) or next(
        (r for r in host.rules.values() if r.name == token), None)
    if rule is None:
        from wirelint._host import HOST_PROBLEMS

        if token.upper() in HOST_PROBLEMS:
            out.write(f"# {token.upper()} {HOST_PROBLEMS[token.upper()]}\n\n"
                      "A host-level problem (with the input, a plugin or a suppression); "
                      "see the README's 'Problems' table.\n")
            return EXIT_OK
        raise UsageError(f"unknown rule {token!r} (see `wirelint rules`)")
    out.write(rule.explain())
    return EXIT_OK


def _cmd_plugins(args: argparse.Namespace, host: Host, out: TextIO) -> int:
    """One line per plugin: ``package[PREFIX] version``, rule count, loaded or refused
    and why, and the module name its findings carry."""
    if args.format == "json":
        json.dump([{"package": i.package, "prefix": i.prefix, "version": i.version,
                    "module": i.name, "builtin": i.builtin, "rules": i.rule_count,
                    "status": i.status, "reason": i.reason} for i in host.plugins], out,
                  indent=2)
        out.write("\n")
    for info in host.plugins if args.format == "text" else ():
        if info.status == "loaded":
            status = f"loaded  {info.name}" + (" (built-in)" if info.builtin else "")
        else:
            status = f"refused: {info.reason}"
        out.write(f"{info.display:<40} {info.rule_count:>3} rules  {status}\n")
    return EXIT_PLUGIN if any(i.status != "loaded" for i in host.plugins) else EXIT_OK


def _load_host(**options: Any) -> Host:
    """``Host(**options)``, easy on the cyclic garbage collector.

    Loading the plugins allocates hundreds of thousands of objects that live as long as
    the process (rule tables, lexicons, models): collecting while they are built, and
    walking them again in every later full collection, is wasted work (~10% of a
    one-article run).  So the collector is paused while the host loads, and what exists
    then is frozen (:func:`gc.freeze`, which also keeps forked ``--jobs`` workers from
    copying those pages).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Host(**options)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _trace_to_stderr(line: str) -> None:
    print(f"wirelint: trace: {line}", file=sys.stderr, flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
