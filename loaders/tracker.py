"""Format ``enforcement-tracker-json``: the table behind the CMS GDPR Enforcement Tracker.

The file is the JSON the tracker's page reads (``{"data": [[13 cells], ...]}``, see
``enforcegraph fetch enforcement-tracker``), read as a stream: batches of at most
``BATCH_RECORDS`` records, memory holding a batch and one row. One row is one fine:
Regulator (or Court) -ISSUED-> ``decision:etid-N`` -IMPOSES-> ``sanction:etid-N``, both
AGAINST each party; the Decision -INFRINGES-> GDPR articles, -CITES-> national laws. Every
fact cites the row's ETid page (a Source of kind dataset) and every document its sources
column links. Named parties are ``company:{party_key}`` (the first spelling in the file
the name, the others aliases: a reload says the same; a first pass reads the names of the
whole file, and spellings of one key that the firm-name guard tells apart, such as "Niantic,
Inc." and "Niantic International Limited", are several nodes: loaders/builder.py
``FirmNames``), anonymous ones one node per row. The rules are in
``tracker_rows``; the batches carry a :class:`QualityReport` (``load --report``). Every
batch is recorded as dataset ``enforcement-tracker`` whatever the file is called, so a
newer snapshot replaces what an older one said (and ranks below case files).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import BATCH_RECORDS, LoadFormat, register_format
from enforcegraph.loaders.builder import FirmNames, RecordBuilder
from enforcegraph.loaders.gdpr import EURLEX_SOURCE_ID, GDPR_LAW_ID, eurlex_source, gdpr_law
from enforcegraph.loaders.gdprfines_tables import load_tables as load_fines_tables
from enforcegraph.loaders.jsonstream import iter_array_items
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.persons import person_id
from enforcegraph.loaders.quality import QualityReport, ReportedBatch
from enforcegraph.loaders.sources import source_id
from enforcegraph.loaders.tracker_rows import TrackerRow, clean_tracker_row
from enforcegraph.loaders.tracker_tables import TrackerTables, load_tracker_tables
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.ids import slugify
from enforcegraph.schema.names import party_key
from enforcegraph.schema.records import NodeRecord, Origin

__all__ = ["DATASET", "FORMAT", "PUBLISHER", "TRACKER_SOURCE_ID", "read_tracker", "stream_tracker"]

FORMAT = "enforcement-tracker-json"
DATASET = "enforcement-tracker"
PUBLISHER = "CMS GDPR Enforcement Tracker"
TRACKER_SOURCE_ID = "source:cms-enforcement-tracker"
_TRACKER_SOURCE = {"url": "https://www.enforcementtracker.com/", "title": PUBLISHER,
                   "publisher": PUBLISHER, "kind": "dataset"}


def _batch(b: RecordBuilder, report: QualityReport) -> ReportedBatch:
    batch = b.batch()
    return ReportedBatch(batch.nodes, batch.relationships, DATASET, report=report)


class _Rows:
    """Turns cleaned rows into records; the party spellings of the whole file are known."""

    def __init__(self, tables: TrackerTables, firms: FirmNames) -> None:
        self.tables = tables
        self.fines = load_fines_tables()
        self.firms = firms
        self.law_names: dict[str, str] = {}

    def add(self, b: RecordBuilder, row: TrackerRow, origin: Origin) -> None:
        page_id = f"source:etid-{row.etid}"
        b.node(page_id, "Source", {"url": row.page, "title": f"{PUBLISHER}: ETid-{row.etid}",
                                   "publisher": PUBLISHER, "kind": "dataset"}, origin)
        sources = [page_id]
        for url in row.links:
            sources.append(source_id(url))
            b.node(sources[-1], "Source", {"url": url}, origin)
        issuer = self.issuer(b, row, origin)
        decision_id, sanction_id = f"decision:etid-{row.etid}", f"sanction:etid-{row.etid}"
        parties = [self.party(b, row, i, sources, origin) for i in range(len(row.parties))]
        names = ", ".join(p[1] for p in parties)
        acronym = issuer.properties.get("acronym") or issuer.properties["name"]
        decision: dict[str, Any] = {
            "kind": "proposed_fine" if row.proposed else "fine_decision",
            "title": f"{names} ({acronym})", "date": row.date, "summary": row.summary or None,
            "violation_category": row.category, "sources": sources,
            "status": "proposed" if row.proposed else None,
        }
        b.node(decision_id, "Decision", {k: v for k, v in decision.items() if v is not None}, origin)
        sanction: dict[str, Any] = {"kind": "proposed_fine" if row.proposed else "fine", "sources": sources}
        for name in ("amount", "currency", "amount_eur"):
            if getattr(row, name) is not None:
                sanction[name] = getattr(row, name)
        if row.amount_text:
            sanction["description"] = f"The tracker gives the fine as: {row.amount_text}"
        b.node(sanction_id, "Sanction", sanction, origin)
        b.rel("ISSUED", issuer.id, decision_id, {"sources": sources}, origin)
        b.rel("IMPOSES", decision_id, sanction_id, {"sources": sources}, origin)
        for party_id, _ in parties:
            b.rel("AGAINST", decision_id, party_id, {"sources": sources}, origin)
            b.rel("AGAINST", sanction_id, party_id, {"sources": sources}, origin)
        for citation in row.citations:
            b.cite(decision_id, citation, sources, origin)
        for law_name, provision in row.laws:
            law_id = f"law:{row.country.lower()}-{slugify(law_name)}"
            name = self.law_names.setdefault(law_id, law_name)  # the first spelling, as for firms
            b.node(law_id, "Law", {"name": name, "country": row.country, "sources": [page_id]}, origin)
            b.rel("CITES", decision_id, law_id, {"provision": provision, "sources": sources}, origin,
                  slugify(provision))

    def issuer(self, b: RecordBuilder, row: TrackerRow, origin: Origin) -> Any:
        issuer = row.issuer
        props = dict(issuer.properties)
        if issuer.website:
            website_id = source_id(issuer.website)
            b.node(website_id, "Source", {"url": issuer.website, "kind": "regulator",
                                          "title": f"{props['name']}: official website"}, origin)
            props["sources"] = [website_id]
        else:
            props["sources"] = [TRACKER_SOURCE_ID]
        if row.authority != props["name"]:
            props["aliases"] = [*(props.get("aliases") or []), row.authority]
        b.node(issuer.id, issuer.label, props, origin)
        if issuer.label == "Regulator":
            b.rel("ENFORCES", issuer.id, GDPR_LAW_ID, {"sources": [EURLEX_SOURCE_ID]}, origin)
        return issuer

    def party(self, b: RecordBuilder, row: TrackerRow, index: int, sources: list[str],
              origin: Origin) -> tuple[str, str]:
        party = row.parties[index]
        if party.anonymous:
            suffix = f"-{index + 1}" if index else ""
            party_id = f"company:anonymous-etid-{row.etid}{suffix}"
            b.node(party_id, "Company", {"name": party.name, "kind": "anonymous", "sources": sources}, origin)
            return party_id, party.name
        if party.person is not None:
            party_id = person_id(party.person)
            person: dict[str, Any] = {"name": party.person.name, "sources": sources}
            if party.name != party.person.name:
                person["aliases"] = [party.name]
            b.node(party_id, "Person", person, origin)
            return party_id, party.name
        party_id = self.firms.id_of(party.name)
        seen = self.firms.spellings_of(party.name)
        name = next(iter(seen))  # the first spelling in the file: every batch says the same
        props: dict[str, Any] = {"name": name, "kind": self.fines.party_kind(party.name), "sources": sources}
        aliases = sorted(n for n in seen if n != name)
        if aliases:
            props["aliases"] = aliases
        b.node(party_id, "Company", props, origin)
        return party_id, party.name


def _figures(report: QualityReport, by_country: dict[str, float], counts: Counter[str]) -> None:
    report.figures = {
        "decisions": report.rows_loaded,
        "fines_total_eur_by_country": {k: by_country[k] for k in sorted(by_country)},
        "fines_total_eur": sum(by_country.values()),
        "fines_with_original_currency": counts["original"],
        "fines_without_amount": counts["no_amount"],
        "decisions_without_date": counts["no_date"],
        "anonymous_parties": counts["anonymous"],
        "named_persons": counts["persons"],
        "parties": counts["parties"],
    }


def _firm_names(path: Path, limits: InputLimits | None, tables: TrackerTables,
                report: QualityReport) -> FirmNames:
    """The named parties of the whole file (a first pass), so that every batch gives a
    party the same id and name; spellings of one key that are several firms are noted
    (``party-not-merged``)."""
    firms = FirmNames(lambda name: party_key(name, tables.legal_forms))
    scratch = QualityReport(str(path), FORMAT)
    for item in iter_array_items(path, "data", limits):
        row, _ = clean_tracker_row(path, item.line, item.index, item.value, tables, scratch)
        for party in row.parties if row is not None else []:
            if not party.anonymous and party.person is None:
                firms.add(party.name)
    for key, nodes in firms.splits().items():
        report.note(f"company:{key}", "controller", "party-not-merged",
                    "spellings of one name key whose legal forms tell two firms apart: "
                    + "; ".join(f"{node_id}: {sorted(names)}" for node_id, names in nodes.items())
                    + " (enforcegraph resolve lists the pairs for review)")
    return firms


def stream_tracker(path: Path, limits: InputLimits | None = None,
                   size: int = BATCH_RECORDS) -> Iterator[ReportedBatch]:
    """The file as batches of at most ``size`` records (a row's records stay together);
    InvalidData lists the bad rows found before the batch they fall in."""
    tables = load_tracker_tables()
    report = QualityReport(str(path), FORMAT)
    firms = _firm_names(path, limits, tables, report)
    rows = _Rows(tables, firms)
    b = RecordBuilder()
    here = Origin(str(path), "line 1")
    for node in (eurlex_source(), NodeRecord(TRACKER_SOURCE_ID, "Source", dict(_TRACKER_SOURCE), here),
                 gdpr_law()):
        b.node(node.id, node.label, node.properties, node.origin)
    errors: list[FieldError] = []
    seen: dict[int, int] = {}
    by_country: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    for item in iter_array_items(path, "data", limits):
        report.rows_read += 1
        row, problems = clean_tracker_row(path, item.line, item.index, item.value, tables, report)
        errors += problems
        if row is not None and row.etid in seen:
            errors.append(FieldError(str(path), f"line {item.line} (row {item.index})", "etid",
                                     f"ETid-{row.etid} again (first at line {seen[row.etid]})"))
        if row is None or errors:
            continue
        seen[row.etid] = item.line
        rows.add(b, row, Origin(str(path), f"line {item.line} (ETid-{row.etid})"))
        report.rows_loaded += 1
        by_country[row.country] += row.amount_eur or 0.0
        counts.update(original=row.currency not in (None, "EUR"), no_amount=row.amount_eur is None,
                      no_date=row.date is None, parties=len(row.parties),
                      anonymous=sum(p.anonymous for p in row.parties),
                      persons=sum(p.person is not None for p in row.parties))
        if len(b) >= size:
            yield _batch(b, report)
            b = RecordBuilder()
    if errors:
        raise InvalidData(errors)
    _figures(report, by_country, counts)
    yield _batch(b, report)


def read_tracker(path: Path, limits: InputLimits | None = None) -> ReportedBatch:
    """The whole file as one batch (see :func:`stream_tracker`)."""
    (batch,) = stream_tracker(path, limits, sys.maxsize)
    return batch


register_format(
    LoadFormat(
        name=FORMAT,
        description="CMS GDPR Enforcement Tracker table (JSON, as the site serves it; "
        "enforcegraph fetch enforcement-tracker): one fine per row, streamed, with a data-quality report.",
        suffixes=("enforcementtracker.json",),
        read=read_tracker,
        stream=stream_tracker,
    )
)
