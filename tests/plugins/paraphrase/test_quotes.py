from __future__ import annotations

from wirelint import Config, Host
from wirelint_builtins.paraphrase import NO_DIRECT_QUOTES
from wirelint_builtins.paraphrase._quotes import longest_quote

ONLY = Config(select=("MP403",))


def test_scare_quotes_are_not_direct_speech():
    assert longest_quote('Moscow calls it a "special military operation".') == 3


def test_apostrophes_do_not_open_or_close_quotes():
    assert longest_quote("Ukraine’s army chief said ‘we will hold the line’.") == 5
    assert longest_quote("Ukraine’s army and Russia’s navy met.") == 0


def test_curly_and_straight_quotes_are_measured():
    assert longest_quote("He said “we want a ceasefire soon” on Friday.") == 5
    assert longest_quote('He said "we want a ceasefire soon" on Friday.') == 5


def test_a_hard_wrapped_quotation_is_still_a_quotation():
    wrapped = ('The minister said "we will not accept any\n'
               'ceasefire that freezes the front" on Friday.')
    assert longest_quote(wrapped) == 10


def test_a_quotation_carried_over_a_paragraph_break_counts():
    # News style: the first paragraph of a long quotation is left open.
    text = 'He said: "We are ready to talk.\n"But not at any price," he added.'
    assert longest_quote(text) >= 5


def test_straight_quotes_on_one_line_do_not_pair_across_lines():
    text = 'It calls it a "special operation".\nOthers say "war" and "invasion".'
    assert longest_quote(text) == 2


def test_hard_wrapped_article_with_quotes_is_not_flagged(host: Host):
    text = NO_DIRECT_QUOTES.use_instead
    words = text.replace("\n", " ").split(" ")
    wrapped = "\n".join(" ".join(words[i:i + 9]) for i in range(0, len(words), 9))
    assert not host.check(wrapped, ONLY).findings


def test_span_is_the_last_attribution(host: Host):
    text = NO_DIRECT_QUOTES.example
    finding = host.check(text, ONLY).findings[0]
    assert finding.evidence == "warned"
    assert "attributions" in finding.message


def test_united_states_is_not_an_attribution(host: Host):
    text = NO_DIRECT_QUOTES.example.replace("warned", "in the United States think")
    assert all(f.evidence != "States" for f in host.check(text, ONLY).findings)


def test_one_direct_quote_clears_the_document(host: Host):
    assert not host.check(NO_DIRECT_QUOTES.use_instead, ONLY).findings


def test_short_documents_are_not_judged(host: Host):
    text = "He said it. She said it. They said it. I said it. We said it. You said it."
    assert not host.check(text, ONLY).findings
