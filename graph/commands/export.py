"""``enforcegraph export FORMAT``: the whole graph or a subgraph, to a file or folder."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from enforcegraph.graph.backends import open_store
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.exports import EXPORTERS, export_graph, source_urls
from enforcegraph.graph.exports.select import (
    ego_selection,
    filtered_selection,
    traversal_selection,
    whole_graph,
)
from enforcegraph.graph.settings import Settings

__all__ = ["export"]


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(sorted(EXPORTERS)))
@click.option("--out", type=click.Path(path_type=Path),
              help="Output file (folder for csv and parquet); default enforcegraph-export.*")
@click.option("--of", "of_entity", help="Export the ego network of this entity (id or name).")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
              help="With --of: relationships out from the entity.")
@click.option("--traversal", type=click.Choice(list(CATALOGUE)),
              help="Export what this catalogue traversal returns.")
@click.option("--argument", help="With --traversal: its FIRM or ARTICLE argument.")
@click.option("--label", "labels", multiple=True, help="Only nodes of this label (repeatable).")
@click.option("--type", "types", multiple=True, help="Only relationships of this type (repeatable).")
@click.pass_obj
def export(settings: Settings, format_name: str, out: Path | None, of_entity: str | None,
           depth: int, traversal: str | None, argument: str | None, labels: tuple[str, ...],
           types: tuple[str, ...]) -> None:
    """Export the graph (or an ego network, a traversal's result, a filtered view)."""
    if sum(bool(x) for x in (of_entity, traversal, labels or types)) > 1:
        raise click.UsageError("choose one of --of, --traversal, or --label/--type")
    exporter_class = EXPORTERS[format_name]
    target = out or Path("enforcegraph-export" + exporter_class.suffix)
    console = Console(stderr=True)
    store = open_store(settings, read_only=True)
    try:
        if of_entity:
            graph = ego_selection(store, of_entity, depth)
        elif traversal:
            graph = traversal_selection(store, traversal, argument)
        elif labels or types:
            graph = filtered_selection(store, labels, types)
        else:
            graph = whole_graph(store)
        urls = source_urls(whole_graph(store))
        ids = [*graph.nodes, *(key for _, _, key in graph.edges(keys=True))]
        records = store.records(ids) if exporter_class.needs_records else {}
    finally:
        store.close()
    total = graph.number_of_nodes() + graph.number_of_edges()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"exporting {format_name}", total=total)
        exporter = export_graph(graph, format_name, target, urls=urls, records=records,
                                progress=lambda n: progress.advance(task, n))
    console.print(f"wrote {exporter.nodes} nodes and {exporter.edges} relationships to {target}",
                  highlight=False)
