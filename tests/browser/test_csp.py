"""GraphiQL and the page under the server's Content-Security-Policy in headless Chromium:
everything comes from this origin, nothing is blocked, nothing is asked of the outside.

These tests use ``csp_page`` (the policy enforced), so they wait with locators: Playwright's
``wait_for_function`` evaluates strings, which the policy rightly forbids.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_graphiql_renders_offline_and_runs_a_query(csp_page: tuple[Any, Any], server_url: str) -> None:
    opened, watch = csp_page
    response = opened.goto(server_url + "/graphql")
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    editor = opened.locator(".graphiql-container .graphiql-query-editor .CodeMirror").first
    editor.wait_for()
    editor.click()
    opened.keyboard.press("Control+A")
    opened.keyboard.type("{ stats { totalNodes } }")
    opened.locator(".graphiql-execute-button").click()
    opened.locator(".graphiql-response", has_text="totalNodes").wait_for()
    # the documentation explorer (an introspection query) and a dialog
    opened.locator("button[aria-label='Show Documentation Explorer']").click()
    opened.locator(".graphiql-doc-explorer").wait_for()
    opened.locator("button[aria-label='Open settings dialog']").click()
    opened.locator(".graphiql-dialog").wait_for()
    opened.keyboard.press("Escape")
    opened.locator(".graphiql-dialog").wait_for(state="detached")
    assert watch.outside == [], "no request leaves the server's origin"
    assert opened.evaluate("window.cspViolations") == []
    assert watch.errors == []


def test_the_page_works_under_the_policy(csp_page: tuple[Any, Any], server_url: str) -> None:
    opened, watch = csp_page
    response = opened.goto(server_url + "/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    opened.locator("body[data-ready='true']").wait_for()
    box = opened.locator("#search-input")
    box.type("Clearview", delay=15)
    first = opened.locator("#search-results li[role=option]").first
    first.wait_for()
    box.press("Enter")
    opened.locator("#entity-title").wait_for()
    opened.locator(".network canvas").first.wait_for()
    assert opened.evaluate("window.enforcegraph.network.visibleGraph().nodes.length") > 0
    assert watch.outside == []
    assert opened.evaluate("window.cspViolations") == []
    assert watch.errors == []
