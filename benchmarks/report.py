"""Render benchmarks/results/*.json as the generated part of benchmarks/RESULTS.md.

Only the text between the two markers below is replaced; everything else in the file
(the analysis, other engineers' sections) is left as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["END", "START", "render", "write_results"]

START = "<!-- benchmarks:generated:start (python -m benchmarks.run rewrites this part) -->"
END = "<!-- benchmarks:generated:end -->"
TARGETS = {
    "load_rps": 50_000.0,
    "load_ratio": 0.3,
    "page_p50_ms": 20.0,
    "graphql_ratio": 0.5,
    "node_p99_ms": 25.0,
    "headline_p99_ms": 100.0,
    "analytics_ratio": 3.0,
    "rss_mib": 6 * 1024.0,
}


def _num(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def _spread(s: dict[str, float] | None, digits: int = 0, scale: float = 1.0) -> str:
    if not s:
        return "-"
    med, low, high = (s[k] * scale for k in ("median", "min", "max"))
    if int(s.get("n", 1)) <= 1:
        return _num(med, digits)
    return f"{_num(med, digits)} ({_num(low, digits)}-{_num(high, digits)})"


def _ms(t: dict[str, float] | None) -> str:
    return "-" if not t else f"{t['p50_ms']:.1f} / {t['p99_ms']:.1f}"


def _verdict(ok: bool, miss: str) -> str:
    return "met" if ok else f"**missed** ({miss})"


def _load_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | records | embedded records/s | with the checkpoint waited for | "
            "SQLite floor records/s | ratio | "
            "CPU-time records/s (store / floor) | target >= 50k/s and >= 0.3x |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        e = r["embedded"]
        rate, ratio = e["load_rps"]["median"], e["ratio"]["median"]
        ok = rate >= TARGETS["load_rps"] and ratio >= TARGETS["load_ratio"]
        miss = f"{rate / TARGETS['load_rps']:.2f}x of 50k/s, {ratio:.2f}x floor"
        settled = _spread(e["load_settled_rps"]) if "load_settled_rps" in e else "-"
        rows.append(
            f"| {r['size']} | {_num(e['records'])} | {_spread(e['load_rps'])} | {settled} | "
            f"{_spread(e['floor_rps'])} | {_spread(e['ratio'], 2)} | "
            f"{_num(e['load_cpu_rps']['median'])} / {_num(e['floor_cpu_rps']['median'])} | "
            f"{_verdict(ok, miss)} |")
    return rows


def _headline_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | rows | first page p50 / p99 ms | hand SQL page p50 / p99 ms | "
            "count p50 / p99 ms | hand SQL count p50 / p99 ms | same answer | "
            "target page p50 <= 20 ms |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        h = r["embedded"].get("headline")
        if not h:
            continue
        p50 = h["page"]["p50_ms"]
        rows.append(
            f"| {r['size']} | {_num(h['count'])} | {_ms(h['page'])} | {_ms(h.get('floor_page'))} | "
            f"{_ms(h['count_timing'])} | {_ms(h.get('floor_count'))} | "
            f"{'yes' if h.get('same_answer') else 'NO'} | "
            f"{_verdict(p50 <= TARGETS['page_p50_ms'], f'{p50 / 20:.1f}x the target')} |")
    return rows


def _regulator_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | regulator | its decisions | rows on the page | first page p50 / p99 ms | "
            "count p50 / p99 ms |", "|---|---|---|---|---|---|"]
    for r in results:
        for entry in (r["embedded"].get("headline") or {}).get("by_regulator", []):
            rows.append(
                f"| {r['size']} | {entry['which']}: `{entry['regulator']}` | "
                f"{_num(entry['decisions'])} | {entry['rows']} | {_ms(entry['page'])} | "
                f"{_ms(entry.get('count')) if entry.get('count') else '-'} |")
    return rows


def _graphql_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | query | API | requests/s | floor requests/s | ratio | p50 / p99 ms | "
            "floor p50 / p99 ms | errors | target |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        g = r.get("graphql") or {}
        if "skipped" in g or not g:
            rows.append(f"| {r['size']} | - | {g.get('skipped', 'not run')} ||||||||")
            continue
        # results from before the response cache have only "api", which executed every request
        variants = ([("api", "response cache on (default)"), ("api_nocache", "cache off")]
                    if any(k.startswith("api_nocache") for k in g) else [("api", "no cache (before it existed)")])
        for name in ("node", "headline"):
            for key, described in variants:
                if f"{key}_{name}" not in g:
                    rows.append(f"| {r['size']} | {name} | {described} | not run at this size |||||||")
                    continue
                rows.append(_graphql_row(r["size"], name, described, g[f"{key}_{name}"],
                                         g[f"floor_{name}"]))
    return rows


def _graphql_row(size: str, name: str, described: str, api: dict[str, Any],
                 floor: dict[str, Any]) -> str:
    ratio = api["rps"]["median"] / floor["rps"]["median"] if floor["rps"]["median"] else 0
    p99 = api["p99_ms"]["median"]
    if name == "node":
        ok = ratio >= TARGETS["graphql_ratio"] and p99 <= TARGETS["node_p99_ms"]
        miss = f"{ratio:.2f}x floor, p99 {p99:.0f} ms vs 25"
        target = ">= 0.5x floor, p99 <= 25 ms"
    else:
        ok = p99 <= TARGETS["headline_p99_ms"]
        miss = f"p99 {p99:.0f} ms vs 100"
        target = "p99 <= 100 ms"
    errors = int(api["non_2xx"] + api["socket_errors"]) + (0 if api["answer_ok"] else 1)
    if not api["rps"]["median"]:
        ok, miss = False, "no request completed within the wrk timeout"
    return (f"| {size} | {name} | {described} | {_spread(api['rps'])} | {_spread(floor['rps'])} | "
            f"{ratio:.2f} | {api['p50_ms']['median']:.1f} / {p99:.1f} | "
            f"{floor['p50_ms']['median']:.1f} / {floor['p99_ms']['median']:.1f} | {errors} | "
            f"{target}: {_verdict(ok, miss)} |")


def _analytics_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | nodes / edges | build s | PageRank s | igraph s | ratio | "
            "WCC s | igraph s | ratio | same answers | NetworkX s (PageRank / WCC) | "
            "target <= 3x |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a = r["embedded"].get("analytics")
        if not a or "igraph_pagerank_s" not in a:
            continue
        pr = a["pagerank_s"]["median"] / a["igraph_pagerank_s"]["median"]
        cc = a["components_s"]["median"] / a["igraph_components_s"]["median"]
        ok = pr <= TARGETS["analytics_ratio"] and cc <= TARGETS["analytics_ratio"]
        if "adjacency_build_s" in a:  # the store's kept adjacency, SciPy
            build = f"adjacency {a['adjacency_build_s']:.1f}"
            tight = a["pagerank_tight_s"]["median"] / a["igraph_pagerank_s"]["median"]
            pagerank = (f"{_spread(a['pagerank_s'], 3)}; tight {_spread(a['pagerank_tight_s'], 3)}")
            ratio = f"{pr:.2f}x; tight {tight:.2f}x"
            same = (f"components {a['components']} / {a['igraph_components']}, partition "
                    f"{'same' if a['same_components'] else 'differs'}; PageRank max diff "
                    f"{a['pagerank_max_abs_diff']:.1e}, top 10 {'same' if a['same_top_10'] else 'differs'}; "
                    f"tight {a['pagerank_tight_max_abs_diff']:.1e}, top 10 "
                    f"{'same' if a['same_top_10_tight'] else 'differs'}")
            ref = a.get("networkx")
            networkx = "-" if not ref else f"{ref['pagerank_s']:.2f} / {ref['components_s']:.2f}"
            digits = 3
        else:  # results from before the adjacency: NetworkX on the view
            build = f"view {a['view_build_s']:.1f}"
            pagerank, ratio = _spread(a["pagerank_s"], 2), f"{pr:.1f}x"
            same = (f"components {'same' if a['same_components'] else 'differ'}, top PageRank "
                    f"{'same' if a['same_top_pagerank'] else 'differs'}")
            networkx, digits = "(the measured side)", 2
        cc_ratio = f"{cc:.2f}x" if cc < 10 else f"{cc:.0f}x"
        rows.append(
            f"| {r['size']} | {_num(a['nodes'])} / {_num(a['edges'])} | {build} | "
            f"{pagerank} | {_spread(a['igraph_pagerank_s'], 3)} | {ratio} | "
            f"{_spread(a['components_s'], digits)} | {_spread(a['igraph_components_s'], 3)} | "
            f"{cc_ratio} | {same} | {networkx} | "
            f"{_verdict(ok, f'PageRank {pr:.1f}x, WCC {cc_ratio}')} |")
    return rows


def _memory_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | store file MiB | embedded peak RSS MiB (after load / overall) | "
            "API server peak RSS MiB (largest process / all) | floor server MiB | target <= 6 GiB |",
            "|---|---|---|---|---|---|"]
    for r in results:
        e, g = r["embedded"], r.get("graphql") or {}
        api, floor = g.get("api_rss"), g.get("floor_rss")
        peak = e["rss_peak_mib"]
        rows.append(
            f"| {r['size']} | {_num(e['db_mib'])} | {_num(e['rss_after_load_mib'])} / {_num(peak)} | "
            f"{_num(api['max_mib']) + ' / ' + _num(api['total_mib']) if api else '-'} | "
            f"{_num(floor['total_mib']) if floor else '-'} | "
            f"{_verdict(peak <= TARGETS['rss_mib'], f'{peak / 1024:.1f} GiB')} |")
    return rows


def _neo4j_rows(results: list[dict[str, Any]]) -> list[str]:
    rows = ["| firms | load records/s | UNWIND ... CREATE floor records/s | ratio | "
            "first page p50 / p99 ms | hand Cypher page p50 / p99 ms | count p50 / p99 ms | "
            "hand Cypher count p50 / p99 ms | same answer |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        n = r.get("neo4j")
        if not n:
            continue
        if "skipped" in n or "error" in n:
            rows.append(f"| {r['size']} | {n.get('skipped') or n.get('error')} ||||||||")
            continue
        h = n["headline"]
        rows.append(
            f"| {r['size']} | {_spread(n['load_rps'])} | {_spread(n['floor_rps'])} | "
            f"{_spread(n['ratio'], 2)} | {_ms(h['page'])} | {_ms(h.get('floor_page'))} | "
            f"{_ms(h['count_timing'])} | {_ms(h.get('floor_count'))} | "
            f"{'yes' if h.get('same_answer') else 'NO'} |")
    return rows


def _profile_lines(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for r in results:
        prof = r["embedded"].get("profile")
        if not prof:
            continue
        lines.append(f"\n#### py-spy, {r['size']} firms (share of the phase's samples, inclusive)\n")
        for phase, data in prof.items():
            tops = [f"`{name}` {share:.0%}" for name, share in data["inclusive"][1:10]]
            lines.append(f"- **{phase}** ({data['samples']} samples): " + "; ".join(tops))
    return lines


def render(results: list[dict[str, Any]]) -> str:
    """The generated Markdown for these results (ordered by size)."""
    results = sorted(results, key=lambda r: r["firms"])
    lines = [START, ""]
    for r in results:
        m = r["machine"]
        versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        lines.append(f"- **{r['size']}** firms (seed {r['seed']}): run {r['date']} on {m['nproc']} "
                     f"cores, {m['ram_gib']} GiB RAM, {m['cpu']}; load average at start "
                     f"{m['load_average'][0]:.1f}; {versions}; took {r['elapsed_s']:.0f} s.")
    sections = [
        ("Load throughput (median, min-max over runs)", _load_rows),
        ("Headline traversal: sanctions without EU establishment (embedded)", _headline_rows),
        ("Headline page filtered by one regulator (the one with the fewest decisions, the "
         "median one, the one with the most)", _regulator_rows),
        ("GraphQL under load (wrk, 32 connections, 2 uvicorn workers; median of runs)",
         _graphql_rows),
        ("Analytics against python-igraph (seconds, median, min-max; build: the adjacency "
         "the store keeps, once per change, not in the ratio; tight: PageRank run to an L1 "
         "change below nodes x 1e-12)", _analytics_rows),
        ("Memory", _memory_rows),
        ("Neo4j backend", _neo4j_rows),
    ]
    for title, make in sections:
        body = make(results)
        if len(body) > 2:
            lines += ["", f"### {title}", "", *body]
    lines += _profile_lines(results)
    lines += ["", END]
    return "\n".join(lines)


def write_results(folder: Path, markdown: Path) -> None:
    """Rebuild the generated part of ``markdown`` from every JSON in ``folder``."""
    results = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    generated = render(results)
    text = markdown.read_text("utf-8") if markdown.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + generated + tail
    else:
        text = text.rstrip() + ("\n\n" if text else "") + generated + "\n"
    markdown.write_text(text, "utf-8")
