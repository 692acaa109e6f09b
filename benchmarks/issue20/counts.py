"""Open a store for writing (the kept rows are built once if their layout changed), then
time the headline count for four filters and the first page of two, read-only.

    python benchmarks/issue20/counts.py STORE.sqlite
"""

import sys
import time

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter

t0 = time.time()
s = EmbeddedStore(sys.argv[1])
print(f"OPEN (kept rows rebuilt if their layout changed) {time.time() - t0:.1f} s", flush=True)
s.close()
s = EmbeddedStore(sys.argv[1], read_only=True)
tr = s.traversals()
for flt in (
    SanctionFilter(),
    SanctionFilter(since="2020-01-01"),
    SanctionFilter(regulator="regulator:at-synth-0"),
    SanctionFilter(jurisdiction="EU", at="today"),
):
    ts = []
    cs = []
    for _i in range(20):
        a = time.perf_counter()
        c = time.process_time()
        k = tr.count_sanctions_without_eu_establishment(flt)
        ts.append((time.perf_counter() - a) * 1000)
        cs.append((time.process_time() - c) * 1000)
    ts.sort()
    cs.sort()
    print(
        f"COUNT {flt}: {k} p50 {ts[10]:.2f} ms (CPU {cs[10]:.2f}) max {ts[-1]:.2f} ms", flush=True
    )
for flt in (SanctionFilter(), SanctionFilter(regulator="regulator:at-synth-0")):
    ts = []
    cs = []
    for _i in range(20):
        a = time.perf_counter()
        c = time.process_time()
        tr.sanctions_without_eu_establishment(flt, 100, 0)
        ts.append((time.perf_counter() - a) * 1000)
        cs.append((time.process_time() - c) * 1000)
    ts.sort()
    cs.sort()
    print(f"PAGE {flt}: p50 {ts[10]:.2f} ms (CPU {cs[10]:.2f}) p99 {ts[-1]:.2f} ms", flush=True)
