"""Copying the write-ahead log into the database file on a thread of its own.

SQLite's automatic checkpoint runs inside the ``COMMIT`` that crosses its threshold, so a
bulk load stops after every batch to copy the batch's pages a second time. Here the
writing connection leaves that to a thread with its own connection, woken after each
commit: a passive checkpoint copies what is committed while the next batch is prepared
(SQLite releases the GIL while it copies), and never blocks the writer or readers.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

__all__ = ["BackgroundCheckpointer"]


class BackgroundCheckpointer:
    """Passive WAL checkpoints of one database file, on request, on a daemon thread."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._closing = False
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def request(self) -> None:
        """Checkpoint soon; the thread starts on the first request (readers never start one)."""
        with self._start_lock:
            if self._closing:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="enforcegraph-checkpoint",
                                                daemon=True)
                self._thread.start()
        self._wanted.set()

    def _run(self) -> None:
        conn = sqlite3.connect(str(self._path), check_same_thread=False, isolation_level=None)
        try:
            while True:
                self._wanted.wait()
                self._wanted.clear()
                if self._closing:
                    return
                # busy or gone: the next request (or the store's close) catches up
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            conn.close()

    def close(self) -> None:
        """Stop the thread; the store's own close then checkpoints what is left."""
        with self._start_lock:
            self._closing = True
            thread = self._thread
        self._wanted.set()
        if thread is not None:
            thread.join()
