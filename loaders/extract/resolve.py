"""Link proposals to nodes already in the store: names, aliases, acronyms, legal forms."""

from __future__ import annotations

from collections.abc import Iterable

from enforcegraph.graph.store.base import GraphStore, Node
from enforcegraph.schema.names import name_key

__all__ = ["existing_decision", "existing_statement", "find_existing", "known_names"]

def _names(node: Node) -> set[str]:
    values: list[str] = []
    for key in ("name", "acronym", "short_name", "citation", "code"):
        if isinstance(node.get(key), str):
            values.append(node.get(key))
    values += [a for a in node.get("aliases") or [] if isinstance(a, str)]
    return {name_key(v) for v in values if name_key(v)}


def find_existing(store: GraphStore, label: str, names: Iterable[str],
                  node_id: str | None = None) -> Node | None:
    """The node of ``label`` that has this id or one of these names, if any."""
    if node_id:
        node = store.get(node_id)
        if node is not None and node.label == label:
            return node
    wanted = [n for n in names if n]
    keys = {name_key(n) for n in wanted} - {""}
    for name in wanted:
        for node in store.search(name, [label], limit=10):
            if _names(node) & keys:
                return node
    return None


def known_names(store: GraphStore, labels: tuple[str, ...] = ("Company", "Person")) -> list[tuple[str, str]]:
    """(label, name) of every firm and person in the store, aliases included."""
    found = []
    for label in labels:
        for node in store.iter_nodes(label):
            for name in [node.get("name"), *(node.get("aliases") or [])]:
                if isinstance(name, str) and name.strip():
                    found.append((label, name.strip()))
    return found


def existing_decision(store: GraphStore, regulator_id: str, target_id: str | None,
                      amount: float | int | None, currency: str | None,
                      dates: Iterable[str]) -> Node | None:
    """A decision already stored that this regulator issued against this target, with the
    same fine amount or the same date."""
    if target_id is None:
        return None
    issued = store.relationships_of([regulator_id], ["ISSUED"], "out")
    wanted_dates = {d for d in dates if d}
    for rel in issued:
        against = store.relationships_of([rel.end], ["AGAINST"], "out")
        if not any(a.end == target_id for a in against):
            continue
        decision = store.get(rel.end)
        if decision is None:
            continue
        if wanted_dates & {decision.get("date"), decision.get("announced_date")}:
            return decision
        if amount is not None:
            for imposes in store.relationships_of([rel.end], ["IMPOSES"], "out"):
                sanction = store.get(imposes.end)
                if sanction is not None and sanction.get("amount") == amount and (
                    sanction.get("currency") in (None, currency)
                ):
                    return decision
    return None


def existing_statement(store: GraphStore, speaker_id: str, date: str | None) -> Node | None:
    """A statement already stored that this speaker made on this date."""
    if not date:
        return None
    for rel in store.relationships_of([speaker_id], ["MADE_BY"], "in"):
        statement = store.get(rel.start)
        if statement is not None and statement.get("date") == date:
            return statement
    return None
