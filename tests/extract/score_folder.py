"""Score the decision proposals of one folder of labelled reports (a development batch or
a pseudo-held-out batch): aggregate figures by default, every miss with ``--misses``.

    .venv/bin/python tests/extract/score_folder.py tests/fixtures/articles/dev-incoming/BATCH
    .venv/bin/python tests/extract/score_folder.py tests/fixtures/articles/dev --misses

Run a batch meant as a pseudo held-out test WITHOUT ``--misses`` first, record its figures
(``tests/fixtures/articles/dev-incoming/SCORES.md``), and only then look at its misses.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.evaluation import (
    FIELDS,
    decision_outcomes,
    main_sanction,
    reliability,
    score_part,
)
from enforcegraph.loaders.extract.labelled import labelled_names, read_one


def _proposal(extraction: Any, proposal: Any) -> str:
    reg = [extraction.by_id(i).node_id for i in proposal.links.get("regulator", [])]
    tgt = [extraction.by_id(i).name for i in proposal.links.get("against", [])]
    fine = main_sanction(proposal.properties["sanctions"])
    date = proposal.properties.get("announced_date") or proposal.properties.get("period")
    return (f"{proposal.id} {reg} -> {tgt} {fine.get('kind')} {fine.get('amount')} {fine.get('currency')} "
            f"date={date} conf={proposal.confidence} ev={proposal.properties['evidence']}")


def report(folder: Path, names: list[str], misses: bool) -> float:
    """Print the aggregate scores of these reports of a folder (and each miss with
    ``misses``); return the share of fully right decisions."""
    results = []
    for name in names:
        article, gold = read_one(folder, name)
        extraction = extract(article)
        results.append((extraction, gold))
        if not misses:
            continue
        outcomes = decision_outcomes(extraction, gold)
        if all(o.fully_right for o in outcomes):
            continue
        print(f"== {name}")
        for item in gold.get("decisions") or []:
            dates = [item.get(k) for k in ("decision_date", "announced_date", "date") if item.get(k)]
            print(f"  gold {item.get('role') or 'main'}: {item.get('regulator')} -> {item.get('against')} "
                  f"{item.get('sanction')} {item.get('amount')} {item.get('currency')} {dates}")
        for proposal in extraction.of_kind("decision"):
            print("  prop", _proposal(extraction, proposal))
        for outcome in outcomes:
            if not outcome.fully_right:
                print(f"  miss {outcome.role} {outcome.proposal_id} {outcome.fields}")
    scores = score_part(results)
    share, (right, total) = scores.fully_right, scores.counts
    print(f"{folder}: {len(results)} reports, {total} decisions scored; fully right {share:.3f} ({right}/{total})")
    print("  " + "  ".join(f"{f} {scores.field_share(f):.3f} ({'/'.join(map(str, scores.field_counts(f)))})"
                           for f in FIELDS))
    pairs = scores.proposals()
    for band, count, ratio in reliability(pairs):
        print(f"  {band:<12}{count:>6}  {'' if ratio is None else f'{ratio:.3f}'}")
    print(f"  proposals >= 0.9: {sum(1 for c, _ in pairs if c >= 0.9)}, wrong: "
          f"{sum(1 for c, r in pairs if c >= 0.9 and not r)}")
    return share


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    report(folder, labelled_names(folder), "--misses" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
