"""The network view: keyboard use, show more, filters, permalinks, GraphML and PNG exports."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from enforcegraph.graph.store.base import GraphStore

pytestmark = pytest.mark.browser

CLEARVIEW = "company:clearview-ai"
FAN_OUT = 12


def idle(page: Any) -> None:
    """Wait until the page is ready and no action is running."""
    page.wait_for_function(
        "document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'"
    )


def visible(page: Any) -> dict[str, Any]:
    """The graph the view shows (what the exports write)."""
    graph: dict[str, Any] = page.evaluate("window.enforcegraph.network.visibleGraph()")
    return graph


def test_keyboard_search_and_labelled_controls(page: Any) -> None:
    """`/` focuses the search, arrows pick a hit, Enter opens it, Tab reaches the actions."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("CNIL", delay=15)
    options = page.locator("#search-results li[role=option]")
    options.first.wait_for()
    box = page.locator("#search-input")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == "search-option-0"
    assert options.count() >= 2
    second = options.nth(1).get_attribute("data-id")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-option-1"
    assert options.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_function("id => window.enforcegraph.network.focus === id", arg=second)
    idle(page)
    assert box.get_attribute("aria-expanded") == "false"
    # focus moved to the entity's title; Tab leads to its first action, Enter runs it
    assert page.evaluate("document.activeElement.id") == "entity-title"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "expand-entity"
    page.keyboard.press("Enter")
    page.wait_for_function("id => window.enforcegraph.network.expanded.has(id)", arg=second)
    idle(page)
    # in the graph: arrow keys move between nodes, Enter opens the selected one
    page.locator("#cy").focus()
    picked = None
    for _ in range(40):
        page.keyboard.press("ArrowRight")
        picked = page.evaluate(
            "(() => { const n = window.enforcegraph.network.cy.nodes(':selected').first();"
            " return n.nonempty() && !n.hasClass('more') ? n.id() : null; })()"
        )
        if picked and picked != second:
            break
    assert picked and picked != second
    page.keyboard.press("Enter")
    page.wait_for_function("id => window.enforcegraph.network.focus === id", arg=picked)
    idle(page)
    assert page.locator("#entity-title").is_visible()
    # every control has an accessible name
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('button, input, summary, a[href], [role=combobox]')]
          .filter(el => !(el.getAttribute('aria-label') || el.textContent.trim()
                          || (el.labels && el.labels.length && el.labels[0].textContent.trim())
                          || el.getAttribute('title')))
          .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    assert watch.outside == []
    assert watch.errors == []


def test_show_more_filters_and_permalink(page: Any, loaded_store: GraphStore,
                                         artifacts: Path) -> None:
    """A capped expansion grows with "show more"; filters hide; the URL restores the view."""
    page, watch = page
    total = len(loaded_store.relationships_of([CLEARVIEW]))
    assert total > 2 * FAN_OUT
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~{FAN_OUT}")
    idle(page)
    assert page.locator("#entity-title").inner_text().startswith("Clearview AI")
    more = f"more::{CLEARVIEW}"
    assert page.evaluate(f"window.enforcegraph.network.cy.getElementById('{more}').data('caption')") \
        == f"+{total - FAN_OUT} more"
    shown = len(visible(page)["nodes"])
    assert 1 < shown <= FAN_OUT + 1

    # a real click on the "+N more" node shows the next batch
    # (pan it to the middle first, clear of the legend, as an analyst would)
    box = page.locator("#cy").bounding_box()
    point = page.evaluate(
        f"(() => {{ const cy = window.enforcegraph.network.cy, n = cy.getElementById('{more}');"
        " cy.center(n); return n.renderedPosition(); })()"
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(f"window.enforcegraph.network.expanded.get('{CLEARVIEW}') === {2 * FAN_OUT}")
    idle(page)
    assert len(visible(page)["nodes"]) > shown
    assert f"x={CLEARVIEW}~{2 * FAN_OUT}" in page.url

    # filter out AGAINST relationships through the labelled checkbox
    page.locator("#type-filter summary").click()
    page.get_by_label("AGAINST", exact=True).uncheck()
    idle(page)
    graph = visible(page)
    assert graph["edges"] and all(e["type"] != "AGAINST" for e in graph["edges"])
    assert "hide=AGAINST" in page.url

    # a date range: dated nodes before it disappear
    page.locator("#date-from").fill("2022-01-01")
    page.locator("#date-from").dispatch_event("change")
    idle(page)
    graph = visible(page)
    dates = [n["properties"].get("date") for n in graph["nodes"] if n["properties"].get("date")]
    assert all(str(d) >= "2022" for d in dates)
    assert "from=2022-01-01" in page.url

    # the permalink restores the same view in a fresh page
    url = page.url
    before = {n["id"] for n in graph["nodes"]}
    page.goto("about:blank")
    page.goto(url)
    idle(page)
    assert {n["id"] for n in visible(page)["nodes"]} == before
    assert not page.get_by_label("AGAINST", exact=True).is_checked()
    assert page.locator("#date-from").input_value() == "2022-01-01"

    # GraphML of the current view, read back by NetworkX
    with page.expect_download() as info:
        page.locator("#export-graphml").click()
    graphml = artifacts / "clearview-view.graphml"
    info.value.save_as(graphml)
    read = nx.read_graphml(graphml)
    assert set(read.nodes) == before
    assert read.number_of_edges() == len(visible(page)["edges"])
    assert read.nodes[CLEARVIEW]["label"] == "Company"
    assert read.nodes[CLEARVIEW]["source_urls"].startswith("http")

    # PNG of the current view
    with page.expect_download() as info:
        page.locator("#export-png").click()
    png = artifacts / "clearview-view.png"
    info.value.save_as(png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 200 and height > 200

    assert watch.outside == []
    assert watch.errors == []
