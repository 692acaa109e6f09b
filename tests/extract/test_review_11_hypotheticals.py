"""Review 11, group "hypotheticals": sanctions told as not imposed (F7 modal, F8 counterfactual,
F9 negated, F10 risk words; one shared check, sanctions.unreal), Swiss apostrophe thousands (F16),
court costs and damages (F6), and the notes F20 (unbracketed conversion), F21 (career totals,
compared fines, refunds) and F22 (traffic fines). Each wrong fact with the nearby right case.
Names and amounts invented."""

from __future__ import annotations

import pytest
from proposed import decision_rows, fines_of, kinds_of

from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.sanctions import unreal


# F7: a modal passive ("could be fined") is no imposed fine, in every language named.
@pytest.mark.parametrize("text", [
    "TikTok under investigation\n\nThe Irish DPC is investigating TikTok Technology Limited. If the inquiry finds "
    "breaches, TikTok could be fined €30 million.",
    "Probe into Temu\n\nThe Irish DPC opened an inquiry into Whaleco Technology Limited. Whaleco Technology Limited "
    "may be fined €20 million if breaches are found.",
    "Indagine su Replika\n\nIl Garante privacy indaga su Luka Inc. La società potrebbe essere multata con 20 milioni di euro.",
    "Enquête\n\nLa CNIL enquête sur Free Mobile SAS. La société pourrait être sanctionnée d'une amende de 40 millions d'euros.",
    "Prüfung\n\nDer BfDI prüft die Vodafone GmbH. Gegen das Unternehmen könnte ein Bußgeld von 10 Millionen Euro "
    "verhängt werden.",
    "Investigación\n\nLa AEPD investiga a Glovoapp23 S.L. La empresa podría ser multada con 20 millones de euros.",
])
def test_a_possible_fine_is_no_fine(text: str) -> None:
    assert fines_of(text) == []


def test_an_imposed_fine_is_still_a_fine() -> None:
    assert fines_of("TikTok fined\n\nThe Irish DPC fined TikTok Technology Limited €30 million on Monday.") == [
        (30_000_000, "EUR")]
    assert fines_of("Multa a Luka\n\nIl Garante privacy ha multato Luka Inc. con 20 milioni di euro.") == [(20_000_000, "EUR")]


def test_could_face_is_still_a_proposed_fine() -> None:
    assert "proposed_fine" in kinds_of("Wexford Ltd could face fine\n\nThe ICO said Wexford Ltd could face a fine of £3m.")


# F8: the fine a regulator would have imposed, or imposed a reprimand instead of, is none.
@pytest.mark.parametrize("text", [
    "ICO reprimand\n\nThe ICO issued a reprimand to the Ministry of Defence instead of a £350,000 fine, under its "
    "public sector approach.",
    "ICO reprimand\n\nThe ICO said it would have fined the Ministry of Defence £350,000 but issued a reprimand instead.",
    "ICO reprimand\n\nThe ICO reprimanded the Ministry of Defence rather than a £350,000 fine.",
])
def test_a_counterfactual_fine_is_no_fine_and_the_reprimand_stays(text: str) -> None:
    assert fines_of(text) == []
    assert "reprimand" in kinds_of(text)


def test_a_reprimand_given_up_for_a_fine_leaves_the_fine() -> None:
    kinds = kinds_of("ICO fines firm\n\nThe ICO fined Acme Widgets Ltd £350,000 instead of issuing a reprimand.")
    assert kinds == ["fine"]


# F9: a negated sanction is no sanction (English, German, Italian, Spanish, Dutch).
@pytest.mark.parametrize("text", [
    "No fine for NHS trust\n\nThe ICO did not fine Manchester University NHS Foundation Trust, saying a penalty of "
    "£1.5m would only divert funds from patient care.",
    "Kein Bußgeld\n\nDie Berliner Datenschutzbeauftragte hat gegen die Deutsche Bahn AG kein Bußgeld verhängt, obwohl "
    "bis zu 10 Millionen Euro möglich gewesen wären.",
    "Niente multa\n\nIl Garante privacy non ha inflitto alcuna sanzione a Poste Italiane S.p.A., archiviando il procedimento.",
    "La AEPD archiva\n\nLa AEPD ha archivado el procedimiento contra Mercadona S.A. y no impondrá la multa de 2,5 "
    "millones de euros que proponía.",
    "Geen boete\n\nDe Autoriteit Persoonsgegevens heeft Bol.com geen boete van 1 miljoen euro opgelegd, maar een "
    "berisping gegeven.",
])
def test_a_negated_sanction_is_no_fine(text: str) -> None:
    assert "fine" not in kinds_of(text)


@pytest.mark.parametrize("text", [
    "CNIL\n\nLa CNIL n'a pas infligé d'amende à Free Mobile SAS, qui s'est mise en conformité.",
    "IMY\n\nIMY har inte påfört Apoteket AB någon sanktionsavgift.",
    "UODO\n\nPrezes UODO nie nałożył kary na spółkę Allegro Sp. z o.o.",
])
def test_a_negated_sanction_verb_is_no_fine_in_more_languages(text: str) -> None:
    assert "fine" not in kinds_of(text)


@pytest.mark.parametrize(("text", "amount"), [
    ("Garante\n\nIl Garante ha inflitto a TIM S.p.A. una sanzione di 1 milione di euro per non aver informato i "
     "clienti.", 1_000_000),
    ("AEPD\n\nLa AEPD ha multado a Glovoapp23 S.L. con 550.000 euros por no informar a los repartidores.", 550_000),
    ("IMY\n\nIMY påför Klarna Bank AB en sanktionsavgift på 7,5 miljoner kronor eftersom bolaget inte informerade "
     "kunderna.", 7_500_000),
    ("ICO fines\n\nAcme Widgets Ltd, which could not be reached for comment, was fined £500,000 by the ICO.", 500_000),
])
def test_a_negation_after_the_fine_leaves_it(text: str, amount: int) -> None:
    assert [a for a, _ in fines_of(text)] == [amount]


def test_not_only_and_a_negation_of_something_else_leave_the_fine() -> None:
    assert fines_of("ICO\n\nThe ICO not only fined Acme Widgets Ltd £500,000 but also ordered it to delete the data.") == [
        (500_000, "GBP")]
    assert fines_of("ICO\n\nThe ICO fined Acme Widgets Ltd £1.5m on Monday. The firm did not appeal the fine.") == [
        (1_500_000, "GBP")]


# F10: words of risk in the other languages make no imposed fine.
@pytest.mark.parametrize("text", [
    "Il Garante apre istruttoria su Replika\n\nIl Garante per la protezione dei dati personali ha avviato "
    "un'istruttoria su Luka Inc., che rischia una multa di 20 milioni di euro.",
    "Datenschutz: Ermittlungen gegen Zalando\n\nDer Berliner Datenschutzbeauftragte ermittelt gegen Zalando SE. Dem "
    "Unternehmen droht ein Bußgeld von 10 Millionen Euro.",
    "Investigación a Glovo\n\nLa AEPD investiga a Glovoapp23 S.L., que se enfrenta a una multa de 20 millones de euros.",
    "Enquête sur Free\n\nLa CNIL enquête sur Free Mobile SAS. L'opérateur encourt une amende de 40 millions d'euros.",
    "UODO bada sprawę\n\nPrezes UODO prowadzi postępowanie wobec spółki Allegro. Spółce grozi kara w wysokości 20 mln zł.",
    "IMY granskar Apoteket\n\nIMY granskar Apoteket AB. Bolaget riskerar en sanktionsavgift på 50 miljoner kronor.",
])
def test_a_fine_at_risk_is_no_fine(text: str) -> None:
    assert "fine" not in kinds_of(text)


@pytest.mark.parametrize("text", [
    "AP\n\nDe AP onderzoekt Bol.com. Bol.com riskeert een boete van 1 miljoen euro.",
    "Datatilsynet\n\nDatatilsynet undersøger Netcompany A/S. Virksomheden risikerer en bøde på 5 millioner kroner.",
    "CNPD\n\nA CNPD investiga a Altice Portugal. A empresa arrisca uma coima de 2 milhões de euros.",
    "UODO\n\nPrezes UODO prowadzi postępowanie. Spółka Allegro może zostać ukarana karą w wysokości 20 mln zł.",
])
def test_a_fine_at_risk_is_no_fine_in_more_languages(text: str) -> None:
    assert "fine" not in kinds_of(text)


def test_a_faced_fine_listed_with_imposed_ones_stays() -> None:
    text = ("AEPD\n\nLa AEPD resolvió dos expedientes. Vodafone deberá pagar una multa de 3,94 millones, y Xfera se "
            "enfrenta a una sanción de 200.000 euros.")
    assert (200_000, "EUR") in fines_of(text)


def test_a_periodic_penalty_is_conditional_not_unreal() -> None:
    text = ("CNIL\n\nLa CNIL a enjoint à Voodoo SAS de se mettre en conformité. La société encourt une astreinte de "
            "20 000 euros par jour de retard.")
    assert "periodic_penalty" in kinds_of(text)


def test_the_shared_check_reads_the_words_before_the_sanction() -> None:
    text = "Dem Unternehmen droht ein Bußgeld von 10 Millionen Euro; X wurde mit 5 Millionen Euro belegt"
    assert unreal(text, text.index("10")) and not unreal(text, text.index("5 M"), text.index("X"))


# F16: the Swiss apostrophe groups thousands.
@pytest.mark.parametrize(("written", "amount"), [("CHF 50'000", 50_000), ("CHF 1’200’000", 1_200_000),
                                                 ("1'200'000 Franken", 1_200_000), ("CHF 50,000", 50_000)])
def test_swiss_thousands(written: str, amount: int) -> None:
    assert [(m.amount, m.currency) for m in find_money(f"eine Busse von {written}")] == [(amount, "CHF")]


def test_a_swiss_fine_keeps_its_thousands() -> None:
    text = ("Busse für Digitec\n\nDer EDÖB hat gegen die Digitec Galaxus AG eine Busse von CHF 50'000 verhängt, teilte "
            "die Behörde am Dienstag mit.")
    assert fines_of(text) == [(50_000, "CHF")]


# F6: a court's costs or damages are no regulator's fine.
@pytest.mark.parametrize("text", [
    "ICO fines firm\n\nThe ICO fined Easylife Ltd £250,000 on Monday. Elsewhere, a judge ordered the company to pay "
    "£10,000 in costs.",
    "ICO fines Ticketmaster\n\nThe ICO fined Ticketmaster UK Limited £1.25 million. Separately, a court ordered the "
    "firm to pay £5,000 in damages to each claimant.",
    "ICO fines firm\n\nThe ICO fined Easylife Ltd £250,000 on Monday. Elsewhere, a judge ordered the company to pay £10,000.",
])
def test_court_costs_are_no_second_fine(text: str) -> None:
    fines = fines_of(text)
    assert len(fines) == 1 and fines[0][0] in (250_000, 1_250_000)


def test_costs_words_mark_the_amount() -> None:
    assert [m.meaning for m in find_money("fined £250,000 and ordered to pay £10,000 in costs")] == ["amount", "award"]
    assert [m.meaning for m in find_money("Schadensersatz von 5.000 Euro")] == ["award"]


# F20: an unbracketed conversion: the local amount is the fine.
def test_an_unbracketed_conversion_is_no_fine_of_its_own() -> None:
    text = "Spotify fined\n\nSweden's privacy regulator IMY fined Spotify $5.4 million, equivalent to 58 million kronor."
    assert fines_of(text) == [(58_000_000, "SEK")]
    assert fines_of("Spotify fined\n\nIMY fined Spotify 58 million kronor (about $5.4 million).") == [(58_000_000, "SEK")]


def test_two_amounts_of_one_currency_are_no_conversion() -> None:
    assert [m.conversions for m in find_money("fined €1m, or €2m")] == [(), ()]


# F21: a career total, another firm's compared fine, a refund: no second fine.
def test_a_total_opening_its_sentence_is_no_fine() -> None:
    text = ("IMY ger Klarna sanktionsavgift\n\nIntegritetsskyddsmyndigheten har påfört Klarna Bank AB en sanktionsavgift "
            "på 7,5 miljoner kronor. Sammanlagt har IMY utfärdat avgifter på 150 miljoner kronor sedan 2018.")
    assert fines_of(text) == [(7_500_000, "SEK")]


def test_a_compared_fine_of_another_firm_is_not_this_firms() -> None:
    text = ("H&M fined\n\nThe Hamburg commissioner fined H&M €35.3 million, more than the €14.5 million fine Deutsche "
            "Wohnen received from Berlin.")
    assert [(r["target"], s[1]) for r in decision_rows(text) for s in r["sanctions"]] == [("H&M", 35_300_000)]


def test_a_refund_is_no_fine() -> None:
    text = ("Il Garante multa TIM\n\nIl Garante privacy ha inflitto a TIM S.p.A. una sanzione di 7,6 milioni di euro e ha "
            "ordinato il rimborso di 2 milioni di euro ai clienti.")
    assert fines_of(text) == [(7_600_000, "EUR")]


# F22: traffic fines a city collects are no sanction.
@pytest.mark.parametrize("text", [
    "Il Garante e le multe\n\nIl Garante privacy ha dato parere favorevole al Comune di Roma, che incassa ogni anno "
    "200 milioni di euro di multe stradali.",
    "AP en verkeersboetes\n\nDe Autoriteit Persoonsgegevens onderzoekt het CJIB, dat jaarlijks voor 800 miljoen euro "
    "aan verkeersboetes int.",
])
def test_traffic_fines_are_no_decision(text: str) -> None:
    assert decision_rows(text) == []


def test_a_fine_on_a_city_is_still_a_fine() -> None:
    text = "Garante\n\nIl Garante privacy ha multato il Comune di Roma per 200.000 euro."
    assert fines_of(text) == [(200_000, "EUR")]


def test_a_denied_measure_is_no_denied_sanction() -> None:
    text = "la formation restreinte de la CNIL n'avait pas infligé une sanction disproportionnée"
    assert not unreal(text, text.index("infligé")) and not unreal(text, text.index("sanction"))
    text = "The ICO did not impose a disproportionate fine of £20,000"
    assert not unreal(text, text.index("impose"))
    assert unreal("The ICO did not impose a fine", 16)
