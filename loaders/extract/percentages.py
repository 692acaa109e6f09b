"""Percentages of turnover or revenue: the caps a report quotes ("4% of annual turnover")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enforcegraph.loaders.extract.money import NUMBER, as_number, parse_number

__all__ = ["Percentage", "find_percentages"]


@dataclass(frozen=True)
class Percentage:
    """A percentage of turnover or revenue (a cap)."""

    start: int
    end: int
    percent: float | int
    of: str


_PERCENT = re.compile(
    rf"(?i)\b(?P<n>{NUMBER})\s?(?:%|per\s?cent\b|percent\b)(?P<of>[^.;]{{0,60}}?"
    r"\b(?:turnover|revenue|revenues|sales)\b)"
)


def find_percentages(text: str) -> list[Percentage]:
    """Percentages of turnover or revenue ("4% of a firm's worldwide annual revenue").

    >>> [(p.percent, p.of) for p in find_percentages("up to 4% of a firm’s worldwide annual revenue")]
    [(4, 'of a firm’s worldwide annual revenue')]
    """
    found = []
    for match in _PERCENT.finditer(text):
        value = parse_number(match.group("n"), True)
        if value is not None:
            of = " ".join(match.group("of").split())
            found.append(Percentage(match.start(), match.end(), as_number(value), of))
    return found
