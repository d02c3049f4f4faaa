from __future__ import annotations

import pytest

from wirelint import Config, Host

FARM = Config(select=("CF5",))
PAGE = (
    "Top StoryWorld\n\n"
    "Talks Restart in Istanbul: Quick Looks\n"
    "• Russia and Ukraine met in Istanbul on Friday.\n"
    "Delegates arrive at the palace. (AP Photo/Jane Doe)\n\n"
    "Deep Look\n\n"
    "Russia and Ukraine held direct talks on Friday, their first in three years.\n\n"
    "Read more political news\n\n"
    "Previous Article\nTrump Plans Putin Meeting Soon\n"
    "Next Article\nKremlin Rejects Ceasefire Terms\n\n"
    "How useful was this article?\n\nClick on a star to rate it!\n\n"
    "Average rating 0 / 5. Vote count: 0\n\n"
    "No votes so far! Be the first to rate this article.\n\n"
    "Share on Facebook\nShare on X\n\nLatest News\n\nMenu\n"
)


def _strip(text: str, findings) -> str:
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.span.start):
        if f.span.start >= pos:
            out.append(text[pos:f.span.start])
            pos = f.span.end
    return "".join(out) + text[pos:]


def test_every_boilerplate_span_suggests_deletion(host: Host):
    findings = host.check(PAGE, FARM).findings
    assert findings and all(f.suggestion == "" for f in findings)
    assert all(PAGE[f.span.start:f.span.end] == f.evidence for f in findings)


def test_stripping_the_spans_leaves_the_story(host: Host):
    stripped = _strip(PAGE, host.check(PAGE, FARM).findings)
    lines = [line for line in stripped.splitlines() if line.strip()]
    assert lines == [
        "Talks Restart in Istanbul",
        "• Russia and Ukraine met in Istanbul on Friday.",
        "Delegates arrive at the palace. ",
        "Russia and Ukraine held direct talks on Friday, their first in three years.",
    ]


def test_spans_cover_only_the_boilerplate(host: Host):
    evidence = {f.code: f.evidence for f in host.check(PAGE, FARM).findings}
    assert evidence["CF504"] in {": Quick Looks", "Deep Look"}
    assert evidence["CF506"] == "(AP Photo/Jane Doe)"


@pytest.mark.parametrize("text", [
    "He urged pupils to read more books.",
    "Read more slowly, the teacher told the class on Monday.",
    "The talks ended, and you can read more about them in the report.",
])
def test_read_more_inside_prose_is_not_a_link(host: Host, text: str):
    assert not host.check(text, Config(select=("CF502",))).findings


def test_section_tag_only_as_the_last_line(host: Host):
    tag = Config(select=("CF507",))
    assert host.check("The talks ended without a deal.\nworld\n", tag).findings
    assert not host.check("world\nThe talks ended without a deal.", tag).findings


def test_seed_004_boilerplate_spans(host: Host, seeds: dict[str, str]):
    findings = host.check(seeds["004"], FARM).findings
    found = {(f.code, f.evidence) for f in findings}
    for expected in [
        ("CF501", "How useful was this article?"),
        ("CF501", "Click on a star to rate it!"),
        ("CF501", "No votes so far! Be the first to rate this article."),
        ("CF502", "Read more political news"),
        ("CF503", "Previous Article"),
        ("CF503", "Next Article"),
        ("CF504", ": Quick Looks"),
        ("CF504", "Deep Look"),
        ("CF506", "(AP Photo/Dilara Acikgoz)"),
        ("CF508", "Menu"),
    ]:
        assert expected in found
    slug = next(f.evidence for f in findings if f.code == "CF511")
    assert slug.startswith("Istanbul Hosts") and slug.endswith("Morning Edition/ ")


def test_seed_001_has_only_its_trailing_tag(host: Host, seeds: dict[str, str]):
    found = [(f.code, f.evidence) for f in host.check(seeds["001"], FARM).findings]
    assert found == [("CF507", "world")]
