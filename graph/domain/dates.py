"""Comparisons of ISO dates that may be reduced to year-month or year."""

from __future__ import annotations

import re
from datetime import date

from enforcegraph.schema.errors import EnforcegraphError
from enforcegraph.schema.text import quoted

__all__ = ["checked_date", "date_ceiling", "date_floor", "valid_at"]

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def checked_date(value: str, what: str) -> str:
    """``value`` if it is an ISO date, year-month or year; else an error naming ``what``.

    >>> checked_date("2022-10", "since")
    '2022-10'
    >>> checked_date("banana", "until")
    Traceback (most recent call last):
    ...
    enforcegraph.schema.errors.EnforcegraphError: until: 'banana' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)
    """
    found = _PARTIAL.match(value)
    try:
        if found is None:
            raise ValueError(value)
        year, month, day = found.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise EnforcegraphError(
            f"{what}: {quoted(value)} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None
    return value


def date_floor(value: str) -> str:
    """The earliest day a (possibly partial) date can mean, as a sortable string.

    >>> date_floor("2024-07"), date_floor("2024")
    ('2024-07-00', '2024-00-00')
    """
    return (value + "-00-00")[:10] if len(value) < 10 else value


def date_ceiling(value: str) -> str:
    """The latest day a (possibly partial) date can mean, as a sortable string.

    >>> date_ceiling("2020-01")
    '2020-01-99'
    """
    return (value + "-99-99")[:10] if len(value) < 10 else value


def valid_at(valid_from: str | None, valid_to: str | None, when: str | None) -> bool:
    """Whether a dated fact holds on ``when`` (an unknown date: it held at some time).

    >>> valid_at("1958-01-01", None, "2022-10-17"), valid_at(None, "2020-01-31", "2022-10-17")
    (True, False)
    """
    if when is None:
        return True
    if valid_from and date_floor(valid_from) > date_ceiling(when):
        return False
    return not (valid_to and date_ceiling(valid_to) < date_floor(when))
