"""The store of record (issue 21): what each source said, judgements that survive reloads.

Every test runs on both backends (the ``store`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.graph.record.merge import conflicts
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.resolution import accept, judge_pair, propose
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

ICO_FINE = "sanction:gb-ico-2022-05-18-clearview-fine"


def _source(n: int) -> NodeRecord:
    return NodeRecord(f"source:s{n}", "Source", {"url": f"https://example.org/{n}"})


def _firm(slug: str, name: str, source: int, **props: Any) -> NodeRecord:
    return NodeRecord(f"company:{slug}", "Company", {"name": name, "sources": [f"source:s{source}"], **props})


def _decision(slug: str, source: int) -> NodeRecord:
    return NodeRecord(f"decision:{slug}", "Decision", {"kind": "order", "sources": [f"source:s{source}"]})


def _against(decision: str, firm: str, source: int) -> RelationshipRecord:
    return RelationshipRecord("AGAINST", f"decision:{decision}", f"company:{firm}",
                              {"sources": [f"source:s{source}"]})


def first_source() -> Batch:
    """Dataset one: OpenAI LLC, with a decision against it."""
    return Batch(nodes=[_source(1), _firm("openai-llc", "OpenAI LLC", 1, country="US"),
                        _decision("it-1", 1)],
                 relationships=[_against("it-1", "openai-llc", 1)], dataset="one")


def second_source() -> Batch:
    """Dataset two: OpenAI OpCo, LLC (the same firm under its legal name), another decision."""
    return Batch(nodes=[_source(2), _firm("openai-opco-llc", "OpenAI OpCo, LLC", 2, country="US",
                                          website="https://openai.com"),
                        _decision("it-2", 2)],
                 relationships=[_against("it-2", "openai-opco-llc", 2)], dataset="two")


def _load_both(store: GraphStore) -> None:
    store.upsert(first_source())
    store.upsert(second_source())


def _against_ids(store: GraphStore, firm: str) -> set[str]:
    return {r.start for r in store.relationships_of([firm], ["AGAINST"], "in")}


def test_an_accepted_merge_holds_when_every_source_is_loaded_again(store: GraphStore) -> None:
    _load_both(store)
    judge_pair(store, "company:openai-opco-llc", "company:openai-llc", "same", "analyst", "same LEI")
    _load_both(store)  # both sources again, ids as they give them
    store.upsert(first_source())
    assert store.get("company:openai-llc") is None
    merged = store.get("company:openai-opco-llc")
    assert merged is not None
    assert merged.get("name") == "OpenAI OpCo, LLC" and "OpenAI LLC" in merged.get("aliases")
    assert set(merged.get("sources")) == {"source:s1", "source:s2"}
    assert _against_ids(store, "company:openai-opco-llc") == {"decision:it-1", "decision:it-2"}
    assert [(j.canonical, j.other, j.verdict, j.by) for j in store.judgements()] == [
        ("company:openai-opco-llc", "company:openai-llc", "same", "analyst")]
    record = store.records(["company:openai-opco-llc"])["company:openai-opco-llc"]
    assert {(a.dataset, a.source_id) for a in record} == {
        ("one", "company:openai-llc"), ("two", "company:openai-opco-llc")}


def test_a_split_gives_each_id_back_what_its_sources_said(store: GraphStore) -> None:
    _load_both(store)
    judge_pair(store, "company:openai-opco-llc", "company:openai-llc", "same", "analyst")
    store.upsert(first_source())
    judge_pair(store, "company:openai-opco-llc", "company:openai-llc", "not_same", "analyst",
               "two companies after all")
    llc, opco = store.get("company:openai-llc"), store.get("company:openai-opco-llc")
    assert llc is not None and opco is not None
    assert llc.properties == {"name": "OpenAI LLC", "country": "US", "sources": ["source:s1"]}
    assert opco.properties == {"name": "OpenAI OpCo, LLC", "country": "US",
                               "website": "https://openai.com", "sources": ["source:s2"]}
    assert _against_ids(store, "company:openai-llc") == {"decision:it-1"}
    assert _against_ids(store, "company:openai-opco-llc") == {"decision:it-2"}
    store.upsert(first_source())  # a reload after the split keeps them apart
    assert store.get("company:openai-llc") is not None


def test_a_rejected_proposal_does_not_come_back(store: GraphStore) -> None:
    store.upsert(Batch(nodes=[_source(1), _firm("acme-1", "Acme SA", 1), _firm("acme-2", "ACME S.A.", 1)]))
    assert [(p.canonical, p.merged) for p in propose(store)] == [("company:acme-1", ["company:acme-2"])] \
        or [(p.canonical, p.merged) for p in propose(store)] == [("company:acme-2", ["company:acme-1"])]
    judge_pair(store, "company:acme-1", "company:acme-2", "not_same", "analyst")
    store.upsert(Batch(nodes=[_source(1), _firm("acme-1", "Acme SA", 1), _firm("acme-2", "ACME S.A.", 1)]))
    assert propose(store) == []
    assert store.get("company:acme-1") is not None and store.get("company:acme-2") is not None


def test_accept_writes_judgements_and_merges_in_one_step(store: GraphStore) -> None:
    store.upsert(Batch(nodes=[_source(1), _firm("acme-1", "Acme SA", 1), _firm("acme-2", "ACME S.A.", 1)]))
    assert accept(store, propose(store), by="test") == 1
    assert len(store.judgements()) == 1 and store.judgements()[0].verdict == "same"
    assert len(list(store.iter_nodes("Company"))) == 1
    assert propose(store) == []


def test_a_shared_alias_is_not_enough_for_companies(store: GraphStore) -> None:
    store.upsert(Batch(nodes=[
        _source(1),
        _firm("hangzhou-deepseek", "Hangzhou DeepSeek Artificial Intelligence Co., Ltd.", 1, aliases=["DeepSeek"]),
        _firm("beijing-deepseek", "Beijing DeepSeek Artificial Intelligence Co., Ltd.", 1, aliases=["DeepSeek"]),
    ]))
    assert propose(store) == []


def test_a_load_onto_a_merged_away_id_validates_through_the_merge(store: GraphStore) -> None:
    _load_both(store)
    judge_pair(store, "company:openai-opco-llc", "company:openai-llc", "same", "analyst")
    # a new decision of dataset one, against the id it knows
    store.upsert(Batch(nodes=[_decision("it-3", 1)], relationships=[_against("it-3", "openai-llc", 1)],
                       dataset="one"))
    assert "decision:it-3" in _against_ids(store, "company:openai-opco-llc")
    with pytest.raises(InvalidData):
        store.upsert(Batch(relationships=[_against("it-3", "nobody", 1)], dataset="one"))


def test_conflicting_values_stay_on_record_with_who_said_them(store: GraphStore) -> None:
    """The ICO's fine: GBP 7,552,800 in the case file; a collection's EUR 9,000,000."""
    store.upsert(Batch(nodes=[
        _source(1), _source(2),
        NodeRecord(ICO_FINE, "Sanction", {"kind": "fine", "amount": 7552800, "currency": "GBP",
                                          "sources": ["source:s1"]}),
    ], dataset="clearview"))
    store.upsert(Batch(nodes=[
        NodeRecord(ICO_FINE, "Sanction", {"kind": "fine", "amount": 9000000, "currency": "EUR",
                                          "amount_eur": 9000000, "sources": ["source:s2"]}),
    ], dataset="enforcement-tracker:etid-1150"))
    fine = store.get(ICO_FINE)
    assert fine is not None
    assert (fine.get("amount"), fine.get("currency"), fine.get("amount_eur")) == (7552800, "GBP", 9000000)
    assert fine.get("sources") == ["source:s1", "source:s2"]
    record = store.records([ICO_FINE])[ICO_FINE]
    found = {c.property: c for c in conflicts(store.model, ICO_FINE, record)}
    assert set(found) == {"amount", "currency"}
    amounts = {str(v["value"]): v["said_by"][0] for v in found["amount"].values}
    assert amounts["7552800"]["dataset"] == "clearview" and amounts["7552800"]["sources"] == ["source:s1"]
    assert amounts["9000000"]["dataset"] == "enforcement-tracker:etid-1150"


def test_a_newer_snapshot_of_one_dataset_replaces_its_own_word(store: GraphStore) -> None:
    store.upsert(Batch(nodes=[_source(1), _firm("x", "X Ltd", 1, notes="first")], dataset="d"))
    store.upsert(Batch(nodes=[_firm("x", "X Ltd", 1, notes="second")], dataset="d"))
    node = store.get("company:x")
    assert node is not None and node.get("notes") == "second"
    (assertion,) = store.records(["company:x"])["company:x"]
    assert assertion.values["notes"] == "second"


def test_lists_are_unioned_by_the_model_not_overwritten(store: GraphStore) -> None:
    statement = "statement:s"
    store.upsert(Batch(nodes=[_source(1), NodeRecord(statement, "Statement", {
        "text": "t", "claims": ["a"], "sources": ["source:s1"]})], dataset="d1"))
    store.upsert(Batch(nodes=[NodeRecord(statement, "Statement", {
        "text": "t", "claims": ["b"], "sources": ["source:s1"]})], dataset="d2"))
    node = store.get(statement)
    assert node is not None and node.get("claims") == ["a", "b"]


def test_last_seen_moves_on_a_later_day_only(store: GraphStore) -> None:
    days = iter(["2026-01-01", "2026-01-01", "2026-02-01"])
    store.today = lambda: next(days)  # type: ignore[method-assign]
    batch = Batch(nodes=[_source(1), _firm("x", "X Ltd", 1)], dataset="d")
    store.upsert(batch)
    assert not store.upsert(batch).changed
    store.upsert(batch)
    (assertion,) = store.records(["company:x"])["company:x"]
    assert (assertion.first_seen, assertion.last_seen) == ("2026-01-01", "2026-02-01")
