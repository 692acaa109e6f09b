"""Must-show results on the bundled Clearview and reference-case datasets, from the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main
from enforcegraph.loaders.datasets import dataset_batch

CNIL_FINE = "sanction:fr-cnil-san-2022-019-fine"


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("bundled") / "graph.sqlite"
    store = EmbeddedStore(path)
    for name in ("clearview", "reference-cases"):
        store.upsert(dataset_batch(name))
    store.close()
    yield path


def _cli(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_clearview_is_the_top_cross_border_case(bundled_db: Path) -> None:
    rows = json.loads(_cli(bundled_db, "analyze", "cross-border", "--json"))
    top = rows[0]
    assert top["firm"]["id"] == "company:clearview-ai"
    assert {"FR", "IT", "GR", "GB", "NL"} <= set(top["countries"])
    assert len(top["countries"]) > len(rows[1]["countries"])
    table = _cli(bundled_db, "analyze", "cross-border")
    assert "Clearview" in table


def test_cnil_fine_is_flagged_at_the_cap(bundled_db: Path) -> None:
    rows = json.loads(_cli(bundled_db, "analyze", "statutory-maximum", "--json"))
    cnil = next(r for r in rows if r["sanction"] == CNIL_FINE)
    assert (cnil["amount"], cnil["currency"], cnil["amount_eur"]) == (20_000_000, "EUR", 20_000_000)
    assert (cnil["tier"], cnil["ceiling_eur"], cnil["at_cap"]) == ("83(5)", 20_000_000, True)
    assert cnil["ceiling_is_floor"] and cnil["statutory_maximum_stated"] is True
    assert cnil["regulator"]["id"] == "regulator:fr-cnil"
    assert rows[0]["at_cap"]
    huge = [r for r in rows if r["amount_eur"] and r["amount_eur"] > 100e6]
    assert huge and not any(r["at_cap"] for r in huge)  # above the floor: turnover decides


def test_totals_keep_original_amounts(bundled_db: Path) -> None:
    rows = json.loads(_cli(bundled_db, "analyze", "totals", "--by", "country", "--json"))
    gb = next(r for r in rows if r["key"] == "GB")
    assert "GBP" in gb["original_amounts"]
    assert gb["total_eur"] > 0 and gb["unconverted"] == 0
    csv_text = _cli(bundled_db, "analyze", "totals", "--by", "year", "--csv")
    assert csv_text.splitlines()[0].startswith("by,key,name,count,total_eur")


def test_plots_from_the_cli(bundled_db: Path, tmp_path: Path) -> None:
    ego = tmp_path / "clearview-ego.png"
    _cli(bundled_db, "plot", "network", "Clearview AI", "--depth", "1", "--out", str(ego))
    regulators = tmp_path / "fines-by-regulator.png"
    _cli(bundled_db, "plot", "fines-by-regulator", "--out", str(regulators))
    for path in (ego, regulators):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000
