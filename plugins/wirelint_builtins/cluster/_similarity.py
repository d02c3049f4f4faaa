"""Pairwise similarity with sacrebleu, and the fitted pair classification.

Both metrics are sentence-level scores of one whole document against another, computed
in both directions: BLEU (word 1-4-gram precision, so it rewards reused *phrasing*) and
chrF (character n-gram F-score with recall weighted twice, so it rewards shared *content*,
names and word stems even when the words are inflected or re-ordered).  Both sides are
case-folded so a lowercased copy still counts as a copy (the dev data's human originals
are lowercased).  The cost is O(n^2) pairs for n documents, each pair about 10-20 ms for
two 800-word articles, so a five-document cluster takes about a quarter of a second.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sacrebleu costs ~0.1 s to import: only a cluster check needs it
    from sacrebleu.metrics import BLEU, CHRF

_THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")

#: Relations a pair of documents can have (most to least related).
NEAR_COPY = "near-copy"
PARAPHRASE = "paraphrase-of"
SAME_SOURCE = "same-source"
INDEPENDENT = "independent"
#: A pair that was never compared (a document not English, empty or refused unread): its
#: scores are None, not 0.0, and it is not called independent, since nothing was measured.
NOT_MEASURED = "not-measured"


def _bleu() -> BLEU:
    from sacrebleu.metrics import BLEU

    # effective_order: short documents with no matching 4-gram still get a non-zero score.
    return BLEU(lowercase=True, effective_order=True)


def _chrf() -> CHRF:
    from sacrebleu.metrics import CHRF

    return CHRF(lowercase=True)


@cache
def signatures() -> dict[str, str]:
    """sacrebleu's own signature strings for the two metrics, as they are configured here.

    sacrebleu only knows the reference count after a first evaluation, so score a
    constant pair once.
    """
    out = {}
    for name, metric in (("bleu", _bleu()), ("chrf", _chrf())):
        metric.sentence_score("a b", ["a b"])
        out[name] = str(metric.get_signature())
    return out


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision thresholds on the symmetric (max of both directions) scores, 0..100."""

    near_copy_bleu: float  #: at or above: the same text with light edits
    related_bleu: float  #: at or above (and chrF too): the same content
    related_chrf: float
    relative: float  #: a link must reach this share of either document's best link
    fitted: str = ""  #: what the thresholds were fitted on (provenance)

    def as_dict(self) -> dict[str, float]:
        """The thresholds as reported in the cluster JSON."""
        return {"near_copy_bleu": self.near_copy_bleu, "related_bleu": self.related_bleu,
                "related_chrf": self.related_chrf, "relative": self.relative}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Thresholds:
        """Read the ``thresholds`` table of ``thresholds.json``."""
        t = data["thresholds"]
        return cls(near_copy_bleu=float(t["near_copy_bleu"]),
                   related_bleu=float(t["related_bleu"]),
                   related_chrf=float(t["related_chrf"]),
                   relative=float(t["relative"]),
                   fitted=str(data.get("fitted_on", "")))


@cache
def _data() -> dict[str, Any]:
    return json.loads(_THRESHOLDS_FILE.read_text(encoding="utf-8"))


def thresholds() -> Thresholds:
    """The shipped thresholds (fitted by ``scripts/fit_cluster_thresholds.py``)."""
    return Thresholds.from_mapping(_data())


def round_trip_thresholds() -> dict[str, float]:
    """``--reference``: minimum unigram overlap and order kept, maximum sentence ratio."""
    return {k: float(v) for k, v in _data()["round_trip"].items()}


def pair_scores(a: str, b: str) -> dict[str, float]:
    """BLEU and chrF of ``a`` against ``b`` and of ``b`` against ``a``, and their maxima.

    Taking the maximum of the two directions makes the score symmetric and lets a short
    summary match the long article it was cut from (chrF is recall-weighted, so scoring
    the long text against the short one measures how much of the summary it contains).
    """
    bleu, chrf = _bleu(), _chrf()  # fresh objects: sacrebleu metrics keep state
    scores = {
        "bleu_ab": bleu.sentence_score(a, [b]).score,
        "bleu_ba": bleu.sentence_score(b, [a]).score,
        "chrf_ab": chrf.sentence_score(a, [b]).score,
        "chrf_ba": chrf.sentence_score(b, [a]).score,
    }
    scores["bleu"] = max(scores["bleu_ab"], scores["bleu_ba"])
    scores["chrf"] = max(scores["chrf_ab"], scores["chrf_ba"])
    return {k: round(v, 2) for k, v in scores.items()}


def is_candidate(scores: Mapping[str, float], t: Thresholds) -> bool:
    """Do two documents share content, judged from their pair alone?"""
    return scores["bleu"] >= t.near_copy_bleu or (
        scores["bleu"] >= t.related_bleu and scores["chrf"] >= t.related_chrf)


def link(n: int, scores: Mapping[tuple[int, int], Mapping[str, float]],
         t: Thresholds | None = None) -> tuple[set[tuple[int, int]], list[list[int]]]:
    """Which pairs are linked (one derives from the other or both from one source),
    and the groups of documents that share a source.

    Versions of one story share names, places and stock phrases, so two independent
    reports of the same event can pass the pair thresholds (the seeds do).  A link is
    therefore kept only if it is also strong *relative* to each document's best link:
    ``bleu >= relative * min(best_a, best_b)``.  A near-copy is always kept.  Groups are
    the connected components of the kept links.

    :param n: number of documents.
    :param scores: ``pair_scores`` results keyed by ``(i, j)`` with ``i < j``.
    :returns: the kept links and the groups (sorted lists of indices, singletons too).
    """
    t = t or thresholds()
    best = [0.0] * n
    for (i, j), s in scores.items():
        best[i] = max(best[i], s["bleu"])
        best[j] = max(best[j], s["bleu"])
    kept = {pair for pair, s in scores.items() if is_candidate(s, t) and (
        s["bleu"] >= t.near_copy_bleu
        or s["bleu"] >= t.relative * min(best[pair[0]], best[pair[1]]))}
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sorted(kept):
        parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(root(x), []).append(x)
    return kept, sorted(groups.values())
