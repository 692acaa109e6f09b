"""Reads made on the caller's event loop itself, within a deadline ("inline" reads).

A store call handed to a thread costs, on a busy server, about what a short read costs:
the hand-over itself and, while it runs, the GIL going back and forth between the thread
and the event loop. A read known to be short (a point read by id, a page of the kept
rows) may instead run on the event loop, inside :func:`inline`: a store whose
``reads_inline`` is true then stops any read of the block once the deadline has passed
(or would have to wait for a lock) with :class:`OverBudget`, and the caller runs the call
again on a thread, under the store's own time limit. So the event loop is never held
longer than the budget, plus the Python work between two statements.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from enforcegraph.schema.errors import StoreError

__all__ = ["OverBudget", "deadline", "inline"]

_DEADLINE: ContextVar[float | None] = ContextVar("enforcegraph_inline_deadline", default=None)


class OverBudget(StoreError):
    """A read made inline passed its deadline (or met a lock) and was stopped: run the
    call again off the event loop."""


@contextmanager
def inline(budget: float) -> Iterator[None]:
    """Reads of this block (in this context: not on other threads) must end within
    ``budget`` seconds of its start."""
    token = _DEADLINE.set(time.monotonic() + budget)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def deadline() -> float | None:
    """The ``time.monotonic()`` by which an inline read must end (None: not inline)."""
    return _DEADLINE.get()
