"""The cluster analysis: links, groups, likely sources, derivation edges, disagreeing facts.

Pure functions of the documents and their single-document reports; nothing is kept
between calls, so one Host may analyse many clusters at once from many threads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from wirelint import Document, Report, Verdict
from wirelint_builtins.cluster import _facts as facts
from wirelint_builtins.cluster import _similarity as sim

#: Similarity and the facts (XD601, XD602) read at most this many characters of each
#: document (the metrics are linear in length but a 10 MB input would still take seconds
#: per pair; the fact comparison is quadratic in the number of mentions).
MAX_CHARS = 60_000
_MACHINE = (Verdict.MACHINE_TRANSLATED, Verdict.MACHINE_PARAPHRASED)


@dataclass(slots=True)
class Analysis:
    """What the cluster hook computes; turned into findings and a ClusterReport."""

    #: measured pairs only: a pair with a document that cannot be analysed is left out
    #: (see ``analysable``), never scored 0.0
    scores: dict[tuple[int, int], dict[str, float]]
    kept: set[tuple[int, int]]
    groups: list[list[int]]
    sources: dict[int, int | None]  #: group's first member -> its source (None: unseen)
    edges: list[tuple[int, int]]  #: (source, derived)
    relations: list[tuple[int, int, str]]
    likely_source: int | None
    source_scores: dict[int, float] = field(default_factory=dict)
    analysable: list[bool] = field(default_factory=list)  #: per document: was it compared?


def _analysable(report: Report) -> bool:
    return report.language == "en" and not any(
        e.code in ("WL003", "WL004") for e in report.errors)


def unanalysable_reason(report: Report) -> str:
    """Why a document was not compared, for the cluster output ("WL003 empty-document")."""
    problem = next((e for e in report.errors if e.code in ("WL001", "WL003", "WL004")), None)
    if problem is not None:
        return f"{problem.code} {problem.name}"
    return f"language {report.language!r}, not English"


def _quote_count(text: str) -> int:
    return text.count("“") + text.count('"') // 2


def _source_score(i: int, group: Sequence[int], docs: Sequence[Document],
                  reports: Sequence[Report],
                  scores: Mapping[tuple[int, int], Mapping[str, float]]) -> float:
    """How much a document looks like the one the others were made from.

    * coverage: mean chrF of this document (as hypothesis) against each other member (as
      reference); chrF weighs recall, so it is high when this document contains the
      other's content.  Range 0..1.
    * trust: the single-document P(human); a machine-made text is rarely the original.
    * quotes: originals carry direct quotes, rewrites turn them into reported speech;
      up to 0.2 for quotes per 100 words.
    * farm: minus the single-document content-farm evidence (up to 1): a page wrapped in
      rating widgets and "Quick Looks" scaffolding republishes a story, and being
      expanded it contains more than its source, so coverage alone would pick it.
    """
    others = [j for j in group if j != i]
    coverage = 0.0
    for j in others:
        s = scores[(min(i, j), max(i, j))]
        coverage += s["chrf_ab"] if i < j else s["chrf_ba"]
    coverage /= 100.0 * max(1, len(others))
    words = max(50, len(docs[i].text.split()))
    quotes = min(0.2, _quote_count(docs[i].text) / words * 10)
    farm = min(1.0, float(reports[i].evidence.get("farm", 0.0)))
    return round(coverage + reports[i].probabilities.human + quotes - farm, 4)


def analyse(docs: Sequence[Document], reports: Sequence[Report],
            t: sim.Thresholds | None = None) -> Analysis:
    """Score every pair, link, group, pick each group's source and orient the edges."""
    t = t or sim.thresholds()
    n = len(docs)
    texts = [d.text[:MAX_CHARS] for d in docs]
    usable = [_analysable(r) for r in reports]
    # A pair with a document that is not English, empty or refused unread is not scored
    # at all: a 0.0 would read as "measured and unrelated" (it printed as 0.0 and the
    # pair as independent).  Such pairs get the relation NOT_MEASURED below.
    scores = {(i, j): sim.pair_scores(texts[i], texts[j])
              for i in range(n) for j in range(i + 1, n) if usable[i] and usable[j]}
    kept, groups = sim.link(n, scores, t)
    reference = next((i for i, d in enumerate(docs) if d.meta.get("role") == "reference"),
                     None)
    if reference is not None and not usable[reference]:
        # A reference that could not be compared (empty, not English, refused unread) is
        # in no group and cannot be the likely source: it was reported as the source while
        # the groups and the derivation named another one.
        reference = None
    sources: dict[int, int | None] = {}
    source_scores: dict[int, float] = {}
    edges: list[tuple[int, int]] = []
    for group in groups:
        if len(group) < 2:
            continue
        for i in group:
            source_scores[i] = _source_score(i, group, docs, reports, scores)
        source: int | None
        if reference in group:
            source = reference  # the caller knows the original
        else:
            # A machine-made version is never the original; when every version is
            # machine-made, their common source is not in the cluster.
            candidates = [i for i in group if reports[i].verdict not in _MACHINE]
            source = max(candidates, key=lambda i: (source_scores[i], -i), default=None)
        sources[group[0]] = source
        if source is not None:
            edges.extend(_tree(source, group, kept))
    edge_set = set(edges)
    relations = []
    where = {i: g[0] for g in groups for i in g}
    for i, j in combinations(range(n), 2):
        s = scores.get((i, j))
        if s is None:
            relations.append((i, j, sim.NOT_MEASURED))
        elif (i, j) in kept and s["bleu"] >= t.near_copy_bleu:
            relations.append((i, j, sim.NEAR_COPY))
        elif (i, j) in edge_set:
            relations.append((j, i, sim.PARAPHRASE))
        elif (j, i) in edge_set:
            relations.append((i, j, sim.PARAPHRASE))
        elif where[i] == where[j]:
            relations.append((i, j, sim.SAME_SOURCE))
        else:
            relations.append((i, j, sim.INDEPENDENT))
    likely = _likely_source(groups, sources, source_scores, reference)
    return Analysis(scores=scores, kept=kept, groups=groups, sources=sources,
                    edges=sorted(edges), relations=relations, likely_source=likely,
                    source_scores=source_scores, analysable=usable)


def _tree(source: int, group: Sequence[int], kept: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Orient the kept links away from the source, breadth first (a spanning tree)."""
    seen, frontier, out = {source}, [source], []
    while frontier:
        nxt = []
        for a in frontier:
            for b in group:
                if b not in seen and ((min(a, b), max(a, b)) in kept):
                    seen.add(b)
                    out.append((a, b))
                    nxt.append(b)
        frontier = sorted(nxt)
    return out


def _likely_source(groups: Sequence[Sequence[int]], sources: Mapping[int, int | None],
                   source_scores: Mapping[int, float], reference: int | None) -> int | None:
    if reference is not None:
        return reference
    known = [(len(g), source_scores[s], -s) for g in groups
             if (s := sources.get(g[0])) is not None]
    return -max(known)[2] if known else None


# ------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Conflict:
    """A fact in one document that most other versions state differently."""

    index: int
    start: int
    end: int
    message: str
    confidence: float
    suggestion: str | None


def _confidence(conflicts: int, agrees: int) -> float:
    # Share of disagreeing versions, discounted when there are few versions to go by:
    # with two versions it is one word against another.
    n = conflicts + agrees
    return round(conflicts / n * (1 - 1 / (n + 1)), 2)


def _ids(docs: Sequence[Document], indices: Sequence[int]) -> str:
    return ", ".join(str(docs[i].id if docs[i].id is not None else i) for i in indices)


def _descendants(edges: Sequence[tuple[int, int]]) -> dict[int, set[int]]:
    children: dict[int, set[int]] = {}
    for s, d in edges:
        children.setdefault(s, set()).add(d)
    out: dict[int, set[int]] = {}
    for root in children:
        seen, todo = set(), [root]
        while todo:
            for c in children.get(todo.pop(), ()):
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        out[root] = seen
    return out


def _odd_one_out(i: int, conflicts: Sequence[int], agrees: int,
                 descendants: Mapping[int, set[int]]) -> bool:
    """Does document ``i`` get the finding?  When most versions that state the fact
    disagree with it; but in a one-against-one disagreement between a source and a
    version derived from it, the derived version changed the fact, so only it does."""
    if not conflicts or len(conflicts) <= agrees:
        return False
    return not (len(conflicts) == 1 and agrees == 0
                and conflicts[0] in descendants.get(i, set()))


def title_conflicts(docs: Sequence[Document], reports: Sequence[Report],
                    edges: Sequence[tuple[int, int]] = ()) -> list[Conflict]:
    """The same person with a different title in most other versions (XD601)."""
    # Facts are read from the same first MAX_CHARS characters as the similarity: the
    # comparison below is quadratic in a document's mentions (a 3 MB version took 20 s).
    mentions = {i: facts.title_mentions(d.text[:MAX_CHARS]) for i, d in enumerate(docs)
                if _analysable(reports[i])}
    surnames: dict[str, set[str]] = {}
    for ms in mentions.values():
        for m in ms:
            parts = m.name.casefold().split()
            if len(parts) > 1:
                surnames.setdefault(parts[-1], set()).add(" ".join(parts))

    def key(name: str) -> str:
        folded = " ".join(name.casefold().split())
        full = surnames.get(folded)
        return next(iter(full)) if full is not None and len(full) == 1 else folded

    descendants = _descendants(edges)
    people: dict[str, dict[int, list[facts.TitleMention]]] = {}
    for i, ms in mentions.items():
        for m in ms:
            people.setdefault(key(m.name), {}).setdefault(i, []).append(m)
    out = []
    for _person, by_doc in sorted(people.items()):
        if len(by_doc) < 2:
            continue
        for i, mine in sorted(by_doc.items()):
            conflicts, agrees = [], []
            for j, theirs in sorted(by_doc.items()):
                if j == i:
                    continue
                state = _title_state(mine, theirs)
                if state == "conflict":
                    conflicts.append(j)
                elif state == "agree":
                    agrees.append(j)
            if not _odd_one_out(i, conflicts, len(agrees), descendants):
                continue
            # The mention the disagreeing versions never match.
            worst = max(mine, key=lambda m: (sum(
                not any(m.title.compatible(o.title) for o in by_doc[j]) for j in conflicts),
                -m.start))
            named = Counter(o.title_text for j in conflicts for o in by_doc[j]
                            if not worst.title.compatible(o.title)
                            and o.title.kind == worst.title.kind)
            other = named.most_common(1)[0][0] if named else "another title"
            n = len(conflicts) + len(agrees)
            out.append(Conflict(
                index=i, start=worst.start, end=worst.end,
                message=(f"{worst.name} is '{worst.title_text}' here but '{other}' in "
                         f"{len(conflicts)} of {n} other versions ({_ids(docs, conflicts)})"),
                confidence=_confidence(len(conflicts), len(agrees)),
                suggestion=f"{other} {worst.name}" if named else None))
    return out


def _title_state(mine: Sequence[facts.TitleMention],
                 theirs: Sequence[facts.TitleMention]) -> str:
    """``conflict`` when each side has a title the other never matches (of a kind both
    use), ``agree`` when they are comparable and do not conflict, else ``silent``."""
    kinds = {m.title.kind for m in mine} & {o.title.kind for o in theirs}
    if not kinds:
        return "silent"
    a = [m.title for m in mine if m.title.kind in kinds]
    b = [o.title for o in theirs if o.title.kind in kinds]
    a_alone = any(not any(x.compatible(y) for y in b) for x in a)
    b_alone = any(not any(y.compatible(x) for x in a) for y in b)
    return "conflict" if a_alone and b_alone else "agree"


def number_conflicts(docs: Sequence[Document], reports: Sequence[Report],
                     groups: Sequence[Sequence[int]],
                     edges: Sequence[tuple[int, int]] = ()) -> list[Conflict]:
    """A figure most other versions give differently for the same thing (XD602).

    Two mentions count the same thing when their unit words match and they share content
    words around them: two within a group of linked versions (they come from one text),
    three across groups (independent reports share less wording).
    """
    where = {i: g[0] for g in groups for i in g}
    descendants = _descendants(edges)
    # The first MAX_CHARS characters only, as for titles and similarity: each mention is
    # checked against every mention of the others, and each clash against all of its own.
    mentions = {i: facts.number_mentions(d.text[:MAX_CHARS]) for i, d in enumerate(docs)
                if _analysable(reports[i])}
    out = []
    for i, mine in sorted(mentions.items()):
        seen: set[tuple[str, float]] = set()
        for m in mine:
            if (m.unit, m.value) in seen:
                continue
            conflicts: list[tuple[int, facts.NumberMention]] = []
            agrees = 0
            for j, theirs in sorted(mentions.items()):
                if j == i:
                    continue
                need = 2 if where.get(i) == where.get(j) else 3
                if any(o.unit == m.unit and facts.values_agree(o.value, m.value)
                       for o in theirs):
                    agrees += 1
                    continue
                # A clash: the same unit in similar words with another figure, which this
                # document never gives for that unit (a text may give both an old and a
                # new estimate: "65 lives" now, "50 lives" in 1998).
                clash = next((o for o in theirs if o.unit == m.unit
                              and len(o.context & m.context) >= need
                              and not any(x.unit == o.unit
                                          and facts.values_agree(x.value, o.value)
                                          for x in mine)), None)
                if clash is not None:
                    conflicts.append((j, clash))
            if not _odd_one_out(i, [j for j, _ in conflicts], agrees, descendants):
                continue
            seen.add((m.unit, m.value))
            text = docs[i].text
            other_texts = Counter(docs[j].text[o.start:o.end] for j, o in conflicts)
            other, votes = other_texts.most_common(1)[0]
            out.append(Conflict(
                index=i, start=m.start, end=m.end,
                message=(f"'{text[m.start:m.end]}' here but '{other}' in "
                         f"{len(conflicts)} of {len(conflicts) + agrees} other versions "
                         f"({_ids(docs, [j for j, _ in conflicts])})"),
                confidence=_confidence(len(conflicts), agrees),
                suggestion=other if votes >= 2 else None))
    return out


def headline_span(text: str, limit: int = 160) -> tuple[int, int] | None:
    """The first non-blank line (cut at a word boundary under ``limit`` characters): where
    a document-level finding points."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and any(ch.isalnum() for ch in stripped):
            start = offset + (len(line) - len(line.lstrip()))
            body = stripped if len(stripped) <= limit else (
                stripped[:limit].rsplit(" ", 1)[0] or stripped[:limit])
            return start, start + len(body)
        offset += len(line)
    return None


def to_dict(a: Analysis) -> dict[str, Any]:
    """The cluster-specific keys of the JSON output (ClusterReport.extra)."""
    groups = []
    for g in a.groups:
        if len(g) < 2:
            continue
        source = a.sources.get(g[0])
        groups.append({"members": g, "source": source,
                       "note": ("source is in the cluster" if source is not None else
                                "every member is machine-made: their common source is "
                                "not in the cluster")})
    return {"groups": groups,
            "source_scores": {str(k): v for k, v in sorted(a.source_scores.items())}}
