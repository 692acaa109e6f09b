"""The graph's view of a subject: its assertions merged by the rules of model.yaml.

``union`` properties gather every item of every assertion; ``prefer`` properties take the
value of the assertion of highest source priority, then the subject's own id over ids
merged into it, then the value said first. Names that lose (a merged-away firm's name)
become aliases. Nothing is lost: :func:`conflicts` lists every value a subject was given
for a property, with who gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.schema.model import Model

__all__ = ["Conflict", "conflicts", "materialise"]


def _rank(model: Model, subject: str, name: str, assertion: Assertion) -> tuple[Any, ...]:
    return (
        -model.priority(assertion.dataset),
        assertion.source_id != subject,
        assertion.seen(name),
        assertion.dataset,
        assertion.source_id,
    )


def materialise(model: Model, subject: str, assertions: Sequence[Assertion]) -> dict[str, Any]:
    """The properties the graph shows for ``subject`` (``sources`` included)."""
    if not assertions:
        return {}
    specs = model.properties_of(assertions[0].label)
    names = sorted({name for a in assertions for name in a.values})
    props: dict[str, Any] = {}
    losing_names: list[str] = []
    for name in names:
        giving = sorted(
            (a for a in assertions if name in a.values), key=lambda a: _rank(model, subject, name, a)
        )
        spec = specs.get(name)
        if spec is not None and spec.merge == "union":
            items: list[Any] = []
            for assertion in giving:
                value = assertion.values[name]
                items += [v for v in (value if isinstance(value, list) else [value]) if v not in items]
            props[name] = items
        else:
            props[name] = giving[0].values[name]
            if name == "name":
                losing_names = [a.values[name] for a in giving[1:]]
    if losing_names and "aliases" in specs:
        aliases = list(props.get("aliases") or [])
        aliases += [n for n in losing_names if n != props["name"] and n not in aliases]
        if aliases:
            props["aliases"] = aliases
    ordered = sorted(assertions, key=lambda a: _rank(model, subject, "", a))
    sources: list[str] = []
    for assertion in ordered:
        sources += [s for s in assertion.sources if s not in sources]
    if sources:
        props["sources"] = sources
    return props


@dataclass(frozen=True)
class Conflict:
    """One property given more than one value: each value, who gave it, which one shows."""

    property: str
    shown: Any
    values: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"property": self.property, "shown": self.shown, "values": self.values}


def conflicts(model: Model, subject: str, assertions: Sequence[Assertion]) -> list[Conflict]:
    """The ``prefer`` properties of ``subject`` that its assertions give different values."""
    if not assertions:
        return []
    specs = model.properties_of(assertions[0].label)
    shown = materialise(model, subject, assertions)
    found: list[Conflict] = []
    for name in sorted({n for a in assertions for n in a.values}):
        spec = specs.get(name)
        if spec is not None and spec.merge == "union":
            continue
        by_value: dict[str, dict[str, Any]] = {}
        for assertion in sorted(assertions, key=lambda a: _rank(model, subject, name, a)):
            if name not in assertion.values:
                continue
            value = assertion.values[name]
            entry = by_value.setdefault(repr(value), {"value": value, "said_by": []})
            entry["said_by"].append({
                "dataset": assertion.dataset, "source_id": assertion.source_id,
                "sources": list(assertion.sources), "since": assertion.seen(name),
            })
        if len(by_value) > 1:
            found.append(Conflict(name, shown.get(name), list(by_value.values())))
    return found
