"""Neo4j catalogue pages (``find``, companies by id) at deep positions: offset vs keyset.

    python -m benchmarks.issue20.neofind URI [--repeats 15] [--out F]

Against a running, loaded Neo4j (benchmarks/issue20/neoload.py): the first page of 101
companies by id (ascending and descending), then pages of 101 at ``repeats`` random
positions in the second half, by offset (SKIP) and by keyset seek from the key of the node
before (read beforehand, untimed); p50/p99 wall; the PROFILE of the first page and of a seek.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from benchmarks.issue20.neopage import _plan, _timed
from enforcegraph.graph.backends import cypher
from enforcegraph.graph.backends.neo4j import Neo4jStore


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("uri")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    store = Neo4jStore(args.uri)
    total = store.count("Company")
    rng = random.Random(3)
    positions = sorted(rng.randrange(total // 2, total - 101) for _ in range(args.repeats))
    keys = [store.sort_key(store.find("Company", limit=1, offset=at - 1)[0]) for at in positions]
    assert store.find("Company", limit=101, after=keys[0]) == store.find(
        "Company", limit=101, offset=positions[0]), "seek != offset"
    found: dict[str, Any] = {"companies": total, "positions": positions}
    found["first_page"] = _timed(lambda: store.find("Company", limit=101), args.repeats, None)
    found["first_page_desc"] = _timed(lambda: store.find("Company", limit=101, descending=True),
                                      args.repeats, None)
    at_offset, at_key = list(positions), list(keys)
    found["by_offset"] = _timed(lambda: store.find("Company", limit=101, offset=at_offset.pop()),
                                args.repeats, None)
    found["by_keyset"] = _timed(lambda: store.find("Company", limit=101, after=at_key.pop()),
                                args.repeats, None)
    with store._driver.session(database=store.database) as session:
        for name, after in (("first_page", None), ("seek", keys[0])):
            query, params = cypher.find_nodes(store.model, "Company", [], "id", False, 101, 0, after)
            found[f"plan_{name}"] = _plan(session.run("PROFILE " + query, params).consume().profile or {})
    store.close()
    for name in ("first_page", "first_page_desc", "by_offset", "by_keyset"):
        print(f"{name}: p50 {found[name]['p50_ms']:.1f} p99 {found[name]['p99_ms']:.1f} ms", flush=True)
    for name in ("plan_first_page", "plan_seek"):
        print(name, *found[name], sep="\n    ", flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(found, indent=1), "utf-8")


if __name__ == "__main__":
    main()
