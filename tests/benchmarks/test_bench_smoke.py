"""The benchmark code runs end to end at a tiny size (benchmarks are not tests)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *extra: str) -> dict[str, object]:
    markdown = tmp_path / "RESULTS.md"
    markdown.write_text("# Results\n\n## Someone else's section\n\nkept as it is\n", "utf-8")
    command = [sys.executable, "-m", "benchmarks.run", "--sizes", "300", "--load-repeats", "2",
               "--headline-repeats", "3", "--count-repeats", "2", "--workdir", str(tmp_path / "w"),
               "--results", str(tmp_path / "results"), "--markdown", str(markdown), *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    text = markdown.read_text("utf-8")
    assert "kept as it is" in text
    assert "### Load throughput" in text and "### Headline traversal" in text
    result: dict[str, object] = json.loads((tmp_path / "results" / "300.json").read_text())
    return result


def test_embedded_benchmarks_run_at_a_tiny_size(tmp_path: Path) -> None:
    result = _run(tmp_path, "--skip", "graphql,neo4j")
    embedded = result["embedded"]
    assert isinstance(embedded, dict)
    assert embedded["records"] > 2000
    assert embedded["load_rps"]["n"] == 2 and embedded["load_rps"]["median"] > 0
    assert embedded["floor_rps"]["median"] > 0
    headline = embedded["headline"]
    assert headline["same_answer"] is True  # the hand-written SQL gives the store's answer
    assert headline["count"] > 0 and headline["page"]["p99_ms"] >= headline["page"]["p50_ms"]
    analytics = embedded["analytics"]
    assert analytics["nodes"] > 1000 and analytics["pagerank_s"]["median"] > 0
    if "igraph_components_s" in analytics:
        assert analytics["same_components"] is True
    assert embedded["rss_peak_mib"] > 10


def test_graphql_benchmark_runs_against_both_servers(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:  # make test installs it (scripts/install-system-packages.sh)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("wrk is not installed: scripts/install-system-packages.sh test")
        pytest.skip("wrk is not installed: scripts/install-system-packages.sh test")
    result = _run(tmp_path, "--skip", "neo4j,analytics", "--duration", "1",
                  "--graphql-repeats", "1", "--load-repeats", "1")
    graphql = result["graphql"]
    assert isinstance(graphql, dict)
    for name in ("api_node", "floor_node", "api_headline", "floor_headline"):
        assert graphql[name]["answer_ok"] is True, graphql[name]
        assert graphql[name]["rps"]["median"] > 0
    assert graphql["api_rss"]["total_mib"] > 10
