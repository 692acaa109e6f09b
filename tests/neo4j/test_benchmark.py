"""benchmarks/neo4j_load.py runs end to end at a tiny size (the benchmark is not a test)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.neo4j
REPO = Path(__file__).resolve().parents[2]


def test_neo4j_load_benchmark_at_a_tiny_size(neo4j_server: Any, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(
        "# Results\n\n## Someone else's section\n\nkept as it is\n\n"
        "<!-- neo4j_load:start (old) -->\nstale numbers\n<!-- neo4j_load:end -->\n\n## Last\n",
        "utf-8",
    )
    command = [sys.executable, "-m", "benchmarks.neo4j_load", "--uri", neo4j_server.uri,
               "--firms", "40", "--per-row", "60", "--write", "--results", str(results)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text("utf-8")
    assert "kept as it is" in text and text.rstrip().endswith("## Last")
    assert "stale numbers" not in text and text.count("<!-- neo4j_load:start") == 1
    rates = re.findall(r"^\| (store upsert|bare UNWIND|one MERGE per row).*\| ([\d,]+) \|$", text, re.M)
    assert [name for name, _ in rates] == ["store upsert", "bare UNWIND", "one MERGE per row"]
    assert all(int(rate.replace(",", "")) > 0 for _, rate in rates)
    assert re.search(r"upsert / bare UNWIND: \*\*[\d.]+x\*\*", text)
    assert re.search(r"upsert / MERGE per row: \*\*[\d.]+x\*\*", text)
    per_row = re.search(r"^\| one MERGE per row \| ([\d,]+) \|", text, re.M)
    assert per_row and 30 <= int(per_row.group(1)) <= 60  # 30 nodes, then relationships
