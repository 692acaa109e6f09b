"""``enforcegraph serve``: the GraphQL API and the web page on uvicorn."""

from __future__ import annotations

import click

from enforcegraph.graph.settings import Settings

__all__ = ["serve"]


@click.command()
@click.option("--host", envvar="ENFORCEGRAPH_HOST", help="Address to listen on.")
@click.option("--port", type=int, envvar="ENFORCEGRAPH_PORT", help="Port to listen on.")
@click.option("--workers", type=int, envvar="ENFORCEGRAPH_WORKERS", help="Worker processes.")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the GraphQL API (/graphql) and the web page (/); the store opens read-only."""
    from enforcegraph.api.server import run_server

    # a read never outlives the request that asked for it
    query_timeout = min(settings.query_timeout or settings.request_timeout, settings.request_timeout)
    run_server(settings.with_overrides(host=host, port=port, workers=workers, read_only=True,
                                       query_timeout=query_timeout))
