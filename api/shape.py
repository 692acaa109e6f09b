"""The depth and alias limits of a document, in one pass linear in its size.

Each fragment's depth and alias count is computed once and remembered, so a document
that spreads a fragment twice per level (``fragment F2 on Query { ...F1 ...F1 }``) costs
one visit per fragment, not one per expansion; the counts themselves are of the expanded
operation (aliases multiply with each spread), so such a document is refused, not run.
Introspection fields (``__schema``, ``__typename``) add no depth, as in strawberry's
QueryDepthLimiter, which this replaces together with its MaxAliasesLimiter.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from enforcegraph.api.errors import LIMIT_EXCEEDED

__all__ = ["Shape", "shape_errors"]


@dataclass(frozen=True)
class Shape:
    """How deep a selection set goes and how many aliased fields it expands to."""

    depth: int
    aliases: int


_EMPTY = Shape(0, 0)


class _Measure:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.memo: dict[str, Shape] = {}

    def selections(self, selection_set: SelectionSetNode | None) -> Shape:
        if selection_set is None:
            return _EMPTY
        depth = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = self.selections(selection.selection_set)
                if selection.selection_set is not None and not selection.name.value.startswith("__"):
                    depth = max(depth, 1 + inner.depth)
                aliases += inner.aliases + (1 if selection.alias else 0)
            else:
                inner = (
                    self.selections(selection.selection_set)
                    if isinstance(selection, InlineFragmentNode)
                    else self.fragment(selection.name.value)
                    if isinstance(selection, FragmentSpreadNode)
                    else _EMPTY
                )
                depth = max(depth, inner.depth)
                aliases += inner.aliases
        return Shape(depth, aliases)

    def fragment(self, name: str) -> Shape:
        known = self.memo.get(name)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        self.memo[name] = _EMPTY  # a cycle (refused by validation) adds nothing
        if fragment is not None:
            self.memo[name] = self.selections(fragment.selection_set)
        return self.memo[name]


def shape_errors(document: DocumentNode, max_depth: int, max_aliases: int) -> list[GraphQLError]:
    """LIMIT_EXCEEDED errors for each operation of ``document`` too deep or too aliased."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    measure = _Measure(fragments)
    errors: list[GraphQLError] = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        name = definition.name.value if definition.name else "anonymous"
        shape = measure.selections(definition.selection_set)
        if shape.depth > max_depth:
            errors.append(GraphQLError(
                f"'{name}' exceeds maximum operation depth of {max_depth}",
                [definition], extensions={"code": LIMIT_EXCEEDED},
            ))
        if shape.aliases > max_aliases:
            errors.append(GraphQLError(
                f"'{name}': {_count(shape.aliases)} aliases found. Allowed: {max_aliases}",
                [definition], extensions={"code": LIMIT_EXCEEDED},
            ))
    return errors


def _count(number: int) -> str:
    """A count short enough to print (fan-out makes them astronomically long)."""
    return str(number) if number < 10**12 else f"over 10^{len(str(number)) - 1}"
