"""Every format takes a non-UTF-8 file name and a JSON Lines id with a lone surrogate."""

from __future__ import annotations

import json
import os

import pytest

from tests.formats.helpers import MT_TEXT
from wirelint.cli import main
from wirelint.formats import FORMATS


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("odd")
    (root / "nd").mkdir()
    with open(os.fsencode(root / "nd") + b"/bad\xffname.txt", "wb") as f:
        f.write(MT_TEXT.encode())
    (root / "s.jsonl").write_text(json.dumps({"id": "x\ud800y", "text": MT_TEXT}) + "\n",
                                  encoding="ascii")
    return root


@pytest.mark.parametrize("source", ["nd", "jsonl"])
def test_every_format_writes_odd_names(inputs, tmp_path, source):
    args = [str(inputs / "nd")] if source == "nd" else ["--jsonl", str(inputs / "s.jsonl")]
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        main(["check", "--isolated", "--exit-zero", "--format", fmt, "-o", str(out), *args])
        text = out.read_text(encoding="utf-8")
        assert "Officials" in text or "MT301" in text, fmt  # the document is there
        if fmt == "sarif":
            uri = json.loads(text)["runs"][0]["artifacts"][0]["location"]["uri"]
            assert uri.endswith("nd/bad%FFname.txt" if source == "nd" else "x%ED%A0%80y")
