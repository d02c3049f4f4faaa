"""Every built-in family passes the conformance kit that third parties use.

One ``PluginConformance`` class per family discovered by ``builtin_plugins()``, so a family
added later is covered without touching this file.  The other families are loaded as
companions (a family may read their findings from ``scan``); the seed articles, when
../shared is present, are fuzzed alongside the kit's own sample articles.
"""

from __future__ import annotations

from wirelint._host import builtin_plugins
from wirelint.testing import PluginConformance

from ..conftest import SEEDS

_SEED_TEXTS = tuple(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))) \
    if SEEDS.is_dir() else ()


def _conformance_class(module: str) -> type:
    family = module.rsplit(".", 1)[-1]
    return type(f"TestConformance_{family}", (PluginConformance,), {
        "plugin": module,
        "companions": tuple(m for m in builtin_plugins() if m != module),
        "articles": _SEED_TEXTS,
    })


for _module in builtin_plugins():
    _cls = _conformance_class(_module)
    globals()[_cls.__name__] = _cls
