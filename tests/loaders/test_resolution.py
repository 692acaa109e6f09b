"""Entity resolution: proposals with evidence; accepted merges keep every source and name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.base import read_batch
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.loaders.resolution import accept, judge_pair, propose
from enforcegraph.schema.records import Batch, NodeRecord


def _load(store: GraphStore, fines_tsv: Path) -> None:
    store.upsert(dataset_batch("reference-cases"))
    store.upsert(read_batch(fines_tsv, "gdpr-fines-tsv"))


def test_proposals_and_accepted_merge(store: GraphStore, fines_tsv: Path) -> None:
    _load(store, fines_tsv)
    proposals = propose(store)
    by_canonical = {p.canonical: p for p in proposals}
    google = by_canonical["company:google-llc"]
    # 'Google Inc.' (the fines table) and 'Google LLC': legal forms differ, so the pair is
    # listed for review and never accepted on the names alone (loaders/firmnames.py)
    assert google.strength == "legal-forms" and google.merged == ["company:google"]
    assert google.keys == ["google"] and google.countries == ["US"]
    assert all(p.strength == "alias" for p in proposals if "deepseek" in p.canonical)
    anonymous = {n.id for n in store.iter_nodes("Company") if n.get("kind") == "anonymous"}
    assert anonymous and not [p for p in proposals if anonymous & {p.canonical, *p.merged}]
    old_sources = set(store.get("company:google").get("sources")) | set(store.get("company:google-llc").get("sources"))
    decisions_before = {r.start for r in store.relationships_of(["company:google", "company:google-llc"], ["AGAINST"], "in")}
    assert accept(store, proposals) == sum(len(p.merged) for p in proposals if p.strength == "name")
    assert store.get("company:google") is not None
    judge_pair(store, "company:google-llc", "company:google", "same", "analyst", "Google Inc. became Google LLC")
    assert store.get("company:google") is None
    merged = store.get("company:google-llc")
    assert merged is not None and merged.get("name") == "Google LLC"
    assert {"Google", "Google Inc."} <= set(merged.get("aliases"))
    assert set(merged.get("sources")) == old_sources
    after = {r.start for r in store.relationships_of(["company:google-llc"], ["AGAINST"], "in")}
    assert after == decisions_before
    assert not [p for p in propose(store) if p.strength == "name"]


def test_conflicting_country_or_identifier_is_no_candidate(store: GraphStore) -> None:
    src = NodeRecord("source:example-r", "Source", {"url": "https://example.org/r"})

    def firm(slug: str, **props: Any) -> NodeRecord:
        return NodeRecord(f"company:{slug}", "Company", {"sources": ["source:example-r"], **props})

    store.upsert(Batch(nodes=[
        src,
        firm("acme-fr", name="Acme SA", country="FR"),
        firm("acme-de", name="Acme GmbH", country="DE"),
        firm("beta-1", name="Beta Ltd", identifiers=["lei:1"]),
        firm("beta-2", name="Beta Limited", identifiers=["lei:2"]),
        firm("gamma-1", name="Gamma Inc.", identifiers=["lei:3"]),
        firm("gamma-2", name="Gamma", country="US", identifiers=["lei:3"]),
        firm("anon-1", name="Unknown", kind="anonymous"),
        firm("anon-2", name="Unknown", kind="anonymous"),
    ]))
    proposals = propose(store)
    assert [(p.canonical, p.merged, p.identifiers) for p in proposals] == [
        ("company:gamma-1", ["company:gamma-2"], ["lei:3"])]


def test_cli_report(fines_tsv: Path, tmp_path: Path, cli: Any) -> None:
    db = tmp_path / "cli.sqlite"
    assert cli("--db", str(db), "load", "reference-cases").exit_code == 0
    # --no-link: the linker would merge the firms itself (tests/loaders/test_linkage.py)
    assert cli("--db", str(db), "load", str(fines_tsv), "--format", "gdpr-fines-tsv", "--no-link").exit_code == 0
    report = tmp_path / "proposals.json"
    result = cli("--db", str(db), "resolve", "--report", str(report))
    assert result.exit_code == 0 and "company:google-llc" in result.output
    data = json.loads(report.read_text("utf-8"))
    assert any(p["canonical"] == "company:google-llc" and p["evidence"]["shared_fingerprints"] == ["google"] for p in data)
