"""The HTML report in a real headless browser (Debian's chromium).

The browser runs the page's script under its Content-Security-Policy, so these tests show
that the script is allowed (the page marks itself ready), that an article's own markup
never runs, and that the highlights sit where the spans say.  Screenshots are saved under
``artifacts/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.formats.dom import Dom, parse_report
from tests.formats.helpers import cluster_by_hand, render
from tests.formats.test_html import HOSTILE
from wirelint import Document
from wirelint.cli import main
from wirelint.formats.html import render_cluster

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome",
                                          "google-chrome-stable") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser installed (apt-get install chromium; .ci/run does it as root)")
ARTIFACTS = ROOT / "artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio")


def browse(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=True)


def dump_dom(page: Path, tmp_path: Path) -> Dom:
    """The DOM after the page's script ran, as the browser serialises it."""
    return parse_report(browse(page, tmp_path, "--dump-dom").stdout)


def screenshot(page: Path, tmp_path: Path, name: str, height: int = 2400) -> Path:
    png = tmp_path / name
    browse(page, tmp_path, f"--screenshot={png}", f"--window-size=1280,{height}")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / name)
    return png


def test_seed_report_renders_with_highlights_where_the_spans_say(seeds, tmp_path, capsys):
    paths = [str(p) for p in sorted(SEEDS.glob("0*.txt"))]
    page = tmp_path / "seeds.html"
    main(["check", "--isolated", "--format", "html", "-o", str(page), *paths])
    main(["check", "--isolated", "--format", "json", *paths])
    reports = json.loads(capsys.readouterr().out)
    dom = dump_dom(page, tmp_path)
    assert dom.body.get("data-wl-ready") == "1"  # the page's script ran under its policy
    assert [s.id for s in dom.sections] == paths
    total = 0
    for path, report, section in zip(paths, reports, dom.sections, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        assert section.text == text
        for i, f in enumerate(report["findings"]):
            assert section.marked(i) == f["evidence"] == text[f["start"]:f["end"]]
        total += len(report["findings"])
    assert total > 0 and sum(len(s.marks) for s in dom.sections) >= total
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(page, ARTIFACTS / "seeds.html")
    screenshot(page, tmp_path, "html-report-seeds.png", height=3200)


def test_markup_in_an_article_does_not_run(host, tmp_path):
    doc = Document(text=HOSTILE * 2, id='<img src=x onerror="alert(1)">.txt')
    page = tmp_path / "hostile.html"
    page.write_text(render("html", [(doc, host.check(doc))], host.rules), encoding="utf-8")
    dom = dump_dom(page, tmp_path)
    assert dom.body.get("data-wl-ready") == "1"
    assert "data-pwned" not in dom.body
    assert dom.tags["img"] == 0 and dom.tags["script"] == 3  # rules, findings, the page's
    assert dom.sections[0].text == doc.text and dom.sections[0].id == doc.id
    screenshot(page, tmp_path, "html-report-hostile.png", height=1200)


def test_cluster_page_renders_its_heat_map_and_graph(host, tmp_path):
    cluster, docs = cluster_by_hand(host)
    page = tmp_path / "cluster.html"
    page.write_text(render_cluster(cluster, docs, host.rules), encoding="utf-8")
    html = browse(page, tmp_path, "--dump-dom").stdout
    dom = parse_report(html)
    assert dom.body.get("data-wl-ready") == "1"
    assert dom.tags["svg"] == 1 and dom.tags["circle"] == 3 and dom.tags["line"] >= 2
    assert 'class="heat"' in html and [s.id for s in dom.sections] == [d.id for d in docs]
    screenshot(page, tmp_path, "html-report-cluster.png", height=1600)
