"""Round-10 rules (issue 17) on short texts written for the test (names and amounts invented):
one mechanism where there were two ("earlier, then now"; a fine named again; the steps after
the rules), and general rules across languages: a short text's language names its authority,
sums "taken together" and "maximum ... is" penalties are no decision's fine, a fine a firm
"faces" is a proposed one (a threatened periodic penalty is none), and a decision named by its
year ("its 2019 fine") is an earlier one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.language import language_country
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.proposals import Extraction


def _extract(tmp_path: Path, text: str) -> Extraction:
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                publisher="Example News", author=None))


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target, kind, amount, currency) of each decision proposed, in text order."""
    return decision_rows(_extract(tmp_path, text))


@pytest.mark.parametrize(("text", "meaning"), [
    ("fines of £70,000 and £30,000; taken together, the fines come to £100,000", "total"),
    ("Zusammengenommen belaufen sich die Bußgelder auf 90.000 Euro", "total"),
    ("ensemble, les amendes s'élèvent à 90 000 euros", "total"),
    ("the maximum financial penalty is £17.5 million", "ceiling"),
    ("The maximum fine would be €20 million", "ceiling"),
])
def test_sums_and_maximums_are_no_fine(text: str, meaning: str) -> None:
    assert find_money(text)[-1].meaning == meaning


@pytest.mark.parametrize(("text", "again"), [
    ("this fine of £20,000", True), ("cette amende de 8 000 €", True), ("a fine of £20,000", False),
])
def test_a_fine_named_again_is_flagged_on_the_money(text: str, again: bool) -> None:
    assert [m.again for m in find_money(text)] == [again]


@pytest.mark.parametrize(("text", "country"), [
    ("De AP heeft Pieterse BV een boete opgelegd.", "NL"),
    ("A CNPD aplicou uma coima à Ferreira Lda.", "PT"),
    ("The AP said the firm was fined.", None),
    ("La CNPD a infligé une amende à Dupont SA.", None),
])
def test_a_short_text_tells_its_language(text: str, country: str | None) -> None:
    assert language_country(text) == country


@pytest.mark.parametrize(("text", "row"), [
    ("Boete voor Pieterse BV\n\nDe AP heeft Pieterse BV een boete van 40.000 euro opgelegd.",
     ("regulator:nl-ap", "Pieterse BV", "fine", 40_000, "EUR")),
    ("Coima à Ferreira SA\n\nA CNPD aplicou uma coima de 15 mil euros à Ferreira SA.",
     ("regulator:pt-cnpd", "Ferreira SA", "fine", 15_000, "EUR")),
])
def test_a_short_text_names_its_authority_by_its_language(tmp_path: Path, text: str, row: tuple[Any, ...]) -> None:
    assert _decisions(tmp_path, text) == [row]


@pytest.mark.parametrize("text", [
    "Wexford Ltd faces £3m penalty\n\nWexford Ltd faces a £3m penalty from the ICO over a breach.",
    "Wexford Ltd could face fine\n\nThe ICO said Wexford Ltd could face a fine of £3m.",
])
def test_a_fine_the_firm_faces_is_proposed(tmp_path: Path, text: str) -> None:
    assert [r[2] for r in _decisions(tmp_path, text)] == ["proposed_fine"]


def test_a_threatened_periodic_penalty_is_no_fine(tmp_path: Path) -> None:
    text = ("Zwangsgeld angedroht\n\nDer Hamburgische Datenschutzbeauftragte droht der Körber GmbH "
            "ein Zwangsgeld von 10.000 Euro an.")
    assert _decisions(tmp_path, text) == []


def test_a_decision_named_by_its_year_is_an_earlier_one(tmp_path: Path) -> None:
    text = ("Marlow Ltd fined\n\nThe ICO fined Marlow Ltd £20,000 on 1 February 2024. "
            "The ICO's 2019 penalty of £50,000 on Marlow Ltd was paid.")
    extraction = _extract(tmp_path, text)
    earlier = {p.properties["sanctions"][0]["amount"]: p.properties["evidence"]["earlier"]
               for p in extraction.of_kind("decision") if p.properties.get("sanctions")}
    assert earlier == {20_000: "no", 50_000: "yes"}


def test_the_fallback_decision_gets_the_year_of_its_sentence(tmp_path: Path) -> None:
    text = ("Sanktioner\n\nDatatilsynet i Danmark.\n\nI 2022 indstillede Datatilsynet Halsnæs ApS til en bøde "
            "på 200.000 kroner.")
    extraction = _extract(tmp_path, text)
    assert [p.properties.get("period") for p in extraction.of_kind("decision")] == ["2022"]
    assert decision_rows(extraction) == [("regulator:dk-datatilsynet", "Halsnæs ApS", "proposed_fine", 200_000, "DKK")]


@pytest.mark.parametrize(("text", "row"), [
    ("Sekt á Hekla ehf.\n\nPersónuvernd hefur lagt 3 milljóna króna sekt á Hekla ehf. vegna brota.",
     ("regulator:is-personuvernd", "Hekla ehf.", "fine", 3_000_000, "ISK")),
    ("Sekt\n\nPersónuvernd hefur lagt stjórnvaldssekt á Katla hf. að fjárhæð 5.000.000 króna.",
     ("regulator:is-personuvernd", "Katla hf.", "fine", 5_000_000, "ISK")),
])
def test_icelandic_perfect_lays_a_fine_on_the_firm(tmp_path: Path, text: str, row: tuple[Any, ...]) -> None:
    assert _decisions(tmp_path, text) == [row]
    assert [p.properties["evidence"]["target"] for p in _extract(tmp_path, text).of_kind("decision")] == ["verb"]


@pytest.mark.parametrize("text", [
    "Marlow Ltd fined\n\nAfter a reprimand in 2022, Marlow Ltd was today fined £30,000 by the ICO.",
    ("Marlow GmbH\n\nNach einer Verwarnung im Jahr 2022, hat der Hamburgische Datenschutzbeauftragte heute "
     "gegen die Marlow GmbH ein Bußgeld von 30.000 Euro verhängt."),
])
def test_an_earlier_cue_before_today_s_fine_dates_the_clause_before(tmp_path: Path, text: str) -> None:
    """One list of "now" words (timing._NOW_WORDS) for then_now and is_earlier's clause after a cue."""
    assert [p.properties["evidence"]["earlier"] for p in _extract(tmp_path, text).of_kind("decision")] == ["no"]


def test_the_year_of_the_earlier_clause_is_no_period_of_today_s_fine(tmp_path: Path) -> None:
    text = ("Marlow GmbH\n\nNach einer Verwarnung im Jahr 2022, hat der Hamburgische Datenschutzbeauftragte heute "
            "gegen die Marlow GmbH ein Bußgeld von 30.000 Euro verhängt.")
    assert [p.properties.get("period") for p in _extract(tmp_path, text).of_kind("decision")] == [None]
