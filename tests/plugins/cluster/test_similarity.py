from __future__ import annotations

import json

from wirelint_builtins.cluster import _similarity as sim

ARTICLE = ("The council approved the new budget on Tuesday after a long debate. "
           "The plan raises parking fees and cuts library hours from March.")
REWRITE = ("After a lengthy debate on Tuesday, the council approved its new budget. "
           "The plan increases parking fees and reduces library hours from March.")
OTHER = "Heavy rain flooded several roads in the north of the county overnight."


def _t(**kw: float) -> sim.Thresholds:
    base = {"near_copy_bleu": 68.0, "related_bleu": 5.5, "related_chrf": 36.0,
            "relative": 0.85}
    return sim.Thresholds(**{**base, **kw})


def test_identical_documents_score_100_both_ways():
    s = sim.pair_scores(ARTICLE, ARTICLE)
    assert s["bleu"] == s["chrf"] == 100.0


def test_scores_are_casefolded():
    assert sim.pair_scores(ARTICLE, ARTICLE.lower())["bleu"] == 100.0


def test_symmetric_scores_are_the_max_of_both_directions():
    s = sim.pair_scores(ARTICLE, ARTICLE + " " + OTHER)
    assert s["chrf"] == max(s["chrf_ab"], s["chrf_ba"])
    assert s["bleu"] == max(s["bleu_ab"], s["bleu_ba"])
    assert s == {**sim.pair_scores(ARTICLE + " " + OTHER, ARTICLE),
                 "bleu_ab": s["bleu_ab"], "bleu_ba": s["bleu_ba"],
                 "chrf_ab": s["chrf_ab"], "chrf_ba": s["chrf_ba"]}


def test_rewrite_is_a_candidate_and_unrelated_story_is_not():
    t = sim.thresholds()
    assert sim.is_candidate(sim.pair_scores(ARTICLE, REWRITE), t)
    assert not sim.is_candidate(sim.pair_scores(ARTICLE, OTHER), t)


def test_signatures_are_sacrebleus_own_strings():
    sigs = sim.signatures()
    assert sigs["bleu"].startswith("nrefs:1|case:lc|eff:yes|tok:13a|smooth:exp|version:")
    assert sigs["chrf"].startswith("nrefs:1|case:lc|eff:yes|nc:6|nw:0|space:no|version:")


def test_shipped_thresholds_carry_their_provenance_and_dev_accuracy():
    data = json.loads(sim._THRESHOLDS_FILE.read_text(encoding="utf-8"))
    assert "mixset-llm-revised dev" in data["fitted_on"]
    assert set(data["dev_accuracy"]) == {"mixset", "wmt"}
    t = sim.thresholds()
    assert 0 < t.related_bleu < t.near_copy_bleu <= 100
    assert 0 < t.relative <= 1


def test_link_drops_a_pair_much_weaker_than_each_documents_best_link():
    scores = {
        (0, 1): {"bleu": 20.0, "chrf": 60.0},
        (0, 2): {"bleu": 6.0, "chrf": 50.0},  # passes the pair thresholds, but 2 has 10.0
        (1, 2): {"bleu": 5.0, "chrf": 50.0},
        (2, 3): {"bleu": 10.0, "chrf": 55.0},
        (0, 3): {"bleu": 1.0, "chrf": 30.0},
        (1, 3): {"bleu": 1.0, "chrf": 30.0},
    }
    kept, groups = sim.link(4, scores, _t())
    assert kept == {(0, 1), (2, 3)}
    assert groups == [[0, 1], [2, 3]]


def test_a_documents_only_candidate_link_is_kept_even_if_weaker_than_the_others():
    scores = {(0, 1): {"bleu": 20.0, "chrf": 60.0}, (0, 2): {"bleu": 6.0, "chrf": 50.0},
              (1, 2): {"bleu": 1.0, "chrf": 30.0}}
    assert sim.link(3, scores, _t())[1] == [[0, 1, 2]]


def test_without_the_relative_rule_same_story_reports_chain_into_one_group():
    scores = {
        (0, 1): {"bleu": 20.0, "chrf": 60.0}, (0, 2): {"bleu": 6.0, "chrf": 50.0},
        (1, 2): {"bleu": 5.0, "chrf": 50.0}, (2, 3): {"bleu": 10.0, "chrf": 55.0},
        (0, 3): {"bleu": 1.0, "chrf": 30.0}, (1, 3): {"bleu": 1.0, "chrf": 30.0},
    }
    assert sim.link(4, scores, _t(relative=0.0))[1] == [[0, 1, 2, 3]]


def test_near_copy_link_is_always_kept():
    scores = {(0, 1): {"bleu": 95.0, "chrf": 98.0}, (0, 2): {"bleu": 70.0, "chrf": 90.0},
              (1, 2): {"bleu": 69.0, "chrf": 90.0}}
    kept, groups = sim.link(3, scores, _t())
    assert kept == {(0, 1), (0, 2), (1, 2)}
    assert groups == [[0, 1, 2]]


def test_empty_cluster_links_nothing():
    assert sim.link(0, {}, _t()) == (set(), [])
