"""Judgements: whether two ids are one entity, as a person (or a rule) decided.

``same`` merges the second id into the first (the canonical id) on every load from then
on; ``not_same`` keeps a pair apart (resolution never proposes it again); ``unsure`` is
recorded and proposes nothing. The latest judgement of a pair stands, so a merge is
split by judging the pair ``not_same``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["VERDICTS", "Judgement", "canonical_ids", "latest", "pair"]

Verdict = Literal["same", "not_same", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("same", "not_same", "unsure")


@dataclass(frozen=True)
class Judgement:
    """``verdict`` on ``(canonical, other)``, by whom, when and why."""

    canonical: str
    other: str
    verdict: Verdict
    by: str
    at: str
    why: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        """The pair, in a fixed order (the key of the judgement)."""
        return pair(self.canonical, self.other)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"canonical": self.canonical, "other": self.other, "verdict": self.verdict,
                "by": self.by, "at": self.at, "why": self.why}


def pair(a: str, b: str) -> tuple[str, str]:
    """An unordered pair of ids, as a sorted tuple."""
    return (a, b) if a <= b else (b, a)


def latest(judgements: Iterable[Judgement]) -> dict[tuple[str, str], Judgement]:
    """The standing judgement of each pair (the last one made)."""
    standing: dict[tuple[str, str], Judgement] = {}
    for judgement in sorted(judgements, key=lambda j: j.at):
        standing[judgement.pair] = judgement
    return standing


def canonical_ids(judgements: Iterable[Judgement]) -> dict[str, str]:
    """Every id merged away by a standing ``same`` judgement -> the id it lands on.

    Chains resolve to their end: with ``a <- b`` and ``b <- c`` (c merged into b, b into
    a), c lands on a.

    >>> j = [Judgement("company:a", "company:b", "same", "me", "2026-01-01"),
    ...      Judgement("company:b", "company:c", "same", "me", "2026-01-02")]
    >>> canonical_ids(j)
    {'company:b': 'company:a', 'company:c': 'company:a'}
    """
    parent: dict[str, str] = {}
    for judgement in latest(judgements).values():
        if judgement.verdict == "same" and judgement.canonical != judgement.other:
            parent[judgement.other] = judgement.canonical
    resolved: dict[str, str] = {}
    for start in parent:
        seen = {start}
        node = parent[start]
        while node in parent and parent[node] not in seen:
            seen.add(node)
            node = parent[node]
        resolved[start] = node
    return resolved
