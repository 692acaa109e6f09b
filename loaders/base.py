"""What every loader shares: the Loader contract and the registry of formats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from enforcegraph.loaders.limits import InputLimits, check_batch
from enforcegraph.schema.errors import EnforcegraphError, FieldError, InvalidData
from enforcegraph.schema.records import Batch

__all__ = ["FORMATS", "LoadFormat", "dataset_name", "fail", "guess_format", "read_batch", "register_format"]



class Reader(Protocol):
    """Reads one input (within the limits) into a batch, every record located."""

    def __call__(self, path: Path, limits: InputLimits | None = None, /) -> Batch: ...


@dataclass(frozen=True)
class LoadFormat:
    """A named input format: which files it reads and how."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    read: Reader
    folders: bool = False  # reads a folder (neo4j-csv) rather than one file


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
        neo4jcsv,  # noqa: F401
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


def read_batch(path: Path, format_name: str | None = None, limits: InputLimits | None = None) -> Batch:
    """Read a file into a validated-later batch, with every record located; the file,
    its lines, records and record count stay within ``limits``."""
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
    batch = fmt.read(path, limits)
    check_batch(path, batch, limits)
    batch.dataset = batch.dataset or dataset_name(name, path)
    return batch


def dataset_name(format_name: str, path: Path) -> str:
    """The dataset a user's file is recorded as: ``FORMAT:FILE NAME``."""
    return f"{format_name}:{path.name}"
