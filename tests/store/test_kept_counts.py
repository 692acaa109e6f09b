"""Counts kept in step with writes equal a full recount, on every backend (issue 20, item 1).

The headline's counts (every filter, both classes, dates within and across months), the
counts by label and type, an unfiltered ``count`` and a ``count`` filtered on one property
kept by value (every kept property of every label: eq, ne, in, exists, ranges) are read
from what each write keeps; after a load, a merge and a split judgement, a re-load,
changed locations, a changed EU membership, deletes, and a clear and reload, each must
equal the count computed from the rows (in Python) and the backend's own full statement
(SQL or Cypher).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from enforcegraph.graph.backends.keptnotes import kept_properties
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

SOURCE = "source:synth"
EDGE_CASES = Path(__file__).resolve().parent / "edge_cases.yaml"
DATES = ["2019", "2020-03", "2021-01-01", "2022", "2023-07-15"]


def _node(node_id: str, label: str, **props: object) -> NodeRecord:
    return NodeRecord(node_id, label, {**props, "sources": [SOURCE]})


def _rel(rel_type: str, start: str, end: str, key: str = "", **props: object) -> RelationshipRecord:
    return RelationshipRecord(rel_type, start, end, {**props, "sources": [SOURCE]}, key)


def _awkward(store: GraphStore, rng: random.Random) -> Batch:
    """Joint decisions, partial and missing dates, sanctions with targets of their own
    (twice), decisions with two targets, firms with no location."""
    decisions = sorted(n.id for n in store.find("Decision"))
    firms = sorted(n.id for n in store.find("Company"))
    regulators = sorted(n.id for n in store.find("Regulator"))
    batch = Batch()
    for node in store.get_many(rng.sample(decisions, 15)).values():
        batch.nodes.append(NodeRecord(node.id, "Decision", {**node.properties, "date": rng.choice(DATES)}))
    for decision in rng.sample(decisions, 10):
        batch.relationships.append(_rel("ISSUED", rng.choice(regulators), decision))
    for number in range(12):
        decision, firm = f"decision:kept-{number}", rng.choice(firms)
        props = {"date": rng.choice(DATES)} if number % 3 else {}
        batch.nodes.append(_node(decision, "Decision", kind="fine_decision", ref=f"K-{number}", **props))
        batch.relationships += [_rel("ISSUED", rng.choice(regulators), decision),
                                _rel("AGAINST", decision, firm)]
        if number % 4 == 0:
            batch.relationships.append(_rel("AGAINST", decision, rng.choice(firms)))
        sanction = f"sanction:kept-{number}"
        batch.nodes.append(_node(sanction, "Sanction", kind="fine", amount=100 * number))
        batch.relationships.append(_rel("IMPOSES", decision, sanction))
        if number % 5 == 1:
            batch.relationships += [_rel("AGAINST", sanction, firm, "a"),
                                    _rel("AGAINST", sanction, firm, "b")]
    for number in range(5):
        firm = f"company:kept-nowhere-{number}"
        batch.nodes.append(_node(firm, "Company", name=f"Kept Nowhere {number}"))
        batch.relationships.append(_rel("AGAINST", rng.choice(decisions), firm))
    return batch


def _filters(store: GraphStore) -> list[SanctionFilter]:
    rows = Traversals(store).sanctions_without_eu_establishment()
    regulators = sorted({r["regulator"]["id"] for r in rows})[:4]
    countries = sorted({r["regulator"]["country"] for r in rows if r["regulator"]["country"]})[:2]
    found = [SanctionFilter(), SanctionFilter(at="today"), SanctionFilter(regulator="regulator:none"),
             SanctionFilter(jurisdiction="EU"), SanctionFilter(jurisdiction="EU", at="today"),
             SanctionFilter(since="2020-03"), SanctionFilter(until="2021"),
             SanctionFilter(since="2019", until="2022-06-30", at="today"),
             SanctionFilter(since="2020-03-15"), SanctionFilter(until="2021-06-30"),
             SanctionFilter(since="2021-01-01", until="2021-01-31"),
             SanctionFilter(since="2020-03", until="2020-03-20", at="today"),
             SanctionFilter(since="2022", until="2020"), SanctionFilter(since="2021", until="2021")]
    found += [SanctionFilter(regulator=r) for r in regulators]
    found += [SanctionFilter(jurisdiction=c, since="2020") for c in countries]
    return found


def _full_statement(store: GraphStore, flt: SanctionFilter, unknown: bool) -> int:
    """The catalogue's own full count (SQL or Cypher), not the kept one."""
    if store.backend_name == "embedded":
        from datetime import date

        from enforcegraph.graph.backends import sqltraversals

        sql, params = sqltraversals.count_sql(flt, date.today().isoformat(), False, unknown)
        return int(store._query(sql, params)[0][0])  # type: ignore[attr-defined]
    return int(store.traversals()._full_count(flt, unknown))  # type: ignore[attr-defined]


def _holds(value: object, flt: PropertyFilter) -> bool:
    """A filter's meaning, in Python (for the recount)."""
    if flt.op == "eq":
        return value is not None and value == flt.value
    if flt.op == "ne":
        return value is None or value != flt.value
    if flt.op == "in":
        return value is not None and value in flt.value
    if flt.op == "exists":
        return (value is not None) == flt.value
    if value is None:
        return False
    return bool(value >= flt.value) if flt.op == "gte" else bool(value <= flt.value)  # type: ignore[operator]


def _value_filters(values: list[object]) -> list[list[PropertyFilter]]:
    """Filters on one property: equal to its values, to none; not equal; in; exists;
    ranges for values that order (dates, numbers)."""
    given = sorted({v for v in values if v is not None}, key=repr)
    first = given[0] if given else "none"
    found = [[PropertyFilter("p", "eq", v)] for v in given[:3]]
    found += [[PropertyFilter("p", "eq", "zz-none")], [PropertyFilter("p", "ne", first)],
              [PropertyFilter("p", "in", [*given[:2], "zz-none"])],
              [PropertyFilter("p", "exists", True)], [PropertyFilter("p", "exists", False)]]
    if given and all(isinstance(v, str) for v in given):
        low, high = given[len(given) // 3], given[2 * len(given) // 3]
        found += [[PropertyFilter("p", "gte", low)], [PropertyFilter("p", "lte", high)],
                  [PropertyFilter("p", "gte", low), PropertyFilter("p", "lte", high)]]
    return found


def _check_values(store: GraphStore) -> int:
    """Every count by one kept property equals its recount (in Python and by the backend's
    own full statement) and is read from what the store keeps (never capped at 0)."""
    checked = 0
    for label, props in kept_properties(store.model).items():
        nodes = list(store.iter_nodes(label))
        for prop in props:
            values = [n.properties.get(prop) for n in nodes]
            for shape in _value_filters(values):
                flts = [PropertyFilter(prop, f.op, f.value) for f in shape]
                want = sum(all(_holds(v, f) for f in flts) for v in values)
                assert store.count(label, flts) == want, (label, flts)
                assert len(store.find(label, flts)) == want, (label, flts)
                assert store.count_at_most(label, flts, 0) == (want, False), (label, flts)
                checked += want
    return checked


def _check(store: GraphStore, filters: list[SanctionFilter]) -> int:
    """Every kept count equals its recount; the number of headline rows in all."""
    kept, generic = store.traversals(), Traversals(store)
    rows = 0
    for flt in filters:
        for unknown in (False, True):
            count = (kept.count_sanctions_with_unknown_establishment if unknown
                     else kept.count_sanctions_without_eu_establishment)(flt)
            rows_of = (generic.sanctions_with_unknown_establishment if unknown
                       else generic.sanctions_without_eu_establishment)
            assert count == len(rows_of(flt)), (flt, unknown)
            assert count == _full_statement(store, flt, unknown), (flt, unknown)
            rows += count
    nodes = Counter(node.label for node in store.iter_nodes())
    rels = Counter(rel.type for rel in store.iter_relationships())
    stats = store.stats()
    assert stats.nodes == dict(nodes)
    assert stats.relationships == dict(rels)
    for label in ("Company", "Decision", "Sanction", "Jurisdiction"):
        assert store.count(label) == nodes[label]
    return rows + _check_values(store)


def test_kept_counts_equal_a_full_recount(store: GraphStore) -> None:
    batches = list(synth_batches(SynthConfig(firms=160, seed=4, chunk_firms=60)))
    for batch in batches:
        store.upsert(batch)
    store.upsert(read_batch(EDGE_CASES))
    store.upsert(_awkward(store, random.Random(9)))
    if store.backend_name == "embedded":
        assert store.kept_counts(SanctionFilter()) and store.kept_counts()  # type: ignore[attr-defined]
    filters = _filters(store)
    assert _check(store, filters) > 0

    # a merge: a firm established in the EU and a sanctioned firm located outside it
    rows = Traversals(store).sanctions_without_eu_establishment()
    outside = rows[0]["firm"]["id"]
    established = sorted(
        rel.start for rel in store.iter_relationships("HAS_ESTABLISHMENT") if rel.start != outside
    )[0]
    before = store.traversals().count_sanctions_without_eu_establishment()
    store.judge(Judgement(outside, established, "same", "test", "2026-01-01T00:00:00"))
    assert store.traversals().count_sanctions_without_eu_establishment() < before
    _check(store, filters)
    # the split gives each id back what its sources said
    store.judge(Judgement(outside, established, "not_same", "test", "2026-01-02T00:00:00"))
    assert store.traversals().count_sanctions_without_eu_establishment() == before
    _check(store, filters)

    # a re-load (the synthetic batches again: the awkward edits' decisions move back)
    for batch in batches:
        store.upsert(batch)
    _check(store, filters)

    # a firm gets an EU establishment; a decision loses its date; a country leaves the EU
    member = next(iter(store.iter_relationships("MEMBER_OF")))
    decision = store.get(rows[1]["decision"]["id"])
    assert decision is not None
    change = Batch(
        nodes=[NodeRecord(decision.id, "Decision",
                          {k: v for k, v in decision.properties.items() if k != "date"})],
        relationships=[_rel("HAS_ESTABLISHMENT", rows[2]["firm"]["id"], member.start),
                       _rel("MEMBER_OF", member.start, member.end, member.key,
                            valid_to="2020-01-31")],
    )
    store.upsert(change, dataset="changes")
    _check(store, filters)

    # deletes: a firm, a sanction, a decision
    store.delete([rows[3]["firm"]["id"], rows[4]["sanction"]["id"], rows[5]["decision"]["id"]])
    _check(store, filters)

    # cleared, then loaded again
    store.clear()
    assert store.traversals().count_sanctions_without_eu_establishment() == 0
    store.upsert(batches[0])
    _check(store, filters)


def test_a_count_no_kept_total_answers_is_capped_when_asked(store: GraphStore) -> None:
    """Filters on two properties: no kept total says how many, so a capped count stops at
    the cap and says so; below the cap, or without one, it is exact."""
    for batch in synth_batches(SynthConfig(firms=40, seed=2, chunk_firms=40)):
        store.upsert(batch)
    firms = list(store.iter_nodes("Company"))
    country = Counter(str(f.properties.get("country")) for f in firms).most_common(1)[0][0]
    flts = [PropertyFilter("country", "eq", country), PropertyFilter("name", "contains", "")]
    want = sum(f.properties.get("country") == country for f in firms)
    assert want > 2
    assert store.count(label := "Company", flts) == want
    assert store.count_at_most(label, flts, None) == (want, False)
    assert store.count_at_most(label, flts, want) == (want, False)
    assert store.count_at_most(label, flts, 2) == (2, True)
