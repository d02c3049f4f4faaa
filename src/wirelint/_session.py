"""What ``wirelint check`` does around each report: suppression, fixes, baselines.

``cli.py`` reads inputs and checks them; a :class:`CheckSession` pairs each report with
the document it is about, drops suppressed findings (re-scoring), applies or shows
fixes, records a baseline, and prints its summaries to stderr (never to stdout, which
carries only reports, diffs or fixed text).
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wirelint._host import shown
from wirelint._suppress import Baseline, Suppressor
from wirelint.config import Config, ConfigError
from wirelint.model import Document, Report

if TYPE_CHECKING:
    from wirelint._fixes import FixResult

_BOM = "\ufeff"


def add_check_options(check: argparse.ArgumentParser) -> None:
    """The ``check`` options this module implements."""
    check.add_argument("--output", "-o", type=Path, metavar="FILE",
                       help="write the report to FILE instead of stdout")
    check.add_argument("--fix", action="store_true",
                       help="apply safe fixes to the files checked (stdin: print the fixed "
                            "text to stdout, the report to stderr)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff instead of writing them "
                            "(exit 1 when there is something to fix)")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="also apply suggestions of rules whose fix is not certain")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report only findings not recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE (keeps their reasons) "
                            "and report nothing")


def _is_dir(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:  # cannot stat it (say, in a directory we may not search): the reader
        return False  # reports it, as one unreadable input among the others


class CheckSession:
    """One ``wirelint check`` run's suppression, fixing and baseline state."""

    def __init__(self, args: argparse.Namespace, host: Any, config: Config,
                 paths: Sequence[str], stdout: TextIO, stderr: TextIO | None = None,
                 text_suffixes: tuple[str, ...] = (".txt", ".md")) -> None:
        self.host = host
        self.config = config
        #: What the Host checks with: ``min_confidence`` only hides findings, so the
        #: session hides them after suppression has re-scored on all the others.
        self.check_config = replace(config, min_confidence=0.0) \
            if config.min_confidence else config
        self.rules = host.rules
        self.stdout = stdout
        self.stderr = stderr or sys.stderr
        self.diff = bool(getattr(args, "diff", False))
        self.fix = bool(getattr(args, "fix", False)) and not self.diff
        self.unsafe = bool(getattr(args, "unsafe_fixes", False))
        self.write_baseline: Path | None = getattr(args, "write_baseline", None)
        baseline_path: Path | None = getattr(args, "baseline", None)
        if (self.fix or self.diff) and getattr(args, "jsonl", False):
            raise ConfigError("--fix and --diff edit text files and stdin, not --jsonl records")
        if self.write_baseline and (self.fix or self.diff or baseline_path):
            raise ConfigError("--write-baseline cannot be combined with --fix, --diff or "
                              "--baseline")
        for entry in config.allow:
            for token in entry.codes:
                if not token.startswith("WL") and not host.resolve(token):
                    raise ConfigError(f"{entry.source}: code {token!r} matches no rule "
                                      "(see `wirelint rules`)")
        try:
            baseline = Baseline.load(baseline_path) if baseline_path else None
            old = Baseline.load(self.write_baseline) \
                if self.write_baseline and self.write_baseline.exists() else None
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        self._reasons = old.reasons() if old else {}
        self.suppressor = Suppressor(config.allow, baseline, rescore=self._rescore,
                                     enabled=host.enabled_codes(config), rules=self.rules)
        self.recorded = Baseline(path=str(self.write_baseline or ""))
        self._named_files = {p for p in paths if p != "-" and not _is_dir(p)}
        self._named_dirs = [Path(p) for p in paths if p != "-" and _is_dir(p)]
        self._suffixes = text_suffixes
        self._pending: deque[object] = deque()
        self._documents = 0
        self._fixed_docs = 0
        self._applied = self._overlapping = self._unsafe = self._markup = 0
        self._fixable_safe = self._fixable_unsafe = 0
        self._opened: TextIO | None = None
        output: Path | None = getattr(args, "output", None)
        if output is not None:
            try:
                self._opened = output.open("w", encoding="utf-8", errors="backslashreplace")
            except OSError as exc:
                raise ConfigError(f"{output}: cannot write: {exc.strerror or exc}") from None
        #: Where reports go: --output, else stderr when stdout carries fixed text.
        self.output: TextIO = self._opened or (
            self.stderr if self.fix and "-" in paths else stdout)

    @property
    def shows_reports(self) -> bool:
        """False when stdout carries something else (a diff) or nothing (a baseline)."""
        return not (self.diff or self.write_baseline)

    # ---------------------------------------------------------------- the stream

    def track(self, inputs: Iterable[Document | Report]) -> Iterator[Document | Report]:
        """Pass the inputs through, remembering them so each report meets its document."""
        for item in inputs:
            self._pending.append(item)
            yield item

    def run(self, reports: Iterable[Report]) -> Iterator[tuple[Report, Document | None]]:
        """Yield each report, after suppression and fixes, with its document."""
        for report in reports:
            item = self._pending.popleft() if self._pending else None
            document = item if isinstance(item, Document) and item.id == report.id else None
            self._documents += 1
            if document is not None and (self.fix or self.diff):
                report = shown(self._fix(report, document), self.config)
            else:
                report = shown(self.suppressor.apply(report, document), self.config)
                self._count_fixable(report)
            if self.write_baseline and document is not None:
                self.recorded.add(document, report.findings, self._reasons)
            yield report, document

    def _rescore(self, report: Report, document: Document) -> Report:
        return self.host.rescore(report, document, self.config)

    def _count_fixable(self, report: Report) -> None:
        for f in report.findings:
            if f.suggestion is not None and f.suggestion != f.evidence:
                rule = self.rules.get(f.code)
                if rule is not None and rule.fix_safe:
                    self._fixable_safe += 1
                else:
                    self._fixable_unsafe += 1

    def _fix(self, report: Report, document: Document) -> Report:
        # Suppressed findings are never fixed; the dry run leaves the baseline's counts
        # for the final report (the re-check of the fixed text) to use.
        from wirelint._fixes import apply_fixes, unified_diff  # --fix and --diff only

        kept, _ = self.suppressor.split(report, document, consume=False)
        kept = list(shown(replace(report, findings=tuple(kept)), self.config).findings)
        result = apply_fixes(document.text, kept, self.rules, unsafe=self.unsafe)
        self._overlapping += len(result.overlapping)
        self._markup += len(result.markup)
        self._unsafe += len(result.unsafe)
        name = document.id or "-"
        stdin = name == "-"
        if self.diff:
            self.stdout.write(unified_diff(document.text, result.text, name))
            self._tally(result)
            return self.suppressor.apply(report, document)
        if stdin:
            self.stdout.write(result.text)
            self.stdout.flush()
        elif result.changed and not self._write(name, document, result):
            return self.suppressor.apply(report, document)
        self._tally(result)
        if not result.changed:
            return self.suppressor.apply(report, document)
        fixed = Document(text=result.text, id=document.id, meta=document.meta)
        return self.suppressor.apply(self.host.check(fixed, self.check_config), fixed)

    def _tally(self, result: FixResult) -> None:
        if result.changed:
            self._fixed_docs += 1
            self._applied += len(result.applied)

    def _write(self, name: str, document: Document, result: FixResult) -> bool:
        from wirelint._fixes import write_atomic

        path = self._writable(name)
        if path is None:
            self._say(f"{name}: not fixed: not a file named on the command line")
            return False
        try:
            raw = path.read_bytes()
            bom = _BOM if raw.startswith(_BOM.encode()) else ""
            if raw.decode("utf-8")[len(bom):] != document.text:
                self._say(f"{name}: not fixed: the file changed while it was checked")
                return False
            write_atomic(path, (bom + result.text).encode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self._say(f"{name}: not fixed: {getattr(exc, 'strerror', None) or exc}")
            return False
        return True

    def _writable(self, name: str) -> Path | None:
        """The file to write for a document id, only if the command line named it
        (directly, or as a checked file inside a named directory)."""
        path = Path(name)
        if name in self._named_files:
            return path
        if path.suffix in self._suffixes and any(d in path.parents for d in self._named_dirs):
            return path
        return None

    # ---------------------------------------------------------------- the end

    def finish(self, worst: int) -> int:
        """Write the baseline, print the summaries to stderr; returns the exit code.

        With ``--diff`` the exit code says whether there is anything to fix (1) and with
        ``--write-baseline`` it is 0; input and plugin problems (2, 3) still win.
        """
        if self.write_baseline:
            from wirelint._fixes import write_atomic  # --write-baseline only

            try:
                write_atomic(self.write_baseline, self.recorded.dumps().encode("utf-8"))
            except OSError as exc:
                raise ConfigError(f"{self.write_baseline}: cannot write baseline: "
                                  f"{exc.strerror or exc}") from None
            n = sum(int(e["count"]) for e in self.recorded.entries)
            self._say(f"wrote {n} finding(s) from {self._documents} document(s) to "
                      f"{self.write_baseline}")
        self._summaries()
        if self._opened is not None:
            self._opened.close()
        if worst >= 2:  # unreadable input (2) or a failed plugin (3)
            return worst
        if self.diff:
            return 1 if self._fixed_docs else 0
        if self.write_baseline:
            return 0
        return worst

    def _summaries(self) -> None:
        s = self.suppressor
        if s.by_allow or s.by_baseline:
            self._say(f"{s.by_allow + s.by_baseline} finding(s) suppressed "
                      f"({s.by_allow} by the allow-list, {s.by_baseline} by the baseline)")
        if self._documents:
            for line in s.unused():
                self._say(line)
        if self.fix or self.diff:
            verb = "fixed" if self.fix else "would fix"
            self._say(f"{verb} {self._applied} finding(s) in {self._fixed_docs} document(s)")
            if self._markup:
                self._say(f"{self._markup} fix(es) not applied: they would change the markup "
                          "around them (the findings stay)")
            if self._overlapping:
                self._say(f"{self._overlapping} fix(es) not applied: they overlap an earlier "
                          "fix (run again to apply them)")
            if self._unsafe and not self.unsafe:
                self._say(f"{self._unsafe} more fix(es) available with --unsafe-fixes")
        elif self.shows_reports and (self._fixable_safe or self._fixable_unsafe):
            hidden = (f" ({self._fixable_unsafe} more with --unsafe-fixes)"
                      if self._fixable_unsafe else "")
            if self.unsafe:  # asked for already: one count, one command
                self._say(f"{self._fixable_safe + self._fixable_unsafe} finding(s) fixable "
                          "with --fix --unsafe-fixes (preview with --diff --unsafe-fixes)")
            elif self._fixable_safe:
                self._say(f"{self._fixable_safe} finding(s) fixable with --fix "
                          f"(preview with --diff){hidden}")
            else:
                self._say(f"{self._fixable_unsafe} suggestion(s) applicable with --fix "
                          "--unsafe-fixes")

    def _say(self, line: str) -> None:
        print(f"wirelint: {line}", file=self.stderr, flush=True)
