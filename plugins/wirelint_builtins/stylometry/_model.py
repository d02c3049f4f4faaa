"""The fitted linear models of ``model.json`` and their explanations.

A model is ``z = intercept + sum_f w_f * (x_f - c_f)`` over its features (``c_f`` is the
training mean, so each term is that feature's contribution relative to a typical
document), and ``p = 1 / (1 + exp(-(a z + b)))`` with Platt constants ``(a, b)`` fitted on
out-of-fold decisions.  ``scripts/fit_stylometry.py`` writes the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any


def load_ranks() -> dict[str, int]:
    """Word -> frequency rank in general English (top 20,000 words, from wordfreq)."""
    text = resources.files(__package__).joinpath("ranks.txt").read_text("utf-8")
    return {w: i for i, w in enumerate(text.split())}


@dataclass(frozen=True, slots=True)
class LinearModel:
    """One calibrated linear model; immutable, so one instance serves every thread."""

    intercept: float
    slope: float
    offset: float
    weights: Mapping[str, float]
    centres: Mapping[str, float]
    bias: float  #: intercept minus every centred term at x = 0 (for sparse scoring)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        feats = data["features"]
        weights = {k: float(v[0]) for k, v in feats.items()}
        centres = {k: float(v[1]) for k, v in feats.items()}
        bias = data["intercept"] - sum(weights[k] * centres[k] for k in weights)
        a, b = data["calibration"]
        return cls(data["intercept"], a, b, weights, centres, bias)

    def decision(self, feats: Mapping[str, float]) -> float:
        """The raw log-odds ``z`` (sparse: only features present in the text are read)."""
        w = self.weights
        return self.bias + sum(v * w[k] for k, v in feats.items() if k in w)

    def probability(self, z: float) -> float:
        """Calibrated probability of the positive class."""
        t = self.slope * z + self.offset
        return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0

    def contributions(self, feats: Mapping[str, float]) -> list[tuple[float, str, float]]:
        """``(contribution, feature, value)`` for every model feature, largest first."""
        out = [(w * (feats.get(k, 0.0) - self.centres[k]), k, feats.get(k, 0.0))
               for k, w in self.weights.items()]
        out.sort(key=lambda t: (-t[0], t[1]))
        return out


def load_models() -> tuple[str, int, dict[str, LinearModel]]:
    """``(version, min_words, {code: model})`` from the shipped ``model.json``."""
    source = resources.files(__package__).joinpath("model.json")
    if not source.is_file():  # only while scripts/fit_stylometry.py bootstraps it
        return "st7-none", 50, {}
    data = json.loads(source.read_text("utf-8"))
    models = {code: LinearModel.from_dict(m) for code, m in data["models"].items()}
    return data["version"], int(data["min_words"]), models


_GROUP_NAMES = {
    "pu": "{} per 100 words", "ty": "{} per 100 words", "ct": "contraction '{}'",
}
_READABLE = {
    "ln:sentence-mean": "mean sentence length", "ln:sentence-sd": "spread of sentence length",
    "ln:sentence-cv": "relative spread of sentence length",
    "ln:short-sentences": "share of short sentences", "ln:long-sentences":
    "share of long sentences", "ln:unterminated-lines": "share of lines without a full stop",
    "ln:sentences-per-line": "sentences per line", "ln:word-length": "mean word length",
    "ln:long-words": "share of long words", "lx:mattr": "lexical variety (MATTR)",
    "lx:hapax-100": "words used once (first 100)", "lx:log-rank": "rarity of the words",
    "lx:content-share": "share of content words", "lx:content-mattr":
    "variety of content words", "lx:repeated-trigrams": "repeated word trigrams",
    "lx:name-variants": "names spelt two ways", "ct:any": "contractions",
}


def describe(feature: str) -> str:
    """A reader's name for a feature: ``fw:the`` -> ``'the'``."""
    if feature in _READABLE:
        return _READABLE[feature]
    group, _, name = feature.partition(":")
    if group in ("fw", "w"):
        return f"'{name}'"
    if group == "dn":
        return f"pattern '{name}'"
    if group == "lx" and name.startswith("rank"):
        return f"words of {name.replace('rank', 'frequency rank ')}"
    template = _GROUP_NAMES.get(group, "{}")
    return template.format(name.replace("-", " "))


def drivers(model: LinearModel, feats: Mapping[str, float], top: int = 3) -> str:
    """The ``top`` features pushing the decision up, as 'more X, fewer Y' text."""
    parts = []
    for contrib, name, value in model.contributions(feats)[:top]:
        if contrib <= 0:
            break
        direction = "more" if value > model.centres[name] else "less"
        parts.append(f"{direction} {describe(name)}")
    return ", ".join(parts) if parts else "no single feature stands out"
