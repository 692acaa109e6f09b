"""Round-13 review, sanctions that are not (or no longer) imposed (F3, F4, F5, F6, F14, F16, F17): an
undone fine is an earlier decision, undated; a waived or capped one is none; a future one, and the
words of a proposal or intent, make a proposed fine, but only in the clause of the amount they govern; a
settlement or a donation is no fine; a weekday "last week" or "before Easter" is not the latest
such day. Each finding has the wrong fact that no longer occurs and the nearby right case that
still works. Names and amounts are invented."""

from __future__ import annotations

from typing import Any

import pytest
from proposed import decision_rows

from enforcegraph.loaders.extract.standing import future, undone


def _with(text: str, amount: int) -> list[dict[str, Any]]:
    return [r for r in decision_rows(text) if amount in r["amounts"]]


def _kinds(text: str, amount: int) -> list[str]:
    return [k for r in decision_rows(text) for k, a, _ in r["sanctions"] if a == amount]


# F3: a withdrawn, revoked, quashed or annulled fine is an earlier decision, undated; a waived one none.
@pytest.mark.parametrize(("text", "amount"), [
    ("Withdrawn\n\nThe ICO on Monday withdrew the £900,000 fine it had imposed on Acme Widgets Ltd.", 900_000),
    ("Retrait\n\nLa CNIL a retiré mardi l'amende de 3 millions d'euros infligée à Dupont Médias SA.", 3_000_000),
    ("Revoca\n\nIl Garante privacy ha revocato la sanzione di 2 milioni di euro inflitta a Rossi Servizi S.p.A.",
     2_000_000),
    ("Revocación\n\nLa AEPD ha revocado el lunes la multa de 4 millones de euros impuesta a Banco Ejemplo S.A.",
     4_000_000),
    ("Appeal\n\nThe High Court on Monday quashed the £2 million fine the ICO had imposed on Acme Widgets Ltd.",
     2_000_000),
    ("Rücknahme\n\nDie Berliner Datenschutzbeauftragte hat das Bußgeld von 5 Millionen Euro gegen die Muster "
     "Wohnen SE am Montag zurückgenommen.", 5_000_000),
    ("Ingetrokken\n\nDe Autoriteit Persoonsgegevens heeft maandag de boete van 300.000 euro aan Voorbeeld B.V. "
     "ingetrokken.", 300_000),
])
def test_an_undone_fine_is_no_standing_fine_and_not_dated_the_day_it_was_undone(text: str, amount: int) -> None:
    for row in _with(text, amount):
        assert row["earlier"] == "yes"
        assert row["date"] is None


def test_a_waived_fine_was_never_imposed() -> None:
    text = "Waived\n\nThe Irish DPC waived a €4 million fine on Example Bank plc on Monday after it repaid customers."
    assert not _with(text, 4_000_000)


@pytest.mark.parametrize(("text", "amount"), [
    ("Fine\n\nThe ICO on Monday fined Acme Widgets Ltd £900,000, after the firm withdrew its appeal.", 900_000),
    ("Fine\n\nThe ICO on Monday fined Acme Widgets Ltd £900,000 after staff withdrew £2 million from customer accounts.",
     900_000),
    ("Amende\n\nLa CNIL a infligé mardi une amende de 3 millions d'euros à Dupont Médias SA.", 3_000_000),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte hat am Montag gegen die Muster Wohnen SE ein Bußgeld von "
     "5 Millionen Euro verhängt.", 5_000_000),
])
def test_a_fine_imposed_today_still_stands(text: str, amount: int) -> None:
    rows = _with(text, amount)
    assert rows and rows[0]["earlier"] != "yes" and rows[0]["date"] is not None


def test_a_wish_to_annul_is_no_undoing() -> None:
    assert not undone("Elle veut faire annuler l'amende de 20 000 euros", 0, 48)
    assert undone("Le Conseil d'État a annulé lundi l'amende de 20 000 euros", 0, 57)


# F4: a future or expected fine is at most a proposed one; a periodic penalty "will be fined ... per day" still is one.
@pytest.mark.parametrize(("text", "amount"), [
    ("Fine\n\nThe ICO is set to fine Acme Widgets Ltd £400,000 next month.", 400_000),
    ("Fine\n\nThe Irish DPC is expected to fine Example Social Ltd €90 million, sources said.", 90_000_000),
    ("Fine\n\nThe ICO will fine Acme Widgets Ltd £400,000, it said on Tuesday.", 400_000),
    ("Amende\n\nLa CNIL va infliger une amende de 8 millions d'euros à Dupont Médias SA.", 8_000_000),
    ("Sanzione\n\nIl Garante privacy irrogherà a Rossi Servizi S.p.A. una sanzione di 3 milioni di euro.", 3_000_000),
    ("Multa\n\nLa AEPD impondrá a Banco Ejemplo S.A. una multa de 2 millones de euros.", 2_000_000),
    ("Kara\n\nPrezes UODO nałoży na Przykład Sp. z o.o. karę w wysokości 1,5 mln zł.", 1_500_000),
    ("Sanktionsavgift\n\nIMY kommer att påföra Exempel AB en sanktionsavgift på 4 miljoner kronor.", 4_000_000),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte wird gegen die Muster Wohnen SE ein Bußgeld von 2,5 Millionen "
     "Euro verhängen.", 2_500_000),
    ("Boete\n\nDe Autoriteit Persoonsgegevens zal Voorbeeld B.V. een boete van 300.000 euro opleggen.", 300_000),
])
def test_a_future_fine_is_no_imposed_fine(text: str, amount: int) -> None:
    kinds = _kinds(text, amount)
    assert "fine" not in kinds
    assert set(kinds) <= {"proposed_fine"}


@pytest.mark.parametrize(("text", "amount", "kind"), [
    ("Fine\n\nAcme Widgets Ltd will have to pay the £400,000 fine the ICO imposed on Monday.", 400_000, "fine"),
    ("Fine\n\nThe ICO fined Acme Widgets Ltd £400,000 on Monday; the firm said it will appeal.", 400_000, "fine"),
    ("Sanzione\n\nIl Garante privacy ha irrogato a Rossi Servizi S.p.A. una sanzione di 3 milioni di euro.",
     3_000_000, "fine"),
    ("Kara\n\nPrezes UODO nałożył na Przykład Sp. z o.o. karę w wysokości 1,5 mln zł.", 1_500_000, "fine"),
    ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Voorbeeld B.V. maandag een boete van 300.000 euro opgelegd.",
     300_000, "fine"),
    ("Bußgeld\n\nGegen die Muster Wohnen SE wird von der Berliner Datenschutzbeauftragten ein Bußgeld von 2,5 "
     "Millionen Euro verhängt.", 2_500_000, "fine"),
    ("Fine\n\nNorway's Datatilsynet said on Tuesday that Example Social will be fined one million kroner per day, starting "
     "August 14.", 1_000_000, "periodic_penalty"),
])
def test_an_imposed_or_running_sanction_in_a_nearby_tense_stays(text: str, amount: int, kind: str) -> None:
    assert kind in _kinds(text, amount)


def test_a_future_word_governs_only_its_own_sanction() -> None:
    assert not future("Uber B.V. zal de boete van 10 miljoen euro betalen die de AP oplegde", 0, 24, 68)
    assert not future("Acme Widgets Ltd will pay the fine of £400,000", 0, 38, 46)
    assert not future("The ICO fined Acme Widgets Ltd a £400,000 fine that will hit its profits", 0, 33, 72)
    assert future("De AP zal Uber een boete van 10 miljoen euro opleggen.", 0, 29, 54)


# F5: intent and proposal words make a proposed fine.
@pytest.mark.parametrize(("text", "amount"), [
    ("Notice\n\nThe ICO issued a notice of intent to fine Acme Widgets Ltd £2 million on Monday.", 2_000_000),
    ("Entwurf\n\nDie Berliner Datenschutzbeauftragte plant ein Bußgeld von 3 Millionen Euro gegen die Muster Wohnen SE.",
     3_000_000),
    ("Voornemen\n\nDe Autoriteit Persoonsgegevens is voornemens Voorbeeld B.V. een boete van 400.000 euro op te leggen.",
     400_000),
    ("Zamiar\n\nPrezes UODO zamierza nałożyć na Przykład Sp. z o.o. karę w wysokości 1,5 mln zł.", 1_500_000),
    ("Förslag\n\nIMY föreslår en sanktionsavgift på 4 miljoner kronor för Exempel AB.", 4_000_000),
])
def test_an_intent_or_proposal_is_a_proposed_fine(text: str, amount: int) -> None:
    kinds = _kinds(text, amount)
    assert "fine" not in kinds
    assert "proposed_fine" in kinds


# F6: the words of a proposal govern their own clause's amount, not the imposed fine it is compared with.
@pytest.mark.parametrize(("text", "fine", "proposal"), [
    ("Fine\n\nThe ICO fined Acme Widgets Ltd £300,000 on Monday, after cutting its initial proposal.", 300_000, None),
    ("Sanzione\n\nIl Garante privacy ha inflitto a Rossi Servizi S.p.A. una sanzione di 6 milioni di euro, rispetto ai "
     "9 milioni di euro inizialmente proposti.", 6_000_000, 9_000_000),
    ("Fine\n\nThe ICO fined Example Social Ltd £8 million on Tuesday, less than half the £20 million set out in its "
     "notice of intent.", 8_000_000, 20_000_000),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte verhängte gegen die Muster Wohnen SE ein Bußgeld von 4,5 Millionen "
     "Euro, weniger als die zunächst angekündigten 7 Millionen Euro.", 4_500_000, 7_000_000),
])
def test_a_proposal_compared_with_the_fine_relabels_neither(text: str, fine: int, proposal: int | None) -> None:
    assert "fine" in _kinds(text, fine)
    if proposal is not None:
        assert "fine" not in _kinds(text, proposal)


def test_a_proposal_in_the_amounts_own_clause_still_makes_it_proposed() -> None:
    text = "Notice\n\nThe ICO has proposed a fine of £3 million for Acme Widgets Ltd, it said on Monday."
    assert _kinds(text, 3_000_000) == ["proposed_fine"]


# F14: a settlement with others or a donation is no fine; a regulator's penalty paid to settle its charges is.
@pytest.mark.parametrize(("text", "amount"), [
    ("Einigung\n\nDie Muster Wohnen SE zahlt nach einer Einigung mit Mietern 3 Millionen Euro; die Berliner "
     "Datenschutzbeauftragte hatte bereits ein Bußgeld verhängt.", 3_000_000),
    ("Donation\n\nThe ICO accepted a £50,000 charity donation from Acme Widgets Ltd instead of issuing a penalty.",
     50_000),
    ("Settlement\n\nExample Social agreed to pay $300 million to settle a class action over its app, while the FTC had "
     "fined it $1 billion in 2020.", 300_000_000),
])
def test_a_settlement_or_donation_is_no_fine(text: str, amount: int) -> None:
    assert not _with(text, amount)


def test_a_regulators_penalty_paid_to_settle_its_charges_is_still_a_fine() -> None:
    text = ("Penalty\n\nExample Social will pay a $2 billion penalty to settle Federal Trade Commission charges that it "
            "deceived users, the FTC said on Monday.")
    assert "fine" in _kinds(text, 2_000_000_000)


# F16: a statement of the law's maximum is no second fine.
@pytest.mark.parametrize(("text", "fine", "cap"), [
    ("Fine\n\nThe Irish DPC fined Example Social Ltd €50 million. The GDPR caps fines at €20 million or 4% of global "
     "turnover.", 50_000_000, 20_000_000),
    ("Fine\n\nThe ICO fined Acme Widgets Ltd £100,000 on Monday. The maximum fine under PECR is £500,000.",
     100_000, 500_000),
])
def test_the_laws_maximum_is_no_second_fine(text: str, fine: int, cap: int) -> None:
    assert _with(text, fine)
    assert not _with(text, cap)


def test_a_fine_at_the_maximum_is_still_the_fine() -> None:
    text = "Fine\n\nThe ICO imposed the maximum fine of £500,000 on Acme Widgets Ltd on Monday."
    assert "fine" in _kinds(text, 500_000)


# F17: a weekday of last week, or one told by another event.
@pytest.mark.parametrize(("words", "date"), [
    ("on Monday last week", "2024-04-22"),
    ("on Friday last week", "2024-04-26"),
    ("on the Monday before Easter", None),
    ("on Monday", "2024-04-29"),
    ("last Friday", "2024-04-26"),
])
def test_a_weekday_phrase_gives_its_own_day(words: str, date: str | None) -> None:
    rows = _with(f"Fine\n\nThe ICO fined Acme Widgets Ltd £250,000 {words}.", 250_000)
    assert rows and rows[0]["date"] == date
