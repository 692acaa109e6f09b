"""Bounds on what ``load`` reads: file size, line length, record size and record count.

Input is read in chunks and given up on as soon as it passes a bound, so ``/dev/zero``
or a file that is one endless line costs at most the bound in memory and time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from enforcegraph.schema.errors import EnforcegraphError, FieldError, InvalidData
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

if TYPE_CHECKING:
    from enforcegraph.graph.settings import Settings

__all__ = ["InputLimits", "check_batch", "read_input", "read_lines"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputLimits:
    """The bounds (see the ``ENFORCEGRAPH_MAX_*`` settings of the same names)."""

    file_bytes: int = 512_000_000
    line_bytes: int = 4_000_000
    record_bytes: int = 4_000_000
    batch_records: int = 5_000_000

    @classmethod
    def from_settings(cls, settings: Settings) -> InputLimits:
        """The bounds a Settings object names."""
        return cls(settings.max_input_bytes, settings.max_line_bytes,
                   settings.max_record_bytes, settings.max_batch_records)


def _too_big(path: Path, record: str, message: str) -> InvalidData:
    return InvalidData([FieldError(str(path), record, "-", message)])


def read_input(path: Path, limits: InputLimits | None = None) -> bytes:
    """The bytes of one input file, read no further than its limits allow.

    Raises :class:`InvalidData` naming the file, the line and the limit when the file is
    larger than ``file_bytes`` or a line longer than ``line_bytes``; a folder is an
    :class:`EnforcegraphError`.
    """
    limits = limits or InputLimits()
    if path.is_dir():
        raise EnforcegraphError(f"{path}: is a folder; give the files in it (e.g. {path}/*.yaml)")
    too_big = _too_big_message(limits)
    try:
        if path.is_file() and path.stat().st_size > limits.file_bytes:
            raise _too_big(path, "-", too_big)
        parts: list[bytes] = []
        total, line, length = 0, 1, 0  # bytes read, current line, its length so far
        with path.open("rb") as handle:
            while chunk := handle.read(min(_CHUNK, limits.file_bytes + 1 - total)):
                total += len(chunk)
                if total > limits.file_bytes:
                    raise _too_big(path, "-", too_big)
                line, length = _check_lines(path, chunk, line, length, limits.line_bytes)
                parts.append(chunk)
    except OSError as exc:
        raise EnforcegraphError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return b"".join(parts)


def _too_big_message(limits: InputLimits) -> str:
    return (f"larger than {limits.file_bytes:,} bytes (ENFORCEGRAPH_MAX_INPUT_BYTES); "
            "split it, or raise the limit")


def read_lines(path: Path, limits: InputLimits | None = None) -> Iterator[bytes]:
    """The lines of one input file (each with its line break), read a chunk at a time
    within the same limits as :func:`read_input`: memory holds one chunk and one line."""
    limits = limits or InputLimits()
    if path.is_dir():
        raise EnforcegraphError(f"{path}: is a folder; give the files in it (e.g. {path}/*.yaml)")
    try:
        if path.is_file() and path.stat().st_size > limits.file_bytes:
            raise _too_big(path, "-", _too_big_message(limits))
        total, line, length = 0, 1, 0
        partial = b""
        with path.open("rb") as handle:
            while chunk := handle.read(min(_CHUNK, limits.file_bytes + 1 - total)):
                total += len(chunk)
                if total > limits.file_bytes:
                    raise _too_big(path, "-", _too_big_message(limits))
                line, length = _check_lines(path, chunk, line, length, limits.line_bytes)
                pieces = (partial + chunk).split(b"\n")
                partial = pieces.pop()
                for piece in pieces:
                    yield piece + b"\n"
        if partial:
            yield partial
    except OSError as exc:
        raise EnforcegraphError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _check_lines(path: Path, chunk: bytes, line: int, length: int, limit: int) -> tuple[int, int]:
    """The line and its length so far after ``chunk``; InvalidData at a line over ``limit``."""

    def too_long(number: int) -> InvalidData:
        return _too_big(path, f"line {number}",
                        f"line longer than {limit:,} bytes (ENFORCEGRAPH_MAX_LINE_BYTES)")

    first = chunk.find(b"\n")
    if first < 0:
        if length + len(chunk) > limit:
            raise too_long(line)
        return line, length + len(chunk)
    if length + first > limit:
        raise too_long(line)
    last = chunk.rfind(b"\n")
    if last - first > limit:  # a whole line inside the chunk may pass the limit
        for offset, piece in enumerate(chunk[first + 1 : last].split(b"\n"), start=1):
            if len(piece) > limit:
                raise too_long(line + offset)
    line += chunk.count(b"\n")
    if len(chunk) - last - 1 > limit:
        raise too_long(line)
    return line, len(chunk) - last - 1


def _size(props: dict[str, object]) -> int:
    try:
        return len(orjson.dumps(props, default=str, option=orjson.OPT_NON_STR_KEYS))
    except (TypeError, orjson.JSONEncodeError):  # an integer beyond 64 bits
        return len(str(props))


def check_batch(path: Path, batch: Batch, limits: InputLimits | None = None, before: int = 0) -> None:
    """InvalidData when the file holds too many records (``before``: how many of its
    records earlier batches held), or one record of the batch is too large."""
    limits = limits or InputLimits()
    count = before + len(batch.nodes) + len(batch.relationships)
    if count > limits.batch_records:
        raise _too_big(path, "-", f"{count:,} records, more than {limits.batch_records:,} "
                       "(ENFORCEGRAPH_MAX_BATCH_RECORDS); split the file, or raise the limit")
    errors: list[FieldError] = []
    records: list[NodeRecord | RelationshipRecord] = [*batch.nodes, *batch.relationships]
    for record in records:
        size = _size(record.properties)
        if size > limits.record_bytes:
            origin = record.origin
            errors.append(FieldError(origin.file if origin else str(path),
                                     origin.record if origin else "-", "-",
                                     f"record of {size:,} bytes, more than {limits.record_bytes:,} "
                                     "(ENFORCEGRAPH_MAX_RECORD_BYTES)"))
    if errors:
        raise InvalidData(errors)
