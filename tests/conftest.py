"""Shared fixtures: one built-in Host for the session, and paths to data outside the repo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from wirelint import Host

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("WIRELINT_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def fixture_and_dev_texts() -> list[str]:
    """Every fixture article and, when ../shared is present, every dev text of both
    corpora: the documents a rewritten algorithm is compared with its reference on."""
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    for name in ("wmt-news-mt", "mixset-llm-revised"):
        corpus = CORPUS / name / "dev.jsonl"
        if corpus.exists():
            with corpus.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in lines]
    return texts

settings.register_profile(
    "default", max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def host() -> Host:
    """The built-in families only: tests never depend on what else is installed."""
    return Host(entry_points=False)


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The five seed articles by number ('000'..'004'); skips when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}
