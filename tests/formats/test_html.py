from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tests.cli.fixplugin import STORY, fix_host
from tests.formats.dom import parse_report
from tests.formats.helpers import MT_TEXT, checked, cluster_by_hand, render
from wirelint import Document, Finding
from wirelint.formats.html import family, render_cluster, segments

HOSTILE = ('<script>document.body.setAttribute("data-pwned","1")</script>'
           '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')"> '
           "Officials said the large -scale plan was 100%certain & \"final\".\n")


def test_family_is_the_letters_and_first_digit():
    assert [family(c) for c in ("MT301", "CF512", "XD601", "ACM101", "WL001")] == [
        "MT3", "CF5", "XD6", "ACM1", "WL0"]


def test_article_markup_is_text_not_markup(host):
    doc = Document(text=HOSTILE, id='<b id="x">a.txt</b>')
    report = host.check(doc)
    # a finding whose evidence, message and suggestion carry markup too
    end = HOSTILE.index("<img")
    evil = Finding.at(HOSTILE, 0, end, code="MT301", message="</script><i>m</i>",
                      suggestion="<script>x()</script>")
    report = replace(report, findings=(evil, *report.findings))
    html = render("html", [(doc, report)], host.rules)
    assert "<script>document" not in html and "<img" not in html and '<b id="x">' not in html
    assert "<i>m</i>" not in html and "<script>x()" not in html
    assert "&lt;script&gt;document.body.setAttribute(&quot;data-pwned&quot;" in html
    # the JSON island cannot close its <script> element either
    assert "\\u003c/script\\u003e\\u003ci\\u003em" in html
    assert parse_report(html).sections[0].marked(0) == HOSTILE[:end]


def test_the_policy_allows_only_the_page_script_by_its_hash(host):
    html = render("html", checked(host, Document(text=MT_TEXT, id="a.txt")), host.rules)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_the_page_loads_nothing(host):
    html = render("html", checked(host, Document(text=MT_TEXT, id="a.txt")), host.rules)
    assert not re.search(r"<link|<iframe|\ssrc=|@import|url\(\s*['\"]?http", html)


def test_highlights_read_back_as_the_evidence(host):
    zz = fix_host()
    pairs = checked(zz, Document(text=STORY, id="a.txt")) + checked(
        host, Document(text=MT_TEXT, id="b.txt"))
    rules = {**zz.rules, **host.rules}
    dom = parse_report(render("html", pairs, rules))
    for (doc, report), section in zip(pairs, dom.sections, strict=True):
        assert section.text == doc.text
        assert section.id == doc.id
        for i, f in enumerate(report.findings):
            assert section.marked(i) == f.evidence


def test_overlapping_spans_are_split_and_each_reads_back():
    zz = fix_host()
    text = "The reporters said that teh cat was found in the garden of the old house.\n"
    pairs = checked(zz, Document(text=text, id="a.txt"))
    assert len(pairs[0][1].findings) == 2
    dom = parse_report(render("html", pairs, zz.rules))
    section = dom.sections[0]
    assert section.marked(0) == "teh" and section.marked(1) == "teh cat"
    assert any(set(m.findings) == {0, 1} for m in section.marks)


@given(st.text(alphabet="ab \n<&", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=6))
def test_segments_tile_the_text_and_rebuild_every_span(text, spans):
    findings = []
    for start, length in spans:
        start = min(start, len(text))
        end = min(start + length, len(text))
        findings.append(Finding.at(text, start, end, code="ZZ101", message="m"))
    pieces = segments(text, findings)
    assert "".join(text[a:b] for a, b, _ in pieces) == text
    for i, f in enumerate(findings):
        assert "".join(text[a:b] for a, b, cover in pieces if i in cover) == f.evidence
        if f.span.start == f.span.end:
            assert (f.span.start, f.span.start, ) in {(a, b) for a, b, c in pieces if i in c}


def test_cluster_page_has_a_heat_map_per_measure_and_the_derivation_graph(host):
    cluster, docs = cluster_by_hand(host)
    html = render_cluster(cluster, docs, host.rules)
    assert html.count('<table class="heat"') == 2  # bleu and chrf
    cells = re.findall(r'<td class="cell" data-a="(\d)" data-b="(\d)" data-v="([\d.]+)"', html)
    assert len(cells) == 2 * 6
    assert ("0", "1", "91.2") in cells and ("1", "0", "91.2") in cells
    assert len(re.findall(r'<line class="derivation"', html)) == 2
    assert 'data-source="0" data-derived="2"' in html
    assert "likely source</text>" in html and "original &lt;A&gt;.txt" in html
    assert "1 other pair(s) independent" in html
    assert "<A>" not in html
    dom = parse_report(html)
    assert [s.id for s in dom.sections] == [d.id for d in docs]
    assert dom.sections[0].text == docs[0].text


def test_cluster_page_without_documents_or_similarity_still_renders(host):
    cluster, _ = cluster_by_hand(host)
    bare = replace(cluster, similarity=(), derivation=(), relations=(), likely_source=None)
    html = render_cluster(bare)
    assert "No pairwise similarity was computed." in html and "likely source: none" in html
    assert "<pre" not in html


def test_the_cluster_command_writes_the_html_page(capsys):
    from tests.conftest import FIXTURES
    from wirelint.cli import main

    paths = [str(p) for p in sorted((FIXTURES / "clusters" / "harbour-fire").glob("*.txt"))]
    main(["cluster", "--isolated", "--format", "html", *paths])
    html = capsys.readouterr().out
    dom = parse_report(html)
    assert [s.id for s in dom.sections] == paths
    assert html.count('<table class="heat"') == 2 and '<svg class="graph"' in html
    assert html.count('<g class="node"') == len(paths)


def test_controls_and_lone_surrogates_are_shown_visibly_and_offsets_hold(host):
    raw = "Officials\x00 said\x1b the large\x7f -scale\ud800 plan was 100%certain.\n"
    doc = Document(text=raw, id="a\x00\ud800.txt")
    report = host.check(doc)
    assert report.findings
    html = render("html", [(doc, report)], host.rules)
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]", html)
    shown = raw.translate({0: "\u2400", 0x1b: "\u241b", 0x7f: "\u2421", 0xd800: "\ufffd"})
    section = parse_report(html).sections[0]
    assert section.text == shown and section.id == "a\u2400\ufffd.txt"
    for i, f in enumerate(report.findings):  # one character for one: the spans still fit
        assert section.marked(i) == shown[f.span.start:f.span.end]
