"""Awkward cases added at random to a synthetic graph, for the tests that hold a store's
headline pages to the generic catalogue's rows (embedded and Neo4j alike)."""

from __future__ import annotations

import random

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

__all__ = ["DATES", "SOURCE", "awkward_cases"]

SOURCE = "source:synth"
DATES = ["2019", "2020-03", "2021-01-01", "2021-06", "2022", "2022-12-31", "2023-07-15", "2024"]


def _node(node_id: str, label: str, **props: object) -> NodeRecord:
    return NodeRecord(node_id, label, {**props, "sources": [SOURCE]})


def _rel(rel_type: str, start: str, end: str, key: str = "") -> RelationshipRecord:
    return RelationshipRecord(rel_type, start, end, {"sources": [SOURCE]}, key)


def awkward_cases(store: GraphStore, rng: random.Random, redated: int, joint: int,
                  extra: int) -> Batch:
    """Random edits making the synthetic graph as awkward as real data: ``redated``
    decisions get partial dates, ``joint`` a second issuer (a regulator or a court),
    ``extra`` new decisions (a third undated, some against two firms, with one or two
    sanctions, some of those with a target of their own twice), one day's decisions whose
    sanctions' ids run backwards, and ten sanctioned firms with no recorded location."""
    decisions = [n.id for n in store.find("Decision")]
    firms = [n.id for n in store.find("Company")]
    regulators = [n.id for n in store.find("Regulator")]
    batch = Batch()
    for node in store.get_many(rng.sample(decisions, redated)).values():
        batch.nodes.append(NodeRecord(node.id, "Decision", {**node.properties, "date": rng.choice(DATES)}))
    for decision in rng.sample(decisions, joint):
        batch.relationships.append(_rel("ISSUED", rng.choice([*regulators, "court:fr-council"]), decision))
    for number in range(extra):
        decision, firm = f"decision:extra-{number}", rng.choice(firms)
        props = {"date": rng.choice(DATES)} if number % 3 else {}
        batch.nodes.append(_node(decision, "Decision", kind="fine_decision", ref=f"X-{number}", **props))
        batch.relationships += [_rel("ISSUED", rng.choice(regulators), decision),
                                _rel("AGAINST", decision, firm)]
        if number % 4 == 0:
            batch.relationships.append(_rel("AGAINST", decision, rng.choice(firms)))
        for kind in range(1 + number % 2):
            sanction = f"sanction:extra-{number}-{kind}"
            batch.nodes.append(_node(sanction, "Sanction", kind="fine", amount=1000 * number))
            batch.relationships.append(_rel("IMPOSES", decision, sanction))
            if number % 5 == 1:
                batch.relationships += [_rel("AGAINST", sanction, firm, "a"),
                                        _rel("AGAINST", sanction, firm, "b")]
    batch.nodes.append(_node("company:far-us", "Company", name="Far US", country="US"))
    for number in range(8):
        decision, sanction = f"decision:same-day-{number}", f"sanction:same-day-{9 - number}"
        batch.nodes += [_node(decision, "Decision", kind="fine_decision", date="2021-05-05"),
                        _node(sanction, "Sanction", kind="fine", amount=10 + number)]
        batch.relationships += [_rel("ISSUED", regulators[0], decision),
                                _rel("AGAINST", decision, "company:far-us"),
                                _rel("IMPOSES", decision, sanction)]
    for number in range(10):
        firm = f"company:nowhere-{number}"
        batch.nodes.append(_node(firm, "Company", name=f"Nowhere {number}"))
        batch.relationships += [_rel("AGAINST", rng.choice(decisions), firm),  # the decision's
                                _rel("AGAINST", f"decision:extra-{number * 2}", firm)]  # sanctions'
    return batch
