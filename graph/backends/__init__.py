"""Store backends behind one contract, chosen by settings."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore

__all__ = ["GraphStore", "open_store"]


def open_store(
    settings: Settings | None = None, *, db: str | Path | None = None, read_only: bool | None = None
) -> GraphStore:
    """Open the backend the settings name (embedded by default).

    ``read_only`` (default: the ``read_only`` setting, which ``serve`` turns on) opens an
    embedded store read-only: a missing file is a StoreError, nothing is written.
    """
    settings = settings or Settings.from_env()
    read_only = settings.read_only if read_only is None else read_only
    if db is not None:
        settings = settings.with_overrides(db=Path(db))
    if settings.backend == "neo4j":
        from enforcegraph.graph.backends.neo4j import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from enforcegraph.graph.backends.embedded import EmbeddedStore

    return EmbeddedStore(settings.db, read_only=read_only, query_timeout=settings.query_timeout)
