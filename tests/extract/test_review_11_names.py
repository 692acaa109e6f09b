"""Review 11, group "names": wrong regulators, targets and names (F1-F6, F17-F19), each with the
input that gave the wrong fact (now no longer) and a nearby input whose right answer stays.
Names and amounts invented."""

from __future__ import annotations

from proposed import decision_rows

from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.names import clean_name
from enforcegraph.loaders.extract.persons import looks_like_person


def _ids(text: str) -> set[str]:
    return {m.entry.id for m in find_regulators(text)}


# F1: another country's "Data Protection Commission" is not Ireland's; S$ is Singapore's dollar.
def test_a_foreign_data_protection_commission_is_not_the_irish_dpc() -> None:
    for text in ("Fine\n\nThe Nigeria Data Protection Commission fined Meta Platforms $32.8 million on Tuesday.",
                 "Fine\n\nSingapore's Personal Data Protection Commission has fined Grab S$74,000.",
                 "Fine\n\nKenya's Office of the Data Protection Commissioner fined Mulla Pride Ltd KSh 2.9 million.",
                 "Fine\n\nThe Data Protection Commission of Nigeria fined Acme Stores Ltd."):
        assert "regulator:ie-dpc" not in _ids(text)
        assert all(r["issuer"] != "regulator:ie-dpc" and r["target"] != "Personal" for r in decision_rows(text))


def test_the_irish_data_protection_commission_is_still_found() -> None:
    text = ("Fine\n\nThe Data Protection Commission fined Meta €1.2 billion. Ireland's Data Protection "
            "Commission said so, and the Irish Data Protection Commission (DPC) will publish it.")
    assert _ids(text) == {"regulator:ie-dpc"}
    assert [r["issuer"] for r in decision_rows(text)] == ["regulator:ie-dpc"]


def test_singapore_dollars_are_sgd_and_plain_dollars_usd() -> None:
    assert [(m.amount, m.currency) for m in find_money("fined S$74,000 and HK$1m, US$5 million, $3 million")] == [
        (74_000, "SGD"), (1_000_000, "HKD"), (5_000_000, "USD"), (3_000_000, "USD")]


# F2: Italy's competition authority is not the privacy Garante.
def test_the_competition_garante_and_the_antitrust_are_agcm() -> None:
    text = ("Antitrust multa Apple\n\nIl Garante della concorrenza e del mercato ha multato Apple per 10 milioni di "
            "euro per pratiche commerciali scorrette.")
    assert [r["issuer"] for r in decision_rows(text)] == ["regulator:it-agcm"]
    text = ("Multa a Meta\n\nL'Antitrust ha multato Meta per 3,5 milioni di euro. Intanto il Garante privacy ha "
            "aperto un'istruttoria.")
    assert [r["issuer"] for r in decision_rows(text)] == ["regulator:it-agcm"]


def test_the_privacy_garante_is_still_the_garante() -> None:
    assert [r["issuer"] for r in decision_rows("Multa\n\nIl Garante ha multato Meta per 3,5 milioni di euro.")] == [
        "regulator:it-garante"]
    assert "regulator:it-agcm" not in _ids("Antitrust regulators in Brussels fined Google. Il Garante privacy")


# F3: the EDPB directing the DPC issues no sanction itself.
def test_the_edpb_ordering_the_dpc_to_fine_is_no_issuer() -> None:
    text = ("EDPB binding decision\n\nThe EDPB ordered the Irish DPC to fine Meta, which the DPC did on Monday "
            "with a €1.2 billion penalty.")
    rows = decision_rows(text)
    assert [r["issuer"] for r in rows] == ["regulator:ie-dpc"]
    assert [s[0] for s in rows[0]["sanctions"]] == ["fine"]  # the EDPB's order to the DPC is no order on Meta


def test_an_order_by_the_regulator_itself_stays() -> None:
    text = "Fine\n\nThe Irish DPC fined Meta €1.2 billion and ordered it to stop the transfers."
    rows = decision_rows(text)
    assert rows[0]["issuer"] == "regulator:ie-dpc" and [s[0] for s in rows[0]["sanctions"]] == ["fine", "order"]


# F4: Bavaria's public-sector commissioner (BayLfD) is not the BayLDA.
def test_the_bavarian_landesbeauftragte_is_not_baylda() -> None:
    text = ("Rüge für Stadt\n\nDer Bayerische Landesbeauftragte für den Datenschutz hat die Stadtwerke München "
            "GmbH förmlich verwarnt.")
    assert "regulator:de-by-baylda" not in _ids(text)
    assert all(r["issuer"] != "regulator:de-by-baylda" for r in decision_rows(text))


def test_the_bavarian_landesamt_is_still_baylda() -> None:
    assert _ids("Das Bayerische Landesamt für Datenschutzaufsicht hat ein Bußgeld verhängt.") == {
        "regulator:de-by-baylda"}
    assert _ids("Der bayerische Datenschutzbeauftragte äußerte sich.") == {"regulator:de-by-baylda"}


# F5: a currency's code or prefix is no part of the firm's name.
def test_currency_codes_and_prefixes_are_not_in_the_firms_name() -> None:
    for text, name in (("Poland's UODO fined Virgin Mobile Polska PLN 1.9 million on Tuesday.", "Virgin Mobile Polska"),
                       ("Hungary's NAIH fined Budapest Bank HUF 250 million.", "Budapest Bank"),
                       ("Romania's ANSPDCP fined Raiffeisen Bank RON 700,000.", "Raiffeisen Bank"),
                       ("The Bulgarian CPDP fined DSK Bank BGN 1 million.", "DSK Bank"),
                       ("The OAIC has fined Medibank Private A$250 million.", "Medibank Private")):
        assert [r["target"] for r in decision_rows("Fine\n\n" + text)] == [name]


def test_a_name_with_a_currency_like_word_inside_keeps_it() -> None:
    assert clean_name("RON Logistics SRL") == "RON Logistics SRL"
    assert clean_name("Acme Ltd EUR") == "Acme Ltd"


# F6 (target part): a sentence adverb before a comma is no firm.
def test_a_sentence_adverb_is_no_firm() -> None:
    for opener in ("Elsewhere", "Separately", "Meanwhile", "Previously"):
        text = (f"ICO fines firm\n\nThe ICO fined Easylife Ltd £250,000 on Monday. {opener}, a judge ordered the "
                "company to pay £10,000 in costs.")
        assert all(r["target"] != opener for r in decision_rows(text))


def test_an_apposition_still_names_the_firm() -> None:
    text = "Fine\n\nThe CNIL fined Criteo, the French adtech company, €40 million."
    assert [r["target"] for r in decision_rows(text)] == ["Criteo"]


# F17: the unit a sentence names is the target, not its parent.
def test_the_named_unit_is_the_target() -> None:
    text = "Fine for insurer\n\nSpain's AEPD fined CaixaBank's insurance arm VidaCaixa €2 million on Tuesday."
    assert [r["target"] for r in decision_rows(text)] == ["VidaCaixa"]


def test_an_unnamed_unit_still_gives_its_parent() -> None:
    text = "Fine\n\nLuxembourg's CNPD fined Amazon's Luxembourg unit €746 million."
    assert [r["target"] for r in decision_rows(text)] == ["Amazon"]


# F18: a private person is no company.
def test_a_private_person_is_no_company() -> None:
    for text in ("AEPD multa a un vecino\n\nLa Agencia Española de Protección de Datos ha multado a Juan Pérez García "
                 "con 3.000 euros por grabar con una cámara la vía pública.",
                 "Multa\n\nIl Garante privacy ha sanzionato Giuseppe Rossi con 2.000 euro."):
        assert all(r["node"] is None or not r["node"].startswith("company:") for r in decision_rows(text))


def test_a_firm_named_after_a_person_with_its_legal_form_stays() -> None:
    assert not looks_like_person("Marco Polo Travel") and not looks_like_person("Paul Hartmann AG")
    text = "Multa\n\nLa AEPD ha multado a Juan Pérez García S.L. con 3.000 euros."
    assert [r["target"] for r in decision_rows(text)] == ["Juan Pérez García S.L."]


# F19: a product named with its noun is no firm.
def test_the_replika_chatbot_is_no_firm() -> None:
    text = "Replika fined\n\nItaly's Garante fined the Replika chatbot €5 million on Monday."
    assert all(r["target"] != "Replika" for r in decision_rows(text))


def test_the_maker_of_the_chatbot_is_still_the_target() -> None:
    text = "Fine\n\nItaly's Garante fined Luka Inc., the maker of the Replika chatbot, €5 million on Monday."
    assert [r["target"] for r in decision_rows(text)] == ["Luka Inc."]
