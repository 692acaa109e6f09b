"""A query cost limit: each field costs one per item it may be resolved for.

The number of items multiplies down the tree: a field with a ``first`` argument yields
``first`` items (the default page size when not given), any other list field an assumed
``LIST_FACTOR`` (except the edges and nodes of a connection, counted by its ``first``).
Fields that do much work for one answer (analyses, paths, neighbourhoods, whole-graph
traversals) cost their ``FIELD_WEIGHTS`` instead of one, so a query that asks for many of
them is refused rather than left to run into the request timeout. Each fragment is
costed once per type and remembered, so the time is linear in the document.
The estimate runs after validation (so variables are known) and before execution (see
api/guard.py); a query over ``max_cost`` gets one LIMIT_EXCEEDED error and never runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from enforcegraph.api.errors import LIMIT_EXCEEDED

__all__ = ["FIELD_WEIGHTS", "LIST_FACTOR", "cost_error", "cost_key", "costed", "estimate_cost",
           "over_cost"]

LIST_FACTOR = 10

# What one resolution of a field costs when it is more than one (``Type.field``): the
# default max_cost (20,000) allows four analyses, or 40 shortest paths, in one query.
FIELD_WEIGHTS: dict[str, int] = {
    "Query.analysis": 5000,
    "Query.crossBorderCases": 2000,
    "Query.path": 500,
    "Query.paths": 1500,  # up to three shortest paths
    "Query.questionTable": 2000,  # an answer computed whole (then cached), filtered, sorted
    "Query.sanctionsWithoutEuEstablishment": 100,
    "Query.sanctionsWithUnknownEstablishment": 100,
    "Query.enforcementHistory": 100,
    "Query.decisionsCiting": 100,
    "Query.claimsContradicted": 100,
    "Query.search": 20,
    "Query.stats": 20,
}
NEIGHBOURHOOD = "Query.neighbourhood"  # costs limitPerNode ** depth: the nodes it may visit
# Fields whose ``first`` pages rows of JSON inside one object: the object is resolved once.
ONE_OBJECT = {"Query.questionTable"}


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        default_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default_page_size = default_page_size
        self.memo: dict[tuple[str, str], int] = {}
        self.read: set[str] = set()  # the variables the estimate depends on

    def _factor(self, node: FieldNode, field_def: Any, parent: Any) -> int:
        if f"{getattr(parent, 'name', '')}.{node.name.value}" in ONE_OBJECT:
            return 1
        if "first" in field_def.args:
            first = self._argument(node, field_def, "first")
            return max(1, first) if first is not None else self.default_page_size
        if getattr(parent, "name", "").endswith("Connection"):
            return 1  # edges and nodes of a page: already counted by the page's `first`
        kind = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else field_def.type
        return LIST_FACTOR if isinstance(kind, GraphQLList) else 1

    def _argument(self, node: FieldNode, field_def: Any, name: str) -> int | None:
        """An integer argument's value (literal, variable or default), if it has one."""
        for arg in node.arguments or ():
            if arg.name.value != name:
                continue
            if isinstance(arg.value, IntValueNode):
                return int(arg.value.value)
            if isinstance(arg.value, VariableNode):
                self.read.add(arg.value.name.value)
                value = self.variables.get(arg.value.name.value)
                return value if isinstance(value, int) else None
        default = field_def.args[name].default_value if name in field_def.args else None
        return default if isinstance(default, int) else None

    def _weight(self, node: FieldNode, field_def: Any, parent: Any) -> int:
        key = f"{getattr(parent, 'name', '')}.{node.name.value}"
        if key == NEIGHBOURHOOD:
            depth = max(1, self._argument(node, field_def, "depth") or 1)
            per_node = max(1, self._argument(node, field_def, "limitPerNode") or 1)
            return int(min(per_node, 10**6) ** min(depth, 10))
        return FIELD_WEIGHTS.get(key, 1)

    def cost(self, selection_set: SelectionSetNode | None, parent: Any) -> int:
        """The cost of a selection set resolved once on ``parent`` (a named type)."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                fields = getattr(parent, "fields", None) or {}
                if name.startswith("__") or name not in fields:
                    continue
                field_def = fields[name]
                child = get_named_type(field_def.type)
                total += self._weight(selection, field_def, parent) + self._factor(
                    selection, field_def, parent
                ) * self.cost(selection.selection_set, child)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(selection.selection_set, target or parent)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value)
        return total

    def _fragment(self, name: str) -> int:
        fragment = self.fragments.get(name)
        if fragment is None:
            return 0
        target = self.schema.get_type(fragment.type_condition.name.value)
        key = (name, getattr(target, "name", ""))
        if key not in self.memo:
            self.memo[key] = 0  # a cycle (rejected by validation anyway) costs nothing more
            self.memo[key] = self.cost(fragment.selection_set, target)
        return self.memo[key]


def estimate_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_page_size: int,
) -> int:
    """The estimated cost of the operation to run in ``document``."""
    return costed(schema, document, operation_name, variables, default_page_size)[0]


def costed(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_page_size: int,
) -> tuple[int, frozenset[str]]:
    """The estimated cost, and the names of the variables it depends on (the same cost for
    any variables whose :func:`cost_key` is the same)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if not operation_name or (o.name and o.name.value == operation_name)]
    if not chosen:
        return 0, frozenset()
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    estimator = _Estimator(schema, fragments, variables or {}, default_page_size)
    return estimator.cost(operation.selection_set, root), frozenset(estimator.read)


def cost_key(names: frozenset[str], variables: Mapping[str, Any] | None) -> tuple[Any, ...]:
    """What of ``variables`` the estimate reads: each named one as an int, or None (the
    estimator treats anything else as not given)."""
    given = variables or {}
    return tuple(
        (name, value if isinstance(value := given.get(name), int) else None)
        for name in sorted(names)
    )


def cost_error(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    max_cost: int,
    default_page_size: int,
) -> GraphQLError | None:
    """A LIMIT_EXCEEDED error if the operation's estimated cost is over ``max_cost``."""
    cost = estimate_cost(schema, document, operation_name, variables, default_page_size)
    return over_cost(cost, max_cost)


def over_cost(cost: int, max_cost: int) -> GraphQLError | None:
    """The LIMIT_EXCEEDED error of an estimated ``cost`` over ``max_cost``, if it is."""
    if cost <= max_cost:
        return None
    shown = str(cost) if cost < 10**12 else f"over 10^{len(str(cost)) - 1}"
    message = f"query cost {shown} is over the limit of {max_cost}"
    return GraphQLError(message, extensions={"code": LIMIT_EXCEEDED})
