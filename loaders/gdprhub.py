"""Formats ``gdprhub-csv`` and ``gdprhub-json``: GDPRhub's decisions of authorities and courts.

GDPRhub's terms do not let us bundle its summaries: the user fetches the file (the site's
CSV download, or its decision API's JSON) or gives one. Both formats read the same way
(loaders/gdprhub_read.py gives the records, gdprhub_rows.py cleans them by stated rules,
gdprhub_build.py makes the nodes). Each is recorded as a dataset named after its format,
``gdprhub-csv`` or ``gdprhub-json`` (source priority ``gdprhub`` in schema/model.yaml, by
the name's prefix), whatever the file is called: a newer snapshot of a format replaces
what the older one said, and the API's richer record of a decision lands on the node the
CSV made beside the CSV's word (where the two differ, such as a page title the CSV can
only build, both values stay on record and the store shows the conflict), so loading
one after the other and again changes nothing.

Decision ids (the same from both formats): ``decision:gdprhub-{issuer}-{case}``, where
``issuer`` is the issuer's id without its prefix (``es-aepd``, ``at-bvwg``, ``eu-cjeu``)
and ``case`` the slug of the case number/name (``PS/00032/2020`` and ``PS-00032-2020``
are one). Two rows of one file that share issuer and case but not their summary are two
decisions: each gets ``-{digest}`` (8 hex of the summary's sha256, ``case-shared``); the
same row given twice is one decision (``duplicate-row``); a decision without a case number
(or whose case cell gives none: ``ref-placeholder``) is ``decision:gdprhub-{issuer}-nocase-{digest}``. So a summary edited in a later snapshot
moves only those decisions to a new id. The sample of the API holds one of two rows the
full CSV shares a case number for (AEPD PS/00032/2020): there the ids differ.

Streaming: the file is read twice, a record at a time. The first pass cleans every
record for the quality report, finds shared case numbers and counts the spellings of each
named party; no batch is handed on before it ends, so a file with a broken record loads
nothing on either backend. The second pass builds batches of about ``size`` records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import BATCH_RECORDS, LoadFormat, register_format
from enforcegraph.loaders.builder import FirmNames
from enforcegraph.loaders.gdprfines_tables import load_tables as fines_tables
from enforcegraph.loaders.gdprhub_build import HubBuilder, case_key, named_key
from enforcegraph.loaders.gdprhub_parties import against
from enforcegraph.loaders.gdprhub_read import csv_records, json_records
from enforcegraph.loaders.gdprhub_rows import HubDecision, HubRecord, clean
from enforcegraph.loaders.gdprhub_tables import load_tables
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.quality import QualityReport, ReportedBatch
from enforcegraph.schema.errors import FieldError, InvalidData
from enforcegraph.schema.records import Batch, Origin

__all__ = ["decision_key", "read_gdprhub_csv", "read_gdprhub_json",
           "stream_gdprhub_csv", "stream_gdprhub_json"]

Records = Callable[[Path, InputLimits | None, list[FieldError]], Iterator[HubRecord]]


def decision_key(d: HubDecision, shared: set[tuple[str, str]]) -> str:
    """The part of the decision's id after ``decision:gdprhub-`` (see the module's docstring)."""
    case = case_key(d.ref)
    if case is None:
        return f"{d.issuer.key}-nocase-{d.digest}"
    if (d.issuer.key, case) in shared:
        return f"{d.issuer.key}-{case}-{d.digest}"
    return f"{d.issuer.key}-{case}"


class _FirstPass:
    """What the second pass needs, and the report's figures."""

    def __init__(self) -> None:
        self.digests: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.names = FirmNames(lambda name: named_key(name, fines_tables().legal_forms))
        self.dpa_read = 0
        self.dpa_loaded = 0
        self.by_issuer: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.currencies: Counter[str] = Counter()
        self.fines_eur = 0.0
        self.against = 0
        self.anonymous = 0
        self.persons = 0

    def add(self, record: HubRecord, d: HubDecision | None) -> None:
        is_dpa = record.decision_by.strip().startswith("DPA:")
        self.dpa_read += is_dpa
        if d is None:
            return
        self.dpa_loaded += is_dpa
        self.by_issuer[d.issuer.label] += 1
        self.kinds[d.kind] += 1
        case = case_key(d.ref)
        if case is not None:
            self.digests[(d.issuer.key, case)].add(d.digest)
        if d.currency:
            self.currencies[d.currency] += 1
        self.fines_eur += d.amount_eur or 0.0
        for party in against(d.parties):
            self.against += 1
            self.anonymous += party.anonymous
            if party.person is not None:
                self.persons += 1
            elif not party.anonymous:
                self.names.add(party.name)

    def shared(self) -> set[tuple[str, str]]:
        return {key for key, digests in self.digests.items() if len(digests) > 1}

    def figures(self) -> dict[str, Any]:
        share = self.dpa_loaded / self.dpa_read if self.dpa_read else 0.0
        return {
            "dpa_decisions_read": self.dpa_read,
            "dpa_decisions_loaded": self.dpa_loaded,
            "dpa_share_loaded": round(share, 4),
            "decisions_by_issuer": dict(sorted(self.by_issuer.items())),
            "decisions_by_kind": dict(sorted(self.kinds.items())),
            "fines_by_currency": dict(sorted(self.currencies.items())),
            "fines_total_eur": round(self.fines_eur, 2),
            "parties_against": self.against,
            "anonymous_parties": self.anonymous,
            "named_persons": self.persons,
            "named_parties": len({self.names.id_of(n) for s in self.names.spellings.values() for n in s}),
        }


def _stream(fmt: str, records: Records, path: Path, limits: InputLimits | None,
            size: int) -> Iterator[Batch]:
    tables, fines = load_tables(), fines_tables()
    report = QualityReport(str(path), fmt)
    errors: list[FieldError] = []
    first = _FirstPass()
    for record in records(path, limits, errors):
        report.rows_read += 1
        decision = clean(record, tables, report)
        report.rows_loaded += decision is not None
        first.add(record, decision)
    if errors:
        raise InvalidData(errors)
    report.figures = first.figures()
    splits = first.names.splits()
    for key, spellings in sorted(first.names.spellings.items()):
        if key in splits:
            report.note(f"company:{key}", "Parties", "party-not-merged",
                        "spellings of one name key whose legal forms tell two firms apart: "
                        + "; ".join(f"{node_id}: {sorted(names)}" for node_id, names in splits[key].items())
                        + " (enforcegraph resolve lists the pairs for review)")
        elif len(spellings) > 1:
            report.note(f"company:{key}", "Parties", "party-merged",
                        f"one party from spellings {sorted(spellings)}")
    shared, scratch = first.shared(), QualityReport(str(path), fmt)
    seen: set[str] = set()
    builder = HubBuilder(first.names, fines)
    here = Origin(str(path), "line 1")
    builder.static(here)
    for record in records(path, limits, []):
        decision = clean(record, tables, scratch)
        if decision is None:
            continue
        key = decision_key(decision, shared)
        if key in seen:
            report.note(record.where, "Case number/name", "duplicate-row",
                        f"decision:gdprhub-{key} given again: one decision")
        elif (decision.issuer.key, case_key(decision.ref) or "") in shared:
            report.note(record.where, "Case number/name", "case-shared",
                        f"{decision.case!r} is shared by decisions of other summaries: "
                        f"decision:gdprhub-{key}")
        seen.add(key)
        builder.add(decision, key, Origin(str(path), record.where))
        if len(builder) >= size:
            yield _reported(builder.batch(), report, fmt)
            builder = HubBuilder(first.names, fines)
            builder.static(here)
    yield _reported(builder.batch(), report, fmt)


def _reported(batch: Batch, report: QualityReport, dataset: str) -> ReportedBatch:
    return ReportedBatch(batch.nodes, batch.relationships, dataset=dataset, report=report)


def stream_gdprhub_csv(path: Path, limits: InputLimits | None = None,
                       size: int = BATCH_RECORDS) -> Iterator[Batch]:
    """The CSV download in batches of about ``size`` records (each carries the report)."""
    return _stream("gdprhub-csv", csv_records, path, limits, size)


def stream_gdprhub_json(path: Path, limits: InputLimits | None = None,
                        size: int = BATCH_RECORDS) -> Iterator[Batch]:
    """The API's JSON in batches of about ``size`` records (each carries the report)."""
    return _stream("gdprhub-json", json_records, path, limits, size)


def _whole(stream: Iterator[Batch]) -> ReportedBatch:
    whole = ReportedBatch()
    for batch in stream:
        whole.extend(batch)
        whole.dataset = batch.dataset
        whole.report = getattr(batch, "report", None) or whole.report
    return whole


def read_gdprhub_csv(path: Path, limits: InputLimits | None = None) -> ReportedBatch:
    """The whole CSV as one batch."""
    return _whole(stream_gdprhub_csv(path, limits))


def read_gdprhub_json(path: Path, limits: InputLimits | None = None) -> ReportedBatch:
    """The whole API JSON as one batch."""
    return _whole(stream_gdprhub_json(path, limits))


register_format(LoadFormat(
    name="gdprhub-csv",
    description="GDPRhub's CSV download (decisions of authorities and courts), streamed, "
    "with a data-quality report; not bundled (GDPRhub's terms).",
    suffixes=("gdprhub-decisions.csv", "gdprhub-eu_full_download.csv"),
    read=read_gdprhub_csv,
    stream=stream_gdprhub_csv,
))
register_format(LoadFormat(
    name="gdprhub-json",
    description="GDPRhub's decision API JSON ({total, rows: [{content, wiki}]}), streamed "
    "(ijson), with a data-quality report; not bundled (GDPRhub's terms).",
    suffixes=("gdprhub-decisions.json", "gdprhub-api-sample.json", "gdprhub_sample_download.json",
              ".gdprhub.json"),
    read=read_gdprhub_json,
    stream=stream_gdprhub_json,
))
