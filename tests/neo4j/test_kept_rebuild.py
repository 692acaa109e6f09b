"""The Neo4j kept headline rows are rebuilt in parts, never in the writer's transaction.

A store whose rows are of an older layout, or whose EU membership changed, has its rows
marked unready by the write (in its transaction) and rebuilt after the commit in
transactions of ``Neo4jStore.kept_part`` decisions; readers compute their answers
meanwhile. A rebuild stopped between parts (a part fails) leaves the rows unready and the
answers right; the next write resumes it. Each count is held to the catalogue's full
Cypher count on the real server.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from neo4j import ManagedTransaction
from neo4j.exceptions import DatabaseError

from enforcegraph.graph.backends import cypher, neo4j_counts
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

PART = 7  # decisions a transaction: far fewer than the store holds


@pytest.fixture
def loaded(neo4j_server: Any) -> Iterator[Neo4jStore]:
    store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=neo4j_server.uri,
                                              neo4j_password=""))
    store.clear()
    for batch in synth_batches(SynthConfig(firms=60, seed=7, chunk_firms=60)):
        store.upsert(batch)
    store.kept_part = PART
    yield store
    store.clear()
    store.close()


def _state(store: Neo4jStore) -> dict[str, Any]:
    with store._driver.session(database=store.database) as session:
        return dict(session.run(cypher.KEPT_COUNTS_READ).single(strict=True))


def _decisions(store: Neo4jStore) -> list[str]:
    return sorted(node.id for node in store.iter_nodes("Decision"))


def _filters(store: Neo4jStore) -> list[SanctionFilter]:
    rows = Traversals(store).sanctions_without_eu_establishment()
    regulator = sorted(r["regulator"]["id"] for r in rows)[0]
    return [SanctionFilter(), SanctionFilter(at="today"), SanctionFilter(jurisdiction="EU"),
            SanctionFilter(since="2020-03", until="2023"), SanctionFilter(regulator=regulator)]


def _check(store: Neo4jStore, kept: bool) -> None:
    """Every count is the full Cypher count; read from the kept rows when ``kept``, else
    the rows are unready and the answer computed."""
    pushed = store.traversals()
    for flt in _filters(store):
        for unknown in (False, True):
            full = pushed._full_count(flt, unknown)  # type: ignore[attr-defined]
            count = store.kept_headline_count(flt, unknown)
            assert (count is not None) == kept, (flt, unknown)
            assert count in (None, full), (flt, unknown)
            count_of = (pushed.count_sanctions_with_unknown_establishment if unknown
                        else pushed.count_sanctions_without_eu_establishment)
            assert count_of(flt) == full, (flt, unknown)
    assert (pushed.sanctions_without_eu_establishment(limit=30, offset=5)
            == Traversals(store).sanctions_without_eu_establishment()[5:35])


class Parts:
    """Counts the parts of a rebuild (one transaction each) and what the database shows
    a second session while the first part runs; fails the part numbered ``fail``."""

    def __init__(self, store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, fail: int = 0,
                 written: str = "") -> None:
        self.store, self.fail, self.written = store, fail, written
        self.calls, self.seen = 0, []  # type: tuple[int, list[tuple[str, bool]]]
        self.real = neo4j_counts._part
        monkeypatch.setattr(neo4j_counts, "_part", self)

    def __call__(self, tx: ManagedTransaction, size: int) -> bool:
        self.calls += 1
        if self.calls == 1:  # from outside this transaction: the write is committed
            found = self.store.get(self.written) is not None if self.written else True
            self.seen.append((_state(self.store)["version"], found))
        more = self.real(tx, size)
        if self.calls == self.fail:
            raise DatabaseError("a part fails (simulated crash)")
        return bool(more)


def _note(store: Neo4jStore, number: int, decision: str = "") -> Batch:
    """A write: a source node, and a decision's date changed when given."""
    batch = Batch(nodes=[NodeRecord(f"source:kept-{number}", "Source",
                                    {"url": f"https://example.org/kept/{number}"})])
    node = store.get(decision) if decision else None
    if node is not None:
        batch.nodes.append(NodeRecord(decision, "Decision", {**node.properties, "date": "2021-05-04"}))
    return batch


def test_an_older_layout_is_rebuilt_in_parts_after_the_write(
        loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(loaded, kept=True)
    with loaded._driver.session(database=loaded.database) as session:
        rows = session.run(cypher.HEADLINE_ROWS).single(strict=True)["count"]
        session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.version = '2'").consume()
    _check(loaded, kept=False)  # another layout: unready, answers computed
    decisions = _decisions(loaded)
    assert len(decisions) > 3 * PART
    parts = Parts(loaded, monkeypatch, written="source:kept-1")
    loaded.upsert(_note(loaded, 1))
    # one transaction a part of PART decisions (the last finds fewer), none the writer's:
    # while the first ran, a second session saw the write committed and the rows unready
    assert parts.calls == len(decisions) // PART + 1
    assert parts.seen == [("", True)]
    state = _state(loaded)
    assert state["version"] == neo4j_counts.VERSION and state["upto"] is None
    with loaded._driver.session(database=loaded.database) as session:
        assert session.run(cypher.HEADLINE_ROWS).single(strict=True)["count"] == rows
    _check(loaded, kept=True)
    loaded.upsert(_note(loaded, 2, decisions[3]))  # an ordinary write: no rebuild, rows in step
    assert parts.calls == len(decisions) // PART + 1
    _check(loaded, kept=True)


def test_a_changed_eu_is_rebuilt_in_parts_and_a_stopped_rebuild_resumed(
        loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    decisions = _decisions(loaded)
    member = next(iter(loaded.iter_relationships("MEMBER_OF")))
    parts = Parts(loaded, monkeypatch, fail=3)
    change = Batch(relationships=[RelationshipRecord(
        "MEMBER_OF", member.start, member.end, {**member.properties, "valid_to": "2020-01-31"},
        member.key)])
    loaded.upsert(change, dataset="changes")  # the EU changed: every decision's rows
    assert parts.calls == 3  # the third part failed: the write itself is committed
    assert any(r.properties.get("valid_to") == "2020-01-31"
               for r in loaded.iter_relationships("MEMBER_OF"))
    state = _state(loaded)
    assert state["version"] == "" and state["upto"] == decisions[2 * PART - 1]
    _check(loaded, kept=False)  # unready: every answer computed, and right
    # the next write changes a decision the rebuild passed and one it has not reached:
    # the first is recomputed in the write's transaction, the second by the rebuild
    parts.fail = 0
    loaded.upsert(_note(loaded, 3, decisions[1]))
    loaded_calls = parts.calls
    assert loaded_calls == 3 + (len(decisions) - 2 * PART) // PART + 1
    assert _state(loaded)["version"] == neo4j_counts.VERSION
    _check(loaded, kept=True)
    loaded.upsert(_note(loaded, 4, decisions[-1]))
    assert parts.calls == loaded_calls
    _check(loaded, kept=True)


def test_a_store_without_rows_is_built_by_the_first_write(neo4j_server: Any) -> None:
    store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=neo4j_server.uri,
                                              neo4j_password=""))
    store.clear()
    store.kept_part = PART
    try:
        for batch in synth_batches(SynthConfig(firms=30, seed=3, chunk_firms=30)):
            store.upsert(batch)
        assert _state(store)["version"] == neo4j_counts.VERSION
        _check(store, kept=True)
    finally:
        store.clear()
        store.close()


def _established_until(store: Neo4jStore, day: str) -> Batch:
    """An EU establishment ending on ``day`` for a firm of the headline (outside the EU)."""
    rows = Traversals(store).sanctions_without_eu_establishment()
    member = next(r for r in store.iter_relationships("MEMBER_OF") if not r.properties.get("valid_to"))
    firm = store.get(rows[0]["firm"]["id"])
    assert firm is not None
    return Batch(relationships=[RelationshipRecord(
        "HAS_ESTABLISHMENT", firm.id, member.start,
        {"valid_from": "2000-01-01", "valid_to": day, "sources": firm.properties["sources"]})])


def _classed_on(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, then: str,
                batch: Batch) -> None:
    """Write ``batch`` with the rows classed as if on ``then`` (all of them: a rebuild)."""
    monkeypatch.setattr(neo4j_counts, "current_day", lambda: then)
    store.upsert(batch)
    with store._driver.session(database=store.database) as session:
        neo4j_counts.rebuild(session, chunk=50)
    monkeypatch.undo()
    assert _state(store)["today"] == then


def _kept_today(store: Neo4jStore) -> int:
    """The count at today the kept rows hold now, whatever day they were classed on."""
    query, params = neo4j_counts.count_query(SanctionFilter(at="today"), False)
    return int(store._read(query, **params)[0]["count"])


def test_rows_of_an_earlier_day_are_moved_to_today_by_a_read(
        loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    today = date.today()
    ended, then = (today - timedelta(days=5)).isoformat(), (today - timedelta(days=10)).isoformat()
    _classed_on(loaded, monkeypatch, then, _established_until(loaded, ended))
    full = loaded.traversals()._full_count(SanctionFilter(at="today"), False)  # type: ignore[attr-defined]
    assert _kept_today(loaded) < full  # classed on then: the firm was established
    assert loaded.kept_headline_count(SanctionFilter(at="today"), False) == full  # moved
    assert _state(loaded)["today"] == today.isoformat() and _kept_today(loaded) == full
    _check(loaded, kept=True)


def test_rows_of_an_earlier_day_are_moved_to_today_by_a_write(
        loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    today = date.today()
    ended, then = (today - timedelta(days=1)).isoformat(), (today - timedelta(days=2)).isoformat()
    _classed_on(loaded, monkeypatch, then, _established_until(loaded, ended))
    loaded.upsert(_note(loaded, 5))
    assert _state(loaded)["today"] == today.isoformat()
    _check(loaded, kept=True)


def test_an_eu_changed_since_the_rows_day_is_computed_until_a_write_rebuilds(
        loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    today = date.today()
    then = (today - timedelta(days=3)).isoformat()
    member = next(r for r in loaded.iter_relationships("MEMBER_OF") if not r.properties.get("valid_to"))
    change = Batch(relationships=[RelationshipRecord(
        "MEMBER_OF", member.start, member.end,
        {**member.properties, "valid_to": (today - timedelta(days=1)).isoformat()}, member.key)])
    _classed_on(loaded, monkeypatch, then, change)
    parts = Parts(loaded, monkeypatch)
    flt = SanctionFilter(at="today")
    assert loaded.kept_headline_count(flt, False) is None  # no move: computed
    assert (loaded.traversals().count_sanctions_without_eu_establishment(flt)
            == loaded.traversals()._full_count(flt, False))  # type: ignore[attr-defined]
    assert loaded.kept_headline_count(SanctionFilter(), False) is not None  # at the decision date
    loaded.upsert(_note(loaded, 6))  # the write finds the EU changed: a rebuild in parts
    assert parts.calls > 1 and _state(loaded)["today"] == today.isoformat()
    _check(loaded, kept=True)
