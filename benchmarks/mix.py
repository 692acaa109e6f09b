"""A realistic query mix, replayed at 1, 8 and 32 clients against the framework floor.

    python -m benchmarks.mix --db /tmp/100k.sqlite [--requests 10000] [--duration 30]
    python -m benchmarks.mix --db ... --clients 1,8,32 --out benchmarks/results/mix/100k.json

Generates ``--requests`` distinct request bodies (no body repeated) shaped like an
investigative tool's use of the API, from ids, names and dates drawn at random from the
store: search (type-ahead prefixes of real names), ``node`` with its relationships,
neighbourhoods, enforcement histories, catalogue pages with varied filters, sizes and
cursors, the headline with and without filters (and its ``totalCount``), and now and then
an export of a subgraph. ``enforcegraph serve`` (2 workers, the response cache off, so
every request executes) then answers them through ``wrk`` at each client count for
``--duration`` seconds, each connection taking the bodies in turn from its own place in
the list, so no body is sent twice in one run. A request counts as an error unless it is
answered 200 without GraphQL ``errors``.

Then, on the same servers, the headline page of 100 and ``node(id)`` (the two queries of
benchmarks/graphql_load.py, the floor answering the same texts) at the largest client count.

The floor, in the same run and with the same client: ``benchmarks/floor_app.py`` (bare
strawberry on a dict, the same uvicorn settings) answering one distinct ``node(id)``
request per request: what the framework and the HTTP stack cost per request, with no
work behind it. Each run also gives the CPU seconds the server's processes used (the
machine may be shared: CPU per request does not queue behind the neighbours).

Reads during writes:

    python -m benchmarks.mix --db COPY_OF_100k.sqlite --write-after 100000 \
        --write-firms 1000000 --clients 32 --duration 60 --out .../during-1m.json

loads the next 1,000,000 synthetic firms (``enforcegraph synth``'s firms 100,000 to
1,099,999, 2,000 a transaction, through ``EmbeddedStore.upsert``, the normal write path)
from another process while the mix replays at the largest client count in windows of
``--duration`` seconds until the load ends; per window: requests/s, p50, p99, errors; per
transaction of the writer: records/s, and how long it held the write lock. Without
``--write-firms`` the writer runs while each client count is replayed once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.graphql_load import HEADLINE_QUERY, NODE_QUERY, run_wrk, serve

__all__ = ["KINDS", "generate", "main", "replay"]

# kind -> share of the requests (percent)
KINDS = {"search": 22, "node": 22, "neighbourhood": 9, "history": 9, "catalogue": 24,
         "headline": 13, "export": 1}
YEARS = [str(y) for y in range(2017, 2026)]
CATALOGUES = {
    "decisions": ("DecisionFilter", "id date kind"),
    "companies": ("CompanyFilter", "id name country"),
    "sanctions": ("SanctionFilter", "id kind amount currency"),
    "regulators": ("RegulatorFilter", "id name country"),
}
COUNTRIES = ["US", "IE", "CN", "GB", "FR", "DE", "NL", "IT", "ES", "SE", "PL", "CH"]


def _gql(query: str, variables: dict[str, Any]) -> str:
    return json.dumps({"query": query, "variables": variables}, sort_keys=True)


def _sample(db: Path, rng: random.Random, per_label: int = 1500) -> dict[str, list[Any]]:
    """Ids (and firm names) drawn at random from the store."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found: dict[str, list[Any]] = {}
        for label in ("Company", "Decision", "Sanction", "Regulator", "Person"):
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM nodes WHERE label = ? ORDER BY random() LIMIT ?", (label, per_label))]
            found[label] = ids
        found["names"] = [r[0] for r in conn.execute(
            "SELECT json_extract(props, '$.name') FROM nodes WHERE label = 'Company' "
            "ORDER BY random() LIMIT ?", (per_label * 4,)) if r[0]]
    finally:
        conn.close()
    return found


def _cursor(offset: int) -> str:
    from enforcegraph.api.pagination import encode_cursor

    return encode_cursor(offset)


def _request(kind: str, ids: dict[str, list[Any]], rng: random.Random) -> tuple[str, str, str]:
    """(method, path, body) of one request of ``kind``."""
    def any_id() -> str:
        return str(rng.choice(ids[rng.choice(["Company", "Company", "Decision", "Sanction",
                                               "Regulator", "Person"])]))

    if kind == "search":
        words = str(rng.choice(ids["names"])).split()
        cut = rng.randrange(len(words))  # the words typed so far, the last one in part
        last = words[cut][: rng.randint(1, len(words[cut]))]
        text = " ".join([*words[:cut], last]) if cut or len(last) > 1 else words[0]
        variables: dict[str, Any] = {"t": text, "n": rng.choice([5, 8, 10, 20])}
        if rng.random() < 0.2:
            variables["a"] = _cursor(rng.randrange(0, 100))
        return "POST", "/graphql", _gql(
            "query S($t: String!, $n: Int, $a: String) { search(text: $t, first: $n, after: $a) "
            "{ totalCount nodes { id label name } } }", variables)
    if kind == "node":
        return "POST", "/graphql", _gql(
            "query N($id: ID!) { node(id: $id) { id label name sourceUrls "
            "relationships { type fromId toId } } }", {"id": any_id()})
    if kind == "neighbourhood":
        return "POST", "/graphql", _gql(
            "query Nb($id: ID!, $d: Int!, $k: Int) { neighbourhood(id: $id, depth: $d, "
            "limitPerNode: $k) { truncated nodes { id label name } relationships { type } } }",
            {"id": any_id(), "d": rng.choice([1, 1, 2]), "k": rng.choice([5, 10, 20])})
    if kind == "history":
        return "POST", "/graphql", _gql(
            "query H($f: String!) { enforcementHistory(firm: $f) { id date kind status "
            "appeals { id } } }", {"f": str(rng.choice(ids["Company"]))})
    if kind == "catalogue":
        name = rng.choice(list(CATALOGUES))
        filter_type, fields = CATALOGUES[name]
        flt: dict[str, Any] | None = None
        if name == "decisions" and rng.random() < 0.7:
            year = rng.choice(YEARS)
            flt = rng.choice([{"date": {"gte": f"{year}-01-01"}}, {"date": {"lte": f"{year}-12-31"}}])
        elif name == "companies" and rng.random() < 0.7:
            flt = {"country": {"eq": rng.choice(COUNTRIES)}}
        variables = {"first": rng.choice([5, 10, 25, 50]), "filter": flt}
        if rng.random() < 0.5:
            variables["after"] = _cursor(rng.randrange(0, 2000))
        query = (f"query C($first: Int, $after: String, $filter: {filter_type}) {{ {name}("
                 f"first: $first, after: $after, filter: $filter) {{ totalCount pageInfo "
                 f"{{ hasNextPage endCursor }} nodes {{ {fields} }} }} }}")
        return "POST", "/graphql", _gql(query, variables)
    if kind == "headline":
        year = rng.choice(YEARS)
        flt = rng.choice([None, {"since": f"{year}-01-01"}, {"until": f"{year}-12-31"},
                          {"at": "TODAY"}, {"regulator": str(rng.choice(ids["Regulator"]))},
                          {"jurisdiction": rng.choice(["EU", *COUNTRIES])}])
        variables = {"f": flt, "n": rng.choice([10, 25, 50, 100])}
        if rng.random() < 0.4:
            variables["a"] = _cursor(rng.randrange(0, 500))
        return "POST", "/graphql", _gql(
            "query Hl($f: SanctionsFilter, $n: Int, $a: String) { sanctionsWithoutEuEstablishment("
            "filter: $f, first: $n, after: $a) { totalCount edges { node { sanction { id } "
            "decision { id date } firm { id name } regulator { id name } } } } }", variables)
    fmt = rng.choice(["json", "graphml", "gexf"])
    return "GET", f"/export/{fmt}?of={any_id()}&depth=1", ""


def generate(db: Path, count: int, seed: int = 20) -> list[tuple[str, str, str, str]]:
    """``count`` distinct requests ``(kind, method, path, body)``, kinds in :data:`KINDS`' shares."""
    rng = random.Random(seed)
    ids = _sample(db, rng)
    kinds, weights = list(KINDS), list(KINDS.values())
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, str, str]] = []
    tries = 0
    while len(out) < count:
        tries += 1
        if tries > count * 50:
            raise RuntimeError("the store is too small for that many distinct requests")
        kind = rng.choices(kinds, weights)[0]
        method, path, body = _request(kind, ids, rng)
        if (path, body) not in seen:
            seen.add((path, body))
            out.append((kind, method, path, body))
    return out


_LUA = r"""
local lines = {}
for line in io.lines("%(file)s") do lines[#lines + 1] = line end
local threads = {}
function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end
function init(args)
  errors = 0
  at = first * math.floor(#lines / %(threads)d)
end
request = function()
  at = at %% #lines + 1
  local method, path, body = lines[at]:match("^(%%u+)\t([^\t]*)\t(.*)$")
  if method == "GET" then
    return wrk.format("GET", path, {}, nil)
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status ~= 200 or (body and body:sub(1, 10) == '{"errors":') or
     (body and body:find('"errors":[', 1, true)) then
    errors = errors + 1
  end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write(string.format("MIX_ERRORS %%d\n", total))
end
"""


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (the server's workers),
    those of children that have exited included (their parent's cutime and cstime)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        here = todo.pop()
        try:
            fields = Path(f"/proc/{here}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / ticks
            for task in Path(f"/proc/{here}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def _wrk(port: int, requests: list[tuple[str, str, str, str]], clients: int, duration: float,
         work: Path, pid: int | None = None) -> dict[str, float]:
    """Replay ``requests`` through wrk: requests/s, p50, p99, errors (``pid``: and the CPU
    seconds that server used, per request in ms)."""
    from benchmarks.graphql_load import _parse_wrk

    threads = min(2, clients)
    data = work / f"mix-{port}-{clients}.txt"
    data.write_text("".join(f"{m}\t{p}\t{b}\n" for _, m, p, b in requests), "utf-8")
    script = work / f"mix-{port}-{clients}.lua"
    script.write_text(_LUA % {"file": data, "threads": threads}, "utf-8")
    cpu = _cpu_seconds(pid) if pid else 0.0
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{duration:g}s", "--latency",
         "--timeout", "30s", "-s", str(script), f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    ).stdout
    found = _parse_wrk(out)
    match = re.search(r"MIX_ERRORS (\d+)", out)
    found["errors"] = float(match.group(1)) if match else -1.0
    if pid:
        found["server_cpu_s"] = _cpu_seconds(pid) - cpu
        found["cpu_ms_per_request"] = found["server_cpu_s"] * 1000 / max(1.0, found["requests"])
    found["load_average"] = os.getloadavg()[0]
    return found


def _exact(port: int, requests: list[tuple[str, str, str, str]], duration: float,
           pid: int | None = None) -> dict[str, Any]:
    """Replay ``requests`` in turn on one keep-alive connection for ``duration`` seconds,
    timing each one: the requests' own p50, p99 and slowest (wrk's percentiles add, for
    each slow request, the requests a client arriving at the run's mean rate would have
    sent meanwhile: its coordinated-omission correction), requests/s, errors (not 200, or
    GraphQL ``errors``), the slowest requests' kinds and paths and the first errors."""
    import http.client

    from benchmarks.stats import percentile

    cpu = _cpu_seconds(pid) if pid else 0.0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timed: list[tuple[float, str, str]] = []
    errors, at = 0, 0
    refused: list[dict[str, Any]] = []
    began = time.perf_counter()
    end = began + duration
    while time.perf_counter() < end:
        kind, method, path, body = requests[at % len(requests)]
        at += 1
        start = time.perf_counter()
        headers = {"Content-Type": "application/json"} if method == "POST" else {}
        conn.request(method, path, body.encode() if method == "POST" else None, headers)
        response = conn.getresponse()
        answer = response.read()
        shown = path if method == "GET" else body[:160]
        timed.append(((time.perf_counter() - start) * 1000, kind, shown))
        if response.status != 200 or (method == "POST" and b'"errors":[' in answer):
            errors += 1
            if len(refused) < 5:
                refused.append({"status": response.status, "kind": kind, "request": shown,
                                "answer": answer[:200].decode("utf-8", "replace")})
    elapsed = time.perf_counter() - began
    conn.close()
    latencies = [t for t, _, _ in timed]
    found: dict[str, Any] = {
        "measure": "exact", "requests": float(len(timed)), "rps": len(timed) / elapsed,
        "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies), "errors": float(errors),
        "slowest": [{"ms": round(t, 1), "kind": k, "request": r}
                    for t, k, r in sorted(timed, reverse=True)[:5]],
        "first_errors": refused,
        "load_average": os.getloadavg()[0]}
    if pid:
        found["server_cpu_s"] = _cpu_seconds(pid) - cpu
        found["cpu_ms_per_request"] = found["server_cpu_s"] * 1000 / max(1, len(timed))
    return found


def replay(db: Path, count: int, client_counts: list[int], duration: float,
           env: dict[str, str] | None = None, write_after: int = 0,
           write_firms: int = 0, write_chunk: int = 2000,
           slow_log: Path | None = None, exact: bool = False) -> dict[str, Any]:
    """The mix and the floor at each client count: wrk's figures for each. ``write_after``:
    a store of that many synthetic firms, which another process keeps loading with the
    firms after them (benchmarks/readers.py's writer) while the mix runs: reads during
    writes (the floor and the two fixed queries are then left out); ``write_firms``: that
    many, the mix replayed until they are loaded. ``slow_log``: the API's log (its slow
    requests: ENFORCEGRAPH_SLOW_REQUEST_MS) is appended there. ``exact``
    (reads during writes, one client): every other window timed by :func:`_exact`
    instead of wrk."""
    requests = generate(db, count)
    shares = {k: sum(1 for r in requests if r[0] == k) for k in KINDS}
    ids = sorted({json.loads(b)["variables"]["id"] for k, _, _, b in requests if k == "node"})
    floor_requests = [("node", "POST", "/graphql", _gql(NODE_QUERY, {"id": i})) for i in ids]
    floor_requests = (floor_requests * (count // max(1, len(floor_requests)) + 1))[:count]
    results: dict[str, Any] = {"requests": count, "shares": shares, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor_data = work / "floor.json"
        from enforcegraph.graph.backends.embedded import EmbeddedStore

        with EmbeddedStore(db, read_only=True) as store:
            nodes = store.get_many(ids)
            page = store.traversals().sanctions_without_eu_establishment(limit=100)
        firms = [i for i in ids if nodes[i].label == "Company"][:1000] if nodes else []
        floor_data.write_text(json.dumps({
            "nodes": {i: {"label": n.label, "name": n.display_name} for i, n in nodes.items()},
            "page": [{k: r[k] for k in ("sanction", "decision", "firm", "regulator")} for r in page],
        }))
        api_env = {"ENFORCEGRAPH_DB": str(db), "ENFORCEGRAPH_RESPONSE_CACHE_BYTES": "0",
                   **(env or {})}
        with serve("api", 2, api_env, log=slow_log) as (port, api_proc), \
                serve("floor", 2, {"BENCH_FLOOR_DATA": str(floor_data)}) as (floor_port, floor_proc):
            if write_after:
                return _during_load(db, (write_after, write_firms, write_chunk), port,
                                    api_proc.pid, requests, client_counts, duration, work,
                                    results, exact)
            for clients in client_counts:
                began = time.time()
                api = _wrk(port, requests, clients, duration, work, api_proc.pid)
                floor = _wrk(floor_port, floor_requests, clients, duration, work, floor_proc.pid)
                results["runs"].append({"clients": clients, "api": api, "floor": floor,
                                        "started": began})
                print(f"{clients} clients: mix {api['rps']:.1f}/s p50 {api.get('p50_ms', 0):.1f} "
                      f"p99 {api.get('p99_ms', 0):.1f} errors {api['errors']:.0f} of "
                      f"{api['requests']:.0f}, server CPU {api['cpu_ms_per_request']:.1f} ms a "
                      f"request; floor {floor['rps']:.1f}/s p50 {floor.get('p50_ms', 0):.1f} p99 "
                      f"{floor.get('p99_ms', 0):.1f}, CPU {floor['cpu_ms_per_request']:.1f} ms "
                      f"(load average {api['load_average']:.1f})", flush=True)
            # the two fixed queries of graphql_load, cache off, at the largest client count
            most = max(client_counts)
            for name, query, node_ids in (("headline", HEADLINE_QUERY, []),
                                          ("node", NODE_QUERY, firms)):
                pair = {side: run_wrk(p, query, node_ids, connections=most, duration=duration)
                        for side, p in (("api", port), ("floor", floor_port))}
                results[name] = {"clients": most, **pair}
                print(f"{name} at {most}: api {pair['api']['rps']:.0f}/s p99 "
                      f"{pair['api'].get('p99_ms', 0):.1f}; floor {pair['floor']['rps']:.0f}/s "
                      f"p99 {pair['floor'].get('p99_ms', 0):.1f}", flush=True)
    return results


def _during_load(db: Path, sizes: tuple[int, int, int], port: int, pid: int,
                 requests: list[tuple[str, str, str, str]], client_counts: list[int],
                 duration: float, work: Path, results: dict[str, Any],
                 exact: bool = False) -> dict[str, Any]:
    """The mix while another process loads more firms: each client count once, or (``more``)
    windows at the largest until the writer has loaded ``more`` firms; ``sizes``: the
    firms in the store, ``more`` and the firms a transaction."""
    import multiprocessing

    from benchmarks.readers import write

    context = multiprocessing.get_context("spawn")
    stop, written = context.Event(), context.Value("q", 0)
    firms, more, chunk = sizes
    log = work / "writer.jsonl"
    writer = context.Process(target=write,
                             args=(str(db), firms, stop, written, more, str(log), chunk))
    writer.start()
    began = time.monotonic()
    try:
        time.sleep(5)  # the writer's first transactions under way
        counts, window = client_counts, 0
        while counts:
            clients = counts[0]
            timed_exactly = exact and clients == 1 and window % 2 == 1
            started = time.time()
            api = (_exact(port, requests, duration, pid) if timed_exactly
                   else {"measure": "wrk", **_wrk(port, requests, clients, duration, work, pid)})
            window += 1
            results["runs"].append({"clients": clients, "api": api, "started": started,
                                    "written": written.value})
            print(f"{clients} clients during the load ({written.value} records written), "
                  f"{api['measure']}: mix {api['rps']:.1f}/s p50 {api.get('p50_ms', 0):.1f} p99 "
                  f"{api.get('p99_ms', 0):.1f} max {api.get('max_ms', 0):.0f} errors "
                  f"{api['errors']:.0f} of {api['requests']:.0f}, server CPU "
                  f"{api['cpu_ms_per_request']:.1f} ms a request (load average "
                  f"{api['load_average']:.1f})", flush=True)
            again = [max(client_counts)] if writer.is_alive() else []
            counts = again if more else counts[1:]
    finally:
        stop.set()  # a load of ``more`` firms has ended by now, unless cut short
        writer.join()
    elapsed = time.monotonic() - began
    batches = [json.loads(line) for line in log.read_text("utf-8").splitlines()] \
        if log.exists() else []
    results["writer"] = {"records": written.value, "seconds": elapsed,
                         "records_per_s": written.value / elapsed, "batches": batches}
    if batches:
        from benchmarks.stats import percentile

        locks = sorted(b["lock_ms"] for b in batches)
        commits = sorted(b["commit_ms"] for b in batches)
        rates = [b["records"] / b["wall_s"] for b in batches]
        tenth = max(1, len(rates) // 10)
        results["writer"].update(
            lock_ms_p50=percentile(locks, 0.5), lock_ms_p99=percentile(locks, 0.99),
            lock_ms_max=locks[-1], commit_ms_p50=percentile(commits, 0.5),
            commit_ms_max=commits[-1],
            records_per_s_first_tenth=sum(rates[:tenth]) / tenth,
            records_per_s_last_tenth=sum(rates[-tenth:]) / tenth,
            records_per_cpu_s=sum(b["records"] for b in batches) / sum(b["cpu_s"] for b in batches))
        print(f"writer: {len(batches)} transactions; lock held p50 {results['writer']['lock_ms_p50']:.0f}"
              f" p99 {results['writer']['lock_ms_p99']:.0f} max {locks[-1]:.0f} ms (COMMIT itself "
              f"p50 {results['writer']['commit_ms_p50']:.1f} max {commits[-1]:.1f} ms); records/s "
              f"first tenth {results['writer']['records_per_s_first_tenth']:.0f}, last tenth "
              f"{results['writer']['records_per_s_last_tenth']:.0f}; "
              f"{results['writer']['records_per_cpu_s']:.0f} per CPU-second", flush=True)
    print(f"writer: {written.value} records in {elapsed:.0f} s", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the mix and print (and with --write keep) the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="an embedded store file")
    parser.add_argument("--neo4j-uri", metavar="URI",
                        help="the API serves from this Neo4j (auth off), which must hold the "
                             "same data as --db (that file still gives the requests' ids and "
                             "the floor's data)")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per client count")
    parser.add_argument("--out", type=Path, help="write the raw figures to this JSON file")
    parser.add_argument("--write-after", type=int, default=0, metavar="FIRMS",
                        help="the store holds FIRMS synthetic firms; load the next ones "
                             "from another process while the mix runs")
    parser.add_argument("--write-firms", type=int, default=0, metavar="N",
                        help="with --write-after: load exactly the next N firms, the mix "
                             "replayed at the largest client count until they are loaded")
    parser.add_argument("--write-chunk", type=int, default=2000, metavar="FIRMS",
                        help="firms the writer loads a transaction (default 2000, ~19k records)")
    parser.add_argument("--slow-log", type=Path, metavar="FILE",
                        help="append the API's log here: each request slower than "
                             "ENFORCEGRAPH_SLOW_REQUEST_MS (default 1000) with what it asked")
    parser.add_argument("--exact", action="store_true",
                        help="reads during writes at one client: every other window replays "
                             "on one connection timing each request (the requests' own p99, "
                             "beside wrk's coordinated-omission-corrected one)")
    args = parser.parse_args(argv)
    if args.exact and (args.clients != "1" or not args.write_after):
        parser.error("--exact times the windows of reads during writes at one client: "
                     "give --write-after and --clients 1")
    if args.neo4j_uri:  # the servers inherit the environment
        os.environ.update(ENFORCEGRAPH_BACKEND="neo4j", ENFORCEGRAPH_NEO4J_URI=args.neo4j_uri)
    found = replay(args.db, args.requests, [int(c) for c in args.clients.split(",")],
                   args.duration, write_after=args.write_after, write_firms=args.write_firms,
                   write_chunk=args.write_chunk, slow_log=args.slow_log, exact=args.exact)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(found, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
