"""Every built-in family passes the conformance kit that third parties use.

One ``PluginConformance`` class per family discovered by ``builtin_plugins()``, so a family
added later is covered without touching this file.  Each family is loaded alone, as a
third party's plugin would be: no family may depend on another's findings.  The seed
articles, when ../shared is present, are fuzzed alongside the kit's own sample articles.
"""

from __future__ import annotations

from wirelint._host import builtin_plugins
from wirelint.testing import PluginConformance

from ..conftest import SEEDS

_SEED_TEXTS = tuple(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))) \
    if SEEDS.is_dir() else ()


#: Failures the kit found in a family, reported to its owner and not yet fixed: test-id
#: prefix -> reason.  Those tests are reported as xfail and not run (each would cost its
#: full time-out); delete the entry with the fix.
KNOWN_FAILURES: dict[str, str] = {}


def _conformance_class(module: str) -> type:
    family = module.rsplit(".", 1)[-1]
    return type(f"TestConformance_{family}", (PluginConformance,), {
        "plugin": module,
        "articles": _SEED_TEXTS,
        "known_failures": KNOWN_FAILURES,
    })


for _module in builtin_plugins():
    _cls = _conformance_class(_module)
    globals()[_cls.__name__] = _cls
