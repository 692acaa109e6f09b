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

Inline reads (graph/store/inline.py: on the event loop, before a deadline) get connections
of their own that never wait for a lock (``busy_timeout`` 0), the deadline as their time
limit, and :class:`~enforcegraph.graph.store.inline.OverBudget` when it stops them or a
lock would have made them wait: the caller then reads again on a thread.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from enforcegraph.graph.store.inline import OverBudget, deadline

__all__ = ["PROGRESS_STEPS", "ReaderPool"]

PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two looks at the clock (~10-50 us)


class ReaderPool:
    """Read connections to one database file, lent one per reading thread at a time."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, keep: int = 8) -> None:
        self._connect = connect
        self._keep = keep
        self._idle: list[sqlite3.Connection] = []
        self._idle_inline: list[sqlite3.Connection] = []  # busy_timeout 0: never wait
        self._lent: set[sqlite3.Connection] = set()
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def reader(self, timeout: float | None) -> Iterator[sqlite3.Connection]:
        """A connection of this thread's own until the block ends; each statement run in
        it is interrupted once ``timeout`` seconds (None: no limit) have passed since the
        block began, or at the inline deadline (:func:`~enforcegraph.graph.store.inline.
        inline`), if sooner: :class:`OverBudget` then, as when a lock is met inline."""
        end = None if timeout is None or timeout <= 0 else time.monotonic() + timeout
        inline_end = deadline()
        if inline_end is not None:
            if time.monotonic() >= inline_end:
                raise OverBudget("an inline read's deadline has passed")
            end = inline_end if end is None else min(end, inline_end)
        conn = self._borrow(inline_end is not None)
        if end is not None:
            stop = end
            conn.set_progress_handler(lambda: int(time.monotonic() > stop), PROGRESS_STEPS)
        try:
            yield conn
        except Exception as exc:
            if inline_end is not None and _stopped_or_locked(exc):
                raise OverBudget("an inline read ran past its deadline or met a lock") from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)
            if conn.in_transaction:  # a read transaction left open by an error
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            self._give_back(conn, inline_end is not None)

    def _borrow(self, inline: bool = False) -> sqlite3.Connection:
        converted = False
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            conn: sqlite3.Connection | None = None
            if inline and self._idle_inline:
                conn = self._idle_inline.pop()
            elif self._idle:
                conn, converted = self._idle.pop(), inline  # a thread's, inline from now on
            elif inline:  # never opened inline: opening reads the file, and may wait for a lock
                raise OverBudget("no connection is open for inline reads yet")
            if conn is not None:
                self._lent.add(conn)
        if conn is not None:
            if converted:
                conn.execute("PRAGMA busy_timeout = 0")  # reads nothing: no lock to wait for
            return conn
        conn = self._connect()  # outside the lock: opening reads the schema
        with self._lock:
            if self._closed:
                conn.close()
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            self._lent.add(conn)
        return conn

    def _give_back(self, conn: sqlite3.Connection, inline: bool = False) -> None:
        idle = self._idle_inline if inline else self._idle
        with self._lock:
            self._lent.discard(conn)
            if not self._closed and len(idle) < self._keep:
                idle.append(conn)
                return
        conn.close()

    @property
    def inline_ready(self) -> bool:
        """Whether a connection is open and idle for an inline read now (none is ever
        opened inline: the first reads of a pool run on threads)."""
        return bool(self._idle_inline or self._idle)

    @property
    def open_connections(self) -> int:
        """Connections open now, lent or idle."""
        with self._lock:
            return len(self._idle) + len(self._idle_inline) + len(self._lent)

    def close(self) -> None:
        """Close every connection: idle ones at once; lent ones are interrupted (their
        query fails) and closed when given back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle + self._idle_inline, []
            self._idle_inline = []
            lent = list(self._lent)
        for conn in lent:
            with suppress(sqlite3.Error):
                conn.interrupt()
        for conn in idle:
            conn.close()


def _stopped_or_locked(exc: BaseException) -> bool:
    """Whether a read failed because the progress handler stopped it or a lock was met
    (the store's own error, its SQLite error as the cause, or that error itself)."""
    cause = exc if isinstance(exc, sqlite3.Error) else exc.__cause__
    if not isinstance(cause, sqlite3.OperationalError):
        return False
    code = getattr(cause, "sqlite_errorcode", None)
    return str(cause) == "interrupted" or (
        code is not None and (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED))
