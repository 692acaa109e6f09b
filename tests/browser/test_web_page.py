"""The analysts' page in a real headless Chromium, against the real app and bundled data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from lxml import etree

from enforcegraph.graph.store.base import GraphStore

pytestmark = pytest.mark.browser

CLEARVIEW = "company:clearview-ai"
CNIL = "regulator:fr-cnil"
LAKPR = "company:lakpr-group"
GEXF = "{http://gexf.net/1.3}"


def idle(page: Any) -> None:
    """Wait until the page is ready and no action is running."""
    page.wait_for_function(
        "document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'"
    )


def search_and_open(page: Any, text: str, expected_id: str) -> None:
    """Type into the search box, check the first hit, open it with Enter."""
    box = page.locator("#search-input")
    box.fill("")
    box.type(text, delay=15)
    first = page.locator("#search-results li[role=option]").first
    first.wait_for()
    assert first.get_attribute("data-id") == expected_id
    box.press("Enter")
    page.wait_for_function("id => document.querySelector('#entity-title') && "
                           "window.enforcegraph.network.focus === id", arg=expected_id)
    idle(page)


def view_ids(page: Any) -> tuple[set[str], set[str]]:
    """Node and relationship ids shown in the network (filtered ones left out)."""
    graph = page.evaluate("window.enforcegraph.network.visibleGraph()")
    return {n["id"] for n in graph["nodes"]}, {e["id"] for e in graph["edges"]}


def cnil_fine_decision(store: GraphStore) -> tuple[str, list[str]]:
    """The CNIL decision against Clearview that imposes the EUR 20M fine, and its source URLs."""
    for _rel, decision in store.neighbours(CLEARVIEW, ["AGAINST"], "in"):
        if decision.label != "Decision":
            continue
        issuers = {r.start for r in store.relationships_of([decision.id], ["ISSUED"], "in")}
        fines = [
            other for _, other in store.neighbours(decision.id, ["IMPOSES"], "out")
            if other.get("kind") == "fine" and other.get("currency") == "EUR"
            and other.get("amount") == 20_000_000
        ]
        if CNIL in issuers and fines:
            sources = store.get_many(decision.get("sources") or [])
            return decision.id, sorted(str(s.get("url")) for s in sources.values())
    raise AssertionError("the bundled data has no CNIL EUR 20M fine decision against Clearview")


def test_clearview_story(page: Any, loaded_store: GraphStore, shared_data: Path,
                         artifacts: Path) -> None:
    """Search, open, the CNIL fine with sources, expand LakPR, the path, GEXF, screenshot."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)

    # search "Clearview" and open it
    search_and_open(page, "Clearview", CLEARVIEW)
    assert "Clearview AI" in page.locator("#entity-title").inner_text()

    # the CNIL decision on the timeline, with its EUR 20M fine and its source links
    decision_id, urls = cnil_fine_decision(loaded_store)
    item = page.locator(f"#timeline li.decision[data-id='{decision_id}']")
    item.wait_for()
    text = item.inner_text()
    assert "EUR 20,000,000" in text
    assert "Commission nationale de l'informatique et des libertés" in text
    links = item.locator("a.source-link")
    assert links.count() == len(urls) >= 1
    hrefs = sorted(links.nth(i).get_attribute("href") for i in range(links.count()))
    assert hrefs == urls
    assert links.first.evaluate("a => a.tagName") == "A"
    assert links.first.get_attribute("target") == "_blank"
    assert page.locator("#source-list a.source-link").count() >= 1
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "web-clearview-cnil-decision.png"))

    # expand LakPR Group: open it from Clearview's relationships, then expand it
    page.locator(f"#relationships button.entity-link[data-id='{LAKPR}']").first.click()
    page.wait_for_function("id => window.enforcegraph.network.focus === id", arg=LAKPR)
    idle(page)
    page.locator("#expand-entity").click()
    page.wait_for_function("id => window.enforcegraph.network.expanded.has(id)", arg=LAKPR)
    idle(page)
    nodes, _ = view_ids(page)
    neighbours = {other.id for _, other in loaded_store.neighbours(LAKPR)}
    assert neighbours and neighbours <= nodes

    # the shortest path from Clearview AI to the CNIL, highlighted
    page.locator(f"#relationships button.entity-link[data-id='{CLEARVIEW}']").first.click()
    page.wait_for_function("id => window.enforcegraph.network.focus === id", arg=CLEARVIEW)
    idle(page)
    page.locator("#path-from-here").click()
    search_and_open(page, "CNIL", CNIL)
    page.locator("#path-to-here").click()
    page.wait_for_function("window.enforcegraph.network.cy.edges('.path').length > 0")
    idle(page)
    path_nodes = page.evaluate("window.enforcegraph.network.cy.nodes('.path').map(n => n.id())")
    path_edges = page.evaluate(
        "window.enforcegraph.network.cy.edges('.path').map(e => [e.source().id(), e.target().id()])"
    )
    assert {CLEARVIEW, CNIL} <= set(path_nodes)
    assert len(path_edges) == len(path_nodes) - 1
    assert {n for edge in path_edges for n in edge} == set(path_nodes)

    # export the view as GEXF and validate it against the official GEXF 1.3 schema
    with page.expect_download() as info:
        page.locator("#export-gexf").click()
    gexf = artifacts / "clearview-view.gexf"
    info.value.save_as(gexf)
    schema = etree.XMLSchema(etree.parse(str(shared_data / "gexf-1.3-xsd" / "gexf.xsd")))
    document = etree.parse(str(gexf))
    # colour, position and size in the viz namespace (as Gephi and NetworkX read them); the
    # official 1.3 XSD files declare them in the main one: validate a copy moved there
    viz = document.findall(".//{http://gexf.net/1.3/viz}*")
    assert {element.tag.split("}")[1] for element in viz} == {"color", "position", "size"}
    as_declared = etree.fromstring(etree.tostring(document))
    for element in as_declared.findall(".//{http://gexf.net/1.3/viz}*"):
        element.tag = GEXF + element.tag.split("}")[1]
    schema.assertValid(as_declared)
    read = nx.read_gexf(gexf)
    assert read.nodes[CLEARVIEW]["type"] == "Company" and "viz" in read.nodes[CLEARVIEW]
    assert "color" in read.nodes[CLEARVIEW]["viz"]
    nodes, edges = view_ids(page)
    exported = {n.get("id") for n in document.iter(f"{GEXF}node")}
    assert exported == nodes
    assert {e.get("id") for e in document.iter(f"{GEXF}edge")} == edges
    assert {CLEARVIEW, CNIL, LAKPR} <= exported
    assert any(u in etree.tostring(document, encoding="unicode") for u in urls)

    # a screenshot as a test artifact
    shot = artifacts / "web-clearview-path.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # nothing was asked of the outside world, and nothing broke
    assert watch.outside == []
    assert watch.errors == []

    # the source link works: clicking it opens the source URL (answered by a local stub)
    # (an https one: Chromium upgrades plain-http navigations on its own)
    target = next(u for u in hrefs if u.startswith("https://"))
    watch.allow_once(target)
    search_and_open(page, "Clearview", CLEARVIEW)
    link = page.locator(f"#timeline li.decision[data-id='{decision_id}'] a.source-link[href='{target}']")
    with page.expect_popup() as popup:
        link.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == target
    assert watch.followed == [target]
    assert watch.outside == []
