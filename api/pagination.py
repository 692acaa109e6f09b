"""Relay cursor connections: opaque offset cursors, ``totalCount`` and ``pageInfo``."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Generic, TypeVar

import strawberry

from enforcegraph.api.errors import BAD_USER_INPUT, ApiError

__all__ = ["COUNT_CAP", "Connection", "Edge", "PageInfo", "decode_cursor", "encode_cursor",
           "page_of"]

T = TypeVar("T")
_PREFIX = "offset:"
# the most items a totalCount counts one by one: a count no total kept in step with the
# writes can answer (filters on two properties, on text) stops there (``totalCountCapped``)
COUNT_CAP = 1_000


def encode_cursor(offset: int) -> str:
    """The opaque cursor of the item at ``offset``."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset of the item after ``cursor`` (0 without one); BAD_USER_INPUT if garbled."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        offset = int(text.removeprefix(_PREFIX))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(BAD_USER_INPUT, f"not a cursor of this API: {cursor!r}") from None
    if offset < 0:
        raise ApiError(BAD_USER_INPUT, f"not a cursor of this API: {cursor!r}")
    return offset + 1


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass as `after`.")


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
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
            more: bool | None = None) -> Connection[T]:
    """A connection for one page (``items``) starting at ``offset`` of ``total``;
    ``capped``: ``total`` is a floor (the count stopped at a cap); ``more``: whether items
    follow the page, when known (a capped count cannot tell)."""
    end = offset + len(items)
    if more is None:
        more = end < total
    if capped and not more:  # the last page: the whole list ends here
        total, capped = end, False
    elif capped:
        total = max(total, end + 1)
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(items)]
    info = PageInfo(
        has_next_page=more,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(total_count=total, page_info=info, edges=edges, total_count_capped=capped)
