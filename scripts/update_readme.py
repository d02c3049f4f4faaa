"""Regenerate the README's rule table from the rule catalogue.

    python scripts/update_readme.py          # rewrite README.md in place
    python scripts/update_readme.py --check  # exit 1 when it is stale
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wirelint import Host
from wirelint.cli import rules_markdown

START, END = "<!-- rules:start -->\n", "<!-- rules:end -->"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when it is stale, "
                        "write nothing")
    return parser.parse_args()


def main() -> int:
    check = _arguments().check  # --help exits here, before anything is written
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = head + START + rules_markdown(Host(entry_points=False)) + END + tail
    if check:
        return int(new != text)
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
