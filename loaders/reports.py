"""Loading a file, with a data-quality report for the formats that keep one."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.loaders.base import read_batch
from enforcegraph.schema.records import Batch

__all__ = ["load_with_report"]


def load_with_report(path: Path, format_name: str | None, report: Path | None) -> Batch:
    """Read ``path``; where the format keeps a quality report, write it to ``report``."""
    batch = read_batch(path, format_name)
    quality = getattr(batch, "report", None)
    if report is not None and quality is not None:
        quality.write(report)
    return batch
