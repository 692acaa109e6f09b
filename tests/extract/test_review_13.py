"""Review 13: an amount inside an "instead of" clause with an infinitive, in the languages whose infinitive
closes its clause ("In plaats van X te beboeten met 600.000 euro gaf de AP een berisping", "Statt X mit einem
Bußgeld von 5 Millionen Euro zu belegen, erteilte ... eine Verwarnung"), became a fine (F1); a percentage "of
turnover" in an earlier clause made the fine's amount a firm's turnover (F2). Each wrong or lost fact with
the nearby case the rule must keep. Names and amounts invented."""

from __future__ import annotations

import pytest
from proposed import fines_of, kinds_of

from enforcegraph.loaders.extract.money import find_money


# F1: the amount of the sanction not given, inside the "instead of ... te/zu + infinitive" clause, is no fine.
@pytest.mark.parametrize("text", [
    "Berisping voor Uber\n\nIn plaats van Uber B.V. te beboeten met 600.000 euro gaf de Autoriteit "
    "Persoonsgegevens (AP) een berisping.",
    "Deutsche Wohnen\n\nStatt die Deutsche Wohnen SE mit einem Bußgeld von 5 Millionen Euro zu belegen, erteilte "
    "die Berliner Datenschutzbeauftragte eine Verwarnung.",
    "Deutsche Wohnen\n\nAnstatt der Deutsche Wohnen SE ein Bußgeld von 5 Millionen Euro aufzuerlegen, erteilte "
    "die Berliner Datenschutzbeauftragte eine Verwarnung.",
])
def test_instead_of_infinitive_clause_amount_is_no_fine(text: str) -> None:
    assert fines_of(text) == []
    assert kinds_of(text) == ["reprimand"]


# ... but "instead of" a lesser sanction with no infinitive, or an infinitive clause closed before the
# amount, leaves the fine that follows.
@pytest.mark.parametrize(("text", "fine"), [
    ("Bußgeld\n\nStatt einer Verwarnung verhängte die Berliner Datenschutzbeauftragte gegen die Deutsche Wohnen SE "
     "ein Bußgeld von 5 Millionen Euro.", (5_000_000, "EUR")),
    ("Bußgeld\n\nStatt die Deutsche Wohnen SE nur zu verwarnen, verhängte die Berliner Datenschutzbeauftragte ein "
     "Bußgeld von 14,5 Millionen Euro.", (14_500_000, "EUR")),
    ("Boete\n\nIn plaats van een berisping te geven legde de Autoriteit Persoonsgegevens Uber B.V. een boete van "
     "600.000 euro op.", (600_000, "EUR")),
])
def test_instead_of_lesser_sanction_keeps_the_fine(text: str, fine: tuple[int, str]) -> None:
    assert fines_of(text) == [fine]


# F2: "4% of turnover" in an earlier clause does not make the fine's amount a turnover ...
@pytest.mark.parametrize("text", [
    "Google\n\nThe GDPR allows fines of up to 4% of turnover, and the CNIL fined Google €50 million.",
    "Google\n\nLa CNIL a infligé une amende de 50 millions d'euros à Google, soit moins de 4% de son chiffre "
    "d'affaires.",
])
def test_percentage_of_turnover_keeps_the_fine_amount(text: str) -> None:
    assert fines_of(text) == [(50_000_000, "EUR")]


# ... while a turnover told just before its amount is still one.
@pytest.mark.parametrize("text", [
    "Google reported a turnover of €50 million in 2023.",
    "Das Unternehmen erzielte einen Umsatz von rund 50 Millionen Euro.",
])
def test_turnover_before_amount_is_still_turnover(text: str) -> None:
    assert [m.meaning for m in find_money(text)] == ["turnover"]
