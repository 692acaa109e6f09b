"""``enforcegraph locate``: locate the targets of decisions from evidence (loaders/location.py)."""

from __future__ import annotations

import json

import click
from rich.console import Console

from enforcegraph.graph.settings import Settings

__all__ = ["locate_command", "print_locations"]


def print_locations(out: Console, found: object, summary: object, verbose: bool) -> None:
    """One line of counts by rule (and each finding when ``verbose``)."""
    from collections import Counter

    from enforcegraph.loaders.location import Locations

    assert isinstance(found, Locations)
    by_rule = Counter(f"{f.rule.removesuffix('-art60')} {f.type}" for f in found.findings)
    counts = ", ".join(f"{n} {what}" for what, n in sorted(by_rule.items())) or "nothing new"
    changed = getattr(summary, "relationships_created", 0) + getattr(summary, "relationships_updated", 0)
    out.print(f"locate: {counts}; {changed} written; {len(found.unlocated)} target firms left "
              "unlocated (sanctions-with-unknown-establishment)", highlight=False)
    if verbose:
        for f in found.findings:
            out.print(f"  {f.firm} {f.type} {f.jurisdiction} [{f.rule} {f.confidence}] {f.evidence}",
                      highlight=False)
        for firm, why in sorted(found.unlocated.items()):
            out.print(f"  {firm}: unlocated ({why})", highlight=False)


@click.command("locate")
@click.option("--dry-run", is_flag=True, help="Show what the rules find; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="JSON output (every finding and every firm left unlocated).")
@click.option("--verbose", "verbose", is_flag=True, help="List every finding and every firm left unlocated.")
@click.pass_obj
def locate_command(settings: Settings, dry_run: bool, as_json: bool, verbose: bool) -> None:
    """Locate the targets of decisions from evidence: the country a record states, the legal
    form in the name (ISO 20275), a decision taken as lead supervisory authority (GDPR Art.
    56/60). Each location carries its rule, confidence and sources; a firm a source or a
    person located is never touched. Idempotent; `enforcegraph load` runs it at the end."""
    from enforcegraph.graph.cli import store_from
    from enforcegraph.graph.store.base import UpsertSummary
    from enforcegraph.loaders.location import apply_locations, find_locations

    out = Console(soft_wrap=True)
    with store_from(settings, writable=not dry_run) as store:
        if dry_run:
            found, summary = find_locations(store), UpsertSummary()
        else:
            found, summary = apply_locations(store)
    if as_json:
        rows = [{"firm": f.firm, "type": f.type, "jurisdiction": f.jurisdiction, "rule": f.rule,
                 "confidence": f.confidence, "evidence": f.evidence, "sources": list(f.sources),
                 "valid_from": f.valid_from, "valid_to": f.valid_to} for f in found.findings]
        click.echo(json.dumps({"findings": rows, "unlocated": found.unlocated,
                               "written": summary.to_dict()}, indent=2, ensure_ascii=False))
        return
    print_locations(out, found, summary, verbose)
