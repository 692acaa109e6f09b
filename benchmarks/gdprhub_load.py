"""Load time of the GDPRhub snapshot (gdprhub-csv, gdprhub-json), embedded.

    python -m benchmarks.gdprhub_load [--dir PATH] [--repeats N] [--synthetic ROWS] [--out JSON]

Each repeat loads the CSV download into a fresh embedded store the way ``enforcegraph
load FILE`` does (the format's stream of batches: both passes over the file, cleaning,
validation and the write in one transaction; linkage not included), loads it again (an
unchanged reload), then loads the API sample on top. With ``--synthetic ROWS``, an API
file of that many rows (the sample's rows again and again, each with a case number of
its own, written to a temporary folder and deleted after) is loaded into a fresh store
in a child process, to show the JSON read a row at a time: rows per second and the
child's peak RSS. Reports medians and ranges, rows and records per second, peak RSS.
The snapshot is read in place (../shared/data): it is never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.loadtime import timed_load

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "gdprhub-2024"


CPU: list[float] = []  # CPU seconds of each load (the machine's cores may be shared)


def _load(path: Path, fmt: str, db: Path) -> tuple[float, int, int]:
    """Seconds, rows loaded and records written by one load into ``db``."""
    seconds, cpu_s, rows, records = timed_load(path, fmt, db)
    CPU.append(cpu_s)
    return seconds, rows, records


def _synthetic(sample: Path, rows: int, out: Path) -> None:
    """An API file of ``rows`` rows made from the sample's (case numbers made unique)."""
    source = [r for r in json.loads(sample.read_text("utf-8"))["rows"] if r["content"].get("dpa")]
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f'{{"total": {rows}, "rows": [')
        for index in range(rows):
            row = json.loads(json.dumps(source[index % len(source)]))
            row["content"]["case_nr_name"] = f"SYN-{index:07d}"
            row["content"]["text"] = {"summary": f"Synthetic decision {index}."}
            row["wiki"] = {}
            handle.write(("," if index else "") + json.dumps(row, ensure_ascii=False))
        handle.write("]}")


def _child(path: Path) -> None:
    """Load ``path`` (gdprhub-json) into a fresh store; print seconds, rows, peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        seconds, rows, records = _load(path, "gdprhub-json", Path(tmp) / "graph.sqlite")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_s": CPU[-1], "rows": rows, "records": records,
                      "peak_rss_mib": rss}))


def run(folder: Path, repeats: int, synthetic: int) -> dict[str, Any]:
    csv_path, json_path = folder / "gdprhub-decisions.csv", folder / "gdprhub-api-sample.json"
    first: list[float] = []
    again: list[float] = []
    sample: list[float] = []
    first_cpu: list[float] = []
    rows = records = 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "graph.sqlite"
            seconds, rows, records = _load(csv_path, "gdprhub-csv", db)
            first.append(seconds)
            first_cpu.append(CPU[-1])
            again.append(_load(csv_path, "gdprhub-csv", db)[0])
            sample.append(_load(json_path, "gdprhub-json", db)[0])
    median = statistics.median(first)
    result: dict[str, Any] = {
        "csv": str(csv_path), "csv_bytes": csv_path.stat().st_size, "rows": rows, "records": records,
        "repeats": repeats, "load_s_median": round(median, 3),
        "load_s_range": [round(min(first), 3), round(max(first), 3)],
        "reload_s_median": round(statistics.median(again), 3),
        "api_sample_on_top_s_median": round(statistics.median(sample), 3),
        "load_cpu_s_median": round(statistics.median(first_cpu), 3),
        "rows_per_s": round(rows / median), "records_per_s": round(records / median),
        "rows_per_cpu_s": round(rows / statistics.median(first_cpu)),
        "load_average_1m": round(os.getloadavg()[0], 1), "cpus": os.cpu_count(),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    if synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "synthetic.gdprhub.json"
            _synthetic(json_path, synthetic, big)
            done = subprocess.run([sys.executable, "-m", "benchmarks.gdprhub_load", "--child", str(big)],
                                  capture_output=True, text=True, check=True)
            child = json.loads(done.stdout.strip().splitlines()[-1])
            result["synthetic_json"] = {
                "rows": child["rows"], "bytes": big.stat().st_size, "records": child["records"],
                "load_s": round(child["seconds"], 2), "load_cpu_s": round(child["cpu_s"], 2),
                "rows_per_s": round(child["rows"] / child["seconds"]),
                "rows_per_cpu_s": round(child["rows"] / child["cpu_s"]),
                "peak_rss_mib": round(child["peak_rss_mib"], 1)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=0, help="rows of a synthetic API file (0: none)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "collections" / "gdprhub.json")
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    result = run(args.dir, args.repeats, args.synthetic)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
