"""Fines: one row per sanction with its decision, issuer, targets and EUR amount; totals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, decision_facts, display_name, node_row
from enforcegraph.graph.analytics.rates import Conversion, convert

__all__ = ["FINE_KINDS", "TOTAL_KEYS", "fine_rows", "totals"]

FINE_KINDS = ("fine",)
TOTAL_KEYS = ("regulator", "country", "article", "year")
TotalKey = Literal["regulator", "country", "article", "year"]


def fine_rows(graph: nx.MultiDiGraph, kinds: Sequence[str] = FINE_KINDS) -> list[Row]:
    """Every sanction of these kinds, with the original amount and its EUR conversion.

    The EUR amount comes from the bundled ECB reference rates of the decision date
    (``rate_basis`` says which rate); ``amount_eur_stored`` keeps the value recorded on
    the Sanction node, if any, which stands in when the table cannot convert (a date
    outside it, no date). Rows are sorted by decision date, then sanction id.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("regulator:gb", label="Regulator", name="ICO", country="GB")
    >>> g.add_node("decision:d", label="Decision", date="2022-05-18")
    >>> g.add_node("sanction:s", label="Sanction", kind="fine", amount=7552800, currency="GBP")
    >>> for a, b, t in [("regulator:gb", "decision:d", "ISSUED"),
    ...                 ("decision:d", "sanction:s", "IMPOSES")]:
    ...     _ = g.add_edge(a, b, type=t)
    >>> row = fine_rows(g)[0]
    >>> row["amount"], row["currency"], round(row["amount_eur"]), row["rate_date"]
    (7552800, 'GBP', 8920279, '2022-05-18')
    """
    wanted = set(kinds)
    rows: list[Row] = []
    for fact in decision_facts(graph).values():
        for sanction_id in fact.sanctions:
            attrs = graph.nodes[sanction_id]
            if attrs.get("kind") not in wanted:
                continue
            conversion = convert(attrs.get("amount"), attrs.get("currency"), fact.date)
            if conversion.amount_eur is None and attrs.get("amount_eur") is not None:
                conversion = Conversion(float(attrs["amount_eur"]), None, None,
                                        f"amount_eur recorded on the Sanction ({conversion.rate_basis})")
            issuer = node_row(graph, fact.issuer, "country") if fact.issuer else None
            targets = fact.sanction_targets[sanction_id]
            rows.append(
                {
                    "sanction": sanction_id,
                    "kind": attrs.get("kind"),
                    "amount": attrs.get("amount"),
                    "currency": attrs.get("currency"),
                    **conversion.to_dict(),
                    "amount_eur_stored": attrs.get("amount_eur"),
                    "statutory_maximum": attrs.get("statutory_maximum"),
                    "decision": node_row(graph, fact.id, "ref", "date"),
                    "year": fact.date[:4] if fact.date else None,
                    "regulator": issuer,
                    "country": issuer.get("country") if issuer else None,
                    "targets": [node_row(graph, t, "country") for t in targets],
                    "articles": list(fact.articles),
                }
            )
    return sorted(rows, key=lambda r: (r["decision"].get("date") or "9999", r["sanction"]))


def totals(
    graph: nx.MultiDiGraph, by: TotalKey = "regulator", kinds: Sequence[str] = FINE_KINDS
) -> list[Row]:
    """Count and total of fines per regulator, country, article or year, in EUR.

    Every row keeps the original amounts per currency; fines that could not be
    converted are counted in ``unconverted``; ``total_eur_recorded`` sums the EUR amounts
    recorded on the Sanctions themselves (a collection's own conversion, where it gives
    one), beside the ECB conversion. A fine that infringes several articles
    counts once under each, so totals by article do not add up to the grand total.
    Rows are sorted by EUR total, largest first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("regulator:fr", label="Regulator", name="CNIL", country="FR")
    >>> for i, amount in enumerate([20000000, 1000]):
    ...     g.add_node(f"decision:{i}", label="Decision", date=f"202{i}-01-01")
    ...     g.add_node(f"sanction:{i}", label="Sanction", kind="fine", amount=amount, currency="EUR")
    ...     _ = g.add_edge("regulator:fr", f"decision:{i}", type="ISSUED")
    ...     _ = g.add_edge(f"decision:{i}", f"sanction:{i}", type="IMPOSES")
    >>> row = totals(g, by="regulator")[0]
    >>> row["key"], row["count"], row["total_eur"], row["original_amounts"]
    ('regulator:fr', 2, 20001000.0, {'EUR': 20001000})
    """
    if by not in TOTAL_KEYS:
        raise ValueError(f"totals by {by!r}: use one of {', '.join(TOTAL_KEYS)}")
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in fine_rows(graph, kinds):
        for key in _keys(row, by):
            groups[key].append(row)
    out: list[Row] = []
    for key, rows in groups.items():
        converted = [r["amount_eur"] for r in rows if r["amount_eur"] is not None]
        originals: dict[str, Any] = defaultdict(int)
        for r in rows:
            if r["amount"] is not None:
                originals[r["currency"] or "?"] += r["amount"]
        out.append(
            {
                "by": by,
                "key": key,
                "name": _name(graph, key, by),
                "count": len(rows),
                "total_eur": round(sum(converted), 2),
                "total_eur_recorded": round(sum(float(r["amount_eur_stored"]) for r in rows
                                                if r["amount_eur_stored"] is not None), 2),
                "original_amounts": dict(sorted(originals.items())),
                "unconverted": len(rows) - len(converted),
                "rate_bases": sorted({r["rate_basis"] for r in rows}),
            }
        )
    return sorted(out, key=lambda r: (-r["total_eur"], -r["count"], r["key"]))


def _keys(row: Row, by: str) -> list[str]:
    if by == "regulator":
        return [row["regulator"]["id"]] if row["regulator"] else ["(unknown)"]
    if by == "country":
        return [row["country"] or "(unknown)"]
    if by == "year":
        return [row["year"] or "(unknown)"]
    return list(row["articles"]) or ["(none recorded)"]


def _name(graph: nx.MultiDiGraph, key: str, by: str) -> str:
    if by in ("regulator", "article") and key in graph:
        return display_name(graph, key)
    return key
