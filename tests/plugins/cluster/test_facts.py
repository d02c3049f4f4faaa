from __future__ import annotations

import pytest

from wirelint_builtins.cluster._facts import (
    Title,
    number_mentions,
    same_fact,
    title_mentions,
    values_agree,
)


def _titles(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.name, m.title_text) for m in title_mentions(text)]


@pytest.mark.parametrize(("text", "evidence", "name"), [
    ("US Secretary of State Marco Rubio said.", "US Secretary of State Marco Rubio",
     "Marco Rubio"),
    ("It was former U.S. President Donald Trump who spoke.",
     "former U.S. President Donald Trump", "Donald Trump"),
    ("A team headed by presidential aide Vladimir Medinsky.",
     "presidential aide Vladimir Medinsky", "Vladimir Medinsky"),
    ("It included retired Lt. Gen. Keith Kellogg on Friday.",
     "retired Lt. Gen. Keith Kellogg", "Keith Kellogg"),
    ("Talks between President Trump and President Putin.", "President Trump", "Trump"),
    ("He met Defense Minister Rustem Umerov's deputy.", "Defense Minister Rustem Umerov",
     "Rustem Umerov"),
])
def test_title_mention_is_found_with_its_name(text: str, evidence: str, name: str):
    found = _titles(text)
    assert found and found[0][0] == evidence and found[0][1] == name


def test_possessive_ends_the_title_on_the_left():
    assert _titles("Trump's Ukraine envoy Keith Kellogg arrived.")[0][2] == "envoy"


@pytest.mark.parametrize("text", [
    "The Minister of Defense, Rustem Umerov, led the delegation.",  # apposition
    "Marco Rubio said on Friday that the talks would be hard.",  # no title
    "The president said on Friday that the talks would be hard.",  # no name
    "The President\nMarco Rubio spoke.",  # a line break is not a title
])
def test_no_title_mention(text: str):
    assert _titles(text) == []


def test_a_title_is_compared_by_office_not_by_country():
    us, plain = (title_mentions(t)[0].title for t in
                 ("US President Joe Smith.", "President Joe Smith."))
    assert us.compatible(plain)


def test_former_and_deputy_change_the_office():
    a = Title(kind="office", modifiers=frozenset(), words=frozenset({"president"}))
    b = Title(kind="office", modifiers=frozenset({"former"}), words=frozenset({"president"}))
    c = Title(kind="office", modifiers=frozenset({"deputy"}), words=frozenset({"mayor"}))
    d = Title(kind="office", modifiers=frozenset(), words=frozenset({"mayor"}))
    assert not a.compatible(b)
    assert not c.compatible(d)


def test_more_specific_title_agrees_and_disjoint_titles_clash():
    aide = title_mentions("aide Vladimir Medinsky.")[0].title
    presidential = title_mentions("presidential aide Vladimir Medinsky.")[0].title
    senator = title_mentions("Senator Marco Rubio.")[0].title
    secretary = title_mentions("Secretary of State Marco Rubio.")[0].title
    assert aide.compatible(presidential)
    assert not senator.compatible(secretary)


def test_minister_of_defense_and_defense_minister_are_one_title():
    a = title_mentions("the Minister of Defense Rustem Umerov said.")[0].title
    b = title_mentions("Defense Minister Rustem Umerov said.")[0].title
    assert a.compatible(b)


def test_rank_and_office_do_not_compare():
    rank = title_mentions("Lt. Gen. Keith Kellogg.")[0].title
    office = title_mentions("envoy Keith Kellogg.")[0].title
    assert rank.kind == "rank" and office.kind == "office"
    assert not rank.compatible(office)


def _numbers(text: str) -> list[tuple[str, float, str]]:
    return [(text[m.start:m.end], m.value, m.unit) for m in number_mentions(text)]


def test_number_mentions_with_units():
    text = ("The war has killed more than 12,000 Ukrainian civilians in three years, "
            "and a 30-day ceasefire covers 20% of the front.")
    assert _numbers(text) == [("12,000 Ukrainian civilians", 12000.0, "civilian"),
                              ("three years", 3.0, "year"),
                              ("30-day", 30.0, "day"),
                              ("20%", 20.0, "%")]


def test_years_times_and_bare_figures_are_skipped():
    assert _numbers("In 2022, at 1:15, the score was 3.") == []


def test_scale_words_multiply():
    assert _numbers("It cost 2.5 million dollars.")[0][1] == 2_500_000.0


def test_compound_number_words():
    assert _numbers("About twenty-five people came.")[0][1:] == (25.0, "people")


def test_same_fact_needs_the_unit_and_shared_context():
    a, = number_mentions("The war has killed 12,000 civilians, according to the U.N.")
    b, = number_mentions("The war has killed 1,200 civilians, according to the U.N.")
    c, = number_mentions("Leaders from 47 countries met to discuss trade.")
    d, = number_mentions("The war has killed 1,200 soldiers, according to the U.N.")
    assert same_fact(a, b)
    assert not same_fact(a, c)
    assert not same_fact(a, d)


def test_rounded_values_agree_and_a_dropped_digit_does_not():
    assert values_agree(12000, 12400)
    assert not values_agree(12000, 1200)
