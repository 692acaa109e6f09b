"""How the API reads the headline page and node(id) from the embedded store: on the event
loop within a deadline (no store thread), and each row's articles and sources only when
the query selects them, with the same answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.api import dataloaders
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.loaders.casefile import parse_case_file

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yaml"

ROWS = "sanction { id } decision { id date } firm { id name } regulator { id name }"
PAGE = "query($first: Int) { sanctionsWithoutEuEstablishment(first: $first) { totalCount " \
       "edges { node { %s } } } }"


@pytest.fixture
def served(embedded_store: GraphStore, serve: Callable[..., Any]) -> Any:
    embedded_store.upsert(parse_case_file(MINI).batch)
    for batch in synth_batches(SynthConfig(firms=200, seed=3, chunk_firms=200)):
        embedded_store.upsert(batch)
    return serve(embedded_store, Settings(response_cache_bytes=0, request_timeout=120))


def _page(api: Any, fields: str, first: int = 40) -> list[dict[str, Any]]:
    result = api.query(PAGE % fields, {"first": first})["sanctionsWithoutEuEstablishment"]
    return [edge["node"] for edge in result["edges"]]


def test_a_page_without_articles_or_sources_answers_the_same_rows(served: Any) -> None:
    full = _page(served, ROWS + " articles { id } sourceUrls")
    lean = _page(served, ROWS)
    assert len(full) == 40
    assert lean == [{k: v for k, v in row.items() if k not in ("articles", "sourceUrls")}
                    for row in full]
    expected = served.store.traversals().sanctions_without_eu_establishment(limit=40)
    assert [r["sourceUrls"] for r in full] == [e["sources"] for e in expected]
    assert [[a["id"] for a in r["articles"]] for r in full] == [e["articles"] for e in expected]
    assert any(r["articles"] for r in full) and any(r["sourceUrls"] for r in full)
    # one asked for under a fragment is still read
    fragment = "...on SanctionWithoutEuEstablishment { sourceUrls }"
    assert [r["sourceUrls"] for r in _page(served, ROWS + fragment)] == [r["sourceUrls"] for r in full]


def test_the_page_and_node_reads_stay_on_the_event_loop(
        served: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _page(served, ROWS)  # the first reads open the store's connections (on a thread)
    assert "x-enforcegraph-cache" not in served.post({"query": "{ __typename }"}).headers
    handed: list[str] = []
    in_thread = dataloaders.in_thread

    async def counted(func: Any) -> Any:
        handed.append(getattr(func, "__qualname__", repr(func)))
        return await in_thread(func)

    monkeypatch.setattr(dataloaders, "in_thread", counted)
    # a generous budget: these reads are made inline, however busy the machine (a 25 ms
    # budget met a busy CI worker once); past the budget the fallback is checked below
    monkeypatch.setattr(dataloaders, "INLINE_BUDGET", 5.0)
    rows = _page(served, ROWS)
    firm = rows[0]["firm"]["id"]
    node = served.query("query($id: ID!) { node(id: $id) { id label name } }", {"id": firm})
    assert node["node"]["id"] == firm and len(rows) == 40
    assert handed == []  # neither the page, its count nor the node went to a store thread
    monkeypatch.setattr(dataloaders, "INLINE_BUDGET", 0.0)  # no budget: every read on a thread
    assert _page(served, ROWS) == rows
    assert handed
