"""Render GraphiQL (running a query) and the page of a served enforcegraph in headless
Chromium, every request outside the server blocked; run as a script by
test_wheel_install.py in a process of its own (the browser tests' Playwright may already
run in the test process, and Playwright's sync API allows one per process).

    python render_offline.py URL CHROMIUM SCREENSHOT QUERY

Prints the requests it blocked and the page errors as JSON; exits 1 when a step fails
(after a screenshot at SCREENSHOT).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from playwright.sync_api import sync_playwright


def main(served: str, chromium: str, screenshot: str, query: str) -> int:
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(served + "/") or url == served:
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort("blockedbyclient")

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        failed = 0
        try:
            page.goto(served + "/graphql")
            editor = page.locator(".graphiql-container .graphiql-query-editor .CodeMirror").first
            editor.wait_for(timeout=30_000)
            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(query)
            page.locator(".graphiql-execute-button").click()
            page.locator(".graphiql-response", has_text="company:clearview-ai").wait_for(timeout=30_000)
            page.goto(served + "/")
            page.locator("body[data-ready='true']").wait_for(timeout=30_000)
        except Exception as exc:
            errors.append(f"step failed: {exc}")
            page.screenshot(path=screenshot, full_page=True)
            failed = 1
        finally:
            context.close()
            browser.close()
    print(json.dumps({"outside": outside, "errors": errors}))
    return failed


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
