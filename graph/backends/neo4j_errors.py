"""Driver errors of the Neo4j backend, re-raised as enforcegraph errors with one clear line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from enforcegraph.schema.errors import StoreError, StoreUnavailable

__all__ = ["CONNECTION_ERRORS", "translate_errors"]

log = logging.getLogger(__name__)
CONNECTION_ERRORS = (ServiceUnavailable, SessionExpired)
_REASON = re.compile(r"reason (.+?)\)*$", re.MULTILINE)
_NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


@contextmanager
def translate_errors(uri: str, user: str, database: str, action: str) -> Iterator[None]:
    """StoreUnavailable for a server that is down, refuses the credentials or lacks the
    database; StoreError for anything else the driver raises (always ``from`` it)."""
    where = f"Neo4j at {uri}"
    try:
        yield
    except AuthError as exc:
        raise StoreUnavailable(
            f"{where} refused the credentials of user {user!r} "
            "(check ENFORCEGRAPH_NEO4J_USER and ENFORCEGRAPH_NEO4J_PASSWORD)"
        ) from exc
    except ClientError as exc:
        if exc.code == _NO_DATABASE:
            raise StoreUnavailable(
                f"{where} has no database {database!r} (check ENFORCEGRAPH_NEO4J_DATABASE)"
            ) from exc
        raise StoreError(f"{where}: {action} failed: {_one_line(exc.message)}") from exc
    except (*CONNECTION_ERRORS, OSError) as exc:
        log.debug("Neo4j unreachable: %s", exc)
        reason = _REASON.search(str(exc))
        detail = f" ({reason.group(1)})" if reason else ""
        raise StoreUnavailable(f"cannot reach {where}{detail}; is it running?") from exc
    except (Neo4jError, DriverError) as exc:
        raise StoreError(f"{where}: {action} failed: {_one_line(str(exc))}") from exc
