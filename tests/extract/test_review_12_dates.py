"""Round-12 review, dates (F10, F11, F16): the round-11 date guards reach only as far as their
words govern. A past auxiliary before a year tells an earlier decision only with a decision's
participle in its clause (not "which had 2023 revenue", not across ";"); a future word drops a
date only when no past decision verb takes the date from it ("will have to pay the fine the
ICO imposed on Monday"); a date written with its year a day or two after the report's is
kept (time zones). Each finding has the wrong fact that no longer occurs and the nearby right
case that still works. Names and amounts are invented."""

from __future__ import annotations

from typing import Any

import pytest
from proposed import decision_rows

from enforcegraph.loaders.extract.timing import EARLIER, not_the_decisions


def _row(text: str, amount: int, date: str = "2024-05-01") -> dict[str, Any]:
    rows = [r for r in decision_rows(text, date) if amount in r["amounts"]]
    assert rows, f"no decision of {amount}"
    return rows[0]


def _future_drops(sentence: str, date_text: str) -> bool:
    """Whether the words before ``date_text`` in ``sentence`` give the date to another act."""
    a = sentence.index(date_text)
    return not_the_decisions(sentence, 0, a, a + len(date_text))


# F10: a past auxiliary before a year that dates no decision.
@pytest.mark.parametrize(("text", "amount"), [
    ("Fine\n\nMeta Platforms Ireland Limited, which had 2023 revenue of $135 billion, was fined €1.2 billion by the "
     "Irish DPC on Monday.", 1_200_000_000),
    ("Bußgeld\n\nDie Deutsche Wohnen SE war 2019 Ziel einer Prüfung; am Montag verhängte die Berliner "
     "Datenschutzbeauftragte ein Bußgeld von 14,5 Millionen Euro.", 14_500_000),
    ("Fine\n\nEasylife Ltd, which had 2022 sales of £40 million, was fined £250,000 by the ICO on Monday.", 250_000),
])
def test_a_year_after_an_auxiliary_that_dates_no_decision_leaves_todays(text: str, amount: int) -> None:
    row = _row(text, amount)
    assert row["earlier"] != "yes"
    assert row["date"] == "2024-04-29"


@pytest.mark.parametrize("clause", [
    "which had 2023 revenue of $135 billion, was fined",
    "had 2023 revenue of $135 billion and was fined",
    "war 2019 Ziel einer Prüfung; am Montag verhängte",
    "was 2019 onderwerp van een onderzoek; maandag heeft de AP een boete opgelegd",
])
def test_an_auxiliary_year_without_its_decision_participle_is_no_earlier_cue(clause: str) -> None:
    assert EARLIER.search(clause) is None


@pytest.mark.parametrize("clause", [
    "hatte 2019 gegen die Deutsche Wohnen SE ein Bußgeld von 14,5 Millionen Euro verhängt",
    "wurde 2021 mit einem Bußgeld von 1,2 Millionen Euro belegt",
    "had 2019 een boete van 1 miljoen euro opgelegd",
    "heeft 2020 de gemeente beboet",
    "had 2019 al een boete van 600.000 euro aan Bol.com B.V. opgelegd",
])
def test_an_auxiliary_year_with_its_decision_participle_is_still_earlier(clause: str) -> None:
    assert EARLIER.search(clause) is not None


def test_the_pluperfect_year_still_tells_an_earlier_decision() -> None:
    text = ("Bußgeld gegen Deutsche Wohnen\n\nDie Berliner Datenschutzbeauftragte hatte 2019 gegen die Deutsche Wohnen "
            "SE ein Bußgeld von 14,5 Millionen Euro verhängt. Am Montag bestätigte das Kammergericht die Strafe.")
    row = _row(text, 14_500_000)
    assert row["date"] != "2024-05-01"
    assert row["earlier"] == "yes" or row["period"] == "2019"


# F11: a future word earlier in the clause than the past decision verb that dates.
@pytest.mark.parametrize(("text", "amount", "date"), [
    ("Fine\n\nEasylife Ltd will have to pay the £250,000 fine the ICO imposed on Monday.", 250_000, "2024-04-29"),
    ("Multa\n\nCaixaBank S.A. deberá pagar la multa de 6 millones de euros que la AEPD le impuso el 3 de abril.",
     6_000_000, "2024-04-03"),
    ("Sanzione\n\nEnel Energia S.p.A. dovrà pagare la sanzione di 79 milioni di euro inflitta dal Garante privacy "
     "il 3 aprile.", 79_000_000, "2024-04-03"),
    ("Amende\n\nClearview AI devra payer l'amende de 20 millions d'euros que la CNIL lui a infligée le 3 avril.",
     20_000_000, "2024-04-03"),
    ("Fine\n\nThe ICO said it will publish the notice after it fined Easylife Ltd £250,000 on 3 April 2024.",
     250_000, "2024-04-03"),
    ("Boete\n\nUber B.V. zal de boete van 10 miljoen euro betalen die de Autoriteit Persoonsgegevens op 3 april "
     "2024 oplegde.", 10_000_000, "2024-04-03"),
])
def test_a_past_decision_verb_after_a_future_word_keeps_its_date(text: str, amount: int, date: str) -> None:
    assert _row(text, amount)["date"] == date


@pytest.mark.parametrize(("sentence", "date_text"), [
    ("The Irish DPC fined LinkedIn Ireland €310 million and will publish the full decision on Friday", "on Friday"),
    ("The firm will be fined by the ICO on Monday", "on Monday"),
    ("The firm will almost certainly be fined on Monday", "on Monday"),
    ("La società sarà sanzionata dal Garante il 3 aprile", "3 aprile"),
    ("La CNIL a sanctionné X et publiera sa décision le 3 avril", "3 avril"),
    ("La AEPD multó a X y publicará la resolución el 3 de abril", "3 de abril"),
    ("De AP heeft X beboet en zal het besluit op 3 april publiceren", "3 april"),
    ("Bol.com B.V. zal de boete betalen die de AP op 3 april zal opleggen", "3 april"),
    ("Die Behörde wird gegen die Firma am 3. April ein Bußgeld verhängen", "3. April"),
])
def test_a_future_act_still_takes_no_decision_date(sentence: str, date_text: str) -> None:
    assert _future_drops(sentence, date_text)


def test_a_future_publication_still_leaves_the_decision_undated() -> None:
    text = ("LinkedIn fined\n\nThe Irish DPC fined LinkedIn Ireland Unlimited Company €310 million and will publish "
            "the full decision on Friday.")
    assert _row(text, 310_000_000)["date"] != "2024-04-26"


# F16: a date written with its year a day or two after the report's own.
@pytest.mark.parametrize(("text", "amount", "date"), [
    ("ICO\n\nThe ICO fined Easylife Ltd £250,000 on 1 May 2024, a day after the report was drafted.", 250_000,
     "2024-05-01"),
    ("ICO\n\nThe ICO fined Easylife Ltd £250,000 on 2 May 2024.", 250_000, "2024-05-02"),
    ("Bußgeld\n\nDie Berliner Datenschutzbeauftragte hat am 1. Mai 2024 gegen die Deutsche Wohnen SE ein Bußgeld "
     "von 14,5 Millionen Euro verhängt.", 14_500_000, "2024-05-01"),
])
def test_a_decision_dated_just_after_the_report_keeps_its_date(text: str, amount: int, date: str) -> None:
    assert _row(text, amount, "2024-04-30")["date"] == date


@pytest.mark.parametrize(("text", "amount", "published"), [
    ("ICO\n\nThe ICO fined Easylife Ltd £250,000 on 15 May 2024.", 250_000, "2024-04-30"),
    ("Fine for bank\n\nThe Dutch DPA fined ING Bank N.V. €1.2 million, payable by 1 March 2024, the regulator said.",
     1_200_000, "2024-01-10"),
    ("CNIL sanctionne Orange\n\nLa CNIL a infligé à Orange une amende de 50 millions d'euros et lui a enjoint de se "
     "mettre en conformité avant le 30 juin 2024.", 50_000_000, "2024-01-10"),
    ("Fine\n\nThe ICO fined Easylife Ltd £250,000, payable by 1 May 2024.", 250_000, "2024-04-30"),
])
def test_a_later_date_or_a_deadline_is_still_no_decision_date(text: str, amount: int, published: str) -> None:
    assert _row(text, amount, published)["date"] is None
