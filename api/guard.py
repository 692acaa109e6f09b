"""One schema extension for every request: limits, typed errors, cached documents.

Parsing and validating a query costs far more than answering a small one, and clients
send the same few query texts over and over, so prepared documents are cached by query
text (a bounded LRU per schema). No limit is skipped on a cached document:

- the token limit is a parse option: a text the parser refuses is never cached, and is
  left to strawberry's own parse step, which reports the error (typed by TypedErrors);
- the depth and alias limits are validation rules, built once per schema: a cached
  entry keeps the validation errors of its document, so a refused document is refused
  again from the cache;
- the cost limit depends on the variables, so it is estimated for every request.

Everything runs in one extension with two hooks: strawberry wraps every hook of every
extension in context managers per request, which cost as much as a small query.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphql import ASTValidationRule, DocumentNode, ExecutionResult, GraphQLError, parse
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.schema.schema import validate_document

from enforcegraph.api.errors import TypedErrors
from enforcegraph.api.limits import cost_error
from enforcegraph.graph.settings import Settings

__all__ = ["CACHE_SIZE", "DocumentCache", "GuardConfig", "RequestGuard", "limit_rules"]

CACHE_SIZE = 512  # distinct query texts kept per process


def limit_rules(max_depth: int, max_aliases: int) -> tuple[type[ASTValidationRule], ...]:
    """The depth and alias validation rules, built once."""
    return (
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
    )


@dataclass
class _Entry:
    document: DocumentNode
    errors: list[GraphQLError] | None = None  # None until validated


@dataclass
class DocumentCache:
    """Parsed documents and their validation errors by query text, least recently used out."""

    maxsize: int = CACHE_SIZE
    entries: OrderedDict[str, _Entry] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0

    def get(self, query: str, max_tokens: int) -> _Entry | None:
        """The entry of ``query``, parsed now if new; None if the parser refuses it."""
        entry = self.entries.get(query)
        if entry is not None:
            self.hits += 1
            self.entries.move_to_end(query)
            return entry
        self.misses += 1
        try:
            document = parse(query, max_tokens=max_tokens)
        except GraphQLError:
            return None
        entry = self.entries[query] = _Entry(document)
        if len(self.entries) > self.maxsize:
            self.entries.popitem(last=False)
        return entry


@dataclass(frozen=True)
class GuardConfig:
    """What every request of one schema shares: the limits, their rules, the cache."""

    max_tokens: int
    max_cost: int
    default_page_size: int
    rules: tuple[type[ASTValidationRule], ...]
    cache: DocumentCache

    @classmethod
    def from_settings(cls, settings: Settings) -> GuardConfig:
        """The limits of ``settings`` and an empty cache."""
        return cls(
            max_tokens=settings.max_tokens,
            max_cost=settings.max_cost,
            default_page_size=settings.default_page_size,
            rules=limit_rules(settings.max_depth, settings.max_aliases),
            cache=DocumentCache(),
        )


class RequestGuard(TypedErrors):
    """Limits and cached documents before execution; typed, masked errors after it."""

    def __init__(self, config: GuardConfig) -> None:
        super().__init__()
        self.config = config

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        config = self.config
        context.parse_options["max_tokens"] = config.max_tokens
        context.validation_rules = context.validation_rules + config.rules
        if context.query and context.graphql_document is None:
            entry = config.cache.get(context.query, config.max_tokens)
            if entry is not None:  # else strawberry parses it again and reports the error
                if entry.errors is None:
                    entry.errors = validate_document(
                        context.schema._schema, entry.document, context.validation_rules
                    )
                context.graphql_document = entry.document
                context.pre_execution_errors = list(entry.errors)  # validation is done
        yield from super().on_operation()

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and not context.result:
            error = cost_error(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables,
                self.config.max_cost,
                self.config.default_page_size,
            )
            if error is not None:
                context.result = ExecutionResult(data=None, errors=[error])
        yield
