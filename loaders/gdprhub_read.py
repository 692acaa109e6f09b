"""The two GDPRhub files read as :class:`HubRecord` streams, every record located.

- ``gdprhub-csv``: the site's full CSV download (RFC 4180, newlines in fields), read a row
  at a time (``loaders/tabular.py`` ``iter_table``).
- ``gdprhub-json``: the site's decision API (``{"total": N, "rows": [{"content": {...},
  "wiki": {...}}]}``), read with the streaming parser ijson (its C backend where
  installed): one row is built at a time, so memory holds one row whatever the file's
  size. The API's JSON is one line, so the line limit does not apply; the file limit
  does, and every record the limit of one record.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from enforcegraph.loaders.base import fail
from enforcegraph.loaders.gdprhub_parties import split_parties
from enforcegraph.loaders.gdprhub_rows import HubRecord
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.tabular import iter_table
from enforcegraph.schema.errors import EnforcegraphError, FieldError

__all__ = ["CJEU_LABEL", "CSV_COLUMNS", "csv_records", "json_records"]

CJEU_LABEL = "CJEU (Court of Justice of the European Union)"  # the CSV's "Decision by"

CSV_COLUMNS = ["Decision by", "Case number/name", "Jurisdiction", "Date of decision",
               "Relevant GDPR articles", "Relevant EU laws", "Relevant national/other laws",
               "Type of decision & outcome", "Fine", "Parties", "Contributor", "Summary"]


def csv_records(path: Path, limits: InputLimits | None, errors: list[FieldError]) -> Iterator[HubRecord]:
    """The CSV's rows; a broken row goes to ``errors`` (the caller raises them)."""
    _, rows = iter_table(path, CSV_COLUMNS, errors, delimiter=",", exact=True, limits=limits)
    for row in rows:
        c = row.cells
        yield HubRecord(
            where=row.record, decision_by=c["Decision by"], jurisdiction=c["Jurisdiction"],
            case=c["Case number/name"], date=c["Date of decision"],
            articles=c["Relevant GDPR articles"], type_outcome=c["Type of decision & outcome"],
            fine=c["Fine"], parties=split_parties(c["Parties"]), summary=c["Summary"],
        )


class _Limited:
    """A binary file read no further than ``limit`` bytes (then InvalidData)."""

    def __init__(self, path: Path, handle: IO[bytes], limit: int) -> None:
        self.path, self.handle, self.limit, self.total = path, handle, limit, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size if size >= 0 else 1 << 16)  # ijson asks read(0) first
        self.total += len(chunk)
        if self.total > self.limit:
            raise fail(self.path, "-", "-", f"larger than {self.limit:,} bytes "
                       "(ENFORCEGRAPH_MAX_INPUT_BYTES); split it, or raise the limit")
        return chunk


def _text(value: Any, where: str, fld: str, path: Path, errors: list[FieldError]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    errors.append(FieldError(str(path), where, fld, f"expected text, got {type(value).__name__}"))
    return ""


def _mapping(value: Any, where: str, fld: str, path: Path, errors: list[FieldError]) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    errors.append(FieldError(str(path), where, fld, f"expected an object, got {type(value).__name__}"))
    return {}


def _items(value: Any, where: str, fld: str, path: Path, errors: list[FieldError]) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    errors.append(FieldError(str(path), where, fld, "expected a list of objects"))
    return []


def _record(row: Any, index: int, path: Path, errors: list[FieldError]) -> HubRecord | None:
    where = f"row {index}"
    if not isinstance(row, dict):
        errors.append(FieldError(str(path), where, "-", "a row must be an object with content and wiki"))
        return None
    content = _mapping(row.get("content"), where, "content", path, errors)
    wiki = _mapping(row.get("wiki"), where, "wiki", path, errors)

    def t(value: Any, fld: str) -> str:
        return _text(value, where, fld, path, errors)

    decider = t(content.get("decider_type"), "content.decider_type").strip().lower()
    court = _mapping(content.get("court"), where, "content.court", path, errors)
    if decider == "dpa":
        decision_by = f"DPA: {t(content.get('dpa'), 'content.dpa')}"
    elif decider == "court":
        label = court.get("orig_abbr") or court.get("abbr") or court.get("name")
        decision_by = f"Court: {t(label, 'content.court')}"
    elif decider == "cjeu":
        decision_by = CJEU_LABEL
    else:  # an issuer kind these tables do not know: held back as unmapped, naming it
        label = t(content.get("dpa"), "content.dpa") or t(court.get("orig_abbr"), "content.court") or "?"
        decision_by = f"{decider}: {label}" if decider else ""
    laws = _mapping(content.get("applied_laws"), where, "content.applied_laws", path, errors)
    articles = [(t(a.get("article"), "applied_laws.gdpr"), t(a.get("paragraph"), "applied_laws.gdpr"),
                 t(a.get("subparagraph"), "applied_laws.gdpr"))
                for a in _items(laws.get("gdpr"), where, "content.applied_laws.gdpr", path, errors)]
    kind, outcome = t(content.get("decision_type"), "content.decision_type"), t(content.get("outcome"), "content.outcome")
    fine = _mapping(content.get("fine"), where, "content.fine", path, errors)
    text = _mapping(content.get("text"), where, "content.text", path, errors)
    appeal = _mapping(content.get("appeal_to"), where, "content.appeal_to", path, errors)
    return HubRecord(
        where=where, decision_by=decision_by, jurisdiction=t(content.get("jurisdiction"), "content.jurisdiction"),
        case=t(content.get("case_nr_name"), "content.case_nr_name"),
        date=t(content.get("date_decided"), "content.date_decided"), articles=articles,
        type_outcome=" → ".join(p for p in (kind.strip(), outcome.strip()) if p),
        fine=f"{t(fine.get('amount'), 'content.fine.amount')} {t(fine.get('currency'), 'content.fine.currency')}".strip(),
        parties=[t(p.get("name"), "content.parties") for p in
                 _items(content.get("parties"), where, "content.parties", path, errors)],
        summary=t(text.get("summary"), "content.text.summary"),
        published=t(content.get("date_published"), "content.date_published"),
        page_url=t(wiki.get("url"), "wiki.url").strip() or None,
        page_title=t(wiki.get("title"), "wiki.title").strip() or None,
        documents=[(t(s.get("url"), "content.sources"), t(s.get("name"), "content.sources"))
                   for s in _items(content.get("sources"), where, "content.sources", path, errors)],
        appeal=t(appeal.get("status"), "content.appeal_to.status"),
    )


def json_records(path: Path, limits: InputLimits | None, errors: list[FieldError]) -> Iterator[HubRecord]:
    """The API's rows; a row of the wrong shape goes to ``errors``; a file that is not
    the API's shape, or not JSON, fails at once (InvalidData naming the row)."""
    limits = limits or InputLimits()
    if path.is_dir():
        raise EnforcegraphError(f"{path}: is a folder; give the file")
    index, seen_rows = -1, False
    try:
        with path.open("rb") as handle:
            builder: Any = None
            for prefix, event, value in ijson.parse(_Limited(path, handle, limits.file_bytes), use_float=True):
                if prefix == "" and event not in ("start_map", "end_map", "map_key"):
                    raise fail(path, "-", "-", 'not the GDPRhub API\'s shape: expected {"total": N, "rows": [...]}')
                if prefix == "rows":
                    if event not in ("start_array", "end_array"):
                        raise fail(path, "-", "rows", "not the GDPRhub API's shape: rows must be a list")
                    seen_rows = True
                elif prefix == "rows.item" and event in ("start_map", "start_array") and builder is None:
                    index += 1
                    builder = ijson.ObjectBuilder()
                    builder.event(event, value)
                elif prefix == "rows.item" and builder is None:
                    index += 1
                    _record(value, index, path, errors)  # a scalar row: an error
                elif prefix.startswith("rows.item") and builder is not None:
                    builder.event(event, value)
                    if prefix == "rows.item" and event in ("end_map", "end_array"):
                        row, builder = builder.value, None
                        record = _record(row, index, path, errors)
                        if record is not None:
                            yield record
    except ijson.JSONError as exc:
        first = (str(exc).splitlines() or ["unreadable"])[0].strip()  # ijson adds a multi-line excerpt
        raise fail(path, f"row {max(index, 0)}", "-", f"not JSON: {first}") from None
    except OSError as exc:
        raise EnforcegraphError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not seen_rows:
        raise fail(path, "-", "rows", "not the GDPRhub API's shape: no rows list")
