"""``enforcegraph synth``: generate a deterministic synthetic graph."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from enforcegraph.graph.backends import open_store
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import UpsertSummary
from enforcegraph.graph.synth import SynthConfig, synth_batches

__all__ = ["synth"]


@click.command()
@click.option("--firms", type=click.IntRange(1), required=True, help="Number of firms.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.option("--no-eu-share", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="Share of firms with no EU establishment.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write JSON case files (one per chunk) to this folder.")
@click.option("--load", "load_it", is_flag=True, help="Load into the configured store.")
@click.pass_obj
def synth(settings: Settings, firms: int, seed: int, no_eu_share: float, out: Path | None,
          load_it: bool) -> None:
    """Generate a synthetic graph of realistic shape (for benchmarks)."""
    if not out and not load_it:
        raise click.UsageError("give --out DIR or --load")
    config = SynthConfig(firms=firms, seed=seed, no_eu_share=no_eu_share)
    chunks = 1 + -(-firms // config.chunk_firms)
    total = UpsertSummary()
    store = open_store(settings) if load_it else None
    try:
        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("synth", total=chunks)
            for number, batch in enumerate(synth_batches(config)):
                if out:
                    out.mkdir(parents=True, exist_ok=True)
                    document = {
                        "dataset": f"synth-{number:04d}",
                        "nodes": [{"id": n.id, "label": n.label, **n.properties} for n in batch.nodes],
                        "relationships": [
                            {"type": r.type, "from": r.start, "to": r.end,
                             **({"key": r.key} if r.key else {}), **r.properties}
                            for r in batch.relationships
                        ],
                    }
                    (out / f"synth-{number:04d}.json").write_text(json.dumps(document), "utf-8")
                if store is not None:
                    total.add(store.upsert(batch))
                progress.advance(task)
    finally:
        if store is not None:
            store.close()
    if store is not None:
        click.echo(f"synth: {total.nodes_created} nodes and {total.relationships_created} "
                   f"relationships created ({total.nodes_unchanged + total.relationships_unchanged} unchanged)")
    if out:
        click.echo(f"synth: {chunks} case files written to {out}")
