"""CPU and wall milliseconds per request kind of the query mix (benchmarks/mix.py), in
process (no HTTP), the first ``--per-kind`` requests of each kind, p50 / p99 / max, with
the slowest of each; then the worst cases on purpose: the regulator with the most
relationships (``node`` and a depth-2 neighbourhood through it), searches for words
most of the graph holds and one- and two-letter prefixes, catalogue pages filtered by a
rare and a common value after 2,000 rows, and headline pages of a rare jurisdiction.

    PYTHONPATH=. python benchmarks/issue20/perkind.py STORE.sqlite [--per-kind 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.mix import generate
from benchmarks.stats import percentile
from enforcegraph.api.context import make_context
from enforcegraph.api.pagination import encode_cursor
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings

HUB_NODE = ("query N($id: ID!) { node(id: $id) { id label name sourceUrls "
            "relationships { type fromId toId } } }")
HUB_WALK = ("query Nb($id: ID!, $d: Int!, $k: Int) { neighbourhood(id: $id, depth: $d, "
            "limitPerNode: $k) { truncated nodes { id label name } relationships { type } } }")
SEARCH = ("query S($t: String!, $n: Int) { search(text: $t, first: $n) "
          "{ totalCount totalCountCapped nodes { id label name } } }")
COMPANIES = ("query C($f: CompanyFilter, $a: String) { companies(filter: $f, first: 50, after: $a) "
             "{ totalCount nodes { id name country } } }")
DECISIONS = ("query D($f: DecisionFilter, $a: String) { decisions(filter: $f, first: 50, after: $a) "
             "{ totalCount nodes { id date kind } } }")
HEADLINE = ("query H($f: SanctionsFilter, $a: String) { sanctionsWithoutEuEstablishment(filter: $f, "
            "first: 25, after: $a) { totalCount edges { node { sanction { id } firm { id } } } } }")


def _hub(db: Path) -> str:
    """The regulator with the most ISSUED relationships."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return str(conn.execute(
            "SELECT start FROM rels WHERE type = 'ISSUED' GROUP BY start "
            "ORDER BY count(*) DESC LIMIT 1").fetchone()[0])
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--per-kind", type=int, default=100)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    settings = Settings(db=args.db, response_cache_bytes=0)
    store = EmbeddedStore(args.db, read_only=True)
    schema = build_schema(settings)
    loop = asyncio.new_event_loop()

    def run(query: str, variables: dict[str, Any]) -> tuple[float, float, Any]:
        cpu, wall = time.process_time(), time.perf_counter()
        result = loop.run_until_complete(schema.execute(
            query, variable_values=variables, context_value=make_context(settings, store)))
        return ((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, result)

    cpu: dict[str, list[float]] = defaultdict(list)
    wall: dict[str, list[float]] = defaultdict(list)
    worst: dict[str, tuple[float, Any, bool]] = {}
    for kind, method, _path, body in generate(args.db, 10_000):
        if method != "POST" or len(cpu[kind]) >= args.per_kind:
            continue
        asked = json.loads(body)
        ms, wall_ms, result = run(asked["query"], asked["variables"])
        cpu[kind].append(ms)
        wall[kind].append(wall_ms)
        if ms > worst.get(kind, (0.0, None, False))[0]:
            worst[kind] = (ms, asked["variables"], bool(result.errors))
    out: dict[str, Any] = {"per_kind": {}, "worst_cases": {}}
    for kind in cpu:
        c, w = sorted(cpu[kind]), sorted(wall[kind])
        row = {"n": len(c), "cpu_p50": percentile(c, 0.5), "cpu_p99": percentile(c, 0.99),
               "cpu_max": c[-1], "wall_p50": percentile(w, 0.5), "wall_p99": percentile(w, 0.99),
               "worst": worst[kind][1], "errors_in_worst": worst[kind][2]}
        out["per_kind"][kind] = row
        print(f"{kind:13} n {row['n']:3}  CPU ms p50 {row['cpu_p50']:6.1f} p99 {row['cpu_p99']:6.1f} "
              f"max {row['cpu_max']:6.1f}  wall p50 {row['wall_p50']:6.1f} p99 {row['wall_p99']:6.1f}"
              f"  worst {worst[kind][1]}", flush=True)
    hub = _hub(args.db)
    far = encode_cursor(2000)
    cases = [(f"node {hub}", HUB_NODE, {"id": hub}),
             (f"neighbourhood {hub} depth 2, 20 per node", HUB_WALK, {"id": hub, "d": 2, "k": 20}),
             ("companies country US after 2,000", COMPANIES, {"f": {"country": {"eq": "US"}}, "a": far}),
             ("companies country FR after 2,000", COMPANIES, {"f": {"country": {"eq": "FR"}}, "a": far}),
             ("decisions date >= 2017 after 2,000", DECISIONS,
              {"f": {"date": {"gte": "2017-01-01"}}, "a": far}),
             ("decisions date <= 2018-01-31 after 2,000", DECISIONS,
              {"f": {"date": {"lte": "2018-01-31"}}, "a": far}),
             ("headline jurisdiction PL after 450", HEADLINE,
              {"f": {"jurisdiction": "PL"}, "a": encode_cursor(450)}),
             ("headline jurisdiction US after 450", HEADLINE,
              {"f": {"jurisdiction": "US"}, "a": encode_cursor(450)}),
             *[(f"search {t!r}", SEARCH, {"t": t, "n": 20})
               for t in ("s", "sy", "synthetic", "synthetic firm", "firm", "synthetic firm 4242")]]
    for name, query, variables in cases:
        runs = [run(query, variables) for _ in range(5)]
        best = min(r[0] for r in runs)
        data = runs[-1][2].data or {}
        note = ""
        listed = next((v for k, v in data.items() if k != "search" and isinstance(v, dict)
                       and "totalCount" in v), None)
        if listed is not None:
            note = f"totalCount {listed['totalCount']}"
        elif "search" in data:
            note = (f"totalCount {data['search']['totalCount']} capped "
                    f"{data['search']['totalCountCapped']}")
        elif "neighbourhood" in data:
            hood = data["neighbourhood"]
            note = f"{len(hood['nodes'])} nodes, truncated {hood['truncated']}"
        elif "node" in data:
            note = f"{len(data['node']['relationships'])} relationships"
        out["worst_cases"][name] = {"cpu_min": best, "cpu_max": max(r[0] for r in runs),
                                    "wall_max": max(r[1] for r in runs), "answer": note,
                                    "errors": bool(runs[-1][2].errors)}
        print(f"{name:45} CPU ms {best:6.1f}-{max(r[0] for r in runs):6.1f}  wall max "
              f"{max(r[1] for r in runs):6.1f}  {note}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
