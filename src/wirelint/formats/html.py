"""``--format html``: one self-contained page an editor can read.

Each article is shown with its flagged spans highlighted in the colour of their family
(MT1, MT2, MT3, MP4, CF5, XD6, ...); hovering a highlight names the rule, clicking it
opens the rule's explanation, the message and the suggestion.  Overlapping spans are
split at every boundary, so each piece of text is one ``<mark>`` listing every finding
that covers it (``data-f``); the pieces of one finding read back as its evidence.

Everything is inline (CSS, script, SVG): the page loads nothing.  Article text, ids and
plugin-provided strings are HTML-escaped, and a Content-Security-Policy allows only the
page's own script (by hash), so a ``<script>`` in an article is text, never code.

:func:`render_cluster` renders a ``wirelint cluster`` result: a similarity heat map per
measure, the derivation graph as SVG, and every version's highlighted text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from typing import Any

from wirelint._version import __version__
from wirelint.formats._base import Writer
from wirelint.model import ClusterReport, Document, Finding, Report, Rule, Verdict

#: Highlight colours (background, edge) of the built-in families; others get a hue
#: derived from their prefix.
FAMILY_COLOURS: Mapping[str, tuple[str, str]] = {
    "MT1": ("#ffe0b2", "#e65100"),
    "MT2": ("#bbdefb", "#0d47a1"),
    "MT3": ("#ffcdd2", "#b71c1c"),
    "MP4": ("#e1bee7", "#6a1b9a"),
    "CF5": ("#c8e6c9", "#1b5e20"),
    "XD6": ("#b2ebf2", "#006064"),
    "ST7": ("#fff9c4", "#f57f17"),
}
FAMILY_NAMES: Mapping[str, str] = {
    "MT1": "untranslated words, calques, garbled idioms",
    "MT2": "capitalisation",
    "MT3": "round-trip typography and grammar",
    "MP4": "machine-paraphrase style",
    "CF5": "content-farm scaffolding",
    "XD6": "cross-document",
    "ST7": "stylometry",
}
_VERDICT_COLOURS = {
    Verdict.HUMAN: "#2e7d32",
    Verdict.MACHINE_TRANSLATED: "#c62828",
    Verdict.MACHINE_PARAPHRASED: "#6a1b9a",
    Verdict.UNDETERMINED: "#616161",
}
_FAMILY_RE = re.compile(r"[A-Z]+[0-9]")


def _asset(name: str) -> str:
    return resources.files("wirelint.formats").joinpath("assets", name).read_text("utf-8")



_CSS = _asset("report.css")
# The page's only script.  It reads the rules and findings from JSON blocks and builds
# the detail panel with textContent (never innerHTML), so no string becomes markup.
_JS = _asset("report.js")
_JS_HASH = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_JS_HASH}'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


# ------------------------------------------------------------------------ helpers


def family(code: str) -> str:
    """A code's family: its letters and first digit (``MT301`` -> ``MT3``)."""
    m = _FAMILY_RE.match(code)
    return m.group(0) if m else code[:2]


def _colours(fam: str) -> tuple[str, str]:
    if fam in FAMILY_COLOURS:
        return FAMILY_COLOURS[fam]
    hue = int(hashlib.sha256(fam.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 80% 88%)", f"hsl({hue} 70% 32%)"


# What HTML cannot carry as text: controls other than ASCII whitespace (the parser drops
# NUL and flags the rest) and lone surrogates (no UTF-8 form).
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    # One character for one, so offsets and highlights still line up: a C0 control
    # becomes its Control Pictures symbol (NUL -> U+2400), DEL U+2421, the rest U+FFFD.
    c = ord(m.group())
    return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7F else "\ufffd"


def _e(value: object) -> str:
    return escape(_NOT_HTML.sub(_visible, str(value)), quote=True)


def _json_block(data: object) -> str:
    """JSON safe to embed in a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # json.dumps already escapes C0 controls; escape DEL, C1 and lone surrogates too
    # (HTML cannot carry them raw): the script still reads back the exact string.
    text = re.sub("[\x7f-\x9f\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _safe(finding: Finding, rules: Mapping[str, Rule]) -> bool:
    rule = rules.get(finding.code)
    return bool(rule and rule.fix_safe)


def segments(text: str, findings: Sequence[Finding]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Split ``text`` at every span boundary: ``(start, end, covering finding indices)``.

    Pieces no finding covers have an empty tuple; an empty span gives a zero-width piece
    of its own.  Overlapping and nested spans thus need no nesting of elements.
    """
    n = len(text)
    bounds = {0, n}
    for f in findings:
        bounds.add(min(max(f.span.start, 0), n))
        bounds.add(min(max(f.span.end, 0), n))
    points = sorted(bounds)
    out: list[tuple[int, int, tuple[int, ...]]] = []
    empties: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        if f.span.start == f.span.end:
            empties.setdefault(min(f.span.start, n), []).append(i)
    order = sorted(range(len(findings)), key=lambda i: findings[i].span.start)
    active: list[int] = []
    k = 0
    for a, b in zip(points, [*points[1:], None], strict=True):
        if a in empties:
            out.append((a, a, tuple(empties[a])))
        if b is None:
            break
        while k < len(order) and findings[order[k]].span.start <= a:
            active.append(order[k])
            k += 1
        active = [i for i in active if findings[i].span.end > a]
        covering = tuple(sorted(i for i in active if findings[i].span.start < b))
        out.append((a, b, covering))
    return out


def _hover(f: Finding, rules: Mapping[str, Rule]) -> str:
    rule = rules.get(f.code)
    return f"{f.code} {f.name}: {rule.summary if rule else f.message}"


def _highlighted(text: str, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    parts: list[str] = []
    for a, b, covering in segments(text, findings):
        piece = _e(text[a:b])
        if not covering:
            parts.append(piece)
            continue
        # The piece takes the colour of its innermost (shortest) finding.
        inner = min(covering, key=lambda i: (findings[i].span.end - findings[i].span.start, i))
        classes = f"hl fam-{family(findings[inner].code)}"
        if len(covering) > 1:
            classes += " multi"
        if a == b:
            classes += " empty"
        title = "\n".join(_hover(findings[i], rules) for i in covering)
        ids = " ".join(map(str, covering))
        parts.append(f'<mark class="{classes}" data-f="{ids}" tabindex="0" '
                     f'title="{_e(title)}">{piece}</mark>')
    return "".join(parts)


def _findings_table(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    if not findings:
        return '<p class="meta">No findings.</p>'
    rows = []
    for i, f in enumerate(findings):
        rule = rules.get(f.code)
        fix = ""
        if f.suggestion is not None and f.suggestion != f.evidence:
            label = "fix" if _safe(f, rules) else "unsafe fix"
            shown = f"“{f.suggestion}”" if f.suggestion else "delete"
            fix = (f'{_e(shown)}<span class="fix{"" if _safe(f, rules) else " unsafe"}">'
                   f"{label}</span>")
        doc = ""
        if rule is not None:
            doc = (f"<details><summary>{_e(rule.summary)}</summary><p>{_e(rule.why)}</p>"
                   f"<p><em>Write instead:</em> {_e(rule.use_instead)}</p></details>")
        rows.append(
            f'<tr class="finding fam-{family(f.code)}" data-f="{i}">'
            f'<td><span class="code fam-{family(f.code)}">{_e(f.code)}</span> {_e(f.name)}</td>'
            f"<td>{f.line}:{f.col}</td><td><code class=\"ev\">{_e(f.evidence)}</code></td>"
            f"<td>{_e(f.message)}{doc}</td><td>{fix}</td><td>{f.confidence:.2f}</td></tr>")
    return ("<table class=\"findings\"><thead><tr><th>rule</th><th>line:col</th>"
            "<th>evidence</th><th>message</th><th>suggestion</th><th>conf.</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def render_document(number: int, report: Report, document: Document | None,
                    rules: Mapping[str, Rule]) -> str:
    """One ``<section class="doc">``: score, verdict, highlighted text, findings table."""
    findings = report.findings
    text = document.text if document is not None and document.id == report.id else None
    p = report.probabilities
    colour = _VERDICT_COLOURS.get(report.verdict, "#616161")
    errors = "".join(f"<li>{_e(e.code)} {_e(e.name)}: {_e(e.message)}</li>"
                     for e in report.errors)
    data = [{"code": f.code, "name": f.name, "message": f.message, "evidence": f.evidence,
             "suggestion": f.suggestion, "safe": _safe(f, rules), "line": f.line,
             "col": f.col, "confidence": f.confidence, "start": f.span.start,
             "end": f.span.end} for f in findings]
    body = (f'<pre class="text">{_highlighted(text, findings, rules)}</pre>'
            if text is not None else "")
    return (
        f'<section class="doc" id="doc-{number}" data-doc="{number}" '
        f'data-id="{_e(report.id or "-")}" style="--verdict:{colour}">'
        f"<h2>{_e(report.id or '-')}</h2>"
        f'<div class="scoreline"><span class="badge">{_e(report.verdict)}</span>'
        f'<span class="score">score {report.score:.1f}</span>'
        f'<span class="probs">machine-translated {p.machine_translated:.2f} · '
        f"machine-paraphrased {p.machine_paraphrased:.2f} · human {p.human:.2f} · "
        f"{len(findings)} finding(s)</span></div>"
        + (f'<ul class="errors">{errors}</ul>' if errors else "")
        + body + _findings_table(findings, rules)
        + f'<script type="application/json" class="wl-findings">{_json_block(data)}</script>'
        + "</section>\n")


def _legend(families: Sequence[str]) -> str:
    items = []
    for fam in families:
        bg, edge = _colours(fam)
        name = FAMILY_NAMES.get(fam, "plugin rules")
        items.append(f'<span><span class="chip" style="background:{bg};border-color:{edge}">'
                     f"</span>{_e(fam)}xx {_e(name)}</span>")
    return f'<div class="legend">{"".join(items)}</div>'


def page(title: str, body: str, *, families: Sequence[str], rules: Mapping[str, Rule],
         codes: set[str], footer: str = "") -> str:
    """A complete, self-contained HTML page around ``body``."""
    fam_css = "".join(
        f".fam-{fam}{{--bg:{bg};--edge:{edge}}}"
        for fam in sorted(set(families)) for bg, edge in (_colours(fam),))
    rules_data = {c: {"name": r.name, "summary": r.summary, "why": r.why,
                      "use_instead": r.use_instead, "severity": str(r.severity),
                      "signal": str(r.signal), "fix_safe": r.fix_safe}
                  for c, r in sorted(rules.items()) if c in codes}
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="wirelint {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}{fam_css}</style></head>\n<body>\n"
        f"{body}"
        '<aside id="wl-panel" role="dialog" aria-live="polite" hidden></aside>\n'
        f"<footer>{footer}</footer>\n"
        f'<script type="application/json" id="wl-rules">{_json_block(rules_data)}</script>\n'
        f"<script>{_JS}</script>\n</body></html>\n")


def _toc(entries: Sequence[tuple[int, Report]]) -> str:
    rows = "".join(
        f'<tr><td><a href="#doc-{n}">{_e(r.id or "-")}</a></td><td>{r.score:.1f}</td>'
        f'<td><span class="badge" style="--verdict:'
        f'{_VERDICT_COLOURS.get(r.verdict, "#616161")}">{_e(r.verdict)}</span></td>'
        f"<td>{len(r.findings)}</td></tr>" for n, r in entries)
    return ('<nav><table class="toc"><thead><tr><th>document</th><th>score</th>'
            f"<th>verdict</th><th>findings</th></tr></thead><tbody>{rows}</tbody></table></nav>")


def _families_of(reports: Sequence[Report]) -> list[str]:
    known = list(FAMILY_COLOURS)
    return sorted({family(f.code) for r in reports for f in r.findings},
                  key=lambda fam: (known.index(fam) if fam in known else len(known), fam))


# ------------------------------------------------------------------------ the writer


class HtmlWriter(Writer):
    """Collects the documents and writes the page in ``finish`` (it opens with a table
    of contents, which needs every report)."""

    def __init__(self, stream: Any, **options: Any) -> None:
        super().__init__(stream, **options)
        self.rules: Mapping[str, Rule] = options.get("rules") or {}
        self._sections: list[str] = []
        self._reports: list[Report] = []

    def write(self, report: Report, document: Document | None = None) -> None:
        number = len(self._reports) + 1
        self._reports.append(report)
        self._sections.append(render_document(number, report, document, self.rules))

    def finish(self) -> None:
        reports = self._reports
        flagged = sum(r.verdict in (Verdict.MACHINE_TRANSLATED, Verdict.MACHINE_PARAPHRASED)
                      for r in reports)
        findings = sum(len(r.findings) for r in reports)
        families = _families_of(reports)
        header = (
            "<header><h1>wirelint report</h1>"
            f'<p class="meta">{len(reports)} document(s) · {findings} finding(s) · '
            f"{flagged} flagged as machine-made. Click a highlight for the rule's "
            "explanation.</p>" + _legend(families) + "</header>\n")
        signature = reports[0].signature if reports else ""
        body = (header + _toc(list(enumerate(reports, start=1))) + "<main>\n"
                + "".join(self._sections) + "</main>\n")
        codes = {f.code for r in reports for f in r.findings}
        self.stream.write(page("wirelint report", body, families=families, rules=self.rules,
                               codes=codes, footer=_e(signature)))


# ------------------------------------------------------------------------ clusters


def _measures(cluster: ClusterReport) -> list[str]:
    """The numeric measures of the pairs; directional variants (``bleu_ab``) are left out
    when their symmetric measure (``bleu``) is there."""
    names: list[str] = []
    for _, _, m in cluster.similarity:
        for k, v in m.items():
            if k not in names and isinstance(v, int | float):
                names.append(k)
    return [k for k in names if not (k[-3:] in ("_ab", "_ba") and k[:-3] in names)]


def heat_map(cluster: ClusterReport, measure: str) -> str:
    """An n x n table of one similarity measure, each cell tinted by its value.

    The tint runs from the lowest to the highest value in this matrix (the cells print
    the scores themselves): versions of one story all share a lot of content, and an
    absolute scale would paint them one colour.
    """
    n = len(cluster.reports)
    values: dict[tuple[int, int], float] = {}
    for a, b, m in cluster.similarity:
        v = m.get(measure)
        if isinstance(v, int | float) and not (isinstance(v, float) and math.isnan(v)):
            values[(a, b)] = values[(b, a)] = float(v)
    lo, hi = (min(values.values()), max(values.values())) if values else (0.0, 1.0)
    labels = [_short(r.id, i) for i, r in enumerate(cluster.reports)]
    head = "".join(f'<th title="{_e(r.id or i)}">{i}</th>' for i, r in enumerate(cluster.reports))
    rows = []
    for i in range(n):
        cells = []
        for j in range(n):
            if i == j:
                cells.append('<td class="cell" style="background:#eee">—</td>')
                continue
            v = values.get((i, j))
            if v is None:
                cells.append('<td class="cell">·</td>')
                continue
            t = (v - lo) / (hi - lo) if hi > lo else 1.0
            light = 95 - int(t * 55)
            ink = "#fff" if light < 60 else "#111"
            cells.append(f'<td class="cell" data-a="{i}" data-b="{j}" data-v="{v:.4g}" '
                         f'style="background:hsl(14 85% {light}%);color:{ink}" '
                         f'title="{i} vs {j}: {_e(measure)} {v:.4g}">{v:.3g}</td>')
        rows.append(f'<tr><th class="rowh" title="{_e(cluster.reports[i].id or i)}">'
                    f"{i} {_e(labels[i])}</th>{''.join(cells)}</tr>")
    return (f'<table class="heat" data-measure="{_e(measure)}"><caption>{_e(measure)} '
            "(darker: more similar, within this matrix)</caption><thead><tr><th></th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _short(doc_id: str | None, i: int) -> str:
    if not doc_id:
        return f"#{i}"
    tail = doc_id.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return tail if len(tail) <= 24 else tail[:21] + "…"


def derivation_graph(cluster: ClusterReport) -> str:
    """The versions as an SVG graph: arrows from source to derived version (layered by
    derivation depth), dashed lines for the other relations, the likely source ringed."""
    n = len(cluster.reports)
    if n == 0:
        return ""
    parents: dict[int, list[int]] = {i: [] for i in range(n)}
    for s, d in cluster.derivation:
        if 0 <= s < n and 0 <= d < n and s != d:
            parents[d].append(s)
    depth: dict[int, int] = {}

    def level(i: int, seen: frozenset[int] = frozenset()) -> int:
        if i in depth:
            return depth[i]
        ps = [p for p in parents[i] if p not in seen]
        depth[i] = 0 if not ps else 1 + max(level(p, seen | {i}) for p in ps)
        return depth[i]

    for i in range(n):
        level(i)
    layers: dict[int, list[int]] = {}
    for i in range(n):
        layers.setdefault(depth[i], []).append(i)
    width = max(560, 260 * max(len(v) for v in layers.values()))
    height = 120 * len(layers) + 40
    pos: dict[int, tuple[float, float]] = {}
    for d, members in layers.items():
        for k, i in enumerate(members):
            pos[i] = (width * (k + 1) / (len(members) + 1), 60 + 120 * d)
    parts = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             'aria-label="derivation graph"><defs><marker id="wl-arrow" viewBox="0 0 10 10" '
             'refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
             '<path d="M0,0L10,5L0,10z" fill="#444"/></marker></defs>']
    derived = {(s, d) for s, d in cluster.derivation}
    for a, b, rel in cluster.relations:
        if not (0 <= a < n and 0 <= b < n) or (a, b) in derived or (b, a) in derived:
            continue
        if rel in ("independent", "not-measured"):  # not-measured: never compared
            continue
        (x1, y1), (x2, y2) = pos[a], pos[b]
        parts.append(f'<line class="relation" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" '
                     f'y2="{y2:.0f}" stroke="#999" stroke-dasharray="5 4"/>'
                     f'<text x="{(x1 + x2) / 2:.0f}" y="{(y1 + y2) / 2 - 4:.0f}" '
                     f'font-size="11" fill="#666" text-anchor="middle">{_e(rel)}</text>')
    labels = {(a, b): rel for a, b, rel in cluster.relations}
    labels.update({(b, a): rel for a, b, rel in cluster.relations})
    for s, d in cluster.derivation:
        if not (0 <= s < n and 0 <= d < n) or s == d:
            continue
        (x1, y1), (x2, y2) = pos[s], pos[d]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        # Stop the arrow at the node's edge (radius 26) so its head stays visible.
        ux, uy = dx / length, dy / length
        parts.append(f'<line class="derivation" data-source="{s}" data-derived="{d}" '
                     f'x1="{x1 + ux * 26:.0f}" y1="{y1 + uy * 26:.0f}" '
                     f'x2="{x2 - ux * 28:.0f}" y2="{y2 - uy * 28:.0f}" stroke="#444" '
                     'stroke-width="2" marker-end="url(#wl-arrow)"/>')
        label = labels.get((s, d))
        if label:
            # The label sits past the middle, towards the derived version, clear of the
            # source's own label.
            parts.append(f'<text x="{x1 + 0.6 * dx + 8:.0f}" y="{y1 + 0.6 * dy:.0f}" '
                         f'font-size="11" fill="#444">{_e(label)}</text>')
    for i, report in enumerate(cluster.reports):
        x, y = pos[i]
        colour = _VERDICT_COLOURS.get(report.verdict, "#616161")
        ring = ' stroke="#111" stroke-width="4"' if i == cluster.likely_source else \
            ' stroke="#fff" stroke-width="2"'
        parts.append(
            f'<g class="node" data-index="{i}"><title>{_e(report.id or i)}: {_e(report.verdict)}'
            f", score {report.score:.1f}</title>"
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="24" fill="{colour}"{ring}/>'
            f'<text x="{x:.0f}" y="{y + 5:.0f}" font-size="13" fill="#fff" '
            f'text-anchor="middle" font-weight="600">{i}</text>'
            f'<text x="{x:.0f}" y="{y + 42:.0f}" font-size="12" text-anchor="middle">'
            f"{_e(_short(report.id, i))}</text>"
            + (f'<text x="{x:.0f}" y="{y + 56:.0f}" font-size="11" text-anchor="middle" '
               'font-weight="600">likely source</text>' if i == cluster.likely_source else "")
            + "</g>")
    parts.append("</svg>")
    return "".join(parts)


def render_cluster(cluster: ClusterReport, documents: Sequence[Document | None] | None = None,
                   rules: Mapping[str, Rule] | None = None) -> str:
    """The HTML page for ``wirelint cluster --format html``.

    ``documents`` (aligned with ``cluster.reports``) supply the texts to highlight;
    without them each version shows its findings table only.
    """
    rules = rules or {}
    reports = list(cluster.reports)
    docs = list(documents or [])
    docs += [None] * (len(reports) - len(docs))
    maps = "".join(f"<div>{heat_map(cluster, m)}</div>" for m in _measures(cluster)) or \
        '<p class="meta">No pairwise similarity was computed.</p>'
    shown = [(a, b, rel) for a, b, rel in cluster.relations
             if rel != "independent" and 0 <= a < len(reports) and 0 <= b < len(reports)]
    relation_rows = "".join(
        f"<tr><td>{a}: {_e(_short(reports[a].id, a))}</td><td>{_e(rel)}</td>"
        f"<td>{b}: {_e(_short(reports[b].id, b))}</td></tr>" for a, b, rel in shown)
    if len(cluster.relations) > len(shown):
        relation_rows += (f'<tr><td colspan="3" class="meta">'
                          f"{len(cluster.relations) - len(shown)} other pair(s) independent"
                          "</td></tr>")
    source = ("none identified" if cluster.likely_source is None else
              f"{cluster.likely_source}: {_e(reports[cluster.likely_source].id or '-')}"
              if 0 <= cluster.likely_source < len(reports) else "none identified")
    errors = "".join(f"<li>{_e(e.code)} {_e(e.name)}: {_e(e.message)}</li>"
                     for e in cluster.errors)
    families = _families_of(reports)
    body = (
        "<header><h1>wirelint cluster report</h1>"
        f'<p class="meta">{len(reports)} version(s) of one story · likely source: {source}'
        "</p>" + _legend(families) + "</header>\n<main>\n"
        + (f'<ul class="errors">{errors}</ul>' if errors else "")
        + f'<section class="cluster"><h2>Similarity</h2>{maps}</section>\n'
        + '<section class="cluster"><h2>Derivation</h2>' + derivation_graph(cluster)
        + (f'<table class="relations"><thead><tr><th>version</th><th>relation</th>'
           f"<th>version</th></tr></thead><tbody>{relation_rows}</tbody></table>"
           if relation_rows else "")
        + "</section>\n"
        + "".join(render_document(i + 1, r, d, rules)
                  for i, (r, d) in enumerate(zip(reports, docs, strict=True)))
        + "</main>\n")
    codes = {f.code for r in reports for f in r.findings}
    return page("wirelint cluster report", body, families=families, rules=rules, codes=codes,
                footer=_e(cluster.signature))
