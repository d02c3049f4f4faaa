"""The conformance kit catches what it promises to catch, and passes a sound plugin."""

from __future__ import annotations

import random
import threading
import time
import types

import pytest

from wirelint import Finding, Pattern, PluginError, Rule, Severity, Signal, hookimpl
from wirelint.testing import Kit, adversarial_inputs, check_plugin

EXAMPLE = "The talks resumed on Monday after a long pause, officials said."
CLEAN = "The meeting resumed on Monday after a long pause, officials said."


def _rule(code: str = "ZK101", **kw) -> Rule:
    base = dict(code=code, name="talks-word", signal=Signal.MT, severity=Severity.INFO,
                summary="The word 'talks'.", why="A test rule.", example=EXAMPLE,
                use_instead=CLEAN, false_positives="Every real use of the word.",
                references=("https://example.org/talks",))
    return Rule(**{**base, **kw})


def _plugin(rules=None, patterns=(), check=None, prefix="ZK") -> types.ModuleType:
    mod = types.ModuleType("kit_subject")
    mod.WIRELINT_PREFIX = prefix
    mod.wirelint_rules = hookimpl(lambda: list(rules or [_rule()]))
    if patterns:
        mod.wirelint_patterns = hookimpl(lambda: list(patterns))
    if check is not None:
        mod.wirelint_check = hookimpl(check)
    return mod


def _finds_talks(document):
    text = document.text
    i = text.find("talks")
    return [Finding.at(text, i, i + 5, code="ZK101", message="talks")] if i >= 0 else []


SOUND = _plugin(check=_finds_talks)


def test_a_sound_plugin_passes_every_check():
    check_plugin(SOUND)


def test_a_refused_plugin_fails_at_load_with_the_reason():
    with pytest.raises(PluginError, match="outside the plugin's prefix"):
        Kit.load(_plugin(rules=[_rule("QQ101")], check=_finds_talks))


@pytest.mark.parametrize(("change", "message"), [
    ({"why": " "}, "empty why"),
    ({"references": ()}, "no references"),
    ({"name": "Talks_Word"}, "not kebab-case"),
    ({"summary": "two\nlines"}, "summary is not one line"),
    ({"use_instead": EXAMPLE}, "example and use_instead are the same"),
])
def test_an_incompletely_documented_rule_fails(change, message):
    kit = Kit.load(_plugin(rules=[_rule(**change)], check=_finds_talks))
    with pytest.raises(AssertionError, match=message):
        kit.check_documented(kit.rules[0])


def test_an_example_that_does_not_trigger_its_rule_fails():
    kit = Kit.load(_plugin(rules=[_rule(example=CLEAN, use_instead=EXAMPLE + " ")],
                           check=_finds_talks))
    with pytest.raises(AssertionError, match="example does not trigger it"):
        kit.check_example(kit.rules[0])
    with pytest.raises(AssertionError, match="use_instead triggers it"):
        kit.check_use_instead(kit.rules[0])


def test_a_hook_that_crashes_on_odd_unicode_fails_the_fuzz():
    def fragile(document):
        document.text.encode("utf-8")  # a lone surrogate raises
        return _finds_talks(document)

    kit = Kit.load(_plugin(check=fragile))
    with pytest.raises(UnicodeEncodeError):
        kit.fuzz_unicode()


def test_a_finding_with_a_bad_span_fails_the_fuzz():
    def off_by_one(document):
        return [Finding(code="ZK101", span=f.span, message="m", evidence=f.evidence + "!")
                for f in _finds_talks(document)]

    kit = Kit.load(_plugin(check=off_by_one))
    with pytest.raises(AssertionError, match="does not match the text at its span"):
        kit.check_invariants(EXAMPLE)


def test_a_nondeterministic_hook_fails():
    def moody(document):
        return [Finding.at(document.text, 0, 1, code="ZK101", message="m",
                           confidence=random.random())]

    kit = Kit.load(_plugin(check=moody))
    with pytest.raises(AssertionError, match="two runs differ"):
        kit.check_invariants(EXAMPLE)


def test_a_hook_keeping_per_document_state_fails_the_thread_check():
    state = {}

    def racy(document):
        state["text"] = document.text
        time.sleep(0.002)
        return _finds_talks(types.SimpleNamespace(text=state["text"])) \
            if state["text"] == document.text else [
                Finding.at(document.text, 0, 1, code="ZK101", message="stale")]

    kit = Kit.load(_plugin(check=racy))
    with pytest.raises(AssertionError, match="several threads"):
        kit.check_thread_safety()


def test_a_slow_plugin_fails_the_time_bound():
    def slow(document):
        end = time.thread_time() + len(document.text) / 100_000 * 1.0  # 1 s CPU / 100 KB
        while time.thread_time() < end:
            pass
        return []

    kit = Kit.load(_plugin(check=slow), time_scale=0.5)  # a 0.5 s bound
    with pytest.raises(AssertionError, match=r"kit_subject: .*realistic text"):
        kit.check_speed()


def test_a_hanging_plugin_fails_the_time_bound_instead_of_hanging():
    kit = Kit.load(_plugin(check=lambda document: threading.Event().wait()), time_scale=0.05)
    start = time.perf_counter()
    with pytest.raises(AssertionError, match="did not finish"):
        kit.check_speed()
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("regex", [
    r"(?:\w+\s?)+:",          # nested quantifiers: exponential
    r"\w+(?:,|$)",            # a run retried from every start: quadratic
])
def test_a_catastrophic_pattern_fails_the_redos_check(regex):
    pattern = Pattern(code="ZK101", regex=regex, padding="none")
    # A 0.25 s cut-off: the quadratic pattern takes 1.4 s on its 100 KB run here, while
    # the benign inputs before it take ~0.015 s (the first scanned cold, as the host
    # scans a lone document), with room for a loaded CI machine (at 0.1 s a scan of
    # "every accepted character" once overran first).
    kit = Kit.load(_plugin(patterns=[pattern]), time_scale=0.05)
    start = time.perf_counter()
    with pytest.raises(AssertionError, match=r"ZK101: pattern .* catastrophic backtracking"):
        kit.check_pattern(pattern)
    assert time.perf_counter() - start < 20


def test_a_linear_pattern_passes_the_redos_check():
    pattern = Pattern(code="ZK101", regex=r"talks", prefilter="talks")
    kit = Kit.load(_plugin(patterns=[pattern]))
    kit.check_pattern(pattern)


def test_adversarial_inputs_are_built_from_the_characters_the_pattern_accepts():
    pattern = Pattern(code="ZK101", regex=r"[0-9]+%[a-z]+", prefilter="%")
    inputs = dict(adversarial_inputs(pattern, _rule(example="It was 100%certain.")))
    assert all(len(text) == 100_000 and text.endswith("%") for text in inputs.values())
    assert any(set(text[:-1]) == {"0"} for text in inputs.values())
    assert "the example's match repeated" in inputs
    assert inputs["the example's match repeated"].startswith("100%certain 100%certain")


def test_check_plugin_records_a_crashing_plugin_and_runs_the_other_checks():
    # Finding.at(t, 5, 0) on the empty text raises ValueError inside the plugin: that is
    # the fuzz checks' failure, not an exception out of check_plugin, and the checks
    # after them (here: documentation) still run and report.
    def crashy(document):
        t = document.text
        return [Finding.at(t, 5, min(len(t), 20), code="ZK101", message="m")]

    plugin = _plugin(rules=[_rule(why=" ")], check=crashy)
    with pytest.raises(AssertionError) as caught:
        check_plugin(plugin)
    message = str(caught.value)
    assert message.startswith("kit_subject[ZK] 0 fails ")
    assert "\nfuzz-unicode: raised ValueError: invalid span [5, 0) (at model.py:" in message
    assert f"from {__name__.rsplit('.', 1)[-1]}.py:" in message  # the plugin's own line
    assert "\nZK101-documented: ZK101: empty why" in message
