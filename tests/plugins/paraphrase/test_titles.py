from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelint import Config, Document, Host, PluginError, hookimpl
from wirelint_builtins.paraphrase import titles
from wirelint_builtins.paraphrase.titles import TITLES_AS_OF, load_table

ONLY = Config(select=("MP404",))
RUBIO = "U.S. Senator Marco Rubio said the talks in Istanbul would not bring a breakthrough."


def _mp_host(**kwargs) -> Host:
    return Host(["wirelint_builtins.paraphrase"], entry_points=False, **kwargs)


def _dated(text: str, day: str | None) -> Document:
    return Document(text=text, meta={"date": day} if day else {})


def test_table_has_an_as_of_date_and_dated_roles():
    assert titles.BUILTIN.as_of == TITLES_AS_OF
    assert len(titles.BUILTIN.people) >= 30
    for person in titles.BUILTIN.people:
        for role in person.roles:
            assert role.since < role.until, person.name


def test_stale_title_after_the_change(host: Host):
    finding = host.check(_dated(RUBIO, "2025-05-16"), ONLY).findings[0]
    assert finding.evidence == "U.S. Senator Marco Rubio"
    assert finding.suggestion == "U.S. Secretary of State Marco Rubio"
    assert "2025-01-20" in finding.message and TITLES_AS_OF in finding.message


def test_title_true_on_the_document_date_is_not_flagged(host: Host):
    assert not host.check(_dated(RUBIO, "2024-06-01"), ONLY).findings


def test_iso_datetime_in_meta_is_a_date(host: Host):
    assert host.check(_dated(RUBIO, "2025-05-16T09:30:00Z"), ONLY).findings


def test_former_president_trump_after_his_second_inauguration(host: Host):
    text = "A meeting with former U.S. President Donald Trump was discussed on Friday."
    assert host.check(_dated(text, "2025-05-16"), ONLY).findings[0].evidence == (
        "former U.S. President Donald Trump")
    assert not host.check(_dated(text, "2023-05-16"), ONLY).findings


@pytest.mark.parametrize("text", [
    "Then-Senator Marco Rubio said the talks would fail.",
    "In 2019, Senator Marco Rubio said the talks would fail.",
    "The late President Ebrahim Raisi was buried in Mashhad.",
    "Senator Lindsey Graham and Marco Rubio said the talks would fail.",
])
def test_deliberate_past_references_are_not_stale(host: Host, text: str):
    assert not host.check(_dated(text, "2025-05-16"), ONLY).findings


def test_a_title_after_the_name_is_a_mention_on_a_dated_document(host: Host):
    text = "Antony Blinken, the US Secretary of State, said a ceasefire was close."
    finding = host.check(_dated(text, "2025-04-01"), ONLY).findings[0]
    assert finding.evidence == "Antony Blinken, the US Secretary of State"
    assert finding.suggestion == "Antony Blinken, the former U.S. Secretary of State"
    assert not host.check(_dated(text, "2024-04-01"), ONLY).findings
    assert not host.check(_dated(text, None), ONLY).findings  # undated: not judged


@pytest.mark.parametrize("text", [
    "Antony Blinken, then secretary of state, said a ceasefire was close.",
    "Kamala Harris, the former vice president, told supporters to keep going.",
    "Olaf Scholz, the German chancellor's spokesman said, would not attend.",
    "Sergei Shoigu, secretary of Russia's Security Council, met officials in Beijing.",
])
def test_appositives_true_or_historical_are_not_stale(host: Host, text: str):
    assert not host.check(_dated(text, "2025-06-01"), ONLY).findings


def test_cut_off_snapshot_is_stronger_than_a_slip(host: Host):
    cut_off = RUBIO + " Former President Donald Trump agreed."
    slip = RUBIO + " German Chancellor Friedrich Merz agreed."
    strong = host.check(_dated(cut_off, "2025-05-16"), ONLY).findings
    weak = host.check(_dated(slip, "2025-05-16"), ONLY).findings
    assert {f.confidence for f in strong} == {0.8}
    assert [f.confidence for f in weak] == [0.25]
    assert "slip" in weak[0].message


def test_undated_documents_use_the_as_of_date_at_lower_confidence(host: Host):
    undated = host.check(RUBIO, ONLY).findings[0]
    dated = host.check(_dated(RUBIO, TITLES_AS_OF), ONLY).findings[0]
    assert "assumed" in undated.message
    assert undated.confidence < dated.confidence


def test_a_recent_change_weighs_less_when_the_date_is_unknown(host: Host):
    said = " said on Friday that the talks in Istanbul had been useful."
    old = host.check("Senator Marco Rubio" + said, ONLY).findings[0]
    recent = host.check("Defense Minister Rustem Umerov" + said, ONLY).findings[0]
    assert recent.confidence < old.confidence


def test_load_table_merges_people_and_keeps_the_latest_as_of(tmp_path):
    extra = {"as_of": "2031-01-01", "people": [
        {"name": "Jane Example", "roles": [
            {"role": "Mayor of Exampleton", "title": "Mayor", "titles": ["mayor"],
             "since": "2020-01-01", "until": "2030-01-01"}]}]}
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(extra), "utf-8")
    table = load_table(path)
    assert table.as_of == "2031-01-01"
    assert "jane example" in table.by_name and "marco rubio" in table.by_name


def test_options_extend_the_table_per_host():
    person = {"name": "Jane Example", "roles": [
        {"role": "Mayor of Exampleton", "title": "Mayor", "titles": ["mayor"],
         "since": "2020-01-01", "until": "2025-01-01"}]}
    config = Config(select=("MP404",), options={"stale-titles": [person]})
    text = _dated("Mayor Jane Example opened the bridge on Friday.", "2025-06-01")
    assert _mp_host(config=config).check(text).findings
    assert not _mp_host().check(text, ONLY).findings


def test_a_bad_table_refuses_the_plugin_at_load():
    bad = {"stale-titles": [{"name": "X", "roles": [{"titles": ["mayor"],
                                                     "since": "2025-13-01"}]}]}
    with pytest.raises(PluginError, match="ISO date"):
        _mp_host(config=Config(options=bad))


def test_signature_names_the_titles_table(host: Host):
    """Its date and its content: an entry added under the same date changes findings."""
    table = resources.files("wirelint_builtins.paraphrase").joinpath("titles.json")
    digest = hashlib.sha256(table.read_bytes()).hexdigest()[:10]
    assert f"|titles:{TITLES_AS_OF}+{digest}|" in host.check(RUBIO).signature


class _SignedPlugin:
    WIRELINT_PREFIX = "ZQ1"
    WIRELINT_SIGNATURE = "lexicon:2030-01"

    @hookimpl
    def wirelint_rules(self):
        return ()


def test_any_plugin_may_add_a_signature_element():
    sig = Host(plugins=[_SignedPlugin()], entry_points=False).signature
    assert "|lexicon:2030-01|weights:" in sig


def test_a_title_broken_by_a_hard_wrap_is_still_a_mention(host: Host):
    # E-mail and plain-text feeds wrap at a fixed width; here the title ends one line
    # and the name starts the next.  The span and the suggestion are the document's own.
    text = ("A meeting in Istanbul with Ukrainian officials and the former President\n"
            "Donald Trump was discussed on Friday by the two delegations, who said\n"
            "that no date had been set yet and that the talks would go on through\n"
            "the weekend at the palace, with more meetings planned for the coming\n"
            "week in the city.")
    hits = host.check(_dated(text, "2025-05-16"), ONLY).findings
    assert [h.evidence for h in hits] == ["former President\nDonald Trump"]
    assert hits[0].suggestion == "U.S. President Donald Trump"


# --- the name search in lowered text (TitleTable.lowered) finds what the case-blind one did

_OTHER = load_table([{"name": "İlham Aliyev", "aliases": ["Aliyev"],
                      "roles": [{"titles": ["president"], "since": "2003-10-31"}]},
                     {"name": "Recep Tayyip Erdoğan", "aliases": ["Erdoğan", "ΣΟΦΙΑ Ʃ"],
                      "roles": [{"titles": ["president"], "since": "2014-08-28"}]}])
#: Names that end or open with a character that is no word character: the one before a
#: name may be the last of the name before it ("J.(Kim").
_EDGE = load_table([{"name": "J.", "aliases": ["(Kim", "Kim Jong"],
                     "roles": [{"titles": ["leader"], "since": "2011-12-17"}]}])
#: Names searched from their leading ASCII letters (TitleTable.anchors), "Kılıç" aside: its
#: "ı" may stand for an "i" of the text, so the table has no anchors.
_ANCHORED = load_table([{"name": "K.J. Lee", "aliases": ["J.", "Lee", "O’Neil", "Ana-María",
                                                          "Işıl Kaya", "Kaya"],
                         "roles": [{"titles": ["mayor"], "since": "2011-12-17"}]}])
_UNANCHORED = load_table([{"name": "Kılıç", "roles": [{"titles": ["mayor"],
                                                       "since": "2011-12-17"}]}])


def _spans_case_blind(text: str, table: titles.TitleTable) -> list[tuple[int, int]]:
    return [m.span() for m in table.matcher.finditer(text)]


@given(pieces=st.lists(st.one_of(
    st.sampled_from(["Marco Rubio", "marco\n rubio", "MARCO RUBIO", "Rubio", "Marco Rubıo", "Trump",
                     "Donald  Trump", "dıs", "Kaja Kallas", "kaja kallaſ", "İ", "ı", "ſ",
                     "\u212a", "Σ", "ς", "Erdoğan", "ERDOĞAN", "İlham Aliyev", "i̇lham aliyev",
                     "aliyev", "ΣΟΦΙΑ Ʃ", "σοφια ʃ", "Al-Sharaa", "al-sharaa", "-", "_", " ",
                     "\n", ".", ",", "J.", "(Kim", "J.(Kim", "kim  jong",
                     "K.J. Lee", "k.j.\nlee", "Lee", "O’Neil", "o'neil", "ANA-MARÍA",
                     "ana-maria", "Işıl Kaya", "isil kaya", "IŞIL", "Kılıç", "kilic", "KILIÇ"]),
    st.text(max_size=3)), max_size=14))
@settings(max_examples=400, deadline=None)
def test_names_are_found_where_the_case_blind_search_found_them(pieces):
    text = "".join(pieces)
    for table in (titles.BUILTIN, _OTHER, _EDGE, _ANCHORED, _UNANCHORED):
        assert list(titles._names(text, table)) == _spans_case_blind(text, table)


def test_only_names_that_open_with_ascii_letters_have_anchors():
    assert {b"k", b"j", b"lee", b"o", b"ana", b"i", b"kaya"} <= _ANCHORED.anchors
    assert _EDGE.anchors is None  # "(kim"
    assert _UNANCHORED.anchors is None  # "kılıç"
    assert titles.BUILTIN.anchors is not None


def test_names_in_the_articles_are_found_where_the_case_blind_search_found_them():
    from wirelint.text import unwrap

    root = Path(__file__).resolve().parents[3]
    for path in sorted((root / "fixtures").rglob("*.txt")):
        text = path.read_text("utf-8")
        for variant in (text, unwrap(text), text.upper(), text.lower(), "İ" + text):
            assert list(titles._names(variant, titles.BUILTIN)) == _spans_case_blind(
                variant, titles.BUILTIN)


def test_names_in_the_dev_texts_are_found_where_the_case_blind_search_found_them():
    from tests.conftest import CORPUS
    from wirelint.text import unwrap

    path = CORPUS / "wmt-news-mt" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"dev texts not found at {path}")
    for line in path.open(encoding="utf-8"):
        if line.strip():
            text = json.loads(line)["text"]
            for variant in (text, unwrap(text), text.upper()):
                for table in (titles.BUILTIN, _ANCHORED):
                    assert list(titles._names(variant, table)) == _spans_case_blind(
                        variant, table)
