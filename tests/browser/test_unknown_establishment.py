"""The coverage gap on the web page: sanctions-with-unknown-establishment is a question of
the workbench, answered with the rows the traversal gives (Locatefamily: nothing locates it)."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.graph.store.base import GraphStore

pytestmark = pytest.mark.browser

KEY = "sanctions-with-unknown-establishment"


def test_the_unknown_establishments_are_a_question(page: Any, loaded_store: GraphStore) -> None:
    page, watch = page
    page.goto(watch.origin + "/")
    page.wait_for_function("document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'")
    assert KEY in page.eval_on_selector_all("#question-select option", "os => os.map(o => o.value)")
    page.select_option("#question-select", KEY)
    page.wait_for_function("document.body.dataset.busy !== 'true'")
    page.wait_for_function(f"document.querySelector('#question-select').value === '{KEY}'")
    expected = loaded_store.traversals().sanctions_with_unknown_establishment()
    assert expected, "the bundled data has a firm nothing locates"
    count = f"{len(expected)} row{'' if len(expected) == 1 else 's'}"
    page.wait_for_function(f"document.querySelector('#question-count').innerText === '{count}'")
    shown = page.locator("#answer-table tbody").inner_text()
    for firm in {row["firm"]["name"] for row in expected}:
        assert firm in shown
    assert "Clearview" not in shown  # located by its case file: classified, not a gap
    assert watch.errors == []
