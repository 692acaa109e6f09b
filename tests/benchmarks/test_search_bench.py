"""The search benchmark runs end to end at a tiny size (benchmarks are not tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_search_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    markdown = tmp_path / "RESULTS.md"
    markdown.write_text("# Results\n\n## Full-text search (old)\n\nold figures\n\n## Kept\n\nkept\n",
                        "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.search_bench", "--firms", "200", "--repeats", "2",
         "--results", str(tmp_path / "search.json"), "--markdown", str(markdown)],
        cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)},
        timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "search.json").read_text("utf-8"))
    bundled, synthetic = results["parts"]
    hits = {row["query"]: row["total"] for row in bundled["rows"]}
    assert hits["establishment"] > 5 and hits["no place of business"] >= 2
    assert {row["query"]: row["total"] for row in synthetic["rows"]}["synthetic"] >= 200
    assert all(row["graphql_p50_ms"] > 0 and row["store_p99_ms"] >= row["store_p50_ms"]
               for part in results["parts"] for row in part["rows"])
    text = markdown.read_text("utf-8")
    assert "old figures" not in text and "## Kept\n\nkept" in text
    assert text.count("## Full-text search") == 1 and "target 200 ms" in text
