"""Phones and keyboards: at 390x844 no sideways scroll, panels stacked, results readable;
the page used from the keyboard alone; axe-core (from npm, through the lock file, injected
by Playwright from node_modules) finds no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("screenshot_on_failure")]

AXE = Path(__file__).resolve().parents[2] / "api" / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
CLEARVIEW = "company:clearview-ai"


def idle(page: Any) -> None:
    page.wait_for_function(
        "document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'"
    )


def no_sideways_scroll(page: Any) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
    assert max(widths[:2]) <= widths[2], widths


def inside_the_screen(page: Any, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (selector, box)


def axe(page: Any, name: str, artifacts: Path) -> None:
    """Run axe-core (WCAG 2 A and AA) on the page as it is; no serious or critical finding."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: build the page (npm ci from api/web/package-lock.json)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations'],
    }).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))""")
    (artifacts / f"axe-{name}.json").write_text(json.dumps(found, indent=2), "utf-8")
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=2)


def test_phone_layout(page: Any, artifacts: Path) -> None:
    page, watch = page
    page.set_viewport_size(PHONE)
    page.goto(watch.origin + "/")
    idle(page)
    no_sideways_scroll(page)
    # panels stacked: the questions above the network, each as wide as the screen
    side = page.locator(".side").bounding_box()
    network = page.locator(".network").bounding_box()
    assert side and network and side["y"] + side["height"] <= network["y"] + 1
    assert side["width"] <= PHONE["width"] and network["width"] <= PHONE["width"]
    # the table reads as cards: each cell under its column's name, nothing cut
    first = page.locator("#answer-table tbody tr").first
    cell = first.locator("td.col-entity").first
    assert page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle()) != "none"
    clipped = page.evaluate("""() => [...document.querySelectorAll('#answer-table td')]
        .filter(td => td.scrollWidth > td.clientWidth + 1).length""")
    assert clipped == 0
    page.screenshot(path=str(artifacts / "workbench-phone-questions.png"))
    for selector in ("#path-go", "#date-from", "#date-to", "#export-png", "#question-select"):
        inside_the_screen(page, selector)

    # search results are readable: the whole name, not "Cl…"
    page.locator("#search-input").fill("Clearview")
    options = page.locator("#search-results li[role=option]")
    options.first.wait_for()
    names = page.eval_on_selector_all(
        "#search-results li[role=option] .name",
        "els => els.map(e => [e.textContent, e.scrollWidth <= e.clientWidth + 1,"
        " getComputedStyle(e).textOverflow])")
    assert names and all(fits for _, fits, _ in names), names
    assert any(text.startswith("Clearview AI") for text, _, _ in names)
    no_sideways_scroll(page)
    page.keyboard.press("Enter")
    idle(page)
    no_sideways_scroll(page)
    inside_the_screen(page, "#expand-entity")
    page.screenshot(path=str(artifacts / "workbench-phone-entity.png"), full_page=True)
    assert watch.outside == [] and watch.errors == []


def test_keyboard_alone(page: Any) -> None:
    """Tabs with the arrows, the question list, a sort header, a facet, the table's row
    actions: all reached and used without a mouse."""
    page, watch = page
    page.goto(watch.origin + "/")
    idle(page)
    page.keyboard.press("Tab")  # the skip link
    assert page.evaluate("document.activeElement.className") == "skip"
    page.locator("#tab-questions").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-entity"
    assert page.locator("#entity").is_visible() and not page.locator("#questions").is_visible()
    page.keyboard.press("ArrowLeft")
    assert page.locator("#questions").is_visible()
    # the question list from the keyboard
    page.locator("#question-select").focus()
    page.keyboard.press("End")
    idle(page)
    assert page.locator("#question-select").input_value() != "sanctions-without-eu-establishment"
    page.locator("#question-select").focus()
    page.keyboard.press("Home")
    idle(page)
    assert page.locator("#question-select").input_value() == "sanctions-without-eu-establishment"
    # a sort header is a button: Enter sorts
    page.locator("#answer-table th button[data-column='firm']").focus()
    page.keyboard.press("Enter")
    idle(page)
    assert page.locator("#answer-table th", has=page.locator("button[data-column='firm']")) \
        .get_attribute("aria-sort") == "ascending"
    # a facet: Enter opens it, Space ticks a value
    page.locator("#facet-kind summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    idle(page)
    assert "fk=" in page.url
    # a row's "+ Graph" from the keyboard
    page.locator("#answer-table tbody tr").first.locator("button.row-add").focus()
    page.keyboard.press("Enter")
    idle(page)
    assert page.evaluate("window.enforcegraph.network.visibleGraph().nodes.length") > 0
    assert watch.outside == [] and watch.errors == []


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violation(page: Any, artifacts: Path, viewport: dict[str, int]) -> None:
    page, watch = page
    page.set_viewport_size(viewport)
    tag = f"{viewport['width']}"
    page.goto(watch.origin + "/")
    idle(page)
    page.locator("#facet-regulator summary").click()
    axe(page, f"questions-{tag}", artifacts)
    page.goto(f"{watch.origin}/#e={CLEARVIEW}&x={CLEARVIEW}~12")
    idle(page)
    page.locator("#type-filter summary").click()
    axe(page, f"entity-{tag}", artifacts)
    page.keyboard.press("Escape")
    page.locator("#search-input").fill("CNIL")
    page.locator("#search-results li[role=option]").first.wait_for()
    axe(page, f"search-{tag}", artifacts)
    assert watch.outside == [] and watch.errors == []
