"""``enforcegraph plot``: fines by regulator or year, a firm's timeline, an ego network."""

from __future__ import annotations

from pathlib import Path

import click

from enforcegraph.graph.analytics import graph_of
from enforcegraph.graph.backends import open_store
from enforcegraph.graph.domain.traversals import resolve_entity
from enforcegraph.graph.settings import Settings

__all__ = ["plot"]

KINDS = ("fines-by-regulator", "fines-by-year", "timeline", "network")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("entity", required=False)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output .png or .svg file.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
              help="network: relationships out from the entity.")
@click.option("--top", type=click.IntRange(1), default=15, show_default=True,
              help="fines-by-regulator: how many regulators.")
@click.pass_obj
def plot(settings: Settings, kind: str, entity: str | None, out: Path, depth: int,
         top: int) -> None:
    """Draw a chart: fines-by-regulator, fines-by-year, timeline FIRM, network ENTITY."""
    from enforcegraph.graph import plots

    if kind in ("timeline", "network") and not entity:
        raise click.UsageError(f"{kind} needs an entity (id or name)")
    store = open_store(settings, read_only=True)
    try:
        graph = graph_of(store)
        if kind == "fines-by-regulator":
            result = plots.fines_by_regulator(graph, out, top=top)
        elif kind == "fines-by-year":
            result = plots.fines_by_year(graph, out)
        else:
            labels = ("Company", "Person") if kind == "timeline" else ()
            node = resolve_entity(store, str(entity), labels).id
            if kind == "timeline":
                result = plots.timeline(graph, node, out)
            else:
                result = plots.network(graph, node, out, depth=depth)
    finally:
        store.close()
    click.echo(f"wrote {result.path} ({len(result.rows)} data rows)")
