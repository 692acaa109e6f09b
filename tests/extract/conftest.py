"""Article-loader test helpers: the labelled articles (their scores are printed by the
summary in tests/conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import Article, read_article
from enforcegraph.loaders.extract.labelled import read_one

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "dev"
SEED = Path(__file__).resolve().parents[3] / "shared" / "data" / "seed-article"
# (the session fixture shared_data checks that ../shared/data is there)

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
