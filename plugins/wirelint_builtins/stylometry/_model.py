"""The fitted n-gram models of ``model.json`` and their explanations.

All ST7 models read one vocabulary.  Per view ``v`` (see ``_ngrams``) a document is the
tf-idf vector ``x_g = (1 + ln count_g) * idf_g`` over the vocabulary's n-grams, scaled
to unit length (scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``); a model is
``z = intercept + sum_v sum_g w_g x_g`` and ``p = 1 / (1 + exp(-(a z + b)))`` with
Platt constants ``(a, b)`` fitted on out-of-fold decisions.  Each term ``w_g x_g`` is
that n-gram's contribution, which is what a finding reports as its drivers.  The text
is counted and weighted once, whatever the number of models.
``scripts/fit_stylometry.py`` writes the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from operator import mul
from typing import Any

from wirelint_builtins.stylometry._ngrams import VIEWS

Counts = Mapping[str, Mapping[str, int]]
#: ``(contribution, view, n-gram)``
Term = tuple[float, str, str]
#: view -> (the vocabulary n-grams in a text, their unit-length tf-idf values, and their
#: weights, one tuple per n-gram with a weight per model)
Weighed = Mapping[str, tuple[list[str], list[float], list[tuple[float, ...]]]]
#: ``1 + ln c`` for small counts (most n-grams occur a few times).
_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]


@dataclass(frozen=True, slots=True)
class Calibrated:
    """One model's constants: intercept and Platt ``(slope, offset)``."""

    intercept: float
    slope: float
    offset: float

    def probability(self, z: float) -> float:
        """Calibrated probability of the positive class."""
        t = self.slope * z + self.offset
        return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0


@dataclass(frozen=True, slots=True, eq=False)
class NgramModels:
    """Every ST7 model over one shared vocabulary; immutable, so one serves all threads
    (compared and hashed by identity: it keys the plugin's per-text cache)."""

    codes: tuple[str, ...]
    constants: Mapping[str, Calibrated]
    #: view -> n-gram -> (idf, weight of each model in ``codes`` order): one lookup
    #: per n-gram serves every model
    table: Mapping[str, Mapping[str, tuple[float, tuple[float, ...]]]]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NgramModels:
        codes = tuple(data["codes"])
        constants = {c: Calibrated(float(data["intercept"][c]), *map(float, data["calibration"][c]))
                     for c in codes}
        table = {}
        for view in VIEWS:
            block = data["vocabulary"][view]
            weights = zip(*(map(float, block["weights"][c]) for c in codes), strict=True)
            table[view] = dict(zip(block["grams"], zip(map(float, block["idf"]), weights,
                                                       strict=True), strict=True))
        return cls(codes, constants, table)

    def weigh(self, counts: Counts) -> Weighed:
        """Per view, the vocabulary n-grams in the text (in the text's order, so sums are
        the same in every process), their unit-length tf-idf values and their weights."""
        out = {}
        for view in VIEWS:
            get, seen = self.table[view].get, counts.get(view, {})
            present, xs, ws = [], [], []
            for g, c in seen.items():
                entry = get(g)
                if entry is not None:
                    present.append(g)
                    xs.append((_TF[c] if c < len(_TF) else 1.0 + math.log(c)) * entry[0])
                    ws.append(entry[1])
            norm = math.sqrt(sum(map(mul, xs, xs)))
            out[view] = (present, [x / norm for x in xs] if norm else xs, ws)
        return out

    def decisions(self, weighed: Weighed) -> dict[str, float]:
        """Every model's raw log-odds ``z``."""
        sums = [self.constants[c].intercept for c in self.codes]
        for _, xs, ws in weighed.values():
            for i, column in enumerate(zip(*ws, strict=True)):  # a weight column per model
                sums[i] += sum(map(mul, column, xs))
        return dict(zip(self.codes, sums, strict=True))

    def terms(self, weighed: Weighed, code: str, views: Iterable[str] = VIEWS) -> list[Term]:
        """``(contribution, view, n-gram)`` of one model for every n-gram of ``views``."""
        i = self.codes.index(code)
        out = []
        for view in views:
            present, xs, ws = weighed[view]
            out.extend(zip(map(mul, [w[i] for w in ws], xs), repeat(view), present))
        return out


def load_models() -> tuple[str, int, NgramModels | None]:
    """``(version, min_words, models)`` from the shipped ``model.json``."""
    source = resources.files(__package__).joinpath("model.json")
    if not source.is_file():  # only while scripts/fit_stylometry.py bootstraps it
        return "st7-none", 50, None
    data = json.loads(source.read_text("utf-8"))
    return data["version"], int(data["min_words"]), NgramModels.from_dict(data)


def describe(view: str, gram: str) -> str:
    """A reader's name for an n-gram: ``'of the'``, ``pattern 'the w of w'``."""
    shown = gram.replace("\n", "\\n")
    if view == "d":
        return f"pattern '{shown}'"
    if view == "c":
        return f"characters '{shown}'"
    return f"'{shown}'"


def drivers(models: NgramModels, weighed: Weighed, code: str,
            top: int = 3) -> list[tuple[str, str]]:
    """The ``top`` n-grams pushing ``code``'s decision up, strongest first.

    Word and masked-token n-grams are what a reader can check; character n-grams count
    in the decision but only name a driver when nothing word-level pushes up.
    """
    for views in (("d", "w"), ("c",)):
        up = [t for t in models.terms(weighed, code, views) if t[0] > 0]
        if up:
            return [(v, g) for _, v, g in sorted(up, key=lambda t: (-t[0], t[1], t[2]))[:top]]
    return []
