"""Delimited text files (TSV, CSV) read strictly: every problem named by file, line and field."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from enforcegraph.loaders.base import fail
from enforcegraph.loaders.limits import InputLimits, read_input, read_lines
from enforcegraph.schema.errors import FieldError, InvalidData

__all__ = ["Row", "decode_text", "iter_table", "read_table"]

_OTHER_DELIMITERS = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}


@dataclass(frozen=True)
class Row:
    """One record of a table: its first physical line and its cells by column."""

    line: int
    cells: dict[str, str]

    @property
    def record(self) -> str:
        """How errors name the record."""
        return f"line {self.line}"


def decode_text(path: Path, delimiter: str | None = None, limits: InputLimits | None = None) -> str:
    """The file as UTF-8 text, read within ``limits``; InvalidData naming the line (and
    column) of the first bad byte."""
    data = read_input(path, limits)
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data[: exc.start].count(b"\n") + 1
        column = "-"
        if delimiter is not None:
            header = data.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r").split(delimiter)
            index = data[line_start : exc.start].count(delimiter.encode())
            column = header[index] if line > 1 and index < len(header) else column
        raise fail(
            path, f"line {line}", column, f"not UTF-8 text: byte 0x{data[exc.start]:02x} ({exc.reason})"
        ) from None


def _check_header(
    path: Path, header: list[str], expected: Sequence[str], exact: bool, delimiter: str
) -> None:
    name = _OTHER_DELIMITERS.get(delimiter, repr(delimiter))
    if len(header) == 1 and len(expected) > 1:
        hint = next((f" (the file looks {other}-separated)" for d, other in _OTHER_DELIMITERS.items()
                     if d != delimiter and header[0].count(d) >= len(expected) // 2), "")
        raise fail(path, "line 1", "header",
                   f"one column only: expected {name}-separated columns {list(expected)}{hint}")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise fail(path, "line 1", repeated[0], f"column given more than once: {repeated}")
    missing = [c for c in expected if c not in header]
    if expected and len(missing) == len(expected):
        raise fail(path, "line 1", "header",
                   f"no header row: expected columns {list(expected)}, line 1 is {header[:4]}...")
    if missing or (exact and header != list(expected)):
        raise fail(path, "line 1", "header",
                   f"expected columns {list(expected)}, found {header} (missing: {missing})")


def read_table(
    path: Path,
    expected: Sequence[str],
    *,
    delimiter: str = "\t",
    exact: bool = True,
    final_newline: bool = False,
    limits: InputLimits | None = None,
) -> tuple[list[str], list[Row]]:
    """Header and rows of a delimited file with a header row.

    The header must hold ``expected`` (exactly, with ``exact``); every row must have as
    many fields as the header; with ``final_newline`` a missing last newline is taken for
    truncation. Errors list every bad row at once. The file is read within ``limits``.
    """
    text = decode_text(path, delimiter, limits)
    if not text.strip():
        raise fail(path, "line 1", "header", "the file is empty")
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise fail(path, "line 1", "header", f"unreadable header: {exc}") from None
    _check_header(path, header, expected, exact, delimiter)
    errors: list[FieldError] = []
    rows = list(_rows(path, reader, header, errors, lambda: reader.line_num == len(lines)))
    if final_newline and not lines[-1].endswith(("\n", "\r")) and not errors:
        errors.append(FieldError(str(path), f"line {len(lines)}", "-",
                                 "no final newline: the file may be truncated"))
    if errors:
        raise InvalidData(errors)
    return header, rows


class _Lines:
    """A file's lines as text, one line ahead (so the last is known as it is handed out);
    a line that is not UTF-8 fails naming its line and, past the header, its column."""

    def __init__(self, path: Path, delimiter: str, limits: InputLimits | None) -> None:
        self.path = path
        self.delimiter = delimiter
        self.raw = read_lines(path, limits)
        self.number = 0
        self.header: list[str] = []
        self.next = self._decode(next(self.raw, None))
        if self.next is not None and self.next.startswith("\ufeff"):
            self.next = self.next[1:]

    def _decode(self, data: bytes | None) -> str | None:
        if data is None:
            return None
        self.number += 1
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = "-"
            if self.number > 1 and self.header:
                index = data[: exc.start].count(self.delimiter.encode())
                column = self.header[index] if index < len(self.header) else column
            raise fail(self.path, f"line {self.number}", column,
                       f"not UTF-8 text: byte 0x{data[exc.start]:02x} ({exc.reason})") from None

    @property
    def at_end(self) -> bool:
        """True once the last line has been handed out."""
        return self.next is None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.next
        if line is None:
            raise StopIteration
        self.next = self._decode(next(self.raw, None))
        return line


def iter_table(
    path: Path,
    expected: Sequence[str],
    errors: list[FieldError],
    *,
    delimiter: str = "\t",
    exact: bool = True,
    limits: InputLimits | None = None,
) -> tuple[list[str], Iterator[Row]]:
    """Header and rows of a delimited file, as :func:`read_table` gives them, but read as
    the rows are taken (memory holds one row at a time). The header is checked at once;
    a broken row is added to ``errors`` (the caller raises them) and reading goes on."""
    lines = _Lines(path, delimiter, limits)
    if lines.next is None or not lines.next.strip():
        if lines.next is None or _blank(lines):
            raise fail(path, "line 1", "header", "the file is empty")
        raise fail(path, "line 1", "header", "the header row is blank")
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise fail(path, "line 1", "header", f"unreadable header: {exc}") from None
    _check_header(path, header, expected, exact, delimiter)
    lines.header = header

    return header, _rows(path, reader, header, errors, lambda: lines.at_end)


class _Reader(Protocol):
    """What a ``csv.reader`` is to :func:`_rows`."""

    line_num: int

    def __next__(self) -> list[str]: ...


def _rows(path: Path, reader: _Reader, header: list[str], errors: list[FieldError],
          at_end: Callable[[], bool]) -> Iterator[Row]:
    """The rows ``reader`` gives after the header, each with its first line; a broken row
    goes to ``errors`` (``at_end``: whether the reader has taken the file's last line)."""
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(FieldError(str(path), f"line {start}", "-", f"unreadable record: {exc}"))
            return
        if not cells and reader.line_num == start:  # a blank line
            start = reader.line_num + 1
            continue
        if len(cells) != len(header):
            where = "truncated or broken record" if at_end() else "broken record"
            column = header[len(cells)] if len(cells) < len(header) else "(extra field)"
            errors.append(FieldError(str(path), f"line {start}", column,
                                     f"{len(cells)} fields, expected {len(header)} ({where})"))
        else:
            yield Row(start, dict(zip(header, cells, strict=True)))
        start = reader.line_num + 1


def _blank(lines: _Lines) -> bool:
    """Whether every line left is blank (reads them)."""
    return all(not line.strip() for line in lines)
