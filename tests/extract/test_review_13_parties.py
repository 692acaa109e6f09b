"""Round-13 review, parties and issuers (F1, F2, F10, F11, F12, F18, and r11 F2 / F17 reached by new phrasings):
an active perfect ("had fined X") puts its target after the verb, and a capitalised regulator noun is no firm; an
unnamed contractor or subsidiary "of X" is not X; "its ICO" is a coin offering; a court that fines is the agent,
not the regulator that prosecuted; "McDonald's France" is one name outside English; a second regulator's "by the
CNPD" gives its own fine; another field's authority ("Ofcom fined X") keeps its sanction from the story's one
regulator; "X plc's subsidiary Y" is Y's sanction. Each finding has the wrong fact that no longer occurs and the
nearby right case that still works. Names and amounts are invented."""

from __future__ import annotations

from typing import Any

import pytest
from proposed import decision_rows


def _rows(body: str) -> list[dict[str, Any]]:
    return decision_rows(f"Fine\n\n{body}")


def _targets(body: str) -> set[Any]:
    return {r["target"] for r in _rows(body)}


# F1: "X said the regulator had fined Y".
@pytest.mark.parametrize(("body", "right", "wrong"), [
    ("Meta Platforms Inc said on Monday the Irish DPC had fined WhatsApp Ireland Limited €225 million.",
     "WhatsApp Ireland Limited", "Meta Platforms Inc"),
    ("Vodafone Group Plc said on Tuesday that Spain's AEPD has fined Vodafone España SA €8.15 million.",
     "Vodafone España SA", "Vodafone Group Plc"),
    ("The Irish DPC said on Monday that the Commission had fined TikTok Technology Limited €345 million.",
     "TikTok Technology Limited", "Commission"),
    ("The ICO said on Monday the Commissioner had fined Easylife Ltd £250,000.", "Easylife Ltd", "Commissioner"),
])
def test_an_active_perfect_fines_the_firm_after_it(body: str, right: str, wrong: str) -> None:
    targets = _targets(body)
    assert wrong not in targets
    assert right in targets


def test_a_passive_perfect_still_fines_the_firm_before_it() -> None:
    assert "WhatsApp Ireland Limited" in _targets(
        "WhatsApp Ireland Limited has been fined €225 million by the Irish DPC, Meta Platforms Inc said.")


# F2: an unnamed contractor, supplier or subsidiary "of X".
@pytest.mark.parametrize(("body", "client"), [
    ("La CNIL a infligé une amende de 50 000 euros à un sous-traitant d'Orange SA pour une fuite de données.", "Orange SA"),
    ("Die Berliner Datenschutzbeauftragte verhängte ein Bußgeld von 300.000 Euro gegen einen Dienstleister der "
     "Deutschen Bahn AG.", "Deutschen Bahn AG"),
    ("Il Garante privacy ha multato per 100.000 euro un fornitore di Poste Italiane S.p.A.", "Poste Italiane S.p.A."),
    ("La AEPD ha multado con 50.000 euros a una empresa que trabajaba para Iberdrola S.A.", "Iberdrola S.A."),
    ("De Autoriteit Persoonsgegevens heeft een leverancier van Albert Heijn B.V. een boete van 100.000 euro opgelegd.",
     "Albert Heijn B.V."),
    ("The Irish DPC fined an Irish subsidiary of Meta Platforms Inc €5.5 million, without naming it.", "Meta Platforms Inc"),
    ("The ICO fined an unnamed contractor working for Royal Mail Group Ltd £5,000.", "Royal Mail Group Ltd"),
    ("The ICO fined a debt collector acting for Lloyds Banking Group plc £5,000.", "Lloyds Banking Group plc"),
])
def test_an_unnamed_firm_of_a_named_one_is_not_the_named_ones_fine(body: str, client: str) -> None:
    targets = _targets(body)
    assert not any(t and client.split()[-2] in t for t in targets)
    assert None in targets  # the fine is still proposed, without a target


@pytest.mark.parametrize(("body", "right"), [
    ("The Irish DPC fined WhatsApp Ireland Limited, a subsidiary of Meta Platforms Inc, €5.5 million.",
     "WhatsApp Ireland Limited"),
    ("La CNIL a infligé une amende de 50 000 euros à Free SAS, une filiale d'Iliad SA.", "Free SAS"),
    ("Die Berliner Datenschutzbeauftragte verhängte ein Bußgeld von 300.000 Euro gegen die Deutsche Bahn AG.",
     "Deutsche Bahn AG"),
])
def test_a_named_firm_still_takes_its_fine(body: str, right: str) -> None:
    assert right in _targets(body)


# F10: "ICO" as an initial coin offering.
@pytest.mark.parametrize("body", [
    "The SEC fined Block.one $24 million over its ICO on Monday.",
    "The US Securities and Exchange Commission fined Kik Interactive $5 million on Monday over its 2017 ICO.",
    "Die BaFin hat gegen die Blockchain AG ein Bußgeld von 500.000 Euro wegen eines ICO verhängt.",
    "The Dutch central bank fined Coinbase Europe €3.3 million, after an ICO boom drew scrutiny.",
])
def test_a_coin_offering_is_not_the_ico(body: str) -> None:
    assert all(r["issuer"] != "regulator:gb-ico" for r in _rows(body))


@pytest.mark.parametrize("body", [
    "The ICO fined Easylife Ltd £250,000 on Monday.",
    "Easylife Ltd was fined £250,000 on Monday after an ICO investigation found it made unlawful calls.",
])
def test_the_information_commissioner_is_still_the_ico(body: str) -> None:
    assert any(r["issuer"] == "regulator:gb-ico" and 250_000 in r["amounts"] for r in _rows(body))


# F11: a court's fine after the regulator prosecuted or complained.
@pytest.mark.parametrize("body", [
    "Following an ICO prosecution, Crown Glazing Ltd was fined £5,000 by Westminster Magistrates' Court on Monday.",
    "The ICO prosecuted Pinnacle Life Ltd, which magistrates fined £10,000 on Monday.",
    "Le tribunal correctionnel de Paris a condamné la société Clearview AI Inc à une amende de 100 000 euros, à la "
    "suite d'une plainte de la CNIL.",
    "Das Amtsgericht Berlin hat gegen die Deutsche Wohnen SE eine Geldstrafe von 50.000 Euro verhängt; die Berliner "
    "Datenschutzbeauftragte hatte Anzeige erstattet.",
    "A judge fined Easylife Ltd £20,000 for contempt after it ignored an ICO information notice.",
])
def test_a_courts_fine_is_not_the_regulators(body: str) -> None:
    assert _rows(body) == []


@pytest.mark.parametrize(("body", "amount"), [
    ("The Court of Appeal upheld the £1 million fine imposed by the ICO on Easylife Ltd in 2022.", 1_000_000),
    ("The ICO fined Easylife Ltd £250,000 on Monday after a court hearing.", 250_000),
    ("Crown Glazing Ltd was fined £5,000 by the ICO on Monday.", 5_000),
])
def test_the_regulators_own_fine_near_a_court_is_kept(body: str, amount: int) -> None:
    assert any(r["issuer"] == "regulator:gb-ico" and amount in r["amounts"] for r in _rows(body))


# F12: a name with an apostrophe outside English.
@pytest.mark.parametrize(("body", "name"), [
    ("La CNIL a infligé à McDonald's France une amende de 1 million d'euros.", "McDonald's France"),
    ("La AEPD ha multado a Domino's Pizza España con 100.000 euros.", "Domino's Pizza España"),
    ("La CNIL a infligé à Levi's France une amende de 100 000 euros.", "Levi's France"),
    ("La AEPD ha multado a Kellogg's España con 100.000 euros.", "Kellogg's España"),
])
def test_an_apostrophe_inside_a_brand_keeps_the_whole_name(body: str, name: str) -> None:
    targets = _targets(body)
    assert name in targets
    assert name.split("'")[0] not in targets


def test_an_english_possessive_is_still_no_name() -> None:
    assert "Meta's WhatsApp" not in _targets("The ICO fined Meta's WhatsApp £5,000.")


# F18: a second regulator's fine in the same sentence; a joint subject.
def test_a_second_regulator_by_name_issues_its_own_fine() -> None:
    rows = _rows("The Irish DPC fined Meta €1.2 billion, while Amazon was hit with €746 million by the CNPD in Luxembourg.")
    by_amount = {a: r["issuer"] for r in rows for a in r["amounts"]}
    assert by_amount[746_000_000] == "regulator:lu-cnpd"
    assert by_amount[1_200_000_000] == "regulator:ie-dpc"


def test_both_firms_are_no_one_name() -> None:
    targets = _targets("Both Google and Amazon were fined by the CNIL on Monday, with €100 million and €35 million respectively.")
    assert not any(t and t.startswith("Both") for t in targets)
    assert _targets("The CNIL fined Google €100 million, while Amazon was fined €35 million.") >= {"Google", "Amazon"}


# r11 F2 (new phrasings): another field's authority acts in a story that names the ICO.
@pytest.mark.parametrize("body", [
    "The Financial Conduct Authority fined Barclays Bank plc £40 million on Monday. The ICO said it would not take action.",
    "Ofcom fined BT Group £17.5 million on Monday. The ICO said it had no plans to act.",
    "The FCA fined Barclays Bank plc £40 million on Monday; the ICO is also looking at the case.",
])
def test_another_authoritys_fine_is_not_the_only_regulators(body: str) -> None:
    assert all(r["issuer"] != "regulator:gb-ico" for r in _rows(body))


def test_the_only_regulators_own_anaphor_still_issues() -> None:
    body = ("The Information Commissioner's Office said on Tuesday it had closed its probe.\n\n"
            "The Commissioner fined Easylife Ltd £250,000 on Monday.")
    assert any(r["issuer"] == "regulator:gb-ico" and r["target"] == "Easylife Ltd" for r in _rows(body))


# r11 F17 (new phrasing): a parent with a legal form before its named unit.
@pytest.mark.parametrize(("body", "unit", "parent"), [
    ("The ICO fined Serco Group plc's subsidiary Serco Leisure Operating Limited £200,000 on Monday.",
     "Serco Leisure Operating Limited", "Serco Group plc"),
    ("The ICO fined Meta Platforms Inc's subsidiary Facebook Ireland Ltd £500,000 on Monday.",
     "Facebook Ireland Ltd", "Meta Platforms Inc"),
])
def test_a_named_unit_takes_its_fine_not_its_parent(body: str, unit: str, parent: str) -> None:
    targets = _targets(body)
    assert parent not in targets
    assert unit in targets


def test_a_firms_country_and_legal_form_is_no_supervisory_authority() -> None:
    rows = _rows("Vodafone Group Plc said on Tuesday that Spain's AEPD has fined Vodafone España SA €8.15 million.")
    assert {r["target"] for r in rows} == {"Vodafone España SA"}
    assert any(r["issuer"] == "regulator:ie-dpc" for r in _rows("The Irish SA fined Meta Platforms Ireland Limited €1.2 billion."))
    assert any(r["issuer"] == "regulator:pt-cnpd" for r in _rows("The CNPD in Portugal fined Vodafone Portugal €1 million."))


def test_a_web_name_in_dot_one_is_whole() -> None:
    assert "Block.one SAS" in _targets("The CNIL fined Block.one SAS €24 million on Monday.")
