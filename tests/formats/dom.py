"""Read an HTML report (as written, or as a browser dumped it) back into plain data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Mark:
    findings: tuple[int, ...]
    text: str = ""


@dataclass
class Section:
    id: str
    text: str = ""
    marks: list[Mark] = field(default_factory=list)

    def marked(self, i: int) -> str:
        """The text of finding ``i``'s highlights, in document order."""
        return "".join(m.text for m in self.marks if i in m.findings)


@dataclass
class Dom:
    sections: list[Section] = field(default_factory=list)
    body: dict[str, str | None] = field(default_factory=dict)
    tags: Counter[str] = field(default_factory=Counter)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dom = Dom()
        self._in_pre = False
        self._mark: Mark | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.dom.tags[tag] += 1
        classes = (a.get("class") or "").split()
        if tag == "body":
            self.dom.body = a
        elif tag == "section" and "doc" in classes:
            self.dom.sections.append(Section(id=a.get("data-id") or ""))
        elif tag == "pre" and "text" in classes:
            self._in_pre = True
        elif tag == "mark" and self._in_pre and "data-f" in a:
            self._mark = Mark(tuple(int(x) for x in (a["data-f"] or "").split()))
            self.dom.sections[-1].marks.append(self._mark)

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False
        elif tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self._in_pre:
            self.dom.sections[-1].text += data
            if self._mark is not None:
                self._mark.text += data


def parse_report(html: str) -> Dom:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.dom
