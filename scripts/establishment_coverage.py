"""The share of sanctioned firms whose establishment is known, before and after locating
firms from evidence (``enforcegraph locate``), as a Markdown table for the README.

    .venv/bin/python scripts/establishment_coverage.py [--data ../shared/data] [--no-snapshots]

Loads into fresh temporary stores, through the CLI: ``clearview`` and ``reference-cases``;
then the same plus the CMS Enforcement Tracker and GDPRhub snapshots (test data, read from
``--data``, never bundled). "Before" is each load with ``--no-locate``; "after" is the same
store once ``enforcegraph locate`` has run. A firm's establishment is known when the
headline can classify it at every decision date (graph/domain/rules.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [str(Path(sys.executable).parent / "enforcegraph")]
SNAPSHOTS = ("enforcement-tracker-2024/enforcementtracker.json", "gdprhub-2024/gdprhub-decisions.csv")


def _run(db: Path, *args: str) -> str:
    done = subprocess.run([*CLI, "--db", str(db), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"enforcegraph {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def _coverage(db: Path) -> dict[str, float]:
    return dict(json.loads(_run(db, "stats", "--json"))["establishment"])


def measure(name: str, inputs: list[str], workdir: Path) -> tuple[str, dict[str, float], dict[str, float], Counter[str]]:
    db = workdir / f"{name}.db"
    _run(db, "load", *inputs, "--no-locate")
    before = _coverage(db)
    found = json.loads(_run(db, "locate", "--json"))
    after = _coverage(db)
    rules = Counter(f"{f['rule'].removesuffix('-art60')}" for f in found["findings"]
                    if f["type"] == "HAS_ESTABLISHMENT")
    return name, before, after, rules


def _share(cover: dict[str, float]) -> str:
    share = cover["share_known"]
    return f"{cover['known']} of {cover['firms']} ({100 * share:.1f}%)" if share is not None else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-snapshots", action="store_true", help="Only the bundled case files.")
    parser.add_argument("--cli", default=CLI[0], help="The enforcegraph command to run.")
    args = parser.parse_args()
    CLI[0] = args.cli
    runs = [("case files", ["clearview", "reference-cases"])]
    if not args.no_snapshots:
        files = [str(args.data / s) for s in SNAPSHOTS]
        runs.append(("case files + tracker + GDPRhub", ["clearview", "reference-cases", *files]))
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(f"run{i}", inputs, Path(tmp)) for i, (_, inputs) in enumerate(runs)]
    print("| data | sanctioned firms with a known establishment: before | after | establishments found, by rule |")
    print("|---|---|---|---|")
    for (label, _), (_, before, after, rules) in zip(runs, rows, strict=True):
        by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) or "none"
        print(f"| {label} | {_share(before)} | {_share(after)} | {by_rule} |")


if __name__ == "__main__":
    main()
