"""One embedded-store run in its own process: load, then the headline and analytics.

``python -m benchmarks.embedded_job --firms N --dir DIR [--headline] [--analytics]``
writes one JSON object (to ``--out`` or stdout); its peak RSS is this process's own (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
from pathlib import Path
from typing import Any

from benchmarks.analytics import analytics_timings
from benchmarks.headline import headline_timings
from benchmarks.load import load_embedded
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.synth import SynthConfig, synth_batches

__all__ = ["main"]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(firms: int, seed: int, folder: Path, headline: bool, analytics: bool,
        headline_repeats: int, count_repeats: int, analytics_repeats: int) -> dict[str, Any]:
    """Load a fresh store in ``folder``; time what was asked; report peak RSS."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("graph.sqlite", "floor.sqlite"):
        for suffix in ("", "-wal", "-shm"):
            (folder / (name + suffix)).unlink(missing_ok=True)
    store = EmbeddedStore(folder / "graph.sqlite")
    result: dict[str, Any] = {"firms": firms, "seed": seed}
    result["load"] = load_embedded(store, folder / "floor.sqlite",
                                   synth_batches(SynthConfig(firms=firms, seed=seed)))
    (folder / "floor.sqlite").unlink(missing_ok=True)
    result["stats"] = store.stats().to_dict()
    files = [folder / name for name in ("graph.sqlite", "graph.sqlite-wal")]
    result["db_mib"] = sum(f.stat().st_size for f in files if f.exists()) / 2**20
    result["rss_after_load_mib"] = _rss_mib()
    if headline:
        conn = sqlite3.connect(folder / "graph.sqlite")
        result["headline"] = headline_timings(store, conn, headline_repeats, count_repeats)
        conn.close()
        result["rss_after_headline_mib"] = _rss_mib()
    if analytics:
        result["analytics"] = analytics_timings(store, analytics_repeats)
        result["rss_after_analytics_mib"] = _rss_mib()
    store.close()
    return result


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firms", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--headline", action="store_true")
    parser.add_argument("--analytics", action="store_true")
    parser.add_argument("--headline-repeats", type=int, default=50)
    parser.add_argument("--count-repeats", type=int, default=10)
    parser.add_argument("--analytics-repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, help="write the JSON here (default: stdout)")
    args = parser.parse_args(argv)
    result = run(args.firms, args.seed, args.dir, args.headline, args.analytics,
                 args.headline_repeats, args.count_repeats, args.analytics_repeats)
    if args.out:
        args.out.write_text(json.dumps(result), "utf-8")
    else:
        json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
