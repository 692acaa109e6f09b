"""Article-loader test helpers: the labelled articles and the quality report."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import Article, read_article
from enforcegraph.loaders.extract.labelled import read_one

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "dev"
SEED = Path(__file__).resolve().parents[3] / "shared" / "data" / "seed-article"
# (the session fixture shared_data checks that ../shared/data is there)

# What test_quality (precision and recall per article and kind) and test_decisions (each
# part's decision scores, or why a part is absent) found: recorded as each test's
# user_properties, so that they reach the summary from pytest-xdist's workers too.
QUALITY_PROPERTY = "article_quality"
DECISIONS_PROPERTY = "decision_scores"


def _load_labelled(name: str) -> tuple[Article, dict[str, Any]]:
    """An article (with the metadata its gold file gives) and its gold labels."""
    if name == "seed-article":
        meta = json.loads((SEED / "meta.json").read_text("utf-8"))
        gold = json.loads((SEED / "gold.json").read_text("utf-8"))
        path = SEED / "article.txt"
    else:
        return read_one(FIXTURES, name)  # a date given to the month only is not used for "on Friday"
    article = read_article(path, url=meta.get("url"), date=meta.get("date"),
                           title=meta.get("title"), publisher=meta.get("publisher"),
                           author=meta.get("author"))
    return article, gold


@pytest.fixture(scope="session")
def load_labelled(shared_data: Path) -> Callable[[str], tuple[Article, dict[str, Any]]]:
    """Load a labelled article by name ("seed-article" or a fixture's name)."""
    return _load_labelled


def _recorded(request: pytest.FixtureRequest, name: str) -> Iterator[dict[str, Any]]:
    found: dict[str, Any] = {}
    yield found
    request.node.user_properties.append((name, found))


@pytest.fixture
def quality_report(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Where the quality test records precision and recall per article and kind."""
    yield from _recorded(request, QUALITY_PROPERTY)


@pytest.fixture
def decision_report(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Where test_decisions records each part's decision scores."""
    yield from _recorded(request, DECISIONS_PROPERTY)


def _gathered(terminalreporter: Any, name: str) -> dict[str, Any]:
    """Every test's record under ``name`` (from the reports, wherever the test ran)."""
    found: dict[str, Any] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == name:
                    found.update(value)
    return dict(sorted(found.items()))


def _decision_summary(terminalreporter: Any) -> None:
    """Per part: each decision field's score, fully right decisions, reliability table."""
    decisions = _gathered(terminalreporter, DECISIONS_PROPERTY)
    if not decisions:
        return
    write = terminalreporter.write_line
    terminalreporter.section("article loader: decisions per part (fields, fully right, reliability)")
    for part, found in decisions.items():
        if "absent" in found:
            write(f"{part}: {found['absent']}")
            continue
        share, right, total = found["fully_right"]
        write(f"{part}: {found['reports']} reports, {total} decisions scored; fully right {share:.3f} ({right}/{total})")
        write("  " + "  ".join(f"{name} {value:.3f} ({r}/{n})" for name, (value, r, n) in found["fields"].items()))
        write(f"  {'confidence':<12}{'proposals':>10}{'share right':>13}")
        for band, count, ratio in found["reliability"]:
            write(f"  {band:<12}{count:>10}{'' if ratio is None else f'{ratio:.3f}':>13}")
        write(f"  proposals with confidence >= 0.9: {found['confident']}, wrong: {found['confident_wrong']}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print precision and recall per labelled article and kind, then decision scores."""
    _decision_summary(terminalreporter)
    quality = _gathered(terminalreporter, QUALITY_PROPERTY)
    if not quality:
        return
    write = terminalreporter.write_line
    terminalreporter.section("article loader: precision / recall per kind")
    totals: dict[str, list[int]] = {}
    for name in sorted(quality):
        write(name)
        for kind, (precision, recall, tp, fp, fn) in quality[name].items():
            write(f"  {kind:<15} P {precision:5.2f}  R {recall:5.2f}   (tp {tp}, fp {fp}, fn {fn})")
            total = totals.setdefault(kind, [0, 0, 0])
            total[0], total[1], total[2] = total[0] + tp, total[1] + fp, total[2] + fn
    write(f"all {len(quality)} articles (micro-averaged)")
    for kind, (tp, fp, fn) in totals.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        write(f"  {kind:<15} P {precision:5.2f}  R {recall:5.2f}   (tp {tp}, fp {fp}, fn {fn})")
