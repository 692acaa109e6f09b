"""Store backends behind one contract, chosen by settings."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore

__all__ = ["GraphStore", "open_store"]


def open_store(settings: Settings | None = None, *, db: str | Path | None = None) -> GraphStore:
    """Open the backend the settings name (embedded by default)."""
    settings = settings or Settings.from_env()
    if db is not None:
        settings = settings.with_overrides(db=Path(db))
    if settings.backend == "neo4j":
        from enforcegraph.graph.store.neo4j import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from enforcegraph.graph.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.db)
