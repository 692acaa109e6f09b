"""Copying the write-ahead log into the database file on a thread of its own.

SQLite's automatic checkpoint runs inside the ``COMMIT`` that crosses its threshold, so a
bulk load stops after every batch to copy the batch's pages a second time. Here the
writing connection leaves that to a thread with its own connection, woken after each
commit: a passive checkpoint copies what is committed while the next batch is prepared
(SQLite releases the GIL while it copies), and never blocks the writer or readers.

A passive checkpoint never restarts the log: while readers keep arriving (an API serving
during a load) the WAL grows without end (4.6 GB after a 1M-firm load served at the same
time) and every page a reader looks up goes through all of the log's index blocks. Once
the log passes ``restart_bytes`` the thread asks for a TRUNCATE checkpoint, which waits at
most ``RESTART_WAIT_MS`` for the readers still on older snapshots (new readers are never
blocked; the writer waits at most that long) and then empties the log; if readers stay,
it tries again after the next commit.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

__all__ = ["RESTART_BYTES", "RESTART_WAIT_MS", "BackgroundCheckpointer"]

RESTART_BYTES = 256 * 1024 * 1024
"""A log larger than this is emptied (TRUNCATE checkpoint) rather than only copied."""

RESTART_WAIT_MS = 500
"""How long a TRUNCATE checkpoint waits for readers on older snapshots before giving up."""


class BackgroundCheckpointer:
    """Passive WAL checkpoints of one database file, on request, on a daemon thread."""

    def __init__(self, path: Path, restart_bytes: int = RESTART_BYTES) -> None:
        self._path = path
        self._wal = Path(f"{path}-wal")
        self._restart_bytes = restart_bytes
        self._state = threading.Condition()
        self._pending = self._busy = self._closing = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Checkpoint soon; the thread starts on the first request (readers never start one)."""
        with self._state:
            if self._closing:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="enforcegraph-checkpoint",
                                                daemon=True)
                self._thread.start()
            self._pending = True
            self._state.notify_all()

    def _run(self) -> None:
        conn = sqlite3.connect(str(self._path), check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {RESTART_WAIT_MS}")
        try:
            while True:
                with self._state:
                    while not (self._pending or self._closing):
                        self._state.wait()
                    if self._closing:
                        return
                    self._pending, self._busy = False, True
                # busy or gone: the next request (or the store's close) catches up
                with contextlib.suppress(sqlite3.Error):
                    conn.execute(f"PRAGMA wal_checkpoint({self._mode()})").fetchall()
                with self._state:
                    self._busy = False
                    self._state.notify_all()
        finally:
            conn.close()
            with self._state:
                self._busy = False
                self._state.notify_all()

    def _mode(self) -> str:
        """PASSIVE, or TRUNCATE once the log has grown past ``restart_bytes``."""
        try:
            size = os.stat(self._wal).st_size
        except OSError:
            return "PASSIVE"
        return "TRUNCATE" if size > self._restart_bytes else "PASSIVE"

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def settle(self) -> None:
        """Wait until every requested checkpoint has run (or the thread has stopped)."""
        with self._state:
            while (self._pending or self._busy) and self.running and not self._closing:
                self._state.wait(timeout=0.1)

    def close(self, wait: bool = True) -> None:
        """Stop the thread (``wait``: until it has stopped); the store's own close then
        checkpoints what is left."""
        with self._state:
            self._closing = True
            thread = self._thread
            self._state.notify_all()
        if wait and thread is not None:
            thread.join()
