"""XD6xx: cross-document analysis of a story cluster (several versions of one story).

A desk rarely sees one version of a story.  Checked together, versions show what no
single one can: which are copies or rewrites of which (sacrebleu BLEU and chrF between
every pair, thresholds fitted on dev data), which version the others derive from, and
facts that one version states differently from the rest (a stale title, a dropped digit).

Only ``wirelint_check_cluster`` produces these findings: ``check`` on one document never
does.  The analysis (similarity matrix, relations, groups, likely source, derivation
edges, sacrebleu signatures) travels in the :class:`~wirelint.ClusterReport` this plugin
returns alongside its findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wirelint import (
    ClusterReport,
    Config,
    Document,
    Finding,
    Report,
    Rule,
    Severity,
    Signal,
    hookimpl,
)

if TYPE_CHECKING:
    from wirelint_builtins.cluster import _analysis

# The analysis modules (about 9 ms of regex compiling and dataclass building) are imported
# by the cluster hook itself: a plain ``check`` loads this family only for its rules.

WIRELINT_PREFIX = "XD6"

_REFS_SIM = (
    "Post (2018), A Call for Clarity in Reporting BLEU Scores (sacrebleu): "
    "https://aclanthology.org/W18-6319/",
    "Popović (2015), chrF: character n-gram F-score for automatic MT evaluation: "
    "https://aclanthology.org/W15-3049/",
)

TITLE_INCONSISTENT = Rule(
    code="XD601",
    name="title-inconsistent",
    signal=Signal.PARAPHRASE,
    severity=Severity.WARNING,
    summary="A person carries a different title here than in most other versions of the "
            "story.",
    why=(
        "Rewriting models restore titles from what they learned before their cut-off: "
        "'Senator Marco Rubio' after he became Secretary of State, 'former President "
        "Trump' after he took office again.  Wire copy and its faithful copies agree on "
        "who holds which office, so the version that disagrees with the others is the "
        "one to check (and often the machine-made one)."
    ),
    example=("Senator Marco Rubio said on Friday that the talks would be difficult.\n---\n"
             "Secretary of State Marco Rubio said on Friday that the talks would be "
             "difficult.\n---\n"
             "Secretary of State Marco Rubio told reporters on Friday that the talks "
             "would be hard."),
    use_instead=("Secretary of State Marco Rubio said on Friday that the talks would be "
                 "difficult.\n---\n"
                 "Secretary of State Marco Rubio said on Friday that the talks would be "
                 "difficult.\n---\n"
                 "Secretary of State Marco Rubio told reporters on Friday that the talks "
                 "would be hard."),
    false_positives=(
        "A title that really changed between versions written at different times, and "
        "the one accurate version outvoted by stale copies (the rule trusts the "
        "majority).  Ranks are compared only with ranks ('Lt. Gen.' and 'special envoy' "
        "do not clash), more and less specific titles agree ('presidential aide' and "
        "'aide'), and appositions ('Rustem Umerov, the defence minister') are not read.  "
        "With two versions each gets the finding at low confidence.  Only the first "
        "60,000 characters of each version are read (as for the similarity)."
    ),
    references=(
        "AP Stylebook, 'titles': https://www.apstylebook.com/",
        "Ji et al. (2023), Survey of Hallucination in Natural Language Generation: "
        "https://arxiv.org/abs/2202.03629",
    ),
)

NUMBER_INCONSISTENT = Rule(
    code="XD602",
    name="number-inconsistent",
    signal=Signal.PARAPHRASE,
    severity=Severity.WARNING,
    summary="A figure differs from the one most other versions give for the same thing.",
    why=(
        "A rewrite or a translation that drops a digit or a scale word ('12,000' -> "
        "'1,200', 'million' -> 'billion') changes the story while reading fluently.  "
        "Versions of one story should agree on counts; the odd one out is the place to "
        "check, and is often the machine-made version."
    ),
    example=("The war has killed more than 12,000 civilians, according to the United "
             "Nations.\n---\n"
             "The war has killed more than 1,200 civilians, according to the United "
             "Nations.\n---\n"
             "More than 12,000 civilians have been killed in the war, according to the "
             "United Nations."),
    use_instead=("The war has killed more than 12,000 civilians, according to the United "
                 "Nations.\n---\n"
                 "The war has killed more than 12,000 civilians, according to the United "
                 "Nations.\n---\n"
                 "More than 12,000 civilians have been killed in the war, according to "
                 "the United Nations."),
    false_positives=(
        "A toll updated between versions written hours apart, and two different counts "
        "of the same unit in similar words ('two years of war' and 'three years of "
        "war').  Figures are matched by their unit word plus two shared content words "
        "nearby (three across unrelated versions); figures within 5% agree, years and "
        "times are skipped, vague counts ('thousands of') are not figures.  Only the "
        "first 60,000 characters of each version are read (as for the similarity)."
    ),
    references=(
        "Kryściński et al. (2020), Evaluating the Factual Consistency of Abstractive "
        "Text Summarization: https://aclanthology.org/2020.emnlp-main.750/",
    ),
)

PARAPHRASE_OF = Rule(
    code="XD603",
    name="paraphrase-of",
    signal=Signal.PARAPHRASE,
    severity=Severity.INFO,
    summary="This document is a rewrite of another version in the cluster: same content, "
            "different wording.",
    why=(
        "A paraphrase keeps the content (high chrF: shared names, stems, figures) but "
        "not the phrasing (low BLEU).  Rewriting another outlet's story is what "
        "paraphrasing tools and content farms do; the finding names the likely original "
        "so an editor can compare the two."
    ),
    example=('The council approved the new budget on Tuesday after a long debate. '
             '"We had no choice," the mayor said. The plan raises parking fees and cuts '
             'library hours from March.\n---\n'
             'After a lengthy debate on Tuesday, the council approved its new budget, '
             'with the mayor saying there had been no alternative. The plan increases '
             'parking fees and reduces library hours from March.'),
    use_instead=('The council approved the new budget on Tuesday after a long debate. '
                 '"We had no choice," the mayor said. The plan raises parking fees and '
                 'cuts library hours from March.\n---\n'
                 'Heavy rain flooded several roads in the north of the county overnight, '
                 'and the police asked drivers to stay at home until the water goes '
                 'down.'),
    false_positives=(
        "Two honest reports built on one press release or one agency story, and a "
        "follow-up that re-uses the background paragraphs.  Which of two versions is the "
        "original is a heuristic (the one that contains more of the other's content, "
        "looks human-written, quotes directly and carries no content-farm scaffolding); "
        "when every linked version looks "
        "machine-made the source is reported as not in the cluster and no finding is "
        "given."
    ),
    references=(*_REFS_SIM,
                "Chen et al. (2024), LLM-as-a-Coauthor (MixSet): "
                "https://arxiv.org/abs/2401.05952"),
)

NEAR_COPY = Rule(
    code="XD604",
    name="near-copy",
    signal=Signal.FARM,
    severity=Severity.INFO,
    summary="This document is a near-verbatim copy of another version in the cluster.",
    why=(
        "A BLEU score this high between whole articles means the same sentences in the "
        "same order: syndication, scraping or a copy with a new headline and "
        "boilerplate.  Content farms republish wire copy this way; a desk wants to "
        "know it already has the story."
    ),
    example=('The council approved the new budget on Tuesday after a long debate. '
             '"We had no choice," the mayor said. The plan raises parking fees and cuts '
             'library hours from March.\n---\n'
             'The council approved the new budget on Tuesday after a long debate. '
             '"We had no choice," the mayor said. The plan raises parking fees and cuts '
             'library hours from March. Read more local news on our website.'),
    use_instead=('The council approved the new budget on Tuesday after a long debate. '
                 '"We had no choice," the mayor said. The plan raises parking fees and '
                 'cuts library hours from March.\n---\n'
                 'After a lengthy debate on Tuesday, the council approved its new budget, '
                 'with the mayor saying there had been no alternative. The plan increases '
                 'parking fees and reduces library hours from March.'),
    false_positives=(
        "Legitimate syndication (the same agency story in several licensed papers) and "
        "corrected re-issues of one story.  On a tie the later document in input order "
        "is called the copy."
    ),
    references=(*_REFS_SIM,
                "Broder (1997), On the resemblance and containment of documents: "
                "https://doi.org/10.1109/SEQUEN.1997.666900"),
)

RULES = (TITLE_INCONSISTENT, NUMBER_INCONSISTENT, PARAPHRASE_OF, NEAR_COPY)
_SCORE_KEYS = ("bleu", "chrf", "bleu_ab", "bleu_ba", "chrf_ab", "chrf_ba")


@hookimpl
def wirelint_rules() -> tuple[Rule, ...]:
    """The cross-document rules (they fire only in ``check_cluster``)."""
    return RULES


@hookimpl
def wirelint_check_cluster(documents: Sequence[Document], reports: Sequence[Report],
                           config: Config) -> list[Any]:
    """Findings on the documents that disagree or derive, plus the cluster analysis."""
    from wirelint_builtins.cluster import _analysis, _reference
    from wirelint_builtins.cluster import _similarity as sim

    a = _analysis.analyse(documents, reports)
    findings: list[tuple[int, Finding]] = []
    for c in _analysis.title_conflicts(documents, reports, a.edges):
        findings.append((c.index, Finding.at(documents[c.index].text, c.start, c.end,
                                             code="XD601", message=c.message,
                                             confidence=c.confidence,
                                             suggestion=c.suggestion)))
    for c in _analysis.number_conflicts(documents, reports, a.groups, a.edges):
        findings.append((c.index, Finding.at(documents[c.index].text, c.start, c.end,
                                             code="XD602", message=c.message,
                                             confidence=c.confidence,
                                             suggestion=c.suggestion)))
    findings.extend(_derivation_findings(documents, a))
    extra: dict[str, Any] = {
        "metrics": {"bleu": sim.signatures()["bleu"], "chrf": sim.signatures()["chrf"],
                    "thresholds": sim.thresholds().as_dict()},
        **_analysis.to_dict(a),
    }
    reference = next((i for i, d in enumerate(documents)
                      if d.meta.get("role") == "reference"), None)
    if reference is not None:
        ref_text = documents[reference].text[:_analysis.MAX_CHARS]
        measured = a.analysable[reference]
        extra["reference"] = {
            "index": reference,
            # An empty, non-English or unread reference is compared with nothing (and is
            # not the likely source); the reason says why, for the output and the CLI.
            "measured": measured,
            "reason": None if measured else _analysis.unanalysable_reason(reports[reference]),
            "candidates": [
                {"index": i, **_reference.compare(d.text[:_analysis.MAX_CHARS], ref_text)}
                if a.analysable[i] else
                {"index": i, **_reference.not_measured(
                    _analysis.unanalysable_reason(reports[i]))}
                for i, d in enumerate(documents) if i != reference] if measured else [],
        }
    n = len(documents)
    # Every pair is listed; a pair that was not measured has None (JSON null) for each
    # score, never 0.0, which would read as "compared and unrelated".
    similarity: list[tuple[int, int, dict[str, Any]]] = []
    for i in range(n):
        for j in range(i + 1, n):
            s = a.scores.get((i, j))
            similarity.append((i, j, dict.fromkeys(_SCORE_KEYS) if s is None else
                               {k: s[k] for k in _SCORE_KEYS}))
    analysis = ClusterReport(
        reports=tuple(reports),
        similarity=tuple(similarity),
        relations=tuple(a.relations),
        likely_source=a.likely_source,
        derivation=tuple(a.edges),
        extra=extra,
    )
    return [*findings, analysis]


def _derivation_findings(documents: Sequence[Document],
                         a: _analysis.Analysis) -> list[tuple[int, Finding]]:
    from wirelint_builtins.cluster import _analysis
    from wirelint_builtins.cluster import _similarity as sim

    out = []
    edges = set(a.edges)
    for i, j, relation in a.relations:
        if relation == sim.NEAR_COPY:
            # The copy is the edge's target; with no edge (no source known), the later one.
            derived, other = (i, j) if (j, i) in edges else (j, i)
            code = "XD604"
        elif relation == sim.PARAPHRASE:
            derived, other, code = i, j, "XD603"
        else:
            continue
        span = _analysis.headline_span(documents[derived].text)
        if span is None:
            continue
        s = a.scores[(min(i, j), max(i, j))]
        other_id = documents[other].id if documents[other].id is not None else other
        what = "a near copy" if code == "XD604" else "a rewrite"
        out.append((derived, Finding.at(
            documents[derived].text, *span, code=code,
            message=f"{what} of {other_id} (BLEU {s['bleu']:.1f}, chrF {s['chrf']:.1f})",
            confidence=0.9 if code == "XD604" else 0.7)))
    return out
