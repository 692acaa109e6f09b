"""The Neo4j headline page and kept counts at N firms, with the server's CPU and PROFILE.

    python -m benchmarks.issue20.neopage URI [--pid-file HOME/jvm.pid] [--repeats 30]
        [--keyset] [--out benchmarks/results/neo4j/1m.json]

Against a running Neo4j already loaded (benchmarks/issue20/neoload.py) and whose kept
rows are of this layout (``--rebuild`` recomputes them first, in parts: a store loaded
by an older version). For each filter: the kept count and the first page of 100 (and
pages at random offsets: the API's cursors), p50/p99 wall, the server JVM's CPU per call
(user + system, /proc) and this process's; then SHOW INDEXES of the kept rows and the
PROFILE (operators, rows, db hits) of each page and count statement. ``--keyset``: pages
only: the first, then at the same random deep positions by offset (SKIP) and by a keyset
seek from the key of the row before (the key read beforehand, untimed), with the seek's
PROFILE.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.issue20.neocommon import plan_lines
from benchmarks.issue20.neoload import jvm_cpu_seconds
from enforcegraph.graph.backends import cypher, neo4j_counts
from enforcegraph.graph.backends.neo4j import Neo4jStore
from enforcegraph.graph.backends.neo4j_traversals import Neo4jTraversals
from enforcegraph.graph.domain.traversals import SanctionFilter

FILTERS = {
    "none": SanctionFilter(),
    "regulator at-synth-0": SanctionFilter(regulator="regulator:at-synth-0"),
    "jurisdiction EU": SanctionFilter(jurisdiction="EU"),
    "jurisdiction FR": SanctionFilter(jurisdiction="FR"),
    "since 2020-01-01": SanctionFilter(since="2020-01-01"),
    "EU, at today": SanctionFilter(jurisdiction="EU", at="today"),
}


def _timed(call: Any, repeats: int, pid: int | None) -> dict[str, float]:
    walls, cpu0, jvm0 = [], time.process_time(), jvm_cpu_seconds(pid)
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        walls.append((time.perf_counter() - began) * 1000)
    walls.sort()
    return {"p50_ms": statistics.median(walls), "p99_ms": walls[min(len(walls) - 1, int(len(walls) * 0.99))],
            "max_ms": walls[-1], "client_cpu_ms": (time.process_time() - cpu0) * 1000 / repeats,
            "server_cpu_ms": (jvm_cpu_seconds(pid) - jvm0) * 1000 / repeats if pid else -1.0}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("uri")
    parser.add_argument("--pid-file", type=Path)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--catalogue", type=int, default=0, metavar="N",
                        help="also time the catalogue's own Cypher page (no filter) N times")
    parser.add_argument("--keyset", action="store_true",
                        help="pages only: by offset and by keyset seek at the same deep positions")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    pid = int(args.pid_file.read_text()) if args.pid_file else None
    store = Neo4jStore(args.uri)
    rng = random.Random(7)
    found: dict[str, Any] = {"filters": {}}
    with store._driver.session(database=store.database) as session:
        if args.rebuild:
            began, jvm0 = time.time(), jvm_cpu_seconds(pid)
            rows = neo4j_counts.rebuild(session)
            session.run("CALL db.awaitIndexes(3600)").consume()
            found["rebuild"] = {"rows": rows, "seconds": time.time() - began,
                                "server_cpu_s": jvm_cpu_seconds(pid) - jvm0}
            print("REBUILD", found["rebuild"], flush=True)
        found["indexes"] = [dict(r) for r in session.run(
            "SHOW INDEXES YIELD name, labelsOrTypes, properties, state "
            "WHERE name STARTS WITH 'headline' RETURN name, labelsOrTypes, properties, state")]
        for index in found["indexes"]:
            print("INDEX", index, flush=True)
    tr = Neo4jTraversals(store)
    if args.keyset:
        found["keyset"] = {name: _keyset(store, tr, flt, args.repeats, pid, rng)
                           for name, flt in FILTERS.items()}
        _write(args.out, found)
        store.close()
        return
    for name, flt in FILTERS.items():
        count = tr.count_sanctions_without_eu_establishment(flt)
        first = _timed(lambda flt=flt: tr.sanctions_without_eu_establishment(flt, 100, 0),
                       args.repeats, pid)
        offsets = [rng.randrange(max(1, count - 100)) for _ in range(args.repeats)]
        deep = _timed(lambda flt=flt, offsets=offsets: tr.sanctions_without_eu_establishment(
            flt, 100, offsets.pop()),
                      args.repeats, pid)
        counted = _timed(lambda flt=flt: tr.count_sanctions_without_eu_establishment(flt),
                         args.repeats, pid)
        plans = {}
        with store._driver.session(database=store.database) as session:
            for kind, (query, params) in (("page", neo4j_counts.page_query(flt, False, 100, 0)),
                                          ("count", neo4j_counts.count_query(flt, False))):
                plans[kind] = plan_lines(session.run("PROFILE " + query, params).consume().profile or {})
        found["filters"][name] = {"rows": count, "first_page": first, "page_at_random_offset": deep,
                                  "count": counted, "plans": plans}
        print(f"{name}: {count} rows; page p50 {first['p50_ms']:.1f} p99 {first['p99_ms']:.1f} ms "
              f"(server CPU {first['server_cpu_ms']:.1f}, client {first['client_cpu_ms']:.1f}); "
              f"at random offsets p50 {deep['p50_ms']:.1f} p99 {deep['p99_ms']:.1f} ms "
              f"(server CPU {deep['server_cpu_ms']:.1f}); count p50 {counted['p50_ms']:.2f} "
              f"p99 {counted['p99_ms']:.2f} ms (server CPU {counted['server_cpu_ms']:.2f})", flush=True)
        for kind, lines in plans.items():
            print(f"PROFILE {kind} ({name})", *lines, sep="\n    ", flush=True)
    if args.catalogue:  # the page as it was: the catalogue's Cypher over every sanction
        options = {**tr._sanction_options(SanctionFilter()), "offset": 0, "limit": 100}
        found["catalogue_page"] = _timed(
            lambda: tr._run(cypher.SANCTIONS_WITHOUT_EU_ESTABLISHMENT_PAGE, **options),
            args.catalogue, pid)
        print("CATALOGUE page", found["catalogue_page"], flush=True)
    store.close()
    _write(args.out, found)


def _write(out: Path | None, found: dict[str, Any]) -> None:
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(found, indent=1), "utf-8")


def _keyset(store: Neo4jStore, tr: Neo4jTraversals, flt: SanctionFilter, repeats: int,
            pid: int | None, rng: random.Random) -> dict[str, Any]:
    """Pages of 100 at ``repeats`` random deep positions (the second half of the rows),
    by offset and by keyset seek (the key of the row before each, read first)."""
    count = tr.count_sanctions_without_eu_establishment(flt)
    positions = sorted(rng.randrange(max(2, count // 2), max(3, count - 100))
                       for _ in range(repeats))
    keys = []
    for at in positions:
        tr.sanctions_without_eu_establishment(flt, 1, at - 1)
        assert tr.page_keys, "the kept rows must answer"
        keys.append(tr.page_keys[0])
    check = tr.sanctions_without_eu_establishment(flt, 100, 0, keys[0])
    assert check == tr.sanctions_without_eu_establishment(flt, 100, positions[0]), "seek != offset"
    first = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, 0), repeats, pid)
    at_offset = list(positions)
    by_offset = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, at_offset.pop()),
                       repeats, pid)
    at_key = list(keys)
    by_key = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, 0, at_key.pop()),
                    repeats, pid)
    query, params = neo4j_counts.page_query(flt, False, 100, 0, keys[len(keys) // 2])
    with store._driver.session(database=store.database) as session:
        plan = plan_lines(session.run("PROFILE " + query, params).consume().profile or {})
    print(f"{flt}: {count} rows; first page p50 {first['p50_ms']:.1f} p99 {first['p99_ms']:.1f} ms "
          f"(server CPU {first['server_cpu_ms']:.1f}); "
          f"positions {positions[0]}..{positions[-1]}; by offset p50 "
          f"{by_offset['p50_ms']:.1f} p99 {by_offset['p99_ms']:.1f} ms (server CPU "
          f"{by_offset['server_cpu_ms']:.1f}); by keyset p50 {by_key['p50_ms']:.1f} p99 "
          f"{by_key['p99_ms']:.1f} ms (server CPU {by_key['server_cpu_ms']:.1f})", flush=True)
    print("PROFILE seek", *plan, sep="\n    ", flush=True)
    return {"rows": count, "positions": positions, "first_page": first, "by_offset": by_offset,
            "by_keyset": by_key,
            "seek_plan": plan}


if __name__ == "__main__":
    main()
