"""The seed articles (../shared/seeds): what MP4xx and CF5xx say about each one."""

from __future__ import annotations

import pytest

from wirelint import Config, Document, Host

MP_CF = Config(select=("MP4", "CF5"))
STORY_DATE = "2025-05-16"  # the Istanbul talks; the seeds carry no date of their own


def _findings(host: Host, text: str, day: str | None = STORY_DATE):
    doc = Document(text=text, meta={"date": day} if day else {})
    return host.check(doc, MP_CF).findings


@pytest.mark.parametrize("seed", ["002", "003"])
def test_llm_rewrites_get_paraphrase_findings(host: Host, seeds: dict[str, str], seed: str):
    codes = {f.code for f in _findings(host, seeds[seed])}
    assert codes & {"MP402", "MP403", "MP404"}
    assert "MP401" in codes


def test_002_dissolved_its_quotes(host: Host, seeds: dict[str, str]):
    assert "MP403" in {f.code for f in _findings(host, seeds["002"])}


@pytest.mark.parametrize("day", [STORY_DATE, None])
def test_003_has_both_stale_titles(host: Host, seeds: dict[str, str], day: str | None):
    stale = {f.evidence for f in _findings(host, seeds["003"], day) if f.code == "MP404"}
    assert {"U.S. Senator Marco Rubio", "former U.S. President Donald Trump"} <= stale


def test_003_stale_titles_are_a_cut_off_snapshot(host: Host, seeds: dict[str, str]):
    stale = [f for f in _findings(host, seeds["003"]) if f.code == "MP404"]
    assert all(f.confidence >= 0.8 for f in stale)


def test_001_only_its_section_tag_stands_out(host: Host, seeds: dict[str, str]):
    findings = _findings(host, seeds["001"])
    confident = [(f.code, f.evidence) for f in findings if f.confidence > 0.25]
    assert confident == [("CF507", "world")]
    # 001 really does say "U.S. Senator Marco Rubio" beside "U.S. President Donald
    # Trump": flagged, but as a slip (low confidence), not a cut-off.
    assert {f.code for f in findings} <= {"CF507", "MP401", "MP404"}
    assert host.check(Document(text=seeds["001"], meta={"date": STORY_DATE})).verdict == "human"
