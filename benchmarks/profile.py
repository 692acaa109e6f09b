"""Summaries of py-spy raw (collapsed-stack) profiles: where each phase spends its time."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["PHASES", "summarize"]

# phase -> a function name that marks its frames
PHASES = {
    "load": "upsert",
    "headline page+count": "sanctions_without_eu_establishment",
    "analytics": "analytics_timings",
}
_PATH = re.compile(r" \((?:[^()]*/)?(enforcegraph|benchmarks|site-packages)/")


_LINE = re.compile(r":\d+\)$")


def _name(frame: str) -> str:
    """``function (package/module.py)``: the line number dropped, so a function adds up."""
    return _LINE.sub(")", _PATH.sub(r" (\1/", frame))


def summarize(path: Path, top: int = 12) -> dict[str, Any]:
    """Per phase: samples, and the functions with the largest inclusive share."""
    phases: dict[str, Any] = {}
    stacks = []
    for line in path.read_text("utf-8", "replace").splitlines():
        stack, _, samples = line.rpartition(" ")
        if stack and samples.isdigit():
            stacks.append((stack.split(";"), int(samples)))
    for phase, marker in PHASES.items():
        total = 0
        inclusive: Counter[str] = Counter()
        own: Counter[str] = Counter()
        for frames, count in stacks:
            if not any(marker in frame for frame in frames):
                continue
            total += count
            below = next(i for i, frame in enumerate(frames) if marker in frame)
            names = [_name(f) for f in frames[below:]]
            for name in set(names):
                inclusive[name] += count
            own[names[-1]] += count
        if total:
            phases[phase] = {
                "samples": total,
                "inclusive": [(n, round(c / total, 3)) for n, c in inclusive.most_common(top)],
                "self": [(n, round(c / total, 3)) for n, c in own.most_common(top)],
            }
    return phases
