"""The Neo4j backend: the official driver, parameterised Cypher, batched UNWIND writes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction, Record, Session
from neo4j.exceptions import ClientError, ConfigurationError, DriverError, Neo4jError

from enforcegraph.graph.backends import cypher, neo4j_counts, neo4j_filtered_counts
from enforcegraph.graph.backends.neo4j_errors import CONNECTION_ERRORS, translate_errors
from enforcegraph.graph.backends.neo4j_filtered_counts import ValueNotingRows
from enforcegraph.graph.backends.neo4j_rows import (
    NODE_INTERNAL,
    REL_INTERNAL,
    Neo4jRows,
    chunked,
    own,
)
from enforcegraph.graph.domain import traversals as generic
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.record.judgements import Judgement
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import (
    Direction,
    GraphStore,
    Node,
    PropertyFilter,
    Relationship,
    StoreStats,
    find_seek,
)
from enforcegraph.graph.store.fulltext import NAME_WEIGHT, field_texts
from enforcegraph.schema.errors import StoreError
from enforcegraph.schema.model import Model, load_model
from enforcegraph.schema.names import normalize_name, normalized_names

__all__ = ["Neo4jStore"]

log = logging.getLogger(__name__)
T = TypeVar("T")
# Longer joined names cannot go into the text index (its keys are bounded): such nodes are
# flagged with _namescan and searched through their _names list instead.
NAMETEXT_MAX_BYTES = 30_000
PAGE = 5000
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _node_props(props: dict[str, Any]) -> dict[str, Any]:
    return own(props, NODE_INTERNAL)


def _rel_props(props: dict[str, Any]) -> dict[str, Any]:
    return own(props, REL_INTERNAL)


def node_from(value: dict[str, Any]) -> Node:
    """A Node from the ``{id, label, props}`` map the queries return."""
    return Node(value["id"], value.get("label") or "", _node_props(value["props"]))


def _rel_from(value: dict[str, Any]) -> Relationship:
    return Relationship(
        value["id"], value["type"], value["start"], value["end"], value["key"] or "",
        _rel_props(value["props"]),
    )


class Neo4jStore(GraphStore):
    """A graph in Neo4j (5.x, Community, Enterprise or Aura) through the official driver.

    Every node carries the label ``Entity`` beside its own, with a unique ``id``; names
    are kept normalised in ``_names`` (and ``_nametext``, text-indexed, or the flag
    ``_namescan`` when they are too long for an index key) for search.
    Relationships carry their ``id`` and ``key``. The schema (constraints, indexes) is
    created on first use, so a store opened while Neo4j is down works once it is up.
    """

    backend_name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        model: Model | None = None,
        *,
        batch_size: int = 10_000,
        retry_seconds: float = 5.0,
    ) -> None:
        self.model = model or load_model()
        self.uri, self.user, self.database = uri, user, database
        self.batch_size = batch_size
        self.kept_part = 5000  # decisions a transaction when the kept rows are rebuilt
        auth = (user, password) if password else None
        if uri.partition("://")[0] not in SCHEMES:
            raise StoreError(f"ENFORCEGRAPH_NEO4J_URI must be a bolt:// or neo4j:// URI, not {uri!r}")
        if logging.getLogger("neo4j").level == logging.NOTSET:  # retries are ours to report
            logging.getLogger("neo4j").setLevel(logging.ERROR)
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                max_transaction_retry_time=retry_seconds,
                connection_timeout=5.0,
                connection_acquisition_timeout=10.0,
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"invalid Neo4j URI {uri!r}: {exc}") from exc
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._day_lock = threading.Lock()
        self._moved: dict[str, bool] = {}  # today -> whether the kept rows were moved to it

    @classmethod
    def from_settings(cls, settings: Settings, model: Model | None = None) -> Neo4jStore:
        """The store the ``ENFORCEGRAPH_NEO4J_*`` settings describe."""
        return cls(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            model,
        )

    # -- plumbing -------------------------------------------------------------------------
    def _translate(self, action: str) -> AbstractContextManager[None]:
        return translate_errors(self.uri, self.user, self.database, action)

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes the model implies (once; idempotent)."""
        if self._schema_ready:
            return
        with self._schema_lock, self._translate("creating constraints and indexes"):
            if self._schema_ready:
                return
            with self._driver.session(database=self.database) as session:
                existing = {record["name"] for record in session.run(cypher.SHOW_SCHEMA_NAMES)}
                for name, statement in cypher.schema_statements(self.model).items():
                    if name in existing:
                        continue
                    try:
                        session.run(statement).consume()
                    except ClientError as exc:  # another process created it meanwhile
                        if "AlreadyExists" not in (exc.code or ""):
                            raise
                    log.info("created Neo4j schema rule %s", name)
                if cypher.FULLTEXT_INDEX not in existing:  # new: filled in the background
                    session.run(cypher.AWAIT_INDEX, name=cypher.FULLTEXT_INDEX,
                                seconds=300).consume()
                    self._backfill_full_text(session)
            self._schema_ready = True

    def _backfill_full_text(self, session: Any) -> None:
        """Give nodes written before the full-text index existed its fields."""
        while True:
            nodes = [node_from(r["node"]) for r in
                     session.run(cypher.FULLTEXT_BACKFILL_READ, size=self.batch_size)]
            if not nodes:
                return
            rows = []
            for node in nodes:
                spec = self.model.labels.get(node.label)
                names, body = field_texts(spec, node.properties) if spec else ("", "")
                rows.append({"id": node.id, "names": names, "body": body})
            session.run(cypher.FULLTEXT_BACKFILL_WRITE, rows=rows).consume()
            log.info("full-text fields given to %d nodes", len(rows))

    def _autocommit(self, action: str, query: str) -> None:
        """Run a statement in its own auto-commit transaction (no retry loop)."""
        with self._translate(action):
            for attempt in (1, 2):  # a second try gets a fresh connection if a pooled one died
                try:
                    with self._driver.session(database=self.database) as session:
                        session.run(query).consume()
                    return
                except CONNECTION_ERRORS:
                    if attempt == 2:
                        raise

    def _read(self, query: str, **params: Any) -> list[Record]:
        self._ensure_schema()

        def work(tx: ManagedTransaction) -> list[Record]:
            return list(tx.run(query, params))

        with self._translate("a read"), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _write(self, action: str, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed write transaction (retried on transient errors)."""
        self._ensure_schema()
        with self._translate(action), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    # -- writing --------------------------------------------------------------------------
    def _names_of(self, label: str, props: dict[str, Any]) -> list[str]:
        return sorted(normalized_names(props, self.model.label(label).name_properties))

    def _stored_node(self, node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
        names = self._names_of(label, props)
        row = {**props, "id": node_id, "_names": names}
        row["_ft_names"], row["_ft_body"] = field_texts(self.model.label(label), props)
        text = "\n".join(names)
        if len(text.encode("utf-8")) > NAMETEXT_MAX_BYTES:
            row["_namescan"] = True
        elif names:
            row["_nametext"] = text
        return row

    @contextmanager
    def write_rows(self) -> Iterator[Neo4jRows]:
        self._ensure_schema()
        with self._translate("a write"), self._driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                rows = ValueNotingRows(tx, self.model, self.batch_size, self._stored_node)
                yield rows
                whole = neo4j_counts.refresh(tx, rows.notes)  # the kept counts, in step
                neo4j_filtered_counts.refresh(tx, rows)
                tx.commit()
            finally:
                if not tx.closed():
                    tx.rollback()
            if whole:
                self._complete_kept_rows(session)

    def _complete_kept_rows(self, session: Session) -> None:
        """After a write whose refresh left the kept rows unready: rebuild them in parts
        (never in the writer's transaction). The write is committed: a rebuild stopped by
        an error leaves the rows unready (readers compute their answers) and the next
        write resumes it, so the error is logged, not raised."""
        try:
            parts = neo4j_counts.complete(session, self.kept_part)
        except (Neo4jError, DriverError) as exc:
            log.warning("kept headline rows left unready (the next write resumes): %s", exc)
            return
        log.info("kept headline rows rebuilt in %d parts", parts)

    def judgements(self) -> list[Judgement]:
        return [Judgement(r["canonical"], r["other"], r["verdict"], r["by"], r["at"], r["why"])
                for r in self._read(cypher.JUDGEMENTS)]

    def records(self, ids: Iterable[str]) -> dict[str, list[Assertion]]:
        wanted = list(dict.fromkeys(ids))

        def work(tx: ManagedTransaction) -> dict[str, list[Assertion]]:
            rows = Neo4jRows(tx, self.model, self.batch_size, self._stored_node)
            found = rows.read_nodes([i for i in wanted if "->" not in i])
            found.update(rows.read_relationships([i for i in wanted if "->" in i]))
            return {row_id: row.record for row_id, row in found.items()}

        self._ensure_schema()
        with self._translate("a read"), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def delete(self, node_ids: Iterable[str]) -> int:
        ids = sorted(set(node_ids))

        def work(tx: ManagedTransaction) -> tuple[int, bool]:
            deleted = 0
            rows = ValueNotingRows(tx, self.model, self.batch_size, self._stored_node)
            for chunk in chunked(ids, self.batch_size):
                rows.delete_relationships(sorted(rows.relationships_touching(list(chunk))))
                rows.notes.update(chunk)
                rows.note_stored(chunk)
                deleted += int(tx.run(cypher.DELETE_NODES, ids=list(chunk)).single(strict=True)[0])
            whole = neo4j_counts.refresh(tx, rows.notes)
            neo4j_filtered_counts.refresh(tx, rows)
            return deleted, whole

        deleted, whole = self._write("a delete", work)
        if whole:
            with self._translate("a write"), self._driver.session(database=self.database) as session:
                self._complete_kept_rows(session)
        return deleted

    def clear(self) -> None:
        self._ensure_schema()
        for statement in (*cypher.CLEAR, *cypher.KEPT_COUNTS_CLEAR, *cypher.VALUE_COUNTS_CLEAR):
            self._autocommit("clearing", statement)

    # -- reading --------------------------------------------------------------------------
    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, Node] = {}
        for chunk in chunked(ids, self.batch_size):
            for record in self._read(cypher.GET_NODES, ids=list(chunk)):
                node = node_from(record["node"])
                found[node.id] = node
        return found

    def lookup_labels(self, node_ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, str] = {}
        for chunk in chunked(ids, self.batch_size):
            for record in self._read(cypher.LOOKUP_LABELS, ids=list(chunk)):
                found[record["id"]] = record["label"]
        return found

    def relationships_of(
        self,
        node_ids: Iterable[str],
        types: Sequence[str] | None = None,
        direction: Direction = "both",
        limit: int | None = None,
    ) -> list[Relationship]:
        if limit is None:
            query, options = cypher.relationships_of(self.model, types, direction), {}
        else:
            query = cypher.first_relationships_of(self.model, types, direction)
            options = {"limit": max(limit, 0)}
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, Relationship] = {}
        for chunk in chunked(ids, self.batch_size):
            for record in self._read(query, ids=list(chunk), **options):
                rel = _rel_from(record["rel"])
                found[rel.id] = rel
        return [found[k] for k in sorted(found)]

    def find(
        self,
        label: str,
        filters: Sequence[PropertyFilter] = (),
        *,
        order_by: str = "id",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[Any] | None = None,
    ) -> list[Node]:
        self.check_order(label, order_by)
        for flt in filters:
            self.check_filter(label, flt)
        seek = None if after is None else find_seek(after, label, order_by)
        query, params = cypher.find_nodes(
            self.model, label, filters, order_by, descending, limit, offset, seek
        )
        return [node_from(record["node"]) for record in self._read(query, **params)]

    def count(self, label: str, filters: Sequence[PropertyFilter] = ()) -> int:
        return self.count_at_most(label, filters, None)[0]

    def count_at_most(self, label: str, filters: Sequence[PropertyFilter] = (),
                      cap: int | None = None) -> tuple[int, bool]:
        for flt in filters:
            self.check_filter(label, flt)
        if filters:  # one kept property: a sum of its count nodes
            meta = self._read(cypher.VALUE_COUNTS_READ)
            kept = neo4j_filtered_counts.count_query(
                self.model, label, filters, meta[0]["properties"] if meta else None)
            if kept is not None:
                return int(self._read(kept[0], **kept[1])[0]["count"]), False
        if cap is None or not filters or any(f.property == "id" for f in filters):
            query, params = cypher.count_nodes(self.model, label, filters)
            return int(self._read(query, **params)[0]["count"]), False
        query, params = cypher.count_nodes_at_most(self.model, label, filters)
        found = int(self._read(query, **params, most=cap + 1)[0]["count"])
        return min(found, cap), found > cap

    def search(
        self, text: str, labels: Sequence[str] | None = None, limit: int = 20
    ) -> list[Node]:
        query = cypher.search(self.model, labels)
        norm = normalize_name(text)
        if not norm:
            return []
        wanted = list(labels or [])
        records = self._read(query, norm=norm, id=text.strip(), labels=wanted, limit=limit)
        by_id = [str(record["id"]) for record in records]
        exact = self.get(text.strip())
        if exact is not None and exact.id not in by_id and (not wanted or exact.label in wanted):
            by_id.insert(0, exact.id)
        nodes = self.get_many(by_id)
        return [nodes[i] for i in by_id if i in nodes][:limit]

    def full_text_hits(
        self, terms: Sequence[str], name: str, labels: Sequence[str] | None, limit: int,
        offset: int, most: int,
    ) -> tuple[list[tuple[Node, float]], int, bool]:
        # Lucene's best most + 1 (ids and scores only), ranked here; the page's nodes then
        found = self._read(cypher.full_text_ranked(self.model, labels),
                           text=cypher.lucene_query(terms, NAME_WEIGHT), name=name,
                           labels=list(labels or []), fetch=most + 1,
                           options={} if labels else {"limit": most + 1})
        ranked = sorted(found[:most], key=lambda r: (not r["named"], -float(r["score"]), r["id"]))
        page = ranked[offset : offset + limit]
        nodes = self.get_many(str(r["id"]) for r in page)
        hits = [(nodes[r["id"]], float(r["score"])) for r in page if r["id"] in nodes]
        return hits, len(ranked), len(found) > most

    def stats(self) -> StoreStats:
        nodes = self._read(cypher.stats_nodes(self.model))
        rels = self._read(cypher.stats_relationships(self.model))
        return StoreStats(
            nodes={r["name"]: int(r["count"]) for r in nodes if r["count"]},
            relationships={r["name"]: int(r["count"]) for r in rels if r["count"]},
        )

    def iter_nodes(self, label: str | None = None) -> Iterator[Node]:
        query = cypher.iter_nodes(self.model, label)
        after = ""
        while True:
            records = self._read(query, after=after, size=PAGE)
            yield from (node_from(record["node"]) for record in records)
            if len(records) < PAGE:
                return
            after = records[-1]["node"]["id"]

    def iter_relationships(self, rel_type: str | None = None) -> Iterator[Relationship]:
        # A relationship id starts with its type and a colon, so type order then id order
        # is global id order: each type is paged through its own unique index.
        for name in [rel_type] if rel_type else sorted(self.model.relationships):
            query = cypher.iter_relationships(self.model, name)
            after = ""
            while True:
                records = self._read(query, after=after, size=PAGE)
                yield from (_rel_from(record["rel"]) for record in records)
                if len(records) < PAGE:
                    break
                after = records[-1]["rel"]["id"]

    def to_networkx(
        self,
        labels: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
    ) -> nx.MultiDiGraph:
        """Streamed in pages of 5000 (only the labels and types asked for are read)."""
        if not labels and not types:
            return super().to_networkx()
        for name in labels or ():
            self.model.label(name)
        graph: nx.MultiDiGraph = nx.MultiDiGraph()
        # Ids start with their label's prefix: prefix order keeps nodes in global id order.
        prefix = {name: spec.prefix for name, spec in self.model.labels.items()}
        ordered: list[str] = sorted(set(labels or ()), key=prefix.__getitem__)
        wanted: Sequence[str | None] = ordered or [None]
        for label in wanted:
            for node in self.iter_nodes(label):
                graph.add_node(node.id, label=node.label, **node.properties)
        wanted_types: Sequence[str | None] = sorted(set(types)) if types else [None]
        for rel_type in wanted_types:
            for rel in self.iter_relationships(rel_type):
                if rel.start in graph and rel.end in graph:
                    graph.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, **rel.properties)
        return graph

    def traversals(self) -> generic.Traversals:
        from enforcegraph.graph.backends.neo4j_traversals import Neo4jTraversals

        return Neo4jTraversals(self)

    def _kept_ready(self, flt: SanctionFilter) -> bool:
        """Whether the kept rows answer for ``flt``. Rows classed on an earlier day are
        moved to today first, once a day (a write of the few decisions whose classes at
        today changed: graph/backends/neo4j_counts.py ``move_day``); when that cannot be
        done (the EU changed, a read-only user), answers at today are computed."""
        kept = self._read(cypher.KEPT_COUNTS_READ)
        state = dict(kept[0]) if kept else None
        if neo4j_counts.ready(state, flt):
            return True
        if (flt.at != "today" or state is None or state["version"] != neo4j_counts.VERSION
                or not state["today"]):
            return False
        day = neo4j_counts.current_day()
        with self._day_lock:  # one move a day per process; readers of the day wait for it
            if self._moved.get(day) is None:
                try:
                    self._moved = {day: self._write("moving the kept rows to today",
                                                    neo4j_counts.move_day)}
                except StoreError as exc:
                    log.warning("kept headline rows not moved to %s: %s", day, exc)
                    self._moved = {day: False}
            return self._moved[day]

    def kept_headline_count(self, flt: SanctionFilter, unknown: bool) -> int | None:
        """The headline count from the rows kept in step with writes, or None when they
        cannot answer (graph/backends/neo4j_counts.py)."""
        if not self._kept_ready(flt):
            return None
        query, params = neo4j_counts.count_query(flt, unknown)
        return int(self._read(query, **params)[0]["count"])

    def kept_headline_page(self, flt: SanctionFilter, unknown: bool, limit: int,
                           offset: int, after: Sequence[str] | None = None) -> list[Record] | None:
        """One headline page from the kept rows (an index range in the catalogue's order,
        then its nodes, in one statement; ``after``: from a row's seek key, each
        record's ``key``), or None when they cannot answer."""
        if not self._kept_ready(flt):
            return None
        query, params = neo4j_counts.page_query(flt, unknown, limit, offset, after)
        records = sorted(self._read(query, **params), key=lambda record: int(record["n"]))
        return None if any(record["gone"] for record in records) else records

    def run_traversal(self, query: str, **params: Any) -> list[Record]:
        """Run one catalogue query (for Neo4jTraversals); its parameters travel as ``$args``."""
        return self._read(query, args=params)

    # -- lifecycle ------------------------------------------------------------------------
    def ping(self) -> None:
        """Raise StoreUnavailable at once (no retry loop) when Neo4j cannot answer."""
        self._ensure_schema()
        self._autocommit("a ping", cypher.PING)

    def close(self) -> None:
        self._driver.close()
