"""``enforcegraph api-key new``: make an API key and the hashed line that stores it."""

from __future__ import annotations

import click

__all__ = ["api_key"]


@click.group("api-key")
def api_key() -> None:
    """API keys for private deployments (the ENFORCEGRAPH_API_KEYS file)."""


@api_key.command("new")
@click.option("--label", help="Who holds the key (one word; shown in rate limits, never the key).")
def new(label: str | None) -> None:
    """Print a new secret key once (stderr) and its line for the key file (stdout)."""
    from enforcegraph.api.access import new_key

    secret, line = new_key(label)
    click.echo(f"API key (shown once, keep it secret): {secret}", err=True)
    click.echo("append this line to the ENFORCEGRAPH_API_KEYS file:", err=True)
    click.echo(line)
