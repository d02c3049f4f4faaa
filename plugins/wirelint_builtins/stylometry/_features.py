"""Style features of a document: what the ST7 models read.

Every feature is a rate (per word, per sentence or per character), so documents of any
length are comparable, and almost all of them are case-blind: MixSet's human originals
are lowercased, and a profile that keyed on capitals would learn the corpus, not the
writer.  Content words are deliberately *masked* in the n-gram profile ("text
distortion", Stamatatos 2017): "the council said on tuesday" becomes "the w said on w",
so topic and outlet leave little trace and the sequence of function words and
punctuation - the part of style a translator or a language model controls - remains.

Pure Python, no state, safe to call from many threads.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

#: Closed-class words (and a few reporting verbs and connectives news style leans on).
FUNCTION_WORDS = frozenset("""
a about above according across actually additionally after afterwards again against ago
all almost along already also although always am among amongst an and another any anyone
anything anyway are around as at away back be became because become been before behind
being below beside besides between beyond both but by can cannot could despite did do does
doing done down due during each either else enough especially even ever every everyone
everything few finally first following for former from further furthermore had has have
having he hence her here hers herself him himself his how however i if in including indeed
instead into is it its itself just last later latter least less like many may maybe me
meanwhile might mine more moreover most mostly much must my myself namely near nearly neither
never nevertheless next no nobody none nor not nothing now of off often on once one only
onto or other others otherwise our ours ourselves out over own particularly per perhaps
quite rather really regarding said same say says second several shall she should since so
some somebody someone something sometimes soon still such than that the their theirs them
themselves then there thereby therefore these they this those though through throughout
thus till to together too told toward towards two under unless until up upon us very via
was we well were what whatever when whenever where whereas whether which while who whoever
whole whom whose why will with within without would yet you your yours yourself
""".split())

#: Apostrophes and quotes, normalised before tokenising (the *kind* of quote is counted
#: separately, as typography).
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+")
_CONTRACTION = re.compile(r"(?:n't|'s|'re|'ve|'ll|'d|'m)$")

#: Punctuation marks counted per 100 words (name -> characters).
PUNCTUATION = {
    "comma": ",", "period": ".", "semicolon": ";", "colon": ":", "question": "?",
    "exclamation": "!", "paren": "(", "bracket": "[", "slash": "/", "hyphen": "-",
    "en-dash": "–", "em-dash": "—", "ellipsis": "…", "straight-double-quote": '"',
    "curly-double-quote": "“”", "straight-single-quote": "'", "curly-single-quote": "‘’",
    "guillemet": "«»„", "percent": "%", "ampersand": "&", "asterisk": "*",
}

#: Typographic habits (regex -> feature), counted per 100 words.  Detokenisers of MT
#: engines leave some ("21: 00", "COVID - 19", "( word"); editors and translators others.
_TYPOGRAPHY = {
    "space-before-comma": re.compile(r"\w\s+[,.;:](?=\s|$)", re.M),
    "space-inside-paren": re.compile(r"\(\s|\s\)"),
    "digit-colon-space": re.compile(r"\d: \d"),
    "spaced-hyphen": re.compile(r"\w - \w"),
    "hyphen-one-side": re.compile(r"\w -\w|\w- \w"),
    "double-hyphen": re.compile(r"--"),
    "double-space": re.compile(r"\S  +\S"),
    "ellipsis-dots": re.compile(r"\.\.\."),
    "thousands-comma": re.compile(r"\d,\d{3}\b"),
    "thousands-space": re.compile(r"\d \d{3}\b"),
    "decimal-comma": re.compile(r"\d,\d{1,2}\b"),
    "percent-word": re.compile(r"\bper ?cent\b", re.I),
    "currency-symbol": re.compile(r"[$£€¥₽]"),
    "quote-after-colon": re.compile(r":\s*[\"“«]"),
    "said-comma-quote": re.compile(r",[\"”]\s"),
    "abbrev-dot": re.compile(r"\b(?:[a-z]\.){2,}", re.I),
    "all-caps-word": re.compile(r"\b[A-Z]{4,}\b"),
    "dash-quote-dialogue": re.compile(r"^\s*[—–-]\s", re.M),
    # Names keep their accents in careful human copy ("Mbappé"); MT from a non-Latin
    # source loses them.  Scripts other than Latin are left untranslated by MT.
    "latin-diacritic": re.compile(r"[À-ÖØ-öø-ɏ]"),
    "non-latin-letter": re.compile(r"[Ͱ-ϿЀ-ӿ\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"),
    "fullwidth": re.compile(r"[\u3000-\u303f\uff00-\uffef]"),
}

#: Below this many words a style profile is noise: no ST7 finding is emitted.
MIN_WORDS = 50

#: Bins of word-frequency rank (the shipped rank list covers the top 20,000 words).
RANK_BINS = (100, 1000, 5000, 20000)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``: lines, then ``.!?`` + space.

    News copy puts headlines, datelines and bylines on their own lines, so a line break
    always ends a sentence.  Case is not consulted (casefolded text must split the same).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cursor = start
        for m in _SENT_END.finditer(line):
            end = start + m.start()
            if end > cursor:
                spans.append((cursor, end))
            cursor = start + m.end()
        end = start + len(line.rstrip())
        if end > cursor and line[cursor - start:].strip():
            lead = len(line[cursor - start:]) - len(line[cursor - start:].lstrip())
            spans.append((cursor + lead, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def tokens(text: str) -> list[str]:
    """Lowercased word, number and punctuation tokens (apostrophes normalised)."""
    return _WORD.findall(text.translate(_APOS).lower())


def _is_word(tok: str) -> bool:
    return tok[0].isalpha()


def distort(toks: Sequence[str]) -> list[str]:
    """Mask content words: function words and punctuation stay, the rest become a shape.

    Shapes are ``w`` (word), ``w'`` (contraction of a content word), ``0`` (number).
    """
    out = []
    for t in toks:
        if t in FUNCTION_WORDS or not t[0].isalnum():
            out.append(t)
        elif t[0].isdigit():
            out.append("0")
        elif "'" in t:
            stem, _, tail = t.partition("'")
            out.append(stem if stem in FUNCTION_WORDS else "w")
            out.append("'" + tail)
        else:
            out.append("w")
    return out


def _mattr(words: Sequence[str], window: int = 50) -> float:
    """Moving-average type/token ratio (Covington & McFall 2010): length-independent."""
    if len(words) <= window:
        return len(set(words)) / max(len(words), 1)
    counts = Counter(words[:window])
    total = len(counts)
    for i in range(window, len(words)):
        old, new = words[i - window], words[i]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        counts[new] += 1
        total += len(counts)
    return total / (len(words) - window + 1)


def _stats(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / len(values)
    return mean, math.sqrt(var)


def _repeated_trigrams(words: Sequence[str]) -> float:
    """Share of word trigrams seen earlier in the document (MT repeats itself)."""
    seen: set[tuple[str, ...]] = set()
    repeated = 0
    for i in range(len(words) - 2):
        gram = tuple(words[i:i + 3])
        repeated += gram in seen
        seen.add(gram)
    return repeated / max(len(words) - 2, 1)


def _near_duplicates(counts: Counter[str], ranks: dict[str, int]) -> int:
    """Rare words that differ from another rare word of the document by one edit.

    Sentence-by-sentence MT transliterates a name two ways ("Grigoryeva",
    "Grigorieva"); a human translator keeps one spelling.
    """
    rare = sorted(w for w in counts if len(w) >= 5 and w not in ranks and "'" not in w)
    found = 0
    by_len: dict[int, list[str]] = {}
    for w in rare:
        by_len.setdefault(len(w), []).append(w)
    for w in rare:
        for other_len in (len(w), len(w) + 1):
            for o in by_len.get(other_len, ()):
                later = o > w or other_len > len(w)  # each unordered pair once
                if later and o != w and o[:2] == w[:2] and _one_edit(w, o):
                    found += 1
    return found


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) + 1 != len(b):
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def profile(text: str, ranks: dict[str, int], *, ngrams: Iterable[int] = (1, 2, 3),
            vocabulary: bool = True) -> dict[str, float]:
    """The feature vector of ``text`` as a sparse ``{name: value}`` mapping.

    ``ranks`` maps a lowercased word to its frequency rank in general English.  Groups:
    ``fw:`` function-word rates, ``ct:`` contractions, ``pu:`` punctuation and ``ty:``
    typography per 100 words, ``ln:`` sentence and word length, ``lx:`` lexical
    richness and word-frequency bins, ``dn:`` masked n-grams, ``w:`` word rates
    (vocabulary features; the models keep only a fitted list).
    """
    toks = tokens(text)
    words = [t for t in toks if _is_word(t)]
    n = len(words)
    feats: dict[str, float] = {"ln:words": float(n)}
    if n == 0:
        return feats
    per = 100.0 / n
    counts = Counter(words)
    for w, c in counts.items():
        if w in FUNCTION_WORDS:
            feats["fw:" + w] = c * per
        if vocabulary:
            feats["w:" + w] = c * per
        m = _CONTRACTION.search(w)
        if m and len(w) > len(m.group(0)):
            key = "ct:" + m.group(0)
            feats[key] = feats.get(key, 0.0) + c * per
    feats["ct:any"] = sum(v for k, v in feats.items() if k.startswith("ct:"))

    for name, chars in PUNCTUATION.items():
        c = sum(text.count(ch) for ch in chars)
        if c:
            feats["pu:" + name] = c * per
    for name, rx in _TYPOGRAPHY.items():
        c = len(rx.findall(text))
        if c:
            feats["ty:" + name] = c * per

    spans = sentences(text)
    lengths = [sum(1 for t in tokens(text[s:e]) if _is_word(t)) for s, e in spans]
    lengths = [x for x in lengths if x]
    mean, sd = _stats(lengths)
    feats["ln:sentence-mean"] = mean
    feats["ln:sentence-sd"] = sd
    feats["ln:sentence-cv"] = sd / mean if mean else 0.0
    if lengths:
        feats["ln:short-sentences"] = sum(1 for x in lengths if x < 8) / len(lengths)
        feats["ln:long-sentences"] = sum(1 for x in lengths if x > 35) / len(lengths)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if lines:
        feats["ln:unterminated-lines"] = sum(
            1 for ln in lines if ln[-1] not in ".!?\"”’»)':;") / len(lines)
        feats["ln:sentences-per-line"] = len(spans) / len(lines)
    feats["ln:word-length"] = sum(len(w) for w in words) / n
    feats["ln:long-words"] = sum(1 for w in words if len(w) >= 9) / n

    feats["lx:mattr"] = _mattr(words)
    head = words[:100]
    head_counts = Counter(head)
    feats["lx:hapax-100"] = sum(1 for c in head_counts.values() if c == 1) / len(head)
    bins = [0] * (len(RANK_BINS) + 1)
    log_rank = 0.0
    for w in words:
        r = ranks.get(w)
        if r is None:
            bins[-1] += 1
            log_rank += math.log(RANK_BINS[-1] * 2)
        else:
            bins[next(i for i, b in enumerate(RANK_BINS) if r < b)] += 1
            log_rank += math.log(r + 1)
    for i, c in enumerate(bins):
        label = f"rank<{RANK_BINS[i]}" if i < len(RANK_BINS) else "rank-oov"
        feats["lx:" + label] = c / n
    feats["lx:log-rank"] = log_rank / n
    content = [w for w in words if w not in FUNCTION_WORDS]
    feats["lx:content-share"] = len(content) / n
    feats["lx:content-mattr"] = _mattr(content, 30) if content else 0.0

    feats["lx:repeated-trigrams"] = _repeated_trigrams(words)
    feats["lx:name-variants"] = _near_duplicates(counts, ranks) * per
    quote_lines = [ln for ln in lines if '"' in ln or "“" in ln or "”" in ln]
    if lines:
        feats["ty:unbalanced-quote-lines"] = sum(
            1 for ln in quote_lines
            if ln.count('"') % 2 or ln.count("“") != ln.count("”")) / len(lines)

    masked = distort(toks)
    total = max(len(masked), 1)
    grams: Counter[str] = Counter()
    for k in ngrams:
        for i in range(len(masked) - k + 1):
            grams["dn:" + " ".join(masked[i:i + k])] += 1
    for g, c in grams.items():
        feats[g] = c * 100.0 / total
    return feats
