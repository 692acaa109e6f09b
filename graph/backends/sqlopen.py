"""Opening the embedded store's file read-only, and naming what went wrong when a write fails.

Read-only commands (``stats``, ``query``, ``serve`` ...) never create a store (a missing
file is an error, not a new empty store), never write its schema and cannot change it:

- a file this process may write is opened without ``create`` and with ``query_only``, so
  SQLite refuses every change, and the last reader still removes the WAL files on close;
- a file it may not write is opened ``mode=ro``;
- a WAL-mode file in a folder nobody may write to cannot be opened that way (SQLite
  cannot make its ``-shm`` index there); since no process can write to it either, it is
  then opened ``immutable``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from enforcegraph.schema.errors import StoreError

__all__ = ["open_read_only", "write_failure"]

log = logging.getLogger(__name__)


def _connect(path: Path, options: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?{options}"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA query_only = ON")
        # reading the catalogue is the first real read: it fails here, not in a query
        found = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='nodes'"
        ).fetchone()[0]
    except sqlite3.Error:
        conn.close()
        raise
    if not found:
        conn.close()
        raise StoreError(f"{path} is not an enforcegraph store (load data first)")
    return conn


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing store; StoreError when there is none."""
    if not path.exists():
        raise StoreError(f"no store at {path} (load data first)")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        return _connect(path, "mode=rw" if writable else "mode=ro")
    except sqlite3.Error as exc:
        if os.access(path.parent, os.W_OK):
            raise StoreError(f"cannot open the embedded store at {path}: {exc}") from exc
        log.debug("%s: opened immutable (%s; its folder is read-only)", path, exc)
    try:
        return _connect(path, "mode=ro&immutable=1")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the embedded store at {path}: {exc}") from exc


def write_failure(path: Path, exc: sqlite3.Error) -> str:
    """One line saying why a write transaction failed (it has been rolled back)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return f"cannot write to the store at {path}: the disk is full (nothing was written)"
    if code == sqlite3.SQLITE_READONLY:
        return f"cannot write to the store at {path}: it is read-only (nothing was written)"
    return f"embedded store write failed at {path}: {exc} (nothing was written)"
