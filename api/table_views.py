"""An answer's rows as a table sees them: filtered by facets and an amount range, each
facet's values counted, sorted by a column, and the range of amounts in EUR.

A facet's counts are over the rows passing every other facet (so a value chosen still
shows what choosing another would give); empty cells sort last either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from enforcegraph.api.errors import BAD_USER_INPUT, ApiError
from enforcegraph.api.table_rows import FACETS, Flat, sort_key

__all__ = ["FACET_VALUES", "Facets", "TableFilter", "amount_range", "facet_lists", "filtered",
           "ordered"]

Facets = dict[str, list[tuple[str, str, int]]]  # facet -> (value, label, count)
FACET_VALUES = 200  # most values listed per facet


@dataclass(frozen=True)
class TableFilter:
    """Facet values (any of each given facet) and an amount range in EUR (both ends kept)."""

    regulators: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    currencies: tuple[str, ...] = ()
    amount_min: float | None = None
    amount_max: float | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> TableFilter:
        """From URL parameters: ``regulator=a,b&jurisdiction=&year=&kind=&currency=&min=&max=``."""
        def split(name: str) -> tuple[str, ...]:
            return tuple(v for v in params.get(name, "").split(",") if v)

        def number(name: str) -> float | None:
            text = params.get(name, "")
            try:
                return float(text) if text else None
            except ValueError:
                raise ApiError(BAD_USER_INPUT, f"{name} must be a number, not {text!r}") from None

        return cls(split("regulator"), split("jurisdiction"), split("year"), split("kind"),
                   split("currency"), number("min"), number("max"))

    def values(self, facet: str) -> tuple[str, ...]:
        return {"regulator": self.regulators, "jurisdiction": self.jurisdictions,
                "year": self.years, "kind": self.kinds, "currency": self.currencies}[facet]

    def in_range(self, eur: float | None) -> bool:
        """Whether an amount in EUR is in the range (no amount is outside any range)."""
        if self.amount_min is None and self.amount_max is None:
            return True
        if eur is None:
            return False
        return (self.amount_min is None or eur >= self.amount_min) and (
            self.amount_max is None or eur <= self.amount_max)

    def matches(self, row: Flat) -> bool:
        """Whether a row passes every facet and the amount range."""
        return self.in_range(row.facts.amount_eur) and all(
            not self.values(f) or set(self.values(f)) & row.keys[i] for i, f in enumerate(FACETS))


def filtered(rows: Sequence[Flat], flt: TableFilter) -> tuple[list[Flat], Facets]:
    """The rows passing the filter, and each facet's counts over the rows passing every
    other facet (one pass: a row failing one facet counts for that facet only)."""
    wanted = [set(flt.values(f)) for f in FACETS]
    counts = [Counter[str]() for _ in FACETS]
    labels: dict[str, str] = {}
    kept: list[Flat] = []
    ranged = flt.amount_min is not None or flt.amount_max is not None
    for row in rows:
        if ranged and not flt.in_range(row.facts.amount_eur):
            continue
        failed = [i for i, want in enumerate(wanted) if want and not want & row.keys[i]]
        if len(failed) > 1:
            continue
        labels.update(row.facts.regulators)
        if not failed:
            kept.append(row)
            for i, values in enumerate(row.keys):
                counts[i].update(values)
        else:
            counts[failed[0]].update(row.keys[failed[0]])
    return kept, facet_lists(dict(zip(FACETS, counts, strict=True)), labels, flt)


def facet_lists(counts: Mapping[str, Counter[str]], labels: Mapping[str, str],
            flt: TableFilter) -> Facets:
    """Each facet's values with their labels and counts, most rows first (years newest
    first), at most :data:`FACET_VALUES`; a facet with no rows and no chosen value is left out."""
    found: Facets = {}
    for facet in FACETS:
        counted, wanted = counts.get(facet, Counter[str]()), set(flt.values(facet))
        if not counted and not wanted:
            continue
        items = [(v, labels.get(v, v), counted.get(v, 0)) for v in {*counted, *wanted}]
        if facet == "year":
            items.sort(key=lambda item: item[0], reverse=True)
        else:
            items.sort(key=lambda item: (-item[2], item[1].casefold()))
        found[facet] = items[:FACET_VALUES]
    return found


def ordered(rows: list[Flat], column: str, descending: bool) -> list[Flat]:
    keyed = [(sort_key(r.cell(column)), r) for r in rows]
    filled = [(k[1], r) for k, r in keyed if k[0] == 0]
    filled.sort(key=lambda pair: pair[0], reverse=descending)
    return [r for _, r in filled] + [r for k, r in keyed if k[0] == 1]


def amount_range(rows: Sequence[Flat]) -> tuple[float, float] | None:
    amounts = [r.facts.amount_eur for r in rows if r.facts.amount_eur is not None]
    return (min(amounts), max(amounts)) if amounts else None
