"""GLEIF, the registry route: link firms to their LEI records and derive dated EU
establishments from the EU-located subsidiaries and branches of the firm's group.

Four streaming passes over the golden copy (:mod:`~enforcegraph.loaders.gleif_files`),
each keeping only what concerns the firms already in the store, so memory stays bounded
by those firms and their groups, never by the 2.8 million records:

1. Level 1: the records whose LEI a firm lists (``identifiers: lei:...``), or whose legal
   or other name has the firm's name key (:func:`~enforcegraph.schema.names.party_key`).
2. Level 2: the parents of the linked LEIs and their children and branches.
3. Level 2 again: the other members of each linked firm's group (entities consolidated
   by the same ultimate parent), when there is one.
4. Level 1 again: the name and countries of those relatives.

Linking, precision first (a wrong link locates a firm wrongly):

========================  ==========  ====================================================
rule                      confidence  evidence
========================  ==========  ====================================================
gleif-lei-identifier      1.0         the firm lists the LEI
gleif-name-country        0.9         the only record with the firm's name key, and its
                                      legal or headquarters country is the firm's country
gleif-exact-name          0.8         the only record with the name key, the firm has no
                                      country, and the full names (legal form included)
                                      are equal after normalisation
========================  ==========  ====================================================

Anything else (several records with the key, a country that differs, a key-only match)
is left for review in the report, never linked. Anonymous parties are never linked.

What a link says, each with its rule, confidence and the LEI record page as source:
the firm's ``identifiers`` gain ``lei:...``, its ``country`` is the legal address's
(not for a name-only link: ``gleif-exact-name``), it is INCORPORATED_IN the legal
jurisdiction (rule ``gleif-legal-jurisdiction``, 0.95), its
headquarters elsewhere is an establishment (``gleif-headquarters``, 0.95), and each
EU/EEA-located relative is a dated HAS_ESTABLISHMENT (``valid_from``/``valid_to`` from the
relationship's RELATIONSHIP_PERIOD): an international branch of the firm
(``gleif-branch``, 0.95), a subsidiary it consolidates (``gleif-subsidiary``, 0.85), or a
subsidiary of its ultimate parent (``gleif-group-subsidiary``, 0.6: the group is
established there, the firm itself may not be). A relationship that ended at an unknown
date (status INACTIVE, no end date) gives nothing, as does a retired or annulled record.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enforcegraph.loaders.gleif_files import (
    LeiRecord,
    RelationshipRow,
    read_lei_records,
    read_relationships,
)
from enforcegraph.loaders.quality import QualityReport, ReportedBatch
from enforcegraph.schema.names import normalize_name, party_key
from enforcegraph.schema.records import NodeRecord, Origin, RelationshipRecord

__all__ = ["FORMAT", "Firm", "GleifLink", "link_gleif"]

FORMAT = "gleif-golden-copy"
DATASET_SOURCE_ID = "source:gleif-golden-copy"
DIRECT, ULTIMATE, BRANCH = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY",
                            "IS_INTERNATIONAL_BRANCH_OF")
_WORD = re.compile(r"[a-z0-9]+")
DEAD_REGISTRATIONS = frozenset({"ANNULLED", "DUPLICATE", "RETIRED", "MERGED", "TRANSFERRED"})
CONFIDENCE = {
    "gleif-lei-identifier": 1.0, "gleif-name-country": 0.9, "gleif-exact-name": 0.8,
    "gleif-legal-jurisdiction": 0.95, "gleif-headquarters": 0.95, "gleif-branch": 0.95,
    "gleif-subsidiary": 0.85, "gleif-group-subsidiary": 0.6,
}


@dataclass(frozen=True)
class Firm:
    """A firm in the store, as far as linking needs it."""

    id: str
    names: tuple[str, ...]
    country: str | None = None
    leis: tuple[str, ...] = ()


@dataclass(frozen=True)
class GleifLink:
    """A firm linked to an LEI record, and by which rule."""

    firm: Firm
    record: LeiRecord
    rule: str


@dataclass
class _Relatives:
    """What Level 2 says about the linked LEIs."""

    ultimate: dict[str, str] = field(default_factory=dict)  # linked LEI -> ultimate parent
    children: dict[str, list[RelationshipRow]] = field(default_factory=lambda: defaultdict(list))
    group: dict[str, list[RelationshipRow]] = field(default_factory=lambda: defaultdict(list))


def _live(record: LeiRecord) -> bool:
    return record.registration_status not in DEAD_REGISTRATIONS


def _keys(names: tuple[str, ...] | list[str], legal_forms: frozenset[str]) -> set[str]:
    return {key for name in names if name and (key := party_key(name, legal_forms))}


def _latin_words(name: str) -> set[str] | None:
    """The lower-case words of a Latin-script name with accents folded; None for names in
    other scripts (their words only come out of the full key's transliteration)."""
    folded = name
    if not name.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        if any(c.isalpha() and not c.isascii() for c in folded):
            return None
    words: set[str] = set()
    for chunk in folded.lower().split():  # "l'oreal" gives loreal, l and oreal: the key's word is one of them
        parts = _WORD.findall(chunk)
        words.update(parts)
        words.add("".join(parts))
    return words


def _could_match(words: set[str], *names: str) -> bool:
    """A cheap test before the name key (the key's words all come from the name's own): a
    record that shares no word with any firm's key cannot have one of their keys."""
    for name in names:
        if name:
            found = _latin_words(name)
            if found is None or found & words:
                return True
    return False


def _match_records(level1: Path, firms: list[Firm], legal_forms: frozenset[str],
                   report: QualityReport) -> list[GleifLink]:
    """Pass 1: each firm's record, by LEI or by a name key that only one record has."""
    by_lei = {lei: firm for firm in firms for lei in firm.leis}
    by_key: dict[str, list[Firm]] = defaultdict(list)
    for firm in firms:
        for key in _keys(firm.names, legal_forms):
            by_key[key].append(firm)
    words = {word for key in by_key for word in key.split("-")}
    listed: dict[str, LeiRecord] = {}
    named: dict[str, dict[str, LeiRecord]] = defaultdict(dict)  # firm id -> LEI -> record
    read = 0

    def keep(lei: str, name: str, other: str) -> bool:
        nonlocal read
        read += 1
        return lei in by_lei or _could_match(words, name, other)

    for record in read_lei_records(level1, keep):
        if record.lei in by_lei:
            listed[by_lei[record.lei].id] = record
        if not _live(record):
            continue
        for key in _keys([record.name, record.other_name], legal_forms):
            for firm in by_key.get(key, ()):
                named[firm.id][record.lei] = record
    report.rows_read = read
    links: list[GleifLink] = []
    for firm in firms:
        if firm.id in listed:
            links.append(GleifLink(firm, listed[firm.id], "gleif-lei-identifier"))
            continue
        candidates = list(named.get(firm.id, {}).values())
        rule = _name_rule(firm, candidates)
        if rule:
            links.append(GleifLink(firm, candidates[0], rule))
        elif candidates:
            report.note(firm.id, "name", "gleif-review",
                        f"not linked ({_why_not(firm, candidates)}): "
                        + "; ".join(f"{c.lei} {c.name!r} ({c.legal_country})" for c in candidates[:5]))
    return links


def _name_rule(firm: Firm, candidates: list[LeiRecord]) -> str | None:
    if len(candidates) != 1:
        return None
    record = candidates[0]
    if firm.country:
        return "gleif-name-country" if firm.country in (record.legal_country, record.hq_country) else None
    full = {normalize_name(record.name), normalize_name(record.other_name)}
    return "gleif-exact-name" if any(normalize_name(n) in full for n in firm.names) else None


def _why_not(firm: Firm, candidates: list[LeiRecord]) -> str:
    if len(candidates) > 1:
        return f"{len(candidates)} records share the name"
    if firm.country:
        return f"the record's country differs from {firm.country}"
    return "the name matches without its legal form and nothing else agrees"


def _relatives(relationships: Path, linked: set[str]) -> _Relatives:
    """Passes 2 and 3: parents, children and branches, and the group of each linked LEI."""
    found = _Relatives()
    for row in read_relationships(relationships, lambda start, end: start in linked or end in linked):
        if row.start in linked and row.type == ULTIMATE:
            found.ultimate[row.start] = row.end
        if row.end in linked and row.type in (DIRECT, ULTIMATE, BRANCH):
            found.children[row.end].append(row)
    heads = {head for lei, head in found.ultimate.items() if head not in linked}
    if heads:
        for row in read_relationships(relationships, lambda start, end: end in heads):
            if row.end in heads and row.type in (ULTIMATE, BRANCH):
                found.group[row.end].append(row)
    return found


def _details(level1: Path, leis: set[str]) -> dict[str, LeiRecord]:
    """Pass 4: the records of the relatives."""
    if not leis:
        return {}
    return {r.lei: r for r in read_lei_records(level1, lambda lei, name, other: lei in leis)}


def _record_source(record: LeiRecord) -> tuple[str, dict[str, Any]]:
    return f"source:gleif-lei-{record.lei.lower()}", {
        "url": f"https://search.gleif.org/#/record/{record.lei}",
        "title": f"LEI record {record.lei}: {record.name}"[:300],
        "publisher": "GLEIF (Global Legal Entity Identifier Foundation)",
        "kind": "dataset",
    }


class _Writer:
    """The batch: one node per id, relationships keyed by the relative's LEI."""

    def __init__(self, level1: Path, dataset: str) -> None:
        self.batch = ReportedBatch(dataset=dataset)
        self.file = str(level1)
        self.seen: set[str] = set()

    def origin(self, line: int) -> Origin:
        return Origin(self.file, f"line {line}")

    def source(self, record: LeiRecord) -> str:
        source_id, props = _record_source(record)
        if source_id not in self.seen:
            self.seen.add(source_id)
            self.batch.nodes.append(NodeRecord(source_id, "Source", props, self.origin(record.line)))
        return source_id

    def located(self, rel_type: str, firm: str, jurisdiction: str, rule: str, sources: list[str],
                line: int, key: str = "", **extra: Any) -> None:
        props = {"rule": rule, "confidence": CONFIDENCE[rule], "sources": sources,
                 **{k: v for k, v in extra.items() if v}}
        record = RelationshipRecord(rel_type, firm, jurisdiction, props, key, self.origin(line))
        if record.id not in self.seen:  # a relative reached twice keeps its first (closest) rule
            self.seen.add(record.id)
            self.batch.relationships.append(record)


def _relative_phrase(row: RelationshipRow, relative: LeiRecord, rule: str, head: LeiRecord | None) -> str:
    what = {"gleif-branch": "International branch", "gleif-subsidiary": "Subsidiary",
            "gleif-group-subsidiary": "Group subsidiary"}[rule]
    place = f" in {relative.city}" if relative.city else ""
    of = f" of {head.name} (LEI {head.lei})" if head is not None and rule == "gleif-group-subsidiary" else ""
    return f"{what}{of}: {relative.name} (LEI {relative.lei}){place}, {row.type}"[:500]


def _establishments(writer: _Writer, link: GleifLink, rows: list[RelationshipRow], rule: str,
                    details: dict[str, LeiRecord], eu: dict[str, str], report: QualityReport,
                    head: LeiRecord | None = None) -> int:
    made = 0
    own = writer.source(link.record)
    closest_first = {BRANCH: 0, DIRECT: 1, ULTIMATE: 2}
    for row in sorted(rows, key=lambda r: (closest_first.get(r.type, 3), r.line)):
        relative = details.get(row.start)
        if relative is None or row.start == link.record.lei or not _live(relative):
            continue
        jurisdiction = eu.get(relative.legal_country)
        if jurisdiction is None:
            continue
        if row.status == "INACTIVE" and not row.valid_to:
            report.note(f"line {row.line}", "Relationship.Period", "gleif-ended-undated",
                        f"{row.start} -> {row.end}: inactive with no end date, no establishment derived")
            continue
        this_rule = "gleif-branch" if row.type == BRANCH and rule == "gleif-subsidiary" else rule
        writer.located("HAS_ESTABLISHMENT", link.firm.id, jurisdiction, this_rule,
                       [writer.source(relative), own], row.line, key=f"lei-{relative.lei.lower()}",
                       valid_from=row.valid_from, valid_to=row.valid_to,
                       description=_relative_phrase(row, relative, this_rule, head))
        made += 1
    return made


def link_gleif(level1: Path, relationships: Path | None, firms: list[Firm],
               jurisdictions: dict[str, str], eu_jurisdictions: dict[str, str],
               legal_forms: frozenset[str], dataset: str) -> ReportedBatch:
    """The batch linking ``firms`` to the golden copy, with its quality report.

    ``jurisdictions``: country code -> Jurisdiction id of those in the store;
    ``eu_jurisdictions``: the same for the EU and EEA members (where an establishment
    counts).
    """
    report = QualityReport(file=str(level1), format=FORMAT)
    links = _match_records(level1, firms, legal_forms, report)
    writer = _Writer(level1, dataset)
    relatives = _relatives(relationships, {link.record.lei for link in links}) if relationships else _Relatives()
    wanted = {row.start for rows in (*relatives.children.values(), *relatives.group.values()) for row in rows}
    details = _details(level1, wanted | set(relatives.ultimate.values()))
    derived = 0
    for link in links:
        record, firm = link.record, link.firm
        own = writer.source(record)
        props: dict[str, Any] = {"name": record.name, "identifiers": [f"lei:{record.lei}"],
                                 "sources": [own]}
        if record.legal_country and link.rule != "gleif-exact-name":
            # a name-only link states no country: its location stays a rule's (it can show
            # an EU establishment, never the absence of one)
            props["country"] = record.legal_country
        writer.batch.nodes.append(NodeRecord(firm.id, "Company", props, writer.origin(record.line)))
        report.note(firm.id, "identifiers", link.rule, f"linked to LEI {record.lei} {record.name!r}")
        home = jurisdictions.get(record.jurisdiction[:2]) if record.jurisdiction else None
        if home:
            writer.located("INCORPORATED_IN", firm.id, home, "gleif-legal-jurisdiction", [own], record.line)
        seat = jurisdictions.get(record.hq_country)
        if seat and record.hq_country != record.legal_country:
            writer.located("HAS_ESTABLISHMENT", firm.id, seat, "gleif-headquarters", [own], record.line,
                           key=f"lei-{record.lei.lower()}-hq",
                           description=f"Headquarters address of {record.name} (LEI {record.lei})")
        derived += _establishments(writer, link, relatives.children.get(record.lei, []),
                                   "gleif-subsidiary", details, eu_jurisdictions, report)
        head_lei = relatives.ultimate.get(record.lei)
        if head_lei:
            derived += _establishments(writer, link, relatives.group.get(head_lei, []),
                                       "gleif-group-subsidiary", details, eu_jurisdictions, report,
                                       head=details.get(head_lei))
    by_rule: dict[str, int] = defaultdict(int)
    for link in links:
        by_rule[link.rule] += 1
    report.rows_loaded = len(links)
    report.figures.update({
        "firms considered": len(firms), "firms linked": len(links),
        "linked by rule": dict(sorted(by_rule.items())),
        "left for review": sum(1 for n in report.notes if n.rule == "gleif-review"),
        "EU/EEA establishments derived": derived,
    })
    writer.batch.report = report
    return writer.batch
