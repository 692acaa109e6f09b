"""Typed GraphQL errors: every error carries ``extensions.code``; the unexpected are masked."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from enforcegraph.schema.errors import EnforcegraphError, NotFound, QueryTimeout, StoreError
from enforcegraph.schema.text import MESSAGE_LIMIT, cut

__all__ = [
    "BAD_USER_INPUT",
    "INTERNAL",
    "LIMIT_EXCEEDED",
    "NOT_FOUND",
    "RATE_LIMITED",
    "UNAUTHENTICATED",
    "UNAVAILABLE",
    "ApiError",
    "TypedErrors",
    "error_payload",
]

log = logging.getLogger(__name__)

NOT_FOUND = "NOT_FOUND"
BAD_USER_INPUT = "BAD_USER_INPUT"
LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
UNAVAILABLE = "UNAVAILABLE"
INTERNAL = "INTERNAL_SERVER_ERROR"
UNAUTHENTICATED = "UNAUTHENTICATED"  # no valid API key (401)
RATE_LIMITED = "RATE_LIMITED"  # over the client's request rate (429)

# Messages of the parser and of strawberry's validation rules that mean "over a limit".
_LIMIT_MARKERS = (
    "exceeds maximum operation depth",
    "aliases found",
    "tokens. Parsing aborted",
)


class ApiError(EnforcegraphError):
    """An error the API reports on purpose, with its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def error_payload(code: str, message: str) -> dict[str, Any]:
    """A GraphQL-shaped JSON body for errors raised outside GraphQL (HTTP middleware)."""
    return {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}


def classify(error: GraphQLError) -> str | None:
    """The code of an error we expect, or None for one to mask."""
    original = error.original_error
    if isinstance(original, ApiError):
        return original.code
    if isinstance(original, NotFound):
        return NOT_FOUND
    if isinstance(original, QueryTimeout):  # the question asked for more than a query may take
        return LIMIT_EXCEEDED
    if isinstance(original, StoreError):  # a failed or corrupt store is not the user's fault
        return UNAVAILABLE
    if isinstance(original, EnforcegraphError):
        return BAD_USER_INPUT
    if original is None or isinstance(original, GraphQLError):
        existing = (error.extensions or {}).get("code")
        if isinstance(existing, str):
            return existing
        if any(marker in error.message for marker in _LIMIT_MARKERS):
            return LIMIT_EXCEEDED
        return BAD_USER_INPUT  # syntax, validation and variable coercion errors
    return None


class TypedErrors(MaskErrors):
    """Put a code on every error; mask and log anything unexpected."""

    def __init__(self) -> None:
        super().__init__(error_message="Unexpected error.")

    def _process_result(self, result: object) -> None:
        # As MaskErrors', without its isinstance check against a runtime Protocol, which
        # costs as much as the rest of the error handling on every request.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = []
        for error in errors:
            code = classify(error)
            if code is None:
                log.error(
                    "unexpected error in %s",
                    ".".join(str(p) for p in error.path or []) or "the request",
                    exc_info=error.original_error,
                )
                processed.append(_with_code(self.anonymise_error(error), INTERNAL))
            else:
                processed.append(_with_code(error, code))
        return processed


def _with_code(error: GraphQLError, code: str) -> GraphQLError:
    return GraphQLError(
        cut(error.message, MESSAGE_LIMIT),  # echoed input never makes a huge answer
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )
