"""The command line: ``enforcegraph load | query | stats | schema | datasets | serve ...``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from enforcegraph.graph.backends import open_store
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.output import render_csv, render_json, render_table
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore, UpsertSummary
from enforcegraph.loaders.base import FORMATS, read_batch
from enforcegraph.loaders.datasets import dataset_batch, is_dataset, list_datasets
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.schema.errors import EnforcegraphError, InvalidData
from enforcegraph.schema.jsonschema import case_file_json_schema
from enforcegraph.schema.model import load_model
from enforcegraph.schema.records import Batch

__all__ = ["main", "pass_settings", "store_from"]

F = TypeVar("F", bound=Callable[..., Any])
PRINTED_ERRORS = 50  # a longer list ends in "... and N more" (``load --report`` keeps all)
console = Console(stderr=True)
out = Console(soft_wrap=True)
log = logging.getLogger(__name__)

# Columns shown by default for each traversal's table (JSON and CSV carry everything).
TABLE_COLUMNS = {
    "sanctions-without-eu-establishment": [
        "decision.date", "regulator.id", "firm.name", "sanction.kind",
        "sanction.amount", "sanction.currency",
    ],
    "sanctions-with-unknown-establishment": [
        "decision.date", "regulator.id", "firm.name", "sanction.kind",
        "sanction.amount", "sanction.currency",
    ],
    "enforcement-history": ["date", "issuer.id", "kind", "status", "sanctions", "appeals"],
    "decisions-citing": ["date", "issuer.id", "id", "provisions"],
    "claims-contradicted": ["statement.date", "made_by", "issued_via", "contradicted_by", "statement.claims"],
    "cross-border-cases": ["firm.name", "countries", "decisions"],
}


class EnforcegraphGroup(click.Group):
    """A group that prints our errors as one line and exits non-zero."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidData as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            for error in exc.errors[:PRINTED_ERRORS]:
                click.echo(f"  {error}", err=True)
            if len(exc.errors) > PRINTED_ERRORS:
                kept = exc.kept_in
                where = f" (all of them in {kept})" if kept else " (load --report FILE keeps all)"
                click.echo(f"  ... and {len(exc.errors) - PRINTED_ERRORS} more errors{where}", err=True)
            sys.exit(2)
        except EnforcegraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


def pass_settings(func: F) -> F:
    """Give a command the Settings object built by the group."""
    return click.pass_obj(func)  # type: ignore[return-value]


@contextmanager
def store_from(settings: Settings, *, writable: bool = False) -> Iterator[GraphStore]:
    """Open the configured store for one command: read-only unless it writes (a missing
    store is then an error, never a new empty one)."""
    store = open_store(settings, read_only=settings.read_only or not writable)
    try:
        yield store
    finally:
        store.close()


@click.group(cls=EnforcegraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="ENFORCEGRAPH_DB",
              help="Embedded store file.")
@click.option("--backend", type=click.Choice(["embedded", "neo4j"]), envvar="ENFORCEGRAPH_BACKEND",
              help="Store backend.")
@click.option("--neo4j-uri", envvar="ENFORCEGRAPH_NEO4J_URI", help="Neo4j Bolt URI.")
@click.option("--neo4j-user", envvar="ENFORCEGRAPH_NEO4J_USER", help="Neo4j user.")
@click.option("--neo4j-password", envvar="ENFORCEGRAPH_NEO4J_PASSWORD", help="Neo4j password.")
@click.option("--neo4j-database", envvar="ENFORCEGRAPH_NEO4J_DATABASE", help="Neo4j database.")
@click.option("-v", "--verbose", is_flag=True, help="Log at DEBUG level.")
@click.version_option(package_name="enforcegraph")
@click.pass_context
def main(ctx: click.Context, /, verbose: bool, **options: Any) -> None:
    """enforcegraph: a sourced graph of enforcement decisions, firms and regulators."""
    settings = Settings.from_env(**options)
    from enforcegraph.graph.logs import configure_logging

    configure_logging("DEBUG" if verbose else settings.log_level, settings.log_json)
    ctx.obj = settings


@main.command()
def datasets() -> None:
    """List the bundled datasets."""
    for dataset in list_datasets():
        requires = f" (requires {', '.join(dataset.requires)})" if dataset.requires else ""
        out.print(f"[bold]{dataset.name}[/bold]{requires}\n  {dataset.description}")


def _print_summary(name: str, summary: UpsertSummary) -> None:
    s = summary
    state = "changed" if s.changed else "unchanged"
    out.print(
        f"{name}: nodes {s.nodes_created} created, {s.nodes_updated} updated, "
        f"{s.nodes_unchanged} unchanged; relationships {s.relationships_created} created, "
        f"{s.relationships_updated} updated, {s.relationships_unchanged} unchanged ({state})",
        highlight=False,
    )


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "format_name", help="Input format (default: from the file name).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a data-quality report (with several inputs, one each: FILE's name "
                   "with the input's position and name before the suffix).")
@click.option("--no-link", is_flag=True,
              help="Skip linking firms and decisions across sources after the load (enforcegraph link).")
@click.option("--no-locate", is_flag=True,
              help="Skip locating the targets of decisions from evidence after the load (enforcegraph locate).")
@pass_settings
def load(settings: Settings, sources: tuple[str, ...], format_name: str | None,
         report: Path | None, no_link: bool, no_locate: bool) -> None:
    """Load bundled datasets (by name) or files; each is all-or-nothing and idempotent.
    Then link the records of one firm or one decision across sources (enforcegraph link),
    and locate the firms from evidence (enforcegraph locate)."""
    from itertools import chain

    from enforcegraph.loaders.reports import (
        report_path,
        reported_batches,
        stream_with_report,
        write_errors,
    )

    total = UpsertSummary()
    store: GraphStore | None = None
    limits = InputLimits.from_settings(settings)
    with ExitStack() as opened, Progress(console=console, transient=True) as progress:
        task = progress.add_task("loading", total=len(sources))
        for number, source in enumerate(sources, 1):
            progress.update(task, description=f"loading {source}")
            kept = None if report is None else report_path(report, source, number, len(sources))
            try:
                if is_dataset(source) and not Path(source).exists():
                    batches: Iterator[Batch] = reported_batches([dataset_batch(source)], source,
                                                                "dataset", kept)
                else:  # a file is read in batches (formats that stream), written as one load
                    batches = stream_with_report(Path(source), format_name, kept, limits)
                first = next(batches, None)
                if store is None:  # opened once the first input reads well
                    store = opened.enter_context(store_from(settings, writable=True))
                summary = store.upsert_stream(chain([first] if first else [], batches))
            except InvalidData as exc:
                if kept is not None:
                    write_errors(kept, Path(source), exc)
                raise
            progress.advance(task)
            _print_summary(source, summary)
            if kept is not None and len(sources) > 1:
                console.print(f"{source}: report in {kept}", highlight=False)
            total.add(summary)
    if len(sources) > 1:
        _print_summary("total", total)
    if store is not None and not no_link:
        from enforcegraph.graph.commands.link import print_links
        from enforcegraph.loaders.linkage import link_all

        with store_from(settings, writable=True) as linking:
            linked = link_all(linking)
        if linked.applied or linked.review:
            print_links(out, linked, verbose=False)
    if store is not None and not no_locate:
        from enforcegraph.graph.commands.locate import print_locations
        from enforcegraph.loaders.location import apply_locations

        with store_from(settings, writable=True) as locating:
            found, written = apply_locations(locating)
        if written.changed:
            print_locations(out, found, written, verbose=False)


def _emit(rows: list[dict[str, Any]], title: str, as_json: bool, as_csv: bool,
          columns: list[str] | None = None) -> None:
    if as_json:
        click.echo(render_json(rows))
    elif as_csv:
        click.echo(render_csv(rows), nl=False)
    else:
        render_table(out, rows, title, columns)


@main.command()
@click.argument("traversal", type=click.Choice(list(CATALOGUE)))
@click.argument("argument", required=False)
@click.option("--regulator", help="Only decisions of this regulator (id).")
@click.option("--jurisdiction", help="Only regulators of this country code (or EU).")
@click.option("--since", help="Only decisions on or after this date.")
@click.option("--until", help="Only decisions on or before this date.")
@click.option("--at", type=click.Choice(["decision-date", "today"]), default="decision-date",
              show_default=True, help="Judge establishments at the decision date or today.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV output.")
@pass_settings
def query(settings: Settings, traversal: str, argument: str | None, as_json: bool,
          as_csv: bool, **options: Any) -> None:
    """Run a named traversal from the catalogue."""
    with store_from(settings) as store:
        rows = store.traversals().run(traversal, argument, **options)
    _emit(rows, traversal, as_json, as_csv, TABLE_COLUMNS.get(traversal))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@pass_settings
def stats(settings: Settings, as_json: bool) -> None:
    """Counts of nodes by label and relationships by type, and the share of sanctioned
    firms whose establishment is known (the headline can classify them)."""
    with store_from(settings) as store:
        data = store.stats().to_dict()
        data["establishment"] = store.traversals().establishment_coverage()
    if as_json:
        click.echo(render_json(data))
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in data["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in data["relationships"].items()]
    render_table(out, rows, f"{data['total_nodes']} nodes, {data['total_relationships']} relationships")
    cover = data["establishment"]
    share = "-" if cover["share_known"] is None else f"{100 * cover['share_known']:.1f}%"
    out.print(f"sanctioned firms whose establishment is known: {cover['known']} of {cover['firms']} "
              f"({share}); unknown: {cover['unknown']} (query sanctions-with-unknown-establishment)",
              highlight=False)


@main.command("schema")
@click.option("--json-schema", is_flag=True, help="Print the JSON Schema of case files.")
def schema_command(json_schema: bool) -> None:
    """Show the data model (labels, relationship types), or its JSON Schema."""
    model = load_model()
    if json_schema:
        click.echo(json.dumps(case_file_json_schema(model), indent=2))
        return
    for label in model.labels.values():
        props = ", ".join(f"{n}{'*' if p.required else ''}" for n, p in label.properties.items())
        out.print(f"[bold]{label.name}[/bold] ({label.prefix}:…) {props}", highlight=False)
    for rel in model.relationships.values():
        ends = f"{'|'.join(sorted(rel.from_labels))} -> {'|'.join(sorted(rel.to_labels))}"
        out.print(f"[bold]{rel.name}[/bold] {ends}", highlight=False)


@main.command()
def formats() -> None:
    """List the input formats ``load --format`` accepts."""
    read_batch  # noqa: B018  (importing registers the built-in formats)
    from enforcegraph.loaders import base

    base._load_builtin_formats()
    for fmt in sorted(FORMATS.values(), key=lambda f: f.name):
        out.print(f"[bold]{fmt.name}[/bold] ({', '.join(fmt.suffixes)}): {fmt.description}")


def _register_extensions() -> None:
    """Commands defined in their own modules."""
    from enforcegraph.graph import commands

    for command in commands.all_commands():
        main.add_command(command)


_register_extensions()
