"""The curated cases, the GDPR text and the fines table meet on the same article nodes."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.datasets import dataset_batch


def test_curated_and_fines_decisions_share_the_article_nodes(store: GraphStore, fines_tsv: Path) -> None:
    for name in ("clearview", "reference-cases", "gdpr-text"):
        store.upsert(dataset_batch(name))
    store.upsert(read_batch(fines_tsv, "gdpr-fines-tsv"))
    rows = store.traversals().run("decisions-citing", "GDPR Art. 32")
    fines = {r["id"] for r in rows if r["id"].startswith("decision:gdpr-fines-2020-")}
    curated = {r["id"] for r in rows} - fines
    assert len(fines) > 50 and curated
    clearview = store.traversals().run("enforcement-history", "company:clearview-ai")
    decision_ids = [r["id"] for r in clearview]
    articles = {r.end for r in store.relationships_of(decision_ids, ["INFRINGES"], "out")}
    assert articles
    fines_articles = {r.end for r in store.iter_relationships("INFRINGES") if r.start in fines}
    shared = articles & fines_articles
    assert shared, "Clearview's and the fines' decisions meet on no article node"
    for article_id in shared:
        node = store.get(article_id)
        assert node is not None and node.get("title") and node.get("text")
    regulators = {n.id for n in store.iter_nodes("Regulator")}
    assert "regulator:fr-cnil" in regulators and not [r for r in regulators if "cnil" in r and r != "regulator:fr-cnil"]
