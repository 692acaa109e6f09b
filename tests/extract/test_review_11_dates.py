"""Round-11 review, dates (F11-F15): a decision is dated only by its own words. Not by another
event's date (an attack, a complaint, an inquiry), a deadline or a date after the report, a
weekday that names no past day ("Black Friday", "next Monday", "will publish on Friday"), or a
clause of today for an earlier decision. A German or Dutch bare year after a past auxiliary
("hatte 2019 ... verhängt") tells an earlier decision. Each finding has the wrong fact that no
longer occurs and the nearby right case that still works. Names and amounts are invented."""

from __future__ import annotations

import pytest
from proposed import decision_rows

from enforcegraph.loaders.extract.text import find_dates, sentences
from enforcegraph.loaders.extract.timing import EARLIER


def _dates(text: str, date: str = "2024-05-01") -> set[str | None]:
    rows = decision_rows(text, date)
    assert rows, "no decision proposed"
    return {r["date"] for r in rows}


# F11: another event's date in the decision's sentence.
@pytest.mark.parametrize(("text", "wrong"), [
    ("ICO fines Capita\n\nThe ICO fined Capita plc £14 million for a cyber attack that began on 22 March 2023, "
     "it said.", "2023-03-22"),
    ("AEPD multa a Glovo\n\nLa AEPD ha multado a Glovoapp23 S.A. con 550.000 euros tras una reclamación presentada "
     "el 12 de mayo de 2021.", "2021-05-12"),
    ("Amende pour Vinted\n\nLa CNIL a infligé à Vinted UAB une amende de 2,3 millions d'euros à la suite d'une "
     "plainte déposée le 14 octobre 2021.", "2021-10-14"),
    ("Meta fined\n\nThe Irish DPC fined Meta Platforms Ireland Limited €251 million following an inquiry launched "
     "on 25 September 2018.", "2018-09-25"),
    ("Bußgeld für Otto\n\nDer HmbBfDI hat gegen die Otto GmbH & Co KG ein Bußgeld von 1,2 Millionen Euro wegen "
     "einer am 03.05.2022 eingereichten Beschwerde verhängt.", "2022-05-03"),
    ("Boete voor Bol\n\nDe Autoriteit Persoonsgegevens heeft Bol.com B.V. een boete van 1 miljoen euro opgelegd na "
     "een klacht die op 3 mei 2021 werd ingediend.", "2021-05-03"),
    ("Multa a TIM\n\nIl Garante privacy ha inflitto a TIM S.p.A. una sanzione di 7,6 milioni di euro dopo un reclamo "
     "del 3 maggio 2021.", "2021-05-03"),
])
def test_another_events_date_is_not_the_decisions(text: str, wrong: str) -> None:
    assert wrong not in _dates(text)


def test_another_events_year_tells_no_earlier_decision() -> None:
    rows = decision_rows("AEPD multa a Glovo\n\nLa AEPD ha multado a Glovoapp23 S.L. con 500.000 euros tras una "
                         "reclamación presentada en 2021.")
    assert [(r["earlier"], r["period"]) for r in rows] == [("no", None)]


@pytest.mark.parametrize(("text", "right"), [
    ("Amende pour Vinted\n\nLa CNIL a infligé le 25 avril 2024 à Vinted UAB une amende de 2,3 millions d'euros à "
     "la suite d'une plainte déposée le 14 octobre 2021.", "2024-04-25"),
    ("AEPD multa a Glovo\n\nLa AEPD ha multado el 22 de abril de 2024 a Glovoapp23 S.A. con 550.000 euros tras una "
     "reclamación presentada el 12 de mayo de 2021.", "2024-04-22"),
    ("ICO fines firm\n\nThe ICO fined Acme Widgets Ltd £50,000 on Monday over a data breach.", "2024-04-29"),
    ("Boete voor Bol\n\nDe Autoriteit Persoonsgegevens heeft Bol.com B.V. op maandag een boete van 1 miljoen euro "
     "opgelegd na een klacht die op 3 mei 2021 werd ingediend.", "2024-04-29"),
])
def test_the_decisions_own_date_still_dates_it(text: str, right: str) -> None:
    assert _dates(text) == {right}


def test_a_year_of_the_decision_next_to_a_complaints_still_tells_an_earlier_one() -> None:
    rows = decision_rows("Multa\n\nIn 2021 the AEPD fined Glovoapp23 S.L. €500,000 following a complaint filed in 2019.")
    assert [(r["earlier"], r["period"]) for r in rows] == [("yes", "2021")]


# F12: deadlines, and dates after the report.
@pytest.mark.parametrize(("text", "wrong"), [
    ("CNIL sanctionne Orange\n\nLa CNIL a infligé à Orange une amende de 50 millions d'euros et lui a enjoint de se "
     "mettre en conformité avant le 30 juin 2024.", "2024-06-30"),
    ("Fine for bank\n\nThe Dutch DPA fined ING Bank N.V. €1.2 million, payable by 1 March 2024, the regulator said.",
     "2024-03-01"),
    ("Multa a TIM\n\nIl Garante privacy ha inflitto a TIM S.p.A. una sanzione di 7,6 milioni di euro, da pagare entro "
     "il 30 giugno 2024.", "2024-06-30"),
    ("Boete voor Coolblue\n\nDe Autoriteit Persoonsgegevens heeft Coolblue B.V. een boete van 200.000 euro opgelegd, "
     "te betalen uiterlijk op 1 maart 2024.", "2024-03-01"),
    ("Bußgeld für Otto\n\nDer HmbBfDI hat gegen die Otto GmbH & Co KG ein Bußgeld von 1,2 Millionen Euro verhängt, "
     "zahlbar bis spätestens 30.06.2024.", "2024-06-30"),
    ("DPC fines LinkedIn\n\nThe Irish DPC fined LinkedIn Ireland €310 million on 12 March 2024.", "2024-03-12"),
])
def test_a_deadline_or_a_later_date_is_not_the_decisions(text: str, wrong: str) -> None:
    assert wrong not in _dates(text, "2024-01-10")


def test_a_spanish_deadline_gives_no_date_and_no_month() -> None:
    rows = decision_rows("Multa\n\nLa AEPD ha multado a Glovoapp23 S.L. con 500.000 euros, que deberá abonar antes del 30 de "
                         "junio de 2024.")
    assert [(r["date"], r["period"]) for r in rows] == [(None, None)]


def test_the_decisions_date_before_its_deadline_still_dates_it() -> None:
    text = "DPC fines LinkedIn\n\nThe Irish DPC fined LinkedIn Ireland €310 million on 5 January 2024, payable by 1 March 2024."
    assert _dates(text, "2024-01-10") == {"2024-01-05"}
    assert _dates("DPC fines LinkedIn\n\nThe Irish DPC fined LinkedIn Ireland €310 million on 12 March 2024.",
                  "2024-05-01") == {"2024-03-12"}


# F13: weekday words that name no past day.
@pytest.mark.parametrize("text", [
    "ICO fines Currys\n\nThe ICO fined Currys Group Limited £100,000 over unsolicited Black Friday marketing emails.",
    "AP beboet Coolblue\n\nDe Autoriteit Persoonsgegevens heeft Coolblue B.V. een boete van 200.000 euro opgelegd voor "
    "Cyber Monday-mails.",
    "CNIL fine\n\nThe CNIL fined Kaspersky Lab €500,000, which the firm must pay by next Monday.",
    "DPC decision\n\nThe Irish DPC fined LinkedIn Ireland €310 million and will publish the full decision on Friday.",
    "Amende\n\nLa CNIL a infligé à Orange une amende de 50 millions d'euros, à payer d'ici lundi prochain.",
    "Multa\n\nLa AEPD ha multado a Glovoapp23 S.L. con 500.000 euros y publicará la resolución el viernes.",
])
def test_a_weekday_that_names_no_past_day_dates_nothing(text: str) -> None:
    assert _dates(text) == {None}


@pytest.mark.parametrize(("text", "right"), [
    ("ICO fines Currys\n\nThe ICO fined Currys Group Limited £100,000 on Friday over Black Friday emails.", "2024-04-26"),
    ("CNIL fine\n\nThe CNIL fined Kaspersky Lab €500,000 last Monday.", "2024-04-29"),
    ("Multa\n\nLa AEPD multó el lunes a Glovoapp23 S.L. con 500.000 euros y publicará la resolución el próximo viernes.",
     "2024-04-29"),
])
def test_the_day_of_the_decision_still_dates_it(text: str, right: str) -> None:
    assert _dates(text) == {right}


def test_find_dates_reads_no_holiday_or_coming_weekday() -> None:
    text = "Black Friday, Cyber Monday-mails, next Monday, lundi prochain, el próximo viernes, Viernes Santo; on Monday"
    assert [d for _, _, d in find_dates(text, 0, len(text), "2024-05-01")] == ["2024-04-29"]


# F14: an earlier decision is not dated by today's clause.
def test_an_earlier_decision_takes_not_the_day_of_the_report() -> None:
    rows = decision_rows("Google fined again\n\nGoogle, which the CNIL fined €150 million in January 2022, said on Monday it "
                         "would change its cookie banner.")
    assert [(r["date"], r["period"], r["earlier"]) for r in rows] == [(None, "2022-01", "yes")]


def test_a_decision_told_in_an_after_clause_takes_not_the_main_clauses_day() -> None:
    rows = decision_rows("Clearview fined\n\nAfter Italy's Garante fined Clearview AI €20 million, the Greek HDPA followed "
                         "suit on Wednesday with a €20 million fine of its own.")
    assert all(r["date"] != "2024-05-01" for r in rows if r["issuers"] == ["regulator:it-garante"])


def test_a_decision_dated_inside_its_after_clause_keeps_its_day() -> None:
    text = "ICO fine\n\nAfter the ICO fined Acme Widgets Ltd £50,000 on Monday, the firm said it would appeal."
    assert _dates(text) == {"2024-04-29"}


def test_an_earlier_decision_keeps_its_own_full_date() -> None:
    rows = decision_rows("Clearview\n\nLa CNIL a annoncé mercredi 10 mai 2023 qu'elle avait liquidé l'astreinte prononcée "
                         "contre Clearview AI en octobre 2022, pour un montant de 5,2 millions d'euros.", "2023-05-12")
    assert {r["date"] for r in rows if r["earlier"] == "yes"} <= {"2023-05-10"}


# F15: a German or Dutch bare year after a past auxiliary.
@pytest.mark.parametrize(("text", "amount"), [
    ("Bußgeld gegen Deutsche Wohnen\n\nDie Berliner Datenschutzbeauftragte hatte 2019 gegen die Deutsche Wohnen SE ein "
     "Bußgeld von 14,5 Millionen Euro verhängt. Am Montag bestätigte das Kammergericht die Strafe.", 14_500_000),
    ("Boete voor Bol\n\nDe Autoriteit Persoonsgegevens heeft Bol.com B.V. een boete van 1 miljoen euro opgelegd. De AP "
     "had 2019 al een boete van 600.000 euro aan Bol.com B.V. opgelegd.", 600_000),
])
def test_a_bare_year_after_a_past_auxiliary_tells_an_earlier_decision(text: str, amount: int) -> None:
    rows = [r for r in decision_rows(text) if amount in r["amounts"]]
    assert [(r["earlier"], r["period"], r["date"]) for r in rows] == [("yes", "2019", None)]


def test_a_bare_year_of_the_reports_own_is_no_earlier_decision() -> None:
    rows = decision_rows("Bußgeld gegen Deutsche Wohnen\n\nDie Berliner Datenschutzbeauftragte hat 2024 gegen die Deutsche "
                         "Wohnen SE ein Bußgeld von 14,5 Millionen Euro verhängt.")
    assert [(r["earlier"], r["period"]) for r in rows] == [("no", "2024")]
    assert EARLIER.search("Das Bußgeld wurde 2021 verhängt") and not EARLIER.search("Das Unternehmen hat 2021-2023 Daten")


# A German day written as an ordinal ("am 12. März 2024") ended the sentence at "12.", so the
# decision's date was never read.
def test_a_german_ordinal_day_before_its_month_dates_the_decision() -> None:
    text = ("Bußgeld gegen Beispiel GmbH\n\nDer Landesbeauftragte für den Datenschutz Niedersachsen hat am "
            "12. März 2024 gegen die Beispiel GmbH ein Bußgeld in Höhe von 50.000 Euro verhängt.")
    assert _dates(text, "2024-03-20") == {"2024-03-12"}


def test_a_number_with_a_full_stop_before_another_word_still_ends_a_sentence() -> None:
    assert [s.text for s in sentences("Es waren 12. Danach kam nichts.")] == ["Es waren 12.", "Danach kam nichts."]
