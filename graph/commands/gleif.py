"""``enforcegraph gleif LEVEL1 [RELATIONSHIPS]``: link the store's firms to the GLEIF
golden copy and derive their dated EU establishments (loaders/gleif.py)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from enforcegraph.graph.settings import Settings

__all__ = ["gleif_command"]

EU_UNIONS = ("EU", "EEA")


@click.command("gleif")
@click.argument("level1", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("relationships", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the link report (links, their rules, names left for review).")
@click.option("--dry-run", is_flag=True, help="Link and report, write nothing to the store.")
@click.pass_obj
def gleif_command(settings: Settings, level1: Path, relationships: Path | None,
                  report: Path | None, dry_run: bool) -> None:
    """Link firms to LEVEL1 (the golden copy's LEI records, .csv or .zip) and, with
    RELATIONSHIPS (its Level 2 file), add the EU/EEA subsidiaries and branches of each
    firm's group as dated establishments. Streams both files; all or nothing."""
    from enforcegraph.graph.cli import store_from
    from enforcegraph.loaders.base import dataset_name
    from enforcegraph.loaders.gdprfines_tables import load_tables
    from enforcegraph.loaders.gleif import FORMAT, Firm, link_gleif

    out = Console(soft_wrap=True, stderr=True)
    with store_from(settings, writable=not dry_run) as store:
        firms = [
            Firm(node.id, tuple(n for n in [node.get("name"), *(node.get("aliases") or [])] if n),
                 node.get("country"),
                 tuple(i.split(":", 1)[1] for i in node.get("identifiers") or [] if i.startswith("lei:")))
            for node in store.iter_nodes("Company") if node.get("kind") != "anonymous"
        ]
        codes = {node.get("code"): node.id for node in store.iter_nodes("Jurisdiction") if node.get("code")}
        unions = {codes[u] for u in EU_UNIONS if u in codes}
        members = {rel.start for rel in store.iter_relationships("MEMBER_OF") if rel.end in unions}
        eu = {code: jid for code, jid in codes.items() if jid in members}
        batch = link_gleif(level1, relationships, firms, codes, eu, load_tables().legal_forms,
                           dataset_name(FORMAT, level1))
        if report is not None and batch.report is not None:
            batch.report.write(report)
        figures = batch.report.figures if batch.report is not None else {}
        for name, value in figures.items():
            out.print(f"{name}: {value}", highlight=False)
        if not dry_run and len(batch):
            summary = store.upsert(batch)
            out.print(f"written: {summary.to_dict()}", highlight=False)
