"""Private deployments over real HTTP: API keys (401) and per-client rate limits (429)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from enforcegraph.api.access import RateLimiter, load_keys, new_key
from enforcegraph.api.server import run_server
from enforcegraph.graph.cli import main
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.errors import EnforcegraphError

STATS = {"query": "{ stats { totalNodes } }"}
MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"


def load_mini(store: GraphStore) -> None:
    store.upsert(parse_case_file(MINI).batch)


def _key_file(tmp_path: Path, *labels: str) -> tuple[Path, list[str]]:
    made = [new_key(label) for label in labels]
    path = tmp_path / "keys"
    path.write_text("# enforcegraph keys\n\n" + "".join(f"{line}\n" for _, line in made))
    return path, [secret for secret, _ in made]


def _bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


def test_open_by_default(api: Any) -> None:
    assert api.post(STATS).status_code == 200
    assert Settings().api_keys is None and Settings().rate_limit == 0


def test_keys_lock_everything_but_the_probes(
    embedded_store: GraphStore, serve: Callable[..., Any], tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    load_mini(embedded_store)
    keys, (alice, bob) = _key_file(tmp_path, "alice", "bob")
    api = serve(embedded_store, Settings(api_keys=keys, request_timeout=120))
    caplog.set_level(logging.DEBUG)
    access_log = logging.getLogger("uvicorn.access")  # uvicorn's; it does not propagate
    access_log.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    try:
        for headers in ({}, _bearer("eg_wrong"), {"authorization": f"Basic {alice}"},
                        _bearer(alice + "x"), _bearer(alice[:-1])):
            refused = api.post(STATS, headers=headers)
            assert refused.status_code == 401, headers
            assert _code(refused) == "UNAUTHENTICATED" and refused.json()["data"] is None
            assert refused.headers["www-authenticate"].startswith("Bearer")
            if headers:
                assert 'error="invalid_token"' in refused.headers["www-authenticate"]
        for path in ("/graphql", "/", "/export/json"):
            assert httpx.get(api.url + path).status_code == 401, path
        for path in ("/healthz", "/readyz"):
            assert httpx.get(api.url + path).status_code == 200, path
        for secret in (alice, bob):
            allowed = api.post(STATS, headers=_bearer(secret))
            assert allowed.status_code == 200
            assert allowed.json()["data"]["stats"]["totalNodes"] > 0
            assert httpx.get(api.url + "/export/json", headers=_bearer(secret)).status_code == 200
    finally:
        access_log.removeHandler(caplog.handler)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /graphql" in logged, "the access log was seen"
    assert alice not in logged and bob not in logged and "eg_wrong" not in logged


def test_rate_limits_per_client(
    embedded_store: GraphStore, serve: Callable[..., Any], tmp_path: Path,
) -> None:
    load_mini(embedded_store)
    keys, (alice, bob) = _key_file(tmp_path, "alice", "bob")
    # a rate so slow that no token comes back during the test: exactly the burst passes
    api = serve(embedded_store, Settings(api_keys=keys, rate_limit=0.001, rate_burst=3,
                                         request_timeout=120))
    assert [api.post(STATS, headers=_bearer(alice)).status_code for _ in range(3)] == [200] * 3
    over = api.post(STATS, headers=_bearer(alice))
    assert over.status_code == 429 and _code(over) == "RATE_LIMITED"
    assert int(over.headers["retry-after"]) >= 1
    assert api.post(STATS, headers=_bearer(bob)).status_code == 200, "another key, another bucket"
    assert httpx.get(api.url + "/healthz").status_code == 200, "probes are never limited"
    # without a key, the address is the client: wrong keys use up its bucket too
    forwarded = {"x-forwarded-for": "10.1.2.3"}  # uvicorn trusts it from 127.0.0.1
    codes = [api.post(STATS, headers={**forwarded, **_bearer("eg_guess")}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    other = api.post(STATS, headers={"x-forwarded-for": "10.9.9.9", **_bearer(bob)})
    assert other.status_code == 200


def test_rate_limits_without_keys(embedded_store: GraphStore, serve: Callable[..., Any]) -> None:
    load_mini(embedded_store)
    api = serve(embedded_store, Settings(rate_limit=0.001, rate_burst=2, request_timeout=120))
    first = [api.post(STATS, headers={"x-forwarded-for": "10.0.0.1"}) for _ in range(3)]
    assert [r.status_code for r in first] == [200, 200, 429]
    assert api.post(STATS, headers={"x-forwarded-for": "10.0.0.2"}).status_code == 200


def test_token_bucket_refills_and_forgets_old_clients() -> None:
    limiter = RateLimiter(rate=2.0, burst=2, max_clients=3)
    assert [limiter.take("a", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("a", now=0.0) == pytest.approx(0.5)
    assert limiter.take("a", now=0.75) == 0.0, "half a second gives one token back"
    for client in ("b", "c", "d"):
        limiter.take(client, now=1.0)
    assert len(limiter) == 3, "the least recently seen client is forgotten"


def test_key_file_errors_never_echo_the_line(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("sha256:" + "0" * 64 + " ok\neg_a-pasted-secret\n")
    with pytest.raises(EnforcegraphError, match="line 2") as caught:
        load_keys(path)
    assert "pasted" not in str(caught.value)
    with pytest.raises(EnforcegraphError, match="cannot read"):
        load_keys(tmp_path / "missing")
    with pytest.raises(EnforcegraphError, match="cannot read"):
        run_server(Settings(api_keys=tmp_path / "missing"))


def test_cli_makes_a_key_and_its_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["api-key", "new", "--label", "ci"])
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    secret = result.stderr.split("keep it secret): ", 1)[1].split()[0]
    assert line.startswith("sha256:") and line.endswith(" ci") and secret not in line
    path = tmp_path / "keys"
    path.write_text(line + "\n")
    (key,) = load_keys(path)
    assert key.label == "ci"
    assert CliRunner().invoke(main, ["api-key", "new", "--label", "two words"]).exit_code == 1


def test_a_websocket_upgrade_is_refused_without_a_key(
    embedded_store: GraphStore, serve: Callable[..., Any], tmp_path: Path,
) -> None:
    keys, _ = _key_file(tmp_path, "alice")
    api = serve(embedded_store, Settings(api_keys=keys, request_timeout=120))
    host, port = api.url.removeprefix("http://").split(":")
    handshake = (
        "GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(handshake.encode())
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]
    assert status_line.split()[1] in (b"401", b"403"), status_line  # 403: closed before accept
