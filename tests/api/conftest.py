"""API fixtures: uvicorn on a free port (real HTTP) over a loaded store of each backend."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
import uvicorn
from gql import Client, gql
from gql.transport.httpx import HTTPXTransport
from graphql import GraphQLSchema

from enforcegraph.api.app import create_app
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.loaders.datasets import dataset_batch, is_dataset

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"
DATASETS = ("clearview", "reference-cases")
_SERVED_SCHEMA: dict[str, GraphQLSchema] = {}  # the same for every server of a run


class CountingStore:
    """A store that counts the calls made to it (and can fail or slow some of them)."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()
        self.delays: dict[str, float] = {}
        self.failures: dict[str, Exception] = {}

    def __getattr__(self, name: str) -> Any:
        if name == "reads_inline" and self.delays:  # a sleep cannot be stopped at a deadline
            return False
        attribute = getattr(self.inner, name)
        if not callable(attribute) or name.startswith("_"):
            return attribute

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            if name in self.failures:
                raise self.failures[name]
            if name in self.delays:
                time.sleep(self.delays[name])
            return attribute(*args, **kwargs)

        return counted

    def total(self, *names: str) -> int:
        """Calls to these methods (all data-reading methods by default)."""
        wanted = names or ("get_many", "relationships_of", "find", "count", "count_at_most", "search",
                           "full_text", "get", "lookup_labels", "iter_nodes", "iter_relationships",
                           "stats")
        return sum(self.calls[n] for n in wanted)


@dataclass
class Api:
    """A running API: its base URL, the store behind it, and clients."""

    url: str
    store: GraphStore
    counting: CountingStore

    def client(self) -> Client:
        """A gql client that checks queries against the served schema (fetched once a run)."""
        transport = HTTPXTransport(url=self.url + "/graphql", timeout=30)
        if "schema" not in _SERVED_SCHEMA:
            with Client(transport=transport, fetch_schema_from_transport=True) as session:
                assert session.client.schema is not None
                _SERVED_SCHEMA["schema"] = session.client.schema
            transport = HTTPXTransport(url=self.url + "/graphql", timeout=30)
        return Client(transport=transport, schema=_SERVED_SCHEMA["schema"])

    def query(self, text: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run a query through gql (raises TransportQueryError on GraphQL errors)."""
        request = gql(text)
        request.variable_values = variables
        with self.client() as session:
            return cast(dict[str, Any], session.execute(request))

    def post(self, payload: Any, **kwargs: Any) -> httpx.Response:
        """A raw POST to /graphql."""
        return httpx.post(self.url + "/graphql", json=payload, timeout=30, **kwargs)


def load_mini(store: GraphStore) -> None:
    """tests/fixtures/mini.yaml."""
    store.upsert(parse_case_file(MINI).batch)


def load_datasets(store: GraphStore) -> bool:
    """The bundled clearview and reference-cases datasets, if they exist and load."""
    if not all(is_dataset(name) for name in DATASETS):
        return False
    for name in DATASETS:
        store.upsert(dataset_batch(name))
    return True


@pytest.fixture
def serve() -> Iterator[Callable[..., Api]]:
    """Start uvicorn (in a thread, on a free port) for a store; stopped after the test."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(store: GraphStore, settings: Settings | None = None) -> Api:
        counting = store if isinstance(store, CountingStore) else CountingStore(store)
        # a generous timeout: a loaded CI machine must not turn slow answers into failures
        app = create_app(settings or Settings(request_timeout=120), store=cast(GraphStore, counting))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on", loop="asyncio")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("uvicorn did not start")
            time.sleep(0.02)
        running.append((server, thread))
        return Api(f"http://127.0.0.1:{port}", store, counting)

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def api(store: GraphStore, serve: Callable[..., Api]) -> Api:
    """The API over the mini graph, on each backend."""
    load_mini(store)
    return serve(store)


@pytest.fixture
def full_api(store: GraphStore, serve: Callable[..., Api]) -> Api:
    """The API over the mini graph plus the bundled datasets (when they load), each backend."""
    load_mini(store)
    load_datasets(store)
    return serve(store)


@pytest.fixture
def embedded_api(embedded_store: GraphStore, serve: Callable[..., Api]) -> Api:
    """The API over the mini graph on the embedded store only (for backend-blind tests:
    limits and property-based fuzzing, which never reach a backend-specific path)."""
    load_mini(embedded_store)
    return serve(embedded_store)
