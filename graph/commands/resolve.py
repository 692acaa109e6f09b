"""``enforcegraph resolve``: propose merges of parties that are the same, and judge them."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from enforcegraph.graph.record.judgements import Judgement, latest
from enforcegraph.graph.settings import Settings

__all__ = ["resolve"]

PAIR = click.Tuple([str, str])


def _review_item(judgement: Judgement) -> dict[str, Any]:
    """A pair judged ``unsure`` (by the linker or a person), as a report entry."""
    return {"label": "review", "canonical": judgement.canonical, "merge": [judgement.other],
            "strength": "review", "evidence": {"why": judgement.why, "by": judgement.by,
                                               "at": judgement.at}}


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.command()
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the proposals with their evidence as JSON to this file.")
@click.option("--accept", is_flag=True,
              help="Judge the proposals whose names match the same (merges them now and on "
                   "every later load).")
@click.option("--same", "same", type=PAIR, multiple=True, metavar="CANONICAL OTHER",
              help="Judge a pair the same by hand: OTHER is merged into CANONICAL.")
@click.option("--reject", type=PAIR, multiple=True, metavar="A B",
              help="Judge a pair not the same: never proposed again.")
@click.option("--split", type=PAIR, multiple=True, metavar="CANONICAL OTHER",
              help="Split a merge: each id gets back what its sources said.")
@click.option("--why", default="", help="Why (kept with the judgements made by this command).")
@click.option("--by", "by", default=None, help="Who judges (default: the login name).")
@click.option("--judgements", "list_judgements", is_flag=True, help="List the judgements made.")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
@click.pass_obj
def resolve(
    settings: Settings, report_path: Path | None, accept: bool, same: tuple[tuple[str, str], ...],
    reject: tuple[tuple[str, str], ...], split: tuple[tuple[str, str], ...], why: str,
    by: str | None, list_judgements: bool, as_json: bool,
) -> None:
    """Entity resolution: parties with the same name fingerprint, country and identifiers;
    and the pairs judged unsure (the linker's uncertain links, with their evidence) for review.

    Judgements are kept in the store and applied on every load, so a merge survives
    reloading its sources and a rejected pair is not proposed again.
    """
    from enforcegraph.graph.cli import store_from
    from enforcegraph.loaders.resolution import accept as accept_proposals
    from enforcegraph.loaders.resolution import judge_pair, propose

    out = Console(soft_wrap=True)
    judge = by or _who()
    writes = accept or bool(same or reject or split)
    with store_from(settings, writable=writes) as store:
        for verdict, pairs in (("same", same), ("not_same", reject), ("not_same", split)):
            for canonical, other in pairs:
                made = judge_pair(store, canonical, other, verdict, judge, why)  # type: ignore[arg-type]
                out.print(f"judged {made.canonical} / {made.other}: {made.verdict}", highlight=False)
        if list_judgements:
            for j in store.judgements():
                out.print(f"{j.at}  {j.verdict:<8} {j.canonical} / {j.other}  by {j.by}"
                          + (f": {j.why}" if j.why else ""), highlight=False, markup=False)
            return
        proposals = propose(store)
        review = [j for j in latest(store.judgements()).values() if j.verdict == "unsure"]
        data = [p.to_dict() for p in proposals] + [_review_item(j) for j in review]
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
            for j in review:
                out.print(f"[review] {j.canonical} / {j.other}  judged unsure by {j.by}: {j.why}",
                          highlight=False, markup=False)
            out.print(f"{len(review)} pair(s) for review (judge each with --same or --reject)",
                      highlight=False)
        if accept:
            merged = accept_proposals(store, proposals, by=judge)
            applied = sum(1 for p in proposals if p.strength == "name")
            out.print(f"applied {applied} proposal(s): {merged} node(s) merged away", highlight=False)
