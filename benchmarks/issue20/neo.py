"""Neo4j at N firms: load through Neo4jStore.upsert (kept counts in step), then the
headline count kept against the catalogue's full Cypher count, and the first page.

    python -m benchmarks.issue20.neo FIRMS
"""

import sys
import time

from benchmarks.issue20.neocommon import load, plan_lines, test_server_store
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.synth import SynthConfig, synth_batches

firms = int(sys.argv[1])
with test_server_store() as store:
    n, wall, _cpu = load(store, synth_batches(SynthConfig(firms=firms, chunk_firms=2000)))
    print(f"LOAD {n} records in {wall:.1f} s: {n / wall:.0f}/s", flush=True)
    tr = store.traversals()
    for flt in (
        SanctionFilter(),
        SanctionFilter(since="2020-01-01"),
        SanctionFilter(jurisdiction="EU"),
    ):
        ts = []
        for _i in range(10):
            a = time.perf_counter()
            k = tr.count_sanctions_without_eu_establishment(flt)
            ts.append((time.perf_counter() - a) * 1000)
        ts.sort()
        a = time.perf_counter()
        full = tr._full_count(flt, False)
        f_ms = (time.perf_counter() - a) * 1000
        print(
            f"COUNT {flt}: kept {k} p50 {ts[5]:.1f} ms; full Cypher {full} {f_ms:.0f} ms; equal {k == full}",
            flush=True,
        )
    ts = []
    for _i in range(10):
        a = time.perf_counter()
        tr.sanctions_without_eu_establishment(limit=100)
        ts.append((time.perf_counter() - a) * 1000)
    ts.sort()
    print(f"PAGE p50 {ts[5]:.0f} ms", flush=True)
    with store._driver.session() as session:
        for r in session.run(
            "SHOW INDEXES YIELD name, labelsOrTypes, properties WHERE name STARTS WITH 'headline_row' RETURN name, labelsOrTypes, properties"
        ):
            print("INDEX", dict(r), flush=True)
        plan = (
            session.run(
                "PROFILE MATCH (h:EnforcegraphHeadlineRow) WHERE h.first = true AND h.kind_dt = $kind RETURN count(h) AS count",
                kind=1,
            )
            .consume()
            .profile
        )

        for line in plan_lines(plan):
            print("PLAN", line, flush=True)
