"""The items of one array in a JSON object, read as a stream (``{"data": [[...], ...]}``).

A collection's export is one JSON object whose rows sit in an array under one key. The
file is read a chunk at a time and each item decoded on its own, so memory holds a chunk
and an item, whatever the file's size; the file stays within ``file_bytes`` and each item
within ``record_bytes`` (:class:`~enforcegraph.loaders.limits.InputLimits`). Values under
other keys are read and dropped. Errors name the file, the line and the item.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enforcegraph.loaders.base import fail
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["Item", "iter_array_items"]

_CHUNK = 1 << 16
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class Item:
    """One item of the array: its position (1-based), the line it starts on, its value."""

    index: int
    line: int
    value: Any


class _Text:
    """The file as text, decoded incrementally, with a cursor and the line it is on."""

    def __init__(self, path: Path, limits: InputLimits) -> None:
        self.path = path
        self.limits = limits
        self.handle = path.open("rb")
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.line = 1
        self.read_bytes = 0
        self.eof = False

    def more(self) -> bool:
        """Read one more chunk into the buffer (dropping what was consumed); False at EOF."""
        if self.eof:
            return False
        chunk = self.handle.read(_CHUNK)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.limits.file_bytes:
            raise fail(self.path, "-", "-", f"larger than {self.limits.file_bytes:,} bytes "
                       "(ENFORCEGRAPH_MAX_INPUT_BYTES); split it, or raise the limit")
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise fail(self.path, f"line {self.line}", "-", f"not UTF-8 text ({exc.reason})") from None
        self.buffer = self.buffer[self.pos:] + text
        self.pos = 0
        self.eof = not chunk
        return bool(chunk) or bool(text)

    def skip_space(self) -> None:
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                if self.buffer[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buffer) or not self.more():
                return

    def peek(self) -> str:
        self.skip_space()
        return self.buffer[self.pos] if self.pos < len(self.buffer) else ""

    def expect(self, chars: str, what: str) -> str:
        found = self.peek()
        if not found or found not in chars:
            shown = repr(found) if found else "the end of the file"
            raise fail(self.path, f"line {self.line}", "-", f"expected {what}, found {shown}")
        self.pos += 1
        return found

    def value(self, where: str) -> Any:
        """Decode the JSON value at the cursor, reading more until it is whole."""
        self.skip_space()
        decoder = json.JSONDecoder()
        while True:
            try:
                value, end = decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buffer) - self.pos > self.limits.record_bytes:
                    raise fail(self.path, f"line {self.line}", "-",
                               f"{where} longer than {self.limits.record_bytes:,} characters "
                               "(ENFORCEGRAPH_MAX_RECORD_BYTES)") from None
                if self.more():
                    continue
                line = self.line + self.buffer.count("\n", self.pos, exc.pos)
                raise fail(self.path, f"line {line}", "-", f"{where}: not JSON ({exc.msg})") from None
            # the whole buffer may have decoded a number cut short by the chunk end
            if end == len(self.buffer) and not self.eof and self.more():
                continue
            self.line += self.buffer.count("\n", self.pos, end)
            self.pos = end
            return value

    def close(self) -> None:
        self.handle.close()


def iter_array_items(path: Path, key: str, limits: InputLimits | None = None,
                     others: dict[str, Any] | None = None) -> Iterator[Item]:
    """Each item of the array under ``key`` of the top-level object in ``path``; the
    values of the other members go to ``others`` when given (else they are dropped).

    InvalidData names the line when the file is not such an object, has no ``key``, holds
    something else there, is cut short, or passes a limit.
    """
    limits = limits or InputLimits()
    if path.is_dir():
        raise EnforcegraphError(f"{path}: is a folder; give the file")
    try:
        text = _Text(path, limits)
    except OSError as exc:
        raise EnforcegraphError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        yield from _items(path, text, key, others)
    except OSError as exc:
        raise EnforcegraphError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        text.close()


def _items(path: Path, text: _Text, key: str, others: dict[str, Any] | None) -> Iterator[Item]:
    text.expect("{", "a JSON object ({)")
    found = False
    first = True
    while True:
        if text.peek() == "}":
            text.pos += 1
            break
        if not first:
            text.expect(",", "',' or '}' between the object's members")
        first = False
        name = text.value("a member name")
        if not isinstance(name, str):
            raise fail(path, f"line {text.line}", "-", f"expected a member name, found {name!r}")
        text.expect(":", "':' after a member name")
        if name != key:
            value = text.value(f"the value of {name!r}")
            if others is not None:
                others[name] = value
            continue
        found = True
        text.expect("[", f"an array ([) under {key!r}")
        index = 0
        while True:
            if text.peek() == "]":
                text.pos += 1
                break
            if index:
                text.expect(",", f"',' or ']' between the items of {key!r}")
            index += 1
            text.skip_space()
            line = text.line
            yield Item(index, line, text.value(f"item {index} of {key!r}"))
    if not found:
        raise fail(path, "line 1", key, f"no {key!r} member: not the expected export")
    if text.peek():
        raise fail(path, f"line {text.line}", "-", "text after the end of the JSON object")

