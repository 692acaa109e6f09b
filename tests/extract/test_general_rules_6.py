"""Round-6 rules (issue 17) on short texts written for the test (names and amounts invented):
the fined party where word order puts words between it and the sanction's verb (a German
payment whose verb comes last, a Dutch descriptor before the object), Danish "bøde til X" and a
report to the police, a Polish anonymised firm by one initial, and the Italian dative "ad"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import main_sanction


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, Any, Any]]:
    """(issuer id, target, amount, currency) of each decision proposed, in text order."""
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    extraction = extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                      publisher="Example News", author=None))
    found = []
    for proposal in extraction.of_kind("decision"):
        fine = main_sanction(proposal.properties["sanctions"])
        issuer = [extraction.by_id(i).node_id for i in proposal.links.get("regulator", [])]
        target = [extraction.by_id(i).name for i in proposal.links.get("against", [])]
        found.append((issuer[0] if issuer else None, target[0] if target else None,
                      fine.get("amount"), fine.get("currency")))
    return found


@pytest.mark.parametrize(("text", "expected"), [
    # German: the payer of a verb-final payment, the article no part of the name
    ("Bußgeld\n\nDie Lindauer Sparkasse muss wegen eines Verstoßes gegen die DSGVO ein Bußgeld von 740.000 Euro "
     "zahlen. Das hat die Datenschutzbehörde Niedersachsen festgesetzt.",
     ("regulator:de-ni", "Lindauer Sparkasse", 740000, "EUR")),
    # Dutch: a lower-case descriptor between "heeft" and the fined firm
    ("Boete\n\nDe Autoriteit Persoonsgegevens (AP) heeft incassobureau Vermeulen Incasso een boete van 1,4 miljoen "
     "euro opgelegd.", ("regulator:nl-ap", "Vermeulen Incasso", 1400000, "EUR")),
    # Polish: a firm anonymised to one initial before its spelled-out legal form
    ("Kara\n\nPrezes UODO nałożył na K. Spółka z o.o. administracyjną karę pieniężną w kwocie 31 420 PLN.",
     ("regulator:pl-uodo", "K. Spółka z o.o.", 31420, "PLN")),
    # Italian: the euphonic dative "ad" before a vowel, the legal form "Spa"
    ("Sanzione\n\nIl Garante Privacy ha inflitto ad Orsini Servizi Spa una multa di 2 milioni di euro per "
     "telemarketing aggressivo.", ("regulator:it-garante", "Orsini Servizi Spa", 2000000, "EUR")),
])
def test_targets_of_round_6(tmp_path: Path, text: str, expected: tuple[str, str, int | None, str | None]) -> None:
    assert _decisions(tmp_path, text) == [expected]


@pytest.mark.parametrize(("text", "firm"), [
    # Danish: "bøde ... til X", a report to the police
    ("Bøde\n\nDatatilsynet indstiller til bøde på 4 millioner til Havnsoft.", "Havnsoft"),
    ("Politianmeldelse\n\nDatatilsynet har meldt Havnsoft til politiet for brud på reglerne.", "Havnsoft"),
])
def test_firms_found_by_their_role_in_the_sanction(tmp_path: Path, text: str, firm: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    extraction = extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                      publisher="Example News", author=None))
    assert [p.name for p in extraction.proposals if p.kind == "company"] == [firm]


def test_an_anaphor_that_must_pay_is_no_firm(tmp_path: Path) -> None:
    found = _decisions(tmp_path, "Bußgeld\n\nDie Datenschutzbehörde Niedersachsen hat ein Bußgeld verhängt. Das "
                                 "Unternehmen muss ein Bußgeld von 80.000 Euro zahlen.")
    assert [t for _, t, _, _ in found] == [None]
