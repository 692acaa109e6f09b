"""Repeat offenders: firms that several decisions (and jurisdictions) have acted against."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, decision_facts, node_row
from enforcegraph.graph.analytics.fines import fine_rows

__all__ = ["cross_border", "repeat_offenders"]


def repeat_offenders(
    graph: nx.MultiDiGraph, *, min_decisions: int = 2, min_countries: int = 1
) -> list[Row]:
    """Firms with at least ``min_decisions`` regulator decisions against them.

    Each row gives the countries and regulators involved, the dates of the first and
    last decision, and the fines (count, EUR total by the ECB rates of the decision
    dates, original amounts per currency). Most countries first, then most decisions,
    then largest EUR total.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:c", label="Company", name="C")
    >>> for i, (reg, country) in enumerate([("regulator:fr", "FR"), ("regulator:it", "IT")]):
    ...     g.add_node(reg, label="Regulator", name=country, country=country)
    ...     g.add_node(f"decision:{i}", label="Decision", date=f"202{i}-06-01")
    ...     _ = g.add_edge(reg, f"decision:{i}", type="ISSUED")
    ...     _ = g.add_edge(f"decision:{i}", "company:c", type="AGAINST")
    >>> row = repeat_offenders(g)[0]
    >>> row["firm"]["id"], row["countries"], row["decisions"], row["first_date"]
    ('company:c', ['FR', 'IT'], 2, '2020-06-01')
    """
    decisions: dict[str, set[str]] = defaultdict(set)
    facts = decision_facts(graph)
    for fact in facts.values():
        if not fact.issuer or graph.nodes[fact.issuer].get("label") != "Regulator":
            continue
        for target in fact.targets:
            if graph.nodes[target].get("label") == "Company":
                decisions[target].add(fact.id)
    fines: dict[str, list[Row]] = defaultdict(list)
    for fine in fine_rows(graph):
        for target in fine["targets"]:
            fines[target["id"]].append(fine)
    rows: list[Row] = []
    for firm, ids in decisions.items():
        regulators = sorted({str(facts[d].issuer) for d in ids if facts[d].issuer})
        countries = sorted({str(graph.nodes[r].get("country")) for r in regulators})
        if len(ids) < min_decisions or len(countries) < min_countries:
            continue
        dates = sorted(str(facts[d].date) for d in ids if facts[d].date)
        originals: dict[str, Any] = defaultdict(int)
        for fine in fines[firm]:
            if fine["amount"] is not None:
                originals[fine["currency"] or "?"] += fine["amount"]
        rows.append(
            {
                "firm": node_row(graph, firm, "country"),
                "countries": countries,
                "regulators": [node_row(graph, r, "country") for r in regulators],
                "decisions": len(ids),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "fines": len(fines[firm]),
                "total_eur": round(sum(f["amount_eur"] or 0.0 for f in fines[firm]), 2),
                "unconverted": sum(1 for f in fines[firm] if f["amount_eur"] is None),
                "original_amounts": dict(sorted(originals.items())),
            }
        )
    return sorted(
        rows,
        key=lambda r: (-len(r["countries"]), -r["decisions"], -r["total_eur"], r["firm"]["id"]),
    )


def cross_border(graph: nx.MultiDiGraph) -> list[Row]:
    """Firms acted against by regulators of two or more countries, most countries first.

    Examples
    --------
    >>> cross_border(nx.MultiDiGraph())
    []
    """
    return repeat_offenders(graph, min_decisions=2, min_countries=2)
