"""``enforcegraph extract``: propose facts from a news article; load the accepted ones."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.extract import Extraction, accepted_batch, extract, read_article
from enforcegraph.loaders.extract.accept import left_for_review, select

__all__ = ["extract_command"]


def _details(proposal: dict[str, Any]) -> str:
    props = proposal["properties"]
    if proposal["kind"] == "decision":
        parts = [props["kind"]]
        for sanction in props.get("sanctions") or []:
            amount = f" {sanction['currency']} {sanction['amount']:,}" if "amount" in sanction else ""
            maximum = " (maximum)" if sanction.get("statutory_maximum") else ""
            parts.append(f"{sanction['kind']}{amount}{maximum}")
        parts += [f"cites {c['article']}" for c in props.get("cites") or []]
        if props.get("appeal_intent"):
            parts.append("appeal intended")
        return "; ".join(parts)
    if proposal["kind"] == "statement":
        return f"{len(props.get('claims') or [])} claims"
    keep = ("roles", "office", "office_of", "role", "type", "meaning", "why", "country", "conversions")
    return "; ".join(f"{k}={v}" for k, v in props.items() if k in keep)


def _table(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.proposals)} proposals "
                        f"({extraction.article.get('url') or 'no url'})", show_lines=False)
    for column in ("id", "kind", "name", "graph id", "conf.", "rule", "details", "evidence"):
        table.add_column(column, overflow="fold")
    for proposal in (p.to_dict() for p in extraction.proposals):
        node = proposal["node_id"] or ""
        if proposal["existing"]:
            node += " (in store)"
        links = "; ".join(f"{role}: {', '.join(ids)}" for role, ids in proposal["links"].items())
        details = "; ".join(x for x in (_details(proposal), links) if x)
        first = proposal["spans"][0] if proposal["spans"] else None
        evidence = f"{first['start']}-{first['end']} {first['text'][:80]}" if first else ""
        table.add_row(proposal["id"], proposal["kind"], proposal["name"], node,
                      f"{proposal['confidence']:.2f}", proposal["rule"], details, evidence)
    return table


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", help="The article's URL (becomes the Source of accepted facts).")
@click.option("--title", help="The article's title.")
@click.option("--date", help="Publication date (YYYY-MM-DD); resolves 'on Friday'.")
@click.option("--publisher", help="Publisher (named in the text, it is not a party).")
@click.option("--author", help="Author (named in the text, it is not a party).")
@click.option("--json", "as_json", is_flag=True, help="JSON output for tools.")
@click.option("--accept", "accept", multiple=True,
              help="Load proposals: 'all' (those at or above the threshold) or ids (repeat or "
                   "comma-separate), all or nothing.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Lowest confidence --accept all takes (ENFORCEGRAPH_ACCEPT_THRESHOLD, default 0.9).")
@click.pass_obj
def extract_command(settings: Settings, file: Path, url: str | None, title: str | None,
                    date: str | None, publisher: str | None, author: str | None,
                    as_json: bool, accept: tuple[str, ...], threshold: float | None) -> None:
    """Propose facts from a news article (text or HTML) with spans, confidence and rule."""
    from enforcegraph.graph.cli import store_from

    article = read_article(file, url=url, title=title, date=date, publisher=publisher, author=author)
    wanted = [part.strip() for item in accept for part in item.split(",") if part.strip()]
    opened: AbstractContextManager[GraphStore] = store_from(settings, writable=bool(wanted))
    if not wanted and settings.backend == "embedded" and not settings.db.exists():
        opened = nullcontext(EmbeddedStore(":memory:"))  # nothing stored yet to link to
    limit = settings.accept_threshold if threshold is None else threshold
    with opened as store:
        extraction = extract(article, store)
        summary = None
        review = []
        if wanted:
            batch = accepted_batch(extraction, article, wanted, store, limit)
            summary = store.upsert(batch, dataset=f"extract:{article.url or file.name}")
            if "all" in wanted:
                review = left_for_review(extraction, select(extraction, wanted, limit))
    if as_json:
        data = extraction.to_dict()
        if summary is not None:
            data["loaded"] = summary.to_dict()
            data["threshold"] = limit
            data["left_for_review"] = [p.id for p in review]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
    out.print(_table(extraction))
    if summary is not None:
        s = summary
        out.print(f"loaded: nodes {s.nodes_created} created, {s.nodes_updated} updated, "
                  f"{s.nodes_unchanged} unchanged; relationships {s.relationships_created} created, "
                  f"{s.relationships_updated} updated, {s.relationships_unchanged} unchanged",
                  highlight=False)
    if review:
        out.print(f"left for review (confidence below {limit:g}): " + "; ".join(
            f"{p.id} {p.kind} {p.name} ({p.confidence:.2f})" for p in review), highlight=False)
    elif summary is not None and "all" in wanted:
        out.print(f"nothing left for review (every proposal at or above {limit:g})", highlight=False)
