"""Shared helpers for the format tests: render reports, build a cluster by hand."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from wirelint import Document, Host, Report, Rule
from wirelint.formats import get_writer
from wirelint.model import ClusterReport

MT_TEXT = ("Officials said the large -scale plan was 100%certain to pass this week.\n"
           "The question remains : who will pay for the new roads and bridges ?\n")


def render(fmt: str, pairs: Iterable[tuple[Document | None, Report]],
           rules: Mapping[str, Rule] | None = None) -> str:
    buf = io.StringIO()
    writer = get_writer(fmt, buf, rules=rules or {})
    for document, report in pairs:
        writer.write(report, document)
    writer.finish()
    return buf.getvalue()


def checked(host: Host, *docs: Document) -> list[tuple[Document, Report]]:
    return [(d, host.check(d)) for d in docs]


def cluster_by_hand(host: Host) -> tuple[ClusterReport, list[Document]]:
    docs = [Document(text=MT_TEXT, id="wire/original <A>.txt"),
            Document(text=MT_TEXT.replace("Officials", "Ministers"), id="wire/copy-b.txt"),
            Document(text="The council approved the budget on Tuesday after a short debate.\n",
                     id="wire/rewrite-c.txt")]
    reports = tuple(host.check(d) for d in docs)
    cluster = ClusterReport(
        reports=reports,
        similarity=((0, 1, {"bleu": 91.2, "chrf": 95.0}), (0, 2, {"bleu": 4.1, "chrf": 18.5}),
                    (1, 2, {"bleu": 3.9, "chrf": 17.0})),
        relations=((0, 1, "near-copy"), (0, 2, "paraphrase-of"), (1, 2, "independent")),
        likely_source=0,
        derivation=((0, 1), (0, 2)),
        signature=host.signature)
    return cluster, docs
