"""`enforcegraph serve`: a real process that prints its URL and answers on it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from enforcegraph.api.server import server_options
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.loaders.casefile import parse_case_file

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"
CLI = Path(sys.executable).with_name("enforcegraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_server_options_prefer_uvloop_and_httptools() -> None:
    options = server_options(Settings(host="127.0.0.1", port=8123))
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert options["loop"] == "uvloop" and options["http"] == "httptools"  # both installed


def test_serve_prints_the_url_and_serves(tmp_path: Path) -> None:
    db = tmp_path / "graph.sqlite"
    with EmbeddedStore(db) as store:
        store.upsert(parse_case_file(MINI).batch)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENFORCEGRAPH_")}
    process = subprocess.Popen(
        [str(CLI), "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/graphql" in first_line
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "server did not start"
            time.sleep(0.2)
        response = httpx.post(f"http://127.0.0.1:{port}/graphql",
                              json={"query": "{ sanctionsWithoutEuEstablishment { totalCount } }"})
        assert response.json() == {"data": {"sanctionsWithoutEuEstablishment": {"totalCount": 2}}}
    finally:
        process.terminate()
        process.wait(timeout=30)
