"""Confidence that means something: a decision's confidence is the share of decisions
with the same evidence that were right on the labelled development reports.

The evidence of a decision (:attr:`DecisionDraft.evidence`) is how its issuer is named
(by name, by a description, by anaphora, by a later sentence), how its target is tied to
the sanction (the verb's object or subject, the only firm of the sentence, the firm the
story is about, none), whether it carries a fine, and whether it is an earlier decision
recalled in the story. ``calibration.json`` holds, per combination, how many development
decisions had it and how many of them were fully right (issuer, target, kind, amount and
currency); the confidence is their share with one imagined right and one imagined wrong
decision added (Laplace), so a combination seen twice, right twice, gets 0.75, not 1.
A combination never seen takes the share of the coarser combination it belongs to,
capped at 0.85: it goes to review under the default threshold of 0.9.

Regenerate the table after changing a rule (``tests/fixtures/articles/dev`` only; never
the held-out part)::

    python -m enforcegraph.loaders.extract.calibration tests/fixtures/articles/dev
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["FEATURES", "LEVELS", "SEVERAL_CAP", "UNSEEN_CAP", "calibrated", "fit", "labelled_outcomes", "table"]

FEATURES = ("issuer", "target", "money", "earlier")
# From the finest combination to the coarsest.
LEVELS: tuple[tuple[str, ...], ...] = (FEATURES, ("issuer", "target"), ("issuer",), ())
UNSEEN_CAP = 0.85
# A story that reports several fines (earlier ones, comparisons, one per firm, parts and
# totals) is where unseen reports went wrong: its decisions go to review.
SEVERAL_CAP = 0.85
_FILE = "calibration.json"


def _key(evidence: Mapping[str, str], level: tuple[str, ...]) -> str:
    return "|".join(f"{name}={evidence.get(name, '?')}" for name in level) or "all"


@cache
def table() -> dict[str, list[int]]:
    """Combination -> [decisions, right] on the development reports (bundled data)."""
    path = resources.files("enforcegraph.loaders.extract").joinpath(_FILE)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return {str(k): [int(v[0]), int(v[1])] for k, v in data["counts"].items()}


def calibrated(evidence: Mapping[str, str], counts: Mapping[str, list[int]] | None = None,
               several: bool = False) -> float:
    """The calibrated confidence of a decision with this evidence.

    >>> counts = {"issuer=named|target=verb|money=fine|earlier=no": [30, 30], "issuer=named|target=verb": [30, 30],
    ...           "issuer=named": [32, 31], "all": [40, 36]}
    >>> calibrated({"issuer": "named", "target": "verb", "money": "fine", "earlier": "no"}, counts)
    0.969
    >>> calibrated({"issuer": "named", "target": "salient", "money": "fine", "earlier": "no"}, counts)
    0.85
    """
    counts = table() if counts is None else counts
    cap = SEVERAL_CAP if several else 1.0
    for depth, level in enumerate(LEVELS):
        seen, right = counts.get(_key(evidence, level), [0, 0])
        if seen:
            share = (right + 1) / (seen + 2)
            return round(min(share if depth == 0 else min(share, UNSEEN_CAP), cap), 3)
    return 0.5


def fit(rows: Iterable[tuple[Mapping[str, str], bool]]) -> dict[str, list[int]]:
    """Counts per combination (every level) from (evidence, fully right) pairs."""
    counts: dict[str, list[int]] = {}
    for evidence, right in rows:
        for level in LEVELS:
            entry = counts.setdefault(_key(evidence, level), [0, 0])
            entry[0] += 1
            entry[1] += int(right)
    return dict(sorted(counts.items()))


def labelled_outcomes(folder: Path) -> list[tuple[dict[str, str], bool]]:
    """(evidence, fully right) of every decision proposed from the reports of a folder."""
    from enforcegraph.loaders.extract.evaluation import decision_outcomes
    from enforcegraph.loaders.extract.extractor import extract
    from enforcegraph.loaders.extract.labelled import read_labelled

    rows: list[tuple[dict[str, str], bool]] = []
    for article, gold in read_labelled(folder):
        extraction = extract(article)
        proposals = extraction.of_kind("decision")
        outcomes = decision_outcomes(extraction, gold)
        for proposal in proposals:
            right = any(o.confidence is not None and o.proposal_id == proposal.id and o.fully_right
                        for o in outcomes)
            rows.append((dict(proposal.properties["evidence"]), right))
    return rows


def main(argv: list[str]) -> int:
    """Write calibration.json from a folder of labelled development reports."""
    if len(argv) != 1 or re.search(r"heldout", argv[0]):
        print("usage: python -m enforcegraph.loaders.extract.calibration DEV_FOLDER (never the held-out part)")
        return 2
    counts = fit(labelled_outcomes(Path(argv[0])))
    data: dict[str, Any] = {
        "about": "Decisions proposed from the development reports, per evidence combination: "
                 "[proposed, fully right]. Written by python -m enforcegraph.loaders.extract.calibration.",
        "fitted_on": Path(argv[0]).name,
        "counts": counts,
    }
    target = Path(__file__).resolve().with_name(_FILE)
    lines = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in counts.items())
    head = json.dumps({k: v for k, v in data.items() if k != "counts"}, indent=1)[:-2]
    target.write_text(f"{head},\n \"counts\": {{\n{lines}\n }}\n}}\n", "utf-8")
    print(f"{target}: {counts.get('all', [0, 0])[0]} decisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
