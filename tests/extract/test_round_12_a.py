"""Round 12, group a: issuers described with a new acronym, neighbours' shared acronyms, amounts
written as hyphenated adjectives or "M€", sanctions told without a figure, yearly sums. Each rule
with the input it must serve and one where it must add no wrong fact. Names and amounts invented."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.sanctions import moneyless_kind


def _rows(text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    return decision_rows(extract(Article(text, date="2024-03-01")))


def _ids(text: str) -> set[str]:
    return {m.entry.id for m in find_regulators(text)}


# 1. Issuers: "<country>'s personal data protection authority (NEW)" names that country's authority.
def test_a_personal_data_protection_descriptor_and_its_new_acronym_name_the_authority() -> None:
    text = ("Greece's Personal Data Protection Authority (GDPA) has fined the Blue Lantern party 30,000 euros. "
            "The GDPA also ordered the party to delete the list.")
    found = [(m.entry.id, text[m.start : m.end]) for m in find_regulators(text)]
    assert ("regulator:gr-hdpa", "GDPA") in found
    assert _rows(text)[0][:5] == ("regulator:gr-hdpa", "Blue Lantern", "fine", 30_000, "EUR")


@pytest.mark.parametrize("text", [
    "Singapore's Personal Data Protection Commission (PDPC) fined Orchid Pte Ltd.",
    "Nigeria's Personal Data Protection Commission (NDPC) fined Lagoon Ltd. The NDPC said so.",
    "Italy's competition authority (AGCM) fined Vela SpA; the AGCM said so.",
])
def test_no_eu_privacy_authority_for_another_country_or_sector(text: str) -> None:
    assert not {i for i in _ids(text) if i != "regulator:it-agcm"} & {
        "regulator:it-garante", "regulator:ie-dpc", "regulator:gr-hdpa"}


def test_a_new_acronym_that_is_another_authority_s_is_not_taken() -> None:
    text = "Greece's Personal Data Protection Authority (CNIL) said. The CNIL fined X."
    assert "regulator:gr-hdpa" not in {m.entry.id for m in find_regulators(text) if text[m.start : m.end] == "CNIL"}


def test_a_shared_acronym_is_the_authority_of_the_text_s_language() -> None:
    slovak = "Hnutie Modrá dostalo pokutu od Úradu na ochranu osobných údajov (ÚOOÚ). Koľko má zaplatiť, ÚOOÚ nepovedal."
    czech = "ÚOOÚ uložil společnosti Hruška s.r.o. pokutu 2 miliony korun za porušení pravidel."
    assert _ids(slovak) == {"regulator:sk-uoou"}
    assert _ids(czech) == {"regulator:cz-uoou"}
    assert _ids("The ÚOOÚ fined the firm.") == set()  # neither language: no guess


# 2. Amounts: hyphenated amount-currency adjectives and "M€"; a bracketed conversion stays one.
def test_hyphenated_amounts_are_read_and_their_conversion_is_no_fine() -> None:
    found = find_money("The authority imposed a 300,000-euro fine (484,000 AUD) on Kestrel Ltd and a "
                       "20,000-euro penalty on Merlin Ltd; ein 40.000-Euro-Bußgeld; a 5-million-euro fine")
    assert [(m.amount, m.currency) for m in found if m.conversion_of is None] == [
        (300_000, "EUR"), (20_000, "EUR"), (40_000, "EUR"), (5_000_000, "EUR")]
    assert found[0].conversions == ((484_000, "AUD"),)


def test_the_conversion_of_a_hyphenated_fine_is_no_decision_amount() -> None:
    rows = _rows("Kestrel fined\n\nThe CNIL imposed a 300,000-euro fine (484,000 AUD) on Kestrel SA.")
    assert [(r[3], r[4]) for r in rows] == [(300_000, "EUR")]


@pytest.mark.parametrize("text", ["in 2019-euro terms", "the 2021-euro rate", "a 3-day course"])
def test_no_hyphenated_amount_from_a_year_or_a_count(text: str) -> None:
    assert find_money(text) == []


def test_french_m_euro_amounts() -> None:
    found = find_money("condamnée à 3 M€ d'amende, puis 1,5 Md€ et 150 k€")
    assert [m.amount for m in found] == [3_000_000, 1_500_000_000, 150_000]


# 3. Sanction kinds told without a figure.
@pytest.mark.parametrize(("text", "kind"), [
    ("Acme has been hit with an incremental penalty payment by the Dutch Data Protection Authority.", "periodic_penalty"),
    ("De Autoriteit Persoonsgegevens heeft Acme BV een last onder dwangsom opgelegd.", "periodic_penalty"),
    ("Die Datenschutzbehörde Österreichs (DSB) hat gegen die Acme GmbH ein Straferkenntnis erlassen und "
     "verhängt gemäß Art. 83 DSGVO eine Strafe gegen die Acme GmbH.", "fine"),
])
def test_a_sanction_told_without_its_figure_keeps_its_kind(text: str, kind: str) -> None:
    assert [(r[2], r[3]) for r in _rows(text)] == [(kind, None)]


def test_a_cap_on_a_periodic_penalty_is_no_fine() -> None:
    text = ("Dutch DPA puts Acme under incremental penalty\n\nAcme has been hit with an incremental penalty payment "
            "by the Dutch Data Protection Authority. The sanction could reach 15 million euros.")
    assert [(r[2], r[3]) for r in _rows(text)] == [("periodic_penalty", None)]
    assert find_money(text)[0].meaning == "ceiling"


@pytest.mark.parametrize("text", [
    "The authority could fine Acme.", "The court annulled the fine against Acme GmbH.",
    "La CNIL a décidé de liquider l'astreinte prononcée contre Acme.",
])
def test_no_kind_from_a_possible_annulled_or_liquidated_sanction(text: str) -> None:
    assert moneyless_kind(text) is None


def test_a_yearly_sum_is_no_amount_of_the_one_fine() -> None:
    text = ("Die Landesdatenschutzbeauftragte Niedersachsen erließ 42 Bußgeldbescheide mit einer Gesamtsumme von "
            "rund 310.000 Euro. Davon entfielen 150.000 Euro auf einen einzelnen Fall.")
    assert find_money(text)[0].meaning == "total"
    assert all(r[3] != 310_000 for r in _rows(text))


def test_officials_ordered_to_pay_are_not_the_firm_named_before() -> None:
    text = ("The party was fined\n\nThe CNIL has fined the Union Bleue party 40,000 euros. On top of the fine on "
            "Union Bleue, the CNIL ordered two former party officials to pay 10,000 euros each.")
    rows = _rows(text)
    assert ("regulator:fr-cnil", "Union Bleue", "fine", 40_000, "EUR") in rows
    assert all(not (r[1] == "Union Bleue" and r[3] == 10_000) for r in rows)


# 1 (more). A state's genitive before its office; a name two countries' authorities share.
def test_a_state_s_genitive_names_its_office() -> None:
    assert "regulator:de-bw-lfdi" in _ids("„Das war zu erwarten“, sagte Baden-Württembergs Datenschutzbeauftragter.")
    assert "regulator:de-bw-lfdi" not in _ids("sagte Hessens Datenschutzbeauftragter")


def test_a_shared_english_name_is_the_mentioned_country_s_authority() -> None:
    assert _ids("The Personal Information Protection Commission fined Hanbit Co. of Seoul, Korea.") == {"regulator:kr-pipc"}
    assert _ids("Japan and Korea: the Personal Information Protection Commission said.") == set()
    assert _ids("The Personal Information Protection Commission fined Hanbit Co.") == set()


def test_a_fine_on_an_unnamed_person_takes_no_firm_of_the_story() -> None:
    text = ("Datenschutz bei der Polizei\n\nDie Landesdatenschutzbeauftragte Baden-Württemberg hat 20 Verfahren gegen "
            "die Muster AG auf dem Tisch. Ein Polizist musste kürzlich ein Bußgeld von 900 Euro bezahlen.")
    assert all(not (r[1] == "Muster AG" and r[3] == 900) for r in _rows(text))


# 2 (more). Italian "un milione di euro"; never the first part of "un milione e quattrocentomila euro".
def test_italian_un_milione() -> None:
    assert [(m.amount, m.currency) for m in find_money("una sanzione da un milione di euro")] == [(1_000_000, "EUR")]
    assert all(m.amount != 1_000_000 for m in find_money("una sanzione da un milione e quattrocentomila euro"))
