"""Every round's frozen rules on the same reports (issue 17): does a round's work carry over to
reports nobody tuned to?

A held-out set is scored once, by the rules frozen for it. Scoring it also with the rules of the
rounds before (each run from ``git archive`` of its freeze commit, as ``first_scores.py`` does)
tunes nothing and says what each round added on reports none of them saw. Only aggregate
figures are printed.

    .venv/bin/python tests/extract/rules_by_round.py heldout-v9      # a set now in dev/
    .venv/bin/python tests/extract/rules_by_round.py tests/fixtures/articles/heldout-v10

A set already moved into dev/ is scored by the rules up to its own (later rules were written
on it); a folder by every round's rules.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from first_scores import DEV, SETS, HeldOutSet, frozen_extractions, set_members

from enforcegraph.loaders.extract.evaluation import FIELDS, score_part
from enforcegraph.loaders.extract.labelled import labelled_names
from enforcegraph.loaders.extract.proposals import Extraction

# The rules frozen for each held-out set, oldest first (the batches of round 3 aside).
ROUNDS = tuple(s for s in SETS if s.name.startswith("heldout-"))


def line(rules: HeldOutSet, folder: Path, names: list[str]) -> str:
    """One round's aggregate scores on these reports (today's labels and scorer)."""
    found = frozen_extractions(rules.frozen, folder, names)
    results = [(Extraction.from_dict(found[n]), json.loads((folder / f"{n}.gold.json").read_text("utf-8")))
               for n in names]
    scores = score_part(results)
    right, total = scores.counts
    silent = sum(1 for extraction, _ in results if not extraction.of_kind("decision"))
    fields = " ".join(f"{f} {scores.field_share(f):.3f}" for f in FIELDS)
    return (f"rules for {rules.name:<11} ({rules.frozen}): fully right {scores.fully_right:.3f} "
            f"({right}/{total})  {fields}  reports with no decision {silent}/{len(names)}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    moved = {s.name: s for s in ROUNDS}
    if argv[0] in moved:
        folder, names = DEV, set_members(moved[argv[0]].moved)
        rounds = ROUNDS[: [s.name for s in ROUNDS].index(argv[0]) + 1]
    else:
        folder = Path(argv[0])
        names, rounds = labelled_names(folder), ROUNDS
    print(f"{argv[0]}: {len(names)} reports")
    for rules in rounds:
        print(line(rules, folder, names), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
