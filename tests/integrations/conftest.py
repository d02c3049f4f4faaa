from __future__ import annotations

from pathlib import Path

import pytest

from wirelint import Document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


@pytest.fixture(scope="session")
def articles() -> list[Document]:
    """A few dozen varied documents, including empty and non-English ones."""
    base = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    extra = ["", "Les négociateurs se sont réunis vendredi à Istanbul pour des pourparlers.",
             "Officials said the large -scale plan was 100%certain to pass."]
    texts = [f"{t}\nUpdate {i}." if t else t for i in range(5) for t in base + extra]
    return [Document(text=t, id=f"doc{i}") for i, t in enumerate(texts)]


def expected_rows(articles: list[Document]) -> list[dict]:
    from wirelint import Host
    from wirelint.integrations import report_row

    host = Host(entry_points=False)
    return [{"id": r.id, **report_row(r)} for r in host.check_many(articles, jobs=1)]
