"""Rewrite the ST7 ``model.json`` with its float lists packed, its content unchanged.

    python scripts/pack_stylometry.py [--check]

``scripts/fit_stylometry.py --write`` writes the packed form itself; this converts a
file written with plain float lists (or repacks one) without refitting.  The model's
``version`` is the hash of its content with the lists as numbers, so the script refuses
a file whose content does not hash to its version, and the same version comes out.
``--check`` only verifies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "plugins" / "wirelint_builtins" / "stylometry" / "model.json"
sys.path.insert(0, str(ROOT / "plugins"))

from wirelint_builtins.stylometry._model import pack, unpack  # noqa: E402


def dumps(data: dict) -> str:
    """The canonical JSON text ``fit_stylometry.write`` hashes and writes."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args()
    data = json.loads(MODEL.read_text("utf-8"))
    version, min_words = data.pop("version"), data.pop("min_words")
    body = unpack(data)
    digest = "st7-" + hashlib.sha256(dumps(body).encode()).hexdigest()[:12]
    if digest != version:
        sys.exit(f"{MODEL}: content hashes to {digest}, not its version {version}")
    text = dumps({"version": version, "min_words": min_words, **pack(body)}) + "\n"
    if args.check:
        same = MODEL.read_text("utf-8") == text
        print(f"{MODEL.name} version {version}: " + ("packed" if same else "NOT packed"))
        sys.exit(0 if same else 1)
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL} version {version}")


if __name__ == "__main__":
    main()
