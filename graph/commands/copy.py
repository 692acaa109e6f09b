"""``enforcegraph copy --to neo4j``: move the whole embedded graph into Neo4j, idempotently."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore, Node, StoreStats, UpsertSummary
from enforcegraph.schema.errors import EnforcegraphError, StoreError

__all__ = ["CopyReport", "copy_command", "copy_graph", "verify_copy"]

console = Console(stderr=True)
Advance = Callable[[int], None]


@dataclass
class CopyReport:
    """What a copy did and what the verification found."""

    summary: UpsertSummary = field(default_factory=UpsertSummary)
    source: StoreStats = field(default_factory=StoreStats)
    target: StoreStats = field(default_factory=StoreStats)
    extra_nodes: int = 0
    extra_relationships: int = 0


def _pages(ids: Iterator[str], size: int) -> Iterator[list[str]]:
    page: list[str] = []
    for item in ids:
        page.append(item)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page


def copy_graph(
    source: GraphStore, target: GraphStore, batch_size: int = 5000, advance: Advance | None = None
) -> CopyReport:
    """Copy the record of ``source`` into ``target``: its judgements, then what each dataset
    said about every node (sources first), then about every relationship, datasets and days
    kept (``GraphStore.adopt``); verify."""
    report = CopyReport(source=source.stats())
    report.summary.add(target.adopt([], source.judgements()))
    streams = (
        (n.id for n in source.iter_nodes("Source")),
        (n.id for n in source.iter_nodes() if n.label != "Source"),
        (r.id for r in source.iter_relationships()),
    )
    for stream in streams:
        for page in _pages(stream, batch_size):
            records = source.records(page)
            report.summary.add(target.adopt([a for i in page for a in records.get(i, [])]))
            if advance is not None:
                advance(len(page))
    return verify_copy(source, target, report)


def verify_copy(source: GraphStore, target: GraphStore, report: CopyReport) -> CopyReport:
    """Check that the target holds every node (by id and label) and at least the counts."""
    report.target = target.stats()
    missing = [
        f"{name}: {count} in the embedded store, {report.target.nodes.get(name, 0)} in the target"
        for name, count in sorted(report.source.nodes.items())
        if report.target.nodes.get(name, 0) < count
    ] + [
        f"{name}: {count} in the embedded store, {report.target.relationships.get(name, 0)} "
        "in the target"
        for name, count in sorted(report.source.relationships.items())
        if report.target.relationships.get(name, 0) < count
    ]
    page: list[Node] = []
    for node in source.iter_nodes():
        page.append(node)
        if len(page) == 5000:
            missing += _missing_ids(target, page)
            page = []
    missing += _missing_ids(target, page)
    if missing:
        raise StoreError(f"copy verification failed: {'; '.join(missing[:5])}")
    report.extra_nodes = report.target.total_nodes - report.source.total_nodes
    report.extra_relationships = report.target.total_relationships - report.source.total_relationships
    return report


def _missing_ids(target: GraphStore, nodes: list[Node]) -> list[str]:
    found = target.lookup_labels(n.id for n in nodes)
    return [f"{n.id} ({n.label}) is missing" for n in nodes if found.get(n.id) != n.label]


@click.command("copy")
@click.option("--to", "backend", type=click.Choice(["neo4j"]), required=True,
              help="Target backend (configured by the ENFORCEGRAPH_NEO4J_* settings).")
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Records per transaction.")
@click.option("--replace", is_flag=True, help="Delete everything in the target first.")
@click.pass_obj
def copy_command(settings: Settings, backend: str, batch_size: int, replace: bool) -> None:
    """Copy the embedded store (ENFORCEGRAPH_DB) into Neo4j; idempotent, verified by counts."""
    from enforcegraph.graph.backends.embedded import EmbeddedStore
    from enforcegraph.graph.backends.neo4j import Neo4jStore

    if not settings.db.exists():
        raise EnforcegraphError(f"no embedded store at {settings.db} (load data first, or set --db)")
    with EmbeddedStore(settings.db, read_only=True) as source, Neo4jStore.from_settings(settings) as target:
        target.ping()
        if replace:
            target.clear()
        stats = source.stats()
        total = stats.total_nodes + stats.total_relationships
        columns = (TextColumn("copying to Neo4j"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("copy", total=total)
            report = copy_graph(source, target, batch_size,
                                lambda n: progress.advance(task, n))
    s = report.summary
    click.echo(
        f"copied {stats.total_nodes} nodes and {stats.total_relationships} relationships to "
        f"{settings.neo4j_uri} ({settings.neo4j_database}): nodes {s.nodes_created} created, "
        f"{s.nodes_updated} updated, {s.nodes_unchanged} unchanged; relationships "
        f"{s.relationships_created} created, {s.relationships_updated} updated, "
        f"{s.relationships_unchanged} unchanged"
    )
    extra = ""
    if report.extra_nodes or report.extra_relationships:
        extra = (f" (Neo4j also holds {report.extra_nodes} other nodes and "
                 f"{report.extra_relationships} other relationships)")
    click.echo(f"verified: every node and relationship count is in Neo4j{extra}")
