"""Round-8 rules (issue 17) on short texts written for the test (names and amounts invented):
the exact figure of a fine preferred to its rounded one written elsewhere in the story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from enforcegraph.loaders.extract import extract, read_article
from enforcegraph.loaders.extract.evaluation import decision_rows


def _decisions(tmp_path: Path, text: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(issuer id, target, kind, amount, currency) of each decision proposed, in text order."""
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    return decision_rows(extract(read_article(path, url="https://example.org/r", date="2024-03-01", title=None,
                                              publisher="Example News", author=None)))


def test_the_exact_figure_listed_later_replaces_the_rounded_one(tmp_path: Path) -> None:
    text = ("Kara dla Wierzbowa Energia\n\nPrezes UODO nałożył na spółkę Wierzbowa Energia S.A. karę w wysokości "
            "3 milionów złotych.\n\nWysokość kary:\n- dla administratora: 3.127.455 zł.")
    assert _decisions(tmp_path, text) == [("regulator:pl-uodo", "Wierzbowa Energia S.A.", "fine", 3127455, "PLN")]


def test_a_figure_that_does_not_round_to_the_fine_is_left(tmp_path: Path) -> None:
    text = ("Kara dla Wierzbowa Energia\n\nPrezes UODO nałożył na spółkę Wierzbowa Energia S.A. karę w wysokości "
            "3 milionów złotych.\n\nSpółka ma przychody rzędu 4.127.455 zł.")
    assert _decisions(tmp_path, text) == [("regulator:pl-uodo", "Wierzbowa Energia S.A.", "fine", 3000000, "PLN")]


def test_two_exact_candidates_leave_the_rounded_fine(tmp_path: Path) -> None:
    text = ("Kara dla Wierzbowa Energia\n\nPrezes UODO nałożył na spółkę Wierzbowa Energia S.A. karę w wysokości "
            "3 milionów złotych.\n\nW tabeli: 3.127.455 zł i 2.981.020 zł.")
    assert _decisions(tmp_path, text) == [("regulator:pl-uodo", "Wierzbowa Energia S.A.", "fine", 3000000, "PLN")]
