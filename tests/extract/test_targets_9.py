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


@pytest.mark.parametrize(("text", "expected"), [
    # German: the fine's noun right before "gegen", and "gegen die X ein Bußgeld"
    ("Datenschützer verhängen Millionen-Bußgeld gegen Lindenkasse\n\nDer Landesbeauftragte für den Datenschutz "
     "Baden-Württemberg hat gegen die Lindenkasse Nordwest ein Bußgeld in Höhe von 1,4 Millionen Euro verhängt.",
     ("regulator:de-bw-lfdi", "Lindenkasse Nordwest", "fine", 1400000, "EUR")),
    # Norwegian verb-second: the regulator between the verb and the fined body
    ("Gebyr for kameraer\n\nI mars ila Datatilsynet derfor Fjellbanen et overtredelsesgebyr på 300 000 kroner.",
     ("regulator:no-datatilsynet", "Fjellbanen", "fine", 300000, "NOK")),
    # Swedish verb-second recipient
    ("Årsrapport\n\nÅr 2023 fick Tallbo den högsta sanktionsavgiften från IMY, 4 miljoner kronor.",
     ("regulator:se-imy", "Tallbo", "fine", 4000000, "SEK")),
    # French: "X s'est vu infliger une amende"
    ("Sanction record\n\nSelon la CNIL, Marbréa Conseil s'est vu infliger une sanction de 90 000 euros.",
     ("regulator:fr-cnil", "Marbréa Conseil", "fine", 90000, "EUR")),
    # Spanish: the fine imposed, some words later, "a X"
    ("Multas de 2023\n\nLa mayor multa, de 3.000.000 euros, que la AEPD impuso el pasado mes de mayo a Olivara por "
     "una brecha de seguridad.", ("regulator:es-aepd", "Olivara", "fine", 3000000, "EUR")),
    # Dutch: a periodic penalty "opgelegd aan" a described firm
    ("Dwangsom voor cookiebanners\n\nDe Belgische toezichthouder GBA heeft een dwangsom van 5.000 euro per dag "
     "opgelegd aan de uitgeverij Krantenhuis.", ("regulator:be-apd", "Krantenhuis", "periodic_penalty", 5000, "EUR")),
])
def test_more_ties_of_the_target_to_its_sanction(tmp_path: Path, text: str, expected: tuple[Any, ...]) -> None:
    assert expected in _decisions(tmp_path, text)


def test_the_polish_payer_of_a_second_fine(tmp_path: Path) -> None:
    text = ("Kary za wybory\n\nPrezes UODO nałożył 5 mln zł kary na Kolej Mazowiecką, a Minister Sportu ma zapłacić "
            "50 tys. zł.")
    assert ("regulator:pl-uodo", "Minister Sportu", "fine", 50000, "PLN") in _decisions(tmp_path, text)


def test_a_place_before_a_passive_is_no_target(tmp_path: Path) -> None:
    text = ("Pharmacy fined £80k\n\nA pharmacy in Leeds has been fined £80,000 by the Information Commissioner's "
            "Office (ICO). The ICO said Hollyfield Chemists Ltd had left records in an open yard.")
    rows = _decisions(tmp_path, text)
    assert [row[1] for row in rows] == ["Hollyfield Chemists Ltd"]
    assert "Pharmacy" not in _firms(tmp_path, text)


def test_an_acronym_defined_after_a_name_is_the_same_firm(tmp_path: Path) -> None:
    text = ("Fine on the post\n\nThe Hellenic Data Protection Authority imposed a fine of €150,000 on Aegean Mail (AGM). "
            "It imposed the fine of EUR 150.000 on AGM after a breach.")
    assert _decisions(tmp_path, text) == [("regulator:gr-hdpa", "Aegean Mail", "fine", 150000, "EUR")]


def test_a_country_possessive_describes_the_firm(tmp_path: Path) -> None:
    text = ("Fines in Bulgaria\n\nThe Bulgarian Commission for Personal Data Protection (CPDP) fined Bulgaria's Rila "
            "Bank, part of a larger group, 400,000 BGN.")
    assert [row[1] for row in _decisions(tmp_path, text)] == ["Rila Bank"]


@pytest.mark.parametrize(("text", "firm"), [
    ("Treningskjeden Fjordform har fått varsel fra Datatilsynet.", "Fjordform"),
    ("Hotelkæden Strandhus har fået en bøde.", "Strandhus"),
    ("La fintech Payvolt a reçu une amende de la CNIL.", "Payvolt"),
])
def test_nordic_chains_and_french_trades_describe_a_firm(tmp_path: Path, text: str, firm: str) -> None:
    assert firm in _firms(tmp_path, text)


@pytest.mark.parametrize(("text", "absent", "present"), [
    # a company noun alone takes a firm up ("gegen das Unternehmen"): no name
    ("Die DSB hatte gegen das Unternehmen eine Strafe von 2 Mio. Euro verhängt.", "Unternehmen", None),
    # one plain German noun after "Bußgeld gegen" is no firm; a name-like one is
    ("Bußgelder gegen Mitarbeiter sind selten, sagte die Behörde.", "Mitarbeiter", None),
    ("Bußgeld gegen Kaufhof-Digital verhängt", None, "Kaufhof-Digital"),
    # a breach "gegen die Datenschutzgrundverordnung" is no fine on the law
    ("Die Stadtwerke Ulmtal GmbH muss wegen Verstößen gegen die Datenschutzgrundverordnung ein Bußgeld zahlen.",
     "Datenschutzgrundverordnung", "Stadtwerke Ulmtal GmbH"),
    # a compound noun inside a name describes the name after it
    ("Die Datenschutzbeauftragte hat gegen die Kieler Wohnungsgesellschaft Fördehaus ein Bußgeld verhängt.",
     "Kieler Wohnungsgesellschaft Fördehaus", "Fördehaus"),
])
def test_german_nouns_are_no_firms(tmp_path: Path, text: str, absent: str | None, present: str | None) -> None:
    firms = _firms(tmp_path, text)
    assert absent is None or absent not in firms
    assert present is None or present in firms


@pytest.mark.parametrize(("text", "firm"), [
    # an anonymised limited partnership after one initial
    ("Prezes UODO nakłada na K. sp. z o. o. sp. k. administracyjną karę pieniężną w kwocie 7.000 PLN.",
     "K. sp. z o. o. sp. k."),
    # a small firm described in an apposition
    ("Es lo que le ocurrió a Servidora Norte, una pyme que presta servicios digitales.", "Servidora Norte"),
    # a Swedish abbreviation and a lower-case noun inside a name with its legal form; "För" opening the sentence
    ("För Vårdhem S:t Eriks sjukhus AB blev avgiften 3 miljoner kronor.", "Vårdhem S:t Eriks sjukhus AB"),
    # Baltic legal forms before the name
    ("The inspectorate fined AS Läänevesi and SIA Zilais Ezers for the breach.", "AS Läänevesi"),
    ("The inspectorate fined AS Läänevesi and SIA Zilais Ezers for the breach.", "SIA Zilais Ezers"),
    # a defined term in brackets names a firm
    ("From 2019, Baltic Trade Bank Polska (the Bank) scanned identity cards.", "Baltic Trade Bank Polska"),
    ("Kara dla Lipowy Sad (dalej: Spółka) wynosi 20 tys. zł.", "Lipowy Sad"),
])
def test_names_written_the_way_decisions_write_them(tmp_path: Path, text: str, firm: str) -> None:
    assert firm in _firms(tmp_path, text)


@pytest.mark.parametrize(("text", "firm"), [
    ("Der Autobauer Rheinwerk muss ein Bußgeld zahlen.", "Rheinwerk"),
    ("Die Krankenkasse Nordkasse erhielt ein Bußgeld.", "Nordkasse"),
    ("Der Energieversorger Elbstrom wurde mit einem Bußgeld belegt.", "Elbstrom"),
])
def test_german_trades_describe_a_firm(tmp_path: Path, text: str, firm: str) -> None:
    assert firm in _firms(tmp_path, text)


def test_an_authority_the_gazetteer_does_not_know_is_no_firm(tmp_path: Path) -> None:
    text = ("Fine in Arcadia\n\nThe Arcadian Data Protection Commissioner has been fined nothing; it fined Olive "
            "Telecom Ltd EUR 20,000.")
    firms = _firms(tmp_path, text)
    assert "Olive Telecom Ltd" in firms
    assert not any("Commissioner" in firm for firm in firms)


def test_a_product_with_its_owner_named_stays_a_product(tmp_path: Path) -> None:
    text = ("Photo app fined\n\nThe Irish Data Protection Commission fined Snapgrid €40 million. Snapgrid is owned by "
            "Lumen Platforms Ireland Limited.")
    assert _decisions(tmp_path, text) == [("regulator:ie-dpc", "Lumen Platforms Ireland Limited", "fine", 40000000, "EUR")]


def test_a_brand_of_a_named_firm_is_no_firm(tmp_path: Path) -> None:
    text = "La CNIL a sanctionné la marque Bellavue du groupe Maisons Réunies SA pour des cookies."
    firms = _firms(tmp_path, text)
    assert "Maisons Réunies SA" in firms and "Bellavue" not in firms


@pytest.mark.parametrize(("text", "expected"), [
    # German: a firm's name (no article) "mit einem Bußgeld belegt"
    ("Bußgeld\n\nDie Landesbeauftragte für den Datenschutz Niedersachsen hat Heidewerke mit einem Bußgeld von "
     "200.000 Euro belegt.", ("regulator:de-ni", "Heidewerke", "fine", 200000, "EUR")),
    # Dutch: an acronym in brackets between the foundation's name and the fine
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Stichting Landelijk Register (SLR) een boete van 90.000 euro "
     "opgelegd.", ("regulator:nl-ap", "Stichting Landelijk Register", "fine", 90000, "EUR")),
])
def test_more_german_and_dutch_ties(tmp_path: Path, text: str, expected: tuple[Any, ...]) -> None:
    assert expected in _decisions(tmp_path, text)


def test_an_article_before_the_noun_is_no_name(tmp_path: Path) -> None:
    text = "Die Behörde hat den Mitarbeiter mit einem Bußgeld von 500 Euro belegt."
    assert "Mitarbeiter" not in _firms(tmp_path, text)


@pytest.mark.parametrize(("text", "firm"), [
    ("Úřad uložil společnosti Zelenina.cz a.s. pokutu.", "Zelenina.cz a.s."),
    ("Datenschutz: Strafe gegen Lieferdienst\n\nDie Behörde hat gegen die Lieferheld Berlin GmbH ein Bußgeld verhängt.",
     "Lieferheld Berlin GmbH"),
])
def test_web_names_and_headline_nouns(tmp_path: Path, text: str, firm: str) -> None:
    firms = _firms(tmp_path, text)
    assert firm in firms and "Lieferdienst" not in firms


def test_a_unit_named_like_its_parent_is_the_target_not_the_parent(tmp_path: Path) -> None:
    text = ("Fine\n\nThe Dutch DPA fined Brightway, the Dutch subsidiary of US-based Brightway Holdings Inc., "
            "3 million euros.")
    assert _decisions(tmp_path, text) == [("regulator:nl-ap", "Brightway", "fine", 3000000, "EUR")]
    assert "Brightway Holdings Inc." in _firms(tmp_path, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Multa\n\nLa AEPD ha multado a la compañía eléctrica Solaris Clientes con 3 millones de euros.",
     ("regulator:es-aepd", "Solaris Clientes", "fine", 3000000, "EUR")),
    ("Bøde\n\nDatatilsynet indstiller Nordsø Bank til en bøde på 10 millioner kroner.",
     ("regulator:dk-datatilsynet", "Nordsø Bank", "proposed_fine", 10000000, "DKK")),
])
def test_romance_adjectives_and_danish_recommendations(tmp_path: Path, text: str, expected: tuple[Any, ...]) -> None:
    assert expected in _decisions(tmp_path, text)


def test_a_finnish_allative_names_the_firm(tmp_path: Path) -> None:
    text = "Tietosuojavaltuutetun seuraamuskollegio määräsi Lintumedialle 85 000 euron seuraamusmaksun."
    assert "Lintumedia" in _firms(tmp_path, text)


def test_an_adjective_across_a_line_break_is_no_descriptor(tmp_path: Path) -> None:
    text = "Multa ad una società energetica\n\nDopo i controlli, il Garante ha sanzionato Volta Energia SpA."
    assert "Dopo" not in _firms(tmp_path, text)


@pytest.mark.parametrize("text", [
    "Reprimand\n\nThe ICO reprimanded a former employee of Harbour Health NHS Trust for reading records.",
    "Sanción\n\nLa AEPD ha sancionado con 3.000 euros a un empleado de Banco Meridional por acceder a datos.",
])
def test_a_persons_sanction_is_not_on_their_employer(tmp_path: Path, text: str) -> None:
    assert [row[1] for row in _decisions(tmp_path, text)] == [None]


@pytest.mark.parametrize(("text", "expected"), [
    ("Amende de 50 000 euros pour Rivage Immobilier\n\nLa CNIL a prononcé une amende de 50 000 euros.",
     ("regulator:fr-cnil", "Rivage Immobilier", "fine", 50000, "EUR")),
    # Polish names inflect after "dla": the genitive is not the firm's name, so none is taken
    ("Kara dla Zielonej Doliny\n\nUODO nałożył karę 50 tys. zł.", ("regulator:pl-uodo", None, "fine", 50000, "PLN")),
])
def test_a_headline_fine_for_a_firm(tmp_path: Path, text: str, expected: tuple[Any, ...]) -> None:
    assert _decisions(tmp_path, text) == [expected]


@pytest.mark.parametrize(("text", "firm", "absent"), [
    ("Bußgeld für VW-Tochter Fahrwerk\n\nDie Behörde hat ein Bußgeld verhängt.", "Fahrwerk", "VW-Tochter Fahrwerk"),
    ("Bußgeld für Datenschutzverstoß\n\nDie Behörde hat ein Bußgeld verhängt.", None, "Datenschutzverstoß"),
])
def test_german_headline_names(tmp_path: Path, text: str, firm: str | None, absent: str) -> None:
    firms = _firms(tmp_path, text)
    assert absent not in firms and (firm is None or firm in firms)
