from __future__ import annotations

import functools
import importlib.util
import json
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, FIXTURES, SEEDS
from wirelint import Host, Padding, Pattern
from wirelint._prefilter import (
    anchored_literals,
    lower_is_faithful,
    project,
    reads_alike,
    required_literals,
    superset_regex,
)
from wirelint._scanner import _PAD, Scanner

HOST = Host(entry_points=False)
#: Structural rules written to trip the translation: anchors, lookarounds at both ends
#: and inside, back-references, case folding of i/k/s, classes with non-ASCII members.
TRICKY = [
    r"[^\W\d_]+ +-[^\W\d_]{2,}",
    r"(?<=\w)[ \u00a0\u202f]+[:;?!](?=[ \t]|$)",
    r"\b([a-z]{3,}) \1s\b",
    r"([a-z]{3,}+) \1s",
    r"(?<=x)(?:([a-c]) (\w)\2\1)+",
    r"(?:([b-d]|é)x|yy) \1",
    r"\b(Ministry|Office) of (?:\w+ )?\1\b",
    r"^[ \t]*(?:quick looks?|deep look)[ \t]*:?[ \t]*$",
    r"(?:^|(?<=[.!?])[ \t])[ \t]*(?P<w>sign[ \t]+up)",
    r"(?<![\d,.])\d{1,3},\d{1,2}(?![\d,])",
    r"(?<!\w)kiss(?!\w)",
    r"\bıstanbul\b|\bİzmir\b",
    r"[^a-z\s]{2}",
    r"\S+@\S+",
    r"(?i:STRASSE)|(?-i:Kelvin)",
    r"x(?=y)|(?<!q)u",
    r"«[ \u00a0\u202f]?",
    r"\d+(?:[.,]\d+)?%[^\W\d_]+",
    r"(?s:a.b)|a.c",
    r"\Aheadline\b|end\Z",
]
#: Characters where ``re`` and RE2 or ``str.lower`` disagree, or projection matters.
ODD = "ıİſKkßµΣσς\u00a0\u202f\x1c\x1f\x85\u2028é’“”«»-—%:;?!\n\t "


@functools.cache
def _documents() -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("articles/*/*.txt"))]
    for path in sorted((FIXTURES / "rules").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("+ ", "- ")):
                docs.append(line[2:].replace("\\n", "\n"))
    if SEEDS.is_dir():
        docs += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    for path in sorted(CORPUS.glob("*/dev.jsonl")):
        with path.open(encoding="utf-8") as fh:
            docs += [json.loads(line)["text"] for line in fh][:150]
    return docs


def _scanners(patterns=None) -> tuple[Scanner, Scanner]:
    patterns = HOST._patterns if patterns is None else patterns
    reference = Scanner(patterns, HOST.rules, engine="re")
    fast = Scanner(patterns, HOST.rules, engine="re2")
    fast.warm()  # the gates are built for batches; build them now
    assert (reference.engine, fast.engine) == ("re", "re2")
    return reference, fast


@pytest.fixture(scope="module")
def re2_engine():
    pytest.importorskip("re2", reason="google-re2 (wirelint[fast]) is not installed")


def test_the_reference_engine_needs_nothing_optional():
    assert Scanner(HOST._patterns, HOST.rules, engine="re").engine == "re"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown scanner engine"):
        Scanner([], {}, engine="pcre")


def test_engines_give_identical_findings_on_articles_fixtures_and_corpus(re2_engine):
    reference, fast = _scanners()
    docs = _documents()
    assert len(docs) > 50
    for doc in docs:
        assert fast.scan(doc).findings == reference.scan(doc).findings, doc[:80]


def test_a_cold_scanner_finds_what_a_warm_one_finds():
    cold = Scanner(HOST._patterns, HOST.rules)
    warm = Scanner(HOST._patterns, HOST.rules)
    warm.warm()
    for doc in _documents()[:12]:  # fewer than WARM_AFTER: the cold one stays cold
        assert cold.scan(doc).findings == warm.scan(doc).findings, doc[:80]
    assert not cold._warm


def test_position_gate_falls_back_to_scanning_where_the_superset_is_everywhere(
        re2_engine, monkeypatch):
    import wirelint._scanner as scanner_module

    monkeypatch.setattr(scanner_module, "POSITION_CAP", 1)
    reference, fast = _scanners()
    for doc in _documents()[:300]:
        assert fast.scan(doc).findings == reference.scan(doc).findings, doc[:80]


def test_host_reports_do_not_depend_on_the_engine(re2_engine, monkeypatch):
    docs = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("articles/*/*.txt"))]
    reference, fast = _scanners()
    monkeypatch.setattr(HOST, "_state", replace(HOST._state, scanner=reference))
    expected = [HOST.check(d).to_dict() for d in docs]
    monkeypatch.setattr(HOST, "_state", replace(HOST._state, scanner=fast))
    assert [HOST.check(d).to_dict() for d in docs] == expected


def test_the_environment_variable_picks_the_engine(monkeypatch):
    monkeypatch.setenv("WIRELINT_ENGINE", "re")
    assert Scanner(HOST._patterns, HOST.rules).engine == "re"
    monkeypatch.setenv("WIRELINT_ENGINE", "nonesuch")
    with pytest.raises(ValueError, match="unknown scanner engine"):
        Scanner(HOST._patterns, HOST.rules)


HAVE_RE2 = importlib.util.find_spec("re2") is not None
ENGINES_PAIR = _scanners() if HAVE_RE2 else (None, None)


def salted(parts: list[str], edits: list[tuple[int, str]]) -> str:
    """``parts`` as lines, with each ``(position, insert)`` of ``edits`` inserted in turn
    (the position taken modulo the text's length so far)."""
    text = "\n".join(parts)
    for pos, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos:]
    return text


#: One or two real documents as lines, with a few odd characters (:data:`ODD`) inserted.
SALTED_DOCUMENTS = st.builds(
    salted, st.lists(st.sampled_from(_documents()[:400]), min_size=1, max_size=2),
    st.lists(st.tuples(st.integers(0, 10_000), st.text(alphabet=ODD, max_size=3)),
             max_size=6))


@given(text=SALTED_DOCUMENTS)
def test_engines_agree_on_documents_salted_with_odd_characters(re2_engine, text):
    reference, fast = ENGINES_PAIR
    assert fast.scan(text).findings == reference.scan(text).findings


def _compiled(source: str, case_sensitive: bool = False) -> tuple[re.Pattern[str], str, int]:
    left, right = _PAD[Padding.WORD]
    full = f"{left}(?:{source}){right}"
    flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    return re.compile(full, flags), full, flags


def _structural_sources() -> list[tuple[str, bool]]:
    mine = [(p.regex, p.case_sensitive) for _, p, _ in HOST._patterns if p.regex is not None]
    return mine + [(t, cs) for t in TRICKY for cs in (False, True)]


@given(st.text(alphabet=st.sampled_from(list(ODD + "abciksxyzABIKSQ019 .,")), max_size=40))
def test_superset_regexes_match_wherever_the_rule_does(text):
    for source, case_sensitive in _structural_sources():
        compiled, full, flags = _compiled(source, case_sensitive)
        superset = superset_regex(full, flags)
        if superset is None or not compiled.search(text):
            continue
        python_syntax = superset.replace(r"\z", r"\Z").encode("ascii")
        assert re.search(python_syntax, project(text)), (source, text, superset)


@given(st.text(alphabet=st.sampled_from(list(ODD + "abciksxyzABIKSQ019 .,")), max_size=40))
def test_required_literals_occur_wherever_the_rule_matches(text):
    for source, case_sensitive in _structural_sources():
        compiled, full, flags = _compiled(source, case_sensitive)
        found = required_literals(full, flags)
        if found is None or not compiled.search(text):
            continue
        literals, lowered = found
        if lowered and not lower_is_faithful(text):
            continue  # the scanner runs the pass without the test in this case
        haystack = text.lower() if lowered else text
        assert any(lit in haystack for lit in literals), (source, text, literals)


def test_superset_of_a_padded_lexicon_keeps_its_word_boundaries():
    superset = superset_regex(r"(?<!\w)(?:kyiv|moscow)(?!\w)", re.IGNORECASE)
    compiled = re.compile(superset.replace(r"\z", r"\Z").encode("ascii"))
    assert compiled.search(project("talks in Kyiv."))
    assert compiled.search(project("«Kyiv»"))  # non-ASCII neighbours always pass
    assert not compiled.search(project("kyivan moscows"))


def test_superset_of_a_back_reference_keeps_its_first_character():
    """RE2 has no back-references; one superset branch per first character of the
    referenced group keeps "the same first letter again", so the gate stays selective
    ("front line lines" once matched at nearly every plural)."""
    superset = superset_regex(r"(?<!\w)(?:([a-z]{3,}+) \1s)(?!\w)", re.MULTILINE)
    compiled = re.compile(superset.replace(r"\z", r"\Z").encode("ascii"))
    assert compiled.search(project("the front line lines held"))
    assert not compiled.search(project("the front line fines and the old cars"))
    # a case-insensitive reference may start with the other case: no split
    loose = superset_regex(r"([a-z]{3,}) \1s", re.IGNORECASE)
    assert re.search(loose.encode("ascii"), project("Line lines"))


def test_untranslatable_constructs_give_no_gate_rather_than_a_wrong_one():
    assert superset_regex(r"(?<!\w)\w*(?!\w)", 0) is None  # matches the empty string
    assert required_literals(r"[a-z]+", 0) is None


def test_lexicon_gate_never_skips_a_phrase(re2_engine):
    words = ("in costume", "presidential aid", "kiss", "strasse")
    pattern = Pattern(code="MT101", words=words, message="lexicon hit")
    reference, fast = _scanners([("test", pattern, True)])
    for text in ("He came in  Costume.", "a presidential\u00a0aid", "KİSS", "Stra\u017f\u017fe",
                 "x kiss", "kisses", "«kiss»"):
        assert fast.scan(text).findings == reference.scan(text).findings, text


def test_scan_without_enabled_rules_finds_nothing():
    scanner = Scanner(HOST._patterns, HOST.rules, engine="re")
    assert scanner.scan("the large -scale plan", lambda code: False).findings == ()


@functools.cache
def _full_trie(lex):
    return lex._compile(lex.owners)


def _lexicon_spans(lex, text, full: bool) -> list[tuple[int, int]]:
    return [m.span() for m in (_full_trie(lex).finditer(text) if full else lex.indexed(text))]


def test_word_index_finds_what_the_full_trie_finds():
    lexicons = Scanner(HOST._patterns, HOST.rules, engine="re").lexicons
    for doc in _documents():
        for lex in lexicons:
            assert _lexicon_spans(lex, doc, False) == _lexicon_spans(lex, doc, True), doc[:80]


def _salted(parts: list[str], edits: list[tuple[int, str]]) -> str:
    """Documents joined, with short odd strings inserted at the given positions."""
    text = "\n".join(parts)
    for pos, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos:]
    return text


#: One or two real documents as lines, with a few odd characters (:data:`ODD`) inserted.
SALTED_DOCUMENTS = st.builds(
    salted, st.lists(st.sampled_from(_documents()[:400]), min_size=1, max_size=2),
    st.lists(st.tuples(st.integers(0, 10_000), st.text(alphabet=ODD, max_size=3)),
             max_size=6))


@given(st.lists(st.sampled_from(_documents()[:400]), min_size=1, max_size=2),
       st.lists(st.tuples(st.integers(0, 10_000), st.text(alphabet=ODD + "İΣ", max_size=3)),
                max_size=6))
def test_word_index_agrees_with_the_full_trie_on_salted_documents(parts, edits):
    text = _salted(parts, edits)
    for lex in LEXICONS:
        assert _lexicon_spans(lex, text, False) == _lexicon_spans(lex, text, True)


LEXICONS = Scanner(HOST._patterns, HOST.rules, engine="re").lexicons


@given(st.lists(st.sampled_from(_documents()[:400]), min_size=1, max_size=2),
       st.lists(st.tuples(st.integers(0, 10_000), st.text(alphabet=ODD + "İΣ", max_size=3)),
                max_size=6), st.integers(1, 7))
def test_lexicon_tried_at_more_starts_finds_the_same(parts, edits, step):
    """The lexicons share one superset search, so a lexicon is also tried where only
    another's phrase may start: the comparison is exact, and extra starts (here every
    ``step``-th position besides the true superset starts) change nothing."""
    text = _salted(parts, edits)
    for lex in LEXICONS:
        if lex.first is None:
            continue
        phrases = {max(m.start() - 1, 0) for m in _full_trie(lex).finditer(text)}
        starts = sorted(phrases | set(range(0, len(text), step)))
        assert [m.span() for m in lex.gated(text, starts)] == _lexicon_spans(lex, text, True)


def test_word_index_keeps_the_trie_semantics_longest_first_then_resume():
    words = ("new york", "york times", "new", "in costume", "in")
    lex = Scanner([("t", Pattern(code="MT101", words=words, message="m"), True)],
                  HOST.rules).lexicons[0]
    for text in ("the new york times", "In  costume in", "newer york", "NEW\u00a0YORK",
                 "ſtraße new", "new-york"):
        assert _lexicon_spans(lex, text, False) == _lexicon_spans(lex, text, True), text


def test_word_index_reads_a_long_text_in_windows(monkeypatch):
    import wirelint._scanner as scanner_module

    monkeypatch.setattr(scanner_module, "_TOKEN_WINDOW", 50)
    text = "\n\n".join(_documents()[:40])
    for lex in LEXICONS:
        assert _lexicon_spans(lex, text, False) == _lexicon_spans(lex, text, True)


def test_position_gate_tries_both_sides_of_each_superset_match(re2_engine):
    words = ("a", "b", "ab", "new york", "york", ",x")
    pattern = Pattern(code="MT101", words=words, message="m")
    reference, fast = _scanners([("test", pattern, True)])
    for text in ("a b ab", "a,b", "new york york", "x,x ,x", "ab,b", "«a»b a"):
        assert fast.scan(text).findings == reference.scan(text).findings, text


def test_position_gate_finds_matches_at_the_very_start_and_end(re2_engine):
    patterns = [("test", Pattern(code="MT101", regex=regex, message="m"), True)
                for regex in (r"kiss\w*", r"(?<=[.!?] )[a-z]+", r"\d+,\d+(?!\d)", r"ab|b")]
    reference, fast = _scanners(patterns)
    for text in ("kiss me", "kisses. kiss", "Done. then x. y", "1,5 and 12,25", "ab b ab",
                 "«kiss»", "a kiss", "x.\u00a0y"):
        assert fast.scan(text).findings == reference.scan(text).findings, text


def test_folding_mirrors_how_re_ignorecase_compares_every_character():
    # re compares a character's simple lower case with a literal's lower case or its
    # extra cases; the index reads str.lower() with each extra-case class folded to one
    # member.  Both must agree for every code point, and keep \w and \s as they are.
    from _sre import unicode_tolower

    from wirelint._scanner import _CANON, _MIXED, _folded, _is_word

    def canon(ch: str) -> str:
        return _CANON.get(ord(ch), ch)

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = _folded(ch)
        assert folded is not None and len(folded) == 1, hex(code)
        simple = chr(unicode_tolower(code))
        if simple in _MIXED:  # no indexed phrase holds a member of its class
            assert folded in _MIXED, hex(code)
        else:
            assert folded == canon(simple), hex(code)
        assert _is_word(folded) == _is_word(ch), hex(code)
        assert folded.isspace() == ch.isspace(), hex(code)
    assert not any(code < 128 for code in _CANON)  # ASCII keys need no folding
    assert _MIXED.isdisjoint(_CANON.values())


def test_folded_text_and_keys_match_where_re_ignorecase_does():
    from re._casefix import _EXTRA_CASES

    from wirelint._scanner import _folded, _folded_key

    members = {chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)}
    keys = sorted(members | set("abiksz") | {"ß", "é", "ǆ"})
    texts = sorted({c for k in keys for c in (k, k.upper(), k.title())} | set("İKÅ"))
    for key in keys:
        folded_key = _folded_key(key)
        if folded_key is None:  # the index is not used for such a lexicon
            continue
        for text in texts:
            expected = re.fullmatch(re.escape(key), text, re.IGNORECASE) is not None
            assert (_folded(text) == folded_key) == expected, (key, text)


@given(st.lists(st.sampled_from(_documents()[:400]), min_size=1, max_size=2),
       st.lists(st.tuples(st.integers(0, 10_000),
                          st.text(alphabet=ODD + "İΣ_\u2019\u00b7\u0301", max_size=3)),
                max_size=6))
def test_tokens_are_the_texts_word_runs(parts, edits):
    from wirelint._scanner import _tokens

    text = _salted(parts, edits)
    assert _tokens(text) == set(re.findall(r"\w+", text))
    assert _tokens(text.lower()) == set(re.findall(r"\w+", text.lower()))


def test_word_index_finds_first_words_in_one_pass_too(monkeypatch):
    import wirelint._scanner as scanner_module

    monkeypatch.setattr(scanner_module, "_FIND_WORDS", 0)
    text = "\n\n".join(_documents()[:60])
    for lex in LEXICONS:
        assert _lexicon_spans(lex, text, False) == _lexicon_spans(lex, text, True)


def test_word_index_on_text_with_extra_case_letters():
    words = ("kiss", "istanbul", "σοφία", "ſtrasse", "москва", "new york")
    lex = Scanner([("t", Pattern(code="MT101", words=words, message="m"), True)],
                  HOST.rules).lexicons[0]
    for text in ("KISS kıss kiſs", "İstanbul ıstanbul ISTANBUL", "ΣΟΦΊΑ σοφία Σοφία",
                 "strasse STRASSE ſtraſſe", "МОСКВА москва Москва ᲂ", "NEW\u2028YORK"):
        assert _lexicon_spans(lex, text, False) == _lexicon_spans(lex, text, True), text


def _long_text(size: int) -> str:
    docs = _documents()
    text, i = "", 0
    while len(text) < size:
        text += docs[i % len(docs)] + "\n\n"
        i += 1
    return text


def test_a_long_document_is_gated_like_a_batch(re2_engine):
    import wirelint._scanner as scanner_module

    reference = Scanner(HOST._patterns, HOST.rules, engine="re")
    text = _long_text(scanner_module.WARM_STRUCTURAL_CHARS)
    cold = Scanner(HOST._patterns, HOST.rules, engine="re2")
    assert cold.scan(text).findings == reference.scan(text).findings
    assert cold._plan.stage == 1  # structural gates only: the lexicons' cost more
    text = _long_text(scanner_module.WARM_LEXICON_CHARS)
    cold = Scanner(HOST._patterns, HOST.rules, engine="re2")
    assert cold.scan(text).findings == reference.scan(text).findings
    assert cold._plan.stage == 2 and cold.engine == "re2"


def test_position_gate_agrees_whether_it_falls_back_early_or_never(re2_engine, monkeypatch):
    import wirelint._scanner as scanner_module

    reference, fast = _scanners()
    text = _long_text(200_000)
    expected = reference.scan(text).findings
    for cap, spacing in ((1, 1), (1, 10**9), (10**9, 1)):
        monkeypatch.setattr(scanner_module, "POSITION_CAP", cap)
        monkeypatch.setattr(scanner_module, "POSITION_SPACING", spacing)
        assert fast.scan(text).findings == expected


def test_scans_in_threads_while_the_gates_are_built():
    from concurrent.futures import ThreadPoolExecutor

    docs = _documents()[:80]
    reference = Scanner(HOST._patterns, HOST.rules, engine="re")
    expected = [reference.scan(d).findings for d in docs]
    cold = Scanner(HOST._patterns, HOST.rules)
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda d: cold.scan(d).findings, docs)) == expected
    assert cold._warm


@given(st.text(alphabet=st.sampled_from(list(ODD + "abciksxyzABIKSQ019 .,")), max_size=40))
def test_anchored_literals_start_where_the_rule_says(text):
    for source, case_sensitive in _structural_sources():
        compiled, full, flags = _compiled(source, case_sensitive)
        found = anchored_literals(full, flags)
        if found is None:
            continue
        literals, lowered, lo, hi = found
        if lowered and not lower_is_faithful(text):
            continue  # the scanner scans on its own in this case
        haystack = text.lower() if lowered else text
        for m in compiled.finditer(text):
            assert any(haystack.startswith(lit, at) for lit in literals
                       for at in range(m.start() + lo, m.start() + hi + 1)), (source, text)


def test_anchored_literals_of_typical_rules():
    assert anchored_literals(r"(?<!\w)(?:\b[Tt]he (?:[a-z]+ )?(?:talks|summit))", 0) == \
        (("he ",), False, 1, 1)
    assert anchored_literals(r"(?:[1-9]|[12][0-9])(?:st|th)? (?:May|June)", 0) == \
        (("June", "May"), False, 2, 5)
    assert anchored_literals(r"[a-z]+ of", 0) is None  # unbounded distance
    assert anchored_literals(r"(?i)Share|click", 0) == (("click", "share"), True, 0, 0)


def test_only_patterns_regex_reads_as_re_does_get_gates():
    assert reads_alike(r"\bthe (?:large|small) plan{1,2}", 0)
    assert not reads_alike(r"[[:alpha:]]+", 0)  # a POSIX class for regex, a set for re
    assert not reads_alike(r"(?:colour){e<=1}", 0)  # fuzzy matching for regex
    assert not reads_alike(r"\p{L}+", 0)  # an error for re
    assert not reads_alike(r"(?x) a b", 0)
