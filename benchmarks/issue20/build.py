"""Build an N-firm store: synthetic batches through EmbeddedStore.upsert, the full-text
triggers dropped on the loading connection (they slow each batch down as the index grows),
the full-text index then built in bulk on the next writable open; then time the headline
count right after the load (kept) against the catalogue's full SQL count.

    python benchmarks/issue20/build.py FIRMS STORE.sqlite [HOW_MANY_FULL_COUNTS]
"""

import sys
import time
from datetime import date
from pathlib import Path

from enforcegraph.graph.backends import sqltraversals
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import SanctionFilter
from enforcegraph.graph.synth import SynthConfig, synth_batches

path = Path(sys.argv[2])
firms = int(sys.argv[1])
s = EmbeddedStore(path)
for t in ("fulltext_insert", "fulltext_update", "fulltext_delete"):
    s._conn.execute(f"DROP TRIGGER IF EXISTS {t}")
n = 0
t0 = time.time()
c0 = time.process_time()
for b in synth_batches(SynthConfig(firms=firms)):
    s.upsert(b)
    n += len(b.nodes) + len(b.relationships)
    print(f"{n} records, {time.time() - t0:.0f} s", flush=True)
wall, cpu = time.time() - t0, time.process_time() - c0
print(
    f"LOAD {n} records in {wall:.1f} s wall, {cpu:.1f} s CPU: {n / wall:.0f}/s wall, {n / cpu:.0f}/s CPU",
    flush=True,
)
tr = s.traversals()
filters = (
    SanctionFilter(),
    SanctionFilter(since="2020-01-01"),
    SanctionFilter(regulator="regulator:at-synth-0"),
    SanctionFilter(jurisdiction="EU", at="today"),
)
kept = {}
for flt in filters:  # the kept counts first, right after the load
    ts = []
    for _i in range(10):
        a = time.perf_counter()
        kept[flt] = tr.count_sanctions_without_eu_establishment(flt)
        ts.append((time.perf_counter() - a) * 1000)
    ts.sort()
    print(f"KEPT {flt}: {kept[flt]} p50 {ts[5]:.2f} ms max {ts[-1]:.2f} ms", flush=True)
for flt in filters[: int(sys.argv[3]) if len(sys.argv) > 3 else None]:  # then the full ones
    a = time.perf_counter()
    sql, params = sqltraversals.count_sql(
        flt, date.today().isoformat(), tr._few_candidates(flt, None), False
    )
    full = int(s._query(sql, params)[0][0])
    f_ms = (time.perf_counter() - a) * 1000
    print(f"FULL {flt}: {full} {f_ms:.0f} ms; equal {kept[flt] == full}", flush=True)
s._conn.execute("DELETE FROM meta WHERE key = 'fulltext'")
s.close()
t0 = time.time()
EmbeddedStore(path).close()
print(f"FULLTEXT bulk build {time.time() - t0:.1f} s", flush=True)
