"""Small, dependency-free evaluation metrics (used by ``wirelint eval`` and scripts)."""

from __future__ import annotations

from collections.abc import Sequence


def auroc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Area under the ROC curve: P(a random positive scores above a random negative).

    Ties count one half (the Mann-Whitney U statistic); O(n log n).
    """
    if not positive or not negative:
        return float("nan")
    scored = sorted([(s, 1) for s in positive] + [(s, 0) for s in negative])
    rank_sum = 0.0
    i = 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2.0  # ranks i+1..j share their mean
        rank_sum += mean_rank * sum(1 for k in range(i, j) if scored[k][1] == 1)
        i = j
    n_pos, n_neg = len(positive), len(negative)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)
