"""Relay cursor connections: opaque cursors, ``totalCount`` and ``pageInfo``.

A cursor is base64 text. An offset cursor (``offset:N``) names a place in the list; a
keyset cursor (``seek:`` and JSON ``[N, scope, key]``) names the same place and the sort
key of its item as well, so the next page seeks to the key (an index range: a deep page
costs what the first costs) instead of skipping N items, and rows that did not change are
neither repeated nor skipped when others are added or removed between two pages. The
scope (which list, in which order) keeps a cursor to its own list; offset cursors (older
clients, lists whose backend cannot seek) keep working everywhere, the slow way.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from enforcegraph.api.errors import BAD_USER_INPUT, ApiError

__all__ = ["COUNT_CAP", "Connection", "Edge", "PageInfo", "Position", "decode_cursor",
           "decode_position", "encode_cursor", "page_of"]

T = TypeVar("T")
_PREFIX = "offset:"
_SEEK = "seek:"
_SCALARS = (str, int, float, bool, type(None))
# the most items a totalCount counts one by one: a count no total kept in step with the
# writes can answer (filters on two properties, on text) stops there (``totalCountCapped``)
COUNT_CAP = 1_000


@dataclass(frozen=True)
class Position:
    """Where a page starts: after ``offset`` items (0: at the start) and, from a keyset
    cursor, after the item whose sort key is ``key`` (None: by offset only)."""

    offset: int
    key: tuple[Any, ...] | None = None


def encode_cursor(offset: int, scope: str = "", key: Sequence[Any] | None = None) -> str:
    """The opaque cursor of the item at ``offset``; with ``key`` (its sort key in the
    list ``scope``) a keyset cursor."""
    if key is None:
        text = f"{_PREFIX}{offset}"
    else:
        text = _SEEK + json.dumps([offset, scope, list(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_position(cursor: str | None, scope: str, argument: str = "after") -> Position:
    """The position after ``cursor`` in the list ``scope``: BAD_USER_INPUT naming
    ``argument`` if the cursor is garbled or a keyset cursor of another list."""
    if not cursor:
        return Position(0)
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _bad(argument, cursor) from None
    if not text.startswith(_SEEK):
        return Position(_offset_after(text, cursor, argument))
    try:
        offset, owner, key = json.loads(text.removeprefix(_SEEK))
    except (ValueError, TypeError):
        raise _bad(argument, cursor) from None
    if (not isinstance(offset, int) or isinstance(offset, bool) or offset < 0
            or not isinstance(key, list) or not all(isinstance(v, _SCALARS) for v in key)):
        raise _bad(argument, cursor)
    if owner != scope:
        raise ApiError(BAD_USER_INPUT, f"{argument}: a cursor of another list or order "
                                       f"({owner!r}, not {scope!r}): {cursor!r}")
    return Position(offset + 1, tuple(key))


def _offset_after(text: str, cursor: str, argument: str) -> int:
    if not text.startswith(_PREFIX):
        raise _bad(argument, cursor)
    try:
        offset = int(text.removeprefix(_PREFIX))
    except ValueError:
        raise _bad(argument, cursor) from None
    if offset < 0:
        raise _bad(argument, cursor)
    return offset + 1


def _bad(argument: str, cursor: str) -> ApiError:
    return ApiError(BAD_USER_INPUT, f"{argument}: not a cursor of this API: {cursor!r}")


def decode_cursor(cursor: str | None) -> int:
    """The offset of the item after an offset cursor (0 without one); BAD_USER_INPUT if
    garbled (lists that page by offset only: keyset cursors are theirs to refuse)."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _bad("after", cursor) from None
    return _offset_after(text, cursor, "after")


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass as `after`.")


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[T]):
    # (offset, scope, sort key or None): the cursor is encoded only when asked for (a
    # keyset cursor is JSON and base64, ~12 us: a page of 100 would spend 1.2 ms on them)
    position: strawberry.Private[tuple[int, str, Sequence[Any] | None]]
    cursor: str = strawberry.field(resolver=lambda self: encode_cursor(*self.position),
                                   description="Opaque position of this item.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (Relay connection).")
class Connection(Generic[T]):
    total_count: int = strawberry.field(
        description="How many items the whole list has (when `totalCountCapped`: at least).")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more pages exist.")
    edges: list[Edge[T]] = strawberry.field(description="The items of this page with cursors.")

    total_count_capped: bool = strawberry.field(
        default=False,
        description=f"True when counting stopped at the server's cap ({COUNT_CAP:,} items): "
                    "the list has more than `totalCount` items. Never with no filter, a filter "
                    "on one property of few values (a country, kind, status, date, year) or on "
                    "ids and relationships: those are exact.")

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def page_of(items: Sequence[T], offset: int, total: int, *, capped: bool = False,
            more: bool | None = None, keys: Sequence[Sequence[Any]] | None = None,
            scope: str = "") -> Connection[T]:
    """A connection for one page (``items``) starting at ``offset`` of ``total``;
    ``capped``: ``total`` is a floor (the count stopped at a cap); ``more``: whether items
    follow the page, when known (a capped count cannot tell); ``keys``: each item's sort
    key in the list ``scope`` (keyset cursors), None for offset cursors."""
    end = offset + len(items)
    if more is None:
        more = end < total
    if capped and not more:  # the last page: the whole list ends here
        total, capped = end, False
    elif capped:
        total = max(total, end + 1)
    if keys is not None and len(keys) != len(items):
        raise ValueError("one sort key per item")
    if keys is not None and not all(isinstance(v, _SCALARS) for key in keys for v in key):
        keys = None  # a value a cursor cannot carry: offset cursors
    edges = [Edge(position=(offset + i, scope, None if keys is None else keys[i]), node=item)
             for i, item in enumerate(items)]
    info = PageInfo(
        has_next_page=more,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(*edges[0].position) if edges else None,
        end_cursor=encode_cursor(*edges[-1].position) if edges else None,
    )
    return Connection(total_count=total, page_info=info, edges=edges, total_count_capped=capped)
