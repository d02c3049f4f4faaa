"""Measure how far layout and encoding move wirelint's results on the same writing.

    python scripts/measure_layout.py ../shared/corpus/wmt-news-mt/dev.jsonl

A desk receives one article in many forms: one paragraph per line or blank lines between
them, Windows line ends, a file's final line break, hard-wrapped, typeset or straight
quotes, pasted from a web page (soft hyphens, zero-width spaces, HTML tags and character
references), mis-decoded (UTF-8 read as Windows-1252), decomposed (NFD), with an
agency's or a page's furniture (byline, dateline, credit line, time stamp), a headline
in capitals or title case, as a Markdown page or with its paragraphs bulleted. None
changes what the article says, so none should change its verdict. One more variant is
measured for what it costs, not as a promise: the article on one line (a feed that drops
line breaks), where the headline runs into the first sentence. Each variant below
rewrites every document of a labelled JSON Lines file (``--variant TEXT`` keeps the
variants whose name holds TEXT); the output is a Markdown table: the largest and median
change in P(machine-translated), the largest in P(machine-paraphrased), the verdicts
that flip and the findings that appear or disappear (by code). The corpus is read by
path and never copied.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from wirelint import Document, Host, Report


def _mis_decoded(text: str) -> str:
    """UTF-8 read as Windows-1252 (its unassigned bytes as C1 controls)."""
    return "".join(c if c.isascii() else "".join(
        bytes([b]).decode("cp1252", "ignore") or chr(b) for b in c.encode("utf-8"))
        for c in text)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")


_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with".split())


def _title_case(line: str) -> str:
    """A headline as many sites set it: each word capitalised but short function words."""
    words = line.split(" ")
    return " ".join(w if i and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _markdown(text: str) -> str:
    """The article as a Markdown page: a "#" headline, blank lines between paragraphs,
    each paragraph's first three words in bold and its next three words a link."""
    head, _, body = text.partition("\n")
    out = []
    for para in body.split("\n"):
        words = para.split(" ")
        if len(words) > 8:
            words[0] = "**" + words[0]
            words[2] += "**"
            words[4] = "[" + words[4]
            words[6] += "](https://www.example.com/news/2024/03/story-1234.html)"
        out.append(" ".join(words))
    return "# " + head + "\n\n" + "\n\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "blank line between paragraphs": lambda t: t.replace("\n", "\n\n"),
    "a line break at the end (as a file has)": lambda t: t + "\n",
    "Windows line ends (CRLF)": lambda t: t.replace("\n", "\r\n"),
    "trailing spaces": lambda t: t.replace("\n", "  \n"),
    "indented paragraphs": lambda t: t.replace("\n", "\n    "),
    "two spaces after a stop": lambda t: re.sub(r"([.!?]) (?=[A-Z])", r"\1  ", t),
    "hard-wrapped at 70": lambda t: "\n\n".join(textwrap.fill(p, 70) for p in t.split("\n")
                                                if p.strip()),
    "hard-wrapped at 70, no blank lines": lambda t: "\n".join(
        textwrap.fill(p, 70) for p in t.split("\n") if p.strip()),
    "typeset quotes, apostrophes and dashes": lambda t: re.sub(
        r'"([^"\n]*)"', "\u201c\\1\u201d", t).replace("'", "\u2019").replace(" - ", " \u2014 "),
    "straight quotes and apostrophes": lambda t: re.sub("[\u201c\u201d\u201e]", '"', t)
    .replace("\u2019", "'").replace("\u2018", "'"),
    "soft hyphen in every long word": lambda t: re.sub(r"(\w{4})(\w{4,})", "\\1\u00ad\\2", t),
    "zero-width space after stops": lambda t: t.replace(". ", ".\u200b "),
    "HTML-escaped quotes and &": _escaped,
    "HTML paragraphs": lambda t: "\n".join(f'<p class="body">{line}</p>'
                                           for line in t.split("\n")),
    "decomposed (NFD)": lambda t: unicodedata.normalize("NFD", t),
    "headline in capitals": lambda t: t.split("\n", 1)[0].upper() + t[len(t.split("\n", 1)[0]):],
    "headline in title case": lambda t: _title_case(t.split("\n", 1)[0])
    + t[len(t.split("\n", 1)[0]):],
    "Markdown headline": lambda t: "# " + t,
    "Markdown markup": _markdown,
    "bulleted paragraphs": lambda t: "\n".join(
        "- " + line if i else line for i, line in enumerate(t.split("\n"))),
    "one line (line breaks as spaces)": lambda t: t.replace("\n", " "),
    "wire byline": lambda t: "By Jane Doe, Staff Writer\n" + t,
    "wire dateline": lambda t: t.replace("\n", "\nLONDON (Reuters) - ", 1),
    "wire credit line": lambda t: t + "\n(Reporting by Jane Doe; Editing by John Smith)",
    "page time stamp": lambda t: t.replace("\n", "\nUpdated: March 12, 2024 at 10:32 a.m. ET\n", 1),
    "mojibake (UTF-8 read as Windows-1252)": _mis_decoded,
}


def _codes(report: Report) -> Counter[str]:
    return Counter(f.code for f in report.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--variant", metavar="TEXT", default="",
                        help="only the variants whose name contains TEXT")
    args = parser.parse_args()
    docs = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    host = Host(entry_points=False)
    base = [host.check(Document(text=d["text"], id=d.get("id"))) for d in docs]
    print(f"{len(docs)} documents from {args.data.name}\n")
    print("| variant | documents changed | max ΔP(MT) | median ΔP(MT) | max ΔP(MP) "
          "| verdicts flipped | findings added | findings lost |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, rewrite in VARIANTS.items():
        if args.variant not in name:
            continue
        moved: list[float] = []
        moved_mp: list[float] = []
        flips = changed = 0
        added: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        for d, before in zip(docs, base, strict=True):
            text = rewrite(d["text"])
            changed += text != d["text"]
            after = host.check(Document(text=text, id=d.get("id")))
            moved.append(abs(after.probabilities.machine_translated
                             - before.probabilities.machine_translated))
            moved_mp.append(abs(after.probabilities.machine_paraphrased
                                - before.probabilities.machine_paraphrased))
            flips += after.verdict != before.verdict
            added.update(_codes(after) - _codes(before))
            lost.update(_codes(before) - _codes(after))
        moved.sort()

        def top(c: Counter[str]) -> str:
            return ", ".join(f"{k} {n}" for k, n in c.most_common(4)) or "none"

        print(f"| {name} | {changed} | {moved[-1]:.3f} | {moved[len(moved) // 2]:.3f} | "
              f"{max(moved_mp):.3f} | {flips} | {top(added)} | {top(lost)} |")


if __name__ == "__main__":
    main()
