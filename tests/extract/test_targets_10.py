"""Round-10 rules on the target (issue 17), on short texts written for the test (names and amounts
invented): when the text does not name the fined party, the target stays empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import decision_rows


def _extraction(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                publisher="Example News", author=None))


def _targets(tmp_path: Path, text: str) -> list[str | None]:
    return [row[1] for row in decision_rows(_extraction(tmp_path, text))]


def _firms(tmp_path: Path, text: str) -> list[str]:
    return sorted(p.name for p in _extraction(tmp_path, text).of_kind("company"))


@pytest.mark.parametrize("text", [
    "Il Garante ha inflitto al Comune una sanzione di 30 mila euro per le telecamere.",
    "Die Datenschutzbehörde verhängte gegen die Gemeinde ein Bußgeld von 12.000 Euro.",
    "The ICO issued a reprimand to the Council over the breach.",
])
def test_a_public_bodys_kind_alone_names_no_one(tmp_path: Path, text: str) -> None:
    assert _firms(tmp_path, text) == []


@pytest.mark.parametrize("text", [
    "Ein Verein aus dem Sportbereich erhielt ein Bußgeld von 8.000 Euro wegen der Mitgliederliste.",
    "Een winkel uit het Noorden kreeg een boete van 9.000 euro.",
    "A shop from the Midlands received a fine of £7,000 from the ICO.",
])
def test_a_sector_or_place_before_a_payer_is_no_target(tmp_path: Path, text: str) -> None:
    assert _firms(tmp_path, text) == []


@pytest.mark.parametrize(("text", "firm"), [
    # Turkish puts a proper name's case ending after an apostrophe
    ("Kurul, Kuzey Lojistik'e 500 bin lira idari para cezası verdi.", "Kuzey Lojistik"),
    ("Kurul, Mavi ve Yeşilova'ya ayrı ayrı idari para cezası verdi.", "Yeşilova"),
    # Finnish adverbs before the allative object
    ("Seuraamuskollegio määräsi nyt keväällä Terveyspalvelu Lumikki Oy:lle seuraamusmaksun.", "Terveyspalvelu Lumikki Oy"),
    ("Seuraamuskollegio määräsi viime viikolla Kauppahuone Auroralle seuraamusmaksun.", "Kauppahuone Aurora"),
])
def test_a_case_ending_after_the_name(tmp_path: Path, text: str, firm: str) -> None:
    assert firm in _firms(tmp_path, text)


def test_turkish_joins_two_firms_with_ve(tmp_path: Path) -> None:
    text = "Kurul, Kargomat ve Yeşilova'ya ayrı ayrı idari para cezası verdi."
    assert {"Kargomat", "Yeşilova"} <= set(_firms(tmp_path, text))


@pytest.mark.parametrize("text", [
    "AZOP je izrekao kaznu na temelju europske Opće uredbe o zaštiti podataka (GDPR) jednoj tvrtki.",
    "AZOP je izrekao kaznu zbog kršenja GDPR-a jednoj tvrtki.",
])
def test_the_gdprs_name_in_another_language_is_no_firm(tmp_path: Path, text: str) -> None:
    assert _firms(tmp_path, text) == []


def test_a_name_ends_at_its_abbreviation_before_the_next_sentence(tmp_path: Path) -> None:
    text = ("De Autoriteit Persoonsgegevens heeft een boete van 20.000 euro opgelegd aan Kromhout Zorg B.V. "
            "Het bedrijf gaat in beroep.")
    assert _firms(tmp_path, text) == ["Kromhout Zorg B.V."]


@pytest.mark.parametrize(("text", "target"), [
    ("Brightmoor Energy, of Leeds, West Yorkshire, has been fined £80,000 by the ICO for nuisance calls.",
     "Brightmoor Energy"),
    ("Maison Verdier, de Lyon, a été sanctionnée par la CNIL d'une amende de 20 000 euros.", "Maison Verdier"),
])
def test_a_passive_subject_with_its_place_between_commas(tmp_path: Path, text: str, target: str) -> None:
    assert _targets(tmp_path, text) == [target]


def test_a_nordic_company_noun_opening_a_sentence_describes_the_name(tmp_path: Path) -> None:
    text = "Virksomheden Nordlys Møbler har fået en bøde. Datatilsynet politianmeldte den."
    assert "Nordlys Møbler" in _firms(tmp_path, text)


def test_a_regulators_generic_acronym_alone_is_no_firm(tmp_path: Path) -> None:
    text = "The DPC has fined the company €2 million. The DPC said it would publish the decision."
    assert _firms(tmp_path, text) == []
