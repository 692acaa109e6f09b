"""Round-9 rules on the target (issue 17), on short texts written for the test (names and amounts
invented): legal forms are words of their own and come in every EU/EEA language; anonymised names;
public bodies by their kind; courts and a regulator's own name are never targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.bodies import is_court
from enforcegraph.loaders.extract.evaluation import decision_rows


def _extraction(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                publisher="Example News", author=None))


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target, kind, amount, currency) of each decision proposed, in text order."""
    return decision_rows(_extraction(tmp_path, text))


def _firms(tmp_path: Path, text: str) -> list[str]:
    return sorted(p.name for p in _extraction(tmp_path, text).of_kind("company"))


@pytest.mark.parametrize(("text", "firm"), [
    ("Persónuvernd lagði sekt á Bláfell ehf. vegna brots.", "Bláfell ehf."),
    ("Datatilsynet har udstedt en bøde til Solbakke ApS for brud på reglerne.", "Solbakke ApS"),
    ("Úřad uložil pokutu společnosti Modrý Potok s.r.o. za porušení.", "Modrý Potok s.r.o."),
    ("A NAIH bírságot szabott ki a Zöldmező Kft. ellen.", "Zöldmező Kft."),
    ("Az ügyben a Várhegy Zrt. is érintett volt.", "Várhegy Zrt."),
    ("AZOP je izrekao kaznu društvu Plava Rijeka d.o.o. zbog povrede.", "Plava Rijeka d.o.o."),
    ("ANSPDCP a amendat societatea Vulturul Verde S.R.L. cu 5.000 de euro.", "Vulturul Verde S.R.L."),
    ("Prezes UODO nałożył karę na Lipowa Dolina sp. z o.o. sp. k. w wysokości 9.000 zł.", "Lipowa Dolina sp. z o.o. sp. k."),
    ("Die Bergblick Medien GmbH & Co KG muss zahlen.", "Bergblick Medien GmbH & Co KG"),
])
def test_legal_forms_of_more_languages(tmp_path: Path, text: str, firm: str) -> None:
    assert firm in _firms(tmp_path, text)


def test_a_legal_form_is_a_word_of_its_own(tmp_path: Path) -> None:
    # "EMPRESA" ends in "SA" and "EASE" in "SE": neither is a firm
    text = ("Sanción a un ayuntamiento\n\nLa AEPD impone una sanción de apercibimiento. Los datos se cedieron a una "
            "EMPRESA del proyecto EASE sin consentimiento.")
    assert _firms(tmp_path, text) == []


def test_an_anonymised_name_keeps_its_asterisks(tmp_path: Path) -> None:
    text = "Die Datenschutzbehörde hat gegen die K***Verlag GmbH eine Geldstrafe verhängt."
    assert "K***Verlag GmbH" in _firms(tmp_path, text)


@pytest.mark.parametrize(("text", "body"), [
    ("A CNPD aplicou uma coima ao Município de Vale Fundo por falhas.", "Município de Vale Fundo"),
    ("La AEPD sanciona al AYUNTAMIENTO DE VILLABLANCA por ceder datos.", "AYUNTAMIENTO DE VILLABLANCA"),
    ("La CNIL a prononcé une amende contre la commune de Rochebrune.", "commune de Rochebrune"),
    ("The DPC fined the University of Glenmore EUR 50,000.", "University of Glenmore"),
    ("A CNPD multou o Instituto Nacional de Cartografia em 1 milhão de euros.", "Instituto Nacional de Cartografia"),
    ("Datatilsynet ila Fiskeetaten et overtredelsesgebyr på 200 000 kroner.", "Fiskeetaten"),
    ("Datatilsynet har udtalt alvorlig kritik af Kystpolitiet.", "Kystpolitiet"),
    ("IMY har granskat Region Norrmark och Skogsmyndigheten.", "Region Norrmark"),
    ("The ICO reprimanded Eastfield NHS Foundation Trust.", "Eastfield NHS Foundation Trust"),
])
def test_public_bodies_by_their_kind(tmp_path: Path, text: str, body: str) -> None:
    assert body in _firms(tmp_path, text)


def test_a_court_is_never_the_target(tmp_path: Path) -> None:
    text = ("Recruiter verliest zaak\n\nDe Raad van State heeft het hoger beroep afgewezen tegen een boete van "
            "€ 6.000 die de Autoriteit Persoonsgegevens had opgelegd.")
    assert [row[1] for row in _decisions(tmp_path, text)] == [None]


@pytest.mark.parametrize(("name", "court"), [
    ("Federal Court", True), ("Bundesverwaltungsgericht", True), ("Retten i Roskilde", True), ("Cour", True),
    ("Rechtbank Oostland", True), ("Raad van State", True), ("Courtyard Hotels", False), ("Barrett Holdings", False),
])
def test_court_names(name: str, court: bool) -> None:
    assert is_court(name) is court


def test_a_regulator_named_before_its_acronym_is_no_firm(tmp_path: Path) -> None:
    # the long name is misspelt, so the gazetteer knows only the acronym: still the regulator, not the target
    text = ("Two pharmacies fined\n\nFines of SKr 37m and SKr 8m were imposed by Integrationsskyddsverket (IMY) on "
            "Nordapotek AB and Hälsobutiken AB.")
    assert "Integrationsskyddsverket" not in _firms(tmp_path, text)
