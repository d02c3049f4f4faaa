from wirelint._metrics import auroc


def test_auroc_is_one_for_perfect_separation_and_half_for_ties():
    assert auroc([2, 3], [0, 1]) == 1.0
    assert auroc([0, 1], [2, 3]) == 0.0
    assert auroc([1, 1], [1, 1]) == 0.5


def test_auroc_counts_ties_as_half():
    assert auroc([1, 2], [1]) == 0.75
