"""Analytics give the same answers on every backend (they read ``store.to_networkx()``)."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.graph import analytics
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file

HERE = Path(__file__).resolve().parent


def test_same_results_on_every_backend(store: GraphStore) -> None:
    for path in (HERE.parent / "fixtures" / "mini.yaml", HERE / "extra.yaml"):
        store.upsert(parse_case_file(path).batch)
    cross = analytics.analyze(store, "cross-border")
    assert [r["firm"]["id"] for r in cross] == ["company:far-away", "company:left"]
    capped = [r["sanction"] for r in analytics.analyze(store, "statutory-maximum") if r["at_cap"]]
    assert capped == ["sanction:it-1-fine"]
    totals = analytics.analyze(store, "totals", by="year")
    assert [(r["key"], r["count"]) for r in totals] == [("2022", 3), ("2021", 2), ("2019", 1)]
    hops = analytics.analyze(store, "path", "company:pr-agency", "company:local")
    assert [h["relationship"]["type"] for h in hops] == [
        "REPRESENTED_BY", "AGAINST", "ISSUED", "ISSUED", "AGAINST"]
