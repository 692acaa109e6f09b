"""benchmarks/workbench.py runs end to end at a tiny size, API part (benchmarks are not tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_workbench_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "workbench.json"
    command = [sys.executable, "-m", "benchmarks.workbench", "--firms", "300", "--repeats", "2",
               "--skip-browser", "--work", str(tmp_path / "w"), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))
    table = result["table_api"]
    assert result["firms"] == 300 and table["rows"] > 0
    assert table["first_ms"] > 0 and table["sorted_first_ms"] > 0 and table["whole_answer_kept_s"] > 0
    for part in ("page_before_kept", "offsets_before_kept", "sorted", "filtered", "offsets",
                 "floor_traversal_page"):
        assert table[part]["n"] >= 1 and table[part]["p50"] > 0, part
