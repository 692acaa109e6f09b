"""The extractor scored against analysts' labels; never below the recorded quality."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import Article, extract
from enforcegraph.loaders.extract.scoring import SCORED_KINDS, score_extraction

BASELINE = Path(__file__).with_name("quality_baseline.json")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "dev"
Loader = Callable[[str], tuple[Article, dict[str, Any]]]


def labelled_names() -> list[str]:
    """The seed article and every labelled fixture, by name."""
    return ["seed-article", *sorted(p.name.removesuffix(".gold.json") for p in FIXTURES.glob("*.gold.json"))]


def _baseline() -> dict[str, Any]:
    return dict(json.loads(BASELINE.read_text("utf-8")))


@pytest.mark.parametrize("name", labelled_names())
def test_quality_not_below_recorded(name: str, quality_report: dict[str, Any],
                                    load_labelled: Loader) -> None:
    article, gold = load_labelled(name)
    scores = score_extraction(extract(article), gold)
    quality_report[name] = {
        kind: (s.precision, s.recall, s.tp, s.fp, s.fn) for kind, s in scores.items()
    }
    recorded = _baseline()["articles"][name]
    worse = [
        f"{kind}: {which} {getattr(scores[kind], which):.3f} < recorded {recorded[kind][which]:.3f}"
        for kind in SCORED_KINDS for which in ("precision", "recall")
        if getattr(scores[kind], which) < recorded[kind][which] - 1e-9
    ]
    assert not worse, "\n".join(worse)


def test_every_labelled_article_has_a_recorded_baseline() -> None:
    assert sorted(_baseline()["articles"]) == sorted(labelled_names())
    assert len(labelled_names()) >= 4  # the seed article and at least three reports


def test_fixtures_name_their_source(load_labelled: Loader) -> None:
    for name in labelled_names()[1:]:
        _, gold = load_labelled(name)
        assert gold["url"].startswith(("https://", "http://")), name  # some sources serve only http
        assert gold["date"] and gold["facts_checked_against"], name
