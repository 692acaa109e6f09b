"""Soak: 32 clients for 10 minutes against ``enforcegraph serve --workers 2``, hostile
requests mixed in; errors (expected and unexpected, by code), latency per kind and the
RSS of each uvicorn worker over time.

    python -m benchmarks.soak                      # 600 s, 32 clients, bundled data
    python -m benchmarks.soak --duration 60 --write # a short run; --write records it in RESULTS.md

Not part of the tests. The server runs on the bundled datasets (loaded into a store in
the work folder unless ``--db`` names one) with its default settings, so the response
cache is on: repeated questions are hits, varied filters, cursors and search texts miss.
Every request of a normal kind must answer 200 without errors; every hostile request must
be refused with its typed error (the codes in ``HOSTILE``). Anything else (a 5xx, a
timeout, a dropped connection, an unexpected code) is an unexpected error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.graphql_load import graphql, serve
from benchmarks.stats import percentile

__all__ = ["main", "run_soak"]

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START, END = "<!-- soak:start (python -m benchmarks.soak --write rewrites this part) -->", \
    "<!-- soak:end -->"
DATASETS = ("gdpr-text", "clearview", "reference-cases")

# kind -> share of the requests (normal kinds sum with the hostile ones to about 100)
NORMAL = {"search": 20, "node": 20, "neighbourhood": 8, "history": 8, "catalogue": 22,
          "headline": 8, "export": 2}
# hostile kind -> (share, the error codes that count as its expected refusal)
HOSTILE: dict[str, tuple[float, frozenset[str]]] = {
    "fanout": (1.5, frozenset({"LIMIT_EXCEEDED"})),
    "deep": (1.5, frozenset({"LIMIT_EXCEEDED"})),
    "huge_body": (1.5, frozenset({"LIMIT_EXCEEDED"})),
    "non_object": (1.5, frozenset({"BAD_USER_INPUT"})),
    "bad_date": (1.5, frozenset({"BAD_USER_INPUT"})),
    "aliases": (1.5, frozenset({"LIMIT_EXCEEDED"})),
}
SEARCH_TEXTS = ("clear", "clearview", "cnil", "garante", "meta", "tik", "open", "ai", "data",
                "amazon", "uber", "goo", "replika", "deep", "lak", "hoan", "info", "dpc", "ico",
                "luka", "face", "ber", "pim", "a", "commission", "authority", "court", "x")
CATALOGUES = {
    "decisions": ("DecisionFilter", "id date title kind"),
    "companies": ("CompanyFilter", "id name country"),
    "sanctions": ("SanctionFilter", "id kind amount currency"),
    "regulators": ("RegulatorFilter", "id name country"),
}
YEARS = [str(y) for y in range(2017, 2026)]


@dataclass
class Tally:
    """What the clients saw: latencies and outcomes per kind."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: Counter[tuple[str, bool, str]] = field(default_factory=Counter)

    def add(self, kind: str, seconds: float, expected: bool, what: str) -> None:
        self.latencies[kind].append(seconds * 1000)
        self.outcomes[(kind, expected, what)] += 1


def _gql(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def _fanout(levels: int = 30) -> bytes:
    parts = ["fragment F0 on Query { stats { totalNodes } }"]
    parts += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    return _gql(f"query {{ ...F{levels - 1} }}\n" + "\n".join(parts))


def _deep(depth: int = 25) -> bytes:
    inner = "id"
    for _ in range(depth):
        inner = f"relationships {{ to {{ {inner} }} }}"
    return _gql('{ node(id: "company:x") { ' + inner + " } }")


class Mix:
    """Request bodies of each kind, from the ids the served data holds."""

    def __init__(self, ids: dict[str, list[str]], seed: int) -> None:
        self.ids = ids
        self.rng = random.Random(seed)
        self.cursors: dict[str, str | None] = {}
        kinds = {**NORMAL, **{k: share for k, (share, _) in HOSTILE.items()}}
        self.kinds, self.weights = list(kinds), list(kinds.values())
        self.huge = b'{"query": "{ stats { totalNodes } }", "pad": "' + b"x" * 2_000_000 + b'"}'

    def pick(self) -> tuple[str, str, str, bytes | None]:
        """(kind, method, path, body)."""
        kind = self.rng.choices(self.kinds, self.weights)[0]
        method, path, body = getattr(self, f"_{kind}")()
        return kind, method, path, body

    def _any(self, label: str = "all") -> str:
        return self.rng.choice(self.ids[label])

    def _search(self) -> tuple[str, str, bytes | None]:
        text = self.rng.choice(SEARCH_TEXTS)
        if self.rng.random() < 0.5:
            text = text[: self.rng.randint(1, len(text))]
        return "POST", "/graphql", _gql(
            "query S($t: String!, $n: Int) { search(text: $t, first: $n) { totalCount nodes { id label name } } }",
            {"t": text, "n": self.rng.choice([5, 10, 20])})

    def _node(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", _gql(
            "query N($id: ID!) { node(id: $id) { id label name sourceUrls "
            "relationships { type fromId toId } } }", {"id": self._any()})

    def _neighbourhood(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", _gql(
            "query Nb($id: ID!, $d: Int!) { neighbourhood(id: $id, depth: $d, limitPerNode: 10) "
            "{ truncated nodes { id label name } relationships { type } } }",
            {"id": self._any(), "d": self.rng.choice([1, 1, 2])})

    def _history(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", _gql(
            "query H($f: String!) { enforcementHistory(firm: $f) { id date kind status "
            "appeals { id } } }", {"f": self._any("firms")})

    def _catalogue(self) -> tuple[str, str, bytes | None]:
        name = self.rng.choice(list(CATALOGUES))
        filter_type, fields = CATALOGUES[name]
        cursor = self.cursors.get(name) if self.rng.random() < 0.5 else None
        filters: list[dict[str, Any] | None] = [None]
        if name == "decisions":
            year = self.rng.choice(YEARS)
            filters += [{"date": {"gte": f"{year}-01-01"}}, {"date": {"lte": f"{year}-12-31"}}]
        elif name == "companies":
            filters += [{"name": {"contains": self.rng.choice(SEARCH_TEXTS)}},
                        {"country": {"eq": self.rng.choice(["US", "IE", "CN", "GB", "FR"])}}]
        variables: dict[str, Any] = {"first": self.rng.choice([5, 10, 25, 50]),
                                     "filter": self.rng.choice(filters)}
        if cursor:
            variables = {"first": 10, "filter": None, "after": cursor}
        query = (f"query C($first: Int, $after: String, $filter: {filter_type}) {{ {name}("
                 f"first: $first, after: $after, filter: $filter) {{ totalCount pageInfo "
                 f"{{ hasNextPage endCursor }} nodes {{ {fields} }} }} }}")
        return "POST", "/graphql", _gql(query, variables)

    def _headline(self) -> tuple[str, str, bytes | None]:
        year = self.rng.choice(YEARS)
        filt = self.rng.choice([None, {"since": f"{year}-01-01"}, {"until": f"{year}-12-31"},
                                {"at": "TODAY"}, {"regulator": self._any("regulators")}])
        return "POST", "/graphql", _gql(
            "query Hl($f: SanctionsFilter, $n: Int) { sanctionsWithoutEuEstablishment("
            "filter: $f, first: $n) { totalCount edges { node { sanction { id } decision { id "
            "date } firm { id name } } } } }", {"f": filt, "n": self.rng.choice([10, 50, 100])})

    def _export(self) -> tuple[str, str, bytes | None]:
        fmt = self.rng.choice(["json", "graphml", "gexf"])
        if self.rng.random() < 0.2:
            return "GET", f"/export/{fmt}", None
        return "GET", f"/export/{fmt}?of={self._any()}&depth={self.rng.choice([1, 2])}", None

    def _fanout(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", _fanout(self.rng.choice([24, 30]))

    def _deep(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", _deep(self.rng.choice([15, 25]))

    def _huge_body(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", self.huge

    def _non_object(self) -> tuple[str, str, bytes | None]:
        return "POST", "/graphql", self.rng.choice([b"5", b'"x"', b"null", b"[]", b"[1, 2]"])

    def _bad_date(self) -> tuple[str, str, bytes | None]:
        which = self.rng.choice(["since", "until"])
        return "POST", "/graphql", _gql(
            "query B($f: SanctionsFilter) { sanctionsWithoutEuEstablishment(filter: $f) "
            "{ totalCount } }", {"f": {which: self.rng.choice(["banana", "2024-13-45", "0"])}})

    def _aliases(self) -> tuple[str, str, bytes | None]:
        fields = " ".join(f"a{i}: stats {{ totalNodes }}" for i in range(self.rng.choice([40, 80])))
        return "POST", "/graphql", _gql("{ " + fields + " }")

    def remember_cursor(self, body: dict[str, Any]) -> None:
        for name, value in (body.get("data") or {}).items():
            if name in CATALOGUES and isinstance(value, dict):
                info = value.get("pageInfo") or {}
                self.cursors[name] = info.get("endCursor") if info.get("hasNextPage") else None


def _judge(kind: str, status: int, body: bytes) -> tuple[bool, str, dict[str, Any]]:
    """(expected, what happened, decoded JSON body)."""
    decoded: Any = None
    if kind != "export" or status != 200:
        try:
            decoded = json.loads(body)
        except ValueError:
            decoded = None
    code = None
    if isinstance(decoded, dict) and decoded.get("errors"):
        code = (decoded["errors"][0].get("extensions") or {}).get("code", "NO_CODE")
    what = f"{status} {code or 'ok'}"
    if kind in HOSTILE:
        return code in HOSTILE[kind][1] and status < 500, what, {}
    if kind == "export":
        return status == 200 and len(body) > 0, what, {}
    ok = status == 200 and code is None and isinstance(decoded, dict) and decoded.get("data")
    return bool(ok), what, decoded if isinstance(decoded, dict) else {}


async def _client(base: str, mix: Mix, until: float, tally: Tally, timeout: float) -> None:
    headers = {"content-type": "application/json", "accept": "application/json"}
    async with httpx.AsyncClient(base_url=base, timeout=timeout, headers=headers) as client:
        while time.monotonic() < until:
            kind, method, path, body = mix.pick()
            began = time.monotonic()
            try:
                response = await client.request(method, path, content=body)
                content = response.content
                expected, what, decoded = _judge(kind, response.status_code, content)
                if decoded:
                    mix.remember_cursor(decoded)
            except httpx.TimeoutException:
                expected, what = False, "timeout"
            except httpx.HTTPError as exc:
                # a refused huge body may close the connection before it is all sent
                expected, what = kind == "huge_body", f"connection: {type(exc).__name__}"
            tally.add(kind, time.monotonic() - began, expected, what)


def _worker_pids(pid: int) -> list[int]:
    """The uvicorn worker processes under the ``serve`` process (multiprocessing children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    workers = []
    for child in found:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            workers.append(child)
    return sorted(workers)


def _rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


async def _sample_rss(server_pid: int, began: float, until: float, every: float,
                      samples: list[dict[str, Any]]) -> None:
    while True:
        now = time.monotonic()
        rss = {str(pid): _rss_mib(pid) for pid in _worker_pids(server_pid)}
        samples.append({"t": round(now - began, 1), "rss_mib": rss})
        if now >= until:
            return
        await asyncio.sleep(min(every, max(0.0, until - now)))


def _collect_ids(port: int) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for name in ("companies", "regulators", "decisions", "people", "sanctions", "courts"):
        answer = graphql(port, "{ " + name + "(first: 500) { nodes { id } } }")
        ids[name] = [n["id"] for n in answer["data"][name]["nodes"]]
    firms = graphql(port, "{ sanctionsWithoutEuEstablishment(first: 500) { edges { node "
                          "{ firm { id } } } } }")
    ids["firms"] = sorted({e["node"]["firm"]["id"]
                           for e in firms["data"]["sanctionsWithoutEuEstablishment"]["edges"]})
    ids["firms"] += ids["companies"][:50]
    ids["all"] = [i for name in ("companies", "regulators", "decisions", "people", "sanctions",
                                 "courts") for i in ids[name]]
    return ids


async def _soak(port: int, server_pid: int, clients: int, duration: float, seed: int,
                rss_every: float, timeout: float, ids: dict[str, list[str]]) -> dict[str, Any]:
    tally = Tally()
    samples: list[dict[str, Any]] = []
    began = time.monotonic()
    until = began + duration
    base = f"http://127.0.0.1:{port}"
    tasks = [_client(base, Mix(ids, seed + i), until, tally, timeout) for i in range(clients)]
    await asyncio.gather(_sample_rss(server_pid, began, until, rss_every, samples), *tasks)
    return {"tally": tally, "samples": samples, "elapsed_s": time.monotonic() - began}


def _rss_growth(samples: list[dict[str, Any]], after: float) -> dict[str, Any]:
    """Per worker: RSS at ``after`` seconds, at the end, the peak since, and the growth."""
    workers = sorted({pid for s in samples for pid in s["rss_mib"]})
    out: dict[str, Any] = {}
    for pid in workers:
        series = [(s["t"], s["rss_mib"][pid]) for s in samples
                  if s["rss_mib"].get(pid) is not None]
        if not series:
            continue
        start = next(((t, v) for t, v in series if t >= after), series[-1])
        later = [v for t, v in series if t >= start[0]]
        out[pid] = {"first_mib": series[0][1], "at_mib": start[1], "at_s": start[0],
                    "end_mib": series[-1][1], "peak_after_mib": max(later),
                    "growth_pct": 100 * (series[-1][1] - start[1]) / start[1],
                    "peak_growth_pct": 100 * (max(later) - start[1]) / start[1]}
    return out


def summarise(result: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    tally: Tally = result["tally"]
    kinds = sorted(tally.latencies)
    per_kind = {}
    for kind in kinds:
        values = tally.latencies[kind]
        per_kind[kind] = {"requests": len(values), "p50_ms": round(percentile(values, 0.5), 1),
                          "p99_ms": round(percentile(values, 0.99), 1)}
    outcomes = [{"kind": k, "expected": e, "what": w, "count": c}
                for (k, e, w), c in sorted(tally.outcomes.items())]
    total = sum(tally.outcomes.values())
    unexpected = sum(c for (_, e, _), c in tally.outcomes.items() if not e)
    hostile = sum(c for (k, _, _), c in tally.outcomes.items() if k in HOSTILE)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "duration_s": round(result["elapsed_s"], 1), "clients": args.clients,
        "workers": args.workers, "requests": total, "rps": round(total / result["elapsed_s"], 1),
        "hostile_requests": hostile, "unexpected": unexpected, "per_kind": per_kind,
        "outcomes": outcomes, "rss_after_s": args.rss_after,
        "rss": _rss_growth(result["samples"], args.rss_after), "samples": result["samples"],
        "note": args.note,
    }


def render(summary: dict[str, Any]) -> str:
    """The RESULTS.md section of one soak run."""
    s = summary
    lines = [
        f"Run {s['date']}: {s['duration_s']:.0f} s, {s['clients']} clients, `serve --workers "
        f"{s['workers']}` on the bundled data, default settings (response cache on). "
        f"{s['requests']:,} requests ({s['rps']:.0f}/s), {s['hostile_requests']:,} of them "
        f"hostile; **{s['unexpected']} unexpected errors**." + (f" {s['note']}" if s["note"] else ""),
        "",
        "| kind | requests | p50 ms | p99 ms | outcomes |",
        "|---|---|---|---|---|",
    ]
    for kind, figures in s["per_kind"].items():
        seen = ", ".join(f"{o['what']} x{o['count']:,}" + ("" if o["expected"] else " (UNEXPECTED)")
                         for o in s["outcomes"] if o["kind"] == kind)
        lines.append(f"| {kind}{' (hostile)' if kind in HOSTILE else ''} | {figures['requests']:,} "
                     f"| {figures['p50_ms']} | {figures['p99_ms']} | {seen} |")
    lines += ["", f"Worker RSS (VmRSS, MiB), growth measured from {s['rss_after_s']:.0f} s to the end:",
              "", "| worker | at start | at "
              f"{s['rss_after_s']:.0f} s | end | peak after | growth | peak growth |",
              "|---|---|---|---|---|---|---|"]
    for number, figures in enumerate(s["rss"].values(), 1):
        lines.append(f"| {number} | {figures['first_mib']:.1f} | {figures['at_mib']:.1f} | "
                     f"{figures['end_mib']:.1f} | {figures['peak_after_mib']:.1f} | "
                     f"{figures['growth_pct']:+.1f}% | {figures['peak_growth_pct']:+.1f}% |")
    if s["rss"]:
        worst = max(f["growth_pct"] for f in s["rss"].values())
        verdict = "met" if worst < 5 and s["unexpected"] == 0 else "NOT met"
        lines += ["", f"Targets (0 unexpected errors; worker RSS growth after {s['rss_after_s']:.0f} s "
                      f"under 5%): {s['unexpected']} unexpected, largest growth {worst:+.1f}%: "
                      f"**{verdict}**."]
    minute_marks: list[dict[str, Any]] = []
    for sample in s["samples"]:
        if not minute_marks or sample["t"] >= minute_marks[-1]["t"] + 60:
            minute_marks.append(sample)
    lines += ["", "RSS over time (MiB per worker): " + "; ".join(
        f"{m['t']:.0f} s: " + "/".join(f"{v:.0f}" for v in m["rss_mib"].values() if v)
        for m in minute_marks)]
    return "\n".join(lines)


def write_results(text: str) -> None:
    current = RESULTS.read_text("utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in current:
        head, _, rest = current.partition(START)
        _, _, tail = rest.partition(END)
        RESULTS.write_text(head + block + tail, "utf-8")
    else:
        RESULTS.write_text(current.rstrip("\n") + "\n\n## Soak (benchmarks/soak.py)\n\n"
                           + block + "\n", "utf-8")


def _prepare_db(args: argparse.Namespace, work: Path) -> Path:
    if args.db:
        return Path(args.db)
    db = work / "soak.sqlite"
    command = [str(Path(sys.executable).parent / "enforcegraph"), "--db", str(db), "load",
               *DATASETS]
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return db


def run_soak(args: argparse.Namespace) -> dict[str, Any]:
    """Load (unless ``--db``), serve, soak, summarise."""
    with tempfile.TemporaryDirectory(prefix="enforcegraph-soak-") as tmp:
        db = _prepare_db(args, Path(tmp))
        env = {"ENFORCEGRAPH_DB": str(db), **dict(e.split("=", 1) for e in args.env)}
        with serve("api", args.workers, env) as (port, proc):
            ids = _collect_ids(port)
            print(f"serving on {port} (pid {proc.pid}, workers {_worker_pids(proc.pid)}); "
                  f"{len(ids['all'])} ids; soaking {args.duration:.0f} s with {args.clients} "
                  "clients", file=sys.stderr, flush=True)
            result = asyncio.run(_soak(port, proc.pid, args.clients, args.duration, args.seed,
                                       args.rss_every, args.timeout, ids))
    return summarise(result, args)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds (default 600)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (2)")
    parser.add_argument("--db", help="serve this store instead of loading the bundled data")
    parser.add_argument("--seed", type=int, default=19, help="random seed of the mix")
    parser.add_argument("--rss-every", type=float, default=5, help="seconds between RSS samples")
    parser.add_argument("--rss-after", type=float, default=120,
                        help="growth is measured from this many seconds on (120)")
    parser.add_argument("--timeout", type=float, default=30, help="client timeout (s)")
    parser.add_argument("--env", action="append", default=[],
                        help="NAME=VALUE for the server (repeatable)")
    parser.add_argument("--json", type=Path,
                        default=Path(__file__).parent / "results" / "soak" / "soak.json",
                        help="where the raw figures go")
    parser.add_argument("--note", default="", help="a sentence for RESULTS.md (conditions)")
    parser.add_argument("--write", action="store_true", help="record the run in RESULTS.md")
    args = parser.parse_args(argv)
    summary = run_soak(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=1), "utf-8")
    text = render(summary)
    print(text)
    if args.write:
        write_results(text)


if __name__ == "__main__":
    main()
