"""Confidence that means something: a decision's confidence is a share of right decisions
that reports the rules had never seen support with 90% certainty.

Rules fit the reports they are written on: on the development part the extractor is right
four times in five, on each fresh held-out part about a third of the time, and a table
fitted on the development part put wrong proposals at 0.96 (issue 17). So the table is
fitted on the **first scores** of the held-out parts instead: each round's frozen rules run
on the held-out part written against them, and round 3's rules on the batches scored before
their texts were read (``tests/extract/first_scores.json``, rebuilt from
git by ``tests/extract/first_scores.py``), scored with today's labels. They are earlier
rules' rates, a conservative stand-in for today's rules on unseen reports.

The evidence of a decision is how its target is tied to the sanction (the verb's object or
subject, the only firm of the sentence, a list, the firm the story is about, none) and the
story: ``single`` when the extraction has one decision and one firm, ``several`` otherwise
(several fines, earlier ones, comparisons, other firms: where unseen reports went wrong).
Both were chosen on these same rows (leave-one-set-out), so they are no independent test.
``calibration.json`` holds, per combination, how many first-score decisions had it and how
many were fully right (issuer, target, kind, amount and currency). With ``r`` right of
``n``, the confidence is the 10% quantile of Beta(r + 1, n - r + 1): the share right is at
least that with 90% certainty, so a combination needs about 21 right of 21 to reach 0.9. A
combination seen fewer than 8 times takes the coarser one it belongs to, capped at 0.85; a
figure written against the text's number format is capped at 0.5. Regenerate the table
after a held-out part's first score is added::

    python -m enforcegraph.loaders.extract.calibration tests/extract/first_scores.json
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from enforcegraph.loaders.extract.proposals import Extraction, Proposal

__all__ = ["CERTAINTY", "DOUBTFUL_CAP", "FEATURES", "LEVELS", "MIN_SEEN", "UNSEEN_CAP", "calibrate", "calibrated",
           "features", "first_score_outcomes", "fit", "supported_share", "table"]

FEATURES = ("target", "story")
# From the finest combination to the coarsest.
LEVELS: tuple[tuple[str, ...], ...] = (FEATURES, ("target",), ())
UNSEEN_CAP = 0.85
DOUBTFUL_CAP = 0.5
MIN_SEEN = 8
CERTAINTY = 0.9
_FILE = "calibration.json"


def _key(evidence: Mapping[str, str], level: tuple[str, ...]) -> str:
    return "|".join(f"{name}={evidence.get(name, '?')}" for name in level) or "all"


@cache
def table() -> dict[str, list[int]]:
    """Combination -> [decisions, right] on the held-out parts' first scores (bundled data)."""
    path = resources.files("enforcegraph.loaders.extract").joinpath(_FILE)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return {str(k): [int(v[0]), int(v[1])] for k, v in data["counts"].items()}


def story(extraction: Extraction) -> str:
    """``single`` when the extraction proposes one decision and one firm, else ``several``."""
    single = len(extraction.of_kind("decision")) == 1 and len(extraction.of_kind("company")) == 1
    return "single" if single else "several"


def features(extraction: Extraction, proposal: Proposal) -> dict[str, str]:
    """The calibration features of one decision proposal of an extraction."""
    evidence = proposal.properties.get("evidence") or {}
    return {"target": str(evidence.get("target", "none")), "story": story(extraction)}


def supported_share(right: int, seen: int, certainty: float = CERTAINTY) -> float:
    """The share right that ``right`` of ``seen`` support with ``certainty``: the
    ``1 - certainty`` quantile of Beta(right + 1, seen - right + 1), floored to 2 places (as
    ``extract --json`` shows it, so a threshold copied from there takes the proposal).

    >>> supported_share(20, 20), supported_share(21, 21), supported_share(23, 25), supported_share(0, 0)
    (0.89, 0.9, 0.8, 0.1)
    """
    # P(Beta(r + 1, n - r + 1) <= x) = P(Binomial(n + 1, x) >= r + 1); bisection on x.
    low, high = 0.0, 1.0
    for _ in range(50):
        x = (low + high) / 2
        above = sum(math.comb(seen + 1, k) * x**k * (1 - x) ** (seen + 1 - k) for k in range(right + 1, seen + 2))
        low, high = (x, high) if above < 1 - certainty else (low, x)
    return math.floor(low * 100 + 1e-6) / 100


def calibrated(evidence: Mapping[str, str], counts: Mapping[str, list[int]] | None = None) -> float:
    """The calibrated confidence of a decision with these features.

    >>> counts = {"target=verb|story=single": [25, 23], "target=verb|story=several": [38, 23],
    ...           "target=verb": [63, 46], "target=listed|story=several": [3, 1], "target=listed": [3, 1],
    ...           "all": [140, 62]}
    >>> calibrated({"target": "verb", "story": "single"}, counts)
    0.8
    >>> calibrated({"target": "listed", "story": "several"}, counts)  # seen 3 times: the whole table's
    0.39
    """
    counts = table() if counts is None else counts
    for depth, level in enumerate(LEVELS):
        seen, right = counts.get(_key(evidence, level), [0, 0])
        if seen >= MIN_SEEN or (seen and level == ()):
            share = supported_share(right, seen)
            return share if depth == 0 else min(share, UNSEEN_CAP)
    return 0.0


def calibrate(extraction: Extraction, counts: Mapping[str, list[int]] | None = None) -> None:
    """Set the confidence of every decision proposal once the whole story is read; the
    features join the proposal's ``evidence``."""
    for proposal in extraction.of_kind("decision"):
        found = features(extraction, proposal)
        evidence = proposal.properties.setdefault("evidence", {})
        evidence.update(found)
        confidence = calibrated(found, counts)
        if evidence.get("money") == "doubtful":
            confidence = min(confidence, DOUBTFUL_CAP)
        proposal.confidence = confidence


def fit(rows: Iterable[tuple[Mapping[str, str], bool]]) -> dict[str, list[int]]:
    """Counts per combination (every level) from (features, fully right) pairs."""
    counts: dict[str, list[int]] = {}
    for evidence, right in rows:
        for level in LEVELS:
            entry = counts.setdefault(_key(evidence, level), [0, 0])
            entry[0] += 1
            entry[1] += int(right)
    return dict(sorted(counts.items()))


def first_score_outcomes(path: Path) -> list[tuple[dict[str, str], bool]]:
    """(features, fully right) of every decision of the held-out parts' first scores (the
    rows of ``tests/extract/first_scores.json``: each report's extraction, then one row per
    decision proposal saying whether it was fully right)."""
    rows: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["rows"]
    extractions = {(r["set"], r["report"]): Extraction.from_dict(r["extraction"]) for r in rows if "extraction" in r}
    found: list[tuple[dict[str, str], bool]] = []
    for row in (r for r in rows if "right" in r):
        extraction = extractions[(row["set"], row["report"])]
        found.append((features(extraction, extraction.by_id(row["proposal"])), bool(row["right"])))
    return found


def main(argv: list[str]) -> int:
    """Write calibration.json from the held-out parts' first scores."""
    if len(argv) != 1 or not argv[0].endswith(".json"):
        print("usage: python -m enforcegraph.loaders.extract.calibration tests/extract/first_scores.json")
        return 2
    counts = fit(first_score_outcomes(Path(argv[0])))
    data: dict[str, Any] = {
        "about": "Decisions each round's frozen rules proposed on the held-out part written against them "
                 "(first scores), per feature combination: [proposed, fully right]. "
                 "Written by python -m enforcegraph.loaders.extract.calibration.",
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
