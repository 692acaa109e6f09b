"""Wrong facts (round 11): a name read as a number word of another language ("Otto Millionen
Euro": EUR 8m) and a statement of the law read as a ban ("the GDPR bans ...", "Das Gesetz
verbietet ..."). Each with the input that gave the wrong fact and one the rule still serves.
Names and amounts invented."""

from __future__ import annotations

import pytest

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.numerals import word_value

_LOWER_SAXONY = "Datenschutz bei Kaufhaus Nord\n\nDer Landesbeauftragte für Datenschutz Niedersachsen "


def _amounts(text: str) -> list[tuple[object, str]]:
    return [(m.amount, m.currency) for m in find_money(text)]


# 1. number words count only before a magnitude of their own language.
def test_otto_before_german_millions_is_a_name_not_eight() -> None:
    text = (_LOWER_SAXONY + "hat gegen die Kaufhaus Nord GmbH ein Bußgeld verhängt. Der Anwalt Otto Millionen "
            "Euro nannte die Strafe zu hoch.")
    assert _amounts(text) == []
    assert [r[:5] for r in decision_rows(extract(Article(text)))] == [
        ("regulator:de-ni", "Kaufhaus Nord GmbH", "fine", None, None)]


@pytest.mark.parametrize(("text", "amount"), [
    (_LOWER_SAXONY + "hat gegen die Kaufhaus Nord GmbH ein Bußgeld von acht Millionen Euro verhängt.", 8_000_000),
    ("Multa a Negozi Sud\n\nIl Garante per la protezione dei dati personali ha inflitto una multa di otto "
     "milioni di euro a Negozi Sud S.p.A.", 8_000_000),
])
def test_number_words_of_the_magnitudes_language_still_count(text: str, amount: int) -> None:
    assert _amounts(text) == [(amount, "EUR")]
    assert [r[3:5] for r in decision_rows(extract(Article(text)))] == [(amount, "EUR")]


def test_word_value_pairs_words_with_their_languages_magnitudes() -> None:
    assert word_value("otto", "milioni") == 8
    assert word_value("Otto", "Millionen") is None
    assert word_value("sei", "Millionen") is None  # German "sei" is "be"
    assert word_value("tre", "millioner") == 3     # Nordic "tre", from numerals' own table
    assert word_value("un", "millón") == 1 and word_value("un", "million") == 1


# 2. a ban or an order needs an issuer as its subject, not a law.
@pytest.mark.parametrize("text", [
    "La AEPD investiga a Tiendas Sur S.L. El RGPD prohíbe el tratamiento de datos de salud sin consentimiento.",
    "Según la AEPD, el RGPD prohíbe a Tiendas Sur S.L. el tratamiento de datos de salud.",
    "The ICO is looking into Northwind Ltd. The GDPR bans the processing of health data without consent.",
    _LOWER_SAXONY + "erklärte, die DSGVO verbietet der Kaufhaus Nord GmbH die Weitergabe von Gesundheitsdaten.",
    _LOWER_SAXONY + "sagte, das Bundesdatenschutzgesetz verbietet der Kaufhaus Nord GmbH die Weitergabe.",
    "Datenschutz bei Kaufhaus Nord\n\nLaut dem Landesbeauftragten für Datenschutz Niedersachsen verbietet das "
    "Gesetz der Kaufhaus Nord GmbH die Weitergabe von Gesundheitsdaten.",
])
def test_a_law_that_prohibits_is_no_ban_decision(text: str) -> None:
    assert decision_rows(extract(Article(text))) == []


@pytest.mark.parametrize(("text", "issuer", "target"), [
    ("La AEPD prohíbe a Tiendas Sur S.L. el tratamiento de datos de salud de sus clientes.",
     "regulator:es-aepd", "Tiendas Sur S.L."),
    ("The ICO has banned Northwind Ltd from sending marketing emails.", "regulator:gb-ico", "Northwind Ltd"),
    (_LOWER_SAXONY + "verbietet der Kaufhaus Nord GmbH die Videoüberwachung ihrer Mitarbeiter.",
     "regulator:de-ni", "Kaufhaus Nord GmbH"),
])
def test_a_regulator_that_prohibits_still_bans(text: str, issuer: str, target: str) -> None:
    assert [r[:3] for r in decision_rows(extract(Article(text)))] == [(issuer, target, "ban")]
