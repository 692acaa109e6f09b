"""One GraphQL request in process, without HTTP: the API against the bare strawberry floor.

    python -m benchmarks.inprocess --db /tmp/100k.sqlite [--repeats 200] [--profile]
        [--gc-default] [--in-flight 32] [--store-threads]

Executes the benchmark's headline page (100 rows) and ``node(id)`` with the API's schema
and a fresh context per request, as a worker does (no response cache: that sits in the
ASGI middleware), and the same query texts against ``benchmarks/floor_app.py`` fed the
same rows; prints the CPU milliseconds per request (median, p99) of each and, with
``--profile``, cProfile's functions by own time for the headline page. ``--in-flight N``
also runs N requests at a time (as a worker with N clients does: the GIL and the event
loop shared), five rounds, CPU milliseconds per request of each round; ``--store-threads``
sends every store read to a store thread (as before reads ran inline), to compare.

The process is set up as a server's: the CLI imported (what ``enforcegraph serve``
holds in memory), then the garbage collector tuned as a serving process tunes it
(``api.app.settle_heap``; ``--gc-default`` leaves Python's defaults). The store's kept
headline rows must be of the running code's layout: a store written by older code is
read the slow way until it is opened once for writing (a warning says so).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import time
from pathlib import Path
from typing import Any

from benchmarks.graphql_load import HEADLINE_QUERY, NODE_QUERY
from benchmarks.stats import percentile

__all__ = ["IN_FLIGHT_REQUESTS", "measure"]

# requests per round of --in-flight, per query
IN_FLIGHT_REQUESTS = {"headline": 640, "node": 6400}


def _timed(execute: Any, query: str, variables: list[dict[str, Any]], repeats: int) -> list[float]:
    """CPU milliseconds of the process (every thread) for each of ``repeats`` executions,
    after 10 not timed: on a shared machine, wall time measures the neighbours."""
    loop = asyncio.new_event_loop()
    try:
        for i in range(10):
            result = loop.run_until_complete(execute(query, variables[i % len(variables)]))
            assert not result.errors, result.errors
        times = []
        for i in range(repeats):
            started = time.process_time()
            loop.run_until_complete(execute(query, variables[i % len(variables)]))
            times.append((time.process_time() - started) * 1000)
        return times
    finally:
        loop.close()


def _in_flight(execute: Any, query: str, variables: list[dict[str, Any]], at_once: int,
               rounds: int = 5, per_round: int = 640) -> list[float]:
    """CPU milliseconds per request with ``at_once`` requests executing together, per round."""

    async def run() -> list[float]:
        async def batch(start: int) -> None:
            done = await asyncio.gather(*(execute(query, variables[(start + i) % len(variables)])
                                          for i in range(at_once)))
            assert not any(r.errors for r in done), done
        for start in range(0, per_round // 4, at_once):  # warm-up
            await batch(start)
        found = []
        for _ in range(rounds):
            started, count = time.process_time(), 0
            while count < per_round:
                await batch(count)
                count += at_once
            found.append((time.process_time() - started) * 1000 / count)
        return found

    return asyncio.run(run())


def measure(db: Path, repeats: int = 200, profile: bool = False,
            settle: bool = False, in_flight: int = 0,
            store_threads: bool = False) -> dict[str, Any]:
    """Per request ms (p50, p99) of the API and the floor, in this process (and under
    "means", the mean of each; under "in_flight", the API's CPU ms a request per round with
    ``in_flight`` requests at a time); ``settle``: tune the collector as a server does (for
    good: only in a process of its own); ``store_threads``: no store read inline."""
    import os
    import sys

    import enforcegraph.graph.cli  # noqa: F401  (the heap of `enforcegraph serve`)
    from enforcegraph.api import dataloaders, traversal_fields
    from enforcegraph.api.app import settle_heap
    from enforcegraph.api.context import make_context
    from enforcegraph.api.schema import build_schema
    from enforcegraph.graph.backends.embedded import EmbeddedStore
    from enforcegraph.graph.domain.traversals import SanctionFilter
    from enforcegraph.graph.settings import Settings

    settings = Settings(db=db, response_cache_bytes=0)
    store = EmbeddedStore(db, read_only=True)
    if not store.kept_counts(SanctionFilter()):
        print(f"warning: the kept headline rows of {db} are not of this code's layout: pages "
              "are read the slow way (open the store once for writing)", file=sys.stderr)
    schema = build_schema(settings)

    async def api(query: str, variables: dict[str, Any]) -> Any:
        return await schema.execute(query, variable_values=variables,
                                    context_value=make_context(settings, store))

    ids = [n.id for n in store.find("Company", limit=1000)]
    page = store.traversals().sanctions_without_eu_establishment(limit=100)
    os.environ.pop("BENCH_FLOOR_DATA", None)
    from benchmarks import floor_app

    nodes = store.get_many(ids)
    floor_app._DATA.update(
        nodes={i: {"label": n.label, "name": n.display_name} for i, n in nodes.items()},
        page=[{k: r[k] for k in ("sanction", "decision", "firm", "regulator")} for r in page],
    )

    async def floor(query: str, variables: dict[str, Any]) -> Any:
        return await floor_app.schema.execute(query, variable_values=variables)

    async def on_thread(store: Any, func: Any) -> Any:  # as before reads ran inline
        return await dataloaders.in_thread(func)

    by_id: list[dict[str, Any]] = [{"id": i} for i in ids]
    cases: list[tuple[str, str, list[dict[str, Any]]]] = [
        ("headline", HEADLINE_QUERY, [{}]), ("node", NODE_QUERY, by_id)]
    originals = {module: module.bounded for module in (dataloaders, traversal_fields)}
    if store_threads:
        for module in originals:
            setattr(module, "bounded", on_thread)  # noqa: B010  (a benchmark's switch)
    if settle:
        settle_heap()
    out: dict[str, Any] = {"means": {}, "in_flight": {}}
    try:
        for name, query, variables in cases:
            for side, execute in (("api", api), ("floor", floor)):
                times = _timed(execute, query, variables, repeats)
                out[f"{name} {side}"] = (percentile(times, 0.5), percentile(times, 0.99))
                out["means"][f"{name} {side}"] = sum(times) / len(times)
        if in_flight:
            for name, query, variables in cases:
                out["in_flight"][name] = _in_flight(api, query, variables, in_flight, 5,
                                                    IN_FLIGHT_REQUESTS[name])
        if profile:
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            _timed(api, HEADLINE_QUERY, [{}], max(20, repeats // 4))
            profiler.disable()
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
            out["profile"] = text.getvalue()
    finally:
        for module, original in originals.items():
            setattr(module, "bounded", original)  # noqa: B010
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the in-process figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="an embedded store file")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--gc-default", action="store_true",
                        help="leave the garbage collector as Python sets it")
    parser.add_argument("--in-flight", type=int, default=0,
                        help="also run this many requests at a time (CPU ms a request)")
    parser.add_argument("--store-threads", action="store_true",
                        help="every store read on a store thread (none inline)")
    args = parser.parse_args(argv)
    found = measure(args.db, args.repeats, args.profile, settle=not args.gc_default,
                    in_flight=args.in_flight, store_threads=args.store_threads)
    for name, rounds in found["in_flight"].items():
        print(f"{name} api, {args.in_flight} in flight: CPU ms a request per round "
              + ", ".join(f"{r:.2f}" for r in rounds))
    for key, value in found.items():
        if key not in ("profile", "means", "in_flight"):
            print(f"{key}: p50 {value[0]:.2f} ms, p99 {value[1]:.2f} ms, "
                  f"mean {found['means'][key]:.2f} ms")
    if "profile" in found:
        print(found["profile"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
