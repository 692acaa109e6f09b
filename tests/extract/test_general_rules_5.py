"""Round-5 rules (issue 17) on short texts written for the test (names invented): Nordic
compound descriptors and municipalities, an infinitive's object, "A and B" named apart,
combined fines and plural fines listed per firm, "has now been fined" after an earlier
notice, "its decision to reprimand X", thousands in words, a Finnish recipient, regional
authorities by office, addressees, "&" names, round-up sections, "euro 6.000,00", turnovers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.money import find_money


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, Any, Any]]:
    """(issuer id, target, amount, currency) of each decision proposed, in text order."""
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    extraction = extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                      publisher="Example News", author=None))
    return [(issuer, target, amount, currency) for issuer, target, _, amount, currency in decision_rows(extraction)]


@pytest.mark.parametrize(("text", "expected"), [
    # a Nordic compound descriptor before the name ("insurance company X", "taxi company X")
    ("Böter\n\nFörsäkringsbolaget Lindqvist-Skydd har haft brister. Integritetsskyddsmyndigheten (IMY) utfärdar "
     "en sanktionsavgift på 35 miljoner kronor mot bolaget.", ("regulator:se-imy", "Lindqvist-Skydd", 35000000, "SEK")),
    ("Bøde\n\nTaxaselskabet Nordvogn gemte data. Datatilsynet indstillede taxaselskabet til en bøde på 1,2 "
     "millioner kroner.", ("regulator:dk-datatilsynet", "Nordvogn", 1200000, "DKK")),
    # a name that ends in a digits-x-digits token ("Vognmand 7x24")
    ("Bøde\n\nTaxaselskabet Vognmand 7x24 gemte data. Datatilsynet indstillede taxaselskabet til en bøde på 1,2 "
     "millioner kroner.", ("regulator:dk-datatilsynet", "Vognmand 7x24", 1200000, "DKK")),
    # an Italian injunction to pay ("ingiunge all'X di pagare"), a name with "del"
    ("Ordinanza\n\nIl Garante per la protezione dei dati personali ingiunge alla Fondazione Teatro del Lago di pagare "
     "la somma di euro 6.000,00 (seimila).", ("regulator:it-garante", "Fondazione Teatro del Lago", 6000, "EUR")),
    # Greek: the authority in the genitive, the fine "to" (στην) a firm with its legal form Α.Ε.
    ("Πρόστιμο\n\nΜετά την απόφαση της Αρχής Προστασίας Δεδομένων Προσωπικού Χαρακτήρα και την επιβολή προστίμου "
     "ύψους 150.000 ευρώ στην Λάμδα Συμβουλευτική Α.Ε., η εταιρεία εξέδωσε ανακοίνωση.",
     ("regulator:gr-hdpa", "Λάμδα Συμβουλευτική Α.Ε.", 150000, "EUR")),
    # a Polish sole trader named by initials after a form of address ("na Pana B. K.")
    ("Kara\n\nNa tej podstawie Prezes UODO nakłada na Pana B. K., prowadzącego działalność gospodarczą pod firmą "
     "„M.”, administracyjną karę pieniężną w kwocie 18 941 zł.", ("regulator:pl-uodo", "B. K.", 18941, "PLN")),
    ("Πρόστιμο\n\nΗ Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα επέβαλε διοικητικό πρόστιμο ύψους 175.000 ευρώ "
     "στο Υπουργείο Νησιών και Αλιείας (ΥΝΑ), ύστερα από έλεγχο.",
     ("regulator:gr-hdpa", "Υπουργείο Νησιών και Αλιείας", 175000, "EUR")),
    # a municipality named "X Kommune" / "X kommune" is the target
    ("Bøde\n\nDatatilsynet har politianmeldt Nordby Kommune og indstillet kommunen til en bøde på 50.000 kr.",
     ("regulator:dk-datatilsynet", "Nordby Kommune", 50000, "DKK")),
    ("Gebyr\n\nDatatilsynet har ilagt Nordvik kommune et overtredelsesgebyr på 300 000 kroner.",
     ("regulator:no-datatilsynet", "Nordvik kommune", 300000, "NOK")),
    # the object of an infinitive: "we intend to fine X"
    ("Fine\n\nThe Information Commissioner's Office said it intends to fine the Harbour Transit Authority "
     "of Westland £750,000 for failing to protect data.", ("regulator:gb-ico", "Harbour Transit Authority of Westland",
                                                           750000, "GBP")),
    # "its decision to reprimand X": a reprimand (no money)
    ("Reprimand\n\nThe Information Commissioner's Office (ICO) has announced its decision to reprimand Northshire "
     "County Council (the Council) for failing to redact information.", ("regulator:gb-ico", "Northshire County Council",
                                                                          None, None)),
    # an earlier notice in the clause before; the fine the firm "has now been" given is today's; "fined an NHS
    # IT supplier" describes the firm (no firm "NHS IT")
    ("Fine\n\nThe Information Commissioner's Office has fined an NHS IT supplier over a breach. After a notice of intent "
     "issued last year for £6.09 million, Omega Software Group Ltd has now been fined £3,076,320.",
     ("regulator:gb-ico", "Omega Software Group Ltd", 3076320, "GBP")),
    # a Finnish recipient ("X sai ... sanktion") and a hundred thousand in words
    ("Sakko\n\nKivilä sai tällä viikolla huomattavan sanktion: tietosuojavaltuutetun toimisto määräsi sille "
     "sadantuhannen euron seuraamusmaksun.", ("regulator:fi-tietosuoja", "Kivilä", 100000, "EUR")),
    ("Boete\n\nDe Autoriteit Persoonsgegevens (AP) heeft Veldhoven Data B.V. een boete van zeshonderdduizend euro "
     "opgelegd.", ("regulator:nl-ap", "Veldhoven Data B.V.", 600000, "EUR")),
])
def test_targets_kinds_and_amounts_of_round_5(tmp_path: Path, text: str,
                                                                 expected: tuple[str, str, int | None, str | None]) -> None:
    assert _decisions(tmp_path, text) == [expected]


def test_a_and_b_named_apart_elsewhere_are_two_firms(tmp_path: Path) -> None:
    found = _decisions(tmp_path, "Fine\n\nThe Information Commissioner's Office (ICO) has fined Alpha and Alpha "
                                 "Pension Services a combined £14m. The ICO fined Alpha £8m and Alpha Pension Services £6m.")
    assert sorted((t, a) for _, t, a, _ in found) == [("Alpha", 8000000), ("Alpha Pension Services", 6000000)]


def test_a_name_with_and_never_named_apart_stays_one_firm(tmp_path: Path) -> None:
    found = _decisions(tmp_path, "Fine\n\nThe ICO fined Marks and Spencer £1m. Marks and Spencer said it would appeal.")
    assert [t for _, t, _, _ in found] == ["Marks and Spencer"]


def test_plural_fines_listed_per_firm_are_fines_and_a_combined_one_is_their_sum(tmp_path: Path) -> None:
    found = _decisions(tmp_path, "Fine\n\nSouth Korea's Personal Information Protection Commission (PIPC) imposed a "
                                 "combined fine of 100 billion won on Gamma and Delta.\n\nThe commission approved "
                                 "fines of 69.2 billion won for Gamma and 30.8 billion won for Delta.")
    assert sorted((t, a) for _, t, a, _ in found) == [("Delta", 30800000000), ("Gamma", 69200000000)]


def test_a_fine_given_again_now_after_an_earlier_one_stays_earlier(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Fine\n\nLast year the ICO fined Omega Software Group Ltd £3,076,320, and the company has now "
                    "been fined again.", "utf-8")
    extraction = extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                      publisher="Example News", author=None))
    assert [p.properties["evidence"]["earlier"] for p in extraction.of_kind("decision")] == ["yes"]


@pytest.mark.parametrize(("text", "issuer"), [
    ("Fine\n\nThe Lower Saxony data protection commissioner fined Weserwerk GmbH 1.1 million euros.", "regulator:de-ni"),
    ("Bußgeld\n\nDer hessische Datenschutzbeauftragte hat gegen die Mainblick GmbH ein Bußgeld von 80.000 Euro "
     "verhängt.", "regulator:de-he"),
    ("Bußgeld\n\nDie Datenschutzbeauftragte des Landes Niedersachsen hat gegen die Heideland AG ein Bußgeld von "
     "40.000 Euro verhängt.", "regulator:de-ni"),
    ("Fine\n\nThe data protection authority of Rhineland-Palatinate fined Moselblick GmbH 25,000 euros.", "regulator:de-rp"),
])
def test_regional_authorities_named_by_their_office_and_state(tmp_path: Path, text: str, issuer: str) -> None:
    assert [i for i, _, _, _ in _decisions(tmp_path, text)] == [issuer]


@pytest.mark.parametrize(("text", "expected"), [
    # the addressee of a decision is the firm it is about, before a place named more often
    ("Boete camera-auto's Utrecht\n\nAutoriteit Persoonsgegevens – besluit tot boeteoplegging, gericht aan Politie "
     "Oostland, t.a.v. de korpschef.\n\nDe Autoriteit Persoonsgegevens (AP) heeft besloten de korpschef een bestuurlijke "
     "boete van € 50.000,-- op te leggen. In de gemeente Utrecht gold een noodverordening. De gemeente Utrecht werkte mee.",
     [("regulator:nl-ap", "Politie Oostland", 50000, "EUR")]),
    # a short name joined by "&" is a firm's; "Q&A" and "R&D" are not
    ("Tillsyn\n\nKunder till K&V försökte utan framgång tacka nej till bolagets nyhetsbrev. Eftersom bolaget vidtagit "
     "åtgärder stannade IMY vid en sanktionsavgift om 350 000 kronor.", [("regulator:se-imy", "K&V", 350000, "SEK")]),
    ("Q&A\n\nIn our Q&A: the CNIL fined Kappa Media SAS 2 million euros over R&D data.",
     [("regulator:fr-cnil", "Kappa Media SAS", 2000000, "EUR")]),
    # ... and only when the text names no firm otherwise ("K&V" beside its full name is no second firm)
    ("Tillsyn\n\nIMY påför Kallström & Vik AB en sanktionsavgift på 350 000 kronor. Kunder till K&V klagade.",
     [("regulator:se-imy", "Kallström & Vik AB", 350000, "SEK")]),
    # a round-up: a fine in a later section without a firm is not the first section's firm's
    ("Översikt tillsynsbeslut\n\nKunder till K&V klagade. IMY stannade vid en sanktionsavgift om 350 000 kronor.\n\n"
     "Datum för beslut: 2023-10-17\n\nKorrigerande åtgärd: sanktionsavgift.\n\nEn fondrådgivare skickade av misstag ett "
     "mejl till kunder.\n\nIMY beslutade om en sanktionsavgift på 500 000 kronor.",
     [("regulator:se-imy", "K&V", 350000, "SEK"), ("regulator:se-imy", None, 500000, "SEK")]),
])
def test_addressees_ampersand_names_and_round_up_sections(tmp_path: Path, text: str,
                                                           expected: list[tuple[Any, ...]]) -> None:
    assert _decisions(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ingiunge di pagare la somma di euro 6.000,00 (seimila)", [(6000, "EUR", "amount")]),
    ("un chiffre d'affaires de 1,2 milliard d'euros", [(1200000000, "EUR", "turnover")]),
    ("bei einem Jahresumsatz von 30 Millionen Euro", [(30000000, "EUR", "turnover")]),
    ("140 duizend euro", []),  # not "duizend euro" (a thousand) inside a figure
])
def test_amount_formats_and_turnovers(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(m.amount, m.currency, m.meaning) for m in find_money(text)] == expected


def test_a_turnover_is_no_fine(tmp_path: Path) -> None:
    found = _decisions(tmp_path, "Amende\n\nLa CNIL a sanctionné la société Lumen SAS, qui réalise un chiffre "
                                 "d'affaires de 80 millions d'euros, d'une amende de 2 millions d'euros.")
    assert found == [("regulator:fr-cnil", "Lumen SAS", 2000000, "EUR")]
