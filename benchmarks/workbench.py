"""The web page's workbench: time to interactive on the bundled data, and time to a table
page of 100 rows at N synthetic firms (targets 1 s and 300 ms).

    python -m benchmarks.workbench                       # 100k firms, writes results/workbench.json
    python -m benchmarks.workbench --firms 10000 --repeats 5

Time to interactive: a fresh browser context (empty HTTP cache) opens ``/`` in Debian's
headless Chromium (Playwright) and the clock stops when the page says it is ready
(``body[data-ready=true]``) with the headline table drawn; measured from the navigation's
start (``performance.now()``), beside the page's own DOMContentLoaded (the floor: the
browser's work before any of the page's scripts answer). The first run meets a cold
server; the server's response cache is on, as shipped.

Table page: ``questionTable`` for the headline question, 100 rows, over real HTTP against
the app with its response cache off (every request executed): the first request (from
the traversal's own page; the whole answer then computed on a background thread), the
next pages in the question's order, a sort asked at once (it waits for that whole
answer), then, the answer kept, pages under new filters, sorts and offsets; beside it,
the floor: ``sanctionsWithoutEuEstablishment(first: 100)``, the traversal's own page, on
the same server. Then the same in the browser: from a click on "Next" to the next 100
rows drawn.

    python -m benchmarks.workbench --store COPY.sqlite [--read-only]   # in process, no HTTP

``--store``: the same asks of ``table(...)`` in process on an existing store (a copy; with
``--read-only`` opened read-only), wall and CPU time (CPU of every thread of the process:
the background computation's too), with the load average beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from enforcegraph.api import tables
from enforcegraph.api.app import create_app
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.loaders.datasets import dataset_batch

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
HEADLINE = "sanctions-without-eu-establishment"
TABLE = """query T($f: TableFilterInput, $o: TableOrder, $off: Int!) {
  questionTable(question: "sanctions-without-eu-establishment", filter: $f, orderBy: $o,
                first: 100, offset: $off) { totalCount rows facets { name values { value count } } }
}"""
FLOOR = """{ sanctionsWithoutEuEstablishment(first: 100) { totalCount nodes { sanction { id } } } }"""


@contextmanager
def serving(store: EmbeddedStore, cache: bool) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Settings(request_timeout=120, response_cache_bytes=48_000_000 if cache else 0)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"n": len(ms), "p50": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "p90": ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]}


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def post(client: httpx.Client, url: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = client.post(f"{url}/graphql", json={"query": query, "variables": variables or {}})
    payload = response.json()
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def browser_runs(url: str, runs: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            return runs(browser)
        finally:
            browser.close()


def time_to_interactive(url: str, repeats: int) -> dict[str, Any]:
    def runs(browser: Any) -> dict[str, Any]:
        ready, loaded = [], []
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(url + "/", wait_until="commit")
            page.wait_for_function("document.body && document.body.dataset.ready === 'true'"
                                   " && document.querySelectorAll('#answer-table tbody tr').length > 0",
                                   polling="raf")
            ready.append(page.evaluate("performance.now()"))
            loaded.append(page.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            context.close()
        return {"first_ms": ready[0], "ready": summary(ready[1:] or ready),
                "dom_content_loaded": summary(loaded)}

    return browser_runs(url, runs)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def table_pages(url: str, store: EmbeddedStore, repeats: int) -> dict[str, Any]:
    with httpx.Client(timeout=300) as client:
        def ask(variables: dict[str, Any]) -> float:
            return timed(lambda: post(client, url, TABLE, variables))

        loads = [load_average()]
        start = time.perf_counter()
        first = ask({"off": 0})
        answer = post(client, url, TABLE, {"off": 0})["questionTable"]
        plain = [ask({"off": 0}) for _ in range(repeats)]
        early_deep = [ask({"off": o}) for o in range(100, 100 * (repeats + 1), 100)]
        sorted_first = ask({"off": 0, "o": {"column": "amount", "direction": "DESC"}})
        tables.settle()
        kept_s = time.perf_counter() - start
        regulators = [v["value"] for f in answer["facets"] if f["name"] == "regulator"
                      for v in f["values"]][:repeats]
        sorted_ = [ask({"off": 0, "o": {"column": "amount", "direction": d}})
                   for d in ["DESC", "ASC"] * (repeats // 2)]
        filtered = [ask({"off": 0, "f": {"regulator": [r]}}) for r in regulators]
        deep = [ask({"off": o}) for o in range(100, 100 * (repeats + 1), 100)]
        post(client, url, FLOOR)
        floor = [timed(lambda: post(client, url, FLOOR)) for _ in range(repeats)]
        loads.append(load_average())
    return {"rows": answer["totalCount"], "load_average": loads, "first_ms": first,
            "page_before_kept": summary(plain), "offsets_before_kept": summary(early_deep),
            "sorted_first_ms": sorted_first, "whole_answer_kept_s": kept_s,
            "sorted": summary(sorted_), "filtered": summary(filtered), "offsets": summary(deep),
            "floor_traversal_page": summary(floor)}


def in_process(store: EmbeddedStore, repeats: int) -> dict[str, Any]:
    """The same asks of ``table(...)`` in process: wall and CPU ms (all threads)."""
    def ask(**kwargs: Any) -> tuple[float, float, tables.Table]:
        wall, cpu = time.perf_counter(), time.process_time()
        done = tables.table(store, HEADLINE, first=100, **kwargs)
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, done

    def many(asks: list[dict[str, Any]]) -> dict[str, Any]:
        found = [ask(**kwargs) for kwargs in asks]
        return {"wall": summary([w for w, _, _ in found]), "cpu": summary([c for _, c, _ in found])}

    loads = [load_average()]
    start = time.perf_counter()
    wall, cpu, first = ask()
    result: dict[str, Any] = {"rows": first.total, "first_ms": wall, "first_cpu_ms": cpu,
                              "first_partial": first.partial}
    result["page_before_kept"] = many([{} for _ in range(repeats)])
    result["offsets_before_kept"] = many([{"offset": o} for o in range(100, 100 * (repeats + 1), 100)])
    wall, cpu, _ = ask(order=("amount", True))
    result["sorted_first_ms"], result["sorted_first_cpu_ms"] = wall, cpu  # waits for the answer
    tables.settle()
    result["whole_answer_kept_s"] = time.perf_counter() - start
    regulators = [value for value, _, _ in first.facets.get("regulator", [])][:repeats]
    result["page"] = many([{} for _ in range(repeats)])
    result["sorted"] = many([{"order": ("amount", d)} for d in [True, False] * (repeats // 2)])
    result["filtered"] = many([{"flt": tables.TableFilter(regulators=(r,))} for r in regulators])
    result["offsets"] = many([{"offset": o} for o in range(100, 100 * (repeats + 1), 100)])
    loads.append(load_average())
    result["load_average"] = loads
    return result


def browser_next_page(url: str, repeats: int) -> dict[str, Any]:
    def runs(browser: Any) -> dict[str, Any]:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{url}/#v=q&q={HEADLINE}&ps=100")
        page.wait_for_function("document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true'")
        times = []
        for i in range(repeats):
            before = page.locator("#page-info").inner_text()
            start = page.evaluate("performance.now()")
            page.locator("#page-next").click()
            page.wait_for_function(
                "before => document.getElementById('page-info').textContent !== before"
                " && document.body.dataset.busy !== 'true'"
                " && document.querySelectorAll('#answer-table tbody tr').length === 100", arg=before,
                polling="raf")
            times.append(page.evaluate("performance.now()") - start)
            if i % 10 == 9:
                page.locator("#page-prev").click()
        context.close()
        return summary(times)

    return browser_runs(url, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "enforcegraph-workbench")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "workbench.json")
    parser.add_argument("--skip-browser", action="store_true",
                        help="only the API's table pages (no Chromium)")
    parser.add_argument("--store", type=Path, help="time table(...) in process on this store "
                                                   "(a copy) instead; nothing else is run")
    parser.add_argument("--read-only", action="store_true", help="open --store read-only")
    args = parser.parse_args()
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if args.store is not None:
        given = EmbeddedStore(args.store, read_only=args.read_only)
        result["store"] = str(args.store)
        result["table_in_process"] = in_process(given, args.repeats)
        given.close()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2), "utf-8")
        print(json.dumps(result, indent=2))
        return
    args.work.mkdir(parents=True, exist_ok=True)

    bundled = EmbeddedStore(args.work / "bundled.sqlite")
    for name in ("clearview", "reference-cases"):
        bundled.upsert(dataset_batch(name))
    if not args.skip_browser:
        with serving(bundled, cache=True) as url:
            result["time_to_interactive"] = time_to_interactive(url, args.repeats)
    bundled.close()

    synth_file = args.work / f"synth-{args.firms}.sqlite"
    fresh = not synth_file.exists()
    synth = EmbeddedStore(synth_file)
    if fresh:
        start = time.perf_counter()
        for batch in synth_batches(SynthConfig(firms=args.firms, seed=1)):
            synth.upsert(batch)  # one transaction per batch, as benchmarks/load.py loads
        result["synth_load_s"] = time.perf_counter() - start
    result["firms"] = args.firms
    result["stats"] = synth.stats().to_dict()
    with serving(synth, cache=False) as url:
        result["table_api"] = table_pages(url, synth, args.repeats)
        if not args.skip_browser:
            result["table_browser_next_page"] = browser_next_page(url, args.repeats)
    synth.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
