"""Open a store for writing (the kept rows are built once if their layout changed), then
time, read-only, the headline count for several filters (dates within and across months),
the first page of two, and typed lists' filtered ``count`` (kept by value, and capped);
each the median of 20 calls, wall and CPU, with the full count beside it once.

    python benchmarks/issue20/counts.py STORE.sqlite [--full N]

``--full N``: the full counts of the first N headline filters only (default: all).
"""

import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from enforcegraph.api.pagination import COUNT_CAP
from enforcegraph.graph.backends import sqltraversals
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.store.base import PropertyFilter

full = int(sys.argv[sys.argv.index("--full") + 1]) if "--full" in sys.argv else 99


def timed(call: Callable[[], Any], times: int = 20) -> tuple[Any, float, float, float]:
    """The answer, p50 wall ms, p50 CPU ms, max wall ms."""
    walls, cpus = [], []
    answer = None
    for _ in range(times):
        a, c = time.perf_counter(), time.process_time()
        answer = call()
        walls.append((time.perf_counter() - a) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    walls.sort()
    cpus.sort()
    return answer, walls[times // 2], cpus[times // 2], walls[-1]


t0, c0 = time.time(), time.process_time()
s = EmbeddedStore(sys.argv[1])
print(f"OPEN (kept rows rebuilt if their layout changed) {time.time() - t0:.1f} s wall, "
      f"{time.process_time() - c0:.1f} s CPU", flush=True)
s.close()
s = EmbeddedStore(sys.argv[1], read_only=True, query_timeout=None)
tr = s.traversals()
for number, flt in enumerate((
    SanctionFilter(),
    SanctionFilter(since="2020-01-01"),
    SanctionFilter(since="2020-03-15", until="2023-07-04"),
    SanctionFilter(since="2021-05-02", until="2021-05-30"),
    SanctionFilter(until="2019-12-31", at="today"),
    SanctionFilter(regulator="regulator:at-synth-0", since="2022-02-14"),
    SanctionFilter(jurisdiction="EU", since="2019-06-01", until="2024-06-30"),
    SanctionFilter(regulator="regulator:at-synth-0"),
    SanctionFilter(jurisdiction="EU", at="today"),
)):
    k, p50, cpu, top = timed(lambda flt=flt: tr.count_sanctions_without_eu_establishment(flt))
    line = f"COUNT {flt}: {k} p50 {p50:.2f} ms (CPU {cpu:.2f}) max {top:.2f} ms"
    if number < full:
        sql, params = sqltraversals.count_sql(flt, date.today().isoformat(), False, False)
        a = time.perf_counter()
        whole = int(s._query(sql, params)[0][0])
        line += f"; full SQL {whole} in {(time.perf_counter() - a) * 1000:.0f} ms, same {whole == k}"
    print(line, flush=True)
for flt in (SanctionFilter(), SanctionFilter(regulator="regulator:at-synth-0")):
    _, p50, cpu, top = timed(lambda flt=flt: tr.sanctions_without_eu_establishment(flt, 100, 0))
    print(f"PAGE {flt}: p50 {p50:.2f} ms (CPU {cpu:.2f}) max {top:.2f} ms", flush=True)
lists = (
    ("Company", [PropertyFilter("country", "eq", "FR")]),
    ("Company", [PropertyFilter("country", "in", ["DE", "US", "GB"])]),
    ("Decision", [PropertyFilter("date", "gte", "2021-01-01"), PropertyFilter("date", "lte", "2021-12-31")]),
    ("Decision", [PropertyFilter("kind", "eq", "fine_decision")]),
    ("Sanction", [PropertyFilter("currency", "ne", "EUR")]),
    ("Company", [PropertyFilter("country", "eq", "FR"), PropertyFilter("name", "contains", "firm")]),
    ("Company", [PropertyFilter("name", "contains", "zzz-none")]),
)
for label, filters in lists:
    (n, capped), p50, cpu, top = timed(lambda label=label, filters=filters:
                                       s.count_at_most(label, filters, COUNT_CAP), times=5)
    text = " AND ".join(f"{f.property} {f.op} {f.value}" for f in filters)
    line = (f"LIST COUNT {label} {text}: {n}{' capped' if capped else ''} p50 {p50:.2f} ms "
            f"(CPU {cpu:.2f}) max {top:.2f} ms")
    if full:  # a scan of one label
        where, params = s._where(label, filters)
        a, c = time.perf_counter(), time.process_time()
        whole = int(s._query(f"SELECT count(*) FROM nodes WHERE {where}", params)[0][0])
        line += (f"; full SQL {whole} in {(time.perf_counter() - a) * 1000:.0f} ms "
                 f"(CPU {(time.process_time() - c) * 1000:.0f})")
    print(line, flush=True)
