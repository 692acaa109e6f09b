"""``enforcegraph fetch enforcement-tracker | gdprhub``: download a collection's export."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from enforcegraph.graph.settings import Settings

__all__ = ["fetch_command"]

_NAMES = ("enforcement-tracker", "gdprhub")


@click.command("fetch")
@click.argument("name", type=click.Choice(_NAMES))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: the export's usual name in this folder).")
@click.option("--url", help="Download from here (default: ENFORCEGRAPH_TRACKER_URL / "
              "ENFORCEGRAPH_GDPRHUB_URL, else the address the site used in 2024).")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for the server before giving up.")
@click.option("--load", "then_load", is_flag=True, help="Then load it (as `load --format ...`).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="With --load: write the load's data-quality report here.")
@click.pass_context
def fetch_command(ctx: click.Context, name: str, out: Path | None, url: str | None,
                  timeout: float, then_load: bool, report: Path | None) -> None:
    """Download the current export of the CMS GDPR Enforcement Tracker or of GDPRhub
    (one polite request, conditional when fetched before), check its shape, then write it
    (atomically); with --load, load it. Their terms do not allow bundling them."""
    from enforcegraph.loaders.fetching import REMOTES, fetch
    from enforcegraph.loaders.limits import InputLimits

    settings: Settings = ctx.obj
    remote = REMOTES[name]
    configured = settings.tracker_url if name == "enforcement-tracker" else settings.gdprhub_url
    address = url or configured or remote.url
    target = out or Path(remote.filename)
    err = Console(stderr=True)
    err.print(f"fetching {name} from {address}", highlight=False, markup=False)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(name, total=None)

        def shown(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        fetched = fetch(remote, target, address, contact=settings.fetch_contact, timeout=timeout,
                        limits=InputLimits.from_settings(settings), progress=shown)
    if fetched.modified:
        err.print(f"{name}: {fetched.size:,} bytes, {fetched.summary} -> {fetched.path}",
                  highlight=False, markup=False)
    else:
        err.print(f"{name}: {fetched.summary}; {fetched.path} kept", highlight=False, markup=False)
    if then_load:
        from enforcegraph.graph.cli import load

        ctx.invoke(load, sources=(str(fetched.path),), format_name=remote.format, report=report)
