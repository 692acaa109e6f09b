"""GraphQL under concurrent load: wrk (a separate process) on loopback, API vs floor.

Both servers run on uvicorn with the same settings (workers, uvloop, httptools); wrk
keeps 32 connections busy for a bounded duration and reports throughput and latency
percentiles. One request per query is checked for a correct, error-free answer first.

Run on its own, the headline page and ``node(id)`` against the floor in one run, cache
off, the two servers taking turns (api, floor, api, floor ...)::

    python -m benchmarks.graphql_load --db /tmp/100k.sqlite [--clients 32] [--duration 20]
        [--repeats 3] [--out results.json]

Beside wrk's wall-clock figures it gives each server's CPU milliseconds per request (its
processes' user + system time over the requests answered): on a machine shared with other
work, throughput measures the neighbours too, CPU per request much less so.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["HEADLINE_QUERY", "NODE_QUERY", "compare", "graphql", "run_wrk", "serve",
           "tree_cpu_seconds", "tree_peak_rss"]

REPO = Path(__file__).resolve().parent.parent
NODE_QUERY = "query Node($id: ID!) { node(id: $id) { id label name } }"
HEADLINE_QUERY = (
    "query Headline { sanctionsWithoutEuEstablishment(first: 100) { edges { node { "
    "sanction { id } decision { id date } firm { id name } regulator { id name } } } } }"
)
_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local ids = {%(ids)s}
local pre, post = [==[%(pre)s]==], [==[%(post)s]==]
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/graphql", nil, pre .. ids[counter %% #ids + 1] .. post)
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def graphql(port: int, query: str, variables: dict[str, Any] | None = None,
            timeout: float = 120) -> dict[str, Any]:
    """One POST to /graphql; the decoded answer."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body,
                                     {"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer: dict[str, Any] = json.loads(response.read())
            return answer
    except urllib.error.HTTPError as exc:  # the API answers limits with a JSON error
        return {"errors": [{"status": exc.code, "body": exc.read().decode(errors="replace")}]}


def _wait(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            graphql(port, "{ __typename }", timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} not ready after {timeout}s")


@contextmanager
def serve(kind: str, workers: int, env: dict[str, str], timeout: float = 180,
          log: Path | None = None) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """Start the API (``kind="api"``) or the floor app on a free port; stop it after.
    ``log``: the server's log lines are appended there (else dropped)."""
    port = _free_port()
    full_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    if kind == "api":
        full_env.update(ENFORCEGRAPH_PORT=str(port), ENFORCEGRAPH_WORKERS=str(workers),
                        ENFORCEGRAPH_LOG_LEVEL="WARNING", ENFORCEGRAPH_HOST="127.0.0.1")
        command = [str(Path(sys.executable).parent / "enforcegraph"), "serve"]
    else:
        command = [sys.executable, "-m", "uvicorn", "benchmarks.floor_app:app", "--host",
                   "127.0.0.1", "--port", str(port), "--workers", str(workers), "--loop",
                   "uvloop", "--http", "httptools", "--log-level", "warning"]
    logged = log.open("ab") if log is not None else None
    proc = subprocess.Popen(command, env=full_env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=logged or subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(port, proc, timeout)
        yield port, proc
    finally:
        if logged is not None:
            logged.close()
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_peak_rss(pid: int) -> dict[str, float]:
    """Peak RSS (VmHWM, MiB) of a process and its children: the largest and the sum."""
    peaks = []
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
        todo += _children(current)
    return {"max_mib": max(peaks, default=0.0), "total_mib": sum(peaks)}


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (those alive now)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        todo += _children(current)
    return total


def _parse_wrk(text: str) -> dict[str, float]:
    def ms(value: str, unit: str) -> float:
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    result: dict[str, float] = {}
    for name, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        match = re.search(rf"^\s*{re.escape(name)}\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        if match:
            result[key] = ms(match.group(1), match.group(2))
    match = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"(\d+) requests in", text)
    result["requests"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non_2xx"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = float(sum(int(g) for g in match.groups())) if match else 0.0
    return result


def run_wrk(port: int, query: str, ids: list[str], *, connections: int, duration: float,
            threads: int = 2) -> dict[str, float]:
    """Throughput and latency of one query under ``connections`` concurrent clients."""
    template = json.dumps({"query": query, "variables": {"id": "@ID@"} if ids else {}})
    pre, _, post = template.partition("@ID@")
    names = ",".join(json.dumps(i) for i in ids or [""])
    script = _LUA % {"ids": names, "pre": pre, "post": post}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        timeout = f"{max(2, int(duration * 2))}s"
        out = subprocess.run(
            ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", timeout,
             "--latency", "-s", handle.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True, timeout=duration + 60,
        )
    finally:
        os.unlink(handle.name)
    return _parse_wrk(out.stdout)


def _floor_data(db: Path, target: Path) -> list[str]:
    """Write the floor's data (the firms and the headline page of ``db``); the firm ids."""
    from enforcegraph.graph.backends.embedded import EmbeddedStore

    with EmbeddedStore(db, read_only=True) as store:
        ids = [n.id for n in store.find("Company", limit=1000)]
        nodes = store.get_many(ids)
        page = store.traversals().sanctions_without_eu_establishment(limit=100)
    target.write_text(json.dumps({
        "nodes": {i: {"label": n.label, "name": n.display_name} for i, n in nodes.items()},
        "page": [{k: r[k] for k in ("sanction", "decision", "firm", "regulator")} for r in page],
    }))
    return ids


def compare(db: Path, clients: int = 32, duration: float = 20, repeats: int = 3,
            workers: int = 2) -> dict[str, Any]:
    """wrk figures and CPU ms per request of the API (cache off) and the floor, per query,
    the servers taking turns ``repeats`` times."""
    out: dict[str, Any] = {"clients": clients, "duration": duration, "workers": workers,
                           "load_average": list(os.getloadavg()), "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "floor.json"
        ids = _floor_data(db, data)
        api_env = {"ENFORCEGRAPH_DB": str(db), "ENFORCEGRAPH_RESPONSE_CACHE_BYTES": "0"}
        with serve("api", workers, api_env) as (api_port, api_proc), \
                serve("floor", workers, {"BENCH_FLOOR_DATA": str(data)}) as (floor_port, floor_proc):
            servers = {"api": (api_port, api_proc), "floor": (floor_port, floor_proc)}
            for name, query, node_ids in (("headline", HEADLINE_QUERY, []),
                                          ("node", NODE_QUERY, ids)):
                for side, (port, _) in servers.items():  # a correct answer, and a warm-up
                    variables = {"id": node_ids[0]} if node_ids else {}
                    answer = graphql(port, query, variables)
                    if answer.get("errors") or not answer.get("data"):
                        raise RuntimeError(f"{side} {name}: {answer}")
                    run_wrk(port, query, node_ids, connections=clients, duration=3)
                for repeat in range(repeats):
                    for side, (port, proc) in servers.items():
                        before = tree_cpu_seconds(proc.pid)
                        found = run_wrk(port, query, node_ids, connections=clients,
                                        duration=duration)
                        cpu = tree_cpu_seconds(proc.pid) - before
                        found["cpu_ms_per_request"] = 1000 * cpu / max(1.0, found["requests"])
                        out["runs"].append({"query": name, "side": side, "repeat": repeat,
                                            **found})
                        print(f"{name} {side} #{repeat}: {found['rps']:.1f}/s p50 "
                              f"{found.get('p50_ms', 0):.1f} p99 {found.get('p99_ms', 0):.1f} ms, "
                              f"CPU {found['cpu_ms_per_request']:.2f} ms/request, non-2xx "
                              f"{found['non_2xx']:.0f}", flush=True)
    out["load_average_after"] = list(os.getloadavg())
    return out


def main(argv: list[str] | None = None) -> int:
    """Print (and with --out write) the API against the floor under load."""
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="an embedded store file")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    found = compare(args.db, args.clients, args.duration, args.repeats, args.workers)
    for name in ("headline", "node"):
        median = {side: {key: statistics.median(r[key] for r in found["runs"]
                                                if r["query"] == name and r["side"] == side)
                         for key in ("rps", "p50_ms", "p99_ms", "cpu_ms_per_request")}
                  for side in ("api", "floor")}
        api, floor = median["api"], median["floor"]
        print(f"{name}: api {api['rps']:.1f}/s (p50 {api['p50_ms']:.1f}, p99 {api['p99_ms']:.1f} ms,"
              f" CPU {api['cpu_ms_per_request']:.2f} ms) vs floor {floor['rps']:.1f}/s (p50 "
              f"{floor['p50_ms']:.1f}, p99 {floor['p99_ms']:.1f} ms, CPU "
              f"{floor['cpu_ms_per_request']:.2f} ms): {api['rps'] / floor['rps']:.2f}x; load "
              f"average {found['load_average'][0]:.1f} -> {found['load_average_after'][0]:.1f}")
        found[name] = median
    if args.out:
        args.out.write_text(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
