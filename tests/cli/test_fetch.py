"""``enforcegraph fetch`` against a real HTTP server on 127.0.0.1 (never the network),
serving responses recorded at run time from the snapshots: a few rows cut from each."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main


@dataclass
class Answer:
    """What the server sends for one path."""

    body: bytes
    status: int = 200
    etag: str | None = None
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class Site:
    """A local server: answers by path, and every request's headers as received."""

    base: str
    answers: dict[str, Answer]
    seen: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def site() -> Iterator[Site]:
    answers: dict[str, Answer] = {}
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append({k.lower(): v for k, v in self.headers.items()} | {"path": self.path})
            answer = answers.get(self.path.split("?")[0])
            if answer is None:
                self.send_error(404)
                return
            time.sleep(answer.delay)
            if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                self.send_response(304)
                self.send_header("ETag", answer.etag)
                self.end_headers()
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if answer.etag:
                self.send_header("ETag", answer.etag)
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_address[1]}", answers, seen)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def tracker_rows(shared_data: Path) -> list[Any]:
    rows: list[Any] = json.loads((shared_data / "enforcement-tracker-2024" / "enforcementtracker.json")
                                 .read_text("utf-8"))["data"]
    return [rows[0], rows[1], rows[1189]]  # ETid-1, ETid-2 and the ICO's fine on Clearview


@pytest.fixture(scope="module")
def gdprhub_answer(shared_data: Path) -> dict[str, Any]:
    sample: dict[str, Any] = json.loads((shared_data / "gdprhub-2024" / "gdprhub-api-sample.json")
                                        .read_text("utf-8"))
    return {"total": sample["total"], "rows": sample["rows"][:4]}


def run(tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", str(tmp_path / "g.sqlite"), "fetch", *args])


def test_a_fetch_writes_the_checked_export_and_names_itself(site: Site, tmp_path: Path, tracker_rows: list[Any]) -> None:
    body = json.dumps({"data": tracker_rows}).encode()
    site.answers["/data.json"] = Answer(body, etag='"v1"')
    out = tmp_path / "tracker.json"
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == body
    assert "3 rows" in result.output  # the summary on stderr
    (request,) = site.seen
    agent = request["user-agent"]
    assert agent.startswith("enforcegraph/") and "(+https://" in agent
    assert "if-none-match" not in request
    meta = json.loads((tmp_path / "tracker.json.fetch.json").read_text("utf-8"))
    assert meta["etag"] == '"v1"' and meta["bytes"] == len(body) and len(meta["sha256"]) == 64
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.json", "tracker.json.fetch.json"]


def test_a_second_fetch_is_conditional_and_a_304_keeps_the_file(site: Site, tmp_path: Path, tracker_rows: list[Any]) -> None:
    site.answers["/data.json"] = Answer(json.dumps({"data": tracker_rows}).encode(), etag='"v1"')
    out = tmp_path / "tracker.json"
    assert run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out)).exit_code == 0
    before = out.stat().st_mtime_ns
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert site.seen[1]["if-none-match"] == '"v1"' and "not modified" in result.output
    assert out.stat().st_mtime_ns == before
    site.answers["/data.json"] = Answer(json.dumps({"data": tracker_rows[:1]}).encode(), etag='"v2"')
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out))
    assert result.exit_code == 0 and json.loads(out.read_text("utf-8"))["data"] == tracker_rows[:1]


@pytest.mark.parametrize(("body", "content_type", "what"), [
    (json.dumps({"data": [["", "ETid-1", "x"]]}), "application/json", "row 1 has 3 cells"),
    (json.dumps({"rows": []}), "application/json", "no 'data' member"),
    ("<!doctype html><title>CMS</title>", "text/html", "expected a JSON object"),
    (json.dumps({"data": []}), "application/json", "no rows"),
])
def test_a_changed_shape_is_a_clear_error_and_writes_nothing(
        site: Site, tmp_path: Path, tracker_rows: list[Any], body: str, content_type: str, what: str) -> None:
    out = tmp_path / "tracker.json"
    out.write_text(json.dumps({"data": tracker_rows}), "utf-8")
    kept = out.read_bytes()
    site.answers["/data.json"] = Answer(body.encode(), content_type=content_type)
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out))
    assert result.exit_code == 1
    assert what in result.output and "not the expected export" in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert out.read_bytes() == kept and sorted(p.name for p in tmp_path.iterdir()) == ["tracker.json"]


def test_a_server_error_and_a_missing_address_write_nothing(site: Site, tmp_path: Path) -> None:
    site.answers["/data.json"] = Answer(b"oops", status=500)
    out = tmp_path / "tracker.json"
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out))
    assert result.exit_code == 1 and "answered HTTP 500" in result.output
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/moved.json", "--out", str(out))
    assert result.exit_code == 1 and "answered HTTP 404" in result.output
    assert not out.exists() and not list(tmp_path.iterdir())


def test_a_silent_server_times_out(site: Site, tmp_path: Path, tracker_rows: list[Any]) -> None:
    site.answers["/data.json"] = Answer(json.dumps({"data": tracker_rows}).encode(), delay=3)
    out = tmp_path / "tracker.json"
    started = time.monotonic()
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out),
                 "--timeout", "0.5")
    assert result.exit_code == 1 and "no answer within 0.5 s" in result.output
    assert time.monotonic() - started < 3 and not out.exists()


def test_the_address_comes_from_the_setting(site: Site, tmp_path: Path, tracker_rows: list[Any]) -> None:
    site.answers["/set.json"] = Answer(json.dumps({"data": tracker_rows}).encode())
    out = tmp_path / "t.json"
    result = CliRunner(env={"ENFORCEGRAPH_TRACKER_URL": f"{site.base}/set.json",
                            "ENFORCEGRAPH_FETCH_CONTACT": "mailto:analyst@example.org"}).invoke(
        main, ["--db", str(tmp_path / "g.sqlite"), "fetch", "enforcement-tracker", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert site.seen[0]["path"] == "/set.json" and site.seen[0]["user-agent"].endswith("(+mailto:analyst@example.org)")


def test_fetch_then_load_the_tracker(site: Site, tmp_path: Path, tracker_rows: list[Any]) -> None:
    site.answers["/data.json"] = Answer(json.dumps({"data": tracker_rows}).encode())
    out = tmp_path / "snapshot.json"  # a name the format cannot be guessed from
    report = tmp_path / "report.json"
    result = run(tmp_path, "enforcement-tracker", "--url", f"{site.base}/data.json", "--out", str(out),
                 "--load", "--report", str(report))
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text("utf-8"))["rows_loaded"] == 3
    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        assert {n.id for n in store.iter_nodes("Decision")} == {"decision:etid-1", "decision:etid-2",
                                                                "decision:etid-1190"}


def test_fetch_gdprhub_checks_the_api_shape(site: Site, tmp_path: Path, gdprhub_answer: dict[str, Any]) -> None:
    site.answers["/decisions"] = Answer(json.dumps(gdprhub_answer).encode())
    out = tmp_path / "gdprhub.json"
    result = run(tmp_path, "gdprhub", "--url", f"{site.base}/decisions?search=&offset=0&limit=100000",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "4 rows (total 3,221)" in result.output
    assert site.seen[0]["path"] == "/decisions?search=&offset=0&limit=100000"
    site.answers["/decisions"] = Answer(json.dumps({"rows": gdprhub_answer["rows"]}).encode())
    result = run(tmp_path, "gdprhub", "--url", f"{site.base}/decisions", "--out", str(out))
    assert result.exit_code == 1 and "'total' is None" in result.output
    site.answers["/decisions"] = Answer(json.dumps({"total": 1, "rows": [{"title": "x"}]}).encode())
    result = run(tmp_path, "gdprhub", "--url", f"{site.base}/decisions", "--out", str(out))
    assert result.exit_code == 1 and "expected an object with content and wiki" in result.output
    assert json.loads(out.read_text("utf-8")) == gdprhub_answer  # the good download stays


def test_fetch_then_load_gdprhub(site: Site, tmp_path: Path, gdprhub_answer: dict[str, Any]) -> None:
    site.answers["/decisions"] = Answer(json.dumps(gdprhub_answer).encode())
    result = run(tmp_path, "gdprhub", "--url", f"{site.base}/decisions", "--out", str(tmp_path / "hub.json"),
                 "--load")
    assert result.exit_code == 0, result.output
    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        assert store.stats().to_dict()["nodes"].get("Decision", 0) >= 1
