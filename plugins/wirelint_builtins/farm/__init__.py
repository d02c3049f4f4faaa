"""CF5xx: content-farm scaffolding and page boilerplate.

Copy scraped from an aggregator or a content farm carries the page around the story:
rating widgets, "Read more" links, previous/next navigation, "Quick Looks" scaffolding,
share buttons, photo credits, section tags.  Wire copy carries none of it.  Each finding's
span covers exactly the boilerplate (never the story next to it) and its suggestion is
``""`` (delete), so a pipeline can strip the page chrome and keep the article.

Every pattern is anchored to a line (or to a caption's parentheses): "read more books" in
a sentence is prose, "Read more political news" alone on a line is a link.
"""

from __future__ import annotations

import re
from typing import Any

from wirelint import Padding, Pattern, Rule, Severity, Signal, hookimpl

WIRELINT_PREFIX = "CF5"

_FARM_REFS = (
    "https://en.wikipedia.org/wiki/Content_farm",
    "Kohlschütter, Fankhauser & Nejdl, 'Boilerplate Detection using Shallow Text "
    "Features', WSDM 2010, https://doi.org/10.1145/1718487.1718542",
)

RATING_WIDGET = Rule(
    code="CF501",
    name="rating-widget",
    signal=Signal.FARM,
    severity=Severity.WARNING,
    summary="Star-rating or helpfulness widget text ('How useful was this article?', "
            "'Rate this:', 'Was this article helpful?').",
    why=(
        "The rating prompt is the footer of a WordPress rating plugin (WP-PostRatings, "
        "kk Star Ratings, Jetpack's 'Rate this:') or a helpfulness poll: the text was "
        "scraped from a web page, usually a content farm's, not filed by a reporter.  It "
        "is never part of the story and should be stripped."
    ),
    example="Talks resumed on Friday.\nHow useful was this article?\nClick on a star to "
            "rate it!",
    use_instead="Talks resumed on Friday.",
    false_positives=(
        "An article about rating widgets that quotes the prompt on a line of its own; "
        "prompts inside a longer sentence are not flagged, nor a bare 'Rating: 4/5' "
        "closing a review (a score counts only with its vote count)."
    ),
    references=(*_FARM_REFS, "https://wordpress.org/plugins/wp-postratings/"),
    fix_safe=True,
)

READ_MORE = Rule(
    code="CF502",
    name="read-more-prompt",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="'Read more' / 'Also read:' / 'Must read:' link line (or list item) left in "
            "the copy.",
    why=(
        "Link prompts are page navigation.  In copy offered as an article they show it "
        "was scraped from a web page; they say nothing about the story and should go."
    ),
    example="The talks ended without a deal.\nRead more political news",
    use_instead="The talks ended without a deal.\nHe urged pupils to read more books.",
    false_positives=(
        "A line that is an imperative sentence starting with 'Read more' ('Read more "
        "slowly.') is spared when it ends with a full stop or has a comma; a short "
        "unpunctuated one is still flagged."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

ARTICLE_NAVIGATION = Rule(
    code="CF503",
    name="article-navigation",
    signal=Signal.FARM,
    severity=Severity.WARNING,
    summary="'Previous Article' / 'Next Post »' / 'Up next' navigation and the headline "
            "it links to.",
    why=(
        "Previous/next links are a blog theme's navigation; the headline under each is "
        "another story.  Left in, they graft foreign headlines onto the article."
    ),
    example="The talks ended without a deal.\nPrevious Article\nTrump Plans Putin Meeting",
    use_instead="The talks ended without a deal.\nThe next article in the series follows.",
    false_positives=(
        "A line reading only 'Next story' in an editor's note.  The linked headline is "
        "flagged only when it looks like a headline (short, no final full stop)."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

SCAFFOLDING_HEADING = Rule(
    code="CF504",
    name="scaffolding-heading",
    signal=Signal.FARM,
    severity=Severity.WARNING,
    summary="Template scaffolding heading ('Quick Looks', 'Key Takeaways', 'Final "
            "Thoughts', 'FAQs').",
    why=(
        "Content farms pour rewritten wire stories into a fixed template: a bullet "
        "summary under 'Quick Looks', the body under 'Deep Look', a 'Conclusion' or "
        "'Frequently Asked Questions' at the end.  The headings are the template, not the "
        "story, and mark the copy as a farm rewrite.  Headings human news uses too "
        "('Highlights', 'Summary', 'In brief') are not flagged."
    ),
    example="Talks Restart in Istanbul: Quick Looks\nRussia and Ukraine met on Friday.",
    use_instead="Talks Restart in Istanbul\nRussia and Ukraine met on Friday.",
    false_positives=(
        "A feature that takes 'a quick look' at something in a sentence is not flagged: "
        "the heading must be a line of its own or end a heading line.  A report with a "
        "'Conclusion' section of its own is."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

SHARE_PROMPT = Rule(
    code="CF505",
    name="share-prompt",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="Social share button text ('Share this article', 'Share on Facebook', a row "
            "of network names).",
    why="Share buttons are page chrome captured by a scraper; they are not copy.",
    example="The talks ended.\nShare on Facebook\nShare on X",
    use_instead="The talks ended.\nUsers can share on Facebook any photos they took, "
                "the organisers said.",
    false_positives=(
        "A short line about sharing on a network ('Share on WhatsApp grows') in a "
        "technology story; lines with more than a button's words are not flagged."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

PHOTO_CREDIT = Rule(
    code="CF506",
    name="photo-credit",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="Inline photo credit from a caption ('(AP Photo/Jane Doe)', '(Reuters/Jane "
            "Doe)', 'Picture: PA', 'Credit: ...').",
    why=(
        "Credits belong to image captions.  In running text they show that captions "
        "were scraped together with the story, as aggregators and content farms do."
    ),
    example="Delegates arrive at the palace. (AP Photo/Jane Doe)",
    use_instead="Delegates arrive at the palace, AP photographer Jane Doe reported.",
    false_positives=(
        "Wire copy that deliberately carries caption text (photo desks); credits of "
        "data tables written as 'Credit:' lines."
    ),
    references=(*_FARM_REFS, "https://www.apstylebook.com/"),
)

SECTION_TAG = Rule(
    code="CF507",
    name="trailing-section-tag",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="A section label ('world', 'World | Europe') as the last line, or a tag line "
            "('Tags: politics, budget').",
    why=(
        "A category label left under the text is a web page's tag or breadcrumb picked "
        "up by the scraper.  It is harmless but should be stripped before publication."
    ),
    example="The talks ended without a deal.\nworld",
    use_instead="The talks ended without a deal.",
    false_positives=(
        "A story whose last line is a one-word sign-off that happens to be a section "
        "name; a short line opening 'Tags:' or 'Filed under:' in the body."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

PAGE_CHROME = Rule(
    code="CF508",
    name="page-chrome",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="A line of site navigation or footer ('Menu', 'Latest News', 'Advertisement', "
            "'Privacy Policy | Terms of Use', a cookie banner).",
    why="Navigation labels are the page around the story, captured by a scraper.",
    example="The talks ended without a deal.\nLatest News\nMenu",
    use_instead="The talks ended without a deal.\nThe latest news came on Friday.",
    false_positives=(
        "A one-word heading such as 'Advertisement' or 'Home' in a media-industry or "
        "property story; a cookie banner quoted on a line of its own."
    ),
    references=_FARM_REFS,
)

NEWSLETTER_PROMPT = Rule(
    code="CF509",
    name="newsletter-prompt",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="Newsletter or channel sign-up prompt ('Sign up for our newsletter', 'Join our "
            "WhatsApp channel').",
    why="A subscription call to action is page furniture, never part of the article.",
    example="The talks ended.\nSign up for our free newsletter",
    use_instead="The talks ended.\nReaders who sign up for the newsletter get updates, "
                "the editor wrote.",
    false_positives=(
        "A media story quoting a sign-up prompt on a line of its own.  Only prompts in "
        "the site's own voice ('our', 'us') count, so 'Join the union's WhatsApp group' "
        "is prose."
    ),
    references=_FARM_REFS,
)

RELATED_LINKS = Rule(
    code="CF510",
    name="related-links",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="'Related:' / 'You may also like' / 'Around the Web' link list heading.",
    why="Related-story lists are recommendation widgets: other stories, not this one.",
    example="The talks ended.\nRelated: Kremlin rejects ceasefire terms",
    use_instead="The talks ended.\nRelated talks are planned for June.",
    false_positives=(
        "A list genuinely titled 'Related' in a reference work; the items under a "
        "heading are not flagged, only the heading."
    ),
    references=_FARM_REFS,
)

SLUG_DATELINE = Rule(
    code="CF511",
    name="slug-dateline",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="A slash-separated slug opening a paragraph ('Headline/ Site/ CITY/ Author/ "
            "Edition/').",
    why=(
        "Content-management templates of aggregators prefix the lede with the headline, "
        "site, city, author and edition joined by slashes.  Wire copy opens with a "
        "dateline ('ISTANBUL (AP) -'), never a slug; the slug is template, not story."
    ),
    example="Talks Restart/ Newsdesk/ WASHINGTON/ J. Doe/ Morning Edition/ Russia and "
            "Ukraine met on Friday.",
    use_instead="ISTANBUL (AP) - Russia and Ukraine met on Friday.",
    false_positives=(
        "A paragraph that opens with a list of alternatives written with spaced slashes "
        "('yes/ no/ maybe/ never/'); four segments are required, each at most ten words "
        "and (unless the copy is all lower case) each after the first capitalised, so a "
        "poem quoted with slashes is flagged only when its lines are capitalised."
    ),
    references=_FARM_REFS,
    fix_safe=True,
)

RULES = (RATING_WIDGET, READ_MORE, ARTICLE_NAVIGATION, SCAFFOLDING_HEADING, SHARE_PROMPT,
         PHOTO_CREDIT, SECTION_TAG, PAGE_CHROME, NEWSLETTER_PROMPT, RELATED_LINKS,
         SLUG_DATELINE)

#: A widget or link line is short; longer lines holding the same words are prose.
_MAX_WIDGET_WORDS = 12
_MAX_HEADLINE_WORDS = 20


def _delete(_m: re.Match[str]) -> str:
    return ""


def _chrome(code: str, what: str, regex: str, confidence: float, *, strip: bool = False,
            **fields: Any) -> Pattern:
    """A farm pattern: its regex's group ``w`` is the boilerplate, named ``what`` in the
    message (``strip``: without the blanks around it) and deleted by the fix."""
    def message(m: re.Match[str]) -> str:
        found = m.group("w")
        return f"{what} '{found.strip() if strip else found}'"

    return Pattern(code=code, regex=regex, padding=Padding.NONE, group="w",
                   confidence=confidence, message=message, suggest=_delete, **fields)


def _credit(regex: str, *, guarded: bool = True, **fields: Any) -> Pattern:
    """A CF506 photo-credit pattern; ``guarded`` runs :func:`_credit_guard` on the match."""
    fields.setdefault("prefilter", ":")
    if guarded:
        fields["guard"] = lambda m, text: _credit_guard(m, text)  # defined below
    return _chrome("CF506", "photo credit", regex, 0.3, strip=True, **fields)


#: Characters looked at on each side of a match; a longer line is prose, not a widget.
_LINE_WINDOW = 300


def _line_of(text: str, start: int) -> str:
    """The line holding ``start``, cut to a window around it (guards stay linear)."""
    low, high = max(0, start - _LINE_WINDOW), start + _LINE_WINDOW
    line_start = max(text.rfind("\n", low, start) + 1, low)
    line_end = text.find("\n", start, high)
    return text[line_start:high if line_end < 0 else line_end]


def _short_line(m: re.Match[str], text: str) -> bool:
    """Buttons and prompts sit on short lines; the same words in a long line are prose."""
    return len(_line_of(text, m.start("w")).split()) <= _MAX_WIDGET_WORDS


def _read_more_guard(m: re.Match[str], text: str) -> bool:
    # "Read more: headline" and "Read more »" are links; "Read more political news" too,
    # but "Read more slowly, she said." is a sentence: a comma or final stop spares it.
    rest = m.group("rest") or ""
    if not rest.strip() or rest.lstrip()[:1] in ":»›→|-–—…":
        return True
    words = rest.split()
    return len(words) <= 5 and "," not in rest and not rest.rstrip().endswith((".", "!", "?"))


def _looks_like_headline(line: str) -> bool:
    """Short, no final stop, no comma clause: "Next: Ministers meet again", not "Next,
    the court will hear ..." or "Next: the court rules on it in June."."""
    words = line.split()
    return (0 < len(words) <= _MAX_HEADLINE_WORDS and not line.endswith((".", "!", "?", ","))
            and ", " not in line)


def _looks_like_heading(line: str) -> bool:
    """No final full stop: "More from the council came on Friday, when it raised the
    budget." is a sentence, "More from Reuters" a heading."""
    return not line.endswith((".", "!"))


def _headline_guard(m: re.Match[str], text: str) -> bool:
    headline = m.group("w").strip()
    words = headline.split()
    return (0 < len(words) <= _MAX_HEADLINE_WORDS and not headline.endswith((".", "!", "?"))
            and _NAV_LABEL.match(headline) is None)


_SECTIONS = (
    r"world|world news|politics|political news|business|economy|markets|finance|money|"
    r"sport|sports|tech|technology|science|health|entertainment|culture|arts|lifestyle|"
    r"travel|opinion|news|local|local news|national|international|nation|us|u\.s\.|uk|"
    r"europe|asia|africa|americas|middle east|top story|top stories|breaking news|"
    r"latest news|crime|environment|climate|education|weather"
)
#: A previous/next link label, with the arrows themes put around it ("« Previous Post",
#: "Newer Post →") and the labels of blog and news themes ("Post navigation", "Up next").
_NAV = (r"(?:[«‹←][ \t]*)?(?:(?:previous|prev|next|older|newer)[ \t]+"
        r"(?:articles?|posts?|stor(?:y|ies)|entry|entries)|"
        r"post[ \t]+navigation|up[ \t]+next|next[ \t]+up)"
        r"(?:[ \t]*[»›→])?")
_NAV_LABEL = re.compile(_NAV + r"(?![\w'’])", re.I)

#: Headings of content-farm and LLM article templates: a bullet summary on top, a
#: "Conclusion" or FAQ at the bottom.  Headings human news also uses ("Highlights",
#: "Summary", "In brief", "What we know") are left out.
_SCAFFOLD = (
    r"quick[ \t]+looks?|deep[ \t]+looks?|key[ \t]+(?:takeaways|highlights)|key[ \t]+points|"
    r"quick[ \t]+takes?|quick[ \t]+facts|at[ \t]+a[ \t]+glance|final[ \t]+thoughts|"
    r"(?:in[ \t]+)?conclusion|frequently[ \t]+asked[ \t]+questions(?:[ \t]*\(faqs?\))?|"
    r"faqs?|tl;?[ \t]*dr|in[ \t]+a[ \t]+nutshell|(?:the[ \t]+)?bottom[ \t]+line"
)

#: Picture agencies as credits name them.
_AGENCIES = (
    r"AP|AFP|Reuters|EPA|EPA-EFE|EFE|Xinhua|Getty[ \t]+Images|Anadolu(?:[ \t]+Agency)?|"
    r"Bloomberg|dpa|DPA|PA|PA[ \t]+Images|Sputnik|TASS|Yonhap|Kyodo|IANS|PTI|ANI|UPI|"
    r"NurPhoto|SOPA[ \t]+Images|Shutterstock|Alamy|AAP|Pool"
)
#: A photographer's name: two capitalised words or more ("Li Ming", "Anna M. Berg").
_PERSON = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)+"

#: Links of a site footer.
_FOOTER = (
    r"privacy[ \t]+policy|terms[ \t]+(?:of[ \t]+(?:use|service)|and[ \t]+conditions)|"
    r"cookie[ \t]+(?:policy|settings)|contact[ \t]+us|about[ \t]+us|advertise[ \t]+with[ \t]+us|"
    r"sitemap|site[ \t]+map"
)
_CONSENT = re.compile(r"\b(?:accept|consent|agree|privacy|cookie[ \t]+(?:policy|settings)|"
                      r"preferences|experience|personali[sz]e)", re.IGNORECASE)
#: A cookie banner runs longer than a button, but not to a paragraph.
_MAX_BANNER_WORDS = 40

#: What a reader is asked to subscribe to.
_SUBSCRIPTIONS = r"newsletters?|briefings?|bulletins?|digests?|e-?mails?|alerts|updates"

#: Networks named on share buttons.
_NETWORKS = (
    r"facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|bluesky|threads|"
    r"messenger|tumblr|email|e-mail|print|sms|viber|vk"
)

# Several patterns below start with one character class and test the character before it
# with a two-wide lookbehind, where "(?:^|(?<=[ \t]))" or a leading lookbehind would make
# ``re`` try every position: ``re`` then skips to the next candidate character in C (2-4x
# faster passes, same matches, fuzzed).  A class of cased letters gives no such skip under
# IGNORECASE, so those patterns are case-sensitive with the first letter's case-insensitive
# equivalents written out (s S ſ, i I İ ı, ...) and "(?i:...)" for the rest.
PATTERNS = (
    # Rating-widget phrases, each at a line start or after another sentence's end.
    _chrome(
        "CF501", "rating-widget text",
        (
            r"(?:^|(?<=[.!?:])[ \t])[ \t]*(?P<w>"
            r"how (?:useful|helpful) was this (?:article|post|story)\?"
            r"|click on a star to rate it!?"
            r"|no votes so far!?[ \t]*be the first to rate this (?:article|post|story)[.!]?"
            r"|average rating:?[ \t]*\d+(?:\.\d+)?[ \t]*/[ \t]*5\.?[ \t]*vote count:?[ \t]*\d+\.?"
            r"|we are sorry that this (?:article|post|story) was not useful for you!?"
            r"|let us improve this (?:article|post|story)!?"
            r"|tell us how we can improve this (?:article|post|story)\??"
            r")(?=[ \t]*(?:$|\S))"
        ),
        0.95),
    # Rating prompts of other plugins (Jetpack "Rate this:", kk Star Ratings "[Total: 0
    # Average: 0]", helpfulness polls), each the whole line: "Rate this year's harvest as
    # poor, farmers said" and "Submit ratings by Friday" are sentences.
    _chrome(
        "CF501", "rating-widget text",
        (
            r"^[ \t]*(?P<w>(?:please[ \t]+)?rate[ \t]+this(?:[ \t]+(?:article|post|story|page))?"
            r"[ \t]*[:!.]?"
            r"|how[ \t]+would[ \t]+you[ \t]+rate[ \t]+this[ \t]+(?:article|post|story|page)\??"
            r"|(?:was|is)[ \t]+this[ \t]+(?:article|post|story|page|information)[ \t]+"
            r"(?:helpful|useful)\??(?:[ \t]+yes[ \t]*/?[ \t]*no)?"
            r"|did[ \t]+you[ \t]+find[ \t]+this[ \t]+(?:article|post|story|page|information)"
            r"[ \t]+(?:helpful|useful)\??"
            r"|be[ \t]+the[ \t]+first[ \t]+to[ \t]+rate[ \t]+this[ \t]+(?:article|post|story)[.!]?"
            r"|click[ \t]+(?:here[ \t]+)?to[ \t]+rate[ \t]+"
            r"(?:this[ \t]+(?:article|post|story)|it)[.!]?"
            r"|\[total:[ \t]*\d+[ \t]+average:[ \t]*\d+(?:\.\d+)?\]"
            r"|submit[ \t]+(?:your[ \t]+)?rating"
            r"|as[ \t]+you[ \t]+found[ \t]+this[ \t]+(?:article|post|story)[ \t]+useful"
            r"(?:\.\.\.|…)?"
            # a score with its vote count: "Rating: 4.3/5. From 12 votes.", "Votes: 12 |
            # Rating: 4.3"; a bare "Rating: 4/5" ends human reviews and is left alone
            r"|rating:[ \t]*\d+(?:\.\d+)?(?:[ \t]*/[ \t]*(?:5|10))?[ \t]*[.|,]?[ \t]*"
            r"(?:from[ \t]+)?\d+[ \t]+votes?\.?"
            r"|votes?:[ \t]*\d+[ \t]*[|,.][ \t]*rating:[ \t]*\d+(?:\.\d+)?(?:[ \t]*/[ \t]*5)?"
            r")[ \t]*$"
        ),
        0.9),
    # "Read more ..." / "Read also: ..." alone on a line, or as a list item ("- Read also:
    # ..."; the bullet is flagged with it, so the fix leaves no bare bullet).
    _chrome(
        "CF502", "link prompt",
        (
            r"^[ \t]*(?P<w>(?:[-*•+][ \t]+)?"
            r"(?:read[ \t]+more|read[ \t]+also|also[ \t]+read|read[ \t]+next|"
            r"continue[ \t]+reading|see[ \t]+also|must[ \t]+reads?|"
            r"(?:suggested|recommended)[ \t]+read(?:ing)?|click[ \t]+here[ \t]+to[ \t]+read|"
            r"read[ \t]+(?:the[ \t]+)?full[ \t]+(?:story|article|report|interview)|"
            r"read(?=[ \t]*[|:]))(?P<rest>(?![\w'’])(?:[^\n]*[^\s])?))[ \t]*$"
        ),
        0.8, guard=_read_more_guard),
    # "... the minister said. Read more" at the end of a teaser line.
    _chrome(
        "CF502", "link prompt",
        (r"[ \t](?<=[.!?…][ \t])[ \t]*"
               r"(?P<w>read[ \t]+more(?:[ \t]*(?:»|›|→|\.\.\.|…))?)[ \t]*$"),
        0.8),
    # "Previous Article" / "Next Article" labels.
    _chrome(
        "CF503", "navigation label",
        (
            rf"^[ \t]*(?P<w>{_NAV}"
            r"(?:[ \t]*:[ \t]*[^\s](?:[^\n]*[^\s])?)?)[ \t]*(?::[ \t]*)?$"
        ),
        0.9),
    # ... and the headline line each label links to.
    _chrome(
        "CF503", "headline of a navigation link",
        (
            rf"^[ \t]*{_NAV}[ \t]*(?::[ \t]*)?\n"
            r"[ \t]*(?P<w>[^\s](?:[^\n]*[^\s])?)"
        ),
        0.8, guard=_headline_guard),
    # "Previous: Lawmakers Approve Budget" -- a bare label and a headline on one line.
    _chrome(
        "CF503", "navigation link",
        (r"^[ \t]*(?P<w>(?:previous|prev|next)[ \t]*:[ \t]*(?P<h>[^\s](?:[^\n]*[^\s])?))"
               r"[ \t]*$"),
        0.8, guard=lambda m, text: _looks_like_headline(m.group("h"))),
    # "Quick Looks" / "Deep Look" as a line of their own.
    _chrome(
        "CF504", "template heading",
        (
            # "## Key Takeaways" and "**Conclusion**" too: Markdown headings of a template
            r"^[ \t]*(?P<w>(?:\#+[ \t]*|\*\*)?"
            rf"(?:{_SCAFFOLD})(?:[ \t]*:)?(?:\*\*)?)[ \t]*$"
        ),
        0.9, strip=True),
    # "...Headline: Quick Looks" — the scaffolding suffix of a heading line.
    _chrome(
        "CF504", "template heading suffix",
        (
            r"(?P<w>[ \t:|–—](?<=[^\s:|–—].)(?:(?<=[ \t])[ \t]*[:|–—]|(?<=[:|–—]))[ \t]*"
            rf"(?:{_SCAFFOLD}))"
            r"[ \t]*$"
        ),
        0.9, strip=True,
        guard=lambda m, text: len(_line_of(text, m.start("w")).split()) <= _MAX_HEADLINE_WORDS),
    # Share buttons: each phrase on a short line.
    _chrome(
        "CF505", "share button",
        (  # at a line start or after a space; s or c (any case) first
            r"(?P<w>[sSſcC](?<![^ \t\n].)(?i:(?<=s)hare[ \t]+(?:this[ \t]+(?:article|story|"
            r"post|page)|on[ \t]+(?:facebook|twitter|x|whatsapp|linkedin|reddit|telegram|"
            r"pinterest|bluesky|threads)|via[ \t]+(?:email|e-mail|whatsapp|sms))"
            r"|(?<=s)hare[ \t]+this:|(?<=c)lick[ \t]+to[ \t]+share[ \t]+on[ \t]+[a-z]+"
            r"(?:[ \t]*\(opens[ \t]+in[ \t]+new[ \t]+window\))?))(?!\w)"
        ),
        0.85, case_sensitive=True, guard=lambda m, text: _share_guard(m, text)),
    # A row of bare buttons: "Share", "Tweet", "Copy link", "Share: Facebook | X",
    # "Facebook Twitter LinkedIn Email" (three networks or more), each the whole line.
    _chrome(
        "CF505", "share button",
        (
            r"^[ \t]*(?P<w>share|tweet|pin[ \t]+it|copy[ \t]+link|share[ \t]+(?:article|story|post)"
            rf"|share[ \t]+(?:to|with)[ \t]+(?:{_NETWORKS})"
            rf"|share[ \t]*:(?:(?:[ \t]*[|•·/,][ \t]*|[ \t]+)(?:{_NETWORKS}))+"
            rf"|(?:{_NETWORKS})(?:(?:[ \t]*[|•·/,][ \t]*|[ \t]+)(?:{_NETWORKS})){{2,}}"
            r")[ \t]*$"
        ),
        0.85),
    # Parenthesised credits: "(AP Photo/Jane Doe)", "(Photo: Getty Images)".
    _credit(
        r"(?P<w>\((?:[\w.&'’-]+[ \t]+){0,3}(?:photo|photograph|image|picture|video)s?"
        r"(?:[ \t]*[:/]|[ \t]+(?:by|credit|courtesy(?:[ \t]+of)?)(?:[ \t]*:)?)[^()\n]*\)"
        r"|\((?:images?|photos?|pictures?|video)[ \t]+(?:provided|supplied|courtesy)"
        r"(?:[ \t]+(?:by|of))?[ \t][^()\n]*\)"
        r"|\([^()\n]*[ \t]via[ \t]+(?:AP|Reuters|AFP|Getty[ \t]+Images|EPA|Bloomberg|"
        r"Xinhua|Anadolu)\)"
        r"|\((?:getty[ \t]+images|shutterstock|istock(?:photo)?)\))",
        guarded=False, prefilter="("),
    # "Credit: ...", "Image source: ...", "Photo: ..." running to the end of a line (at a
    # line start or after a space; "(photo|image|picture|video) " optional).
    _credit(
        r"(?P<w>[pPiIİıvVcCsSſ](?<![^ \t\n].)(?i:(?:(?<=p)(?:hoto|icture)|(?<=i)mage|"
        r"(?<=v)ideo)[ \t]+(?:credits?|source)|(?<=c)redits?|(?<=s)ource)"
        r"[ \t]*:[ \t]*[^\s](?:[^\n]*[^\s])?)[ \t]*$",
        case_sensitive=True),
    _credit(
        r"^[ \t]*(?P<w>(?:(?:file|stock)[ \t]+)?(?:photo|photograph|picture|image)s?"
        r"[ \t]*:[ \t]*[^\s](?:[^\n]*[^\s])?)[ \t]*$"),
    # Agency and photographer: "(Reuters/John Smith)", "[EPA-EFE/Anna Berg]", "(Li Ming/
    # Xinhua)".  Case-sensitive: the other side must be a name of two capitalised words or
    # more, so a poll ("(Reuters/Ipsos)") or a pair ("(AP/NORC)") is not a credit.
    _credit(
        rf"(?P<w>[(\[](?:(?:{_AGENCIES})[ \t]*/[ \t]*{_PERSON}"
        rf"|{_PERSON}[ \t]*/[ \t]*(?:{_AGENCIES}))[)\]])",
        guarded=False, case_sensitive=True, prefilter="/"),
    # "Picture: PA", "File photo: Reuters" after a caption's last sentence.
    _credit(
        r"[ \t](?<=[.!?][ \t])[ \t]*(?P<w>(?:(?:file|stock)[ \t]+)?"
        r"(?:photo|photograph|picture|image|pic)s?[ \t]*:[ \t]*[^\s](?:[^\n]*[^\s])?)"
        r"[ \t]*$"),
    # "Representational image", "(File photo)": the caption's note on a stock picture.
    _credit(
        r"(?P<w>^[ \t]*(?:representational|representative|file|stock)[ \t]+"
        r"(?:image|photo|picture)(?=[ \t]*$)"
        r"|\((?:representational|representative|file|stock)[ \t]+(?:image|photo|picture)\)"
        r"|^[ \t]*image[ \t]+(?:used[ \t]+)?for[ \t]+representation(?:al[ \t]+purposes?)?"
        r"(?:[ \t]+only)?(?=[ \t]*$))",
        guarded=False, prefilter=None),
    # The last line of the document is a lone section name.
    # "world", "National News", or a breadcrumb: "World | Europe", "Home > World"
    _chrome(
        "CF507", "trailing section tag",
        rf"^[ \t]*(?P<w>(?:home|{_SECTIONS})(?:[ \t]+news)?"
        rf"(?:[ \t]*[>»›|/][ \t]*(?:{_SECTIONS})(?:[ \t]+news)?)*)\s*\Z",
        0.6, guard=lambda m, text: bool(text[: m.start("w")].strip())),  # not the whole text
    # A CMS's tag line: "Tags: politics, budget", "Filed Under: World News", "Posted in
    # Politics" (the last one only as the document's last line).
    _chrome(
        "CF507", "section tag line",
        (r"^[ \t]*(?P<w>(?:tags?|tagged(?:[ \t]+with)?|filed[ \t]+under|categories)[ \t]*:"
               r"[ \t]*[^\s](?:[^\n]*[^\s])?|posted[ \t]+in[ \t]+[^\s](?:[^\n]*[^\s])?(?=\s*\Z))"
               r"[ \t]*$"),
        0.6, guard=lambda m, text: _tag_line(m.group("w"))),
    # Navigation lines: "Menu", "Latest News", "Top StoryWorld", "Advertisement".
    _chrome(
        "CF508", "site navigation line",
        (
            r"^[ \t]*(?P<w>(?:menu|main[ \t]+menu|skip[ \t]+to[ \t]+(?:main[ \t]+)?content|"
            r"advertisement|sponsored[ \t]+content|latest[ \t]+news|most[ \t]+read|"
            r"most[ \t]+popular|trending(?:[ \t]+now)?|top[ \t]+stor(?:y|ies)|home|"
            r"breaking[ \t]+news|popular[ \t]+(?:posts|stories|articles)|"
            r"toggle[ \t]+(?:navigation|menu)|back[ \t]+to[ \t]+top|(?:log|sign)[ \t]*in|"
            r"advertisement[ \t]*[-–—:][ \t]*scroll[ \t]+to[ \t]+continue"
            r"(?:[ \t]+with[ \t]+content)?|"
            r"(?:story|article)[ \t]+continues[ \t]+(?:below|after)(?:[ \t]+(?:this[ \t]+)?"
            r"(?:advertisement|ad))?)"
            rf"(?:[ \t]*(?:{_SECTIONS}))?)[ \t]*$"
        ),
        0.7),
    # A footer's link row ("Privacy Policy | Terms of Use") or a cookie banner.
    _chrome(
        "CF508", "site navigation line",
        (
            rf"^[ \t]*(?P<w>(?:{_FOOTER})(?:(?:[ \t]*[|•·/,-][ \t]*|[ \t]+)(?:{_FOOTER}))+"
            r"|accept[ \t]+(?:all[ \t]+)?cookies"
            r"|(?:we|this[ \t]+(?:web)?site)[ \t]+uses?[ \t]+cookies(?![\w'’])(?:[^\n]*[^\s])?)"
            r"[ \t]*$"
        ),
        0.7, guard=lambda m, text: _chrome_guard(m.group("w"))),
    # Newsletter sign-up prompts on short lines.
    _chrome(
        "CF509", "newsletter prompt",
        (
            r"(?:^|(?<=[.!?][ \t]))[ \t]*(?P<w>(?:sign[ \t]+up|subscribe)[ \t]+"
            r"(?:(?:for|to)[ \t]+(?:our|the)[ \t]+(?:free[ \t]+|daily[ \t]+|weekly[ \t]+)?"
            r"(?:newsletters?|briefing|bulletin)(?:[ \t]*[.!])?|(?:now|here|for[ \t]+free)"
            r"(?:[ \t]*[.!])?|to[ \t]+receive(?:[^\n]*[^\s])?))[ \t]*$"
        ),
        0.8, guard=_short_line),
    # Other calls to action in the site's own voice ("our"): "Join our WhatsApp channel",
    # "Follow us on Google News", "Get the latest news delivered to your inbox".
    _chrome(
        "CF509", "newsletter prompt",
        (
            r"(?:^|(?<=[.!?:][ \t]))[ \t]*(?P<w>(?:click[ \t]+here[ \t]+to[ \t]+)?(?:"
            r"(?:sign[ \t]+up|subscribe)(?:[ \t]+(?:for|to))?[ \t]+(?:our|the)[ \t][^\n]*?"
            rf"(?:{_SUBSCRIPTIONS}|channel)"
            r"|(?:join|register[ \t]+for)[ \t]+our[ \t][^\n]*?"
            rf"(?:{_SUBSCRIPTIONS}|channel|group|community)"
            r"|follow[ \t]+us[ \t]+on[ \t]+(?:google[ \t]+news|instagram|youtube|tiktok|"
            rf"{_NETWORKS})"
            r"|get[ \t][^\n]*?(?:in|to)[ \t]+your[ \t]+inbox"
            rf"|get[ \t]+our[ \t][^\n]*?(?:{_SUBSCRIPTIONS})"
            r"|enter[ \t]+your[ \t]+e-?mail(?:[ \t]+address)?(?=[ \t]*[.:]?[ \t]*$)"
            r")(?:[^\n]*[^\s])?)[ \t]*$"
        ),
        0.8, guard=_short_line),
    # "Related:" / "You may also like" headings.
    _chrome(
        "CF510", "related-links heading",
        (
            r"^[ \t]*(?P<w>(?:related[ \t]*:(?:[^\n]*[^\s])?|related[ \t]+(?:articles|posts|"
            r"stories|news|coverage|content|reading)(?:[ \t]*:)?|you[ \t]+(?:may|might)[ \t]+"
            r"also[ \t]+like(?:[ \t]*:)?|recommended(?:[ \t]+for[ \t]+you)?(?:[ \t]*:)?|"
            r"more[ \t]+(?:stories|from[ \t]+[^\s](?:[^\n]*[^\s])?)|"
            # recommendation widgets (Taboola, Outbrain, themes' "More in Politics")
            r"related[ \t]+(?:topics|videos|links)|similar[ \t]+(?:articles|stories|posts)|"
            r"(?:sponsored|promoted)[ \t]+(?:links|stories|posts)(?:[ \t]+by[ \t]+\w+)?|"
            r"promoted[ \t]+content|(?:around|from)[ \t]+the[ \t]+web|recommended[ \t]+by[ \t]+\w+|"
            r"more[ \t]+in[ \t]+\w+(?:[ \t]+\w+)?|don['’]?t[ \t]+miss|"
            r"you[ \t]+(?:may|might)[ \t]+also[ \t]+(?:enjoy|be[ \t]+interested[ \t]+in))"
            r"(?:[ \t]*:)?)[ \t]*$"
        ),
        0.7, guard=lambda m, text: (_short_line(m, text)
                               and _looks_like_heading(m.group("w")))),
    # "Headline/ Site/ CITY/ Author/ Edition/ " before the lede.
    # each segment starts with a non-space, so segments and spaces cannot trade
    # characters: one way to match, linear on any line
    _chrome(
        "CF511", "slug before the lede",
        r"^[ \t]*(?P<w>(?:[^/\s][^/\n]*/[ \t]+){4,})",
        0.8, strip=True, prefilter="/ ", guard=lambda m, text: _slug_guard(m.group("w"))),
)

_MAX_SLUG_WORDS = 10


def _slug_guard(slug: str) -> bool:
    # Each segment is a headline, a site, a city, a name or an edition: short, and (when
    # the copy has case at all) capitalised.  "the tide is full/ the moon lies fair/" (a
    # poem quoted with slashes) and "yes/ no/ maybe/ later/" are prose.
    segments = [seg.strip() for seg in slug.split("/")[:-1]]
    if not all(0 < len(seg.split()) <= _MAX_SLUG_WORDS for seg in segments):
        return False
    if slug.islower():  # casefolded copy: no case to go by
        return True
    return all(not seg[0].isalpha() or seg[0].isupper() for seg in segments[1:])
_SHARE = re.compile(
    r"share[ \t]+(?:this[ \t]+(?:article|story|post|page)|on[ \t]+\w+|via[ \t]+\S+)|"
    r"share[ \t]+this:|click[ \t]+to[ \t]+share[ \t]+on[ \t]+\w+|"
    r"\(opens[ \t]+in[ \t]+new[ \t]+window\)|[|•·/,:-]", re.IGNORECASE)


_NETWORK_WORD = re.compile(rf"\b(?:{_NETWORKS})\b", re.IGNORECASE)
#: Words a button row may carry after the phrase ("with your friends"); more is a sentence.
_MAX_SHARE_REST_WORDS = 3


def _share_guard(m: re.Match[str], text: str) -> bool:
    # A button row holds only buttons: "Share on Facebook | Share on X".  In "Users can
    # share on Facebook any photos" the words before the phrase are prose.
    start = m.start("w")
    low = max(0, start - _LINE_WINDOW)
    line_start = text.rfind("\n", low, start) + 1
    if line_start == 0 and low > 0:
        return False  # a line this long is not a row of buttons
    if _SHARE.sub("", text[line_start:start]).strip():
        return False
    # ... and after it: "Share on WhatsApp of fake videos rose sharply" is a sentence.
    line_end = text.find("\n", m.end("w"), m.end("w") + _LINE_WINDOW)
    if line_end < 0 and len(text) > m.end("w") + _LINE_WINDOW:
        return False
    rest = _SHARE.sub("", text[m.end("w"):line_end if line_end >= 0 else len(text)])
    return len(_NETWORK_WORD.sub("", rest).split()) <= _MAX_SHARE_REST_WORDS


def _chrome_guard(line: str) -> bool:
    # "We use cookies to ..." is a banner when it asks for consent, in a banner's length;
    # a story about tracking ("The site uses cookies to follow readers, the regulator
    # said") is prose.
    if "cookie" not in line.casefold() or line.casefold().startswith("accept"):
        return True
    return len(line.split()) <= _MAX_BANNER_WORDS and _CONSENT.search(line) is not None


def _tag_line(line: str) -> bool:
    # Tags are a short list of labels, never a sentence.
    words = line.split()
    return len(words) <= _MAX_WIDGET_WORDS and not line.endswith((".", "!", "?"))


def _credit_guard(m: re.Match[str], text: str) -> bool:
    # "Source: the ministry said ..." is prose and "Photos: Egypt opens two tombs" a
    # gallery title; a credit is a short list of names.
    head, rest = m.group("w").split(":", 1)
    if head.strip().casefold() == "source":  # a bare "Source:" names data, not images
        return False
    return 0 < len(rest.split()) <= 6 and not rest.rstrip().endswith((".", "!", "?"))


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The content-farm boilerplate rules."""
    return RULES


@hookimpl
def wirelint_patterns() -> tuple[Pattern, ...]:
    """All boilerplate rules are line-anchored patterns on the hot path."""
    return PATTERNS
