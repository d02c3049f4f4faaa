"""Write ``src/wirelint/data/required_literals.json``: the literals one of which every
match of each built-in structural pattern holds, as ``_prefilter.required_literals``
derives them, so that a cold scanner (a lone article) can skip a pass whose literals
the text lacks without compiling it.

    python scripts/build_required_literals.py [--check]

Run it after changing a built-in pattern (tests/core/test_required_literals.py fails
until then; meanwhile the changed pattern merely runs ungated).  ``--check`` only
compares.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "plugins")]

from wirelint import Host, _prefilter  # noqa: E402
from wirelint._scanner import LITERALS_FILE  # noqa: E402


def table() -> dict:
    """The file's content for the built-in patterns, under the running Python."""
    scanner = Host(entry_points=False)._state.scanner
    passes = []
    for st in scanner.structural:
        if not st.owned.trusted:
            continue
        found = _prefilter.required_literals(st.source, st.flags)
        passes.append({"source": st.source, "flags": int(st.flags),
                       "literals": None if found is None else list(found[0]),
                       "lowered": False if found is None else found[1]})
    passes.sort(key=lambda p: (p["source"], p["flags"]))
    return {"python": "{}.{}".format(*sys.version_info[:2]), "passes": passes}


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args()
    text = dumps(table())
    if args.check:
        same = LITERALS_FILE.read_text("utf-8") == text
        print(f"{LITERALS_FILE.name}: " + ("current" if same else "STALE"))
        sys.exit(0 if same else 1)
    LITERALS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {LITERALS_FILE}")


if __name__ == "__main__":
    main()
