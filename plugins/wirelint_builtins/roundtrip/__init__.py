"""MT3xx: round-trip typography and grammar signatures.

A document that went English -> French -> English (or through any MT engine that
re-tokenises) comes back with spacing the engine's detokeniser got wrong: a space moved
from one side of a hyphen to the other, a percent sign glued to the next word, French
spacing before high punctuation.  Human writers and editors almost never produce these.
"""

from __future__ import annotations

import re

from wirelint import Padding, Pattern, Rule, Severity, Signal, hookimpl

WIRELINT_PREFIX = "MT3"

SPACED_HYPHEN = Rule(
    code="MT301",
    name="spaced-hyphen",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="Space before the hyphen of a compound word ('large -scale').",
    why=(
        "MT detokenisers split compounds into 'large @-@ scale' and rejoin them wrongly, "
        "leaving the space on the left of the hyphen.  Typists make the opposite slip "
        "('large- scale') or none; the left-spaced form is a round-trip signature."
    ),
    example="It was the month after the large -scale invasion.",
    use_instead="It was the month after the large-scale invasion.",
    false_positives=(
        "Command-line flags ('run it with -verbose') and suffix citations in linguistics "
        "('the -ing form'); the rule needs a lowercase word on both sides, which spares "
        "most minus signs and ranges."
    ),
    references=("https://www.statmt.org/moses/?n=Moses.SupportTools (detokenizer)",),
    fix_safe=True,
)

PERCENT_WITHOUT_SPACE = Rule(
    code="MT302",
    name="percent-without-space",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="Percent sign glued to the following word ('100%mistaken').",
    why=(
        "Tokenisers treat '%' as a separate token; a faulty detokeniser joins it to the "
        "next word.  English style puts a space after '100%'."
    ),
    example="I hope I'm 100%mistaken.",
    use_instead="I hope I'm 100% mistaken.",
    false_positives="URL-encoded text ('%20') and code; both need a digit before the sign.",
    references=("https://apastyle.apa.org/style-grammar-guidelines/numbers",),
    fix_safe=True,
)

SPACE_BEFORE_PUNCTUATION = Rule(
    code="MT304",
    name="space-before-punctuation",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="Space before ':', ';', '?' or '!' (French typographic spacing).",
    why=(
        "French typography puts a (thin) space before high punctuation.  Text that "
        "round-tripped through French, or a French writer's English, keeps it; English "
        "typography never does."
    ),
    example="The question remains : who will pay ?",
    use_instead="The question remains: who will pay?",
    false_positives=(
        "Emoticons (' :)'), chess and sports notation, and quoted French; the rule needs "
        "the punctuation to be followed by a space or the end of the line."
    ),
    references=("https://en.wikipedia.org/wiki/Space_(punctuation)#French_spacing",),
    fix_safe=True,
)

RULES = (SPACED_HYPHEN, PERCENT_WITHOUT_SPACE, SPACE_BEFORE_PUNCTUATION)


def _join(m: re.Match[str]) -> str:
    return "".join(m.group(0).split())


def _percent_fix(m: re.Match[str]) -> str:
    return m.group(0).replace("%", "% ", 1)


def _unspace(m: re.Match[str]) -> str:
    return m.group(0).lstrip()


PATTERNS = (
    # "large -scale": a lowercase word, spaces, hyphen, a lowercase word of 2+ letters.
    Pattern(
        code="MT301",
        regex=r"[^\W\d_]+ +-[^\W\d_]{2,}",
        case_sensitive=True,
        prefilter=" -",
        confidence=0.9,
        message=lambda m: f"space before the hyphen in '{m.group(0)}'",
        suggest=_join,
    ),
    # "100%mistaken": digits, percent sign, then a letter.
    Pattern(
        code="MT302",
        regex=r"\d+(?:[.,]\d+)?%[^\W\d_]+",
        prefilter="%",
        confidence=0.9,
        message=lambda m: f"no space after the percent sign in '{m.group(0)}'",
        suggest=_percent_fix,
    ),
    # "remains :": a word, horizontal space, one of : ; ? ! then space or end of line.
    Pattern(
        code="MT304",
        regex=r"(?<=\w)[ \u00a0\u202f]+[:;?!](?=[ \t]|$)",
        padding=Padding.NONE,
        case_sensitive=True,
        confidence=0.6,
        message=lambda m: f"space before '{m.group(0).strip()}' (French spacing)",
        suggest=_unspace,
    ),
)


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The round-trip typography rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """All three are pattern rules on the hot path."""
    return PATTERNS
