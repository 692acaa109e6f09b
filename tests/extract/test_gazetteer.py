"""The bundled regulator gazetteer: sourced, with the curated ids, and found in text."""

from __future__ import annotations

import re

import pytest

from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.loaders.extract.gazetteer import find_regulators, gazetteer

CURATED = ["regulator:fr-cnil", "regulator:it-garante", "regulator:gr-hdpa", "regulator:gb-ico",
           "regulator:nl-ap", "regulator:at-dsb", "regulator:es-aepd", "regulator:ie-dpc",
           "regulator:se-imy", "regulator:au-oaic", "regulator:ca-opc"]
SCOPE = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
         "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
         "GB", "US", "CA", "AU", "CH", "KR", "JP"}


def test_every_entry_is_sourced_and_well_formed() -> None:
    ids = [e.id for e in gazetteer()]
    assert len(ids) == len(set(ids))
    for entry in gazetteer():
        assert entry.website.startswith("https://"), entry.id
        assert re.fullmatch(rf"regulator:{entry.country.lower()}-[a-z0-9-]+", entry.id), entry.id
        assert entry.kind in {"data_protection", "competition", "consumer", "other"}


def test_it_covers_every_country_in_scope_for_data_protection_and_the_curated_ids() -> None:
    dp = {e.country for e in gazetteer() if e.kind == "data_protection"}
    assert SCOPE - {"US"} <= dp
    assert "US" in {e.country for e in gazetteer()}
    assert {"competition"} <= {e.kind for e in gazetteer()}
    assert set(CURATED) <= {e.id for e in gazetteer()}


def test_curated_regulators_have_the_gazetteer_ids() -> None:
    curated = {n.id for name in ("clearview", "reference-cases") for n in dataset_batch(name).nodes
               if n.label == "Regulator"}
    assert curated <= {e.id for e in gazetteer()}


@pytest.mark.parametrize(("text", "expected"), [
    ("Here’s the CNIL’s summary", ["regulator:fr-cnil"]),
    ("the Information Commissioner’s Office (ICO) said", ["regulator:gb-ico", "regulator:gb-ico"]),
    ("Italy’s data protection agency fined", ["regulator:it-garante"]),
    ("The Dutch data protection watchdog on Tuesday", ["regulator:nl-ap"]),
    ("The Autoriteit Persoonsgegevens (AP) fined it. The AP said", ["regulator:nl-ap"] * 3),
    ("he told the AP, the news agency", []),
    ("Norway’s Datatilsynet fined Disqus", ["regulator:no-datatilsynet"]),
    ("Datatilsynet fined a firm", []),
    ("the Autorità Garante della Concorrenza e del Mercato", ["regulator:it-agcm"]),
    ("the Dutch Data Protection Authority, or DPA. The DPA said", ["regulator:nl-ap"] * 3),
])
def test_find_regulators(text: str, expected: list[str]) -> None:
    assert [m.entry.id for m in find_regulators(text)] == expected


def test_two_names_of_one_authority_that_differ_in_case_are_not_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from enforcegraph.loaders.extract import gazetteer as module

    entries = tuple(replace(e, aliases=(*e.aliases, "Cnil")) if e.id == "regulator:fr-cnil" else e for e in gazetteer())
    monkeypatch.setattr(module, "gazetteer", lambda: entries)
    module._tables.cache_clear()
    try:
        found = find_regulators("Sanction\n\nLa Cnil a sanctionné la société Zeta Services.")
    finally:
        module._tables.cache_clear()
    assert [m.entry.id for m in found] == ["regulator:fr-cnil"]
