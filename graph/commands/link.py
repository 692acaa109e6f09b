"""``enforcegraph link``: link the records of one firm or one decision across sources.

``load`` runs the same linkage after every load (``--no-link`` skips it); this command
runs it on demand, or shows it (``--dry-run``). Confident links are judged ``same`` and
merged; uncertain ones are judged ``unsure`` and listed by ``enforcegraph resolve`` for
review, with their evidence. Judgements persist, so a second run finds nothing new.
"""

from __future__ import annotations

import json

import click
from rich.console import Console

from enforcegraph.graph.settings import Settings

__all__ = ["link_command", "print_links"]


def print_links(out: Console, report: object, verbose: bool = True) -> None:
    """A linkage report: one summary line, then (``verbose``) a line per link."""
    from enforcegraph.loaders.linkage import LinkReport

    assert isinstance(report, LinkReport)
    if verbose:
        for link in [*report.applied, *report.review]:
            out.print(f"[{link.verdict}] {link.label} {link.canonical} <= {link.other}: {link.why}",
                      highlight=False, markup=False, soft_wrap=True)
    firms = sum(1 for k in report.applied if k.label == "firm")
    out.print(f"linked: {firms} firm link(s) and {len(report.applied) - firms} decision link(s) "
              f"applied ({report.merged_away} node(s) merged away); {len(report.review)} for "
              "review (enforcegraph resolve)", highlight=False)


@click.command("link")
@click.option("--dry-run", is_flag=True, help="Show the links it would make; judge nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the links as JSON.")
@click.pass_obj
def link_command(settings: Settings, dry_run: bool, as_json: bool) -> None:
    """Link firms and decisions across sources (precision first; unsure links go to review)."""
    from enforcegraph.graph.cli import store_from
    from enforcegraph.loaders.linkage import link_all

    with store_from(settings, writable=not dry_run) as store:
        report = link_all(store, apply=not dry_run)
    if as_json:
        click.echo(json.dumps({"applied": [k.to_dict() for k in report.applied],
                               "review": [k.to_dict() for k in report.review],
                               "merged_away": report.merged_away}, indent=2, ensure_ascii=False))
        return
    print_links(Console(soft_wrap=True), report)
