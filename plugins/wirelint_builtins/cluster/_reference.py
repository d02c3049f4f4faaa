"""Compare a candidate with its known original: round trip, paraphrase, or unrelated?

A machine round trip (English -> French -> English) keeps the original's sentences and
their order and swaps words one for one ("dampened" -> "tanned", "suits" -> "costume");
an LLM paraphrase merges and reorders sentences and changes the register, so fewer words
survive and those that do move.  Four shallow measures over case-folded words (difflib's
alignment, not TER: sacrebleu's TER takes 20-50 s on two 800-word articles):

* ``unigram_overlap``: F1 of the two bags of words;
* ``order_kept``: words aligned in order / words shared in any order (1.0 = no reordering);
* ``substitution_share``: of the edits, the share that replace 1-3 words by as many;
* ``sentence_ratio``: candidate sentences / original sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from wirelint_builtins.cluster import _similarity as sim

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?:\s+|$)|\n+")
#: Cap on words aligned; difflib is quadratic in the worst case.
MAX_WORDS = 5_000

def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())[:MAX_WORDS]


def _sentences(text: str) -> int:
    return sum(1 for s in _SENTENCE_END.split(text) if s and s.strip())


def features(candidate: str, reference: str) -> dict[str, float]:
    """The alignment measures of a candidate against its original (all 0..1 but the ratio)."""
    a, b = _words(candidate), _words(reference)
    if not a or not b:
        return {"unigram_overlap": 0.0, "order_kept": 0.0, "substitution_share": 0.0,
                "sentence_ratio": 0.0}
    shared = sum((Counter(a) & Counter(b)).values())
    overlap = 2 * shared / (len(a) + len(b))
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    swaps = sum(1 for tag, i1, i2, j1, j2 in edits
                if tag == "replace" and i2 - i1 == j2 - j1 <= 3)
    n_ref = _sentences(reference)
    return {
        "unigram_overlap": round(overlap, 3),
        "order_kept": round(in_order / shared, 3) if shared else 0.0,
        "substitution_share": round(swaps / len(edits), 3) if edits else 1.0,
        "sentence_ratio": round(_sentences(candidate) / n_ref, 3) if n_ref else 0.0,
    }


def looks_like(f: dict[str, float], scores: dict[str, float]) -> str:
    """``round-trip``, ``paraphrase``, ``near-copy`` or ``independent``."""
    t = sim.thresholds()
    if scores["bleu"] >= t.near_copy_bleu:
        return "near-copy"
    if not sim.is_candidate(scores, t):
        return "independent"
    r = sim.round_trip_thresholds()
    if (f["unigram_overlap"] >= r["unigram_overlap"] and f["order_kept"] >= r["order_kept"]
            and 1 / r["sentence_ratio"] <= f["sentence_ratio"] <= r["sentence_ratio"]):
        return "round-trip"
    return "paraphrase"


def substitutions(candidate: str, reference: str, limit: int = 8) -> list[list[str]]:
    """A few one-for-one word swaps (original, candidate), the round trip's fingerprints."""
    a, b = _words(candidate), _words(reference)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    out: list[list[str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1 <= 2:
            out.append([" ".join(b[j1:j2]), " ".join(a[i1:i2])])
            if len(out) >= limit:
                break
    return out


def not_measured(reason: str) -> dict[str, Any]:
    """The entry of a candidate that was not compared (not English, empty or refused
    unread): each measure is None (JSON null), never 0.0, and the call is not
    ``independent`` but ``not-measured``."""
    return {"bleu": None, "chrf": None, "unigram_overlap": None, "order_kept": None,
            "substitution_share": None, "sentence_ratio": None,
            "looks_like": sim.NOT_MEASURED, "substitutions": [], "reason": reason}


def compare(candidate: str, reference: str) -> dict[str, Any]:
    """Everything ``--reference`` reports for one candidate: scores, measures, verdict."""
    scores = sim.pair_scores(candidate, reference)  # a = candidate (hypothesis)
    f = features(candidate, reference)
    return {"bleu": scores["bleu_ab"], "chrf": scores["chrf_ab"], **f,
            "looks_like": looks_like(f, scores),
            "substitutions": substitutions(candidate, reference)}
