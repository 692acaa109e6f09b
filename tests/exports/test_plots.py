"""Plots are valid images and draw the right data."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from PIL import Image

from enforcegraph.graph import plots
from enforcegraph.schema.errors import EnforcegraphError

GBP_2022_05_18 = 0.8467  # ECB reference rate, by hand from the ECB table


def _png(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        assert image.format == "PNG"
        return image.size


def test_fines_by_regulator(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = plots.fines_by_regulator(rich_graph, tmp_path / "reg.png")
    width, height = _png(result.path)
    assert width > 400 and height > 150
    assert [r["key"] for r in result.rows] == [
        "regulator:fr-dpa", "regulator:it-dpa", "regulator:gb-dpa", "regulator:no-dpa"]
    assert result.rows[2]["total_eur"] == pytest.approx(7552800 / GBP_2022_05_18, abs=0.01)
    assert plots.fines_by_regulator(rich_graph, tmp_path / "top.png", top=1).rows[0]["count"] == 3


def test_fines_by_year_svg(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = plots.fines_by_year(rich_graph, tmp_path / "year.svg")
    text = result.path.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert [(r["key"], r["count"]) for r in result.rows] == [("2019", 1), ("2021", 2), ("2022", 3)]


def test_timeline(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = plots.timeline(rich_graph, "company:far-away", tmp_path / "t.png")
    _png(result.path)
    assert [(r["date"], r["currency"], r["amount"]) for r in result.rows] == [
        ("2022-02-10", "EUR", 20000000), ("2022-05-18", "GBP", 7552800),
        ("2022-10-17", "EUR", 20000000)]


def test_network(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = plots.network(rich_graph, "company:far-away", tmp_path / "n.png", depth=1)
    _png(result.path)
    by_id = {r["id"]: r for r in result.rows}
    assert set(by_id) == {"company:far-away", "company:pr-agency", "decision:fr-1",
                          "decision:gb-1", "decision:it-1"}
    assert by_id["company:pr-agency"]["pr_agency"]
    assert by_id["company:pr-agency"]["colour"] != by_id["company:far-away"]["colour"]
    assert by_id["decision:fr-1"]["colour"] == plots.LABEL_COLOURS["Decision"]


def test_only_png_or_svg(rich_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(EnforcegraphError):
        plots.fines_by_year(rich_graph, tmp_path / "year.jpg")
