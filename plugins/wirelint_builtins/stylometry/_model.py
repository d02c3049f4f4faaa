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
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from operator import mul
from typing import Any

from wirelint_builtins.stylometry._ngrams import VIEWS

Counts = Mapping[str, Mapping[str, int]]
#: ``(contribution, view, n-gram)``
Term = tuple[float, str, str]
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


@dataclass(frozen=True, slots=True)
class NgramModels:
    """Every ST7 model over one shared vocabulary; immutable, so one serves all threads."""

    codes: tuple[str, ...]
    constants: Mapping[str, Calibrated]
    #: view -> n-gram -> (idf, weight of each model, in ``codes`` order)
    vocabulary: Mapping[str, Mapping[str, tuple[float, tuple[float, ...]]]]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NgramModels:
        codes = tuple(data["codes"])
        constants = {c: Calibrated(float(data["intercept"][c]), *map(float, data["calibration"][c]))
                     for c in codes}
        vocabulary = {}
        for view in VIEWS:
            block = data["vocabulary"][view]
            weights = zip(*(block["weights"][c] for c in codes), strict=True)
            vocabulary[view] = dict(zip(block["grams"], zip(block["idf"], weights, strict=True),
                                        strict=True))
        return cls(codes, constants, vocabulary)

    def _view(self, view: str, counts: Mapping[str, int]
              ) -> tuple[list[str], list[float], list[tuple[float, ...]]]:
        """The vocabulary n-grams of one view in the text: names, unit-length tf-idf
        values, and their weights (one tuple per n-gram, a weight per model)."""
        get = self.vocabulary[view].get
        names, xs, ws = [], [], []
        for g, c in counts.items():
            entry = get(g)
            if entry is not None:
                names.append(g)
                xs.append((_TF[c] if c < len(_TF) else 1.0 + math.log(c)) * entry[0])
                ws.append(entry[1])
        norm = math.sqrt(sum(map(mul, xs, xs)))
        return names, [x / norm for x in xs] if norm else xs, ws

    def decisions(self, counts: Counts) -> dict[str, float]:
        """Every model's raw log-odds ``z``."""
        sums = [self.constants[c].intercept for c in self.codes]
        for view in self.vocabulary:
            _, xs, ws = self._view(view, counts.get(view, {}))
            for i, column in enumerate(zip(*ws, strict=True)):  # a weight column per model
                sums[i] += sum(map(mul, column, xs))
        return dict(zip(self.codes, sums, strict=True))

    def terms(self, counts: Counts, code: str) -> list[Term]:
        """``(contribution, view, n-gram)`` of one model, for every n-gram it reads."""
        i = self.codes.index(code)
        out = []
        for view in self.vocabulary:
            names, xs, ws = self._view(view, counts.get(view, {}))
            out.extend((w[i] * x, view, g) for g, x, w in zip(names, xs, ws, strict=True))
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


def drivers(terms: list[Term], top: int = 3) -> list[tuple[str, str]]:
    """The ``top`` word-level n-grams pushing the decision up, strongest first.

    Word and masked-token n-grams are what a reader can check; character n-grams count
    in the decision but only name a driver when nothing word-level pushes up.
    """
    ranked = sorted((t for t in terms if t[0] > 0), key=lambda t: (-t[0], t[1], t[2]))
    words = [(v, g) for _, v, g in ranked if v != "c"]
    return words[:top] or [(v, g) for _, v, g in ranked[:top]]
