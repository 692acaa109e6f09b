"""EUR conversion by the ECB euro reference rates bundled in ``ecb_rates.csv``.

The table holds the ECB's daily reference rates (units of a currency per 1 EUR) for the
currencies enforcement decisions use. A full date takes the rate published that day, or
the latest one before it (weekends and TARGET holidays have none); a partial date
(``2022-10`` or ``2022``) takes the mean of that month's or year's daily rates. Every
conversion says which rate it used and on what basis.
"""

from __future__ import annotations

import bisect
import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["ECB_SOURCE_URL", "Conversion", "RateTable", "convert", "ecb_rates"]

ECB_SOURCE_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
    "euro_reference_exchange_rates/html/index.en.html"
)


@dataclass(frozen=True)
class Conversion:
    """An amount in EUR and how it was obtained."""

    amount_eur: float | None
    rate: float | None
    rate_date: str | None
    rate_basis: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "amount_eur": self.amount_eur,
            "rate": self.rate,
            "rate_date": self.rate_date,
            "rate_basis": self.rate_basis,
        }


class RateTable:
    """Daily ECB reference rates by currency, sorted by date."""

    def __init__(self, rows: dict[str, list[tuple[str, float]]]) -> None:
        self._rows = {cur: sorted(values) for cur, values in rows.items()}
        self._dates = {cur: [d for d, _ in values] for cur, values in self._rows.items()}

    @property
    def currencies(self) -> list[str]:
        """The currencies the table covers."""
        return sorted(self._rows)

    @property
    def first_date(self) -> str:
        """The earliest date of the table."""
        return min(dates[0] for dates in self._dates.values() if dates)

    def daily(self, currency: str, day: str) -> tuple[str, float] | None:
        """The rate published on ``day`` or the latest one before it (within 7 days)."""
        dates = self._dates.get(currency, [])
        index = bisect.bisect_right(dates, day) - 1
        if index < 0:
            return None
        found, rate = self._rows[currency][index]
        if _days_between(found, day) > 7:
            return None
        return found, rate

    def average(self, currency: str, prefix: str) -> float | None:
        """The mean of the daily rates whose date starts with ``prefix`` (a year or month)."""
        values = [rate for day, rate in self._rows.get(currency, []) if day.startswith(prefix)]
        return sum(values) / len(values) if values else None

    def convert(self, amount: float | None, currency: str | None, when: str | None) -> Conversion:
        """``amount`` of ``currency`` in EUR at the reference rate of ``when``.

        >>> table = ecb_rates()
        >>> table.convert(7552800, "GBP", "2022-05-18").rate_date
        '2022-05-18'
        >>> round(table.convert(7552800, "GBP", "2022-05-18").amount_eur)
        8920279
        >>> table.convert(100, "EUR", None).amount_eur
        100.0
        >>> table.convert(100, "GBP", None).rate_basis
        'not converted: no decision date'
        """
        if amount is None:
            return Conversion(None, None, None, "no amount")
        if currency in (None, "", "EUR"):
            return Conversion(float(amount), 1.0, None, "EUR")
        assert currency is not None
        if currency not in self._rows:
            return Conversion(None, None, None, f"not converted: no ECB rate for {currency}")
        if not when:
            return Conversion(None, None, None, "not converted: no decision date")
        if len(when) >= 10:
            hit = self.daily(currency, when[:10])
            if hit is None:
                return Conversion(None, None, None, f"not converted: no ECB rate near {when}")
            day, rate = hit
            basis = "ECB reference rate of the decision date"
            if day != when[:10]:
                basis = f"ECB reference rate of {day} (latest before the decision date)"
            return Conversion(round(float(amount) / rate, 2), rate, day, basis)
        mean = self.average(currency, when)
        if mean is None:
            return Conversion(None, None, None, f"not converted: no ECB rates in {when}")
        period = "annual" if len(when) == 4 else "monthly"
        basis = f"ECB {period} average {when} (mean of daily reference rates)"
        return Conversion(round(float(amount) / mean, 2), round(mean, 6), when, basis)


def _days_between(first: str, second: str) -> int:
    from datetime import date

    return abs((date.fromisoformat(second) - date.fromisoformat(first)).days)


@cache
def ecb_rates() -> RateTable:
    """The bundled table (read once)."""
    text = resources.files("enforcegraph.graph.analytics").joinpath("ecb_rates.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.reader(lines)
    header = next(reader)
    rows: dict[str, list[tuple[str, float]]] = {cur: [] for cur in header[1:]}
    for record in reader:
        for cur, cell in zip(header[1:], record[1:], strict=True):
            if cell:
                rows[cur].append((record[0], float(cell)))
    return RateTable(rows)


def convert(amount: float | None, currency: str | None, when: str | None) -> Conversion:
    """Convert with the bundled table (see :meth:`RateTable.convert`)."""
    return ecb_rates().convert(amount, currency, when)
