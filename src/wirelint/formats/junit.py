"""``--format junit``: JUnit XML for CI dashboards that chart test results.

One ``<testsuite>`` per document (its score, verdict and probabilities as properties);
a ``verdict`` test case that fails when the document is flagged; one failing test case
per finding; one ``<error>`` test case per host problem.  Characters XML cannot carry
(control characters, lone surrogates) become U+FFFD.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from wirelint.formats._base import Writer
from wirelint.model import Document, Report, Verdict

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _attr(value: object) -> str:
    return quoteattr(_clean(value))


def _text(value: object) -> str:
    return escape(_clean(value))


class JunitWriter(Writer):
    """Collects one suite per document; writes the ``<testsuites>`` root in ``finish``."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self._suites: list[str] = []
        self._tests = self._failures = self._errors = 0

    def write(self, report: Report, document: Document | None = None) -> None:
        name = report.id or "-"
        classname = f"wirelint.{name}"
        flagged = report.verdict in (Verdict.MACHINE_TRANSLATED, Verdict.MACHINE_PARAPHRASED)
        cases = []
        verdict = ""
        if flagged:
            summary = f"{report.verdict} (score {report.score:.1f})"
            verdict = (f"<failure type=\"verdict\" message={_attr(summary)}>"
                       f"{_text(f'{name} reads as {summary}; 100 is clean')}</failure>")
        cases.append(f"    <testcase classname={_attr(classname)} name=\"verdict\" "
                     f"file={_attr(name)}>{verdict}</testcase>\n")
        for f in report.findings:
            detail = f"evidence: {f.evidence}\nconfidence: {f.confidence:.2f}"
            if f.suggestion is not None:
                detail += f"\nsuggestion: {f.suggestion!r}"
            cases.append(
                f"    <testcase classname={_attr(classname)} "
                f"name={_attr(f'{f.code} {f.name} at {f.line}:{f.col}')} file={_attr(name)} "
                f"line=\"{f.line}\"><failure type={_attr(f.code)} message={_attr(f.message)}>"
                f"{_text(detail)}</failure></testcase>\n")
        for e in report.errors:
            cases.append(
                f"    <testcase classname={_attr(classname)} name={_attr(f'{e.code} {e.name}')} "
                f"file={_attr(name)}><error type={_attr(e.code)} message={_attr(e.message)}/>"
                "</testcase>\n")
        failures = len(report.findings) + flagged
        errors = len(report.errors)
        props = {"score": f"{report.score:.1f}", "verdict": str(report.verdict),
                 **{f"p.{k}": f"{v:.4f}" for k, v in report.probabilities.as_dict().items()},
                 "language": report.language, "signature": report.signature}
        properties = "".join(f"      <property name={_attr(k)} value={_attr(v)}/>\n"
                             for k, v in props.items())
        self._suites.append(
            f"  <testsuite name={_attr(name)} tests=\"{len(cases)}\" failures=\"{failures}\" "
            f"errors=\"{errors}\" skipped=\"0\">\n    <properties>\n{properties}    "
            f"</properties>\n{''.join(cases)}  </testsuite>\n")
        self._tests += len(cases)
        self._failures += failures
        self._errors += errors

    def finish(self) -> None:
        self.stream.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            f"<testsuites name=\"wirelint\" tests=\"{self._tests}\" "
            f"failures=\"{self._failures}\" errors=\"{self._errors}\">\n"
            f"{''.join(self._suites)}</testsuites>\n")
