"""The embedded store's readers: a connection per reading thread, and a time limit per query.

SQLite in WAL mode lets any number of connections read while one writes, each reading
the last state committed when its statement (or read transaction) began. So reads never
share the writer's connection nor each other's: :class:`ReaderPool` lends each reading
thread a connection of its own for the length of a query (kept for the next one, up to
``keep`` idle ones) and opens another when all are lent. Every connection is opened
read-only (graph/backends/sqlopen.py: ``query_only``; ``mode=ro`` or ``immutable`` when the
file cannot be written).

A query past its time limit is stopped by SQLite's progress handler, which aborts the
statement (``interrupted``) and leaves the connection usable: the reading thread gets a
:class:`~enforcegraph.schema.errors.QueryTimeout` and the connection goes back to the pool.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

__all__ = ["PROGRESS_STEPS", "ReaderPool"]

PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two looks at the clock (~10-50 us)


class ReaderPool:
    """Read connections to one database file, lent one per reading thread at a time."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, keep: int = 8) -> None:
        self._connect = connect
        self._keep = keep
        self._idle: list[sqlite3.Connection] = []
        self._lent: set[sqlite3.Connection] = set()
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def reader(self, timeout: float | None) -> Iterator[sqlite3.Connection]:
        """A connection of this thread's own until the block ends; each statement run in
        it is interrupted once ``timeout`` seconds (None: no limit) have passed since the
        block began."""
        conn = self._borrow()
        if timeout is not None and timeout > 0:
            deadline = time.monotonic() + timeout
            conn.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
        try:
            yield conn
        finally:
            conn.set_progress_handler(None, 0)
            if conn.in_transaction:  # a read transaction left open by an error
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            self._give_back(conn)

    def _borrow(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            conn = self._idle.pop() if self._idle else None
            if conn is not None:
                self._lent.add(conn)
                return conn
        conn = self._connect()  # outside the lock: opening reads the schema
        with self._lock:
            if self._closed:
                conn.close()
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            self._lent.add(conn)
        return conn

    def _give_back(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            self._lent.discard(conn)
            if not self._closed and len(self._idle) < self._keep:
                self._idle.append(conn)
                return
        conn.close()

    @property
    def open_connections(self) -> int:
        """Connections open now, lent or idle."""
        with self._lock:
            return len(self._idle) + len(self._lent)

    def close(self) -> None:
        """Close every connection: idle ones at once; lent ones are interrupted (their
        query fails) and closed when given back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            lent = list(self._lent)
        for conn in lent:
            with suppress(sqlite3.Error):
                conn.interrupt()
        for conn in idle:
            conn.close()
