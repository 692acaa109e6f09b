"""Neo4j kept headline rows on a loaded store (issue 20, D2): a write's refresh (before: the
layout-3 refresh, no state lock; after: this one), a whole rebuild in parts after a write
(rows of another layout), moving the rows to a new day, and the computed answers at
today that the move saves; wall and the Neo4j JVM's CPU (from /proc) beside each.

    python -m benchmarks.issue20.neorebuild URI HOME [--writes 6] [--decisions 20]
        [--whole-in-one-tx SECONDS]

HOME holds the server's jvm.pid (benchmarks/issue20/neoserve.py). Every decision changed
is written back as it was. ``--whole-in-one-tx``: also time the former whole recompute
in one transaction (stopped after SECONDS), then rebuild the rows in parts again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from neo4j.exceptions import Neo4jError

from enforcegraph.graph.backends import cypher, neo4j_counts
from enforcegraph.graph.backends.keptnotes import ALL
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.settings import Settings
from enforcegraph.schema.records import Batch, NodeRecord

TICK = os.sysconf("SC_CLK_TCK")


def jvm_cpu(home: Path) -> float:
    pid = (home / "jvm.pid").read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


@contextmanager
def timed(home: Path, out: dict[str, float]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), jvm_cpu(home)
    yield
    out["wall_s"] = time.perf_counter() - wall
    out["jvm_cpu_s"] = jvm_cpu(home) - cpu


def old_refresh(tx: Any, notes: set[str]) -> bool:
    """The refresh before (layout 3 as committed at 2b077f0), for its incremental path:
    a state read, the rows of the noted decisions, the state written (no lock read)."""
    kept = tx.run(cypher.KEPT_COUNTS_READ).single()
    if not notes and kept is not None and kept["version"] == neo4j_counts.VERSION:
        return False
    assert ALL not in notes and kept is not None and kept["version"] == neo4j_counts.VERSION
    today = neo4j_counts.current_day()
    neo4j_counts._incremental(tx, notes, None, today)
    day = today if kept["today"] == today else ""
    tx.run(cypher.KEPT_COUNTS_WRITE, version=neo4j_counts.VERSION, today=day).consume()
    return False


def writes(store: Neo4jStore, home: Path, count: int, size: int) -> dict[str, Any]:
    """``count`` pairs of writes (``size`` decisions' dates changed, then written back),
    alternately with the refresh before and after: the refresh's and the write's wall."""
    rng = random.Random(20)
    ids = [r["id"] for r in store._read("MATCH (d:Decision) RETURN d.id AS id ORDER BY id")]
    found: dict[str, list[float]] = {"before": [], "after": [], "before_write": [],
                                     "after_write": []}
    real = neo4j_counts.refresh
    for _ in range(count):
        for mode, refresh in (("before", old_refresh), ("after", real)):
            nodes = store.get_many(rng.sample(ids, size))
            changed = Batch(nodes=[NodeRecord(i, "Decision", {**v.properties, "date": "2011-11-11"})
                                   for i, v in nodes.items()])
            back = Batch(nodes=[NodeRecord(i, "Decision", dict(v.properties))
                                for i, v in nodes.items()])
            spent: list[float] = []

            def clocked(tx: Any, notes: set[str], run: Callable[..., bool] = refresh,
                        into: list[float] = spent) -> bool:
                start = time.perf_counter()
                try:
                    return run(tx, notes)
                finally:
                    into.append(time.perf_counter() - start)

            neo4j_counts.refresh = clocked  # type: ignore[assignment]
            try:
                for batch in (changed, back):
                    start = time.perf_counter()
                    store.upsert(batch)
                    found[f"{mode}_write"].append(time.perf_counter() - start)
            finally:
                neo4j_counts.refresh = real
            found[mode] += spent
    return {k: {"p50_ms": 1000 * statistics.median(v), "max_ms": 1000 * max(v), "n": len(v)}
            for k, v in found.items()}


def rebuild_after_write(store: Neo4jStore, home: Path) -> dict[str, Any]:
    """Rows of another layout; a write of one decision as it is: its wall (the write, then
    the rebuild in parts before it returns), the parts, the rows."""
    with store._driver.session(database=store.database) as session:
        session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.version = '2'").consume()
    decision = store._read("MATCH (d:Decision) RETURN d.id AS id LIMIT 1")[0]["id"]
    node = store.get(decision)
    assert node is not None
    parts = [0]
    real = neo4j_counts._part

    def counted(tx: Any, size: int) -> bool:
        parts[0] += 1
        return real(tx, size)

    neo4j_counts._part = counted  # type: ignore[assignment]
    out: dict[str, Any] = {}
    try:
        with timed(home, out):
            store.upsert(Batch(nodes=[NodeRecord(decision, "Decision", dict(node.properties))]))
    finally:
        neo4j_counts._part = real
    state = store._read(cypher.KEPT_COUNTS_READ)[0]
    out.update(parts=parts[0], part_size=store.kept_part, state=dict(state),
               rows=store._read(cypher.HEADLINE_ROWS)[0]["count"])
    return out


def day_move(store: Neo4jStore, home: Path) -> dict[str, Any]:
    """Rows classed 1, 7 and 30 days ago: the read that finds what changed since, and the
    first count at today (the move, a write) and the next; the computed answers at today
    (rows classed on several days: no move) that the move saves."""
    today = date.today()
    flt = SanctionFilter(at="today")
    out: dict[str, Any] = {}
    for days in (1, 7, 30):
        then = (today - timedelta(days=days)).isoformat()
        params = neo4j_counts.day_params(then, today.isoformat())
        row: dict[str, Any] = {}
        with timed(home, row):
            eu = store._read(cypher.HEADLINE_DAY_EU, **params)[0]["changed"]
            firms = store._read(cypher.HEADLINE_DAY_FIRMS, **params)[0]["firms"]
        row.update(eu_changed=eu, firms=len(firms))
        with store._driver.session(database=store.database) as session:
            session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.today = $then", then=then).consume()
        store._moved = {}
        first: dict[str, float] = {}
        with timed(home, first):
            count = store.kept_headline_count(flt, False)
        second: dict[str, float] = {}
        with timed(home, second):
            again = store.kept_headline_count(flt, False)
        full = store.traversals()._full_count(flt, False)  # type: ignore[attr-defined]
        assert count == again == full, (count, again, full)
        row.update(first_count=first, next_count=second, count=count)
        out[f"{days}d"] = row
    with store._driver.session(database=store.database) as session:
        session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.today = ''").consume()
    computed: dict[str, Any] = {}
    pushed = store.traversals()
    for name, call in (("count", lambda: pushed.count_sanctions_without_eu_establishment(flt)),
                       ("page", lambda: pushed.sanctions_without_eu_establishment(flt, 100, 0))):
        result: dict[str, float] = {}
        with timed(home, result):
            call()
        computed[name] = result
    out["computed_at_today_rows_of_several_days"] = computed
    with store._driver.session(database=store.database) as session:
        session.run(f"MATCH (k:{cypher.KEPT_COUNTS}) SET k.today = $day",
                    day=today.isoformat()).consume()
    return out


def whole_in_one_tx(store: Neo4jStore, home: Path, seconds: int) -> dict[str, Any]:
    """The former whole recompute inside one transaction (stopped after ``seconds``)."""
    out: dict[str, Any] = {}

    def work(tx: Any) -> None:
        tx.run(cypher.HEADLINE_DELETE_ALL).consume()
        tx.run(cypher.HEADLINE_SUMS_DELETE_ALL).consume()
        dids = tx.run(cypher.HEADLINE_ALL_DECISIONS).single(strict=True)["dids"]
        params = {**cypher.domain_params(), "today": neo4j_counts.current_day()}
        for start in range(0, len(dids), 2000):
            tx.run(cypher.HEADLINE_CREATE, dids=dids[start : start + 2000], **params).consume()
            tx.run(cypher.HEADLINE_SUMS_MOVE, dids=dids[start : start + 2000], sign=1).consume()
            if time.perf_counter() - begun > seconds:
                out["stopped_after_decisions"] = start + 2000
                raise TimeoutError
        out["decisions"] = len(dids)

    begun = time.perf_counter()
    try:
        with timed(home, out), store._driver.session(database=store.database) as session:
            tx = session.begin_transaction(timeout=seconds)
            try:
                work(tx)
            finally:
                if not tx.closed():
                    tx.rollback()  # a measurement: the rows stay as they were
    except (TimeoutError, Neo4jError) as exc:
        out["stopped"] = f"after {seconds} s: {type(exc).__name__}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("uri")
    parser.add_argument("home", type=Path)
    parser.add_argument("--writes", type=int, default=6)
    parser.add_argument("--decisions", type=int, default=20)
    parser.add_argument("--whole-in-one-tx", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_uri=args.uri,
                                              neo4j_password=""))
    result: dict[str, Any] = {"load_average_start": os.getloadavg()}
    store.ping()
    store._read("CALL db.awaitIndexes(600)")  # the window indexes, new on this store
    print("writes", json.dumps(result.setdefault(
        "writes", writes(store, args.home, args.writes, args.decisions))), flush=True)
    print("rebuild", json.dumps(result.setdefault(
        "rebuild_after_write", rebuild_after_write(store, args.home))), flush=True)
    print("day", json.dumps(result.setdefault("day_move", day_move(store, args.home))), flush=True)
    if args.whole_in_one_tx:
        print("whole", json.dumps(result.setdefault(
            "whole_in_one_tx", whole_in_one_tx(store, args.home, args.whole_in_one_tx))),
            flush=True)
    result["load_average_end"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n")
    store.close()


if __name__ == "__main__":
    main()
