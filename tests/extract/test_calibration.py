"""The calibration is fitted on the held-out parts' first scores, and those are what each
round's frozen rules proposed (``first_scores.py``), giving the figures recorded then."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from enforcegraph.loaders.extract.calibration import first_score_outcomes, fit, table
from enforcegraph.loaders.extract.evaluation import score_part
from enforcegraph.loaders.extract.proposals import Extraction

DEV = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "dev"


def _first_scores() -> ModuleType:
    """tests/extract/first_scores.py (a script beside the tests, not a package)."""
    spec = importlib.util.spec_from_file_location("first_scores", Path(__file__).with_name("first_scores.py"))
    assert spec is not None and spec.loader is not None
    module = sys.modules.setdefault("first_scores", importlib.util.module_from_spec(spec))
    if not hasattr(module, "SETS"):
        spec.loader.exec_module(module)
    return module


FIRST = _first_scores()
OUT: Path = FIRST.OUT
SETS: tuple[Any, ...] = FIRST.SETS


def _rows() -> list[dict[str, Any]]:
    return list(json.loads(OUT.read_text("utf-8"))["rows"])


def test_the_table_is_fitted_on_the_first_scores() -> None:
    """calibration.json is what first_scores.json gives (regenerate it with
    ``python -m enforcegraph.loaders.extract.calibration tests/extract/first_scores.json``)."""
    assert fit(first_score_outcomes(OUT)) == table()
    assert table()["all"][0] == sum(1 for row in _rows() if "right" in row)


# As recorded when each set was scored once (fixtures README, decision_baseline.json history):
# fully right, decisions scored, proposals at >= 0.9, of them wrong. v1's labels or the scorer
# changed after round 1: today 30 of its decisions are scored where 31 were then (11 right both).
RECORDED = {
    "heldout-v1": (11, 30, 9, 2),
    "heldout-v2": (5, 22, 2, 0),
    "heldout-v3": (19, 49, 4, 1),
    "heldout-v4": (8, 27, 4, 0),
    "heldout-v5": (19, 53, 11, 3),
}


@pytest.mark.parametrize("held", SETS, ids=[s.name for s in SETS])
def test_the_first_scores_give_the_figures_recorded_then(held: Any) -> None:
    results = []
    for row in (r for r in _rows() if r["set"] == held.name and "extraction" in r):
        gold = json.loads((DEV / f"{row['report']}.gold.json").read_text("utf-8"))
        results.append((Extraction.from_dict(row["extraction"]), gold))
    scores = score_part(results)
    confident = [right for conf, right in scores.proposals() if conf >= 0.9]
    assert (*scores.counts, len(confident), confident.count(False)) == RECORDED[held.name]


def test_the_first_scores_are_what_the_frozen_rules_propose() -> None:
    """Rebuilt from git: the last round's frozen extractor run again on its held-out part."""
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=DEV, capture_output=True,
                             text=True, check=True).stdout.strip()
    assert shallow == "false", "the first scores are rebuilt from the git history: clone the whole repository"
    held = SETS[-1]
    assert FIRST.rows_of(held) == [r for r in _rows() if r["set"] == held.name]
