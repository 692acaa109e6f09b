"""Neo4j at N firms (the test server): load through Neo4jStore.upsert (every kept count in
step), then typed lists' filtered ``count``: kept by value against the full Cypher count
(each the median of 10 calls, wall and CPU), a capped count, and the PROFILE of a kept one.

    python -m benchmarks.issue20.neocounts FIRMS
"""

import sys
import time

from benchmarks.issue20.neocommon import load, plan_lines, test_server_store
from enforcegraph.api.pagination import COUNT_CAP
from enforcegraph.graph.backends import cypher
from enforcegraph.graph.store.base import PropertyFilter
from enforcegraph.graph.synth import SynthConfig, synth_batches

firms = int(sys.argv[1])
with test_server_store() as store:
    n, wall, cpu = load(store, synth_batches(SynthConfig(firms=firms, chunk_firms=2000)))
    print(f"LOAD {n} records in {wall:.1f} s wall ({n / wall:.0f}/s), "
          f"{cpu:.1f} s client CPU", flush=True)
    lists = (
        ("Company", [PropertyFilter("country", "eq", "FR")]),
        ("Company", [PropertyFilter("country", "in", ["DE", "US", "GB"])]),
        ("Decision", [PropertyFilter("date", "gte", "2021-01-01"),
                      PropertyFilter("date", "lte", "2021-12-31")]),
        ("Decision", [PropertyFilter("kind", "eq", "fine_decision")]),
        ("Sanction", [PropertyFilter("currency", "ne", "EUR")]),
        ("Company", [PropertyFilter("country", "eq", "FR"), PropertyFilter("name", "contains", "firm")]),
    )
    for label, filters in lists:
        walls, cpus = [], []
        for _ in range(10):
            a, c = time.perf_counter(), time.process_time()
            found, capped = store.count_at_most(label, filters, COUNT_CAP)
            walls.append((time.perf_counter() - a) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        walls.sort()
        cpus.sort()
        query, params = cypher.count_nodes(store.model, label, filters)
        a = time.perf_counter()
        full = int(store._read(query, **params)[0]["count"])
        f_ms = (time.perf_counter() - a) * 1000
        text = " AND ".join(f"{f.property} {f.op} {f.value}" for f in filters)
        print(f"LIST COUNT {label} {text}: {found}{' capped' if capped else ''} p50 "
              f"{walls[5]:.1f} ms (client CPU {cpus[5]:.1f}); full Cypher {full} {f_ms:.0f} ms; "
              f"equal {found == full}", flush=True)
    query, params = cypher.count_values(store.model, "Company",
                                        [PropertyFilter("country", "eq", "FR")])
    with store._driver.session() as session:
        summary = session.run("PROFILE " + query, **params).consume()
        for line in plan_lines(summary.profile):
            print("PLAN", line, flush=True)
