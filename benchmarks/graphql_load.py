"""GraphQL under concurrent load: wrk (a separate process) on loopback, API vs floor.

Both servers run on uvicorn with the same settings (workers, uvloop, httptools); wrk
keeps 32 connections busy for a bounded duration and reports throughput and latency
percentiles. One request per query is checked for a correct, error-free answer first.
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

__all__ = ["HEADLINE_QUERY", "NODE_QUERY", "graphql", "run_wrk", "serve", "tree_peak_rss"]

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
def serve(kind: str, workers: int, env: dict[str, str], timeout: float = 180) -> Iterator[
        tuple[int, subprocess.Popen[bytes]]]:
    """Start the API (``kind="api"``) or the floor app on a free port; stop it after."""
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
    proc = subprocess.Popen(command, env=full_env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(port, proc, timeout)
        yield port, proc
    finally:
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
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", timeout,
             "--latency", "-s", handle.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True, timeout=duration + 60,
        )
    finally:
        os.unlink(handle.name)
    return _parse_wrk(out.stdout)
