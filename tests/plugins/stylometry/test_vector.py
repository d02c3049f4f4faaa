"""The numpy path of ST7 (``_vector``) gives the pure path's numbers, bit for bit."""

from __future__ import annotations

import builtins
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_h

from tests.reliability.test_limits import PARAGRAPH
from wirelint import Config, Host
from wirelint_builtins import stylometry as st
from wirelint_builtins.stylometry import _features, _ngrams, _vector
from wirelint_builtins.stylometry._model import drivers

pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parents[3]
FIXTURE_TEXTS = [p.read_text(encoding="utf-8")
                 for p in sorted((ROOT / "fixtures").rglob("*.txt"))]


@pytest.fixture(scope="module")
def vector() -> _vector.VectorModels:
    models = _vector.vector_models(st.MODELS)
    assert models is not None
    return models


def _both(vector: _vector.VectorModels, text: str):
    plain = _features.plain(text)
    toks = _features.tokens(plain)
    weighed = st.MODELS.weigh(_ngrams.plain_views(plain, toks))
    return (weighed, st.MODELS.decisions(weighed)), vector.analyse(plain, toks)


def _assert_same(pure, fast) -> None:
    (pure_weighed, pure_z), (fast_weighed, fast_z) = pure, fast
    assert fast_z == pure_z  # exactly: the same terms added in the same order
    for view in _ngrams.VIEWS:
        a, b = pure_weighed[view], fast_weighed[view]
        assert list(b.grams) == list(a.grams), view
        assert list(b.rows) == list(a.rows), view
        assert b.tf_idf == a.tf_idf, view
        assert b.norm == a.norm, view
    for code in st.MODELS.codes:  # drivers: the strongest positive terms, on both paths
        terms = st.MODELS.terms(pure_weighed, code, ("d", "w"))
        if not any(t[0] > 0 for t in terms):
            terms = st.MODELS.terms(pure_weighed, code, ("c",))
        expected = [(v, g) for c, v, g in sorted(terms, key=lambda t: (-t[0], t[1], t[2]))
                    if c > 0][:3]
        assert drivers(st.MODELS, pure_weighed, code) == expected, code
        assert drivers(st.MODELS, fast_weighed, code) == expected, code


@pytest.mark.parametrize("index", range(len(FIXTURE_TEXTS)))
def test_every_fixture_reads_the_same_on_both_paths(vector, index):
    _assert_same(*_both(vector, FIXTURE_TEXTS[index]))


def test_every_seed_reads_the_same_on_both_paths(vector, seeds):
    for text in seeds.values():
        _assert_same(*_both(vector, text))


@pytest.mark.parametrize("text", [
    "", "a", "ab", "the", "of the", "x" * 5000,  # empty views, one n-gram, one repeated
    "e " * 6000,  # counts past the precomputed 1 + ln(c) table
    "Emoji 😀 and a lone surrogate \ud800 in the text", "\U0010ffff\uffff\x00",
])
def test_edge_texts_read_the_same_on_both_paths(vector, text):
    _assert_same(*_both(vector, text))


@given(text=st_h.text(st_h.characters(blacklist_categories=()), max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_unicode_reads_the_same_on_both_paths(text):
    models = _vector.vector_models(st.MODELS)
    assert models is not None
    _assert_same(*_both(models, text))


_WORDS = st_h.lists(st_h.sampled_from(
    ["the", "of", "said", "council", "it's", "don't", "2024", ",", ".", "\n", "w", "0",
     "additionally", "according", "to", "’s", "unknownword", "Ünïcode"]), max_size=200)


@given(words=_WORDS)
@settings(max_examples=200, deadline=None)
def test_word_salad_reads_the_same_on_both_paths(words):
    models = _vector.vector_models(st.MODELS)
    assert models is not None
    _assert_same(*_both(models, " ".join(words)))


def test_the_host_gives_the_same_reports_on_both_paths(host, monkeypatch):
    texts = FIXTURE_TEXTS[:12]
    monkeypatch.setattr(_vector, "AFTER_CHARS", 10**15)
    st._analysis.cache_clear()
    pure = [host.check(t) for t in texts]
    monkeypatch.setattr(_vector, "AFTER_CHARS", 0)
    st._analysis.cache_clear()
    fast = [host.check(t) for t in texts]
    st._analysis.cache_clear()
    assert [(r.probabilities, r.findings) for r in fast] == \
        [(r.probabilities, r.findings) for r in pure]


def test_numpy_is_used_only_once_enough_text_was_profiled(monkeypatch):
    monkeypatch.setattr(_vector, "_profiled", 0)
    monkeypatch.setattr(_vector, "AFTER_CHARS", 1000)
    assert _vector.engine(st.MODELS, 600) is None
    assert _vector.engine(st.MODELS, 600) is _vector.vector_models(st.MODELS)


def test_without_numpy_the_pure_path_serves(monkeypatch):
    real_import = builtins.__import__

    def no_numpy(name, *args, **kwargs):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError("no numpy here")
        return real_import(name, *args, **kwargs)

    _vector.vector_models.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_numpy)
    try:
        assert _vector.vector_models(st.MODELS) is None
        monkeypatch.setattr(_vector, "AFTER_CHARS", 0)
        st._analysis.cache_clear()
        assert st.measure(st.MT_OUTPUT.example)  # measured on the pure path
    finally:
        monkeypatch.undo()
        _vector.vector_models.cache_clear()
        st._analysis.cache_clear()


def test_the_numpy_path_keeps_a_long_text_in_proportional_memory(monkeypatch):
    """The numpy path's n-gram arrays are the peak of a long check's memory (as
    ``tests/reliability/test_limits.py`` measures it, there on whichever path is on)."""
    text = PARAGRAPH * (100_000 // len(PARAGRAPH))
    host = Host(entry_points=False)
    host.check("warm up the lazy data: the large -scale plan.")
    monkeypatch.setattr(_vector, "AFTER_CHARS", 0)
    host.check(PARAGRAPH * 30)  # numpy and the vector models loaded
    st._analysis.cache_clear()
    tracemalloc.start()
    report = host.check(text, Config(max_bytes=100_000_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    st._analysis.cache_clear()
    assert report.findings
    assert peak < 60 * len(text), f"peak {peak / 1e6:.1f} MB for {len(text) / 1e6:.1f} MB"
