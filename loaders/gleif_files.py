"""Reading the GLEIF golden-copy CSV files, a row at a time.

Two files, as GLEIF publishes them (https://www.gleif.org/en/lei-data/gleif-golden-copy,
format documentation: the LEI-CDF and RR-CDF "CSV flat file" descriptions):

- Level 1, LEI records (``...-gleif-goldencopy-lei2-golden-copy.csv``): one row per legal
  entity; columns named by the CDF path (``LEI``, ``Entity.LegalName``,
  ``Entity.LegalAddress.Country``, ``Entity.HeadquartersAddress.Country``, ...).
- Level 2, relationship records (``...-gleif-goldencopy-rr-golden-copy.csv``): one row
  per relationship between two LEIs (``Relationship.StartNode.NodeID`` is the child or
  branch, ``Relationship.EndNode.NodeID`` the parent or head office), with up to five
  periods (``Relationship.Period.N.startDate/endDate/periodType``).

Both may be given as the ``.csv`` or the ``.zip`` GLEIF serves. Only the columns below
are read; others (GLEIF adds columns between versions) are ignored, and a missing one is
an error naming the file and the column. Memory stays flat: rows are read one by one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from enforcegraph.schema.errors import FieldError, InvalidData

__all__ = [
    "LEI_PATTERN",
    "LeiRecord",
    "RelationshipRow",
    "gleif_date",
    "read_lei_records",
    "read_relationships",
]

LEI_PATTERN = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")  # ISO 17442: 18 characters, 2 check digits

LEVEL1_COLUMNS = {
    "lei": "LEI",
    "name": "Entity.LegalName",
    "legal_country": "Entity.LegalAddress.Country",
    "hq_country": "Entity.HeadquartersAddress.Country",
    "jurisdiction": "Entity.LegalJurisdiction",
    "legal_form": "Entity.LegalForm.EntityLegalFormCode",
    "entity_status": "Entity.EntityStatus",
    "registration_status": "Registration.RegistrationStatus",
}
LEVEL1_OPTIONAL = {
    "other_name": "Entity.OtherEntityNames.OtherEntityName.1",
    "legal_city": "Entity.LegalAddress.City",
}
RELATIONSHIP_COLUMNS = {
    "start": "Relationship.StartNode.NodeID",
    "start_type": "Relationship.StartNode.NodeIDType",
    "end": "Relationship.EndNode.NodeID",
    "end_type": "Relationship.EndNode.NodeIDType",
    "type": "Relationship.RelationshipType",
    "status": "Relationship.RelationshipStatus",
    "registration_status": "Registration.RegistrationStatus",
}
PERIODS = 5


@dataclass(frozen=True)
class LeiRecord:
    """The part of a Level 1 LEI record the loader uses."""

    lei: str
    name: str
    other_name: str
    legal_country: str
    hq_country: str
    jurisdiction: str
    legal_form: str
    entity_status: str
    registration_status: str
    city: str
    line: int


@dataclass(frozen=True)
class RelationshipRow:
    """A Level 2 relationship record: ``start`` (child, branch) -> ``end`` (parent, head office)."""

    start: str
    end: str
    type: str
    status: str
    registration_status: str
    valid_from: str | None
    valid_to: str | None
    line: int


def gleif_date(value: str) -> str | None:
    """A GLEIF timestamp as a day: ISO 8601 (``2018-06-15T00:00:00.000Z``) or, in older
    files, milliseconds since 1970 (``1498089600000``); empty gives None.

    >>> gleif_date("2018-06-15T00:00:00.000Z"), gleif_date("1498089600000"), gleif_date("")
    ('2018-06-15', '2017-06-22', None)
    """
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return datetime.fromtimestamp(int(value) / 1000, UTC).date().isoformat()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    raise ValueError(f"not a GLEIF date: {value[:40]!r}")


@contextmanager
def _text(path: Path) -> Iterator[IO[str]]:
    """The CSV text of a ``.csv`` file or of the one CSV inside a GLEIF ``.zip``."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if len(members) != 1:
                raise InvalidData([FieldError(str(path), "archive", "file",
                                              f"expected one CSV file in the archive, found {len(members)}")])
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield handle


def _rows(path: Path, required: dict[str, str], optional: dict[str, str]
          ) -> Iterator[tuple[int, list[str], dict[str, int]]]:
    """(line, row, {field: column index}) for each data row, the header checked first."""
    with _text(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InvalidData([FieldError(str(path), "line 1", "header", "the file is empty")]) from None
        index = {name: i for i, name in enumerate(header)}
        missing = [column for column in required.values() if column not in index]
        if missing:
            raise InvalidData([FieldError(str(path), "line 1", column,
                                          "missing column: not a GLEIF golden-copy file of this level?")
                               for column in missing])
        wanted = {field: index[column] for field, column in {**required, **optional}.items()
                  if column in index}
        width = max(wanted.values()) + 1
        for row in reader:
            if len(row) < width:
                if not row or row == [""]:
                    continue
                raise InvalidData([FieldError(str(path), f"line {reader.line_num}", "row",
                                              f"{len(row)} columns, the header has {len(header)}")])
            yield reader.line_num, row, wanted


def read_lei_records(path: Path, keep: Callable[[str, str, str], bool] | None = None
                     ) -> Iterator[LeiRecord]:
    """The Level 1 records of a golden-copy file, one at a time, or only those ``keep``
    accepts (called with the LEI, the legal name and the first other name, before the
    record is built); a malformed LEI is an error naming the line."""
    for line, row, at in _rows(path, LEVEL1_COLUMNS, LEVEL1_OPTIONAL):
        lei = row[at["lei"]].strip()
        if not LEI_PATTERN.match(lei):
            raise InvalidData([FieldError(str(path), f"line {line}", "LEI", f"not an LEI: {lei[:40]!r}")])
        name = row[at["name"]].strip()
        other = row[at["other_name"]].strip() if "other_name" in at else ""
        if keep is not None and not keep(lei, name, other):
            continue
        yield LeiRecord(
            lei=lei, name=name, other_name=other,
            legal_country=row[at["legal_country"]].strip().upper(),
            hq_country=row[at["hq_country"]].strip().upper(),
            jurisdiction=row[at["jurisdiction"]].strip().upper(),
            legal_form=row[at["legal_form"]].strip(),
            entity_status=row[at["entity_status"]].strip().upper(),
            registration_status=row[at["registration_status"]].strip().upper(),
            city=row[at["legal_city"]].strip() if "legal_city" in at else "", line=line,
        )


def _relationship_period(path: Path, line: int, row: list[str], at: dict[str, int]
                         ) -> tuple[str | None, str | None]:
    """The RELATIONSHIP_PERIOD's dates (the accounting and filing periods say nothing about
    when the relationship held)."""
    for n in range(1, PERIODS + 1):
        kind = at.get(f"period{n}_type")
        if kind is not None and row[kind].strip().upper() == "RELATIONSHIP_PERIOD":
            try:
                return (gleif_date(row[at[f"period{n}_start"]]) if f"period{n}_start" in at else None,
                        gleif_date(row[at[f"period{n}_end"]]) if f"period{n}_end" in at else None)
            except ValueError as exc:
                raise InvalidData([FieldError(str(path), f"line {line}",
                                              f"Relationship.Period.{n}", str(exc))]) from None
    return None, None


def read_relationships(path: Path, keep: Callable[[str, str], bool] | None = None
                       ) -> Iterator[RelationshipRow]:
    """The Level 2 relationship records between two LEIs, one at a time, or only those
    ``keep`` accepts (called with the start and end LEIs); records whose nodes are not LEIs
    are skipped: they name no legal entity."""
    optional = {
        f"period{n}_{part}": f"Relationship.Period.{n}.{column}"
        for n in range(1, PERIODS + 1)
        for part, column in (("start", "startDate"), ("end", "endDate"), ("type", "periodType"))
    }
    for line, row, at in _rows(path, RELATIONSHIP_COLUMNS, optional):
        if row[at["start_type"]].strip().upper() != "LEI" or row[at["end_type"]].strip().upper() != "LEI":
            continue
        start, end = row[at["start"]].strip(), row[at["end"]].strip()
        for field, value in (("start", start), ("end", end)):
            if not LEI_PATTERN.match(value):
                raise InvalidData([FieldError(str(path), f"line {line}",
                                              RELATIONSHIP_COLUMNS[field], f"not an LEI: {value[:40]!r}")])
        if keep is not None and not keep(start, end):
            continue
        valid_from, valid_to = _relationship_period(path, line, row, at)
        yield RelationshipRow(
            start=start, end=end, type=row[at["type"]].strip().upper(),
            status=row[at["status"]].strip().upper(),
            registration_status=row[at["registration_status"]].strip().upper(),
            valid_from=valid_from, valid_to=valid_to, line=line,
        )
