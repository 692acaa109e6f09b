"""Behaviour check for a refactor or a rule change: ``extract()`` on every dev report with a base
git revision (run from ``git archive`` as the first scores are: ``first_scores.frozen_extractions``)
and with the working tree; prints the reports whose ``Extraction.to_dict()`` differs (a refactor
must print none).

    .venv/bin/python tests/extract/same_extraction.py BASE_REV
"""

from __future__ import annotations

import json
import sys
from typing import Any

from first_scores import DEV, frozen_extractions

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.labelled import labelled_names, read_one


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def main(argv: list[str]) -> int:
    """Print the dev reports whose extraction differs between ``argv[0]`` and the working tree."""
    rev = argv[0] if argv else "HEAD"
    names = labelled_names(DEV)
    base = frozen_extractions(rev, DEV, names)
    changed = [n for n in names if not _same(base[n], extract(read_one(DEV, n)[0]).to_dict())]
    for name in changed:
        print(name)
    print(f"same_extraction: {len(names)} reports, {len(changed)} differ (base {rev} vs working tree)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
