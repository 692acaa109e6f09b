"""Round-7 rules (issue 17) on short texts written for the test (names and amounts invented):
the fallback decision of a report that names a regulator and a sanction where no other rule
fires (its issuer, its main fine, a target only where one firm is clearly the story's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import main_sanction


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target, kind, amount, currency) of each decision proposed, in text order."""
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    extraction = extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                      publisher="Example News", author=None))
    found = []
    for proposal in extraction.of_kind("decision"):
        fine = main_sanction(proposal.properties["sanctions"])
        issuer = [extraction.by_id(i).node_id for i in proposal.links.get("regulator", [])]
        target = [extraction.by_id(i).name for i in proposal.links.get("against", [])]
        found.append((issuer[0] if issuer else None, target[0] if target else None, fine.get("kind"),
                      fine.get("amount"), fine.get("currency")))
    return found


@pytest.mark.parametrize(("text", "expected"), [
    # Danish: a report to the police with a view to a fine, no amount: a proposed fine on the firm
    ("Lykkebo Kommune indstilles til bøde\n\nDatatilsynet har politianmeldt Lykkebo Kommune, fordi tilsynet "
     "vurderer, at kommunen ikke har levet op til kravene.\n\nKommunen har ikke kommenteret sagen.",
     ("regulator:dk-datatilsynet", "Lykkebo Kommune", "proposed_fine", None, None)),
    # Dutch: a story about costs whose only fine is last year's: that fine, not the costs
    ("Ruzie met privacywaakhond kost Veldhoven geld\n\nVeldhoven heeft 90 duizend euro uitgegeven aan zijn verzet "
     "tegen de Autoriteit Persoonsgegevens (AP). De privacywaakhond legde de gemeente Veldhoven vorig jaar een boete "
     "van 450.000 euro wegens camera's in de binnenstad, en de kosten lopen op.",
     ("regulator:nl-ap", "Veldhoven", "fine", 450000, "EUR")),
    # A fine on "a bank": the issuer and the fine in the local currency, no firm
    ("Record fine for a bank\n\nThe Hungarian Data Protection Authority (NAIH) has published its annual report, in "
     "which it describes a case where the Authority imposed its highest fine to date, of ca. EUR 540,000 "
     "(HUF 200 million).\n\nThe case concerned a bank.",
     ("regulator:hu-naih", None, "fine", 200000000, "HUF")),
    # Swedish: two firms named as often as each other and not in the fine's sentence: no target
    ("Bot för två företag\n\nIMY meddelade i dag beslut om sanktion på 4 miljoner kronor.\n\nBåde Lindqvist AB och "
     "Fjällmark AB har haft tillgång till uppgifterna.",
     ("regulator:se-imy", None, "fine", 4000000, "SEK")),
    # ... one of them in the headline and named again: the story's firm
    ("Bot för Lindqvist AB\n\nIMY meddelade i dag beslut om sanktion på 4 miljoner kronor.\n\nLindqvist AB och "
     "Fjällmark AB har haft tillgång till uppgifterna.",
     ("regulator:se-imy", "Lindqvist AB", "fine", 4000000, "SEK")),
])
def test_the_fallback_decision(tmp_path: Path, text: str, expected: tuple[str, str | None, str, Any, Any]) -> None:
    assert _decisions(tmp_path, text) == [expected]


def test_no_fallback_without_a_figure_or_a_firm(tmp_path: Path) -> None:
    text = ("Sanctions\n\nThe Information Commissioner's Office (ICO) said sanctions were being considered in "
            "several cases.\n\nNo names were given.")
    assert _decisions(tmp_path, text) == []
