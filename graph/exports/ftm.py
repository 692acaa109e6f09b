"""FollowTheMoney JSON lines: our graph as FtM entities (mapping: schema/ftm_mapping.yaml).

Parties, people and authorities become legal entities; each Sanction (or Decision without
one) becomes an FtM Sanction holding the decision's date, status, summary and reference,
the cited provisions and, in its description, the amount (FtM's Sanction has none).
Representation and Directorship edges carry REPRESENTED_BY and OFFICER_OF. See
docs/ftm-mapping.md for what FtM cannot hold.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.exports.base import ExportEdge, Exporter, ExportNode, register
from enforcegraph.schema.codes import UNION_CODES
from enforcegraph.schema.ftmmap import mapping, to_ftm_id

__all__ = ["FtmExporter", "FtmGraph", "ftm_entities"]

Entity = dict[str, Any]


def _country(code: Any) -> str | None:
    text = str(code or "")
    return text.lower() if text and (text not in UNION_CODES or text == "EU") else None


def _put(props: dict[str, list[str]], name: str, values: Any) -> None:
    items = values if isinstance(values, list) else [values]
    for value in items:
        text = str(value).strip() if value is not None else ""
        if text and text not in props.setdefault(name, []):
            props[name].append(text)


def _amount_text(sanction: ExportNode) -> str:
    p = sanction.properties
    text = str(p.get("kind", "sanction")).replace("_", " ")
    if p.get("amount") is not None:
        text += f": {p['amount']:,.2f} {p.get('currency') or ''}".rstrip()
        if p.get("amount_eur") is not None and p.get("currency") != "EUR":
            text += f" (EUR {p['amount_eur']:,.2f})"
    if p.get("per"):
        text += f" per {p['per']}"
    if p.get("description"):
        text += f". {p['description']}"
    return text


class FtmGraph:
    """The buffered graph and the lookups the mapping needs."""

    def __init__(self, nodes: dict[str, ExportNode], edges: list[ExportEdge]) -> None:
        self.nodes = nodes
        self.out: dict[tuple[str, str], list[ExportEdge]] = defaultdict(list)
        self.into: dict[tuple[str, str], list[ExportEdge]] = defaultdict(list)
        for edge in edges:
            self.out[(edge.start, edge.type)].append(edge)
            self.into[(edge.end, edge.type)].append(edge)
        self.table = mapping()["export"]

    def schema_of(self, node: ExportNode) -> str | None:
        spec = self.table["nodes"].get(node.label)
        if spec is None:
            return None
        if "schema_by_kind" in spec:
            return str(spec["schema_by_kind"].get(node.properties.get("kind"), spec["default_schema"]))
        return str(spec["schema"])

    def targets(self, node_id: str, rel: str) -> list[ExportNode]:
        return [self.nodes[e.end] for e in self.out[(node_id, rel)] if e.end in self.nodes]

    def sources(self, node_id: str, rel: str) -> list[ExportNode]:
        return [self.nodes[e.start] for e in self.into[(node_id, rel)] if e.start in self.nodes]

    def entity(self, node: ExportNode) -> Entity | None:
        schema = self.schema_of(node)
        if schema is None:
            return None
        props: dict[str, list[str]] = {}
        for ours, theirs in self.table["nodes"][node.label]["properties"].items():
            value = node.properties.get(ours)
            _put(props, theirs, _country(value) if ours == "country" else value)
        for place in self.targets(node.id, "INCORPORATED_IN"):
            _put(props, "jurisdiction", _country(domain.country_of(place)))
        for place in self.targets(node.id, domain.ESTABLISHMENT):
            _put(props, "country", _country(domain.country_of(place)))
        if node.label == "Statement":
            about = self.targets(node.id, "MADE_BY") + self.targets(node.id, "ABOUT")
            _put(props, "entity", [to_ftm_id(n.id) for n in about if self.schema_of(n)])
        _put(props, "sourceUrl", node.source_urls)
        return {"id": to_ftm_id(node.id), "schema": schema, "properties": props}

    def edge(self, edge: ExportEdge) -> Entity | None:
        spec = self.table["edges"].get(edge.type)
        if spec is None or edge.start not in self.nodes or edge.end not in self.nodes:
            return None
        props: dict[str, list[str]] = {spec["start"]: [to_ftm_id(edge.start)],
                                       spec["end"]: [to_ftm_id(edge.end)]}
        for ours, theirs in spec["properties"].items():
            _put(props, theirs, edge.properties.get(ours))
        for name in ("valid_from", "valid_to"):
            _put(props, "startDate" if name == "valid_from" else "endDate", edge.properties.get(name))
        _put(props, "sourceUrl", edge.source_urls)
        digest = hashlib.sha1(edge.id.encode()).hexdigest()[:24]
        return {"id": f"{edge.type.lower().replace('_', '-')}-{digest}", "schema": spec["schema"],
                "properties": props}

    def provisions(self, decision_id: str) -> list[str]:
        found = []
        for edge in self.out[(decision_id, "INFRINGES")] + self.out[(decision_id, "CITES")]:
            node = self.nodes.get(edge.end)
            if node is None:
                continue
            citation = str(node.properties.get("citation") or node.properties.get("short_name")
                           or node.properties.get("name") or node.id)
            provision = edge.properties.get("provision")
            if provision and node.label == "LegalArticle" and "Art." in citation:
                citation = f"{citation.rsplit('Art.', 1)[0]}Art. {provision}"
            elif provision and node.label == "Law":
                citation = str(provision)
            found.append(citation)
        return sorted(set(found))

    def sanction(self, node: ExportNode | None, decision: ExportNode | None) -> Entity | None:
        holder = node or decision
        if holder is None:
            return None
        inherited = self.targets(decision.id, "AGAINST") if decision is not None else []
        own = self.targets(node.id, "AGAINST") if node is not None else inherited
        targets = domain.sanction_targets(own, inherited)
        entities = [to_ftm_id(t.id) for t in targets if self.schema_of(t)]
        if not entities:
            return None
        props: dict[str, list[str]] = {"entity": entities}
        if node is not None:
            _put(props, "description", _amount_text(node))
            _put(props, "sourceUrl", node.source_urls)
        if decision is not None:
            for ours, theirs in self.table["sanction"]["decision"].items():
                _put(props, theirs, decision.properties.get(ours))
            if node is None:
                _put(props, "description", f"{decision.properties.get('kind', 'decision')} "
                     "(no sanction recorded)".replace("_", " "))
            for issuer in domain.ordered_issuers(self.sources(decision.id, "ISSUED")):
                _put(props, "authority", issuer.properties.get("name"))
                _put(props, "country", _country(domain.country_of(issuer)))
            _put(props, "provisions", self.provisions(decision.id))
            _put(props, "sourceUrl", decision.source_urls)
        return {"id": to_ftm_id(holder.id), "schema": self.table["sanction"]["schema"],
                "properties": props}

    def sanctions(self) -> list[Entity]:
        found = []
        for node in self.nodes.values():
            if node.label == "Sanction":
                decisions = self.sources(node.id, "IMPOSES")
                found.append(self.sanction(node, decisions[0] if decisions else None))
            elif node.label == "Decision" and not self.out[(node.id, "IMPOSES")]:
                found.append(self.sanction(None, node))
        return [e for e in found if e is not None]


def ftm_entities(nodes: dict[str, ExportNode], edges: list[ExportEdge]) -> list[Entity]:
    """Every FtM entity of a graph, sorted by id."""
    graph = FtmGraph(nodes, edges)
    entities = [e for n in nodes.values() if (e := graph.entity(n)) is not None]
    entities += [e for edge in edges if (e := graph.edge(edge)) is not None]
    entities += graph.sanctions()
    return sorted(entities, key=lambda e: str(e["id"]))


@register
class FtmExporter(Exporter):
    """FollowTheMoney entities, one JSON object per line."""

    name = "ftm"
    description = "FollowTheMoney JSON lines (OpenSanctions, Aleph, yente)."
    suffix = ".ftm.json"

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self._nodes: dict[str, ExportNode] = {}
        self._edges: list[ExportEdge] = []

    def write_node(self, node: ExportNode) -> None:
        self._nodes[node.id] = node

    def write_edge(self, edge: ExportEdge) -> None:
        self._edges.append(edge)

    def finalize(self) -> None:
        with self.target.open("w", encoding="utf-8") as handle:
            for entity in ftm_entities(self._nodes, self._edges):
                handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
