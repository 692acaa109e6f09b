"""One answer row (a traversal's or an analysis's) as a table row: typed cells and facets.

A cell is a small JSON object the page renders without knowing the question:
``{"t": "entity", "id", "label", "text"}``, ``{"t": "entities", "items": [...]}``,
``{"t": "money", "amounts": {CUR: n}, "eur": n, "basis"}``, ``{"t": "number", "v"}``,
``{"t": "text", "v"}``, ``{"t": "links", "items": [url]}``. Facets are what the table's
filters match: regulators, jurisdictions (the regulators' countries), years, sanction
kinds, currencies, the amount in EUR.

>>> row = {"sanction": {"id": "sanction:s", "kind": "fine", "amount": 7552800,
...        "currency": "GBP", "amount_eur": None},
...        "decision": {"id": "decision:d", "ref": "R1", "date": "2022-05-18"},
...        "regulator": {"id": "regulator:gb-ico", "name": "ICO", "country": "GB"}}
>>> flat = flatten(row)
>>> flat.cells["sanction"]["text"], round(flat.facts.amount_eur)
('fine GBP 7,552,800', 8920279)
>>> flat.facts.regulators, flat.facts.jurisdictions, flat.facts.years, flat.facts.currencies
({'regulator:gb-ico': 'ICO'}, {'GB'}, {'2022'}, {'GBP'})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeGuard

from enforcegraph.graph.analytics.rates import convert
from enforcegraph.schema.ids import ID_PATTERN

__all__ = ["FACETS", "Facts", "Flat", "flatten", "sort_key"]

FACETS = ("regulator", "jurisdiction", "year", "kind", "currency")

Row = dict[str, Any]
REGULATOR_KEYS = ("regulator", "regulators", "issuer")
TEXT_LIMIT = 400


@dataclass
class Facts:
    """What the facets and filters see of one row."""

    regulators: dict[str, str] = field(default_factory=dict)  # id -> name
    jurisdictions: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    currencies: set[str] = field(default_factory=set)
    amount_eur: float | None = None


class Flat:
    """A table row: facts for filters at once; cells by column and the entities it names
    (in order) worked out when first read (most rows of a large answer are never shown)."""

    __slots__ = ("_cells", "_entities", "facts", "keys", "money", "row")

    def __init__(self, row: Row, facts: Facts, money: Row | None) -> None:
        self.row = row
        self.facts = facts
        self.money = money
        self.keys = (frozenset(facts.regulators), frozenset(facts.jurisdictions),
                     frozenset(facts.years), frozenset(facts.kinds), frozenset(facts.currencies))
        self._cells: dict[str, Any] | None = None
        self._entities: list[str] | None = None

    @property
    def cells(self) -> dict[str, Any]:
        if self._cells is None:
            self._cells = _cells(self.row, self.money)
        return self._cells

    def cell(self, key: str) -> Any:
        """``cells.get(key)``; the money cell (``amount``) without building the others."""
        if key == "amount" and self._cells is None:
            return self.money
        return self.cells.get(key)

    @property
    def entities(self) -> list[str]:
        if self._entities is None:
            found = []
            for cell in self.cells.values():
                if isinstance(cell, dict) and cell.get("t") == "entity":
                    found.append(cell["id"])
                elif isinstance(cell, dict) and cell.get("t") == "entities":
                    found.extend(item["id"] for item in cell["items"])
            self._entities = list(dict.fromkeys(found))
        return self._entities


def _amount_text(amount: Any, currency: Any) -> str:
    if amount is None:
        return ""
    value = float(amount)
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{currency} {text}" if currency else text


def _entity_text(value: Row) -> str:
    """The words to show for an entity object of a row (its name, reference or kind)."""
    if value.get("kind") is not None and ("amount" in value or "currency" in value):
        amount = _amount_text(value.get("amount"), value.get("currency"))
        return f"{str(value['kind']).replace('_', ' ')}{' ' + amount if amount else ''}"
    for key in ("name", "ref", "title", "text", "citation"):
        if value.get(key):
            text = str(value[key])
            return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
    return str(value["id"])


def _entity(value: Row) -> Row:
    cell = {"t": "entity", "id": str(value["id"]), "text": _entity_text(value)}
    if value.get("label"):
        cell["label"] = value["label"]
    return cell


def _is_entity(value: Any) -> TypeGuard[Row]:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _cell(value: Any) -> Any:
    if _is_entity(value):
        return _entity(value)
    if isinstance(value, list):
        if value and all(_is_entity(v) for v in value):
            return {"t": "entities", "items": [_entity(v) for v in value]}
        if value and all(isinstance(v, str) and ID_PATTERN.match(v) for v in value):
            return {"t": "entities", "items": [{"t": "entity", "id": v, "text": v} for v in value]}
        if value and all(isinstance(v, str) and v.startswith(("http://", "https://")) for v in value):
            return {"t": "links", "items": value}
        return {"t": "text", "v": ", ".join(str(v) for v in value)}
    if isinstance(value, dict):
        return {"t": "text", "v": "; ".join(f"{k} {v}" for k, v in value.items())}
    if isinstance(value, bool):
        return {"t": "text", "v": "yes" if value else "no"}
    if isinstance(value, int | float):
        return {"t": "number", "v": value}
    if value is None:
        return None
    text = str(value)
    return {"t": "text", "v": text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"}


def _date(row: Row) -> str | None:
    for holder in (row.get("decision"), row.get("statement"), row):
        if isinstance(holder, dict) and holder.get("date"):
            return str(holder["date"])
    return None


def _money(row: Row, when: str | None) -> Row | None:
    """The row's money: its own amount, its sanction's, its sanctions' sum, or a total."""
    if "total_eur" in row:
        return {"t": "money", "amounts": dict(row.get("original_amounts") or {}), "eur": row.get("total_eur"),
                "basis": ", ".join(row.get("rate_bases") or []) or None}
    holders: list[Row] = []
    if "amount" in row and "currency" in row:
        holders = [row]
    elif isinstance(row.get("sanction"), dict):
        holders = [row["sanction"]]
    elif isinstance(row.get("sanctions"), list):
        holders = [s for s in row["sanctions"] if isinstance(s, dict)]
    holders = [h for h in holders if h.get("amount") is not None]
    if not holders:
        return None
    amounts: dict[str, float] = {}
    eur: float | None = 0.0
    bases: set[str] = set()
    for holder in holders:
        currency = str(holder.get("currency") or "")
        amounts[currency] = amounts.get(currency, 0) + holder["amount"]
        value = holder.get("amount_eur")
        basis = holder.get("rate_basis")
        if value is None:
            conversion = convert(holder["amount"], holder.get("currency"), when)
            value, basis = conversion.amount_eur, conversion.rate_basis
        if basis:
            bases.add(str(basis))
        eur = None if value is None or eur is None else eur + float(value)
    return {"t": "money", "amounts": amounts, "eur": eur, "basis": ", ".join(sorted(bases)) or None}


def _facts(row: Row, money: Row | None, when: str | None) -> Facts:
    facts = Facts()
    for name in REGULATOR_KEYS:
        value = row.get(name)
        for item in value if isinstance(value, list) else [value]:
            if _is_entity(item):
                facts.regulators[item["id"]] = str(item.get("name") or item["id"])
                if item.get("country"):
                    facts.jurisdictions.add(str(item["country"]))
    facts.jurisdictions.update(str(c) for c in row.get("countries") or [])
    by, key = row.get("by"), row.get("key")
    if by == "regulator" and key:
        facts.regulators[str(key)] = str(row.get("name") or key)
    elif by == "country" and key:
        facts.jurisdictions.add(str(key))
    elif by == "year" and key:
        facts.years.add(str(key))
    if row.get("year"):
        facts.years.add(str(row["year"]))
    elif when and when[:4].isdigit():
        facts.years.add(when[:4])
    sanction = row.get("sanction")
    if isinstance(sanction, dict) and sanction.get("kind"):
        facts.kinds.add(str(sanction["kind"]))
    elif sanction is not None and row.get("kind"):
        facts.kinds.add(str(row["kind"]))
    for item in row.get("sanctions") or []:
        if isinstance(item, dict) and item.get("kind"):
            facts.kinds.add(str(item["kind"]))
    if money is not None:
        facts.currencies.update(c for c in money["amounts"] if c)
        facts.amount_eur = money["eur"]
    return facts


def flatten(row: Row) -> Flat:
    """A table row: its facts now; its cells (one per key of the row, money added as
    ``amount``) and entity ids when first read."""
    when = _date(row)
    money = _money(row, when)
    return Flat(row, _facts(row, money, when), money)


def _cells(row: Row, money: Row | None) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    if _is_entity(row):  # rows that are an entity themselves (a decision): the first column
        cells["entity"] = _entity(row)
    skip = {"id", "label", "amount", "currency", "amount_eur", "total_eur", "original_amounts",
            "rate_bases"}
    if "by" in row and "key" in row:  # a total: the group (an entity or a value) names the row
        key = row["key"]
        cells["key"] = (_entity({"id": key, "name": row.get("name")})
                        if isinstance(key, str) and ID_PATTERN.match(key) else _cell(key))
        skip |= {"by", "key", "name"}
    for key, value in row.items():
        if key in skip:
            continue
        if isinstance(value, str) and ID_PATTERN.match(value):  # an id alone (fines: "sanction")
            value = {"id": value, **{k: row[k] for k in ("kind", "amount", "currency") if k in row}}
        cells[key] = _cell(value)
    if money is not None:
        cells["amount"] = money
    return cells


def sort_key(cell: Any) -> tuple[int, Any]:
    """A key that orders cells of one column (numbers, money in EUR, text); empty last."""
    if not isinstance(cell, dict):
        return (1, "")
    kind = cell.get("t")
    if kind == "money":
        return (0, cell["eur"]) if cell.get("eur") is not None else (1, "")
    if kind == "number":
        return (0, cell["v"])
    if kind == "entity":
        return (0, str(cell["text"]).casefold())
    if kind in ("entities", "links"):
        return (0, len(cell["items"]))
    return (0, str(cell.get("v", "")).casefold())
