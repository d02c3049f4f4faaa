"""HS1xx: a news desk's house style, as a third-party wirelint plugin.

Three checks a US desk runs on incoming copy, each also a weak hint that the copy was
machine-made:

* ``HS101 day-before-month``: "12 March" where AP style writes "March 12".  Translated
  European copy keeps its source's date order.
* ``HS102 banned-phrase``: phrases on the desk's banned list; the default list holds
  stock phrases of machine paraphrase ("it is worth noting that", "delve into").  The
  list is configurable (``[tool.wirelint.options.house-style]``).
* ``HS103 outdated-place-name``: "Kiev", "Kharkov", "Bombay" where house style is
  "Kyiv", "Kharkiv", "Mumbai"; Russian-transliterated Ukrainian names are a classic
  trace of copy machine-translated from Russian.  The gazetteer is ``place_names.tsv``.

It uses only wirelint's public API, as any third-party plugin should.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

from wirelint import Config, Document, Finding, Pattern, Rule, Severity, Signal, hookimpl

__version__ = "0.1.0"
#: The code prefix this plugin owns; it must equal the entry-point name in pyproject.toml.
WIRELINT_PREFIX = "HS1"
#: Where this plugin's options live: ``[tool.wirelint.options.house-style]``.
OPTIONS_KEY = "house-style"

DAY_BEFORE_MONTH = Rule(
    code="HS101",
    name="day-before-month",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="Day written before the month ('12 March'); AP style is 'March 12'.",
    why=(
        "AP style, which most US desks follow, puts the month first and abbreviates the "
        "long months with a date ('Sept. 12').  Copy translated from French, German, "
        "Spanish or Russian keeps the source's day-month order, so in a US desk's intake "
        "the pattern is both a style fix and a weak sign of translation."
    ),
    example="The talks ended on 12 March without an agreement, officials said.",
    use_instead="The talks ended on March 12 without an agreement, officials said.",
    false_positives=(
        "British and Commonwealth copy, which uses day-month order by design (leave the "
        "plugin off for those desks), and names of movements or holidays ('the 15 May "
        "movement')."
    ),
    references=(
        "https://www.apstylebook.com/ (entries 'dates' and 'months')",
        "https://en.wikipedia.org/wiki/Date_format_by_country",
    ),
)

BANNED_PHRASE = Rule(
    code="HS102",
    name="banned-phrase",
    signal=Signal.PARAPHRASE,
    severity=Severity.INFO,
    summary="A phrase on the desk's banned list ('it is worth noting that').",
    why=(
        "Every desk keeps a list of phrases it will not print.  The default list holds "
        "stock phrases that language-model rewrites add and edited news avoids: their "
        "frequency jumped in text written after ChatGPT's release.  Desks extend or "
        "replace the list in their configuration."
    ),
    example="It is worth noting that the council delayed the vote again.",
    use_instead="The council delayed the vote again.",
    false_positives=(
        "Quotations, where the phrase is the speaker's; and any phrase a desk bans for "
        "taste rather than as a machine trace, which then counts as weak paraphrase "
        "evidence too."
    ),
    references=(
        "Kobak et al. (2024), 'Delving into ChatGPT usage in academic writing through "
        "excess vocabulary', arXiv:2406.07016",
        "https://www.apstylebook.com/",
    ),
)

OUTDATED_PLACE_NAME = Rule(
    code="HS103",
    name="outdated-place-name",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="An outdated or Russian-transliterated place name ('Kiev' for 'Kyiv').",
    why=(
        "AP adopted 'Kyiv' in 2019 and most English desks followed; 'Kiev', 'Kharkov' "
        "and 'Lvov' are transliterations from Russian, which machine translation of "
        "Russian-language sources still produces.  Other renamed places ('Bombay', "
        "'Peking') are house-style errors in current news."
    ),
    example="Air raid sirens sounded across Kiev on Monday morning.",
    use_instead="Air raid sirens sounded across Kyiv on Monday morning.",
    false_positives=(
        "Historical references ('the 1941 battle of Kiev') and fixed names that keep the "
        "old form ('Bombay Stock Exchange', 'Peking University', 'chicken Kiev', "
        "'Odessa, Texas'); the gazetteer lists such exceptions per name."
    ),
    references=(
        "https://en.wikipedia.org/wiki/KyivNotKiev",
        "https://www.apstylebook.com/ (entry 'Kyiv')",
    ),
)

RULES = (DAY_BEFORE_MONTH, BANNED_PHRASE, OUTDATED_PLACE_NAME)

# ----------------------------------------------------------------------- HS101

_AP_MONTH = {"January": "Jan.", "February": "Feb.", "August": "Aug.", "September": "Sept.",
             "October": "Oct.", "November": "Nov.", "December": "Dec."}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _ap_date(m: re.Match[str]) -> str:
    month = m.group("month")
    return f"{_AP_MONTH.get(month, month)} {m.group('day')}"


# ----------------------------------------------------------------------- HS103


def _load_gazetteer() -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """old name -> (house spelling, exceptions as (text before, text after) pairs)."""
    raw = resources.files(__name__).joinpath("place_names.tsv").read_text("utf-8")
    table: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        old, new, *rest = line.split("\t")
        pairs = [e.partition("*") for e in (rest[0].split("|") if rest else ())]
        exceptions = tuple((before, after) for before, star, after in pairs if star)
        table[old] = (new, exceptions)
    return table


GAZETTEER = _load_gazetteer()


def _not_an_exception(m: re.Match[str], text: str) -> bool:
    # Spares fixed names that keep the old form: "Bombay Stock Exchange", "chicken Kiev".
    _, exceptions = GAZETTEER[m.group()]
    start, end = m.span()
    return not any(text.endswith(before, 0, start) and text.startswith(after, end)
                   for before, after in exceptions)


def _place_message(m: re.Match[str]) -> str:
    return f"'{m.group()}' is outdated; house style is '{GAZETTEER[m.group()][0]}'"


PATTERNS = (
    # "on 12 March": a day number (ordinal suffix allowed), a space, a capitalised month.
    Pattern(
        code="HS101",
        regex=rf"(?P<day>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?[ \u00a0](?P<month>{_MONTHS})",
        case_sensitive=True,
        confidence=0.3,
        message=lambda m: f"day before month in '{m.group()}'; AP style is '{_ap_date(m)}'",
        suggest=_ap_date,
    ),
    # A lexicon: merged into the host's one trie-built alternation with every other plugin's.
    Pattern(
        code="HS103",
        words=tuple(GAZETTEER),
        case_sensitive=True,
        confidence=0.6,
        guard=_not_an_exception,
        message=_place_message,
        suggest=lambda m: GAZETTEER[m.group()][0],
    ),
)

# ----------------------------------------------------------------------- HS102

#: The default banned list: phrase -> replacement ("" = just cut it).
DEFAULT_BANNED: Mapping[str, str] = {
    "it is worth noting that": "",
    "it is important to note that": "",
    "it should be noted that": "",
    "in today's fast-paced world": "",
    "plays a crucial role in": "",
    "a testament to": "",
    "navigate the complexities of": "",
    "delve into": "examine",
    "in the realm of": "in",
    "a myriad of": "many",
    "serves as a reminder that": "",
    "underscores the importance of": "",
}


def banned_phrases(options: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The banned list a configuration asks for, as sorted (phrase, replacement) pairs.

    ``banned-phrases`` is a list of phrases (``"utilize => use"`` gives a replacement) or
    a table ``phrase = replacement``; ``keep-defaults = false`` drops the default list.
    Raises ``ValueError`` naming the problem, so a bad configuration refuses the plugin
    at load with that message instead of failing on every document.
    """
    if not isinstance(options, Mapping):
        raise ValueError(f"[tool.wirelint.options.{OPTIONS_KEY}] must be a table")
    unknown = set(options) - {"banned-phrases", "keep-defaults"}
    if unknown:
        raise ValueError(f"unknown {OPTIONS_KEY} option(s): {', '.join(sorted(unknown))}")
    keep = options.get("keep-defaults", True)
    if not isinstance(keep, bool):
        raise ValueError(f"{OPTIONS_KEY}.keep-defaults must be true or false")
    phrases = dict(DEFAULT_BANNED) if keep else {}
    extra = options.get("banned-phrases", ())
    if isinstance(extra, Mapping):
        items = list(extra.items())
    elif isinstance(extra, list | tuple) and all(isinstance(e, str) for e in extra):
        items = [tuple(p.strip() for p in e.split("=>", 1)) if "=>" in e else (e, "")
                 for e in extra]
    else:
        raise ValueError(f"{OPTIONS_KEY}.banned-phrases must be a list of strings or a "
                         "table of phrase = replacement")
    for phrase, replacement in items:
        if not isinstance(phrase, str) or not isinstance(replacement, str) or \
                not phrase.strip():
            raise ValueError(f"{OPTIONS_KEY}.banned-phrases: bad entry {phrase!r}")
        phrases[" ".join(phrase.lower().split())] = replacement
    return tuple(sorted(phrases.items()))


@functools.lru_cache(maxsize=16)
def _matcher(phrases: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One compiled alternation per distinct list (pure, so it is safe to cache and to
    share between threads and between Hosts with different configurations)."""
    def source(phrase: str) -> str:
        words = [re.escape(w).replace("'", "['\u2019]") for w in phrase.split()]
        return r"\s+".join(words)

    longest_first = sorted((p for p, _ in phrases), key=len, reverse=True)
    alternation = "|".join(source(p) for p in longest_first) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), dict(phrases)


def _options(config: Config) -> Mapping[str, Any]:
    return config.options.get(OPTIONS_KEY, {})


# ----------------------------------------------------------------------- hooks


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The three house-style rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """HS101 (a structural regex) and HS103 (a lexicon) run on the hot path."""
    return PATTERNS


@hookimpl
def wirelint_configure(config: Config) -> None:
    """Validate the options once at load; a bad list refuses the plugin with the reason."""
    _matcher(banned_phrases(_options(config)))


@hookimpl
def wirelint_check(document: Document, config: Config) -> list[Finding]:
    """HS102: the banned list depends on the configuration, so it is a programmatic rule
    (patterns are compiled before options are read)."""
    text = document.text
    compiled, replacements = _matcher(banned_phrases(_options(config)))
    findings = []
    for m in compiled.finditer(text):
        phrase = " ".join(m.group().lower().replace("\u2019", "'").split())
        replacement = replacements.get(phrase, "")
        advice = f"; use '{replacement}'" if replacement else "; cut it"
        findings.append(Finding.at(
            text, m.start(), m.end(), code="HS102", confidence=0.5,
            message=f"'{m.group()}' is on the banned-phrase list{advice}",
            suggestion=replacement or None))
    return findings
