"""The per-request context: settings, the store and fresh dataloaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as StrawberryInfo

from enforcegraph.api.dataloaders import Loaders
from enforcegraph.api.errors import LIMIT_EXCEEDED, ApiError
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore

__all__ = ["Context", "Info", "make_context"]


@dataclass
class Context:
    """What every resolver of one request sees."""

    settings: Settings
    store: GraphStore
    loaders: Loaders
    extra: dict[str, Any] = field(default_factory=dict)

    def page_size(self, first: int | None) -> int:
        """``first`` checked against the limits (the default when not given)."""
        if first is None:
            return self.settings.default_page_size
        if first < 0:
            raise ApiError("BAD_USER_INPUT", "`first` must not be negative")
        if first > self.settings.max_page_size:
            raise ApiError(
                LIMIT_EXCEEDED,
                f"`first` is {first}; the largest page is {self.settings.max_page_size}",
            )
        return first


Info = StrawberryInfo[Context, None]


def make_context(settings: Settings, store: GraphStore) -> Context:
    """A fresh context with its own dataloaders (call once per request)."""
    return Context(settings=settings, store=store, loaders=Loaders(store))
