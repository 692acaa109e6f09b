"""One timed load of a file into an embedded store, the way ``enforcegraph load FILE`` does."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.loaders.reports import stream_with_report

__all__ = ["timed_load"]


def timed_load(path: Path, fmt: str, db: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, rows loaded and records written by one load of ``path``
    (format ``fmt``'s stream of batches, in one transaction) into ``db``."""
    started, cpu = time.perf_counter(), time.process_time()
    batches = stream_with_report(path, fmt, None)
    records = rows = 0

    def counted() -> Any:
        nonlocal records, rows
        for batch in batches:
            records += len(batch)
            report = getattr(batch, "report", None)
            rows = report.rows_loaded if report is not None else rows
            yield batch

    with EmbeddedStore(db) as store:
        store.upsert_stream(counted())
    cpu_s = time.process_time() - cpu
    return time.perf_counter() - started, cpu_s, rows, records
