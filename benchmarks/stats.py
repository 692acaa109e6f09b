"""Summaries of repeated measurements: median with min and max, latency percentiles."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["Spread", "percentile", "spread", "time_calls"]

Spread = dict[str, float]


def spread(values: Sequence[float]) -> Spread:
    """Median, min and max of repeated runs (``n`` says how many)."""
    if not values:
        raise ValueError("no measurements")
    return {
        "median": float(statistics.median(values)),
        "min": float(min(values)),
        "max": float(max(values)),
        "n": float(len(values)),
    }


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no measurements")
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def time_calls(call: Callable[[], Any], repeats: int, warmup: int = 1,
               budget_s: float = 60.0) -> dict[str, float]:
    """Latency of ``call`` in milliseconds: p50, p99, min, max over up to ``repeats`` calls.

    Stops early (after at least one timed call) once ``budget_s`` seconds are spent, so
    slow operations at large sizes stay bounded; ``n`` says how many calls were timed.
    """
    for _ in range(warmup):
        call()
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < repeats and (not samples or time.perf_counter() < deadline):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": percentile(samples, 0.5),
        "p99_ms": percentile(samples, 0.99),
        "min_ms": min(samples),
        "max_ms": max(samples),
        "n": float(len(samples)),
    }
