"""Regenerate the hook reference in docs/plugins.md from the hookspec docstrings.

    python scripts/update_plugin_docs.py          # rewrite docs/plugins.md in place
    python scripts/update_plugin_docs.py --check  # exit 1 when it is stale

The docstrings in src/wirelint/hookspecs.py are the source; this turns their reST
(``:param:``, ``:returns:``, ``.. versionadded::``, ``:func:`` roles) into Markdown
between the ``<!-- hooks:start -->`` and ``<!-- hooks:end -->`` markers.
"""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

from wirelint import hookspecs

DOC = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
START, END = "<!-- hooks:start -->\n", "<!-- hooks:end -->"


def _inline(text: str) -> str:
    text = re.sub(r":(?:func|class|meth|attr|data|mod):`~?([\w.]+)`",
                  lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", text)
    return re.sub(r"``(.+?)``", r"`\1`", text)


def _markdown(doc: str) -> str:
    """A hookspec docstring (reST) as Markdown."""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    for line in lines:
        param = re.match(r":param (\w+):\s*(.*)", line)
        if param:
            out.append(f"- `{param.group(1)}`: {param.group(2)}")
        elif line.startswith(":returns:"):
            out.append(f"- **Returns:** {line.removeprefix(':returns:').strip()}")
        elif line.startswith(".. versionadded::"):
            out.append(f"*New in {line.split('::', 1)[1].strip()}.*")
        elif line.startswith(" ") and out and out[-1].startswith("- "):
            out[-1] += " " + line.strip()  # continuation of a :param: or :returns: item
        else:
            out.append(line)
    return _inline("\n".join(out))


def hooks() -> list[tuple[str, object]]:
    """Every hookspec, in the order hookspecs.py defines them."""
    return [(name, obj) for name, obj in vars(hookspecs).items()
            if name.startswith("wirelint_") and hasattr(obj, f"{hookspecs.PROJECT_NAME}_spec")]


def render() -> str:
    """The generated hook reference (the text between the markers)."""
    parts = [f"_Generated from `src/wirelint/hookspecs.py` by `scripts/{Path(__file__).name}`"
             "; do not edit by hand._\n"]
    for name, function in hooks():
        opts = getattr(function, f"{hookspecs.PROJECT_NAME}_spec")
        signature = str(inspect.signature(function)).replace("'", "")
        flag = " (firstresult)" if opts.get("firstresult") else ""
        parts.append(f"### `{name}`{flag}\n\n```python\n@hookimpl\ndef {name}{signature}: ...\n"
                     f"```\n\n{_markdown(function.__doc__ or '')}\n")
    return "\n".join(parts)


def updated(text: str) -> str:
    """``text`` (the whole document) with the hook reference regenerated."""
    head, found, rest = text.partition(START)
    if not found:
        raise SystemExit(f"{DOC}: no {START.strip()} marker")
    _, _, tail = rest.partition(END)
    return head + START + render() + END + tail


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when it is stale, "
                        "write nothing")
    return parser.parse_args()


def main() -> int:
    check = _arguments().check  # --help exits here, before anything is written
    text = DOC.read_text(encoding="utf-8")
    new = updated(text)
    if check:
        return int(new != text)
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
