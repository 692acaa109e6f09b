"""The decisions ``extract()`` proposes for a short invented text, as plain rows: the helper of
the review tests (``test_review_*.py``), importable because pyproject puts this folder on the
tests' path."""

from __future__ import annotations

from typing import Any

from enforcegraph.loaders.extract import Article, extract

__all__ = ["decision_rows", "fines_of", "kinds_of"]


def decision_rows(text: str, date: str = "2024-05-01") -> list[dict[str, Any]]:
    """Per decision proposed for ``text`` (headline, blank line, body), published on ``date``:
    ``issuer`` (the first regulator's id) and ``issuers`` (all), ``target`` (the first target's
    name) and ``node`` (its id), ``sanctions`` (kind, amount, currency), ``amounts``, ``date``
    (announced), ``period`` and ``earlier`` (the evidence's)."""
    found = extract(Article(text=text, url="https://example.org/r", date=date))
    rows = []
    for proposal in found.of_kind("decision"):
        props = proposal.properties
        issuers = [found.by_id(i).node_id for i in proposal.links.get("regulator", [])]
        targets = [found.by_id(i) for i in proposal.links.get("against", [])]
        sanctions = props.get("sanctions") or []
        rows.append({"issuer": issuers[0] if issuers else None, "issuers": issuers,
                     "target": targets[0].name if targets else None,
                     "node": targets[0].node_id if targets else None,
                     "sanctions": [(s.get("kind"), s.get("amount"), s.get("currency")) for s in sanctions],
                     "amounts": [s.get("amount") for s in sanctions],
                     "date": props.get("announced_date"), "period": props.get("period"),
                     "earlier": (props.get("evidence") or {}).get("earlier")})
    return rows


def fines_of(text: str) -> list[tuple[Any, Any]]:
    """(amount, currency) of every fine proposed for ``text``."""
    return [(a, c) for r in decision_rows(text) for k, a, c in r["sanctions"] if k == "fine"]


def kinds_of(text: str) -> list[str]:
    """The kind of every sanction proposed for ``text``."""
    return [k for r in decision_rows(text) for k, _, _ in r["sanctions"]]
