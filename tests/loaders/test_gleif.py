"""GLEIF golden copy: firms linked to LEI records, dated EU establishments from their groups.

The files are made here, in the golden copy's CSV layout (the LEI-CDF and RR-CDF column
names GLEIF publishes; extra columns as in the real files). The firms are the fictional
ones of tests/fixtures/mini.yaml; the LEIs are made up (20 characters, none real).
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.loaders.gleif_files import gleif_date, read_relationships

LEVEL1_HEADER = [
    "LEI", "Entity.LegalName", "Entity.LegalName.xmllang",
    "Entity.OtherEntityNames.OtherEntityName.1", "Entity.OtherEntityNames.OtherEntityName.1.type",
    "Entity.LegalAddress.FirstAddressLine", "Entity.LegalAddress.City", "Entity.LegalAddress.Region",
    "Entity.LegalAddress.Country", "Entity.LegalAddress.PostalCode",
    "Entity.HeadquartersAddress.FirstAddressLine", "Entity.HeadquartersAddress.City",
    "Entity.HeadquartersAddress.Country", "Entity.RegistrationAuthority.RegistrationAuthorityID",
    "Entity.LegalJurisdiction", "Entity.EntityCategory", "Entity.LegalForm.EntityLegalFormCode",
    "Entity.LegalForm.OtherLegalForm", "Entity.EntityStatus", "Registration.InitialRegistrationDate",
    "Registration.LastUpdateDate", "Registration.RegistrationStatus", "Registration.ManagingLOU",
]
RR_HEADER = [
    "Relationship.StartNode.NodeID", "Relationship.StartNode.NodeIDType",
    "Relationship.EndNode.NodeID", "Relationship.EndNode.NodeIDType",
    "Relationship.RelationshipType", "Relationship.RelationshipStatus",
    "Registration.InitialRegistrationDate", "Registration.LastUpdateDate",
    "Registration.RegistrationStatus", "Registration.ValidationSources",
    *(f"Relationship.Period.{n}.{part}" for n in range(1, 6) for part in ("startDate", "endDate", "periodType")),
]

FAR_AWAY = "5493001FARAWAY000001"
HOLDINGS = "5493001FARAWAYHOLD02"
FRANCE_SUB = "969500FARAWAYFR00003"
UK_SIBLING = "213800FARAWAYUK00004"
OLD_SUB = "969500FARAWAYOLD0005"
LEFT_1, LEFT_2 = "213800LEFTLTD0000106", "213800LEFTLTD0000207"
LOCAL_BE = "549300LOCALBE0000108"


def lei_row(lei: str, name: str, country: str, *, hq: str | None = None, city: str = "",
            jurisdiction: str | None = None, status: str = "ACTIVE", registration: str = "ISSUED") -> dict[str, str]:
    return {
        "LEI": lei, "Entity.LegalName": name, "Entity.LegalName.xmllang": "en",
        "Entity.LegalAddress.City": city, "Entity.LegalAddress.Country": country,
        "Entity.HeadquartersAddress.Country": hq or country,
        "Entity.LegalJurisdiction": jurisdiction or country, "Entity.EntityCategory": "GENERAL",
        "Entity.LegalForm.EntityLegalFormCode": "8888", "Entity.EntityStatus": status,
        "Registration.InitialRegistrationDate": "2019-01-01T00:00:00.000Z",
        "Registration.LastUpdateDate": "2024-01-01T00:00:00.000Z",
        "Registration.RegistrationStatus": registration,
    }


def rr_row(child: str, parent: str, kind: str, *, status: str = "ACTIVE", start: str = "",
           end: str = "") -> dict[str, str]:
    row = {
        "Relationship.StartNode.NodeID": child, "Relationship.StartNode.NodeIDType": "LEI",
        "Relationship.EndNode.NodeID": parent, "Relationship.EndNode.NodeIDType": "LEI",
        "Relationship.RelationshipType": kind, "Relationship.RelationshipStatus": status,
        "Registration.RegistrationStatus": "PUBLISHED",
        # an accounting period first: only the RELATIONSHIP_PERIOD dates the relationship
        "Relationship.Period.1.startDate": "2021-01-01T00:00:00.000Z",
        "Relationship.Period.1.endDate": "2021-12-31T00:00:00.000Z",
        "Relationship.Period.1.periodType": "ACCOUNTING_PERIOD",
    }
    if start or end:
        row.update({"Relationship.Period.2.startDate": start, "Relationship.Period.2.endDate": end,
                    "Relationship.Period.2.periodType": "RELATIONSHIP_PERIOD"})
    return row


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_ALL, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def golden(tmp_path: Path) -> tuple[Path, Path]:
    level1 = write_csv(tmp_path / "20240101-0000-gleif-goldencopy-lei2-golden-copy.csv", LEVEL1_HEADER, [
        lei_row(FAR_AWAY, "FAR AWAY ANALYTICS, INC.", "US", jurisdiction="US-DE", city="Wilmington"),
        lei_row(HOLDINGS, "Far Away Holdings LLC", "US"),
        lei_row(FRANCE_SUB, "Far Away Analytics France SAS", "FR", city="Paris"),
        lei_row(UK_SIBLING, "Far Away Data UK Ltd", "GB", city="London"),
        lei_row(OLD_SUB, "Far Away Old SARL", "FR", city="Lyon"),
        lei_row(LEFT_1, "Left Ltd", "GB"),
        lei_row(LEFT_2, "LEFT LIMITED", "GB"),
        lei_row(LOCAL_BE, "Local Données SAS", "BE"),
    ])
    relationships = write_csv(tmp_path / "20240101-0000-gleif-goldencopy-rr-golden-copy.csv", RR_HEADER, [
        rr_row(FAR_AWAY, HOLDINGS, "IS_DIRECTLY_CONSOLIDATED_BY", start="2015-01-01T00:00:00.000Z"),
        rr_row(FAR_AWAY, HOLDINGS, "IS_ULTIMATELY_CONSOLIDATED_BY", start="2015-01-01T00:00:00.000Z"),
        rr_row(FRANCE_SUB, FAR_AWAY, "IS_DIRECTLY_CONSOLIDATED_BY", start="2022-06-01T00:00:00.000Z"),
        rr_row(FRANCE_SUB, HOLDINGS, "IS_ULTIMATELY_CONSOLIDATED_BY", start="2022-06-01T00:00:00.000Z"),
        rr_row(UK_SIBLING, HOLDINGS, "IS_ULTIMATELY_CONSOLIDATED_BY", start="1498089600000"),
        rr_row(OLD_SUB, FAR_AWAY, "IS_DIRECTLY_CONSOLIDATED_BY", status="INACTIVE"),
        {**rr_row("ABC", FAR_AWAY, "IS_FUND-MANAGED_BY"), "Relationship.StartNode.NodeIDType": "NATURAL_PERSON"},
    ])
    return level1, relationships


@pytest.fixture
def db(tmp_path: Path, cli: Any, fixtures: Path) -> Path:
    path = tmp_path / "graph.db"
    assert cli("--db", str(path), "load", str(fixtures / "mini.yaml")).exit_code == 0
    return path


def headline_decisions(db: Path, cli: Any) -> set[str]:
    rows = json.loads(cli("--db", str(db), "query", "sanctions-without-eu-establishment", "--json").output)
    return {row["decision"]["id"] for row in rows}


def test_a_firm_is_linked_and_its_eu_subsidiary_is_a_dated_establishment(
        db: Path, golden: tuple[Path, Path], cli: Any, tmp_path: Path) -> None:
    assert headline_decisions(db, cli) == {"decision:fr-1", "decision:gb-1"}
    result = cli("--db", str(db), "gleif", *map(str, golden), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    with EmbeddedStore(db, read_only=True) as store:
        firm = store.get("company:far-away")
        assert firm is not None and f"lei:{FAR_AWAY}" in firm.properties["identifiers"]
        assert firm.properties["name"] == "Far Away Analytics, Inc."  # the case file outranks GLEIF
        links = {(r.type, r.end, r.properties.get("rule")): r.properties
                 for r in store.relationships_of(["company:far-away"], direction="out")}
    assert ("INCORPORATED_IN", "jurisdiction:us", "gleif-legal-jurisdiction") in links
    sub = links[("HAS_ESTABLISHMENT", "jurisdiction:fr", "gleif-subsidiary")]
    assert (sub["valid_from"], sub["confidence"]) == ("2022-06-01", 0.85)
    assert "Far Away Analytics France SAS" in sub["description"]
    assert set(sub["sources"]) == {f"source:gleif-lei-{FRANCE_SUB.lower()}", f"source:gleif-lei-{FAR_AWAY.lower()}"}
    sibling = links[("HAS_ESTABLISHMENT", "jurisdiction:gb", "gleif-group-subsidiary")]
    assert (sibling["valid_from"], sibling["confidence"]) == ("2017-06-22", 0.6)
    # the inactive relationship with no end date gives nothing; the natural person is no LEI
    assert not [k for k in links if k[1] == "jurisdiction:fr" and k[2] != "gleif-subsidiary"]
    # dated: the French subsidiary exists from 2022-06-01, so the CNIL's decision of
    # 2022-10-17 is no longer against a firm without EU establishment; the earlier ones
    # (GB 2022-05-18: the UK left the EU in 2020) still are
    assert headline_decisions(db, cli) == {"decision:gb-1"}
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["figures"]["firms linked"] == 1
    assert report["figures"]["linked by rule"] == {"gleif-name-country": 1}
    review = [n for n in report["notes"] if n["rule"] == "gleif-review"]
    assert {n["record"] for n in review} == {"company:left", "company:local"}
    assert any("2 records share the name" in n["message"] for n in review)
    assert any("country differs from FR" in n["message"] for n in review)
    assert report["counts"]["notes"]["gleif-ended-undated"] == 1


def test_rerunning_is_idempotent_and_a_listed_lei_links_directly(
        db: Path, golden: tuple[Path, Path], cli: Any, tmp_path: Path) -> None:
    assert cli("--db", str(db), "gleif", *map(str, golden)).exit_code == 0
    with EmbeddedStore(db, read_only=True) as store:
        before = store.stats().to_dict()
    again = cli("--db", str(db), "gleif", *map(str, golden))
    assert "'nodes_created': 0" in again.output and "'relationships_created': 0" in again.output
    with EmbeddedStore(db, read_only=True) as store:
        assert store.stats().to_dict() == before
    # zipped, as GLEIF serves it; the firm now lists its LEI, so the link is by identifier
    level1, relationships = golden
    archive = tmp_path / "lei2.csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(level1, level1.name)
    report = tmp_path / "again.json"
    assert cli("--db", str(db), "gleif", str(archive), str(relationships), "--report", str(report),
               "--dry-run").exit_code == 0
    figures = json.loads(report.read_text("utf-8"))["figures"]
    assert figures["linked by rule"] == {"gleif-lei-identifier": 1}


def test_bad_files_are_refused_naming_file_line_and_column(db: Path, tmp_path: Path, cli: Any) -> None:
    bad_header = write_csv(tmp_path / "l1.csv", [c for c in LEVEL1_HEADER if c != "Entity.LegalAddress.Country"],
                           [])
    result = cli("--db", str(db), "gleif", str(bad_header))
    assert result.exit_code != 0
    assert "l1.csv" in result.output and "Entity.LegalAddress.Country" in result.output
    bad_lei = write_csv(tmp_path / "l1b.csv", LEVEL1_HEADER, [lei_row("NOT-AN-LEI", "X", "US")])
    result = cli("--db", str(db), "gleif", str(bad_lei))
    assert result.exit_code != 0 and "line 2" in result.output and "NOT-AN-LEI" in result.output
    with EmbeddedStore(db, read_only=True) as store:
        assert not [n for n in store.iter_nodes("Source") if n.id.startswith("source:gleif")]


def test_dates_and_non_lei_nodes(golden: tuple[Path, Path]) -> None:
    assert gleif_date("2022-06-01T00:00:00Z") == "2022-06-01"
    with pytest.raises(ValueError):
        gleif_date("first of June")
    rows = list(read_relationships(golden[1]))
    assert len(rows) == 6 and all(r.start != "ABC" for r in rows)
    assert rows[2].valid_from == "2022-06-01" and rows[2].valid_to is None


def test_a_name_only_link_states_no_country(tmp_path: Path, cli: Any, golden: tuple[Path, Path]) -> None:
    """A firm without a country linked by its full name gets the LEI and a located-by-rule
    incorporation, never a country (which would classify it outside the EU)."""
    case = tmp_path / "nowhere.yaml"
    case.write_text(
        "dataset: nowhere\nnodes:\n"
        "  - {id: source:n, label: Source, url: 'https://example.org/n'}\n"
        "  - {id: jurisdiction:us, label: Jurisdiction, name: United States, code: US, kind: country, sources: [source:n]}\n"
        "  - {id: company:far-away, label: Company, name: 'Far Away Analytics, Inc.', sources: [source:n]}\n"
        "relationships: []\n", "utf-8")
    db = tmp_path / "n.db"
    assert cli("--db", str(db), "load", "--no-link", "--no-locate", str(case)).exit_code == 0
    assert cli("--db", str(db), "gleif", str(golden[0])).exit_code == 0
    with EmbeddedStore(db, read_only=True) as store:
        firm = store.get("company:far-away")
        assert firm is not None and f"lei:{FAR_AWAY}" in firm.properties["identifiers"]
        assert "country" not in firm.properties
        rels = store.relationships_of(["company:far-away"], direction="out")
    assert [(r.type, r.end, r.properties["rule"], r.properties["confidence"]) for r in rels] == [
        ("INCORPORATED_IN", "jurisdiction:us", "gleif-legal-jurisdiction", 0.95)]
