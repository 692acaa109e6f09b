"""One schema extension for every request: limits, typed errors, cached documents.

Parsing and validating a query costs far more than answering a small one, and clients
send the same few query texts over and over, so prepared documents are cached by query
text (a bounded LRU per schema). No limit is skipped on a cached document:

- the token limit is a parse option: a text the parser refuses is never cached, and is
  left to strawberry's own parse step, which reports the error (typed by TypedErrors);
- the depth and alias limits are measured in one pass that remembers each fragment
  (api/shape.py), so their time is linear in the document even when fragments fan out;
  a cached entry keeps the validation errors of its document, so a refused document is
  refused again from the cache;
- the cost limit may depend on the variables (a ``first: $n``): it is estimated once per
  operation and values of the variables it reads (each fragment remembered: linear in the
  document), and that verdict is kept with the document (``COSTS_KEPT`` of them).

A new text is parsed and validated in a worker thread, off the event loop: the request
timeout can cut it off, and other requests (and /healthz) keep being answered meanwhile.
Everything runs in one extension with two hooks: strawberry wraps every hook of every
extension in context managers per request, which cost as much as a small query.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field

from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    parse,
)
from graphql.validation import specified_rules, validate

from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.errors import TypedErrors
from enforcegraph.api.limits import cost_key, costed, over_cost
from enforcegraph.api.shape import shape_errors
from enforcegraph.graph.settings import Settings

__all__ = ["CACHE_SIZE", "COSTS_KEPT", "DocumentCache", "GuardConfig", "RequestGuard", "prepare"]

CACHE_SIZE = 512  # distinct query texts kept per process
COSTS_KEPT = 64  # cost estimates kept per document (operation and the variables they read)


@dataclass
class _Entry:
    document: DocumentNode
    errors: list[GraphQLError]
    # per operation name: the variables its cost depends on; per (name, their values): cost
    cost_reads: dict[str | None, frozenset[str]] = field(default_factory=dict)
    costs: dict[tuple[object, ...], int] = field(default_factory=dict)

    def cost(self, schema: GraphQLSchema, operation: str | None,
             variables: dict[str, object] | None, default_page_size: int) -> int:
        """The operation's estimated cost with these variables, estimated once per values
        of the variables it reads."""
        reads = self.cost_reads.get(operation)
        key = None if reads is None else (operation, cost_key(reads, variables))
        if key is not None and key in self.costs:
            return self.costs[key]
        cost, reads = costed(schema, self.document, operation, variables, default_page_size)
        if len(self.costs) >= COSTS_KEPT:
            self.costs.clear()
        self.cost_reads[operation] = reads
        self.costs[(operation, cost_key(reads, variables))] = cost
        return cost


@dataclass
class DocumentCache:
    """Parsed documents and their validation errors by query text, least recently used out."""

    maxsize: int = CACHE_SIZE
    entries: OrderedDict[str, _Entry] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0

    def get(self, query: str) -> _Entry | None:
        """The entry of ``query``, or None if it was never prepared."""
        entry = self.entries.get(query)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self.entries.move_to_end(query)
        return entry

    def put(self, query: str, entry: _Entry) -> None:
        """Keep ``entry`` for ``query``; the least recently used goes when full."""
        self.entries[query] = entry
        if len(self.entries) > self.maxsize:
            self.entries.popitem(last=False)


def prepare(
    schema: GraphQLSchema,
    query: str,
    config: GuardConfig,
    rules: Sequence[type[ASTValidationRule]] = specified_rules,
) -> _Entry | None:
    """Parse and validate ``query`` (depth and aliases included); None if it does not parse.

    Time is linear in the text, which the parser cuts off at ``max_tokens``.
    """
    try:
        document = parse(query, max_tokens=config.max_tokens)
    except GraphQLError:
        return None  # strawberry parses it again and reports the error
    errors = shape_errors(document, config.max_depth, config.max_aliases)
    if not errors:
        errors = validate(schema, document, rules)
    return _Entry(document, errors)


@dataclass(frozen=True)
class GuardConfig:
    """What every request of one schema shares: the limits, their rules, the cache."""

    max_tokens: int
    max_depth: int
    max_aliases: int
    max_cost: int
    default_page_size: int
    cache: DocumentCache

    @classmethod
    def from_settings(cls, settings: Settings) -> GuardConfig:
        """The limits of ``settings`` and an empty cache."""
        return cls(
            max_tokens=settings.max_tokens,
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_cost=settings.max_cost,
            default_page_size=settings.default_page_size,
            cache=DocumentCache(),
        )


class RequestGuard(TypedErrors):
    """Limits and cached documents before execution; typed, masked errors after it."""

    def __init__(self, config: GuardConfig) -> None:
        super().__init__()
        self.config = config
        self.entry: _Entry | None = None  # this request's cached document, if it has one

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        context = self.execution_context
        config = self.config
        context.parse_options["max_tokens"] = config.max_tokens
        if context.query and context.graphql_document is None:
            query = context.query
            entry = config.cache.get(query)
            if entry is None:
                schema, rules = context.schema._schema, tuple(context.validation_rules)
                entry = await in_thread(lambda: prepare(schema, query, config, rules))
                if entry is not None:  # else strawberry parses it again and reports the error
                    config.cache.put(query, entry)
            if entry is not None:
                context.graphql_document = entry.document
                context.pre_execution_errors = list(entry.errors)  # validation is done
                self.entry = entry
        masking: Iterator[None] = super().on_operation()
        next(masking)
        yield
        next(masking, None)

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and not context.result:
            entry = self.entry
            if entry is None or entry.document is not context.graphql_document:
                entry = _Entry(context.graphql_document, [])  # estimated for this request only
            cost = entry.cost(context.schema._schema, context.operation_name, context.variables,
                              self.config.default_page_size)
            error = over_cost(cost, self.config.max_cost)
            if error is not None:
                context.result = ExecutionResult(data=None, errors=[error])
        yield
