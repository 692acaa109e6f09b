"""Plain selections completed in one pass: the per-field machinery skipped where it does nothing.

graphql-core completes every field of every object through the same general steps (an
info object, the resolver through strawberry's wrapper, awaitable checks, a path, the
type's completion), about 4 us each; a headline page of 100 rows is 1,200 of them. Most
are *plain*: an attribute read (or a sync resolver that takes only ``self``) whose value
is a scalar, an enum, or another object of the same kind. For an object whose whole
selection is plain, :class:`PlanExecutor` compiles a plan once per query document and
type (which attribute, which completion) and completes the object by running it.

The answer is the executor's own: a plan is made only for documents without directives
(so the fields collected never depend on variables), only of fields without arguments,
field extensions, middleware or abstract types; any surprise while running it (a null
where the type forbids one, a value a scalar refuses, an exception) abandons the plan
for that object, and graphql-core completes it again the general way, errors, paths and
null propagation included. Reading an attribute or calling such a resolver twice has no
effect beyond its value.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLString,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    specified_scalar_types,
)
from graphql.execution.collect_fields import FieldDetails, collect_subfields
from graphql.pyutils import Path
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

__all__ = ["PLAN_DOCUMENTS", "PlanCache", "PlanExecutor", "executor_class"]

PLAN_DOCUMENTS = 512  # operations whose plans are kept per schema (as the document cache)
_DEFINITION = "strawberry-definition"  # strawberry's back-reference in a field's extensions

Complete = Callable[[Any], Any]
Key = tuple[str, tuple[int, ...]]


class _Abandon(Exception):
    """A plan met something it does not handle; the general way completes the object."""


class _Plans:
    """The plans of one operation (None: that object is not plain), by type and fields."""

    def __init__(self, operation: OperationDefinitionNode, plain: bool) -> None:
        self.operation = operation  # kept alive, so its id (the cache key) is never reused
        self.plain = plain  # whether the document allows plans at all (no directives)
        self.by_key: dict[Key, Complete | None] = {}


class PlanCache:
    """Plans by operation, least recently used out; one per schema (its executor class)."""

    def __init__(self, maxsize: int = PLAN_DOCUMENTS) -> None:
        self.maxsize = maxsize
        self.entries: OrderedDict[int, _Plans] = OrderedDict()

    def of(self, executor: StrawberryGraphQLCoreExecutionContext) -> _Plans:
        """The plans of the executor's operation (made empty on first use)."""
        operation = executor.operation
        key = id(operation)
        plans = self.entries.get(key)
        if plans is None or plans.operation is not operation:
            plans = _Plans(operation, _without_directives(executor) and not _middleware(executor))
            self.entries[key] = plans
            if len(self.entries) > self.maxsize:
                self.entries.popitem(last=False)
        else:
            self.entries.move_to_end(key)
        return plans


def _middleware(executor: StrawberryGraphQLCoreExecutionContext) -> bool:
    """Whether a middleware wraps the resolvers (then nothing is plain)."""
    manager = executor.middleware_manager
    return manager is not None and bool(manager.middlewares)


def _without_directives(executor: StrawberryGraphQLCoreExecutionContext) -> bool:
    """Whether the operation and its fragments hold no directive and no fragment variable
    (then which fields are collected never depends on the variables)."""
    operation = executor.operation
    if operation.directives or any(v.directives for v in operation.variable_definitions or ()):
        return False
    roots: list[SelectionSetNode] = [executor.operation.selection_set]
    for fragment in executor.fragment_definitions.values():
        if fragment.directives or getattr(fragment, "variable_definitions", None):
            return False
        roots.append(fragment.selection_set)
    stack = list(roots)
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections:
            directives: tuple[DirectiveNode, ...] = tuple(selection.directives or ())
            if directives:
                return False
            if isinstance(selection, FragmentSpreadNode) and getattr(selection, "arguments", None):
                return False
            if isinstance(selection, (FieldNode, InlineFragmentNode)) and selection.selection_set:
                stack.append(selection.selection_set)
    return True


class PlanExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing plain objects by their plans (see the module)."""

    plans: PlanCache = PlanCache()  # replaced per schema by :func:`executor_class`

    _operation_plans: _Plans | None = None  # this request's (looked up on first use)

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: list[FieldDetails],
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        plan = self._plan(return_type, field_details_list)
        if plan is not None:
            try:
                return plan(result)
            except Exception:  # any surprise: the general way completes it, from scratch
                pass
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plan(self, object_type: GraphQLObjectType,
              field_details_list: list[FieldDetails]) -> Complete | None:
        plans = self._operation_plans
        if plans is None:
            plans = self._operation_plans = self.plans.of(self)
        if not plans.plain:
            return None
        key = (object_type.name, tuple(id(d.node) for d in field_details_list))
        if key not in plans.by_key:
            plans.by_key[key] = _Compiler(self).object_plan(object_type, field_details_list)
        return plans.by_key[key]


class _Compiler:
    """Compiles the plan of one object's selection, or None if any part is not plain."""

    def __init__(self, executor: PlanExecutor) -> None:
        self.executor = executor

    def object_plan(self, object_type: GraphQLObjectType, field_details_list: list[FieldDetails],
                    required: bool = False) -> Complete | None:
        executor = self.executor
        if object_type.is_type_of is not None and not _strawberry_check(object_type):
            return None
        grouped, deferred, _ = collect_subfields(
            executor.schema, executor.fragments, executor.variable_values, executor.operation,
            object_type, field_details_list, executor.hide_suggestions,
        )
        if deferred:
            return None
        steps: list[tuple[str, Callable[[Any], Any], Complete]] = []
        for response_name, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                steps.append((response_name, _nothing, _constant(object_type.name)))
                continue
            if details[0].node.arguments:
                return None
            field_def = executor.schema.get_field(object_type, name)
            if field_def is None or field_def.args:
                return None
            read = _reader(field_def.resolve, field_def.extensions.get(_DEFINITION))
            complete = self.value_plan(field_def.type, details) if read else None
            if read is None or complete is None:
                return None
            steps.append((response_name, read, complete))
        return _object(object_type, steps, required)

    def value_plan(self, of_type: GraphQLOutputType, details: list[FieldDetails],
                   required: bool = False) -> Complete | None:
        if isinstance(of_type, GraphQLNonNull):
            return self.value_plan(of_type.of_type, details, required=True)
        if isinstance(of_type, GraphQLList):
            inner = self.value_plan(of_type.of_type, details)
            return None if inner is None else _list(inner, required)
        if isinstance(of_type, (GraphQLScalarType, GraphQLEnumType)):
            return _leaf(of_type, required)
        if isinstance(of_type, GraphQLObjectType):
            return self.object_plan(of_type, details, required)
        return None  # an interface or union: its runtime type is the general way's to find


def _strawberry_check(object_type: GraphQLObjectType) -> bool:
    """Whether ``is_type_of`` is strawberry's own (an isinstance test that ignores info)."""
    check = object_type.is_type_of
    return getattr(check, "__qualname__", "").endswith("_get_is_type_of.<locals>.is_type_of")


def _reader(resolve: Any, field: Any) -> Callable[[Any], Any] | None:
    """How a plain field's value is read from its parent: an attribute, or a sync resolver
    that takes only ``self``; None for anything else."""
    if not isinstance(field, StrawberryField):
        return None
    if getattr(resolve, "_is_default", False):  # strawberry's own "basic field" resolver
        if field.default_resolver is getattr:
            return attrgetter(field.python_name)
        default, name = field.default_resolver, field.python_name
        return lambda source: default(source, name)
    resolver = field.base_resolver
    if resolver is None or field.extensions or resolver.is_async or resolver.arguments:
        return None
    if resolver.info_parameter or resolver.root_parameter or resolver.parent_parameter:
        return None
    function = resolver.wrapped_func
    if not callable(function):
        return None
    if resolver.self_parameter:
        return function
    return lambda source: function()


def _nothing(_: Any) -> None:
    return None


def _constant(value: str) -> Complete:
    return lambda _: value


def _list(inner: Complete, required: bool) -> Complete:
    def complete(value: Any) -> Any:
        if value is None:
            if required:
                raise _Abandon  # the general way reports the null
            return None
        if type(value) is not list and type(value) is not tuple:
            raise _Abandon  # an iterator, an async iterable: the general way
        return [inner(item) for item in value]

    return complete


# graphql-core's own scalars whose coercion returns a value of exactly this type unchanged
_PASSING: dict[GraphQLScalarType, type] = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}


def _leaf(of_type: GraphQLScalarType | GraphQLEnumType, required: bool) -> Complete:
    coerce = of_type.coerce_output_value
    passing = _PASSING.get(of_type) if isinstance(of_type, GraphQLScalarType) else None
    custom = (isinstance(of_type, GraphQLScalarType)
              and specified_scalar_types.get(of_type.name) is not of_type)

    def complete(value: Any) -> Any:
        if value is None:
            if required:
                raise _Abandon
            return None
        if type(value) is passing:
            return value
        if custom and optimized_is_awaitable(value):
            raise _Abandon  # a custom scalar may pass anything on, an awaitable too
        done = coerce(value)
        if done is None or done is Undefined:
            raise _Abandon
        return done

    return complete


def _object(object_type: GraphQLObjectType,
            steps: list[tuple[str, Callable[[Any], Any], Complete]], required: bool) -> Complete:
    check = object_type.is_type_of
    fixed = tuple(steps)
    # Classes whose instances passed the checks: strawberry's is_type_of is an isinstance
    # test, and whether a value can be awaited is its class's matter (this API neither
    # casts instances with strawberry.cast nor gives them an __await__ of their own).
    passed: set[type] = set()

    def complete(value: Any) -> Any:
        if value is None:
            if required:
                raise _Abandon
            return None
        if type(value) not in passed:
            if optimized_is_awaitable(value) or (
                check is not None and check(value, None) is not True  # type: ignore[arg-type]
            ):
                raise _Abandon
            passed.add(type(value))
        return {name: finish(read(value)) for name, read, finish in fixed}

    return complete


def executor_class() -> type[PlanExecutor]:
    """An executor class with a plan cache of its own (one per schema)."""
    return type("SchemaPlanExecutor", (PlanExecutor,), {"plans": PlanCache()})
