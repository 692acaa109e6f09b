"""The Neo4j store's rows inside one write transaction (the :class:`RowAccess` of
graph/store/recording.py). A row's record travels in the property ``_record``; the
normalised names in ``_names`` / ``_nametext`` / ``_namescan`` follow the node."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from neo4j import ManagedTransaction, Transaction

from enforcegraph.graph.backends import cypher
from enforcegraph.graph.record.codec import decode_record, encode_record
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.store.recording import NewRecords, Row
from enforcegraph.schema.model import Model

__all__ = ["NODE_INTERNAL", "REL_INTERNAL", "Neo4jRows", "chunked"]

T = TypeVar("T")
# Properties the store adds to nodes and relationships beside the model's own.
NODE_INTERNAL = frozenset({"id", "_names", "_nametext", "_namescan", "_record", "_ft_names",
                           "_ft_body"})
REL_INTERNAL = frozenset({"id", "key", "_record"})


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def own(props: dict[str, Any], internal: frozenset[str]) -> dict[str, Any]:
    """The model's properties of a stored node or relationship, keys sorted."""
    return {k: props[k] for k in sorted(props) if k not in internal}


class Neo4jRows:
    """Rows read and written in one explicit transaction."""

    def __init__(
        self,
        tx: Transaction | ManagedTransaction,
        model: Model,
        batch_size: int,
        stored_node: Callable[[str, str, dict[str, Any]], dict[str, Any]],
    ) -> None:
        self.tx = tx
        self.model = model
        self.batch_size = batch_size
        self.stored_node = stored_node
        self.changed = False

    def _run(self, query: str, ids: Sequence[str]) -> Iterator[Any]:
        for chunk in chunked(list(dict.fromkeys(ids)), self.batch_size):
            yield from self.tx.run(query, ids=list(chunk))

    @staticmethod
    def _row(row_id: str, label: str, raw: dict[str, Any], internal: frozenset[str]) -> Row:
        props = own(raw, internal)
        return Row(row_id, label, props, decode_record(row_id, label, props, raw.get("_record")))

    # -- reading ----------------------------------------------------------------------
    def read_nodes(self, ids: Sequence[str]) -> dict[str, Row]:
        return {r["id"]: self._row(r["id"], r["label"], r["props"], NODE_INTERNAL)
                for r in self._run(cypher.READ_NODE_ROWS, ids)}

    def read_relationships(self, ids: Sequence[str]) -> dict[str, Row]:
        by_type: dict[str, list[str]] = defaultdict(list)
        for rel_id in ids:
            by_type[rel_id.split(":", 1)[0]].append(rel_id)
        found: dict[str, Row] = {}
        for rel_type, typed in sorted(by_type.items()):
            if rel_type not in self.model.relationships:
                continue
            query = cypher.read_relationship_props(self.model, rel_type)
            for r in self._run(query, typed):
                found[r["id"]] = self._row(r["id"], rel_type, r["props"], REL_INTERNAL)
        return found

    def relationships_touching(self, node_ids: Sequence[str]) -> dict[str, Row]:
        return {r["id"]: self._row(r["id"], r["type"], r["props"], REL_INTERNAL)
                for r in self._run(cypher.RELATIONSHIPS_TOUCHING, node_ids)}

    def judgements(self) -> list[Judgement]:
        return [Judgement(r["canonical"], r["other"], r["verdict"], r["by"], r["at"], r["why"])
                for r in self.tx.run(cypher.JUDGEMENTS)]

    # -- writing ----------------------------------------------------------------------
    def add_judgement(self, judgement: Judgement) -> None:
        self.tx.run(cypher.ADD_JUDGEMENT, row=judgement.to_dict()).consume()
        self.changed = True

    def _node_row(self, row: Row) -> dict[str, Any]:
        stored = self.stored_node(row.id, row.label, row.props)
        stored["_record"] = encode_record(row.id, row.props, row.record)
        return stored

    def write_nodes(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        new = set(created)
        fresh: dict[str, list[dict[str, Any]]] = defaultdict(list)
        updated: list[dict[str, Any]] = []
        for row in rows:
            (fresh[row.label] if row.id in new else updated).append(self._node_row(row))
        for label, items in sorted(fresh.items()):
            for chunk in chunked(items, self.batch_size):
                self.tx.run(cypher.create_nodes(self.model, label), rows=list(chunk)).consume()
        for chunk in chunked(updated, self.batch_size):
            self.tx.run(cypher.UPDATE_NODES, rows=list(chunk)).consume()
        self.changed = self.changed or bool(rows)

    def write_relationships(self, rows: Sequence[Row], created: Sequence[str]) -> None:
        new = set(created)
        fresh: dict[str, list[dict[str, Any]]] = defaultdict(list)
        updated: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            start, end, key = row.ends
            props = {**row.props, "id": row.id, "key": key,
                     "_record": encode_record(row.id, row.props, row.record)}
            if row.id in new:
                fresh[row.label].append({"start": start, "end": end, "props": props})
            else:
                updated[row.label].append({"id": row.id, "props": props})
        for rel_type, items in sorted(fresh.items()):
            for chunk in chunked(items, self.batch_size):
                query = cypher.create_relationships(self.model, rel_type)
                self.tx.run(query, rows=list(chunk)).consume()
        for rel_type, items in sorted(updated.items()):
            for chunk in chunked(items, self.batch_size):
                query = cypher.update_relationships(self.model, rel_type)
                self.tx.run(query, rows=list(chunk)).consume()
        self.changed = self.changed or bool(rows)

    def delete_nodes(self, ids: Sequence[str]) -> None:
        for chunk in chunked(list(ids), self.batch_size):
            self.tx.run(cypher.DELETE_NODES, ids=list(chunk)).consume()
        self.changed = self.changed or bool(ids)

    def delete_relationships(self, ids: Sequence[str]) -> None:
        by_type: dict[str, list[str]] = defaultdict(list)
        for rel_id in ids:
            by_type[rel_id.split(":", 1)[0]].append(rel_id)
        for rel_type, typed in sorted(by_type.items()):
            for chunk in chunked(typed, self.batch_size):
                query = cypher.delete_relationships(self.model, rel_type)
                self.tx.run(query, ids=list(chunk)).consume()
        self.changed = self.changed or bool(ids)

    def insert_new(self, new: NewRecords) -> bool:
        return False  # the merging path reads what exists in the same round trips
