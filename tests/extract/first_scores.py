"""First scores of the held-out sets (issue 17): what each round's frozen rules proposed on
the held-out set written against them, scored with today's labels and scorer.

Each held-out set was scored once by rules that had never seen it, then became development
data. Rerunning each round's frozen extractor (from git) on its own set gives decision
proposals made on reports their rules were not written on: the only out-of-sample evidence
of how often a proposal is right. The calibration (``loaders/extract/calibration.py``) is
fitted on these rows, not on the development part the rules were tuned to.

    .venv/bin/python tests/extract/first_scores.py     # rewrite tests/extract/first_scores.json

Each round's extractor runs from ``git archive`` of its frozen commit in a temporary folder,
with today's Python and libraries, reading today's gold files with its own reader; its
proposals (JSON) are scored here with today's scorer against them. Labels changed after some
first scores (dates moved into notes, one kind, three public bodies' labels), so v1 scores 30
decisions today where 31 were scored then; ``tests/extract/test_calibration.py`` checks every
other recorded figure. It needs the whole git history (not a shallow clone).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enforcegraph.loaders.extract.evaluation import decision_outcomes
from enforcegraph.loaders.extract.proposals import Extraction

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "articles" / "dev"
OUT = Path(__file__).with_name("first_scores.json")


@dataclass(frozen=True)
class HeldOutSet:
    """A set scored once by rules never tuned on it: the commit of those rules, and the commit
    that added the set (a pseudo-held-out batch) or moved it into dev/ (a held-out part)."""

    name: str
    frozen: str
    moved: str


SETS = (
    HeldOutSet("heldout-v1", "452bb5b", "e07a3db"),
    HeldOutSet("heldout-v2", "1246d15", "28bb0a2"),
    # Round 3's pseudo-held-out batches, each scored once before its texts were read, with the
    # rules of the moment (tests/fixtures/articles/dev-incoming/SCORES.md).
    HeldOutSet("batch-1", "5dcc324", "b6461da"),
    HeldOutSet("batch-2", "5dcc324", "d2f86b6"),
    HeldOutSet("batch-3", "00a8067", "eed0f3c"),
    HeldOutSet("batch-4", "00a8067", "cb62d0e"),
    HeldOutSet("batch-5", "00a8067", "3e72574"),
    HeldOutSet("batch-6", "00a8067", "a5574d1"),
    HeldOutSet("batch-7", "fe19d88", "e00b936"),
    HeldOutSet("batch-8", "fe19d88", "0416c55"),
    HeldOutSet("heldout-v3", "f786822", "68f6e80"),
    HeldOutSet("heldout-v4", "67e30d0", "ffde2ad"),
    HeldOutSet("heldout-v5", "8a1bda7", "0c76216"),
    HeldOutSet("heldout-v6", "9d22b08", "0c6aec4"),
    HeldOutSet("heldout-v7", "d5612ce", "916c99d"),
    HeldOutSet("heldout-v8", "334c80a", "faac8d1"),
    HeldOutSet("heldout-v9", "7d09786", "243e548"),
    HeldOutSet("heldout-v10", "2843aac", "44d1e52"),
    HeldOutSet("heldout-v11", "06f390c", "d6bf8e9"),
)
_PACKAGES = ("schema", "graph", "loaders", "api")

# Run inside the old tree: extract every report of a folder, print {name: extraction}.
_DUMP = """
import json, sys
from pathlib import Path
from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.labelled import labelled_names, read_one
import enforcegraph.loaders.extract as pkg
assert sys.argv[2] in pkg.__file__, pkg.__file__
folder = Path(sys.argv[1])
print(json.dumps({n: extract(read_one(folder, n)[0]).to_dict() for n in labelled_names(folder)}))
"""


def set_members(moved: str) -> list[str]:
    """The report names a commit moved into dev/ from a held-out folder, or added to
    dev-incoming/ (all of them are in dev/ now, under the same name)."""
    out = subprocess.run(["git", "-C", str(ROOT), "show", "-M", "--name-status", "--format=", moved],
                         check=True, capture_output=True, text=True).stdout
    names = []
    for line in out.splitlines():
        parts = line.split("\t")
        moved_in = parts[0].startswith("R") and "/dev/" in parts[-1]
        added = parts[0] == "A" and "/dev-incoming/" in parts[-1]
        if (moved_in or added) and parts[-1].endswith(".gold.json"):
            names.append(Path(parts[-1]).name.removesuffix(".gold.json"))
    return sorted(names)


def _old_tree(commit: str, where: Path) -> Path:
    """The package of ``commit`` importable from ``where`` (returns the folder for PYTHONPATH)."""
    tree = where / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    package = where / "path" / "enforcegraph"
    package.mkdir(parents=True)
    for item in (tree / "src" / "enforcegraph").iterdir():
        (package / item.name).symlink_to(item)
    for name in _PACKAGES:
        (package / name).symlink_to(tree / name)
    return where / "path"


def frozen_extractions(commit: str, folder: Path, names: list[str]) -> dict[str, Any]:
    """What the rules frozen at ``commit`` propose on these reports of ``folder``."""
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        path = _old_tree(commit, where)
        copy = where / "reports"
        copy.mkdir()
        for name in names:
            for suffix in (".txt", ".gold.json"):
                (copy / f"{name}{suffix}").write_bytes((folder / f"{name}{suffix}").read_bytes())
        done = subprocess.run([sys.executable, "-c", _DUMP, str(copy), str(where)], check=True,
                              capture_output=True, text=True,
                              env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"})
        return dict(json.loads(done.stdout))


def old_extractions(held: HeldOutSet, names: list[str]) -> dict[str, Any]:
    """What the frozen rules of ``held`` propose on its reports (today's gold beside them)."""
    return frozen_extractions(held.frozen, DEV, names)


def rows_of(held: HeldOutSet) -> list[dict[str, Any]]:
    """One row per decision proposal of the set's first score: its extraction's JSON and whether
    it was fully right."""
    names = set_members(held.moved)
    rows = []
    for name, data in old_extractions(held, names).items():
        gold = json.loads((DEV / f"{name}.gold.json").read_text("utf-8"))
        extraction = Extraction.from_dict(data)
        outcomes = decision_outcomes(extraction, gold)
        for proposal in extraction.of_kind("decision"):
            right = any(o.proposal_id == proposal.id and o.fully_right for o in outcomes)
            rows.append({"set": held.name, "report": name, "proposal": proposal.id, "right": right})
        rows.append({"set": held.name, "report": name, "extraction": data})
    return rows


def main(argv: list[str]) -> int:
    if argv:
        print(__doc__)
        return 2
    rows: list[dict[str, Any]] = []
    for held in SETS:
        found = rows_of(held)
        right = [r["right"] for r in found if "right" in r]
        print(f"{held.name} (rules {held.frozen}): {len({r['report'] for r in found})} reports, "
              f"{len(right)} decision proposals, {sum(right)} fully right", file=sys.stderr)
        rows += found
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    about = json.dumps(__doc__.split("\n\n")[0], ensure_ascii=False)
    OUT.write_text(f'{{"about": {about},\n"rows": [\n{lines}\n]}}\n', "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
