"""Review fixes (engineer H1): rules that put wrong facts into the graph, each with the input
that gave the wrong fact (now no longer) and, where the rule had a purpose, one that it still
serves. Names and amounts invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.language import language_country
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.proposals import Extraction
from enforcegraph.loaders.extract.sanctions import BAN, REPRIMAND, SANCTION_WORD
from enforcegraph.loaders.extract.timing import _NOW, EARLIER


def _extract(tmp_path: Path, text: str, date: str = "2024-03-01") -> Extraction:
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return extract(read_article(path, url="https://example.org/r", date=date, title=None,
                                publisher="Example News", author=None))


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    return decision_rows(_extract(tmp_path, text))


# 1. language: French text with "à", "du" is no Portuguese.
def test_french_text_does_not_resolve_to_the_portuguese_cnpd() -> None:
    text = "Amazon: la CNPD inflige à Amazon l'amende record de 746 millions d'euros, à cause du ciblage."
    assert language_country(text) is None
    found = extract(Article(text))
    assert not [p for p in found.of_kind("regulator") if p.node_id == "regulator:pt-cnpd"]
    assert all(not r[0] or r[0] != "regulator:pt-cnpd" for r in decision_rows(found))


def test_dos_and_com_are_no_portuguese() -> None:
    assert language_country("Amazon fined by CNPD. See www.cnpd.lu and www.x.com for dos and don'ts") is None


def test_portuguese_text_still_names_portugal() -> None:
    assert language_country("A CNPD aplicou uma coima ao Instituto, que não cumpriu o RGPD. Também foi "
                            "ordenada a suspensão pela autoridade.") == "PT"


# 2. a running or career total is no decision's amount.
def test_a_career_total_is_no_decision_amount(tmp_path: Path) -> None:
    text = ("Meta fined again by Irish DPC\n\nThe Irish Data Protection Commission has fined Meta. Taken together, "
            "the fines imposed on Meta by the Irish DPC now total €2.9bn.")
    assert all(r[3] != 2_900_000_000 for r in _decisions(tmp_path, text))
    assert find_money(text)[-1].running


def test_fines_totalling_one_firm_are_still_its_decision_amount(tmp_path: Path) -> None:
    text = "Fines for Delta Social\n\nThe CNIL imposed fines totalling €98,000 on Delta Social SA."
    rows = _decisions(tmp_path, text)
    assert [r[3] for r in rows] == [98_000]
    assert not find_money(text)[-1].running


# 3. "together with" is no sign of a sum.
def test_together_with_is_no_running_total() -> None:
    found = find_money("Meta, together with its Irish arm, was fined in a decision worth €1.2bn")
    assert [(m.meaning, m.running) for m in found] == [("amount", False)]
    found = find_money("Meta, together with its Irish arm, was fined in a decision totalling €1.2bn")
    assert not found[-1].running


@pytest.mark.parametrize("text", [
    "fines of £70,000 and £30,000; taken together, the fines come to £100,000",
    "Combined, the penalties imposed on Meta total €2.9bn",
    "Zusammengenommen belaufen sich die Bußgelder auf 90.000 Euro",
])
def test_unambiguous_sum_words_still_make_a_running_total(text: str) -> None:
    assert (find_money(text)[-1].meaning, find_money(text)[-1].running) == ("total", True)


# 4. "faces" a fine elsewhere in the sentence makes no imposed fine a proposed one.
def test_a_fine_faced_elsewhere_leaves_the_imposed_fine(tmp_path: Path) -> None:
    text = ("Lidl fined\n\nThe CNIL fined Lidl €5m on Tuesday, and Lidl, which faces a separate fine in Italy, "
            "said it would appeal.")
    assert [r[2] for r in _decisions(tmp_path, text)] == ["fine"]


@pytest.mark.parametrize("text", [
    "Wexford Ltd faces £3m penalty\n\nWexford Ltd faces a £3m penalty from the ICO over a breach.",
    "Wexford Ltd could face fine\n\nThe ICO said Wexford Ltd could face a fine of £3m.",
])
def test_a_fine_faced_right_before_its_amount_is_still_proposed(tmp_path: Path, text: str) -> None:
    assert [r[2] for r in _decisions(tmp_path, text)] == ["proposed_fine"]


# 5. Icelandic "kr." are krónur.
def test_icelandic_kr_is_isk(tmp_path: Path) -> None:
    text = ("Persónuvernd sektar Landspítali\n\nPersónuvernd hefur lagt stjórnvaldssekt á Landspítali að fjárhæð "
            "5.000.000 kr.")
    rows = _decisions(tmp_path, text)
    assert rows and all(r[4] != "SEK" for r in rows)
    assert [r[4] for r in rows if r[3] == 5_000_000] == ["ISK"]


# 6-9. sanction words of one language that are everyday words of another.
@pytest.mark.parametrize("text", [
    "segundo o Globo, a ANPD", "O Globo noticiou", "Selon le journal Globo",
    "afbødende foranstaltninger", "tiltak som avbøter risikoen", "bankgebyrer",
])
def test_no_sanction_word(text: str) -> None:
    assert not SANCTION_WORD.search(text)


@pytest.mark.parametrize("text", [
    "IP je izrekel globo v višini 5.000 evrov", "globa v znesku 2.000 EUR", "en bøde på 50.000 kroner",
    "dagbøder", "bøter på 1 million kroner", "et overtredelsesgebyr på 2 millioner", "et gebyr på",
])
def test_sanction_words_still_found(text: str) -> None:
    assert SANCTION_WORD.search(text)


@pytest.mark.parametrize("text", ["Treba napomenuti da je AZOP", "Huomautus: tiedote julkaistiin"])
def test_no_reprimand(text: str) -> None:
    assert not REPRIMAND.search(text)


@pytest.mark.parametrize("text", ["ÚOOÚ udělil společnosti napomenutí",
                                  "Tietosuojavaltuutettu antoi yhtiölle huomautuksen"])
def test_reprimand_still_found(text: str) -> None:
    assert REPRIMAND.search(text)


def test_kielsi_denied_is_no_ban() -> None:
    assert not BAN.search("Yhtiö kielsi syytökset.")
    assert BAN.search("Tietosuojavaltuutettu kielsi yhtiötä käsittelemästä tietoja.")


# 10. "this 2023 decision" is the one told; "nu" and "ora" are no "now".
def test_this_year_decision_is_no_earlier_one() -> None:
    assert not EARLIER.search("this 2023 decision")
    assert not EARLIER.search("that 2023 fine")
    assert EARLIER.search("its 2019 fine")


def test_this_year_decision_is_told_as_today_s(tmp_path: Path) -> None:
    text = ("Marlow Ltd fined\n\nThe ICO fined Marlow Ltd £20,000. In this 2023 decision the ICO found "
            "Marlow Ltd had kept data too long.")
    extraction = _extract(tmp_path, text, date="2024-03-01")
    earlier = [p.properties["evidence"]["earlier"] for p in extraction.of_kind("decision")
               if p.properties.get("sanctions") and p.properties["sanctions"][0].get("amount") == 20_000]
    assert earlier == ["no"]


@pytest.mark.parametrize("text", ["ANSPDCP nu a comunicat", "la sanzione di ora in poi", "o oră"])
def test_nu_and_ora_are_no_now(text: str) -> None:
    assert not _NOW.search(text)


def test_now_words_still_found() -> None:
    assert _NOW.search("has now been fined") and _NOW.search("heute") and _NOW.search("oggi")
