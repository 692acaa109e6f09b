"""Run every benchmark at the sizes asked and write benchmarks/RESULTS.md.

``python -m benchmarks.run --sizes 10k,100k,1m`` (from the repository root). Each size
keeps its raw figures in benchmarks/results/<size>.json, and RESULTS.md's generated
section is rebuilt from every JSON there, so sizes can be run one at a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.graphql_load import (
    HEADLINE_QUERY,
    NODE_QUERY,
    graphql,
    run_wrk,
    serve,
    tree_peak_rss,
)
from benchmarks.report import write_results
from benchmarks.stats import spread

__all__ = ["main", "parse_size"]

HERE = Path(__file__).resolve().parent


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1m`` -> 1000000, ``250`` -> 250."""
    text = text.strip().lower()
    factor = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def size_name(firms: int) -> str:
    """The inverse of :func:`parse_size` for round sizes."""
    for suffix, factor in (("m", 1_000_000), ("k", 1000)):
        if firms >= factor and firms % factor == 0:
            return f"{firms // factor}{suffix}"
    return str(firms)


def _job(args: argparse.Namespace, firms: int, folder: Path, first: bool) -> dict[str, Any]:
    done_file = Path(str(folder) + ".json")
    if args.reuse and done_file.exists() and (not first or (folder / "graph.sqlite").exists()):
        print(f"  reusing {done_file}", file=sys.stderr)
        kept: dict[str, Any] = json.loads(done_file.read_text("utf-8"))
        profile = folder.parent / f"profile-{size_name(firms)}.txt"
        if first and args.profile and profile.exists():
            from benchmarks.profile import summarize

            kept["profile"] = summarize(profile)
        return kept
    command = [sys.executable, "-m", "benchmarks.embedded_job", "--firms", str(firms),
               "--seed", str(args.seed), "--dir", str(folder), "--out", str(folder) + ".json",
               "--headline-repeats", str(args.headline_repeats),
               "--count-repeats", str(args.count_repeats)]
    if first:
        command.append("--headline")
        if "analytics" not in args.skip and firms <= args.analytics_max:
            command.append("--analytics")
    if first and args.profile:
        out = folder.parent / f"profile-{size_name(firms)}.txt"
        spy = Path(sys.executable).parent / "py-spy"
        command = [str(spy) if spy.exists() else "py-spy", "record", "--format", "raw", "-r", "100", "-o", str(out),
                   "--", *command]
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"embedded job failed: {done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(Path(str(folder) + ".json").read_text("utf-8"))
    if first and args.profile:
        from benchmarks.profile import summarize

        result["profile"] = summarize(folder.parent / f"profile-{size_name(firms)}.txt")
    return result


def _floor_data(db: Path, out: Path, count: int = 1000) -> list[str]:
    """Company ids for node(id) and the first headline page, for the floor app."""
    from enforcegraph.graph.backends.embedded import EmbeddedStore

    store = EmbeddedStore(db)
    try:
        companies = store.find("Company", limit=count)
        rows = store.traversals().sanctions_without_eu_establishment(limit=100)
    finally:
        store.close()
    nodes = {n.id: {"label": n.label, "name": n.display_name} for n in companies}
    page = [{k: row[k] for k in ("sanction", "decision", "firm", "regulator")} for row in rows]
    out.write_text(json.dumps({"nodes": nodes, "page": page}), "utf-8")
    return list(nodes)


def _graphql(args: argparse.Namespace, db: Path, folder: Path) -> dict[str, Any]:
    floor_file = folder / "floor-data.json"
    ids = _floor_data(db, floor_file)
    api_env = {"ENFORCEGRAPH_DB": str(db), "ENFORCEGRAPH_BACKEND": "embedded"}
    # the API as shipped (response cache on), the API executing every request, the floor
    servers = {"api": ("api", api_env),
               "api_nocache": ("api", {**api_env, "ENFORCEGRAPH_RESPONSE_CACHE_BYTES": "0"}),
               "floor": ("floor", {"BENCH_FLOOR_DATA": str(floor_file)})}
    queries = {name: query for name, query in
               {"node": (NODE_QUERY, ids), "headline": (HEADLINE_QUERY, [])}.items()
               if name in args.graphql_queries}
    result: dict[str, Any] = {"connections": args.connections, "workers": args.workers,
                              "duration_s": args.duration}
    for label, (kind, env) in servers.items():
        with serve(kind, args.workers, env) as (port, proc):
            for name, (query, node_ids) in queries.items():
                answer = graphql(port, query, {"id": node_ids[0]} if node_ids else None)
                ok = "errors" not in answer and bool(answer.get("data"))
                # a short unmeasured run first: every server starts cold (imports, caches)
                run_wrk(port, query, node_ids, connections=args.connections,
                        duration=min(3.0, args.duration))
                runs = [run_wrk(port, query, node_ids, connections=args.connections,
                                duration=args.duration) for _ in range(args.graphql_repeats)]
                result[f"{label}_{name}"] = {
                    "answer_ok": ok,
                    "error": None if ok else json.dumps(answer)[:300],
                    "rps": spread([r["rps"] for r in runs]),
                    "p50_ms": spread([r.get("p50_ms", 0.0) for r in runs]),
                    "p99_ms": spread([r.get("p99_ms", 0.0) for r in runs]),
                    "non_2xx": sum(r["non_2xx"] for r in runs),
                    "socket_errors": sum(r["socket_errors"] for r in runs),
                }
            result[f"{label}_rss"] = tree_peak_rss(proc.pid)
    return result


def _machine() -> dict[str, Any]:
    import sqlite3

    import networkx
    import strawberry
    import uvicorn

    import enforcegraph

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    wrk = shutil.which("wrk")
    versions = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "enforcegraph": getattr(enforcegraph, "__version__", "dev"),
        "networkx": networkx.__version__,
        "strawberry": _version("strawberry-graphql"),
        "uvicorn": uvicorn.__version__,
        "igraph": _version("igraph"),
        "neo4j-driver": _version("neo4j"),
        "wrk": subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split()[1]
        if wrk else "missing",
    }
    del strawberry
    return {
        "nproc": len(__import__("os").sched_getaffinity(0)),
        "ram_gib": round(int(mem) / 2**20, 1),
        "cpu": cpu,
        "kernel": platform.release(),
        "load_average": list(__import__("os").getloadavg()),
        "versions": versions,
    }


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "missing"


def run_size(args: argparse.Namespace, firms: int) -> dict[str, Any]:
    """Every benchmark at one size; the raw figures."""
    name = size_name(firms)
    work = args.workdir / name
    started = time.time()
    result: dict[str, Any] = {"size": name, "firms": firms, "seed": args.seed,
                              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                              "machine": _machine()}
    repeats = args.load_repeats if firms < args.single_load_above else 1
    jobs = []
    for index in range(repeats):
        print(f"[{name}] embedded load {index + 1}/{repeats}", file=sys.stderr, flush=True)
        jobs.append(_job(args, firms, work / f"run{index}", first=index == 0))
    first = jobs[0]
    loads = [j["load"] for j in jobs]
    result["embedded"] = {
        "records": first["load"]["records"],
        "stats": first["stats"],
        "db_mib": first["db_mib"],
        "load_rps": spread([x["store_rps"] for x in loads]),
        "load_settled_rps": spread([x["store_settled_rps"] for x in loads]),
        "floor_rps": spread([x["floor_rps"] for x in loads]),
        "load_cpu_rps": spread([x["store_cpu_rps"] for x in loads]),
        "floor_cpu_rps": spread([x["floor_cpu_rps"] for x in loads]),
        "ratio": spread([x["store_rps"] / x["floor_rps"] for x in loads]),
        "rss_after_load_mib": first["rss_after_load_mib"],
        "rss_peak_mib": max(v for k, v in first.items() if k.startswith("rss_")),
        "headline": first.get("headline"),
        "analytics": first.get("analytics"),
        "profile": first.get("profile"),
    }
    for index in range(1, repeats):
        shutil.rmtree(work / f"run{index}", ignore_errors=True)
    if "graphql" not in args.skip:
        if shutil.which("wrk") is None:
            result["graphql"] = {"skipped": "wrk is not installed (benchmarks/run.sh installs it)"}
        elif firms > args.graphql_max:
            result["graphql"] = {"skipped": f"above --graphql-max {args.graphql_max}"}
        else:
            print(f"[{name}] GraphQL under load", file=sys.stderr, flush=True)
            result["graphql"] = _graphql(args, work / "run0" / "graph.sqlite", work)
    if "neo4j" not in args.skip:
        from benchmarks.neo4j_bench import neo4j_size

        if firms > args.neo4j_max:
            result["neo4j"] = {"skipped": f"above --neo4j-max {args.neo4j_max}"}
        else:
            print(f"[{name}] neo4j", file=sys.stderr, flush=True)
            result["neo4j"] = neo4j_size(firms, args.seed, args.neo4j_load_repeats,
                                         args.headline_repeats, args.count_repeats)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    result["elapsed_s"] = time.time() - started
    return result


def main(argv: list[str] | None = None) -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help="firms per run, e.g. 10k,100k,1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--load-repeats", type=int, default=3)
    parser.add_argument("--single-load-above", type=parse_size, default=parse_size("1m"),
                        help="sizes at or above this load once (default 1m)")
    parser.add_argument("--headline-repeats", type=int, default=50)
    parser.add_argument("--count-repeats", type=int, default=10)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--graphql-repeats", type=int, default=3)
    parser.add_argument("--graphql-queries", default="node,headline",
                        help="which GraphQL queries to load-test (node, headline)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--analytics-max", type=parse_size, default=parse_size("1m"))
    parser.add_argument("--graphql-max", type=parse_size, default=parse_size("1m"))
    parser.add_argument("--neo4j-load-repeats", type=int, default=2)
    parser.add_argument("--neo4j-max", type=parse_size, default=parse_size("100k"))
    parser.add_argument("--skip", default="", help="comma list of graphql,neo4j,analytics")
    parser.add_argument("--profile", action="store_true", help="py-spy the first embedded run")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/enforcegraph-bench"))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--markdown", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the stores in --workdir")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse finished embedded runs left in --workdir (after a crash)")
    args = parser.parse_args(argv)
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    args.graphql_queries = {s.strip() for s in args.graphql_queries.split(",") if s.strip()}
    args.results.mkdir(parents=True, exist_ok=True)
    for text in args.sizes.split(","):
        firms = parse_size(text)
        result = run_size(args, firms)
        (args.results / f"{size_name(firms)}.json").write_text(json.dumps(result, indent=1))
        write_results(args.results, args.markdown)
        print(f"[{size_name(firms)}] done in {result['elapsed_s']:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
