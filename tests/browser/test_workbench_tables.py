"""The questions view: the headline table first, facets, sort, pages, permalinks, row
actions, CSV and the table's subgraph as GEXF/GraphML, no XSS, no console errors."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import uvicorn

from enforcegraph.api.app import create_app
from enforcegraph.api.tables import TableFilter, table
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("screenshot_on_failure")]

HEADLINE = "sanctions-without-eu-establishment"


def idle(page: Any) -> None:
    page.wait_for_function(
        "document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'"
    )


def rows(page: Any) -> list[str]:
    """The first cell's text of each row shown."""
    texts: list[str] = page.eval_on_selector_all(
        "#answer-table tbody tr", "trs => trs.map(tr => tr.dataset.entities)")
    return texts


def test_headline_table_is_the_first_thing_seen(page: Any, loaded_store: GraphStore) -> None:
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    assert page.locator("#question-title").inner_text() == "Sanctions against firms with no EU establishment"
    assert page.locator("#tab-questions").get_attribute("aria-selected") == "true"
    expected = table(loaded_store, HEADLINE, first=50, order=("amount", True))  # largest first
    assert page.locator("#question-count").inner_text() == f"{expected.total} rows"
    shown = rows(page)
    assert shown == [" ".join(r.entities) for r in expected.rows]
    # the table is in the first screen, above the fold
    box = page.locator("#answer-table").bounding_box()
    assert box is not None and box["y"] < 900
    # amounts with their currency, in EUR when another currency
    gbp = page.locator("#answer-table td.col-money", has_text="GBP").first
    assert "≈ EUR" in gbp.inner_text()
    assert watch.outside == [] and watch.errors == []


def open_facet(page: Any, facet: str) -> Any:
    box = page.locator(f"#facet-{facet}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box


def test_facets_sort_pages_and_permalink(page: Any, loaded_store: GraphStore) -> None:
    """A facet narrows to the server's count; a header sorts; pages move; the permalink
    brings back question, filters, sort and page."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    # the regulator with the most rows, as the facet lists it
    box = open_facet(page, "regulator")
    first = box.locator("input[type=checkbox]").first
    regulator = first.get_attribute("value")
    first.check()
    idle(page)
    expected = table(loaded_store, HEADLINE, flt=TableFilter(regulators=(regulator,)),
                     order=("amount", True), first=50)
    assert page.locator("#question-count").inner_text() == f"{expected.total} rows"
    assert rows(page) == [" ".join(r.entities) for r in expected.rows]
    # sort by the decision column, then the other way
    header = page.locator("#answer-table th", has=page.locator("button[data-column='decision']"))
    header.locator("button").click()
    idle(page)
    assert header.get_attribute("aria-sort") == "ascending"
    up = table(loaded_store, HEADLINE, flt=TableFilter(regulators=(regulator,)), order=("decision", False))
    assert rows(page) == [" ".join(r.entities) for r in up.rows]
    page.locator("#answer-table th button[data-column='decision']").click()
    idle(page)
    assert page.locator("#answer-table th[aria-sort='descending'] button").get_attribute("data-column") == "decision"

    # pages of 25 over the whole answer (no filter)
    page.locator("#facets-clear").click()
    idle(page)
    page.select_option("#page-size", "25")
    idle(page)
    whole = table(loaded_store, HEADLINE, order=("decision", True), first=500)
    assert whole.total > 25
    assert page.locator("#page-info").inner_text() == f"Page 1 of {-(-whole.total // 25)}"
    page.locator("#page-next").click()
    idle(page)
    assert rows(page) == [" ".join(r.entities) for r in whole.rows[25:50]]

    # a year and an amount range, then the permalink in a fresh page
    open_facet(page, "year").locator("input[type=checkbox]").first.check()
    idle(page)
    page.fill("#amount-min", "1000000")
    page.locator("#amount-apply").click()
    idle(page)
    url = page.url
    assert "fy=" in url and "fmin=1000000" in url and "sort=decision~desc" in url
    shown = rows(page)
    count = page.locator("#question-count").inner_text()
    fresh = page.context.new_page()
    fresh.goto(url)
    idle(fresh)
    assert rows(fresh) == shown and fresh.locator("#question-count").inner_text() == count
    assert fresh.locator("#amount-min").input_value() == "1000000"
    assert watch.outside == [] and watch.errors == []


def test_other_questions_and_row_actions(page: Any, loaded_store: GraphStore) -> None:
    """Every question of the list answers; one with an argument asks for it; a row opens
    its entity or adds its subgraph to the network."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    keys = page.eval_on_selector_all("#question-select option", "os => os.map(o => o.value)")
    assert keys[0] == HEADLINE and {"fines", "totals-by-year", "statutory-maximum",
                                    "cross-border", "repeat-offenders"} <= set(keys)
    for key in keys:
        page.select_option("#question-select", key)
        idle(page)
        if page.locator("#question-argument-box").is_visible():
            continue
        expected = table(loaded_store, key, first=50)
        assert page.locator("#question-count").inner_text() == \
            f"{expected.total} row{'' if expected.total == 1 else 's'}", key
    page.select_option("#question-select", "enforcement-history")
    page.fill("#question-argument", "Clearview AI")
    page.locator("#question-ask").click()
    idle(page)
    history = table(loaded_store, "enforcement-history", "Clearview AI", first=50)
    assert page.locator("#question-count").inner_text() == f"{history.total} rows"
    assert "qa=Clearview%20AI" in page.url

    # "+ Graph" puts the row's entities and the relationships among them in the network
    row = page.locator("#answer-table tbody tr").first
    entities = (row.get_attribute("data-entities") or "").split()
    row.locator("button.row-add").click()
    idle(page)
    graph = page.evaluate("window.enforcegraph.network.visibleGraph()")
    assert set(entities) <= {n["id"] for n in graph["nodes"]}
    assert graph["edges"]
    # "Open" shows the entity page
    row.locator("button.row-open").click()
    idle(page)
    assert page.locator("#tab-entity").get_attribute("aria-selected") == "true"
    assert page.evaluate("window.enforcegraph.network.focus") == entities[0]
    assert watch.outside == [] and watch.errors == []


def test_csv_and_subgraph_downloads(page: Any, loaded_store: GraphStore, artifacts: Path) -> None:
    """The CSV holds every filtered row (all pages) with amounts in their currency and in
    EUR; GraphML of the table's subgraph holds every row's entities."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    page.select_option("#page-size", "25")
    idle(page)
    whole = table(loaded_store, HEADLINE, order=("amount", True), first=500)
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    target = artifacts / "workbench-headline.csv"
    info.value.save_as(target)
    read = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert len(read) == whole.total > 25
    assert [r["entity_ids"] for r in read] == [" ".join(r.entities) for r in whole.rows]
    gbp = next(r for r in read if r["amount (original)"].startswith("GBP"))
    assert float(gbp["amount (EUR)"]) > 0

    open_facet(page, "regulator").locator("input[type=checkbox]").first.check()
    idle(page)
    with page.expect_download() as info:
        page.locator("#download-graphml").click()
    graphml = artifacts / "workbench-headline.graphml"
    info.value.save_as(graphml)
    graph = nx.read_graphml(graphml)
    regulator = page.locator("#facet-regulator input:checked").first.get_attribute("value")
    chosen = table(loaded_store, HEADLINE, flt=TableFilter(regulators=(regulator,)), first=500)
    assert {i for r in chosen.rows for i in r.entities} <= set(graph.nodes)
    assert watch.outside == [] and watch.errors == []


HOSTILE = '<img src=x onerror="window.__xss=1">'
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"


@pytest.fixture
def hostile_page(browser: Any, tmp_path: Path) -> Iterator[tuple[Any, str]]:
    """The app over the mini graph whose firm and regulator names are markup, and a page
    that may reach nothing but it."""
    text = MINI.read_text("utf-8")
    text = text.replace('"Far Away Analytics, Inc."', f"'{HOSTILE}Far Away'")
    text = text.replace("name: Example Office", "name: '<script>window.__xss=2</script>Office'")
    case = tmp_path / "hostile.yaml"
    case.write_text(text, "utf-8")
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    store.upsert(parse_case_file(case).batch)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(), store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    origin = f"http://127.0.0.1:{port}"
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin)
                  else route.abort("blockedbyclient"))
    opened = context.new_page()
    yield opened, origin
    context.close()
    server.should_exit = True
    thread.join(10)
    store.close()


def test_names_are_data_never_html(hostile_page: tuple[Any, str]) -> None:
    """Firm and regulator names with markup show as text in the table, the facets, the
    network and the CSV; no script of theirs runs."""
    page, origin = hostile_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(origin + "/")
    idle(page)
    firm = page.locator("#answer-table button.entity-link[data-id='company:far-away']").first
    assert firm.inner_text() == f"{HOSTILE}Far Away"
    open_facet(page, "regulator")
    assert page.locator("#facet-regulator", has_text="<script>window.__xss=2</script>Office").count() == 1
    page.locator("#answer-table tbody tr").first.locator("button.row-add").click()
    idle(page)
    assert page.locator("#answer-table img, #question-facets script, #answer-table script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert errors == []
