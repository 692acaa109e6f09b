"""``enforcegraph provenance ID``: what each dataset said about a node or relationship."""

from __future__ import annotations

import json

import click
from rich.console import Console

from enforcegraph.graph.settings import Settings

__all__ = ["provenance_command"]


def _value(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 100 else text[:99] + "…"


@click.command("provenance")
@click.argument("entity")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_obj
def provenance_command(settings: Settings, entity: str, as_json: bool) -> None:
    """Every value each dataset gave ENTITY (an id or a name, or a relationship id), with
    its sources and the days it was first and last seen; conflicts first."""
    from enforcegraph.graph.cli import store_from
    from enforcegraph.graph.domain.provenance import provenance
    from enforcegraph.graph.domain.traversals import resolve_entity
    from enforcegraph.schema.errors import NotFound

    out = Console(soft_wrap=True)
    with store_from(settings) as store:
        target = entity if "->" in entity else resolve_entity(store, entity, ()).id
        found = provenance(store, [target]).get(target)
    if found is None:
        raise NotFound(f"no node or relationship {target}")
    if as_json:
        click.echo(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
        return
    out.print(f"[bold]{found.id}[/bold]" + (f"  (merged: {', '.join(found.merged_ids)})"
                                            if found.merged_ids else ""), highlight=False)
    for conflict in found.conflicts:
        out.print(f"conflict on {conflict.property}: shown {_value(conflict.shown)}", highlight=False)
        for value in conflict.values:
            by = "; ".join(f"{s['dataset']} ({', '.join(s['sources']) or 'no source'}) since {s['since'] or '?'}"
                           for s in value["said_by"])
            out.print(f"  {_value(value['value'])}  <- {by}", highlight=False, markup=False)
    for assertion in found.assertions:
        days = f"{assertion.first_seen or '?'} .. {assertion.last_seen or '?'}"
        out.print(f"{assertion.dataset}  as {assertion.source_id}  seen {days}", highlight=False,
                  markup=False)
        out.print(f"  sources: {', '.join(assertion.sources) or '-'}", highlight=False, markup=False)
        for name, value in sorted(assertion.values.items()):
            out.print(f"  {name} = {_value(value)}", highlight=False, markup=False)
    for judgement in found.judgements:
        out.print(f"judged {judgement.verdict}: {judgement.canonical} / {judgement.other} by "
                  f"{judgement.by} at {judgement.at}" + (f" ({judgement.why})" if judgement.why else ""),
                  highlight=False, markup=False)
