"""Labelled reports: a folder of ``NAME.txt`` with ``NAME.gold.json`` (URL, date, publisher
and the facts an analyst takes from the report), read as articles with their gold."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from enforcegraph.loaders.extract.article import Article, read_article
from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["labelled_names", "read_labelled", "read_one"]

_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def labelled_names(folder: Path) -> list[str]:
    """The names of the labelled reports of a folder, sorted."""
    return sorted(p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json"))


def read_one(folder: Path, name: str) -> tuple[Article, dict[str, Any]]:
    """One report and its gold. The publication date is passed as the gold gives it, also to
    the month or the year only ("2022-01", "2022"): the extractor then dates "on Jan. 27" in
    that year but leaves "on Friday" unresolved."""
    path = folder / f"{name}.gold.json"
    try:
        gold: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EnforcegraphError(f"{path}: {exc}") from None
    date = gold.get("date") if _DATE.fullmatch(str(gold.get("date") or "")) else None
    article = read_article(folder / f"{name}.txt", url=gold.get("url"), date=date,
                           title=gold.get("title"), publisher=gold.get("publisher"),
                           author=gold.get("author"))
    return article, gold


def read_labelled(folder: Path) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Every report of a folder with its gold, in name order."""
    for name in labelled_names(folder):
        yield read_one(folder, name)
