"""``enforcegraph resolve``: propose (and accept) merges of parties that are the same."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from enforcegraph.graph.settings import Settings

__all__ = ["resolve"]


@click.command()
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the proposals with their evidence as JSON to this file.")
@click.option("--accept", is_flag=True,
              help="Apply the proposals whose names match (alias-only ones are for review).")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
@click.pass_obj
def resolve(settings: Settings, report_path: Path | None, accept: bool, as_json: bool) -> None:
    """Entity resolution: parties with the same name fingerprint, country and identifiers."""
    from enforcegraph.graph.cli import store_from
    from enforcegraph.loaders.resolution import accept as accept_proposals
    from enforcegraph.loaders.resolution import propose

    out = Console(soft_wrap=True)
    with store_from(settings, writable=accept) as store:
        proposals = propose(store)
        data = [p.to_dict() for p in proposals]
        if report_path is not None:
            report_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        if as_json:
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            for p in proposals:
                names = "; ".join(" / ".join(n) for n in p.names.values())
                out.print(f"[{p.strength}] {p.canonical} <= {', '.join(p.merged)}  [{names}] "
                          f"fingerprints={p.keys} countries={p.countries}", highlight=False, markup=False)
            out.print(f"{len(proposals)} proposal(s)", highlight=False)
        if accept:
            merged = accept_proposals(store, proposals)
            applied = sum(1 for p in proposals if p.strength == "name")
            out.print(f"applied {applied} proposal(s): {merged} node(s) merged away", highlight=False)
