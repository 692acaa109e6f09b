"""Round-13 review, money (F7, F8, F9, F13, F15): "a week ago" after an amount is when, not a
periodic penalty (F7); an amount per call, subscriber or tenant is no fine's total (F8); a bare "$"
or "dollars" takes the dollar of the story's regulator's country (F9); one total for several firms is
no firm's fine (F13); an upper bound ("tot", "do", "maximal") or a range's ends are no fine (F15).
Each finding has the wrong fact that no longer occurs and the nearby right case that still works.
Names and amounts are invented."""

from __future__ import annotations

import pytest
from proposed import decision_rows, fines_of, kinds_of

from enforcegraph.loaders.extract.money import find_money


def _sanctions(text: str) -> list[tuple[str, float | int | None, str | None]]:
    return [s for r in decision_rows(text) for s in r["sanctions"]]


# F7: "a week ago", "a day after", "a month later": when the fine was imposed, not a rate.
@pytest.mark.parametrize("text", [
    "Fine\n\nThe ICO fined Easylife Ltd £250,000 a week ago.",
    "Fine\n\nEasylife Ltd, which the ICO fined £250,000 a month ago, has gone into administration.",
    "Fine\n\nThe ICO fined Easylife Ltd £250,000 a day after the firm's boss resigned.",
    "Fine\n\nThe ICO fined Pinnacle Life Ltd £120,000 a month later, the regulator said.",
    "Fine\n\nThe ICO fined Crown Glazing Ltd £80,000 a week before Christmas.",
])
def test_a_time_phrase_after_the_amount_is_no_periodic_penalty(text: str) -> None:
    assert "periodic_penalty" not in kinds_of(text)
    assert len(fines_of(text)) == 1


@pytest.mark.parametrize(("text", "per"), [
    ("Dwangsom\n\nDe Autoriteit Persoonsgegevens legde Kruidvat een dwangsom op van 25.000 euro per dag.", "day"),
    ("Astreinte\n\nLa CNIL a prononcé contre Clearview AI une astreinte de 100 000 euros par jour de retard.", "day"),
    ("Penalty\n\nThe ICO ordered Easylife Ltd to pay £10,000 a day until it complies.", "day"),
    ("Penalty\n\nThe ICO ordered Easylife Ltd to pay £5,000 a week after the deadline passes.", None),
])
def test_a_rate_after_the_amount_is_still_periodic(text: str, per: str | None) -> None:
    found = [m for m in find_money(text) if m.meaning == "periodic"]
    if per is None:  # "a week after": a date, even where the sentence is about a later payment
        assert not found
    else:
        assert [m.per for m in found] == [per]


# F8: an amount per violation, call, subscriber or tenant: the total is not told, so no amount.
@pytest.mark.parametrize(("text", "unit"), [
    ("Fine\n\nThe ICO fined Easylife Ltd £100 for each of the 1.2 million unsolicited calls it made.", 100),
    ("Fine\n\nThe FTC fined Avast Limited $50,000 per violation of the order.", 50_000),
    ("Amende\n\nLa CNIL a infligé à Free Mobile une amende de 300 euros par abonné concerné.", 300),
    ("Amende\n\nLa CNIL a infligé à Orange SA une amende de 200 euros pour chaque client démarché.", 200),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte hat gegen die Deutsche Wohnen SE ein Bußgeld von 500 Euro pro "
     "betroffenem Mieter verhängt.", 500),
    ("Multa\n\nLa AEPD ha impuesto a Glovoapp23 S.A. una multa de 1.000 euros por cada repartidor afectado.", 1_000),
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Kruidvat een boete van 100 euro per klant opgelegd.", 100),
    ("Sanzione\n\nIl Garante privacy ha inflitto a Foodinho S.r.l. una sanzione di 5.000 euro per ogni rider "
     "coinvolto.", 5_000),
    ("Kara\n\nPrezes UODO nałożył na Morele.net karę w wysokości 50 zł za każdego klienta.", 50),
])
def test_an_amount_per_unit_is_no_fine(text: str, unit: int) -> None:
    assert unit not in [a for r in decision_rows(text) for a in r["amounts"]]
    assert [m.meaning for m in find_money(text) if m.amount == unit] == ["unit"]


@pytest.mark.parametrize(("text", "amount"), [
    ("Fine\n\nThe ICO fined Easylife Ltd £1.35 million for making unsolicited calls.", 1_350_000),
    ("Sanzione\n\nIl Garante privacy ha inflitto a Foodinho S.r.l. una sanzione di 5 milioni di euro per violazione "
     "del codice privacy.", 5_000_000),
    ("Amende\n\nLa CNIL a infligé à Free Mobile une amende de 300 000 euros par une délibération du 3 avril.", 300_000),
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Kruidvat een boete van 600.000 euro opgelegd, ofwel 2 euro per "
     "klant.", 600_000),
    ("Fine\n\nThe ICO fined Easylife Ltd £1.5 million, or about £1.25 per call.", 1_500_000),
])
def test_a_total_beside_or_before_its_unit_is_still_the_fine(text: str, amount: int) -> None:
    assert amount in [a for _, a, _ in _sanctions(text)]


# F9: a bare "$" or "dollars" is the dollar of the story's regulator's country.
@pytest.mark.parametrize(("text", "currency"), [
    ("Fine\n\nThe ACCC fined Qantas Airways Limited $100 million on Monday over ghost flights.", "AUD"),
    ("Fine\n\nThe Competition Bureau Canada fined Rogers Communications $15 million on Monday.", "CAD"),
    ("Amende\n\nLa Commission d'accès à l'information du Québec a imposé à Desjardins une amende de 5 millions de "
     "dollars.", "CAD"),
    ("Fine\n\nThe Office of the Privacy Commissioner of Canada said on Monday it had fined Tim Hortons $2 million.",
     "CAD"),
])
def test_a_bare_dollar_takes_the_regulators_country(text: str, currency: str) -> None:
    assert {c for _, _, c in _sanctions(text)} == {currency}


def test_a_bare_dollar_in_a_story_of_two_dollar_countries_takes_its_clauses() -> None:
    text = "Fine\n\nThe FTC fined Meta $5 billion; the ACCC fined Qantas Airways Limited $100 million."
    assert sorted(_sanctions(text)) == [("fine", 100_000_000, "AUD"), ("fine", 5_000_000_000, "USD")]


@pytest.mark.parametrize(("text", "currency"), [
    ("Fine\n\nThe FTC fined Avast Limited $16.5 million on Monday.", "USD"),
    ("Fine\n\nThe ACCC fined Qantas Airways Limited US$100 million on Monday.", "USD"),
    ("Fine\n\nThe Irish DPC fined Meta €1.2 billion ($1.3 billion) on Monday.", "EUR"),
])
def test_a_marked_dollar_or_a_us_story_keeps_its_currency(text: str, currency: str) -> None:
    assert {c for _, _, c in _sanctions(text)} == {currency}


# F13: one total for several firms is no one firm's fine.
@pytest.mark.parametrize("text", [
    "Amende\n\nLa CNIL a infligé à Google LLC et Amazon Europe Core des amendes d'un montant total de 135 millions "
    "d'euros.",
    "Bußgeld\n\nDie Hamburger Datenschutzbeauftragte verhängte gegen drei Firmen, darunter die Otto GmbH, Bußgelder "
    "von insgesamt 1 Million Euro.",
    "Fine\n\nThe ICO fined two companies, including Easylife Ltd, a total of £1.35 million.",
])
def test_one_total_for_several_firms_is_no_firms_fine(text: str) -> None:
    assert not [r for r in decision_rows(text) if r["target"] and r["amounts"] != [None] and r["amounts"]]


def test_one_total_for_one_firm_is_still_its_fine() -> None:
    text = "Boete\n\nDe Autoriteit Persoonsgegevens heeft boetes van in totaal 98.000 euro opgelegd aan Kruidvat B.V."
    assert [a for _, a, _ in _sanctions(text)] == [98_000]
    text = "Amende\n\nLa CNIL a infligé à Google LLC des amendes d'un montant total de 150 millions d'euros."
    assert [a for _, a, _ in _sanctions(text)] == [150_000_000]


# F15: an upper bound or a range is no fine.
@pytest.mark.parametrize(("text", "amounts"), [
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Uber een boete tot 290 miljoen euro opgelegd.", {290_000_000}),
    ("Kara\n\nPrezes UODO nałożył na Morele.net karę do 2,8 mln zł.", {2_800_000}),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte verhängte gegen die Deutsche Wohnen SE ein Bußgeld von maximal "
     "14,5 Millionen Euro.", {14_500_000}),
    ("Fine\n\nThe ICO fined Easylife Ltd between £1 million and £1.5 million on Monday, it said.",
     {1_000_000, 1_500_000}),
    ("Amende\n\nLa CNIL a infligé à Criteo SA une amende comprise entre 30 et 40 millions d'euros.", {40_000_000}),
    ("Boete\n\nDe AP heeft Uber een boete tussen 1 en 2 miljoen euro opgelegd.", {2_000_000}),
])
def test_an_upper_bound_or_a_range_is_no_fine(text: str, amounts: set[int]) -> None:
    assert not amounts & {a for _, a, _ in _sanctions(text)}


@pytest.mark.parametrize(("text", "amount"), [
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft de boete voor Uber verlaagd tot 290 miljoen euro.", 290_000_000),
    ("Kara\n\nPrezes UODO obniżył karę do 2,8 mln zł dla Morele.net.", 2_800_000),
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Uber een boete van 290 miljoen euro opgelegd.", 290_000_000),
    ("Fine\n\nThe ICO fined Easylife Ltd £1.5 million on Monday, between two other penalties.", 1_500_000),
])
def test_a_fine_changed_to_or_told_plainly_is_still_the_fine(text: str, amount: int) -> None:
    assert [m.meaning for m in find_money(text) if m.amount == amount] == ["amount"]
