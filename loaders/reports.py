"""Loading a file, with a data-quality report for the formats that keep one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from enforcegraph.loaders.base import BATCH_RECORDS, read_batch, read_batches
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch

__all__ = ["load_with_report", "stream_with_report", "write_errors"]


def write_errors(report: Path, path: Path, exc: InvalidData) -> None:
    """Every error of a failed load, as JSON, to ``report`` (the CLI prints the first
    ones); ``exc`` then says where they are."""
    errors = [{"file": e.file, "record": e.record, "field": e.field, "message": e.message}
              for e in exc.errors]
    document = {"file": str(path), "loaded": False, "error_count": len(errors), "errors": errors}
    report.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    exc.kept_in = str(report)


def load_with_report(
    path: Path, format_name: str | None, report: Path | None, limits: InputLimits | None = None
) -> Batch:
    """Read ``path`` within ``limits``; where the format keeps a quality report, write it
    to ``report``."""
    batch = read_batch(path, format_name, limits)
    quality = getattr(batch, "report", None)
    if report is not None and quality is not None:
        quality.write(report)
    return batch


def stream_with_report(
    path: Path, format_name: str | None, report: Path | None, limits: InputLimits | None = None,
    size: int = BATCH_RECORDS,
) -> Iterator[Batch]:
    """:func:`load_with_report` as a stream of batches (loaders/base.py ``read_batches``);
    a format's quality report covers the whole file and is written once it is read."""
    batches = read_batches(path, format_name, limits, size)

    def reported() -> Iterator[Batch]:
        quality = None
        for batch in batches:
            quality = getattr(batch, "report", None) or quality
            yield batch
        if report is not None and quality is not None:
            quality.write(report)

    return reported()
