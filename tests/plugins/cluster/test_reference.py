from __future__ import annotations

from wirelint_builtins.cluster import _reference as ref

from ...conftest import FIXTURES

HARBOUR = FIXTURES / "clusters" / "harbour-fire"


def _text(name: str) -> str:
    return (HARBOUR / f"{name}.txt").read_text(encoding="utf-8")


def test_round_trip_look_alike_is_called_a_round_trip():
    result = ref.compare(_text("roundtrip"), _text("original"))
    assert result["looks_like"] == "round-trip"
    assert result["order_kept"] > 0.9
    assert ["firefighters", "firemen"] in result["substitutions"]


def test_llm_rewrite_is_called_a_paraphrase():
    result = ref.compare(_text("rewrite"), _text("original"))
    assert result["looks_like"] == "paraphrase"
    assert result["sentence_ratio"] < 1


def test_other_outlets_report_is_independent():
    assert ref.compare(_text("independent"), _text("original"))["looks_like"] == "independent"


def test_identical_text_is_a_near_copy():
    assert ref.compare(_text("original"), _text("original"))["looks_like"] == "near-copy"


def test_empty_texts_give_zero_measures():
    f = ref.features("", "Some text.")
    assert f == {"unigram_overlap": 0.0, "order_kept": 0.0, "substitution_share": 0.0,
                 "sentence_ratio": 0.0}
