"""A test plugin (prefix ZZ) whose rules cover every kind of fix the CLI must handle."""

from __future__ import annotations

from wirelint import Host, Padding, Pattern, Rule, Severity, Signal, hookimpl

BOILERPLATE = "Click on a star to rate it!"


def _rule(code: str, name: str, *, safe: bool) -> Rule:
    return Rule(code=code, name=name, signal=Signal.MT, severity=Severity.WARNING,
                summary=f"{name} summary", why=f"{name} why", example="e", use_instead="u",
                false_positives="f", references=("https://example.org/r",), fix_safe=safe)


class FixPlugin:
    WIRELINT_PREFIX = "ZZ"

    @hookimpl
    def wirelint_rules(self):
        return [_rule("ZZ101", "misspelt-the", safe=True),
                _rule("ZZ102", "rating-boilerplate", safe=True),
                _rule("ZZ103", "utilise-for-use", safe=False),
                _rule("ZZ104", "misspelt-the-cat", safe=True)]

    @hookimpl
    def wirelint_patterns(self):
        return [Pattern(code="ZZ101", words=("teh",), case_sensitive=True,
                        suggest=lambda m: "the"),
                Pattern(code="ZZ102", regex=r"Click on a star to rate it!(?:\r?\n)?",
                        padding=Padding.NONE, prefilter="Click on a star",
                        suggest=lambda m: ""),
                Pattern(code="ZZ103", words=("utilise",), suggest=lambda m: "use"),
                # A structural regex runs its own pass, so it overlaps ZZ101's lexicon hit.
                Pattern(code="ZZ104", regex=r"teh cat", prefilter="teh",
                        suggest=lambda m: "the cat")]


def fix_host(**kwargs) -> Host:
    kwargs.pop("entry_points", None)
    return Host(plugins=[FixPlugin()], entry_points=False, **kwargs)


# English enough for the language gate, with one case of each rule.
STORY = ("The minister said on Monday that teh government would utilise the new funds "
         "to repair the roads in the north of the country.\n"
         f"{BOILERPLATE}\n"
         "Officials said that the work would begin in the spring and end before the winter.\n")
FIXED_SAFE = ("The minister said on Monday that the government would utilise the new funds "
              "to repair the roads in the north of the country.\n"
              "Officials said that the work would begin in the spring and end before the winter.\n")
FIXED_ALL = FIXED_SAFE.replace("utilise", "use")
