"""Round-7 rules (issue 17) on short texts written for the test (names and amounts invented):
the fallback decision of a report that names a regulator and a sanction where no other rule
fires (its issuer, its main fine, a target only where one firm is clearly the story's); amounts
(declined Polish magnitudes, "voor" no ceiling, "samen goed voor", "svenske kroner"); today's fine
after an earlier one; German state authorities; the fined firm opening a headline; Nordic and
Romance public bodies; the abbreviated Polish form after one initial."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.money import find_money


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target, kind, amount, currency) of each decision proposed, in text order."""
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return decision_rows(extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                              publisher="Example News", author=None)))


@pytest.mark.parametrize(("text", "expected"), [
    # Danish: a report to the police with a view to a fine, no amount: a proposed fine on the firm
    ("Lykkebo Kommune indstilles til bøde\n\nDatatilsynet har politianmeldt Lykkebo Kommune, fordi tilsynet "
     "vurderer, at kommunen ikke har levet op til kravene.\n\nKommunen har ikke kommenteret sagen.",
     ("regulator:dk-datatilsynet", "Lykkebo Kommune", "proposed_fine", None, None)),
    # Dutch: a story about costs whose only fine is last year's: that fine, not the costs
    ("Ruzie met privacywaakhond kost Veldhoven geld\n\nVeldhoven heeft 90 duizend euro uitgegeven aan zijn verzet "
     "tegen de Autoriteit Persoonsgegevens (AP). De privacywaakhond legde de gemeente Veldhoven vorig jaar een boete "
     "van 450.000 euro wegens camera's in de binnenstad, en de kosten lopen op.",
     ("regulator:nl-ap", "Veldhoven", "fine", 450000, "EUR")),
    # A fine on "a bank": the issuer and the fine in the local currency, no firm
    ("Record fine for a bank\n\nThe Hungarian Data Protection Authority (NAIH) has published its annual report, in "
     "which it describes a case where the Authority imposed its highest fine to date, of ca. EUR 540,000 "
     "(HUF 200 million).\n\nThe case concerned a bank.",
     ("regulator:hu-naih", None, "fine", 200000000, "HUF")),
    # Swedish: two firms named as often as each other and not in the fine's sentence: no target
    ("Bot för två företag\n\nIMY meddelade i dag beslut om sanktion på 4 miljoner kronor.\n\nBåde Lindqvist AB och "
     "Fjällmark AB har haft tillgång till uppgifterna.",
     ("regulator:se-imy", None, "fine", 4000000, "SEK")),
    # ... one of them in the headline and named again: the story's firm
    ("Bot för Lindqvist AB\n\nIMY meddelade i dag beslut om sanktion på 4 miljoner kronor.\n\nLindqvist AB och "
     "Fjällmark AB har haft tillgång till uppgifterna.",
     ("regulator:se-imy", "Lindqvist AB", "fine", 4000000, "SEK")),
])
def test_the_fallback_decision(tmp_path: Path, text: str, expected: tuple[str, str | None, str, Any, Any]) -> None:
    assert _decisions(tmp_path, text) == [expected]


def test_no_fallback_without_a_figure_or_a_firm(tmp_path: Path) -> None:
    text = ("Sanctions\n\nThe Information Commissioner's Office (ICO) said sanctions were being considered in "
            "several cases.\n\nNo names were given.")
    assert _decisions(tmp_path, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # Polish and Czech declined magnitudes
    ("karę w wysokości niemal 7 milionów złotych", [(7000000, "PLN", "amount")]),
    ("kara 2 miliony zł", [(2000000, "PLN", "amount")]),
    # "voor" (for) ends in "or" but is no ceiling; "or" after a figure still is one
    ("De AP beboet Rolvink voor 320.000 euro.", [(320000, "EUR", "amount")]),
    ("a fine for £210,000", [(210000, "GBP", "amount")]),
    ("fines of up to 20 million euros or 4% of turnover", [(20000000, "EUR", "ceiling")]),
    # Dutch "samen goed voor": a total
    ("negen boetes, samen goed voor 144.000 euro", [(144000, "EUR", "total")]),
    # Nordic crowns named with their country's adjective
    ("en bot på 12 millioner svenske kroner", [(12000000, "SEK", "amount")]),
    ("en bøde på 3 millioner danske kroner", [(3000000, "DKK", "amount")]),
])
def test_amounts_of_round_7(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(m.amount, m.currency, m.meaning) for m in find_money(text)] == expected


def test_the_fine_given_now_after_an_earlier_notice_in_the_same_sentence(tmp_path: Path) -> None:
    text = ("Boete\n\nNa een boete in 2022 van 900.000 euro heeft de Autoriteit Persoonsgegevens (AP) "
            "Pelmo Logistiek B.V. nu een boete van 475.000 euro opgelegd.")
    assert _decisions(tmp_path, text) == [("regulator:nl-ap", "Pelmo Logistiek B.V.", "fine", 475000, "EUR")]


@pytest.mark.parametrize(("text", "expected"), [
    # a state's office named alone: the one state the text names (here by its capital in the dateline)
    ("Bußgeld\n\nStuttgart (dpa) - Der Landesdatenschutzbeauftragte hat gegen die Kornmeyer GmbH ein Bußgeld von "
     "240.000 Euro verhängt.", ("regulator:de-bw-lfdi", "Kornmeyer GmbH", "fine", 240000, "EUR")),
    # a state's adjective before its office, for a state the gazetteer now knows
    ("Bußgeld\n\nDie Bremer Landesbeauftragte für Datenschutz hat gegen die Wohnbau Weserblick GmbH eine Geldbuße "
     "von 80.000 Euro verhängt.", ("regulator:de-hb", "Wohnbau Weserblick GmbH", "fine", 80000, "EUR")),
])
def test_state_authorities_of_round_7(tmp_path: Path, text: str, expected: tuple[str, str, str, Any, Any]) -> None:
    assert _decisions(tmp_path, text) == [expected]


def test_a_state_office_alone_takes_no_state_when_the_text_names_two() -> None:
    text = "Der Landesdatenschutzbeauftragte prüft, ob die Daten von Hannover nach Stuttgart gingen."
    assert [m.entry.id for m in find_regulators(text)] == []


@pytest.mark.parametrize(("text", "expected"), [
    # French and Dutch headlines that open with the fined firm and a participle
    ("Velomint condamné à 90.000 euros d'amende\n\nLourde amende pour Velomint. La société de vélos en libre-service "
     "doit payer 90.000 euros, a annoncé mardi la CNIL. Velomint conteste la décision.",
     ("regulator:fr-cnil", "Velomint", "fine", 90000, "EUR")),
    ("Privacy – Zeevlucht beboet voor lekke beveiliging\n\nZeevlucht meldde een datalek. De Autoriteit "
     "Persoonsgegevens (AP) legt een boete op van EUR 310.000. Zeevlucht gaat niet in bezwaar.",
     ("regulator:nl-ap", "Zeevlucht", "fine", 310000, "EUR")),
])
def test_headline_subjects_of_round_7(tmp_path: Path, text: str, expected: tuple[str, str, str, Any, Any]) -> None:
    assert _decisions(tmp_path, text) == [expected]


def test_a_nordic_public_body_whose_name_ends_in_a_lower_case_noun(tmp_path: Path) -> None:
    text = ("Gebyr\n\nDatatilsynet har ilagt Statens fiskeriverk et overtredelsesgebyr på 250.000 kroner for ulovlig "
            "overvåking.")
    assert _decisions(tmp_path, text) == [("regulator:no-datatilsynet", "Statens fiskeriverk", "fine", 250000, "NOK")]


def test_a_romance_public_body_in_lower_case(tmp_path: Path) -> None:
    text = ("Privacy\n\nIl Garante privacy ha inflitto al comune di Vallerana una sanzione di 12 mila euro per le "
            "telecamere in piazza.")
    assert _decisions(tmp_path, text) == [("regulator:it-garante", "comune di Vallerana", "fine", 12000, "EUR")]


def test_a_polish_reprimand_of_an_anonymised_firm_with_an_abbreviated_form(tmp_path: Path) -> None:
    text = ("Decyzja\n\nPrezes Urzędu Ochrony Danych Osobowych przeprowadził postępowanie w przedmiocie nałożenia "
            "administracyjnej kary pieniężnej na R. Sp. z o.o. z siedzibą w K.\n\nW wyniku postępowania Prezes UODO "
            "udziela upomnienia R. Sp. z o.o. za naruszenie przepisów.")
    assert _decisions(tmp_path, text) == [("regulator:pl-uodo", "R. Sp. z o.o.", "reprimand", None, None)]


def test_a_name_of_six_words(tmp_path: Path) -> None:
    text = ("Reprimand\n\nThe Information Commissioner's Office (ICO) has reprimanded the North Harwood Valley NHS "
            "Foundation Trust over a data breach.")
    assert _decisions(tmp_path, text) == [("regulator:gb-ico", "North Harwood Valley NHS Foundation Trust", "reprimand",
                                           None, None)]
