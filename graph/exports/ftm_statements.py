"""FollowTheMoney statements: every FtM property value with the dataset that gave it.

The statement form of FtM (followthemoney.statement; what OpenSanctions and nomenklatura
keep): one JSON object per line with ``entity_id``, ``schema``, ``prop``, ``value``,
``dataset``, ``first_seen``, ``last_seen`` and, in ``origin``, the URLs of the sources the
dataset cites. Each node's entity is built once per assertion of its record (what one
dataset said, as if it were all the graph knew; what that build holds and a build without
that node's values does not is the dataset's statement), so values that lost a merge (the
ICO's GBP 7,552,800 against a collection's EUR 9,000,000) appear beside the shown ones,
each with its dataset. A value the graph derives (a country from an establishment, an entity
reference) and no assertion gives alone is stated by the dataset ``enforcegraph``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from enforcegraph.graph.exports.base import ExportEdge, ExportNode, register
from enforcegraph.graph.exports.ftm import FtmExporter, FtmGraph, ftm_entities
from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.schema.ftmmap import to_ftm_id

__all__ = ["DERIVED", "FtmStatementsExporter", "ftm_statements"]

DERIVED = "enforcegraph"  # the dataset of values only the merged graph gives
Statement = dict[str, Any]
Records = Mapping[str, list[Assertion]]


def _statement(entity: dict[str, Any], prop: str, value: str, dataset: str, first: str,
               last: str, origin: str) -> Statement:
    key = f"{dataset}.{entity['id']}.{prop}.{value}"
    return {
        "id": hashlib.sha1(key.encode()).hexdigest(),
        "entity_id": entity["id"], "canonical_id": entity["id"], "schema": entity["schema"],
        "prop": prop, "value": value, "dataset": dataset, "lang": None, "original_value": None,
        "external": False, "first_seen": first or None, "last_seen": last or None,
        "origin": origin or None,
    }


def _variant(node: ExportNode, assertion: Assertion, urls: Mapping[str, str]) -> ExportNode:
    props = {**assertion.values, "sources": list(assertion.sources)}
    cited = sorted({urls[s] for s in assertion.sources if s in urls})
    return ExportNode(node.id, node.label, props, cited)


def _backing(graph: FtmGraph, entity_id: str, by_ftm_id: Mapping[str, ExportNode]) -> list[ExportNode]:
    """The nodes an FtM entity is built from: its own node, or a sanction and its decision."""
    node = by_ftm_id.get(entity_id)
    if node is None:
        return []
    if node.label == "Sanction":
        return [node, *graph.sources(node.id, "IMPOSES")[:1]]
    return [node]


def ftm_statements(nodes: dict[str, ExportNode], edges: list[ExportEdge], records: Records,
                   urls: Mapping[str, str]) -> Iterator[Statement]:
    """Every statement of the graph's FtM entities, entity by entity."""
    graph = FtmGraph(nodes, edges)
    by_ftm_id = {to_ftm_id(n.id): n for n in nodes.values()}
    for entity in ftm_entities(nodes, edges):
        stated: set[tuple[str, str]] = set()
        backing = _backing(graph, entity["id"], by_ftm_id)
        for node in backing:
            empty = _pairs(_build(backing, {**nodes, node.id: _emptied(node)}, edges))
            for assertion in records.get(node.id, []):
                said = _variant(node, assertion, urls)
                origin = " ".join(said.source_urls)
                for prop, value in sorted(_pairs(_build(backing, {**nodes, node.id: said}, edges)) - empty):
                    stated.add((prop, value))
                    yield _statement(entity, prop, value, assertion.dataset,
                                     assertion.first_seen, assertion.last_seen, origin)
        for prop, values in sorted(entity["properties"].items()):
            for value in values:
                if (prop, value) not in stated:
                    yield _statement(entity, prop, value, DERIVED, "", "", "")


def _emptied(node: ExportNode) -> ExportNode:
    """``node`` as if nobody had said anything about it."""
    return ExportNode(node.id, node.label, {}, [])


def _build(backing: list[ExportNode], nodes: dict[str, ExportNode],
           edges: list[ExportEdge]) -> dict[str, Any] | None:
    """The FtM entity of ``backing`` built from these versions of the nodes."""
    graph = FtmGraph(nodes, edges)
    first = nodes[backing[0].id]
    if first.label == "Sanction":
        decision = nodes[backing[1].id] if len(backing) > 1 else None
        return graph.sanction(first, decision)
    return graph.entity(first)


def _pairs(entity: dict[str, Any] | None) -> set[tuple[str, str]]:
    """Every ``(property, value)`` of an FtM entity."""
    if entity is None:
        return set()
    return {(prop, value) for prop, values in entity["properties"].items() for value in values}


@register
class FtmStatementsExporter(FtmExporter):
    """FollowTheMoney statements, one JSON object per line, with each value's dataset."""

    name = "ftm-statements"
    description = "FollowTheMoney statements (JSON lines): every value with its dataset, days and source URLs."
    suffix = ".statements.json"
    needs_records: ClassVar[bool] = True

    def finalize(self) -> None:
        urls = {n.id: str(n.properties["url"]) for n in self._nodes.values()
                if n.label == "Source" and n.properties.get("url")}
        with self.target.open("w", encoding="utf-8") as handle:
            for statement in ftm_statements(self._nodes, self._edges, self.records, urls):
                handle.write(json.dumps(statement, ensure_ascii=False, sort_keys=True) + "\n")
