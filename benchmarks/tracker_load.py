"""Load time of the CMS Enforcement Tracker snapshot (enforcement-tracker-json), embedded.

    python -m benchmarks.tracker_load [--file PATH] [--repeats N] [--out JSON]

Each repeat loads the file into a fresh embedded store the way ``enforcegraph load FILE``
does (the format's stream of batches, read, cleaned, validated and written in one
transaction, linkage not included; imports done before), then loads it again (an
unchanged reload). Reports the median and range of both, rows and records per second,
the process's peak RSS and the machine's load average (the 2 cores are shared).
The snapshot is read in place (../shared/data): it is never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.loadtime import timed_load

DEFAULT_FILE = (Path(__file__).resolve().parents[2] / "shared" / "data" / "enforcement-tracker-2024"
                / "enforcementtracker.json")
FORMAT = "enforcement-tracker-json"


def _load(path: Path, db: Path) -> tuple[float, int, int]:
    """Seconds, rows loaded and records written by one load into ``db``."""
    seconds, _, rows, records = timed_load(path, FORMAT, db)
    return seconds, rows, records


def run(path: Path, repeats: int) -> dict[str, Any]:
    from enforcegraph.graph.analytics.rates import ecb_rates
    from enforcegraph.loaders.base import guess_format

    guess_format(path)  # imports every format's modules before the clock starts
    ecb_rates()
    first: list[float] = []
    again: list[float] = []
    rows = records = 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "graph.sqlite"
            seconds, rows, records = _load(path, db)
            first.append(seconds)
            again.append(_load(path, db)[0])
    median = statistics.median(first)
    return {
        "file": str(path), "bytes": path.stat().st_size, "rows": rows, "records": records,
        "repeats": repeats, "load_s_median": round(median, 3),
        "load_s_range": [round(min(first), 3), round(max(first), 3)],
        "reload_s_median": round(statistics.median(again), 3),
        "rows_per_s": round(rows / median), "records_per_s": round(records / median),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parent / "results" / "collections" / "tracker.json")
    args = parser.parse_args()
    result = run(args.file, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
