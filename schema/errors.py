"""The one error tree of enforcegraph."""

from __future__ import annotations

from dataclasses import dataclass

from enforcegraph.schema.text import ECHO_LIMIT, MESSAGE_LIMIT, cut

__all__ = [
    "EnforcegraphError",
    "FieldError",
    "InvalidData",
    "NotFound",
    "QueryTimeout",
    "SchemaError",
    "StoreError",
    "StoreUnavailable",
]


class EnforcegraphError(Exception):
    """Base of every error enforcegraph raises on purpose."""


class NotFound(EnforcegraphError):
    """An id, dataset or traversal that does not exist."""


class SchemaError(EnforcegraphError):
    """The schema itself is inconsistent, or a name is not in its allow-list."""


class StoreError(EnforcegraphError):
    """A storage backend failed."""


class StoreUnavailable(StoreError):
    """The backend cannot be reached (server down, wrong credentials, unknown database)."""


class QueryTimeout(StoreError):
    """A read ran past its time limit (``ENFORCEGRAPH_QUERY_TIMEOUT``) and was stopped."""


@dataclass(frozen=True, order=True)
class FieldError:
    """One problem in one field of one record, located as precisely as the input allows."""

    file: str
    record: str
    field: str
    message: str

    def __post_init__(self) -> None:
        # input echoed back (a field named by the input, a value in the message) is cut
        # to a short prefix: a 500 KB name never makes a 500 KB error
        for name, limit in (("record", ECHO_LIMIT), ("field", ECHO_LIMIT), ("message", MESSAGE_LIMIT)):
            text = getattr(self, name)
            if isinstance(text, str):
                object.__setattr__(self, name, cut(text, limit))

    def __str__(self) -> str:
        return f"{self.file}:{self.record}: {self.field}: {self.message}"


class InvalidData(EnforcegraphError):
    """A batch of records that fails validation; lists every error at once."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = sorted(errors, key=_error_order)
        self.kept_in: str | None = None  # a file holding every error (``load --report``)
        count = len(self.errors)
        first = str(self.errors[0]) if self.errors else "no details"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{count} invalid field(s): {first}{more}")

    def report(self) -> str:
        """Every error, one per line."""
        return "\n".join(str(error) for error in self.errors)


def _error_order(error: FieldError) -> tuple[str, int, str, str]:
    digits = "".join(ch for ch in error.record if ch.isdigit())
    return (error.file, int(digits) if digits else 0, error.record, error.field)
