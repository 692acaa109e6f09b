"""The embedded headline page at deep positions: by offset and by keyset seek.

    python -m benchmarks.issue20.seekpage STORE [--repeats 30] [--out F]

Opens STORE read-only (a store another process may be writing: nothing is written). For
each filter: the first page of 100, then pages of 100 at ``repeats`` random positions in
the second half of the rows, by offset (``LIMIT/OFFSET`` on the kept rows' index) and by
a keyset seek from the key of the row before (read beforehand, untimed); p50/p99 wall
and this process's CPU per page; the EXPLAIN QUERY PLAN of the seek statement.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from enforcegraph.graph.backends import sqlcounts
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter

FILTERS = {
    "none": SanctionFilter(),
    "regulator at-synth-0": SanctionFilter(regulator="regulator:at-synth-0"),
    "jurisdiction EU": SanctionFilter(jurisdiction="EU"),
    "jurisdiction FR": SanctionFilter(jurisdiction="FR"),
    "since 2020-01-01": SanctionFilter(since="2020-01-01"),
    "EU, at today": SanctionFilter(jurisdiction="EU", at="today"),
}


def _timed(call: Any, repeats: int) -> dict[str, float]:
    walls, cpu0 = [], time.process_time()
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        walls.append((time.perf_counter() - began) * 1000)
    walls.sort()
    return {"p50_ms": statistics.median(walls),
            "p99_ms": walls[min(len(walls) - 1, int(len(walls) * 0.99))],
            "cpu_ms": (time.process_time() - cpu0) * 1000 / repeats}


def _filter(store: EmbeddedStore, flt: SanctionFilter, repeats: int,
            rng: random.Random) -> dict[str, Any]:
    tr = store.traversals()
    count = tr.count_sanctions_without_eu_establishment(flt)
    positions = sorted(rng.randrange(max(2, count // 2), max(3, count - 100))
                       for _ in range(repeats))
    keys = []
    for at in positions:
        tr.sanctions_without_eu_establishment(flt, 1, at - 1)
        assert tr.page_keys, "the kept rows must answer"
        keys.append(tr.page_keys[0])
    assert (tr.sanctions_without_eu_establishment(flt, 100, 0, keys[0])
            == tr.sanctions_without_eu_establishment(flt, 100, positions[0])), "seek != offset"
    first = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, 0), repeats)
    at_offset, at_key = list(positions), list(keys)
    by_offset = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, at_offset.pop()),
                       repeats)
    by_key = _timed(lambda: tr.sanctions_without_eu_establishment(flt, 100, 0, at_key.pop()),
                    repeats)
    sql, params = sqlcounts.page_sql(flt, False, keys[0])
    plan = [str(row[-1]) for row in store._query(
        "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 100, "offset": 0})]  # type: ignore[arg-type]
    print(f"{flt}: {count} rows; first page p50 {first['p50_ms']:.1f} p99 {first['p99_ms']:.1f} "
          f"ms; positions {positions[0]}..{positions[-1]}: by offset p50 "
          f"{by_offset['p50_ms']:.1f} p99 {by_offset['p99_ms']:.1f} ms (CPU "
          f"{by_offset['cpu_ms']:.1f}); by keyset p50 {by_key['p50_ms']:.1f} p99 "
          f"{by_key['p99_ms']:.1f} ms (CPU {by_key['cpu_ms']:.1f}); plan {plan}", flush=True)
    return {"rows": count, "positions": positions, "first_page": first, "by_offset": by_offset,
            "by_keyset": by_key, "seek_plan": plan}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    store = EmbeddedStore(args.store, read_only=True, query_timeout=None)
    rng = random.Random(7)
    found = {name: _filter(store, flt, args.repeats, rng) for name, flt in FILTERS.items()}
    store.close()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(found, indent=1), "utf-8")


if __name__ == "__main__":
    main()
