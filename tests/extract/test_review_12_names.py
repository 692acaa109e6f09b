"""Review 12, group "names": firms named after a person (F5, F6), a person's employer (F7), generic
official names after a city, a possessive or a title (F8), the EU's "Antitrust" (F9) and a currency
code after a possessive unit (F14), each with the input that gave the wrong fact or lost the right one
and a nearby input whose answer stays. Names and amounts invented."""

from __future__ import annotations

from proposed import decision_rows

from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.persons import looks_like_person, names_person


def _ids(text: str) -> set[str]:
    return {m.entry.id for m in find_regulators(text)}


# F5: a legal form or a firm's word makes a person's name a firm's.
def test_a_name_with_a_legal_form_is_a_firm() -> None:
    for text, firm in (("Fine\n\nThe ICO fined Paul Smith Ltd £100,000 on Monday.", "Paul Smith Ltd"),
                       ("Fine\n\nThe ICO fined Thomas Cook Limited £10,000 on Monday.", "Thomas Cook Limited"),
                       ("Amende\n\nLa CNIL a infligé à Jean Dupont Sarl une amende de 5 000 euros.", "Jean Dupont Sarl"),
                       ("Multa\n\nIl Garante privacy ha multato Mario Rossi Srl per 10.000 euro.", "Mario Rossi Srl"),
                       ("Fine\n\nThe ICO fined John Lewis Partnership £10,000.", "John Lewis Partnership")):
        assert any(r["target"] == firm for r in decision_rows(text)), text
    assert not looks_like_person("Anna Smith Inc") and not looks_like_person("Mark Warner Plc")


def test_a_private_person_is_still_no_firm() -> None:
    text = ("AEPD multa a un vecino\n\nLa Agencia Española de Protección de Datos ha multado a Juan Pérez García con "
            "3.000 euros por grabar con una cámara la vía pública.")
    assert all(not (r["node"] or "").startswith("company:") for r in decision_rows(text))
    assert looks_like_person("Giuseppe Verdi") and looks_like_person("Jan de Vries")


# F6: a person-like name is a firm's when the text calls it a firm or fines it a firm's sum.
def test_an_eponymous_firm_fined_a_firms_sum_or_called_a_firm_is_a_firm() -> None:
    for text, firm in (("Fine\n\nThe ICO fined John Lewis £100,000 for sending spam emails.", "John Lewis"),
                       ("Amende\n\nLa CNIL a infligé une amende de 800 000 euros à Pierre Fabre.", "Pierre Fabre"),
                       ("Multa\n\nIl Garante privacy ha multato Giorgio Armani per 1,2 milioni di euro.", "Giorgio Armani"),
                       ("Boete\n\nDe Autoriteit Persoonsgegevens heeft Jan Linders een boete van 100.000 euro opgelegd.",
                        "Jan Linders"),
                       ("Fine\n\nThe ICO fined the retailer Peter Hahn £5,000.", "Peter Hahn")):
        assert any(r["target"] == firm for r in decision_rows(text)), text


def test_a_person_named_with_a_cue_or_a_small_sum_stays_a_person() -> None:
    for text, name in (("Il Garante ha multato Giuseppe Verdi per 2.000 euro.", "Giuseppe Verdi"),
                       ("Fine\n\nThe ICO fined Mr John Smith £200,000.", "John Smith"),
                       ("A man fined\n\nThe ICO fined a private individual, John Smith, £150,000.", "John Smith")):
        start = text.index(name)
        assert names_person(text, name, start, start + len(name)), text


# F7: the firm a sanctioned person works for does not take the person's fine.
def test_a_persons_employer_in_apposition_takes_no_fine() -> None:
    for text in ("Multa\n\nLa AEPD ha multado a Juan Pérez García, administrador de Construcciones Pérez S.L., con 3.000 euros.",
                 "Fine\n\nThe ICO fined John Smith, director of Acme Ltd, £5,000."):
        rows = decision_rows(text)
        assert rows and all(r["target"] is None for r in rows), rows


def test_a_firm_fined_and_its_director_quoted_keeps_the_fine() -> None:
    text = "Fine\n\nThe ICO fined Acme Ltd £50,000. John Smith, director of Acme Ltd, said the firm would appeal."
    assert any(r["target"] == "Acme Ltd" and 50_000 in r["amounts"] for r in decision_rows(text))


# F8: a city, a person's possessive or a title before a generic official name is no other body's name.
def test_a_city_possessive_or_title_keeps_the_generic_name() -> None:
    for text, regulator in (("DPC\n\nThe Dublin-based Data Protection Commission fined TikTok Technology Limited "
                             "€345 million on Friday.", "regulator:ie-dpc"),
                            ("DPC\n\nHelen Dixon's Data Protection Commission fined WhatsApp Ireland Limited €225 million.",
                             "regulator:ie-dpc"),
                            ("DPC\n\nGraham Doyle, Deputy Commissioner of the Data Protection Commission, said TikTok "
                             "Technology Limited was fined €345 million.", "regulator:ie-dpc"),
                            ("Fine\n\nWarsaw's Personal Data Protection Office fined Morele.net PLN 2.8 million.",
                             "regulator:pl-uodo")):
        assert any(r["issuer"] == regulator for r in decision_rows(text)), text


def test_another_countrys_generic_name_is_still_dropped() -> None:
    for text in ("Fine\n\nSingapore's Personal Data Protection Commission has fined Grab S$74,000.",
                 "Fine\n\nThe Nigeria Data Protection Commission fined Meta Platforms $32.8 million.",
                 "Fine\n\nVerkkokauppa.com received a fine of 856,000 euros from the Office of the Data Protection Commissioner."):
        assert "regulator:ie-dpc" not in _ids(text)


# F9: the EU's "Antitrust" is the European Commission, not Italy's AGCM.
def test_the_eu_antitrust_is_not_the_agcm() -> None:
    for text in ("Antitrust Ue\n\nL'Antitrust Ue ha multato Apple per 1,8 miliardi di euro.",
                 "Antitrust\n\nL'Antitrust europea ha multato Meta per 798 milioni di euro.",
                 "Multa\n\nLa Commissione europea, cioè l'Antitrust Ue, ha multato Apple per 1,8 miliardi di euro.",
                 "Multa\n\nL'Antitrust di Bruxelles ha multato Google per 2,4 miliardi di euro."):
        rows = decision_rows(text)
        assert all(r["issuer"] != "regulator:it-agcm" for r in rows), rows
    assert "regulator:eu-ec" in _ids("L'Antitrust Ue ha multato Apple.")


def test_the_italian_antitrust_is_still_the_agcm() -> None:
    assert any(r["issuer"] == "regulator:it-agcm" for r in decision_rows(
        "Antitrust\n\nL'Antitrust ha multato Amazon per 1,1 miliardi di euro."))
    assert "regulator:fr-adlc" in _ids("L'Antitrust francese ha multato Google.")


# F14: a currency code after "X's unit" is no name of the unit: the parent is the target.
def test_a_currency_code_after_a_possessive_unit_keeps_the_parent() -> None:
    text = "Fine\n\nThe Luxembourg CNPD fined Amazon's Luxembourg unit EUR 746 million."
    assert any(r["target"] == "Amazon" for r in decision_rows(text))


def test_a_named_unit_is_still_the_target() -> None:
    text = "Fine for insurer\n\nSpain's AEPD fined CaixaBank's insurance arm VidaCaixa €2 million on Tuesday."
    assert any(r["target"] == "VidaCaixa" for r in decision_rows(text))
