"""What every loader shares: the Loader contract and the registry of formats."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from enforcegraph.loaders.limits import InputLimits, check_batch
from enforcegraph.schema.errors import EnforcegraphError, FieldError, InvalidData
from enforcegraph.schema.records import Batch

__all__ = [
    "BATCH_RECORDS",
    "FORMATS",
    "LoadFormat",
    "dataset_name",
    "fail",
    "guess_format",
    "read_batch",
    "read_batches",
    "register_format",
]

BATCH_RECORDS = 20_000  # records in one batch of a stream (~20-60 MB of Python objects)



class Reader(Protocol):
    """Reads one input (within the limits) into a batch, every record located."""

    def __call__(self, path: Path, limits: InputLimits | None = None, /) -> Batch: ...


class Streamer(Protocol):
    """Reads one input (within the limits) as batches of at most ``size`` records."""

    def __call__(self, path: Path, limits: InputLimits | None = None,
                 size: int = BATCH_RECORDS, /) -> Iterator[Batch]: ...


@dataclass(frozen=True)
class LoadFormat:
    """A named input format: which files it reads and how."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    read: Reader
    folders: bool = False  # reads a folder (neo4j-csv) rather than one file
    stream: Streamer | None = None  # reads in batches (else ``read`` gives the one batch)


FORMATS: dict[str, LoadFormat] = {}


def register_format(fmt: LoadFormat) -> None:
    """Add a format to the registry (loaders call this at import)."""
    FORMATS[fmt.name] = fmt


def fail(file: Path | str, record: str, field: str, message: str) -> InvalidData:
    """An InvalidData for one located problem (raise it)."""
    return InvalidData([FieldError(str(file), record, field, message)])


def _load_builtin_formats() -> None:
    from enforcegraph.loaders import (
        casefile,  # noqa: F401  (registers itself)
        ftm,  # noqa: F401
        gdprfines,  # noqa: F401
        gdprhub,  # noqa: F401
        neo4jcsv,  # noqa: F401
        tracker,  # noqa: F401
    )


def guess_format(path: Path) -> str:
    """The format of a file, from its suffix (the longest matching suffix wins: a
    ``.ftm.json`` file is FtM, not a case file)."""
    _load_builtin_formats()
    if path.is_dir() and any(path.glob("nodes*.csv")):
        return "neo4j-csv"
    if path.is_dir():
        raise EnforcegraphError(f"{path}: is a folder with no nodes*.csv; give the files in it "
                                f"(e.g. {path}/*.yaml)")
    name = path.name.lower()
    matches = [(len(s), fmt.name) for fmt in FORMATS.values() for s in fmt.suffixes if name.endswith(s)]
    if matches:
        return max(matches)[1]
    known = ", ".join(sorted(FORMATS))
    raise EnforcegraphError(f"{path}: cannot tell the format from the name; use --format ({known})")


def _format_of(path: Path, format_name: str | None) -> LoadFormat:
    _load_builtin_formats()
    if not path.exists():
        raise EnforcegraphError(f"{path}: no such file")
    name = format_name or guess_format(path)
    fmt = FORMATS.get(name)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise EnforcegraphError(f"unknown format {name!r} (known: {known})")
    if path.is_dir() and not fmt.folders:
        folders = ", ".join(sorted(f.name for f in FORMATS.values() if f.folders))
        raise EnforcegraphError(f"{path}: is a folder; give the files in it (e.g. {path}/*.yaml), "
                                f"or a folder format ({folders})")
    return fmt


def read_batch(path: Path, format_name: str | None = None, limits: InputLimits | None = None) -> Batch:
    """Read a file into a validated-later batch, with every record located; the file,
    its lines, records and record count stay within ``limits``."""
    fmt = _format_of(path, format_name)
    batch = fmt.read(path, limits)
    check_batch(path, batch, limits)
    batch.dataset = batch.dataset or dataset_name(fmt.name, path)
    return batch


def read_batches(path: Path, format_name: str | None = None, limits: InputLimits | None = None,
                 size: int = BATCH_RECORDS) -> Iterator[Batch]:
    """Read a file as batches of at most ``size`` records (formats that stream; the others
    give their one batch), within ``limits`` as :func:`read_batch` is; every batch names
    the file's dataset. The format is checked before the first batch is asked for."""
    fmt = _format_of(path, format_name)
    if fmt.stream is None:
        return iter([read_batch(path, fmt.name, limits)])
    stream = fmt.stream
    dataset = dataset_name(fmt.name, path)

    def batches() -> Iterator[Batch]:
        before = 0
        for batch in stream(path, limits, size):
            check_batch(path, batch, limits, before)
            before += len(batch)
            batch.dataset = batch.dataset or dataset
            yield batch

    return batches()


def dataset_name(format_name: str, path: Path) -> str:
    """The dataset a user's file is recorded as: ``FORMAT:FILE NAME``."""
    return f"{format_name}:{path.name}"
