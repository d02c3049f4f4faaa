"""Regenerate the README's rule table from the rule catalogue.

    python scripts/update_readme.py          # rewrite README.md in place
    python scripts/update_readme.py --check  # exit 1 when it is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from wirelint import Host
from wirelint.cli import rules_markdown

START, END = "<!-- rules:start -->\n", "<!-- rules:end -->"


def main() -> int:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = head + START + rules_markdown(Host(entry_points=False)) + END + tail
    if "--check" in sys.argv:
        return int(new != text)
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
