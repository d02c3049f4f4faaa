"""Write plugins/wirelint_builtins/stylometry/top_words.txt: English's 1,000 most frequent
words by wordfreq (build time only; the plugin reads the text file, never wordfreq).

    pip install wordfreq && python scripts/build_top_words.py
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path

import wordfreq

OUT = (Path(__file__).resolve().parent.parent / "plugins" / "wirelint_builtins" / "stylometry"
       / "top_words.txt")
SIZE = 1000


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()  # --help
    words = wordfreq.top_n_list("en", SIZE)
    OUT.write_text(f"# wordfreq {version('wordfreq')} top_n_list('en', {SIZE})\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(words)} words)")


if __name__ == "__main__":
    main()
