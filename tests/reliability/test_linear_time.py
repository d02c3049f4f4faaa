"""Every built-in family's hooks take time linear in the input, on shapes made to hurt.

The conformance kit (``wirelint.testing``) bounds each ``regex=`` pattern on its own
adversarial input; this covers what it never sees: the regexes and loops inside the
families' ``wirelint_check`` hooks (sentence splitters, tokenisers, look-backs).  Each
family is loaded alone and run behind an English lead (the language gate reads only the
start), on 4x more of the same shape: linear code takes about 4x the CPU time,
quadratic code 16x.  ``scripts/measure_redos.py`` measures the worst case per MB across
every pattern's adversarial inputs; this is the quick regression test for what it found.
"""

from __future__ import annotations

import time

import pytest

from wirelint import Config, Host
from wirelint._host import builtin_plugins

LEAD = ("The council met on Tuesday and said that it would approve the budget for the year "
        "after a short debate, which was expected by all of them. ") * 8 + "\n\n"
ALL = Config(select=("ALL",), max_bytes=10_000_000)
SMALL = 4_000
#: CPU seconds under which a run is too short to judge (timer and allocator noise).
FLOOR = 0.05

SHAPES = {
    "stops with no space after": "!",
    "full stops with no space after": ".",
    "initials, each stop an abbreviation": "a. ",
    "abbreviations": "Mr. ",
    "sentences on one line": "Moscow said he would go. ",
    "stop then closing quotes": '!"',
    "one unbroken word": "a",
    "words with no sentence end": "word ",
    "capitalised words with no sentence end": "Moscow ",
    "one-character lines": "a\n",
    "glued stops and letters": "!x",
    "colons and dashes": ": -",
    # Markdown the host reads as markup (wirelint._visible): unpaired and paired markers
    "unpaired emphasis markers": "*a _b ",
    "emphasis on every word": "**a** ",
    "link brackets with no end": "[a](x.y ",
    "a heading on every line": "# a\n",
}
#: Findings not fixed yet: (family, shape) -> the finding, reported to the family's owner.
#: Strict: the test fails when the fix lands, so the entry gets deleted with it.
KNOWN: dict[tuple[str, str], str] = {}
# Found and fixed: roundtrip's sentence-end regex retried a run of stops from every
# position (100 KB of '!' took ~50 s; d3e0a16); paraphrase re-split a sentence once per
# skipped abbreviation stop ("a. a. a. ...", 100 KB ~22 s).

FAMILIES = [m.rsplit(".", 1)[-1] for m in builtin_plugins()]


def _cpu(host: Host, text: str) -> float:
    """The faster of two runs (one when it is slow: a quadratic case costs seconds)."""
    best = float("inf")
    for _ in range(2):
        start = time.thread_time()
        host.check(text, ALL)
        best = min(best, time.thread_time() - start)
        if best > 10 * FLOOR:
            break
    return best


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _params():
    for family in FAMILIES:
        for shape in SHAPES:
            reason = KNOWN.get((family, shape))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            # A known quadratic case shows on a quarter of the text (it costs seconds).
            size = SMALL // 4 if reason else SMALL
            yield pytest.param(family, shape, size, id=f"{family}-{shape}", marks=marks)


@pytest.fixture(scope="module")
def hosts() -> dict[str, Host]:
    out = {}
    for family in FAMILIES:
        host = Host(plugins=[f"wirelint_builtins.{family}"], entry_points=False,
                    plugin_timeout=None)
        host.check(LEAD, ALL)  # lazy data is not a per-character cost
        out[family] = host
    return out


@pytest.mark.parametrize(("family", "shape", "size"), list(_params()))
def test_family_time_grows_linearly_on_adversarial_shapes(hosts, family, shape, size):
    host = hosts[family]
    unit = SHAPES[shape]
    small = _cpu(host, LEAD + _fill(unit, size))
    large = _cpu(host, LEAD + _fill(unit, 4 * size))
    assert large <= max(FLOOR, 8 * small), (
        f"{family} on {shape!r}: {small:.3f}s at {size} characters, {large:.3f}s at "
        f"{4 * size} ({large / max(small, 1e-9):.1f}x for 4x the text): super-linear")
