"""Shared fixtures: a fresh store per test on every backend, the real Neo4j, shared data;
and the run's summary of what tests recorded (article scores, the graphql-http audit)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = ["embedded", "neo4j"]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (tests may read it; the product never does)."""
    if not SHARED_DATA.exists():
        pytest.fail(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures."""
    return FIXTURES


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Any]:
    """The real Neo4j Community server, started once per run from Maven artifacts.

    It never skips in CI: a server that cannot start fails every test that needs it.
    Outside CI, ENFORCEGRAPH_SKIP_NEO4J=1 skips those tests for a quick local run.
    """
    if os.environ.get("ENFORCEGRAPH_SKIP_NEO4J") == "1" and not IN_CI:
        pytest.skip("ENFORCEGRAPH_SKIP_NEO4J=1 (never honoured in CI)")
    from enforcegraph.graph.testing.neo4j_server import Neo4jTestServer

    server = Neo4jTestServer()
    try:
        server.start(timeout=300)
    except Exception as exc:  # the server is required: fail loudly, never skip
        pytest.fail(f"the Neo4j test server could not start: {exc}")
    yield server
    server.close()


def _neo4j_store(server: Any) -> GraphStore:
    from enforcegraph.graph.backends.neo4j import Neo4jStore
    from enforcegraph.graph.settings import Settings

    settings = Settings(backend="neo4j", neo4j_uri=server.uri, neo4j_password="")
    store = Neo4jStore.from_settings(settings)
    store.clear()
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each backend."""
    if request.param == "embedded":
        opened: GraphStore = EmbeddedStore(tmp_path / "graph.sqlite")
    else:
        opened = _neo4j_store(request.getfixturevalue("neo4j_server"))
    yield opened
    opened.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A fresh embedded store (for backend-only tests)."""
    opened = EmbeddedStore(tmp_path / "graph.sqlite")
    yield opened
    opened.close()


# What tests found that the run's summary prints: test_quality (precision and recall per
# article and kind), test_decisions (each part's decision scores, or why it is absent) and
# the graphql-http audit. Recorded as each test's user_properties, so that they reach the
# summary from pytest-xdist's workers too; printed here, as under xdist only this conftest
# is loaded by the process that prints.
QUALITY_PROPERTY = "article_quality"
DECISIONS_PROPERTY = "decision_scores"
AUDIT_PROPERTY = "graphql_http_audit"


def _recorded(request: pytest.FixtureRequest, name: str) -> Iterator[dict[str, Any]]:
    found: dict[str, Any] = {}
    yield found
    request.node.user_properties.append((name, found))


@pytest.fixture
def quality_report(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Where the quality test records precision and recall per article and kind."""
    yield from _recorded(request, QUALITY_PROPERTY)


@pytest.fixture
def decision_report(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Where test_decisions records each part's decision scores."""
    yield from _recorded(request, DECISIONS_PROPERTY)


@pytest.fixture
def audit_summary(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Where the graphql-http audit leaves its summary line for the run's summary."""
    return lambda line: record_property(AUDIT_PROPERTY, line)


def _gathered(terminalreporter: Any, name: str) -> list[Any]:
    """Each test's record under ``name`` (from its reports, wherever it ran; a test's call
    and teardown reports both carry what it recorded during the call)."""
    found: dict[str, Any] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == name:
                    found[report.nodeid] = value
    return [found[nodeid] for nodeid in sorted(found)]


def _merged(terminalreporter: Any, name: str) -> dict[str, Any]:
    """The records under ``name`` (dicts) merged into one."""
    merged: dict[str, Any] = {}
    for found in _gathered(terminalreporter, name):
        merged.update(found)
    return merged


def _decision_summary(terminalreporter: Any) -> None:
    """Per part: each decision field's score, fully right decisions, reliability table."""
    if not (decisions := _merged(terminalreporter, DECISIONS_PROPERTY)):
        return
    write = terminalreporter.write_line
    terminalreporter.section("article loader: decisions per part (fields, fully right, reliability)")
    for part, found in sorted(decisions.items()):
        if "absent" in found:
            write(f"{part}: {found['absent']}")
            continue
        share, right, total = found["fully_right"]
        write(f"{part}: {found['reports']} reports, {total} decisions scored; fully right {share:.3f} ({right}/{total})")
        write("  " + "  ".join(f"{name} {value:.3f} ({r}/{n})" for name, (value, r, n) in found["fields"].items()))
        write(f"  {'confidence':<12}{'proposals':>10}{'share right':>13}")
        for band, count, ratio in found["reliability"]:
            write(f"  {band:<12}{count:>10}{'' if ratio is None else f'{ratio:.3f}':>13}")
        write(f"  proposals with confidence >= 0.9: {found['confident']}, wrong: {found['confident_wrong']}")


def _quality_summary(terminalreporter: Any) -> None:
    """Precision and recall per labelled article and kind, then micro-averaged."""
    if not (quality := _merged(terminalreporter, QUALITY_PROPERTY)):
        return
    write = terminalreporter.write_line
    terminalreporter.section("article loader: precision / recall per kind")
    totals: dict[str, list[int]] = {}
    for name in sorted(quality):
        write(name)
        for kind, (precision, recall, tp, fp, fn) in quality[name].items():
            write(f"  {kind:<15} P {precision:5.2f}  R {recall:5.2f}   (tp {tp}, fp {fp}, fn {fn})")
            total = totals.setdefault(kind, [0, 0, 0])
            total[0], total[1], total[2] = total[0] + tp, total[1] + fp, total[2] + fn
    write(f"all {len(quality)} articles (micro-averaged)")
    for kind, (tp, fp, fn) in totals.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        write(f"  {kind:<15} P {precision:5.2f}  R {recall:5.2f}   (tp {tp}, fp {fp}, fn {fn})")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the decision scores, precision and recall per article, the graphql-http audit."""
    _decision_summary(terminalreporter)
    _quality_summary(terminalreporter)
    for line in _gathered(terminalreporter, AUDIT_PROPERTY):
        terminalreporter.write_line(f"graphql-http audit: {line}")
