"""The GDPR Art. 83 statutory-maximum check: each GDPR fine against its ceiling.

Art. 83(4): up to EUR 10 000 000 or 2 % of the worldwide annual turnover of the
preceding financial year, whichever is higher, for infringements of Arts. 8, 11, 25-39,
41(4), 42 and 43. Art. 83(5) and (6): up to EUR 20 000 000 or 4 %, for Arts. 5, 6, 7, 9,
12-22, 44-49, Chapter IX (85-91) and orders under Art. 58. Where several provisions are
infringed, the gravest sets the ceiling (Art. 83(3)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from enforcegraph.graph.analytics.facts import Row, decision_facts
from enforcegraph.graph.analytics.fines import fine_rows
from enforcegraph.graph.analytics.rates import convert

__all__ = ["TIERS", "Tier", "statutory_maximum", "tier_of"]

GDPR_ARTICLE = "article:gdpr-"
GDPR_LAW = "law:gdpr"
_UPPER = {5, 6, 7, 9, *range(12, 23), *range(44, 50), *range(85, 92), 58}
_LOWER = {8, 11, *range(25, 40), 41, 42, 43}


@dataclass(frozen=True)
class Tier:
    """A fine ceiling of Art. 83: a fixed amount or a share of turnover, the higher."""

    paragraph: str
    fixed_eur: float
    percent: float


TIERS = {"83(4)": Tier("83(4)", 10_000_000.0, 2.0), "83(5)": Tier("83(5)", 20_000_000.0, 4.0)}


def _number(article_id: str) -> int | None:
    digits = article_id.removeprefix(GDPR_ARTICLE)
    return int(digits) if digits.isdigit() else None


def tier_of(article_ids: Sequence[str], cited: Sequence[str] = ()) -> tuple[Tier, str]:
    """The Art. 83 tier of a decision, from its infringed articles or cited provisions.

    >>> tier_of(["article:gdpr-32"])[0].paragraph
    '83(4)'
    >>> tier_of(["article:gdpr-32", "article:gdpr-6"])[0].paragraph
    '83(5)'
    >>> tier_of([], ["83(5)(a)"])
    (Tier(paragraph='83(5)', fixed_eur=20000000.0, percent=4.0), 'the decision cites Art. 83(5)(a)')
    >>> tier_of([])[1]
    'no infringed GDPR article recorded: the higher tier, Art. 83(5), is assumed'
    """
    numbers = {n for n in (_number(a) for a in article_ids) if n is not None}
    if numbers & _UPPER:
        listed = ", ".join(str(n) for n in sorted(numbers & _UPPER))
        return TIERS["83(5)"], f"infringes Art. {listed} (listed in Art. 83(5)/(6))"
    for provision in cited:
        for paragraph in ("83(6)", "83(5)", "83(4)"):
            if provision.startswith(paragraph):
                tier = TIERS["83(4)" if paragraph == "83(4)" else "83(5)"]
                return tier, f"the decision cites Art. {provision}"
    if numbers & _LOWER:
        listed = ", ".join(str(n) for n in sorted(numbers & _LOWER))
        return TIERS["83(4)"], f"infringes Art. {listed} (listed in Art. 83(4))"
    return TIERS["83(5)"], (
        "no infringed GDPR article recorded: the higher tier, Art. 83(5), is assumed"
    )


def _gdpr_citations(graph: nx.MultiDiGraph, decision_id: str) -> tuple[bool, list[str]]:
    """Whether a decision cites or infringes the GDPR, and the Art. 83 provisions it cites."""
    is_gdpr, provisions = False, []
    for _, end, attrs in graph.out_edges(decision_id, data=True):
        if attrs.get("type") not in ("INFRINGES", "CITES"):
            continue
        if end == GDPR_LAW or end.startswith(GDPR_ARTICLE):
            is_gdpr = True
        if end == GDPR_ARTICLE + "83" and attrs.get("provision"):
            provisions.append(str(attrs["provision"]))
    return is_gdpr, sorted(provisions)


def _turnover(graph: nx.MultiDiGraph, targets: list[Row]) -> tuple[Row | None, Row | None]:
    """The first target with a recorded turnover, and that turnover in EUR."""
    for target in targets:
        attrs = graph.nodes[target["id"]] if target["id"] in graph else {}
        if attrs.get("turnover") is None:
            continue
        year = attrs.get("turnover_year")
        conversion = convert(attrs["turnover"], attrs.get("turnover_currency") or "EUR",
                             str(year) if year else None)
        return target, {
            "amount": attrs["turnover"],
            "currency": attrs.get("turnover_currency") or "EUR",
            "year": year,
            "amount_eur": conversion.amount_eur,
            "rate_basis": conversion.rate_basis,
        }
    return (targets[0] if targets else None), None


def statutory_maximum(graph: nx.MultiDiGraph) -> list[Row]:
    """Each GDPR fine with its Art. 83 ceiling, its share of it and an "at the cap" flag.

    Without a recorded turnover the fixed amount (EUR 10M or 20M) is only the floor of
    the ceiling: ``ceiling_is_floor`` says so and ``share_of_ceiling`` is then the share of
    that floor. ``at_cap`` is true when the EUR amount reaches the ceiling (within 1 % for
    amounts converted from another currency; a fine above a floor-only ceiling is not at
    it) or the source states the statutory maximum; ``exceeds_ceiling`` flags fines above
    the (floor of the) ceiling. ``turnover.preceding_year`` says whether the recorded
    turnover is of the financial year before the decision, as Art. 83 asks.
    Rows at the cap come first, then by share of the ceiling.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("regulator:fr", label="Regulator", name="CNIL", country="FR")
    >>> g.add_node("company:c", label="Company", name="C Inc.")
    >>> g.add_node("decision:d", label="Decision", date="2022-10-17")
    >>> g.add_node("sanction:s", label="Sanction", kind="fine", amount=20000000, currency="EUR")
    >>> g.add_node("article:gdpr-6", label="LegalArticle", citation="GDPR Art. 6")
    >>> for a, b, t in [("regulator:fr", "decision:d", "ISSUED"), ("decision:d", "sanction:s", "IMPOSES"),
    ...                 ("decision:d", "company:c", "AGAINST"), ("decision:d", "article:gdpr-6", "INFRINGES")]:
    ...     _ = g.add_edge(a, b, type=t)
    >>> row = statutory_maximum(g)[0]
    >>> row["tier"], row["ceiling_eur"], row["ceiling_is_floor"], row["at_cap"]
    ('83(5)', 20000000.0, True, True)
    """
    facts = decision_facts(graph)
    rows: list[Row] = []
    for fine in fine_rows(graph):
        decision_id = fine["decision"]["id"]
        is_gdpr, cited = _gdpr_citations(graph, decision_id)
        if not is_gdpr:
            continue
        articles = [a for a in facts[decision_id].articles if a.startswith(GDPR_ARTICLE)]
        tier, tier_basis = tier_of(articles, cited)
        firm, turnover = _turnover(graph, fine["targets"])
        if turnover is not None:
            year = str(fine["year"]) if fine["year"] else None
            turnover["preceding_year"] = (str(int(year) - 1) == str(turnover["year"])
                                          if year and turnover["year"] else None)
        rows.append(_row(fine, firm, turnover, tier, tier_basis, articles))
    return sorted(rows, key=lambda r: (not r["at_cap"], -(r["share_of_ceiling"] or 0), r["sanction"]))


def _row(fine: Row, firm: Row | None, turnover: Row | None, tier: Tier, tier_basis: str,
         articles: list[str]) -> Row:
    amount_eur = fine["amount_eur"]
    turnover_eur = turnover["amount_eur"] if turnover else None
    by_turnover = turnover_eur * tier.percent / 100 if turnover_eur is not None else None
    ceiling = max(tier.fixed_eur, by_turnover or 0.0)
    floor_only = by_turnover is None
    if floor_only:
        ceiling_basis = (f"EUR {tier.fixed_eur:,.0f}: the floor of the ceiling "
                         f"(no sourced turnover; {tier.percent:g} % of turnover may be higher)")
    else:
        ceiling_basis = (f"the higher of EUR {tier.fixed_eur:,.0f} and {tier.percent:g} % of "
                         f"turnover (EUR {by_turnover:,.0f})")
    tolerance = 1e-6 if fine["currency"] in (None, "EUR") else 0.01
    low, high = ceiling * (1 - tolerance), ceiling * (1 + tolerance)
    exceeds = amount_eur is not None and amount_eur > high
    # Above a floor-only ceiling the turnover-based ceiling must apply: not at the cap.
    reaches = amount_eur is not None and amount_eur >= low and not (floor_only and exceeds)
    stated = fine["statutory_maximum"] is True
    reasons = []
    if reaches:
        reasons.append("the fixed maximum of Art. " + tier.paragraph + " (floor of the ceiling)"
                       if floor_only else "the ceiling of Art. " + tier.paragraph)
    below_fixed = amount_eur is not None and amount_eur < tier.fixed_eur * (1 - tolerance)
    if stated:
        reasons.append("the source states the statutory maximum" + (
            f" (the amount is below the fixed EUR {tier.fixed_eur:,.0f} of Art. {tier.paragraph})"
            if below_fixed else ""))
    share = round(amount_eur / ceiling, 6) if amount_eur is not None else None
    share_turnover = (round(amount_eur / turnover_eur, 6)
                      if amount_eur is not None and turnover_eur else None)
    result: dict[str, Any] = {
        "sanction": fine["sanction"],
        "decision": fine["decision"],
        "regulator": fine["regulator"],
        "firm": firm,
        "amount": fine["amount"],
        "currency": fine["currency"],
        "amount_eur": amount_eur,
        "rate_basis": fine["rate_basis"],
        "articles": articles,
        "tier": tier.paragraph,
        "tier_basis": tier_basis,
        "fixed_maximum_eur": tier.fixed_eur,
        "turnover": turnover,
        "turnover_maximum_eur": round(by_turnover, 2) if by_turnover is not None else None,
        "ceiling_eur": ceiling,
        "ceiling_is_floor": floor_only,
        "ceiling_basis": ceiling_basis,
        "share_of_ceiling": share,
        "share_of_turnover": share_turnover,
        "statutory_maximum_stated": fine["statutory_maximum"],
        "exceeds_ceiling": exceeds,
        "below_fixed_maximum": below_fixed,
        "at_cap": reaches or stated,
        "at_cap_reason": "; ".join(reasons) if reasons else None,
    }
    return result

