"""MT3xx: round-trip typography and grammar signatures.

A document that went English -> French -> English (or through any MT engine that
re-tokenises) comes back with spacing the engine's detokeniser got wrong: a space moved
from one side of a hyphen to the other, a percent sign glued to the next word, French
spacing before high punctuation, guillemets, decimal commas.  The grammar of the pivot
language leaks too: gendered pronouns for countries, doubled heads, "the X of Y"
possessives.  Human writers and editors almost never produce these.
"""

from __future__ import annotations

import re

from wirelint import Document, Finding, Padding, Pattern, Rule, Severity, Signal, hookimpl

from . import _antecedent, _typography

WIRELINT_PREFIX = "MT3"

SPACED_HYPHEN = Rule(
    code="MT301",
    name="spaced-hyphen",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="Space before the hyphen of a compound word ('large -scale', "
            "'a 35 -year-old').",
    why=(
        "MT detokenisers split compounds into 'large @-@ scale' and rejoin them wrongly, "
        "leaving the space on the left of the hyphen.  Typists make the opposite slip "
        "('large- scale') or none; the left-spaced form is a round-trip signature."
    ),
    example="It was the month after the large -scale invasion.",
    use_instead="It was the month after the large-scale invasion.",
    false_positives=(
        "Command-line flags ('run it with -verbose'), cited suffixes ('words in -ism'), "
        "a hyphen typed as a dash ('he said -and'), day ranges ('Monday -Friday') and "
        "inline pros/cons lists ('+fast -heavy'): the rule skips a function word on "
        "either side, a bound suffix on the right, two calendar words, and a line with "
        "'+' list items.  A number on the left counts only before a measure noun "
        "('35 -year-old'), which spares minus signs, scores and ranges ('2 -1')."
    ),
    references=("https://www.statmt.org/moses/?n=Moses.SupportTools (detokenizer)",),
    fix_safe=True,
)

PERCENT_WITHOUT_SPACE = Rule(
    code="MT302",
    name="percent-without-space",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="Percent sign glued to the following word ('100%mistaken', '5 %points').",
    why=(
        "Tokenisers treat '%' as a separate token; a faulty detokeniser joins it to the "
        "next word, and French spacing ('5 %') leaves the space on the wrong side.  "
        "English style writes '100% mistaken'."
    ),
    example="I hope I'm 100%mistaken.",
    use_instead="I hope I'm 100% mistaken.",
    false_positives=(
        "URL-encoded text ('%20', '%C3%A9') and code: both need a digit before the sign "
        "and a letter then a non-word character after it; the percentage-point "
        "abbreviations '%pt', '%pts', '%pp' and '%pa' are left alone."
    ),
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
        "Emoticons (' :)'), ratios and scores ('a 5 : 4 ruling'), one-letter notation "
        "('p ? q : r', '{x : x > 0}'), columns aligned on a colon, and French quoted "
        "inside « »: the rule needs the punctuation to be followed by a space or the end "
        "of the line, skips ':' between digits, a one-letter lowercase word before it, "
        "runs of three spaces or more and text after an unclosed «."
    ),
    references=("https://en.wikipedia.org/wiki/Space_(punctuation)#French_spacing",),
    fix_safe=True,
)

GENDERED_PRONOUN_FOR_PLACE = Rule(
    code="MT303",
    name="gendered-pronoun-for-place",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A gendered pronoun whose antecedent is a country, city or institution "
            "('Moscow says he was forced', 'Kyiv and his allies').",
    why=(
        "French, Russian and Ukrainian nouns have grammatical gender, so a country or "
        "city is 'elle'/'он' and its possessive 'sa'/'его'; MT and round trips carry "
        "that over as 'he', 'his', 'she', 'her'.  English news refers to places and "
        "institutions as 'it'."
    ),
    example="Kyiv and his allies reject this as a false pretext.",
    use_instead="Kyiv and its allies reject this as a false pretext.",
    false_positives=(
        "Metonyms for a person ('Washington said he', when a person named Washington is "
        "meant) and poetic 'she' for a nation or ship.  The rule stays quiet whenever a "
        "person (name, title, person noun, another gendered pronoun) is mentioned "
        "before the place in the sentence or in the previous sentence, when the place "
        "is not the subject of its clause ('in Moscow he said'), when a verb only a "
        "person does or a player's statistic comes between ('Washington threw for "
        "300 yards and he'), and for places that are also first names ('Sofia', "
        "'Georgia')."
    ),
    references=(
        "https://www.apstylebook.com/ ('it' for countries and organisations)",
        "https://aclanthology.org/W19-3807/ (gender in MT output)",
    ),
)

DOUBLED_HEAD = Rule(
    code="MT305",
    name="doubled-head",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A head noun repeated inside its own phrase ('Ministry of Foreign Ministry', "
            "'front line lines').",
    why=(
        "When MT re-orders a compound ('ministère des Affaires étrangères', 'lignes de "
        "front') it can emit the head both where the source had it and where English "
        "wants it.  People do not write 'front line lines'."
    ),
    example="Russian Ministry of Foreign Ministry spokesperson Maria Zakharova spoke.",
    use_instead="Russian Foreign Ministry spokesperson Maria Zakharova spoke.",
    false_positives=(
        "A noun followed by the same verb form ('the report reports that', 'the state "
        "states that'): the rule needs the repeated word not to be followed by an "
        "object ('that', 'the', 'a', a pronoun) and the noun not to follow a "
        "determiner ('the fund funds', 'a record records'); a title before a name "
        "('the Queen of Denmark Queen Margrethe') is skipped, and so is a second name "
        "that starts with the head ('the Bank of England Bank Rate', 'Council of "
        "Europe Council Secretariat'): a capitalised word after the repeated head "
        "that is not a person's role ('Ministry Spokesman')."
    ),
    references=("https://en.wikipedia.org/wiki/Round-trip_translation",),
    fix_safe=False,
)

GUILLEMETS = Rule(
    code="MT306",
    name="guillemets-in-english",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="Guillemets (« », ‹ ›, or Chinese 《 》) used as quotation marks in English "
            "text.",
    why=(
        "French, Russian, Ukrainian and other languages quote with « »; English uses "
        "“ ” or \" \".  A translation engine that keeps the source punctuation leaves "
        "them in; an English writer or editor would not type them."
    ),
    example="The Kremlin called it a « special military operation » again.",
    use_instead="The Kremlin called it a “special military operation” again.",
    false_positives=(
        "Quoted French or Russian titles kept on purpose, and web breadcrumbs ('Home "
        "» World', 'Menu › News'); only an opening « or 《 is flagged, so a lone » "
        "separator never is, and ‹ only when a word follows it and a › closes it after "
        "a word on the same line ('‹ Prev' is navigation)."
    ),
    references=("https://en.wikipedia.org/wiki/Guillemet",),
    fix_safe=True,
)

DECIMAL_COMMA = Rule(
    code="MT307",
    name="decimal-comma",
    signal=Signal.MT,
    severity=Severity.WARNING,
    summary="A decimal comma in an English figure ('3,5 million', '67,5%', '€1,80').",
    why=(
        "Most of continental Europe and Russia write decimals with a comma; English "
        "uses a point and keeps the comma for thousands ('3,500').  MT copies digits "
        "and punctuation verbatim, so '3,5 million' survives translation."
    ),
    example="The country has received 3,5 million doses so far.",
    use_instead="The country has received 3.5 million doses so far.",
    false_positives=(
        "Thousands separators never match (they have three digits after the comma); "
        "lists of numbers without a space ('rows 1,2 and 3') match only when a unit, "
        "'%', a currency or a magnitude word follows, a currency sign precedes "
        "('€1,80'), the figure starts with '0,', or it is a reading ('5,8 on the Richter "
        "scale', 'a magnitude 6,1 quake', '98,4 against the dollar').  A missing space "
        "after a date's comma ('by March 15,2 million had fled') still matches."
    ),
    references=("https://en.wikipedia.org/wiki/Decimal_separator",),
    fix_safe=True,
)

POSSESSIVE_CALQUE = Rule(
    code="MT308",
    name="possessive-calque",
    signal=Signal.MT,
    severity=Severity.INFO,
    summary="'the X of <place>' where English says '<place>'s X' or 'the <place> X' "
            "('the talks of Istanbul', 'the delegation of Ukraine', 'the airport of "
            "Madrid').",
    why=(
        "Romance and Slavic languages mark possession with 'de'/genitive case; MT keeps "
        "the 'of' construction for events, delegations, positions, forces and a city's "
        "airport, police or stock exchange where "
        "English puts the name first ('the Istanbul talks', 'Ukraine's delegation').  "
        "A weak signal: it is grammatical English, so it never counts much alone."
    ),
    example="It was important that the talks of Istanbul form the basis of a meeting.",
    use_instead="It was important that the Istanbul talks form the basis of a meeting.",
    false_positives=(
        "Formal or legal English uses the construction ('the Government of Canada' is an "
        "official name, 'the people of Ukraine' is idiomatic); heads that English "
        "itself builds with 'of' (capital, people, president, territory, invasion) are "
        "left out, and the confidence stays at 0.25.  Places that are also first names "
        "or surnames ('Doha', 'Sofia', 'Jordan', 'Hamilton') count only bare: a following "
        "capitalised word is read into the name ('the talks of Victoria Nuland'), and the "
        "place is refused when the text writes it beside another name elsewhere ('Lewis "
        "Hamilton ... the team of Hamilton').  A place that modifies a plural noun of "
        "people or bodies is no possessor ('the summit of EU leaders', 'the meeting of "
        "NATO allies') and is left alone."
    ),
    references=("https://en.wikipedia.org/wiki/Calque",),
)

RULES = (SPACED_HYPHEN, PERCENT_WITHOUT_SPACE, GENDERED_PRONOUN_FOR_PLACE,
         SPACE_BEFORE_PUNCTUATION, DOUBLED_HEAD, GUILLEMETS, DECIMAL_COMMA,
         POSSESSIVE_CALQUE)


def _join(m: re.Match[str]) -> str:
    return "".join(m.group(0).split())


def _unspace(m: re.Match[str]) -> str:
    return m.group(0).lstrip()


_DECIMAL_UNITS = (
    r"%|per ?cent|percent|percentage|million|millions|billion|billions|trillion|thousand|"
    r"mln|bn|km|kilometres|kilometers|metres|meters|cm|mm|kg|kilograms|grams|tonnes|tons|"
    r"bln|degrees|°[CF]?|hours|hrs|minutes|seconds|times|points|litres|liters|hectares|"
    r"euros?|dollars|roubles|rubles|hryvnias?|yuan|yen|pounds|francs|kronur|krona|kronor|"
    r"kroner|pesos|reais|lira|liras|lire|rupees|rupiah|zloty|zlotys|forints|dinars|dirhams|"
    r"riyals|rials|shekels|lei|tenge|baht|rand|naira|won|kilos|kilogrammes|miles|feet|"
    r"inches|barrels|acres|years|months|days|weeks|GW|MW|kW|kWh|GWh|TWh|mph|m|g|l|t|x")
#: Currencies a rate is quoted against ("98,4 against the dollar").
_RATE_CURRENCIES = (
    r"(?:dollar|euro|yen|pound|sterling|greenback|franc|yuan|renminbi|rouble|ruble|"
    r"hryvnia|zloty|forint|lira|rupee|real|peso|won|krona|krone|koruna|lei|leu|lev|dinar)")
#: Currency signs before a figure: "€2,50", "R$ 5,49" are decimal commas (never thousands).
_CURRENCY_SIGNS = "$€£₽₴¥₹₺₦₩₪₫"


def _decimal(regex: str) -> Pattern:
    """An MT307 decimal-comma pattern (the fix puts a point for the comma)."""
    return Pattern(code="MT307", regex=regex, padding=Padding.NONE, case_sensitive=True,
                   prefilter=",", confidence=0.75, suggest=_decimal_fix,
                   message=lambda m: f"decimal comma in '{m.group(0)}'")


#: Plural nouns of people and bodies that a place names as a modifier ("the summit of EU
#: leaders", "the meeting of NATO allies"): there the place is no possessor, and English
#: writes the phrase just so.
_ATTRIBUTIVE_HEADS = frozenset("""
    allies authorities citizens companies counterparts countries delegates diplomats
    envoys fans firms forces governments lawmakers leaders member members ministers
    nationals negotiators officials partners players regions representatives residents
    soldiers states troops""".split())
_NEXT_WORD = re.compile(r" ([a-z]+)")


def _place_guard(m: re.Match[str], text: str) -> bool:
    place = m.group("place")
    after = _NEXT_WORD.match(text, m.end())
    if after is not None and after.group(1) in _ATTRIBUTIVE_HEADS:
        return False
    kind = _antecedent.names().get(place)
    if kind == _antecedent.PERSON_LIKE_PLACE:
        # "Sofia", "Jordan", "Doha": the pattern already reads a following surname into
        # the name ("the talks of Victoria Nuland" is no place); a bare one is a place
        # unless the text names a person with it elsewhere ("Lewis Hamilton ... the team
        # of Hamilton").
        return not _names_a_person(place, text)
    return kind in ("place", "institution")


#: A capitalised word right after a name ("Sofia Rotaru").
_NEXT_CAPITALISED = re.compile(r" ([A-Z][\w'-]*)")


def _names_a_person(name: str, text: str) -> bool:
    """Whether ``name`` stands anywhere in ``text`` beside a capitalised word that is no
    sentence opener and no known place, institution, demonym or not-person word: a given
    name or surname around it ("Lewis Hamilton", "Sofia Rotaru", also "Sydney Airport":
    refusing then only costs a weak finding)."""
    table = _antecedent.names()
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if end == len(text) or not (text[end].isalnum() or text[end] == "_"):
            after = _NEXT_CAPITALISED.match(text, end)
            if after is not None and after.group(1) not in table:
                return True
            before = text[max(0, i - 40):i]
            if before.endswith(" ") and not before.endswith("  "):
                word = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
                if (word[:1].isupper() and word.isalpha() and word not in table
                        and word.lower() not in _antecedent.OPENERS):
                    return True
        i = text.find(name, end)
    return False


def _decimal_fix(m: re.Match[str]) -> str:
    return m.group(0).replace(",", ".")


PATTERNS = (
    # "large -scale": a word, spaces, hyphen, a word of 2+ letters; not a flag, a cited
    # suffix, a dash, a day range or an inline list item (the guard).
    Pattern(
        code="MT301",
        regex=r"([^\W\d_]+) +-([^\W\d_]{2,})",
        case_sensitive=True,
        prefilter=" -",
        confidence=0.9,
        guard=_typography.spaced_hyphen_ok,
        message=lambda m: f"space before the hyphen in '{m.group(0)}'",
        suggest=_join,
    ),
    # "a 35 -year-old man": a number, spaces, hyphen, a measure noun.
    Pattern(
        code="MT301",
        regex=r"\d(?<![\w.,]\d)\d* +-(?:" + _typography.MEASURE_NOUNS + r")s?(?![^\W\d_])",
        padding=Padding.NONE,
        case_sensitive=True,
        prefilter=" -",
        confidence=0.9,
        message=lambda m: f"space before the hyphen in '{m.group(0)}'",
        suggest=_join,
    ),
    # "100%mistaken", "5 %points": digits, percent sign (French-spaced or not), then a
    # letter; not "0.5%pt" (percentage points).  Each structural regex below
    # starts with one character class and tests the character before its first one with
    # a two-wide lookbehind (word padding written out), so ``re`` skips to the next
    # candidate in C instead of trying every position (2-4x faster, same matches, fuzzed).
    Pattern(
        code="MT302",
        regex=r"\d(?<!\w\d)\d*(?:[.,]\d+)?[ \u00a0\u202f]?%(?!(?:pts?|pp|pa)(?!\w))"
              r"[^\W\d_]+(?!\w)",
        padding=Padding.NONE,
        prefilter="%",
        confidence=0.9,
        message=lambda m: f"no space after the percent sign in '{m.group(0)}'",
        suggest=_typography.percent_fix,
    ),
    # "remains :", '"never" ?': a word (or a closing quote or bracket), horizontal space,
    # one of : ; ? ! then space or end of line; not a ratio or one-letter notation.
    Pattern(
        code="MT304",
        regex=r"[ \u00a0\u202f](?<=[\w\"”’)\]»].)[ \u00a0\u202f]*[:;?!](?=[ \t]|$)",
        padding=Padding.NONE,
        case_sensitive=True,
        confidence=0.6,
        guard=_typography.french_spacing_ok,
        message=lambda m: f"space before '{m.group(0).strip()}' (French spacing)",
        suggest=_unspace,
    ),
    # "Ministry of Foreign Ministry": a capitalised head, "of", 1-3 capitalised words,
    # the head again.
    Pattern(
        code="MT305",
        regex=r"([A-Z](?<!\w.)[a-z]{3,}) of (?:the )?(?:[A-Z][a-z]+ ){1,3}\1\b(?!\w)",
        padding=Padding.NONE,
        case_sensitive=True,
        prefilter=" of ",
        confidence=0.8,
        guard=_typography.doubled_title_ok,
        message=lambda m: f"'{m.group(1)}' is repeated in '{m.group(0)}'",
    ),
    # "front line lines": a lowercase noun followed by its own plural; not a subject and
    # its verb ("the fund funds", "the state states that").
    Pattern(
        code="MT305",
        # Possessive: the word is the whole run of letters before the space, so giving
        # letters back never helps; without it each word of the text was retried at every
        # shorter length (this pass was a third of the hot path).
        regex=r"([a-z]{3,}+) \1s",
        case_sensitive=True,
        confidence=0.7,
        guard=_typography.doubled_noun_ok,
        message=lambda m: f"'{m.group(1)}' is repeated in '{m.group(0)}'",
        suggest=lambda m: m.group(1) + "s",
    ),
    # « : an opening guillemet (a lone » is often a breadcrumb separator).
    Pattern(
        code="MT306",
        regex=r"«(?:[ \u00a0\u202f]?«)*[ \u00a0\u202f]?",  # a run of them is one finding
        padding=Padding.NONE,
        prefilter="«",
        confidence=0.8,
        message="guillemet '«' used as a quotation mark",
        suggest=lambda m: "“",
    ),
    # 《 (Chinese title marks) and ‹ › (single guillemets) glued to a quoted word.
    Pattern(
        code="MT306",
        regex=r"《(?=\S)",
        padding=Padding.NONE,
        prefilter="《",
        confidence=0.8,
        message="Chinese title mark '《' used as a quotation mark",
        suggest=lambda m: "“",
    ),
    Pattern(
        code="MT306",
        regex=r"‹(?=[^\W\d_])",
        padding=Padding.NONE,
        prefilter="‹",
        confidence=0.7,
        guard=_typography.single_guillemet_ok,
        message="single guillemet '‹' used as a quotation mark",
        suggest=lambda m: "‘",
    ),
    # "3,5 million", "67,5%", "0,5": one or two digits after a comma, then a unit.
    _decimal(r"\d(?<![\d,.]\d)(?:(?<=0),\d{1,2}(?![\d,])|\d{0,2},\d{1,2}(?![\d,])(?=\s?(?:"
        + _DECIMAL_UNITS + r")(?![^\W\d_])))"),
    # "R$ 5,49", "€2,50 a kilo": a currency sign, a figure, a decimal comma (no unit after:
    # those are the pattern above's).
    _decimal(r"[" + _CURRENCY_SIGNS + r"][ \u00a0]?\d{1,3},\d{1,2}(?![\d,])(?!\s?(?:"
        + _DECIMAL_UNITS + r")(?![^\W\d_]))"),
    # "5,8 on the Richter scale", "98,4 against the dollar", "a magnitude 6,1 quake": a
    # one- or two-digit figure, a comma, one or two digits, where English has a reading
    # (a magnitude or an exchange rate) and no unit; the reading's words around the
    # figure tell it from a list ("1,2 and 3") or thousands ("41,200" never matches).
    _decimal(r"\d(?<![\d,.]\d)\d?,\d{1,2}(?![\d,])(?:(?<=[Mm]agnitude \d,\d)|"
        r"(?<=[Mm]agnitude \d,\d\d)|(?<=[Mm]agnitude \d\d,\d)|"
        r"(?=-magnitude(?![^\W\d_])|[ \u00a0](?:on the Richter scale|"
        r"(?:on the )?magnitude(?![^\W\d_])|"
        r"(?:against|to) the (?:US |U\.S\. )?" + _RATE_CURRENCIES + r"(?![^\W\d_]))))"),
    # "the talks of Istanbul": an event/group/stance head, "of", a place; also the
    # facilities and services English names place-first ("the airport of Frankfurt",
    # "the police of Paris": French "l'aéroport de", Spanish "la policía de").
    Pattern(
        code="MT308",
        regex=r"[Tt](?<!\w.)he (?:[a-z]+ )?(?:talks|negotiations|delegation|delegations|summit|"
              r"meeting|agreement|accords?|position|positions|forces|troops|army|soldiers|"
              r"team|assault|offensive|demands|requests?|proposals?|plans?|ambitions|"
              r"response|decision|spokesman|spokeswoman|spokesperson|stance|stances|"
              r"airport|police|stock exchange|metro) of "
              r"(?P<place>[A-Z][\w-]+(?: [A-Z][\w-]+)?)(?!\w)",
        padding=Padding.NONE,
        case_sensitive=True,
        prefilter=" of ",
        confidence=0.25,
        guard=_place_guard,
        message=lambda m: f"'{m.group(0)}': English puts the place first "
                          f"('{m.group('place')}'s ...')",
    ),
)


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The round-trip typography rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """The typography and phrase rules run on the hot path."""
    return PATTERNS


@hookimpl
def wirelint_check(document: Document) -> list[Finding]:
    """MT303 needs sentences and antecedents, so it is programmatic."""
    return list(_antecedent.findings(document.text))
