"""Relay cursor connections: opaque offset cursors, ``totalCount`` and ``pageInfo``."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Generic, TypeVar

import strawberry

from enforcegraph.api.errors import BAD_USER_INPUT, ApiError

__all__ = ["Connection", "Edge", "PageInfo", "decode_cursor", "encode_cursor", "page_of"]

T = TypeVar("T")
_PREFIX = "offset:"


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
    total_count: int = strawberry.field(description="How many items the whole list has.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more pages exist.")
    edges: list[Edge[T]] = strawberry.field(description="The items of this page with cursors.")

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def page_of(items: Sequence[T], offset: int, total: int) -> Connection[T]:
    """A connection for one page (``items``) starting at ``offset`` of ``total``."""
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(items)]
    info = PageInfo(
        has_next_page=offset + len(items) < total,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(total_count=total, page_info=info, edges=edges)
