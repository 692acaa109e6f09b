"""CPU milliseconds per request kind of the query mix (benchmarks/mix.py), in process, 25
requests of each kind, with the slowest of each.

    PYTHONPATH=. python benchmarks/issue20/perkind.py STORE.sqlite
"""

import asyncio
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.mix import generate
from enforcegraph.api.context import make_context
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings

db = Path(sys.argv[1])
reqs = generate(db, 10000)
settings = Settings(db=db, response_cache_bytes=0)
store = EmbeddedStore(db, read_only=True)
schema = build_schema(settings)
loop = asyncio.new_event_loop()
per = defaultdict(list)
worst = {}
done = defaultdict(int)
for kind, m, _p, b in reqs:
    if m != "POST" or done[kind] >= 25:
        continue
    done[kind] += 1
    body = json.loads(b)
    c = time.process_time()
    r = loop.run_until_complete(
        schema.execute(
            body["query"],
            variable_values=body["variables"],
            context_value=make_context(settings, store),
        )
    )
    ms = (time.process_time() - c) * 1000
    per[kind].append(ms)
    if ms > worst.get(kind, (0,))[0]:
        worst[kind] = (ms, body["variables"], bool(r.errors))
for kind, v in per.items():
    v.sort()
    print(
        f"{kind}: n {len(v)} CPU ms p50 {v[len(v) // 2]:.1f} max {v[-1]:.1f}; worst {worst[kind]}"
    )
