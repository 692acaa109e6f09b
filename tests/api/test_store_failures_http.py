"""A corrupt or unopenable store: GraphQL says UNAVAILABLE, /healthz says unavailable (503)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from enforcegraph.api.app import create_app
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.loaders.casefile import parse_case_file

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"
QUERY = {"query": '{ stats { totalNodes } search(text: "left") { totalCount } }'}


def _corrupt(path: Path) -> None:
    """A loaded store whose pages after the first (the header and schema root) are garbage."""
    store = EmbeddedStore(path)
    store.upsert(parse_case_file(MINI).batch)
    store.close()
    _overwrite_pages(path)


def _overwrite_pages(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(4096)
        fh.write(os.urandom(size - 4096))


@pytest.fixture
def serve_settings() -> Iterator[Callable[[Settings], str]]:
    """uvicorn over an app that opens its own store from the settings (as ``serve`` does)."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(settings: Settings) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(create_app(settings), log_level="critical", lifespan="on")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
            time.sleep(0.02)
        running.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(10)


def _assert_unavailable(url: str) -> None:
    for accept in ("application/json", "application/graphql-response+json"):
        response = httpx.post(url + "/graphql", json=QUERY, headers={"accept": accept}, timeout=30)
        assert response.status_code in (200, 503), response.text
        errors = response.json()["errors"]
        assert errors and {e["extensions"]["code"] for e in errors} == {"UNAVAILABLE"}, errors
    health = httpx.get(url + "/healthz", timeout=30)
    assert health.status_code == 503 and health.json()["status"] == "unavailable"
    export = httpx.get(url + "/export/json", timeout=30)
    assert export.status_code == 503
    assert export.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"


def test_a_store_with_overwritten_pages_is_unavailable(
    tmp_path: Path, serve_settings: Callable[[Settings], str]
) -> None:
    path = tmp_path / "graph.sqlite"
    _corrupt(path)  # opening may already see it (it reads the tables) or the first query does
    url = serve_settings(Settings(db=path, request_timeout=60))
    _assert_unavailable(url)
    response = httpx.post(url + "/graphql", json=QUERY,
                          headers={"accept": "application/graphql-response+json"})
    assert response.status_code == 503


def test_a_file_of_garbage_is_unavailable(
    tmp_path: Path, serve_settings: Callable[[Settings], str]
) -> None:
    path = tmp_path / "graph.sqlite"
    path.write_bytes(os.urandom(64 * 1024))
    url = serve_settings(Settings(db=path, request_timeout=60))
    _assert_unavailable(url)
    response = httpx.post(url + "/graphql", json=QUERY,
                          headers={"accept": "application/graphql-response+json"})
    assert response.status_code == 503, "no store: refused before execution"
    assert "file is not a database" in response.json()["errors"][0]["message"]
