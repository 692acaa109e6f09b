"""Decision linkage: one decision reported by several sources becomes one node.

Candidates are Decision nodes of different source families (loaders/linkage_facts.py)
with the same issuer and a shared target firm or a shared case reference (blocking by
issuer and firm or reference). A pair is vetoed (:func:`vetoed`) by a reference conflict
(two different references of one scheme), or, unless the references are equal, by far
dates or different amounts; evidence in loaders/linkage_evidence.py. Otherwise:

======================================================  ==========
evidence (same issuer always)                           verdict
======================================================  ==========
same firm, equal decision references                    same
same firm, equal amounts, same day / close / publication  same
same firm, equal amounts, period or unknown date        unsure
same firm, same day or close, no amounts to compare     unsure
equal decision or case references, firms not resolved  unsure
======================================================  ==========

Precision first: confident links are grouped (a link between A and B and one between B
and C put A, B, C together); a group is applied only when it holds one record per family
and no pair in it is vetoed or judged ``not_same``; otherwise each of its links goes to
review as ``unsure``. An applied group becomes one node through the store's judgements
(``same``, by :data:`LINKER`), on the id of its most trusted source (case files over
collections); the sanctions of the linked decisions are paired by amount (or kind) and
judged the same when the pairing is one to one, then the only sanction of a kind left on
each side (one fine, whose amounts the sources give differently) is paired too. A pair already judged is left as it is,
except that the linker's own ``unsure`` may become ``same`` on new evidence: a person's
judgement, and every ``not_same``, stand over later runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from enforcegraph.graph.record.judgements import Judgement, latest, pair
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.linkage_evidence import compare_amounts, compare_dates, compare_refs
from enforcegraph.loaders.linkage_facts import (
    DecisionFacts,
    Link,
    link_groups,
    read_decisions,
    rejected_within,
)

__all__ = ["LINKER", "LinkReport", "apply_links", "decide", "link_all", "link_decisions", "link_firms",
           "propose_decisions", "vetoed"]

LINKER = "linker"  # the ``by`` of the linker's judgements


@dataclass
class LinkReport:
    """What a linkage run found: links applied (``same``) and sent to review (``unsure``)."""

    applied: list[Link] = field(default_factory=list)
    review: list[Link] = field(default_factory=list)
    merged_away: int = 0

    def add(self, other: LinkReport) -> None:
        """Accumulate another report."""
        self.applied += other.applied
        self.review += other.review
        self.merged_away += other.merged_away


def _order(a: DecisionFacts, b: DecisionFacts) -> tuple[DecisionFacts, DecisionFacts]:
    """(canonical, other): the more trusted source's id first, then the smaller id."""
    return (a, b) if (-a.priority, a.id) <= (-b.priority, b.id) else (b, a)


def vetoed(a: DecisionFacts, b: DecisionFacts) -> bool:
    """Two decisions that cannot be one: different references of one scheme; or, unless
    their references are equal, far dates or different amounts."""
    refs = compare_refs(a.refs, b.refs).verdict
    if refs == "conflict":
        return True
    if refs == "equal":
        return False
    return (compare_dates(a.dates, b.dates).verdict == "far"
            or compare_amounts(a.amounts, b.amounts).verdict == "differ")


def decide(a: DecisionFacts, b: DecisionFacts) -> Link | None:
    """The link between two decisions of one issuer, or None (vetoed, or no evidence)."""
    first, second = _order(a, b)
    refs = compare_refs(first.refs, second.refs)
    dates = compare_dates(first.dates, second.dates)
    amounts = compare_amounts(first.amounts, second.amounts)
    shared = first.targets & second.targets
    evidence = {
        "issuer": ", ".join(sorted(first.issuers & second.issuers)),
        "firm": ", ".join(sorted(shared)) or "not resolved to one firm "
                f"({', '.join(sorted(first.targets)) or '-'} / {', '.join(sorted(second.targets)) or '-'})",
        "dates": str(dates), "amounts": str(amounts), "refs": str(refs),
    }

    def link(verdict: str, rule: str) -> Link:
        return Link("decision", first.id, second.id, verdict, rule, evidence)

    if vetoed(first, second):
        return None
    if not shared:
        if refs.verdict in ("equal", "case"):
            return link("unsure", f"{refs.verdict} references, firms not resolved to one")
        return None
    if refs.verdict == "equal":
        return link("same", "same issuer, same firm, equal references")
    if amounts.verdict == "equal":
        if dates.verdict in ("same_day", "close", "publication"):
            return link("same", f"same issuer, same firm, equal amounts, dates {dates.verdict}")
        return link("unsure", f"same issuer, same firm, equal amounts, dates {dates.verdict}")
    if dates.verdict in ("same_day", "close"):
        return link("unsure", f"same issuer, same firm, dates {dates.verdict}, no amounts to compare")
    return None


def _candidates(facts: dict[str, DecisionFacts]) -> list[tuple[str, str]]:
    """Pairs of decisions of different families sharing the issuer and a firm or a reference."""
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for decision in facts.values():
        for issuer in decision.issuers:
            for key in [f"firm {t}" for t in decision.targets] + [f"ref {r}" for r in decision.refs]:
                blocks[(issuer, key)].append(decision.id)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > 1:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if not facts[a].families & facts[b].families:
                        pairs.add(pair(a, b))
    return sorted(pairs)


def _sound(group: set[str], facts: dict[str, DecisionFacts], judgements: list[Judgement]) -> bool:
    """One record per family, no pair vetoed (its members may be linked through another
    member: GDPRhub's record without a date or amount, through the tracker's with both),
    none judged not the same."""
    members = sorted(group)
    seen: set[str] = set()
    for member in members:
        if seen & facts[member].families:
            return False
        seen |= facts[member].families
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if vetoed(facts[a], facts[b]):
                return False
    return not rejected_within(group, judgements)


def propose_decisions(store: GraphStore, facts: dict[str, DecisionFacts] | None = None) -> list[Link]:
    """Every decision link the evidence supports now, not yet judged (or judged ``unsure``
    by the linker and now confident); groups that are not sound are sent to review."""
    facts = read_decisions(store) if facts is None else facts
    judgements = store.judgements()
    standing = latest(judgements)
    found = [link for a, b in _candidates(facts) if (link := decide(facts[a], facts[b])) is not None]
    fresh: list[Link] = []
    for link in found:
        judged = standing.get(pair(link.canonical, link.other))
        if judged is None or (judged.by == LINKER and judged.verdict == "unsure" and link.verdict == "same"):
            fresh.append(link)
    confident = [link for link in fresh if link.verdict == "same"]
    unsound = {m for g in link_groups(confident) if not _sound(g, facts, judgements) for m in g}
    out: list[Link] = []
    for link in fresh:
        if link.verdict == "same" and link.canonical in unsound:
            judged = standing.get(pair(link.canonical, link.other))
            if judged is not None:
                continue  # already under review
            link = Link(link.label, link.canonical, link.other, "unsure",
                        link.rule + " (but the group is ambiguous or vetoed)", link.evidence)
        out.append(link)
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sanction_pairs(canonical: DecisionFacts, other: DecisionFacts) -> list[tuple[str, str, str]]:
    """(canonical sanction, other sanction, why) pairs, one to one, by amount or kind; then
    the one sanction of a kind left on each side (the AEPD's 150,000 and the reduced 90,000
    the tracker gives for one decision are one fine: two would count it twice)."""
    matches: dict[str, list[str]] = {}
    for theirs in other.sanctions:
        if theirs.amounts:
            hits = [s.id for s in canonical.sanctions
                    if compare_amounts(s.amounts, theirs.amounts).verdict == "equal"]
        else:
            hits = [s.id for s in canonical.sanctions if not s.amounts and s.kinds & theirs.kinds]
        matches[theirs.id] = hits
    used = [h for hits in matches.values() for h in hits]
    pairs = [(hits[0], theirs, "sanction of linked decisions, amount or kind matches one to one")
             for theirs, hits in matches.items() if len(hits) == 1 and used.count(hits[0]) == 1
             and hits[0] != theirs]
    paired = {x for mine, theirs, _ in pairs for x in (mine, theirs)}
    left_mine = [s for s in canonical.sanctions if s.id not in paired and s.id not in used]
    left_theirs = [s for s in other.sanctions if s.id not in paired and not matches[s.id]]
    for theirs in left_theirs:
        same_kind = [s for s in left_mine if s.kinds & theirs.kinds]
        rivals = [s for s in left_theirs if s.kinds & theirs.kinds]
        if len(same_kind) == 1 and rivals == [theirs] and same_kind[0].id != theirs.id \
                and len([s for s in left_theirs if s.kinds & same_kind[0].kinds]) == 1:
            pairs.append((same_kind[0].id, theirs.id, "sanction of linked decisions, the only one of its "
                          f"kind ({', '.join(sorted(theirs.kinds & same_kind[0].kinds))}) on each side; "
                          "amounts as each source gave them"))
    return pairs


def apply_links(store: GraphStore, links: Iterable[Link], facts: dict[str, DecisionFacts],
                by: str = LINKER) -> LinkReport:
    """Judge the links (``same`` merges, ``unsure`` is recorded for review); the sanctions
    of each merged pair are paired and merged too."""
    report = LinkReport()
    links = list(links)
    judged = set(latest(store.judgements()))
    groups = link_groups([link for link in links if link.verdict == "same"])
    for link in links:
        if link.verdict != "same":
            store.judge(Judgement(link.canonical, link.other, "unsure", by, _now(), link.why))
            report.review.append(link)
    for group in groups:
        members = sorted(group, key=lambda m: (-facts[m].priority, m))
        head = members[0]
        for member in members[1:]:
            chosen = next((k for k in links if {k.canonical, k.other} == {head, member}), None)
            why = chosen.why if chosen else f"decision link, grouped with {head}"
            summary = store.judge(Judgement(head, member, "same", by, _now(), why))
            report.merged_away += 1 if summary.changed else 0
            report.applied.append(chosen or Link("decision", head, member, "same", "grouped"))
            for mine, theirs, reason in _sanction_pairs(facts[head], facts[member]):
                if pair(mine, theirs) not in judged:
                    store.judge(Judgement(mine, theirs, "same", by, _now(), reason))
    return report


def link_decisions(store: GraphStore, apply: bool = True) -> LinkReport:
    """Find decision links and (``apply``) judge them; the report lists both kinds."""
    facts = read_decisions(store)
    links = propose_decisions(store, facts)
    if apply:
        return apply_links(store, links, facts)
    return LinkReport([k for k in links if k.verdict == "same"], [k for k in links if k.verdict != "same"])


def link_firms(store: GraphStore, apply: bool = True) -> LinkReport:
    """Firms across sources (loaders/resolution_links.py): ``same`` merged, ``unsure`` recorded."""
    from enforcegraph.loaders.resolution_links import propose_firms

    links = propose_firms(store)
    report = LinkReport([k for k in links if k.verdict == "same"], [k for k in links if k.verdict != "same"])
    if apply:
        for link in links:
            summary = store.judge(Judgement(link.canonical, link.other, link.verdict,  # type: ignore[arg-type]
                                            LINKER, _now(), link.why))
            report.merged_away += 1 if link.verdict == "same" and summary.changed else 0
    return report


def link_all(store: GraphStore, apply: bool = True) -> LinkReport:
    """Firms first (decisions link only through resolved firms), then decisions. Without
    ``apply`` nothing is judged, so the decisions are read as the firms stand now."""
    report = link_firms(store, apply)
    report.add(link_decisions(store, apply))
    return report
