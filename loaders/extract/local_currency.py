"""The currency of a bare "kroner" or "$" by the country of the story's regulators: a Danish
authority's "kroner" are DKK, the ACCC's "$100 million" AUD, the OPC's "$2 million" CAD."""

from __future__ import annotations

import re
from collections.abc import Iterable

from enforcegraph.loaders.extract.money import Money

__all__ = ["by_regulator"]

_CROWNS = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "IS": "ISK"}
_DOLLARS = {"US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
_CLAUSE_END = re.compile(r"[.!?;]\s|\n")


def _clause_dollar(text: str, money: Money, mentions: list[tuple[int, str]]) -> str | None:
    """The dollar of the one dollar country whose regulators the amount's clause names before it."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, max(0, money.start - 300), money.start)]
    start = ends[-1] if ends else max(0, money.start - 300)
    here = {_DOLLARS[c] for at, c in mentions if start <= at < money.start and c in _DOLLARS}
    return next(iter(here)) if len(here) == 1 else None


def by_regulator(text: str, money: Iterable[Money], mentions: list[tuple[int, str]]) -> None:
    """Crowns and a bare dollar take the currency of the story's regulators' (``mentions``: where,
    country) one crown or dollar country; a dollar in a story of two dollar countries takes its
    clause's; otherwise the amount keeps its own (SEK, USD).

    >>> text = "The FTC fined Meta $5 billion; the ACCC fined Qantas $100 million."
    >>> found = [Money(19, 29, 5e9, "USD", dollars=True), Money(53, 65, 1e8, "USD", dollars=True)]
    >>> by_regulator(text, found, [(4, "US"), (35, "AU")])
    >>> [m.currency for m in found]
    ['USD', 'AUD']
    """
    crowns = {_CROWNS[c] for _, c in mentions if c in _CROWNS}
    dollars = {_DOLLARS[c] for _, c in mentions if c in _DOLLARS}
    for found in money:
        if found.crowns and len(crowns) == 1:
            found.currency = next(iter(crowns))
        elif found.dollars and len(dollars) == 1:
            found.currency = next(iter(dollars))
        elif found.dollars and len(dollars) > 1:
            found.currency = _clause_dollar(text, found, mentions) or found.currency
