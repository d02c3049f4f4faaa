from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_h

from wirelint import Document
from wirelint._scoring import WEIGHTS
from wirelint.text import unwrap
from wirelint_builtins import stylometry as st
from wirelint_builtins.stylometry import _dense, _features, _ngrams
from wirelint_builtins.stylometry._model import NgramModels, drivers, measure_drivers

ROOT = Path(__file__).resolve().parents[3]
NONNATIVE = sorted((ROOT / "fixtures" / "articles" / "human-nonnative").glob("*.txt"))
MT_LIKE = st.MT_OUTPUT.example
LLM_LIKE = st.LLM_REWRITE.example


def test_model_file_is_small_and_loads_every_rule():
    assert Path(st.__file__).with_name("model.json").stat().st_size < 2_000_000
    assert set(st.MODELS.codes) == {r.code for r in st.RULES}
    assert st.VERSION.startswith("st7-")


def test_case_does_not_change_the_measurement():
    # MixSet's human originals are lowercased: a model that saw case would learn that.
    assert st.measure(MT_LIKE) == st.measure(MT_LIKE.lower())


def test_scorer_weights_know_every_statistical_code():
    assert set(WEIGHTS["statistical"]) == set(st.MODELS.codes)


def test_measure_gives_a_probability_per_model():
    m = st.measure(MT_LIKE)
    assert set(m) == set(st.MODELS.codes)
    assert all(0.0 <= p <= 1.0 for p in m.values())


def test_short_text_is_not_profiled():
    assert st.measure("Officials said the vote was expected.") == {}
    assert st.findings_for("Officials said the vote was expected.") == []


def test_measure_is_deterministic():
    assert st.measure(LLM_LIKE) == st.measure(LLM_LIKE)


def test_finding_evidence_is_its_span_and_message_names_drivers():
    findings = st.findings_for(MT_LIKE)
    assert findings
    for f in findings:
        assert MT_LIKE[f.span.start:f.span.end] == f.evidence
        assert "drivers:" in f.message and "p=" in f.message
        assert 0.0 <= f.confidence <= 1.0


def test_finding_reported_only_at_or_above_its_floor():
    m = st.measure(MT_LIKE)
    fired = {f.code for f in st.findings_for(MT_LIKE)}
    assert fired == {c for c, p in m.items() if p >= st.FLOORS[c]}


def test_llm_rewrite_profile_fires_on_polished_register(host):
    report = host.check(LLM_LIKE)
    assert "ST702" in {f.code for f in report.findings}


def test_masked_view_hides_content_words():
    grams = _ngrams.masked_grams("The council said on Tuesday that the budget passed.")
    assert "the w said" in grams and "w said on" in grams and "said on w" in grams
    assert max(len(g.split()) for g in grams) == max(_ngrams.MASKED_ORDERS)
    assert not any("council" in g or "tuesday" in g for g in grams)


def test_views_are_of_the_lowercased_text():
    assert _ngrams.views(LLM_LIKE) == _ngrams.views(LLM_LIKE.lower())
    assert "additionally" in _ngrams.views(LLM_LIKE)["w"]


def test_typography_does_not_change_the_measurement():
    # Curly quotes, em dashes, non-breaking spaces and the ellipsis are how a text was
    # typeset; in WMT they told the corpora apart (normalised MT output, typeset human
    # references), so no view and no measure may read them.
    straight = ('"We don\'t know," the minister\'s aide said - and left...  It is a '
                'matter of the state.\n') * 8
    typeset = straight.replace('"We', '“We').replace('," ', ',” ').replace("'", "’") \
        .replace(" - ", " — ").replace("...", "…").replace("a matter", "a\u00a0matter")
    assert typeset != straight
    assert _ngrams.views(typeset) == _ngrams.views(straight)
    assert st.measure(typeset) == st.measure(straight) != {}


def test_character_view_collapses_white_space_runs():
    assert _ngrams.char_grams("a  \t b") == _ngrams.char_grams("a b")
    assert _ngrams.char_grams("a  \n \n\tb") == _ngrams.char_grams("a\nb")
    assert _ngrams.char_grams("a\nb") != _ngrams.char_grams("a b")


def test_paragraph_layout_does_not_change_the_measurement():
    # One paragraph per line (WMT), a blank line between paragraphs, trailing spaces and
    # indented paragraphs are layout; a blank line used to read as a space and a single
    # line break as a line break, which moved P(translated) by up to 0.54.
    per_line = MT_LIKE
    assert "\n" in per_line and "\n\n" not in per_line
    for layout in (per_line.replace("\n", "\n\n"), per_line.replace("\n", "  \n"),
                   per_line.replace("\n", "\n\n    ")):
        assert _ngrams.views(layout) == _ngrams.views(per_line)
        assert st.measure(layout) == st.measure(per_line) != {}


def test_sentences_are_non_empty_spans_into_the_text():
    text = "Headline here\nFirst sentence. Second one!  Third?\n\nLast line"
    spans = _features.sentences(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == ["Headline here", "First sentence.", "Second one!", "Third?", "Last line"]



@given(text=st_h.text(st_h.sampled_from(list("ab .!?\"'”’»)\n\t\u00a0\x85\u2028")),
                      max_size=40))
@settings(max_examples=300, deadline=None)
def test_sentence_ends_are_where_a_lookbehind_for_the_stop_finds_them(text):
    behind = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+")
    assert [(m.start(1), m.end()) for m in _features._SENT_END.finditer(text)] == \
        [(m.start(), m.end()) for m in behind.finditer(text)]

def _toy_models() -> NgramModels:
    return NgramModels.from_dict({
        "codes": ["XX1", "XX2"], "intercept": {"XX1": -0.5, "XX2": 0.25},
        "calibration": {"XX1": [1.0, 0.0], "XX2": [2.0, 1.0]},
        "vocabulary": {
            "w": {"grams": ["of the", "said"], "idf": [1.0, 2.0],
                  "weights": {"XX1": [2.0, -1.0], "XX2": [0.0, 1.0]}},
            "c": {"grams": ["x"], "idf": [1.0], "weights": {"XX1": [0.0], "XX2": [3.0]}},
            "d": {"grams": [], "idf": [], "weights": {"XX1": [], "XX2": []}},
        }})


def test_decision_is_a_unit_length_tfidf_dot_product_per_model():
    counts = {"w": {"of the": 3, "said": 1, "unseen": 7}, "c": {"x": 2}}
    x1, x2 = (1 + math.log(3)) * 1.0, 1.0 * 2.0
    norm = math.hypot(x1, x2)
    models = _toy_models()
    z = models.decisions(models.weigh(counts))
    assert z["XX1"] == pytest.approx(-0.5 + (2.0 * x1 - 1.0 * x2) / norm)
    assert z["XX2"] == pytest.approx(0.25 + x2 / norm + 3.0)  # one n-gram: unit length
    assert _toy_models().constants["XX2"].probability(0.0) == pytest.approx(
        1 / (1 + math.exp(-1.0)))


def test_terms_add_up_to_the_decision():
    counts = {"w": {"of the": 3, "said": 1}, "c": {"x": 1}}
    models = _toy_models()
    for code in models.codes:
        total = sum(t[0] for t in models.terms(models.weigh(counts), code))
        assert models.constants[code].intercept + total == pytest.approx(
            models.decisions(models.weigh(counts))[code])


def _stacked_toy(**dense: object) -> NgramModels:
    names = list(_dense.NAMES)
    return NgramModels.from_dict({
        "codes": ["XX1"], "intercept": {"XX1": 0.0}, "calibration": {"XX1": [1.0, 0.5]},
        "dense": {"names": names, "mean": [0.0] * len(names), "scale": [2.0] * len(names),
                  "weights": {"XX1": [1.0 if n == "contractions" else 0.0 for n in names]},
                  **dense},
        "vocabulary": {v: {"grams": [], "idf": [], "weights": {"XX1": []}} for v in "cdw"},
    })


def test_stacked_probability_adds_each_measure_over_its_scale():
    models = _stacked_toy()
    text = "We don't know. They're not sure it's true, and we'll see."
    centred = models.centre(_features.plain(text))
    m = dict(zip(_dense.NAMES, _dense.measures(text), strict=True))
    assert m["contractions"] == pytest.approx(4 / 11)
    t = 1.0 * 0.3 + 0.5 + m["contractions"] / 2.0
    assert models.constants["XX1"].probability(0.3, centred) == pytest.approx(
        1 / (1 + math.exp(-t)))
    assert measure_drivers(models, "XX1", centred, floor=0.1) == [
        f"many contractions ({m['contractions'] / 2.0:+.2f})"]
    assert measure_drivers(models, "XX1", centred, floor=0.5) == []


def test_a_measure_counts_at_most_clip_standard_deviations_from_its_mean():
    text = "We don't know. They're not sure it's true, and we'll see."
    free = dict(zip(_dense.NAMES, _stacked_toy().centre(text), strict=True))
    held = dict(zip(_dense.NAMES, _stacked_toy(clip=0.1).centre(text), strict=True))
    assert free["contractions"] == pytest.approx(4 / 11)  # over 0.1 sd (scale 2.0)
    assert held["contractions"] == pytest.approx(0.2)
    assert held["word_length"] == pytest.approx(0.2) and free["word_length"] > 3
    assert all(abs(c) <= 0.2 + 1e-12 for c in held.values())


def test_the_shipped_models_hold_a_results_table_within_range():
    # A football report's league table is a third numbers (dev: 2 %, sd 2 %); unclipped,
    # that one measure pushed ST702 to p 0.999 on a human report.
    table = "\n".join(f"{i}. Club{i} 32 {20 - i} 6 {i + 5} +{30 - 3 * i} {66 - 3 * i}"
                      for i in range(1, 21))
    text = ("Rovers kept their lead at the top on Saturday with a late header, and the "
            "manager said the side had kept going when it mattered most.\n" + table)
    centred = dict(zip(_dense.NAMES, st.MODELS.centre(text), strict=True))
    limit = dict(zip(_dense.NAMES, st.MODELS.dense_limit, strict=True))
    assert centred["numbers"] == pytest.approx(limit["numbers"])
    assert all(abs(centred[n]) <= limit[n] for n in _dense.NAMES)


def test_models_without_measures_are_plain_platt():
    models = _toy_models()
    assert models.centre("Any text at all.") == ()
    assert models.constants["XX1"].probability(0.5, ()) == pytest.approx(
        1 / (1 + math.exp(-0.5)))


def test_model_file_with_other_measures_is_refused():
    data = {"codes": [], "intercept": {}, "calibration": {},
            "dense": {"names": ["mystery"], "mean": [0], "scale": [1], "weights": {}},
            "vocabulary": {v: {"grams": [], "idf": [], "weights": {}} for v in "cdw"}}
    with pytest.raises(ValueError, match="document measures"):
        NgramModels.from_dict(data)


def test_document_measures_read_what_they_name():
    text = ("The head of the office said the plan of the city works. "
            "Officials' views differ; the mayor's aides don't agree.\n"
            "A second line of 2024 text follows here.")
    m = dict(zip(_dense.NAMES, _dense.measures(text), strict=True))
    words = [w for w in _features.tokens(text) if w[0].isalpha()]
    assert m["of_the"] == pytest.approx(2 / len(words))
    assert m["s_genitives"] == pytest.approx(1 / len(words))  # mayor's, not officials'
    assert m["contractions"] == pytest.approx(1 / len(words))
    assert m["genitive_ratio"] == pytest.approx(1 / (1 + 2 + 1))
    assert m["semicolons"] == pytest.approx(1 / len(words))
    assert m["sentence_mean"] == pytest.approx((12 + 8 + 8) / 3)
    assert m["numbers"] > 0 and 0 < m["top1000"] < 1
    assert _dense.measures(text) == _dense.measures(text.upper())


def test_mattr_is_the_mean_type_token_ratio_of_every_window():
    words = ("a b c a b d e a " * 20).split()
    expected = sum(len(set(words[i:i + 50])) / 50 for i in range(len(words) - 49))
    assert _dense.mattr(words) == pytest.approx(expected / (len(words) - 49))
    assert _dense.mattr(["x", "y"]) == 1.0 and _dense.mattr([]) == 0.0


def test_top_words_are_shipped():
    assert len(_dense.TOP_WORDS) == 1000 and "the" in _dense.TOP_WORDS


def test_drivers_are_the_word_level_ngrams_pushing_up():
    counts = {"w": {"of the": 3, "said": 1}, "c": {"x": 1}}
    models = _toy_models()
    assert drivers(models, models.weigh(counts), "XX1") == [("w", "of the")]
    # nothing word-level pushes XX2 up but "said": it is named before the characters
    assert drivers(models, models.weigh(counts), "XX2") == [("w", "said")]


def test_the_span_holds_the_strongest_driver():
    for f in st.findings_for(MT_LIKE):
        v, g = drivers(st.MODELS, st.MODELS.weigh(_ngrams.views(MT_LIKE)), f.code)[0]
        assert g in _ngrams.views(f.evidence)[v]


@pytest.mark.parametrize("path", NONNATIVE, ids=lambda p: p.stem)
def test_nonnative_plain_english_is_not_flagged(host, path):
    report = host.check(Document(text=path.read_text(encoding="utf-8"), id=path.name))
    assert str(report.verdict) == "human"
    thresholds = WEIGHTS["class_thresholds"]
    assert report.probabilities.machine_translated < thresholds["machine-translated"]
    assert report.probabilities.machine_paraphrased < thresholds["machine-paraphrased"]


def test_nonnative_control_set_is_large_enough():
    assert len(NONNATIVE) >= 10


@pytest.mark.parametrize(("seed", "verdict"), [
    ("000", "machine-translated"),
    ("001", "human"),
    pytest.param("002", "machine-paraphrased", marks=pytest.mark.xfail(
        strict=True, reason="LLM rewrite of 000's source: P(MP) 0.930, under the "
                            "paraphrase threshold of 0.9383 (ST702 0.80); it read 0.946 "
                            "over 0.9391 before the human-translated class and the "
                            "budget split that came with it")),
    pytest.param("003", "machine-paraphrased", marks=pytest.mark.xfail(
        strict=True, reason="summary-style LLM rewrite: ST702 reads human (p~0.004) and "
                            "the translation profile is higher (P(MT) 0.795, under its "
                            "threshold of 0.8321: human); the paraphrase rules alone are "
                            "not enough")),
])
def test_seed_verdicts(host, seeds, seed, verdict):
    report = host.check(Document(text=seeds[seed], id=seed))
    assert str(report.verdict) == verdict


def test_probabilities_are_finite_on_every_seed(host, seeds):
    for text in seeds.values():
        m = st.measure(text)
        assert all(math.isfinite(v) for v in m.values())


def test_a_long_text_is_profiled_from_its_first_characters():
    text = (MT_LIKE + "\n") * (st.MAX_CHARS // len(MT_LIKE) + 20)
    head = st.profiled(text)
    assert len(head) <= st.MAX_CHARS and text.startswith(head) and text[len(head)].isspace()
    assert st.measure(text) == st.measure(head)
    findings = st.findings_for(text)
    assert findings and all(text[f.span.start:f.span.end] == f.evidence for f in findings)
    assert st.profiled(MT_LIKE) is MT_LIKE


_PIECES = st_h.lists(st_h.sampled_from(
    ["the", "of", "w", "said", "council", "’s", "it's", "don’t", "2024", ",", ".", " ",
     "“", "”", "—", "-", "…", "\u00a0",
     "\n", "  ", "Ünïcode", "of the", "İstanbul", "a", "'", "w'"]), max_size=30).map(" ".join)


@given(piece=_PIECES, other=_PIECES)
@settings(max_examples=300, deadline=None)
def test_holds_is_membership_in_the_pieces_counted_grams(piece, other):
    for view, count in _ngrams.COUNTERS.items():
        mine = count(_features.plain(piece))
        for gram in list(mine) + list(count(_features.plain(other))):
            assert st._holds(piece, view, gram) == (gram in mine), (view, gram)


@given(piece=_PIECES, blank=st_h.sampled_from(["\n\n", " \n", "\n\t", " \n \n "]))
@settings(max_examples=200, deadline=None)
def test_the_character_view_reads_any_line_break_run_as_one(piece, blank):
    laid_out = piece.replace("\n", blank)
    assert _ngrams.char_grams(laid_out) == _ngrams.char_grams(piece)


@given(piece=_PIECES)
@settings(max_examples=200, deadline=None)
def test_every_view_reads_typeset_and_plain_text_alike(piece):
    typeset = piece.replace('"', "“").replace("'", "’").replace("-", "—").replace(" ", "\u00a0", 1)
    backticks = piece.replace("'", "`")  # still ASCII: no shortcut may skip it
    windows = piece.replace("\n", "\r\n")
    for variant in (typeset, backticks, windows):
        assert _ngrams.views(variant) == _ngrams.views(piece)
        assert _dense.measures(variant) == _dense.measures(piece)


_PARAGRAPHS = (
    "The council approved next year's budget on Tuesday after a debate that lasted less "
    "than an hour. The plan raises spending on road repairs by 12% and keeps property "
    "taxes flat, officials said, though two members voted against it.\n\n"
    "\"We've waited three years for this,\" said one resident, who lives on a street "
    "that floods every spring. The mayor's office said work would start in May and "
    "finish before the winter, weather permitting, and that contracts go out next week."
)


@pytest.mark.parametrize("width", [60, 70, 80])
def test_a_hard_wrapped_article_reads_as_its_paragraphs(width):
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, width) for p in _PARAGRAPHS.split("\n\n"))
    assert wrapped != _PARAGRAPHS and len(wrapped) == len(_PARAGRAPHS)
    assert unwrap(wrapped) == _PARAGRAPHS
    assert st.measure(wrapped) == st.measure(_PARAGRAPHS) != {}


@pytest.mark.parametrize("around", [("", "\n"), ("\n\n", "\n"), ("  ", " \n\n")])
def test_the_white_space_around_a_text_is_not_read(around):
    # A text file ends with a line break that the same article in a JSON Lines record
    # has not: read as a character, it moved P(machine-translated) by up to 0.105 on
    # MixSet dev and the non-native fairness articles by up to 0.10.
    before, after = around
    assert st.measure(before + _PARAGRAPHS + after) == st.measure(_PARAGRAPHS) != {}


@pytest.mark.parametrize(("before", "after"), [
    ("", "\n(Reporting by Jane Doe in London; Editing by John Smith)"),
    ("By Jane Doe, Staff Writer\n", ""),
    ("LONDON (Reuters) - ", "\nCopyright 2024 The Associated Press. All rights reserved."),
    ("WASHINGTON, Jan 5 (Reuters) \u2014 ", "\nReporting by Jane Doe; editing by Tom Brown"),
    ("Editor\u2019s note: This story has been updated.\n",
     "\nAssociated Press writer Jane Doe in London contributed to this report."),
    ("Advertisement\n", "\nRead more: Talks resume in Geneva\n(AP Photo/Jane Doe)"),
    ("    KYIV, Ukraine (AP) -- ", ""),  # in an indented paragraph too
    ("Updated: March 12, 2024 at 10:32 a.m. ET\nImage caption: Rescuers at the scene\n", ""),
])
def test_wire_furniture_is_not_read(before, after):
    # A Reuters credit line under each WMT dev article moved P(MT) by up to 0.245 and
    # flipped 34 of 235 MT verdicts, an "Advertisement" line amid each up to 0.124: the
    # models never saw them.  Not the writer's prose.
    assert st.measure(before + _PARAGRAPHS + after) == st.measure(_PARAGRAPHS) != {}


@pytest.mark.parametrize("prose", [
    "Reporting by the BBC found many problems in the report.",
    "By Tuesday, the talks had collapsed.",
    "Copyright law changed in 2019.",
    "Editing by hand is slow, the publisher said.",
    "MIE SEVEN-ELEVEN START SALES OF FOUR PRODUCTS FROM TODAY (ISE SHIMBUN) --YAHOO! NEWS",
    "US - China talks resume.",
    "Read more about it in our archive.",
    "Advertisement campaigns grew.",
    "The photo (taken in May) shows the square.",
    "Updated figures show 12 deaths.",
    "Published in 2019, the report was ignored by the government for years.",
])
def test_prose_that_looks_like_furniture_is_read(prose):
    assert _features.without_furniture(prose) == prose


def test_unwrap_leaves_one_paragraph_per_line_and_lists_alone():
    assert unwrap(MT_LIKE) == MT_LIKE  # lines of any length: not wrapped
    items = "\n".join(f"- item number {i} of the list, each of them about as long" for i in
                      range(6))
    assert unwrap(items) == items
