"""Typed list filters and sort orders, generated per label from the model, compiled to
store ``PropertyFilter``s (AND/OR and relationship conditions become ``id in [...]``)."""

import enum
from collections.abc import Callable
from typing import Any

import strawberry

from enforcegraph.api.enums import SortDirection, enum_type, new_enum, pascal
from enforcegraph.api.errors import LIMIT_EXCEEDED, ApiError
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.dates import checked_date
from enforcegraph.graph.domain.traversals import resolve_article
from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.schema.model import LabelSpec, PropertySpec, load_model

__all__ = ["FILTERS", "ORDERS", "checked_filter", "compile_filter", "filter_size", "order_of"]

MODEL = load_model()


def _input(name: str, description: str, fields: dict[str, tuple[Any, str]]) -> Any:
    """A strawberry input with optional fields: name -> (type, description)."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__}
    for field_name, (annotation, text) in fields.items():
        python_name = field_name + "_" if field_name in ("and", "or", "in", "not") else field_name
        namespace["__annotations__"][python_name] = annotation | None
        rename = field_name if python_name != field_name else None
        namespace[python_name] = strawberry.field(default=None, name=rename, description=text)
    cls = type(name, (), namespace)
    globals()[name] = cls
    return strawberry.input(cls, description=description)


def _scalar_filter(name: str, kind: Any, ranges: bool, what: str) -> Any:
    fields: dict[str, tuple[Any, str]] = {
        "eq": (kind, "Equal to."),
        "ne": (kind, "Not equal to (or missing)."),
        "in": (list[kind], "One of these."),
        "exists": (bool, "Has a value (true) or has none (false)."),
    }
    if ranges:
        fields["gte"] = (kind, "At least (inclusive).")
        fields["lte"] = (kind, "At most (inclusive).")
    if kind is str and not ranges:
        fields["contains"] = (str, "Contains this text (case-insensitive).")
    return _input(name, f"Conditions on {what}.", fields)


StringFilter = _scalar_filter("StringFilter", str, False, "a text property")
DateFilter = _scalar_filter("DateFilter", str, True, "a date (ISO strings compare in order)")
FloatFilter = _scalar_filter("FloatFilter", float, True, "an amount")
IntFilter = _scalar_filter("IntFilter", int, True, "a whole number")
BooleanFilter = _input(
    "BooleanFilter", "Conditions on a yes/no property.",
    {"eq": (bool, "Equal to."), "exists": (bool, "Has a value (true) or none (false).")},
)
ListFilter = _input(
    "ListFilter", "Conditions on a list property.",
    {"contains": (str, "Has this exact item."),
     "exists": (bool, "Has a value (true) or none (false).")},
)
IdFilter = _input(
    "IdFilter", "Conditions on the id.",
    {"eq": (strawberry.ID, "This id."), "in": (list[strawberry.ID], "One of these ids.")},
)
_ENUM_FILTERS: dict[str, Any] = {}


def _enum_filter(enum_name: str) -> Any:
    if enum_name not in _ENUM_FILTERS:
        kind = enum_type(enum_name)
        _ENUM_FILTERS[enum_name] = _input(
            f"{pascal(enum_name)}Filter",
            f"Conditions on a `{enum_name}` value.",
            {"eq": (kind, "Equal to."), "ne": (kind, "Not equal to (or missing)."),
             "in": (list[kind], "One of these."),  # type: ignore[valid-type]
             "exists": (bool, "Has a value (true) or none (false).")},
        )
    return _ENUM_FILTERS[enum_name]


def _enum_list_filter(enum_name: str) -> Any:
    key = f"list:{enum_name}"
    if key not in _ENUM_FILTERS:
        _ENUM_FILTERS[key] = _input(
            f"{pascal(enum_name)}ListFilter",
            f"Conditions on a list of `{enum_name}` values.",
            {"contains": (enum_type(enum_name), "Has this item."),
             "exists": (bool, "Has a value (true) or none (false).")},
        )
    return _ENUM_FILTERS[key]


def _property_filter_type(prop: PropertySpec) -> Any:
    if prop.kind == "list" and prop.enum_name:
        return _enum_list_filter(prop.enum_name)
    if prop.is_list:
        return ListFilter
    if prop.kind == "enum" and prop.enum_name:
        return _enum_filter(prop.enum_name)
    return {"date": DateFilter, "amount": FloatFilter, "int": IntFilter, "bool": BooleanFilter}.get(
        prop.kind, StringFilter
    )


# Conditions through relationships: label -> field -> (description, resolver to ids).
IdResolver = Callable[[GraphStore, str], set[str]]


def _issuers_in(store: GraphStore, country: str) -> list[str]:
    return [n.id for label in domain.ISSUER_LABELS
            for n in store.find(label, [PropertyFilter("country", "eq", country)])]


def _issued_by(store: GraphStore, issuers: list[str]) -> set[str]:
    return {r.end for r in store.relationships_of(issuers, ["ISSUED"], "out")}


def _against(store: GraphStore, party: str) -> dict[str, list[str]]:
    """Label -> ids of the decisions and sanctions directly AGAINST a party (labels read
    from the nodes, never from the ids)."""
    starts = {r.start for r in store.relationships_of([party], ["AGAINST"], "in")}
    found: dict[str, list[str]] = {"Decision": [], "Sanction": []}
    for node in store.get_many(starts).values():
        found.setdefault(node.label, []).append(node.id)
    return found


def _decisions_against(store: GraphStore, party: str) -> set[str]:
    direct = _against(store, party)
    via = store.relationships_of(sorted(direct["Sanction"]), ["IMPOSES"], "in")
    return set(direct["Decision"]) | {r.start for r in via}


def _imposed_by(store: GraphStore, decisions: set[str]) -> set[str]:
    return {r.end for r in store.relationships_of(sorted(decisions), ["IMPOSES"], "out")}


def _sanctions_against(store: GraphStore, party: str) -> set[str]:
    """Sanctions whose targets (:func:`domain.sanction_targets`) include the party."""
    direct = _against(store, party)
    imposed = _imposed_by(store, set(direct["Decision"]))
    own: dict[str, list[str]] = {s: [] for s in imposed}
    for rel in store.relationships_of(sorted(imposed), ["AGAINST"], "out"):
        own[rel.start].append(rel.end)
    # each of those sanctions' decisions is against the party: it inherits it unless it has its own
    inherited = {s for s in imposed if party in domain.sanction_targets(own[s], [party])}
    return set(direct["Sanction"]) | inherited


def _citing(store: GraphStore, article: str) -> set[str]:
    article_id, _ = resolve_article(article)
    return {r.start for r in store.relationships_of([article_id], ["INFRINGES", "CITES"], "in")}


RELATION_FILTERS: dict[str, dict[str, tuple[str, IdResolver]]] = {
    "Decision": {
        "regulator": ("Issued by this regulator or court (id).",
                      lambda s, v: _issued_by(s, [v])),
        "issuer_country": ("Issued by a regulator or court of this country (ISO code).",
                           lambda s, v: _issued_by(s, _issuers_in(s, v))),
        "article": ("Infringes or cites this article (id or citation, e.g. GDPR Art. 83).",
                    _citing),
        "against": ("Against this party (id), directly or through a sanction.",
                    _decisions_against),
    },
    "Sanction": {
        "regulator": ("Imposed by a decision of this regulator (id).",
                      lambda s, v: _imposed_by(s, _issued_by(s, [v]))),
        "issuer_country": ("Imposed by a regulator of this country (ISO code).",
                           lambda s, v: _imposed_by(s, _issued_by(s, _issuers_in(s, v)))),
        "against": ("Against this party (id).", _sanctions_against),
    },
    "Company": {
        "sanctioned_by": ("Has a decision against it from this regulator (id).",
                          lambda s, v: _parties_of(s, _issued_by(s, [v]))),
    },
}


def _parties_of(store: GraphStore, decisions: set[str]) -> set[str]:
    return {r.end for r in store.relationships_of(sorted(decisions), ["AGAINST"], "out")}


def _label_filter(spec: LabelSpec) -> Any:
    name = f"{spec.name}Filter"
    fields: dict[str, tuple[Any, str]] = {"id": (IdFilter, "Conditions on the id.")}
    for prop in spec.properties.values():
        fields[prop.name] = (_property_filter_type(prop), prop.description or prop.name)
    if spec.name != "Source":
        fields["sources"] = (ListFilter, "Conditions on the supporting source ids.")
    for field_name, (text, _) in RELATION_FILTERS.get(spec.name, {}).items():
        fields[field_name] = (str, text)
    fields["and"] = (list[name], "Every one of these filters holds.")  # type: ignore[valid-type]
    fields["or"] = (list[name], "At least one of these filters holds.")  # type: ignore[valid-type]
    return _input(name, f"Conditions on {spec.name} nodes (all given fields must hold).", fields)


def _order(spec: LabelSpec) -> Any:
    sortable = ["id"] + [p.name for p in spec.properties.values() if not p.is_list]
    members = {name.upper(): name for name in sortable}
    python_enum = new_enum(f"{spec.name}OrderField", members)
    field_enum = strawberry.enum(
        python_enum,
        description=f"Properties {spec.name} lists can be sorted by.",
    )
    namespace: dict[str, Any] = {
        "__annotations__": {"field": field_enum, "direction": SortDirection},
        "__module__": __name__,
        "field": strawberry.field(description="The property to sort by."),
        "direction": strawberry.field(default=SortDirection.ASC, description="Sort order."),
    }
    return strawberry.input(
        type(f"{spec.name}Order", (), namespace), description=f"How to sort {spec.name} lists."
    )


FILTERS: dict[str, Any] = {label: _label_filter(spec) for label, spec in MODEL.labels.items()}
ORDERS: dict[str, Any] = {label: _order(spec) for label, spec in MODEL.labels.items()}

_OPS = ("eq", "ne", "in", "contains", "gte", "lte", "exists")


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def filter_size(flt: Any) -> int:
    """How many conditions a filter input holds, its ``and``/``or`` branches included."""
    if flt is None:
        return 0
    size = 0
    for name, value in vars(flt).items():
        if value is None:
            continue
        if name in ("and_", "or_"):
            size += 1 + sum(filter_size(branch) for branch in value)
        else:
            size += 1 + (len(value.in_) if getattr(value, "in_", None) else 0)
    return size


def checked_filter(label: str, flt: Any, max_terms: int) -> Any:
    """``flt`` if it is small enough and its dates are dates; else BAD_USER_INPUT/LIMIT_EXCEEDED.

    Runs before any store call: a 20,000-branch ``or`` costs a count, not 20,000 queries.
    """
    size = filter_size(flt)
    if size > max_terms:
        raise ApiError(LIMIT_EXCEEDED, f"the filter has {size} conditions; at most {max_terms}")
    _check_dates(MODEL.label(label), flt)
    return flt


def _check_dates(spec: LabelSpec, flt: Any) -> None:
    if flt is None:
        return
    for name, value in vars(flt).items():
        if value is None:
            continue
        if name in ("and_", "or_"):
            for branch in value:
                _check_dates(spec, branch)
        elif (prop := spec.properties.get(name)) is not None and prop.kind == "date":
            for op in ("eq", "ne", "gte", "lte", "in_"):
                given = getattr(value, op, None)
                for item in given if isinstance(given, list) else [given] if given else []:
                    checked_date(str(item), f"{name}.{op.rstrip('_')}")


def compile_filter(store: GraphStore, label: str, flt: Any) -> list[PropertyFilter]:
    """Store filters for a filter input (runs store calls: call it off the event loop)."""
    if flt is None:
        return []
    out: list[PropertyFilter] = []
    relations = RELATION_FILTERS.get(label, {})
    for name, value in vars(flt).items():
        if value is None:
            continue
        if name == "and_":
            for branch in value:
                out += compile_filter(store, label, branch)
        elif name == "or_":
            ids: set[str] = set()
            for branch in value:
                ids |= {n.id for n in store.find(label, compile_filter(store, label, branch))}
            out.append(PropertyFilter("id", "in", sorted(ids)))
        elif name in relations:
            out.append(PropertyFilter("id", "in", sorted(relations[name][1](store, str(value)))))
        else:
            for op in _OPS:
                given = getattr(value, op + "_" if op == "in" else op, None)
                if given is not None:
                    out.append(PropertyFilter(name, op, _plain(given)))  # type: ignore[arg-type]
    return out


def order_of(order: Any) -> tuple[str, bool]:
    """``(order_by, descending)`` for an order input (id ascending without one)."""
    if order is None:
        return "id", False
    return str(order.field.value), order.direction == SortDirection.DESC
