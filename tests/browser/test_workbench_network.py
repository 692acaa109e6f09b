"""A network you can read: size by fine in EUR, sanction labels and folding, focus vs PR
agency, a legend that folds away, label filters, hide and pin, up to three paths avoiding
labels, undated items under a date range, positions in the permalink, PNG with its legend."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.api.walks import shortest_paths
from enforcegraph.graph.store.base import GraphStore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("screenshot_on_failure")]

CLEARVIEW = "company:clearview-ai"
LAKPR = "company:lakpr-group"
CNIL_DECISION = "decision:fr-cnil-san-2022-019"
CNIL_FINE = "sanction:fr-cnil-san-2022-019-fine"
UNDATED = "decision:at-dsb-2022-0.277.156"  # a decision the sources give no date for


def idle(page: Any) -> None:
    page.wait_for_function(
        "document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'"
    )


def node(page: Any, node_id: str, what: str) -> Any:
    """Evaluate `what` (an expression of `n`, the Cytoscape node) for one node."""
    return page.evaluate(f"id => {{ const n = window.enforcegraph.network.cy.getElementById(id); return {what}; }}",
                         node_id)


def shown(page: Any) -> set[str]:
    return {n["id"] for n in page.evaluate("window.enforcegraph.network.visibleGraph()")["nodes"]}


def test_sizes_labels_folding_focus_and_legend(page: Any, loaded_store: GraphStore) -> None:
    page, watch = page
    page.goto(f"{watch.origin}/#e={CNIL_DECISION}&x={CNIL_DECISION}~40")
    idle(page)
    # the EUR 20M fine is labelled with its amount and drawn larger than a sanction without one
    assert node(page, CNIL_FINE, "n.data('caption')") == "fine EUR 20M"
    sizes = page.evaluate("window.enforcegraph.network.cy.nodes(\"[label = 'Sanction']\")"
                          ".map(n => [n.data('eur'), n.width()])")
    big = max(w for eur, w in sizes if eur)
    plain = [w for eur, w in sizes if not eur]
    assert node(page, CNIL_FINE, "n.width()") == big and (not plain or big > max(plain))
    # folded into its decision: the sanction goes, the decision says it and grows
    before = node(page, CNIL_DECISION, "n.width()")
    page.locator("#fold-sanctions").click()
    idle(page)
    assert page.locator("#fold-sanctions").get_attribute("aria-pressed") == "true"
    assert CNIL_FINE not in shown(page)
    assert "+ fine EUR 20M" in node(page, CNIL_DECISION, "n.data('caption')")
    assert node(page, CNIL_DECISION, "n.width()") > before
    assert "fold=1" in page.url
    page.locator("#fold-sanctions").click()
    idle(page)
    assert CNIL_FINE in shown(page)

    # the focus has a halo, a PR agency a double border and no halo
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~60,{LAKPR}~12")
    idle(page)
    assert node(page, CLEARVIEW, "n.hasClass('focus')")
    assert float(node(page, CLEARVIEW, "n.style('underlay-opacity')")) > 0
    assert node(page, LAKPR, "n.style('border-style')") == "double"
    assert float(node(page, LAKPR, "n.style('underlay-opacity')")) == 0
    assert node(page, CLEARVIEW, "n.style('border-style')") != "double"
    # the legend folds away and comes back
    legend = page.locator("#legend")
    assert legend.is_visible() and legend.locator("li", has_text="PR agency").count() == 1
    page.locator("#legend-box summary").click()
    assert not legend.is_visible()
    page.locator("#legend-box summary").click()
    assert legend.is_visible()
    assert watch.outside == [] and watch.errors == []


def test_label_filter_hide_and_pin(page: Any) -> None:
    page, watch = page
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~60")
    idle(page)
    labels = page.evaluate("window.enforcegraph.network.visibleGraph().nodes.map(n => n.label)")
    assert "Jurisdiction" in labels
    page.locator("#label-filter summary").click()
    page.locator("#label-list label", has_text="Jurisdiction").locator("input").uncheck()
    idle(page)
    labels = page.evaluate("window.enforcegraph.network.visibleGraph().nodes.map(n => n.label)")
    assert "Jurisdiction" not in labels and "Decision" in labels
    assert "lhide=Jurisdiction" in page.url
    page.keyboard.press("Escape")

    # keyboard: select a node with the arrows, h hides it, p pins it
    page.locator("#cy").focus()
    page.keyboard.press("ArrowRight")
    picked = page.evaluate("window.enforcegraph.network.cy.nodes(':selected').first().id()")
    if picked == CLEARVIEW or picked.startswith("more::"):
        page.keyboard.press("ArrowRight")
        picked = page.evaluate("window.enforcegraph.network.cy.nodes(':selected').first().id()")
    page.keyboard.press("p")
    assert node(page, picked, "n.locked()")
    where = node(page, picked, "n.position()")
    page.locator("#relayout").click()
    idle(page)
    assert node(page, picked, "n.position()") == where  # a pinned node stays put
    assert "pin=" in page.url
    page.locator("#cy").focus()
    page.evaluate("id => window.enforcegraph.network.cy.getElementById(id).select()", picked)
    page.keyboard.press("h")
    idle(page)
    assert picked not in shown(page) and "hid=" in page.url
    assert page.locator("#show-hidden").is_enabled()
    page.locator("#show-hidden").click()
    idle(page)
    assert picked in shown(page)
    assert watch.outside == [] and watch.errors == []


def test_three_paths_avoiding_a_label(page: Any, loaded_store: GraphStore) -> None:
    """Clearview and Google meet first through "United States"; avoiding Jurisdiction,
    the page shows the API's other paths, each in its own colour."""
    page, watch = page
    google = "company:google-llc"
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&path={CLEARVIEW},{google}")
    idle(page)
    first = page.evaluate("window.enforcegraph.network.cy.nodes('.path').map(n => n.data('label'))")
    assert "Jurisdiction" in first
    page.select_option("#path-k", "3")
    page.locator("#avoid-filter summary").click()
    page.locator("#avoid-list label", has_text="Jurisdiction").locator("input").check()
    page.keyboard.press("Escape")
    idle(page)
    expected = shortest_paths(loaded_store, CLEARVIEW, google, 6, None, ["Jurisdiction"], 3)
    assert expected
    marked = page.evaluate("window.enforcegraph.network.cy.nodes('.path')"
                           ".map(n => [n.id(), n.data('label'), n.classes().filter(c => /^path-/.test(c))])")
    assert {m[0] for m in marked} == {n.id for p in expected for n in p.nodes}
    inner = {m[1] for m in marked if m[0] not in (CLEARVIEW, google)}
    assert "Jurisdiction" not in inner
    assert {c for m in marked for c in m[2]} == {f"path-{i}" for i in range(len(expected))}
    assert "k=3" in page.url and "avoid=Jurisdiction" in page.url
    # the permalink replays the same paths
    url = page.url
    fresh = page.context.new_page()
    fresh.goto(url)
    idle(fresh)
    assert {n for n in fresh.evaluate("window.enforcegraph.network.cy.nodes('.path').map(n => n.id())")} == \
        {m[0] for m in marked}
    assert watch.outside == [] and watch.errors == []


def test_undated_items_and_the_date_filter(page: Any) -> None:
    page, watch = page
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~80&from=2022-01-01")
    idle(page)
    assert node(page, UNDATED, "n.hasClass('undated')")
    assert UNDATED in shown(page)  # kept by default, marked
    assert page.locator("#graph-info").inner_text().endswith("undated")
    page.select_option("#undated", "hide")
    idle(page)
    assert UNDATED not in shown(page) and "undated=hide" in page.url
    dated = page.evaluate("window.enforcegraph.network.visibleGraph().nodes"
                          ".filter(n => n.label === 'Decision').map(n => n.properties.date)")
    assert dated and all(d for d in dated)
    page.select_option("#undated", "keep")
    idle(page)
    assert UNDATED in shown(page)
    assert watch.outside == [] and watch.errors == []


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_positions_in_permalink_and_png_with_legend(page: Any, artifacts: Path) -> None:
    page, watch = page
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~12")
    idle(page)
    # drag nothing: move one node by script as a drag would, then read the permalink
    page.evaluate("id => { const n = window.enforcegraph.network.cy.getElementById(id);"
                  " n.position({x: 777, y: -333}); n.emit('dragfree'); }", LAKPR)
    assert "pos=" in page.url and f"{LAKPR}~777~-333" in page.url
    positions = page.evaluate("Object.fromEntries(window.enforcegraph.network.cy.nodes()"
                              ".not('.more').map(n => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]]))")
    fresh = page.context.new_page()
    fresh.goto(page.url)
    idle(fresh)
    again = fresh.evaluate("Object.fromEntries(window.enforcegraph.network.cy.nodes()"
                           ".not('.more').map(n => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]]))")
    assert again == positions

    # the PNG is the picture with the legend beside it
    picture = page.evaluate("""() => new Promise(done => {
        const img = new Image(); img.onload = () => done([img.width, img.height]);
        img.src = window.enforcegraph.network.cy.png({output: 'base64uri', full: true, scale: 2});
    })""")
    with page.expect_download() as info:
        page.locator("#export-png").click()
    target = artifacts / "workbench-network.png"
    info.value.save_as(target)
    width, height = png_size(target.read_bytes())
    assert width == picture[0] + 460 and height >= picture[1]
    assert watch.outside == [] and watch.errors == []
