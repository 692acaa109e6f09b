"""Review 12, group "hypotheticals": the round-11 guards against sanctions told as not imposed reached
too far. "Instead of" a lesser sanction (F1), a denied sanction before the one given (F2), a modal in
a relative clause (F3) and a negated comparison (F4) lost the real fine; a fine "over parking fines"
(F12) and one opened by "In total" (F13) lost its amount; the conversion of compensation became a
fine (F15). Each lost or wrong fact with the nearby case the guard is for. Names and amounts invented."""

from __future__ import annotations

import pytest
from proposed import fines_of, kinds_of

from enforcegraph.loaders.extract.money import find_money


# F1: "instead of" a lesser sanction covers that sanction (and its amount), not the clause after it.
@pytest.mark.parametrize(("text", "fine"), [
    ("ICO fine\n\nInstead of a reprimand the ICO imposed a fine of £750,000 on Easylife Ltd.", (750_000, "GBP")),
    ("ICO fine\n\nRather than issue a reprimand the ICO fined Easylife Ltd £250,000 on Monday.", (250_000, "GBP")),
    ("Bußgeld\n\nStatt einer Verwarnung verhängte die Berliner Datenschutzbeauftragte gegen die Deutsche Wohnen SE "
     "ein Bußgeld von 14,5 Millionen Euro.", (14_500_000, "EUR")),
    ("Boete\n\nIn plaats van een berisping legde de Autoriteit Persoonsgegevens Uber B.V. een boete van 600.000 euro "
     "op.", (600_000, "EUR")),
    ("Sanzione\n\nInvece di un ammonimento il Garante privacy ha inflitto a Enel Energia S.p.A. una sanzione di 79 "
     "milioni di euro.", (79_000_000, "EUR")),
    ("Multa\n\nEn lugar de un apercibimiento la AEPD impuso a CaixaBank S.A. una multa de 6 millones de euros.",
     (6_000_000, "EUR")),
    ("Sanktionsavgift\n\nI stället för en reprimand påförde IMY Klarna Bank AB en sanktionsavgift på 7,5 miljoner "
     "kronor.", (7_500_000, "SEK")),
    ("Kara\n\nZamiast upomnienia Prezes UODO nałożył na Morele.net karę w wysokości 2,8 mln zł.", (2_800_000, "PLN")),
])
def test_a_fine_instead_of_a_lesser_sanction_is_kept(text: str, fine: tuple[int, str]) -> None:
    assert fines_of(text) == [fine]
    assert "reprimand" not in kinds_of(text)


@pytest.mark.parametrize("text", [
    "ICO reprimand\n\nThe ICO issued a reprimand to Easylife Ltd instead of a £350,000 fine.",
    "ICO reprimand\n\nThe ICO reprimanded Easylife Ltd instead of fining it £350,000.",
    "ICO reprimand\n\nThe ICO reprimanded Easylife Ltd instead of a fine of up to £350,000.",
    "Verwarnung\n\nStatt eines Bußgelds in Höhe von 5 Millionen Euro erhielt die Deutsche Wohnen SE von der "
    "Berliner Datenschutzbeauftragten eine Verwarnung.",
    "Rappel à l'ordre\n\nLa CNIL a adressé un rappel à l'ordre à Clearview AI au lieu d'une amende de 5 000 euros.",
    "Ammonimento\n\nInvece di multare Enel Energia S.p.A. per 5 milioni di euro, il Garante privacy ha ammonito la "
    "società.",
    "Apercibimiento\n\nEn lugar de multar a CaixaBank S.A. con 6 millones de euros, la AEPD le dirigió un "
    "apercibimiento.",
])
def test_the_fine_in_place_of_which_another_came_is_still_none(text: str) -> None:
    assert fines_of(text) == []


# F2: a denied lesser sanction, then the one given ("sondern", "maar"): the sentence is judged by that one.
@pytest.mark.parametrize(("text", "fine"), [
    ("Bußgeld\n\nFür die Deutsche Wohnen SE gab es keine Verwarnung, sondern ein Bußgeld der Berliner "
     "Datenschutzbeauftragten von 14,5 Millionen Euro.", (14_500_000, "EUR")),
    ("Boete\n\nGeen berisping maar een boete van 600.000 euro: dat legde de Autoriteit Persoonsgegevens Uber B.V. op.",
     (600_000, "EUR")),
])
def test_a_fine_after_a_denied_reprimand_is_kept(text: str, fine: tuple[int, str]) -> None:
    assert fines_of(text) == [fine]


@pytest.mark.parametrize("text", [
    "Verwarnung\n\nDie Berliner Datenschutzbeauftragte verhängte gegen die Deutsche Wohnen SE kein Bußgeld von 14,5 "
    "Millionen Euro, sondern eine Verwarnung.",
    "ICO\n\nThe ICO did not fine Easylife Ltd, saying a penalty of £1.5 million would be too harsh.",
])
def test_a_denied_fine_is_still_none(text: str) -> None:
    assert fines_of(text) == []


# F3: a modal about the statutory maximum in a relative clause does not deny the sentence's fine.
def test_a_modal_in_a_relative_clause_leaves_the_fine() -> None:
    text = ("TikTok fined\n\nTikTok Technology Limited, which could have been fined up to €1 billion, received a €345 "
            "million penalty from the Irish DPC on Friday.")
    assert fines_of(text) == [(345_000_000, "EUR")]


def test_a_modal_outside_a_relative_clause_is_still_no_fine() -> None:
    text = ("TikTok\n\nTikTok Technology Limited, which denies wrongdoing, could be fined €30 million by the Irish DPC.")
    assert fines_of(text) == []


# F4: a negated comparison ("never imposed a bigger fine than") denies the comparison, not the fine.
def test_a_negated_comparison_leaves_the_fine() -> None:
    text = ("DPC\n\nThe Irish DPC has never imposed a bigger fine than the €1.2 billion penalty on Meta Platforms "
            "Ireland Limited announced on Monday.")
    assert fines_of(text) == [(1_200_000_000, "EUR")]


def test_a_negated_fine_is_still_none() -> None:
    assert fines_of("DPC\n\nThe Irish DPC has never imposed a fine of €1 million on Meta Platforms Ireland Limited.") == []


# F12: a fine about traffic fines (a cause: over, per, voor, por) keeps its amount.
@pytest.mark.parametrize(("text", "fine"), [
    ("Fine\n\nThe ICO fined Parking Control Ltd £50,000 over parking fines sent to the wrong drivers.", (50_000, "GBP")),
    ("Multa\n\nIl Garante privacy ha multato il Comune di Trento per 50.000 euro per multe stradali notificate via "
     "WhatsApp.", (50_000, "EUR")),
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft de gemeente Amsterdam een boete van 50.000 euro opgelegd voor "
     "verkeersboetes met te veel gegevens.", (50_000, "EUR")),
    ("Multa\n\nLa AEPD ha multado al Ayuntamiento de Madrid con 50.000 euros por multas de tráfico enviadas sin cifrar.",
     (50_000, "EUR")),
])
def test_a_fine_over_traffic_fines_keeps_its_amount(text: str, fine: tuple[int, str]) -> None:
    assert fines_of(text) == [fine]


@pytest.mark.parametrize("text", [
    "incassa ogni anno 200 milioni di euro di multe stradali", "collected £50 million in parking fines",
    "int jaarlijks 800 miljoen euro aan verkeersboetes", "200 millions d'euros d'amendes de stationnement",
])
def test_amounts_of_traffic_fines_are_still_everyday(text: str) -> None:
    assert [m.meaning for m in find_money(text)] == ["everyday"]


# F13: a sentence opened by a word of sum tells one decision's fine unless it tells several fines or a span of time.
@pytest.mark.parametrize(("text", "fine"), [
    ("Fine\n\nIn total the ICO fined Easylife Ltd £1.48 million on Monday for two breaches.", (1_480_000, "GBP")),
    ("Fine\n\nAltogether Easylife Ltd must pay £1.48 million in fines, the ICO said on Monday.", (1_480_000, "GBP")),
    ("Bußgeld\n\nInsgesamt muss die Deutsche Wohnen SE ein Bußgeld von 14,5 Millionen Euro zahlen, teilte die Berliner "
     "Datenschutzbeauftragte am Montag mit.", (14_500_000, "EUR")),
    ("Datatilsynet\n\nI alt skal Netcompany A/S betale en bøde på 1,5 millioner kroner, oplyser Datatilsynet.",
     (1_500_000, "DKK")),
    ("IMY\n\nTotalt påför IMY Klarna Bank AB en sanktionsavgift på 7,5 miljoner kronor.", (7_500_000, "SEK")),
])
def test_a_sum_of_one_decision_is_its_fine(text: str, fine: tuple[int, str]) -> None:
    assert fines_of(text) == [fine]


@pytest.mark.parametrize("text", [
    "IMY\n\nIMY har påfört Klarna Bank AB en sanktionsavgift på 7,5 miljoner kronor. Sammanlagt har IMY utfärdat "
    "avgifter på 150 miljoner kronor sedan 2018.",
    "ICO\n\nThe ICO fined Easylife Ltd £7.5 million. In total, the ICO has imposed £15 million in fines.",
    "CNIL\n\nLa CNIL a infligé une amende de 7,5 millions d'euros à Clearview AI. Au total, la CNIL a prononcé 100 "
    "millions d'euros depuis 2018.",
])
def test_a_career_total_is_still_no_fine(text: str) -> None:
    assert [a for a, _ in fines_of(text)] == [7_500_000]


# F15: the conversion of compensation is compensation; the conversion of a fine still goes with it.
def test_the_conversion_of_compensation_is_no_fine() -> None:
    text = ("Fine\n\nThe ICO fined Clearview AI Inc £7,552,800; Clearview had earlier paid $50,000 in compensation, "
            "roughly £40,000.")
    assert fines_of(text) == [(7_552_800, "GBP")]
    assert [(m.meaning, m.conversions) for m in find_money(text)] == [("amount", ()), ("award", ((40_000, "GBP"),))]


def test_the_conversion_of_a_fine_stays_with_it() -> None:
    money = find_money("The FTC fined Clearview AI Inc $50,000, roughly £40,000.")
    assert [(m.amount, m.conversions) for m in money if m.conversion_of is None] == [(50_000, ((40_000, "GBP"),))]


def test_a_sanction_after_but_far_from_the_denied_one_is_still_none() -> None:
    assert fines_of("ICO\n\nThe ICO did not fine Easylife Ltd but a penalty of £1.5 million could follow.") == []
