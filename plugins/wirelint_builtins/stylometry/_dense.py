"""Whole-document style measures, stacked on the n-gram models' decisions.

An n-gram sees a habit within a few tokens; some habits only show over the whole text:
how varied the vocabulary is, how long and how even the sentences are, how much of it
is the 1,000 most frequent English words, contractions, 's-genitives against "of the".
Translated and machine-made English differ from original English on each (Volansky et
al. 2015 list most of them), and a model of n-grams cannot add them up.  Each ST7
model's probability is ``sigmoid(a z + b + sum_j c_j (m_j - mean_j))`` over these
measures ``m`` (``model.json``; ``scripts/fit_stylometry.py`` fits ``c`` by logistic
regression on out-of-fold ``z``).

All measures read the lowercased text with its typography made plain, and none
measures typography: dash and quote styles separated WMT's corpora by their punctuation
normalisation rather than by translator (they raised MT vs human translation from 0.79
to 0.82 out-of-fold, all of it pushing toward "human"), so they are left out.  Pure
functions, no state.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from importlib import resources

from wirelint_builtins.stylometry._features import (
    FUNCTION_WORDS,
    plain,
    plain_tokens,
    sentence_lengths,
)

#: The measures, in the order of the model's weights.
NAMES = (
    "mattr50",  # moving-average type/token ratio over 50-word windows
    "sentence_mean",  # words per sentence
    "sentence_sd",  # spread of words per sentence
    "top1000",  # share of words among English's 1,000 most frequent
    "contractions",  # don't, it's, we've ... per word
    "s_genitives",  # 's (not it's, that's ...) per word
    "of_the",  # "of the" per word
    "genitive_ratio",  # 's / ('s + "of the" + 1)
    "function_words",  # share of closed-class words
    "word_length",  # mean letters per word
    "long_words",  # share of words of 8+ letters
    "numbers",  # share of tokens that are numbers
    "semicolons",  # per word
)

#: What a reader is told when a measure pushes a model up: (when high, when low).
LABELS = {
    "mattr50": ("varied vocabulary", "repetitive vocabulary"),
    "sentence_mean": ("long sentences", "short sentences"),
    "sentence_sd": ("uneven sentence lengths", "even sentence lengths"),
    "top1000": ("many very frequent words", "few very frequent words"),
    "contractions": ("many contractions", "few contractions"),
    "s_genitives": ("many 's-genitives", "few 's-genitives"),
    "of_the": ("many 'of the'", "few 'of the'"),
    "genitive_ratio": ("'s-genitives over 'of the'", "'of the' over 's-genitives"),
    "function_words": ("many function words", "few function words"),
    "word_length": ("long words", "short words"),
    "long_words": ("many long words", "few long words"),
    "numbers": ("many numbers", "few numbers"),
    "semicolons": ("many semicolons", "few semicolons"),
}

_NOT_GENITIVE = frozenset(
    "it's that's he's she's there's what's who's let's here's where's how's".split())
_CONTRACTED = ("n't", "'re", "'ve", "'ll", "'m", "'d")
_WINDOW = 50


def _top_words() -> frozenset[str]:
    source = resources.files(__package__).joinpath("top_words.txt")
    lines = source.read_text("utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


#: English's 1,000 most frequent words (wordfreq, written by scripts/build_top_words.py).
TOP_WORDS = _top_words()


def mattr(words: list[str], window: int = _WINDOW) -> float:
    """Moving-average type/token ratio (Covington & McFall 2010): length-independent,
    unlike a plain type/token ratio.

    The windows' type counts are summed per word rather than per window: a word counts
    once in each window that holds it but not its previous occurrence, which is
    ``min(d, window)`` windows for a word ``d`` words after that occurrence, less those
    that would start past the last window.  One dictionary read and write per word:
    8 % less for 5 KB, 15 % for 50 KB, than sliding a count of each word along.
    """
    n = len(words)
    if n <= window:
        return len(set(words)) / max(n, 1)
    last_window = n - window
    seen: dict[str, int] = {}
    get = seen.get
    total = 0
    for i, w in enumerate(words):
        d = i - get(w, -1)
        seen[w] = i
        if d > window:
            d = window
        if i > last_window:  # windows last_window + 1 .. i cannot hold it
            d -= i - last_window
            if d > 0:
                total += d
        else:
            total += d
    return total / (last_window + 1) / window


def measures(text: str) -> tuple[float, ...]:
    """The :data:`NAMES` measures of ``text`` (any case, typography or hard wrapping;
    read as :func:`~wirelint_builtins.stylometry._features.plain` makes it)."""
    return plain_measures(plain(text))


def plain_measures(text: str, toks: Sequence[str] | None = None) -> tuple[float, ...]:
    """The :data:`NAMES` measures of ``text``, a text already made ``plain``.

    ``toks``, when given, must be ``plain_tokens(text)``: the n-gram views read the
    same tokens, so one tokenisation serves both.
    """
    toks = plain_tokens(text) if toks is None else toks
    words = [t for t in toks if t[0].isalpha()]
    n = max(len(words), 1)
    lengths = sentence_lengths(text) or [0]
    mean = sum(lengths) / len(lengths)
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    # every contraction and 's-genitive holds an apostrophe, so only the few words that
    # do are tested, and a set's __contains__ mapped over the words counts the frequent
    # and function words: the same four counts in a third of the time (120 us less for
    # 5 KB)
    marked = [w for w in words if "'" in w]
    genitives = sum(1 for w in marked if w.endswith("'s") and w not in _NOT_GENITIVE)
    contractions = sum(1 for w in marked if w.endswith(_CONTRACTED) or w in _NOT_GENITIVE)
    # no token holds white space: "of" then "the" is " of  the " once each token is
    # between two spaces (five times faster than testing each pair)
    of_the = f" {'  '.join(toks)} ".count(" of  the ")
    return (
        mattr(words),
        mean,
        sd,
        sum(map(TOP_WORDS.__contains__, words)) / n,
        contractions / n,
        genitives / n,
        of_the / n,
        genitives / (genitives + of_the + 1),
        sum(map(FUNCTION_WORDS.__contains__, words)) / n,
        sum(map(len, words)) / n,
        sum(1 for w in words if len(w) >= 8) / n,
        sum(1 for t in toks if t[0].isdigit()) / max(len(toks), 1),
        toks.count(";") / n,
    )


def describe(name: str, push: float, centred: float) -> str:
    """A reader's name for a measure that pushed a model by ``push`` log-odds."""
    high, low = LABELS.get(name, (name, name))
    return f"{high if centred > 0 else low} ({push:+.2f})"
