"""Loading a file, with a data-quality report: the one a format keeps (its repairs, held-back
rows and notes), else a plain one (``records-as-written``: what was loaded, by label and
relationship type; such formats repair nothing, and an invalid record fails the load)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from enforcegraph.loaders.base import BATCH_RECORDS, guess_format, read_batch, read_batches
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.loaders.quality import QualityReport
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.records import Batch

__all__ = ["load_with_report", "plain_report", "report_path", "reported_batches", "stream_with_report",
           "write_errors"]


def report_path(report: Path, source: str, number: int, sources: int) -> Path:
    """Where the report of the ``number``-th (from 1) of ``sources`` inputs goes: ``report``
    itself for one input; for several, one file each beside it, named by position and input
    (``quality.json`` -> ``quality.2-enforcementtracker.json``), so none overwrites another."""
    if sources <= 1:
        return report
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(source).stem)[:60] or "input"
    return report.with_name(f"{report.stem}.{number}-{name}{report.suffix}")


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
    if report is not None:
        (quality or plain_report(str(path), format_name or guess_format(path), [batch])).write(report)
    return batch


def stream_with_report(
    path: Path, format_name: str | None, report: Path | None, limits: InputLimits | None = None,
    size: int = BATCH_RECORDS,
) -> Iterator[Batch]:
    """:func:`load_with_report` as a stream of batches (loaders/base.py ``read_batches``);
    a format's quality report covers the whole file and is written once it is read."""
    batches = read_batches(path, format_name, limits, size)
    return reported_batches(batches, str(path), format_name or guess_format(path), report)


def reported_batches(batches: Iterable[Batch], file: str, format_name: str,
                     report: Path | None) -> Iterator[Batch]:
    """The batches, and once they are read the report at ``report``: the format's own
    quality report, else :func:`plain_report`."""
    quality = None
    seen = Counter[str](), Counter[str]()
    for batch in batches:
        quality = getattr(batch, "report", None) or quality
        seen[0].update(n.label for n in batch.nodes)
        seen[1].update(r.type for r in batch.relationships)
        yield batch
    if report is not None:
        (quality or _plain(file, format_name, *seen)).write(report)


def plain_report(file: str, format_name: str, batches: Iterable[Batch]) -> QualityReport:
    """The report of a format that keeps none (case files, FtM, ...): every record as
    written, counted by node label and relationship type."""
    nodes, rels = Counter[str](), Counter[str]()
    for batch in batches:
        nodes.update(n.label for n in batch.nodes)
        rels.update(r.type for r in batch.relationships)
    return _plain(file, format_name, nodes, rels)


def _plain(file: str, format_name: str, nodes: Counter[str], rels: Counter[str]) -> QualityReport:
    records = sum(nodes.values()) + sum(rels.values())
    report = QualityReport(file, format_name, rows_read=records, rows_loaded=records)
    report.figures = {"nodes": sum(nodes.values()), "relationships": sum(rels.values()),
                      "nodes_by_label": dict(sorted(nodes.items())),
                      "relationships_by_type": dict(sorted(rels.items()))}
    report.note(file, "-", "records-as-written",
                f"format {format_name} keeps no repairs: every record is loaded as written (rows "
                "are records: nodes and relationships); an invalid record fails the whole load")
    return report
