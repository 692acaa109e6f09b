"""``enforcegraph analyze NAME``: run a NetworkX analysis and print rows (table, JSON, CSV)."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console

from enforcegraph.graph.analytics import ANALYSES
from enforcegraph.graph.analytics import analyze as run_analysis
from enforcegraph.graph.backends import open_store
from enforcegraph.graph.output import render_csv, render_json, render_table
from enforcegraph.graph.settings import Settings

__all__ = ["analyze"]

# Columns of the terminal table per analysis (JSON and CSV carry everything).
COLUMNS: dict[str, list[str]] = {
    "centrality": ["group", "rank", "name", "degree", "pagerank", "betweenness"],
    "communities": ["community", "size", "labels", "members"],
    "components": ["component", "size", "labels", "members"],
    "co-enforcement": ["a.name", "b.name", "weight", "shared"],
    "path": ["step", "from.name", "relationship.type", "relationship.direction", "to.name"],
    "ego": ["distance", "label", "name", "id", "degree"],
    "cross-border": ["firm.name", "countries", "decisions", "fines", "total_eur", "first_date",
                     "last_date"],
    "repeat-offenders": ["firm.name", "countries", "decisions", "fines", "total_eur"],
    "totals": ["key", "name", "count", "total_eur", "original_amounts.EUR", "unconverted"],
    "fines": ["decision.date", "regulator.name", "amount", "currency", "amount_eur", "rate_basis"],
    "statutory-maximum": ["decision.date", "regulator.name", "firm.name", "amount_eur", "tier",
                          "ceiling_eur", "ceiling_is_floor", "share_of_ceiling", "at_cap"],
}


@click.command()
@click.argument("name", type=click.Choice(list(ANALYSES)))
@click.argument("arguments", nargs=-1)
@click.option("--by", help="centrality: degree|pagerank|betweenness; totals: "
              "regulator|country|article|year.")
@click.option("--labels", help="centrality: comma-separated labels (or PRAgency) to rank.")
@click.option("--top", type=click.IntRange(1), help="centrality: rows per label.")
@click.option("--k", type=click.IntRange(1), help="centrality: sample K sources for betweenness.")
@click.option("--seed", type=int, help="centrality, communities: random seed.")
@click.option("--resolution", type=float, help="communities: Louvain resolution.")
@click.option("--min-size", type=click.IntRange(1), help="communities, components: smallest size.")
@click.option("--via", type=click.Choice(["regulator", "article", "target"]),
              help="co-enforcement: what links two firms (target: regulators sharing a firm).")
@click.option("--min-weight", type=click.IntRange(1), help="co-enforcement: fewest shared links.")
@click.option("--depth", type=click.IntRange(0), help="ego: how many relationships out.")
@click.option("--min-decisions", type=click.IntRange(1), help="repeat-offenders: fewest decisions.")
@click.option("--min-countries", type=click.IntRange(1), help="repeat-offenders: fewest countries.")
@click.option("--kinds", help="totals, fines: comma-separated sanction kinds (default fine).")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV output.")
@click.pass_obj
def analyze(settings: Settings, /, name: str, arguments: tuple[str, ...], as_json: bool,
            as_csv: bool, **options: Any) -> None:
    """Run an analysis: centrality, communities, components, co-enforcement, path A B,
    ego ENTITY, cross-border, repeat-offenders, totals, fines, statutory-maximum."""
    given = {k: v for k, v in options.items() if v is not None}
    for listed in ("labels", "kinds"):
        if listed in given:
            given[listed] = [part.strip() for part in given[listed].split(",") if part.strip()]
    wrong = sorted(set(given) - set(ANALYSES[name].options))
    if wrong:
        flags = ", ".join("--" + w.replace("_", "-") for w in wrong)
        raise click.UsageError(f"{name} does not take {flags}")
    store = open_store(settings, read_only=True)
    try:
        rows = run_analysis(store, name, *arguments, **given)
    finally:
        store.close()
    if as_json:
        click.echo(render_json(rows))
    elif as_csv:
        click.echo(render_csv(rows), nl=False)
    else:
        render_table(Console(soft_wrap=True), rows, name, COLUMNS.get(name))
