"""Values the workbench keeps per process: each computed once, asks of one being computed
waiting for that computation, the least recently used dropped, and some computed ahead on
a background thread.

A value is kept by ``(slot, version)``: a slot is what it answers (a question of a store),
the version the data it was computed from (the store's generation). Only the newest
version of a slot is kept, so an answer to data that has since changed is dropped as soon
as the new one is computed.

>>> kept = Kept[int](2)
>>> kept.get("a", 1, lambda: 10), kept.get("a", 1, lambda: 11), kept.peek("a", 1)
(10, 10, 10)
>>> kept.get("a", 2, lambda: 20), kept.peek("a", 1)
(20, None)
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["MAX_AHEAD", "Kept"]

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_AHEAD = 2  # background computations running at once, per Kept
Key = tuple[Hashable, int]


class Kept(Generic[T]):
    """A small least-recently-used map of computed values, safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Key, T] = OrderedDict()
        self._pending: dict[Key, Future[T]] = {}
        self._ahead: dict[Hashable, threading.Thread] = {}  # slot -> its background thread
        self._lock = threading.Lock()

    def peek(self, slot: Hashable, version: int) -> T | None:
        """The value kept for ``(slot, version)``, or None (never computes, never waits)."""
        with self._lock:
            value = self._items.get((slot, version))
            if value is not None:
                self._items.move_to_end((slot, version))
            return value

    def get(self, slot: Hashable, version: int, compute: Callable[[], T]) -> T:
        """The value of ``(slot, version)``: kept, being computed (then waited for: one
        computation at a time), or computed now by ``compute`` and kept."""
        key = (slot, version)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._pending.get(key)
            mine = pending is None
            if pending is None:
                pending = self._pending[key] = Future()
        if not mine:
            return pending.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            pending.set_exception(exc)
            raise
        with self._lock:
            del self._pending[key]
            self._keep(key, value)
        pending.set_result(value)
        return value

    def _keep(self, key: Key, value: T) -> None:
        slot, version = key
        older = [k for k in self._items if k[0] == slot and k[1] != version]
        if any(k[1] > version for k in older):
            return  # a newer version is kept already: this one answers nobody any more
        for old in older:
            del self._items[old]
        self._items[key] = value
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def ahead(self, slot: Hashable, version: int, compute: Callable[[], T]) -> bool:
        """Start computing ``(slot, version)`` on a daemon thread, unless it is kept or
        being computed, the slot is computing another version in the background, or
        :data:`MAX_AHEAD` threads are running; whether it started. A failure is logged."""
        key = (slot, version)
        with self._lock:
            if (key in self._items or key in self._pending or slot in self._ahead
                    or len(self._ahead) >= MAX_AHEAD):
                return False

            def run() -> None:
                try:
                    self.get(slot, version, compute)
                except Exception as exc:  # the asker of a page never sees it: log it
                    log.warning("computing a whole answer ahead failed: %s", exc)
                finally:
                    with self._lock:
                        self._ahead.pop(slot, None)

            thread = self._ahead[slot] = threading.Thread(
                target=run, name="enforcegraph-answer-ahead", daemon=True)
        thread.start()
        return True

    def settle(self, timeout: float) -> bool:
        """Wait for the background computations running now (tests, benchmarks); whether
        every one ended within ``timeout`` seconds."""
        end = time.monotonic() + timeout
        with self._lock:
            threads = list(self._ahead.values())
        for thread in threads:
            thread.join(max(0.0, end - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)
