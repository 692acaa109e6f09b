"""Format ``gdpr-fines-tsv``: the GDPR fines table (Privacy Affairs, via TidyTuesday 2020-04-21).

One row is one decision: Regulator -ISSUED-> Decision -IMPOSES-> Sanction, both AGAINST the
party; Decision -INFRINGES-> the GDPR article (provision, paragraph, point; key = provision)
or -CITES-> a national law. Regulators and named parties are one node each across rows
(see ``gdprfines_tables``); anonymous parties are one node per decision. The batch carries
a :class:`~enforcegraph.loaders.quality.QualityReport` (``--report``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import LoadFormat, register_format
from enforcegraph.loaders.builder import RecordBuilder
from enforcegraph.loaders.gdpr import EURLEX_SOURCE_ID, GDPR_LAW_ID, eurlex_source, gdpr_law
from enforcegraph.loaders.gdprfines_rows import COLUMNS, FineRow, clean_row
from enforcegraph.loaders.gdprfines_tables import Tables, load_tables
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.quality import QualityReport, ReportedBatch
from enforcegraph.loaders.sources import source_id
from enforcegraph.loaders.tabular import read_table
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.names import party_key
from enforcegraph.schema.records import NodeRecord, Origin

__all__ = ["DATASET_SOURCE_ID", "read_gdpr_fines"]

FORMAT = "gdpr-fines-tsv"
PREFIX = "gdpr-fines-2020"
DATASET_SOURCE_ID = "source:privacyaffairs-gdpr-fines"
_DATASET_SOURCE = {
    "url": "https://www.privacyaffairs.com/gdpr-fines/",
    "title": "GDPR fines tracker (as of April 2020; table published by TidyTuesday, 2020-04-21)",
    "publisher": "Privacy Affairs",
    "date": "2020-04-21",
    "kind": "dataset",
}


def _party(row: FineRow, tables: Tables, names: dict[str, Counter[str]]) -> tuple[str, dict[str, Any]]:
    if row.anonymous:
        party_id = f"company:anonymous-{PREFIX}-{row.row_id}"
        return party_id, {"name": row.controller, "kind": "anonymous"}
    key = party_key(row.controller, tables.legal_forms)
    spellings = names[key]
    name = sorted(spellings, key=lambda n: (-spellings[n], n))[0]
    aliases = sorted(n for n in spellings if n != name)
    props: dict[str, Any] = {"name": name, "kind": tables.party_kind(row.controller)}
    if aliases:
        props["aliases"] = aliases
    return f"company:{key}", props


def _add_row(b: RecordBuilder, row: FineRow, tables: Tables, names: dict[str, Counter[str]],
             origin: Origin) -> None:
    src = source_id(row.source)
    sources = [src, DATASET_SOURCE_ID]
    b.node(src, "Source", {"url": row.source}, origin)
    reg = row.regulator
    reg_props: dict[str, Any] = {"name": reg.name, "country": reg.country,
                                 "kind": "data_protection", "sources": [DATASET_SOURCE_ID]}
    if reg.acronym:
        reg_props["acronym"] = reg.acronym
    aliases = [a for a in (*reg.aliases, *reg.variants) if a != reg.name]
    if aliases:
        reg_props["aliases"] = list(dict.fromkeys(aliases))
    b.node(reg.id, "Regulator", reg_props, origin)
    b.rel("ENFORCES", reg.id, GDPR_LAW_ID, {"sources": [EURLEX_SOURCE_ID]}, origin)
    party_id, party_props = _party(row, tables, names)
    b.node(party_id, "Company", {**party_props, "sources": sources}, origin)
    decision_id = f"decision:{PREFIX}-{row.row_id}"
    sanction_id = f"sanction:{PREFIX}-{row.row_id}"
    decision: dict[str, Any] = {
        "kind": "proposed_fine" if row.proposed else "fine_decision",
        "title": f"{party_props['name']} ({reg.acronym or reg.name})",
        "date": row.date,
        "summary": row.summary or None,
        "violation_category": row.category,
        "sources": sources,
    }
    if row.proposed:
        decision["status"] = "proposed"
    b.node(decision_id, "Decision", {k: v for k, v in decision.items() if v is not None}, origin)
    sanction: dict[str, Any] = {"kind": "proposed_fine" if row.proposed else "fine",
                                "sources": sources}
    if row.amount is not None:
        sanction.update(amount=row.amount, currency="EUR", amount_eur=row.amount)
    else:
        sanction["description"] = "A fine whose amount the source does not state (price 0)."
    b.node(sanction_id, "Sanction", sanction, origin)
    b.rel("ISSUED", reg.id, decision_id, {"sources": sources}, origin)
    b.rel("IMPOSES", decision_id, sanction_id, {"sources": sources}, origin)
    b.rel("AGAINST", decision_id, party_id, {"sources": sources}, origin)
    b.rel("AGAINST", sanction_id, party_id, {"sources": sources}, origin)
    for citation in row.citations:
        b.cite(decision_id, citation, sources, origin)
    for law_text in row.laws:
        law = tables.laws[law_text]
        b.node(law.id, "Law", {"name": law.name, "country": law.country, "url": law.url,
                               "sources": [DATASET_SOURCE_ID]}, origin)
        b.rel("CITES", decision_id, law.id, {"provision": law_text, "sources": sources}, origin)


def _figures(rows: list[FineRow]) -> dict[str, Any]:
    by_country: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.amount is not None and not row.proposed:
            by_country[row.country] += row.amount
    return {
        "decisions": len(rows),
        "fines_total_eur_by_country": {k: by_country[k] for k in sorted(by_country)},
        "fines_total_eur": sum(by_country.values()),
        "proposed_fines": sum(1 for r in rows if r.proposed),
        "fines_without_amount": sum(1 for r in rows if r.amount is None),
        "decisions_without_date": sum(1 for r in rows if r.date is None),
        "anonymous_parties": sum(1 for r in rows if r.anonymous),
        "regulators": len({r.regulator.id for r in rows}),
    }


def read_gdpr_fines(path: Path, limits: InputLimits | None = None) -> ReportedBatch:
    """Read the table; InvalidData lists every bad row; the batch carries the report."""
    tables = load_tables()
    _, table = read_table(path, COLUMNS, final_newline=True, limits=limits)
    report = QualityReport(str(path), FORMAT, rows_read=len(table))
    rows: list[FineRow] = []
    errors: list[FieldError] = []
    seen_ids: dict[str, int] = {}
    for raw in table:
        row, problems = clean_row(path, raw, tables, report)
        errors += problems
        row_id = raw.cells["id"].strip()
        if row_id in seen_ids or not row_id.isdigit():
            what = "duplicate" if row_id in seen_ids else "not a whole number"
            errors.append(FieldError(str(path), raw.record, "id", f"{what}: {row_id!r}"))
        seen_ids.setdefault(row_id, raw.line)
        if row is not None:
            rows.append(row)
    if errors:
        raise InvalidData(errors)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if not row.anonymous:
            names[party_key(row.controller, tables.legal_forms)][row.controller] += 1
    b = RecordBuilder()
    here = Origin(str(path), "line 1")
    for node in (eurlex_source(), NodeRecord(DATASET_SOURCE_ID, "Source", dict(_DATASET_SOURCE), here),
                 gdpr_law()):
        b.node(node.id, node.label, node.properties, node.origin)
    for row in rows:
        _add_row(b, row, tables, names, Origin(str(path), f"line {row.line}"))
    for key, spellings in sorted(names.items()):
        if len(spellings) > 1:
            report.note(f"company:{key}", "controller", "party-merged",
                        f"one party from spellings {sorted(spellings)}")
    report.rows_loaded = len(rows)
    report.figures = _figures(rows)
    return ReportedBatch(list(b.nodes.values()), list(b.rels.values()), report=report)


register_format(
    LoadFormat(
        name=FORMAT,
        description="GDPR fines table (Privacy Affairs via TidyTuesday 2020): one decision per row, "
        "with a data-quality report.",
        suffixes=("gdpr_violations.tsv",),
        read=read_gdpr_fines,
    )
)
