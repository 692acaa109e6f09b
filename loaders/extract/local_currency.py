"""The currency of a bare "kroner" or "$" by the country of the story's regulators: a Danish
authority's "kroner" are DKK, the ACCC's "$100 million" AUD, the OPC's "$2 million" CAD."""

from __future__ import annotations

from collections.abc import Iterable

from enforcegraph.loaders.extract.money import Money

__all__ = ["by_regulator"]

_CROWNS = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "IS": "ISK"}
_DOLLARS = {"US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}


def by_regulator(money: Iterable[Money], countries: set[str]) -> None:
    """Crowns and a bare dollar take the currency of the story's regulators' one crown or dollar
    country; with none or two such countries the amount keeps its own (SEK, USD).

    >>> found = [Money(0, 4, 100, "USD", dollars=True), Money(5, 9, 5, "USD")]
    >>> by_regulator(found, {"AU", "GB"})
    >>> [m.currency for m in found]
    ['AUD', 'USD']
    """
    crowns = {_CROWNS[c] for c in countries if c in _CROWNS}
    dollars = {_DOLLARS[c] for c in countries if c in _DOLLARS}
    for found in money:
        if found.crowns and len(crowns) == 1:
            found.currency = next(iter(crowns))
        elif found.dollars and len(dollars) == 1:
            found.currency = next(iter(dollars))
