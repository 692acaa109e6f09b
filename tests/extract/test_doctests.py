"""The examples in the article loader's docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "enforcegraph.schema.citations",
    "enforcegraph.schema.names",
    *(f"enforcegraph.loaders.extract.{name}" for name in (
        "article", "text", "money", "percentages", "names", "legal", "scoring", "calibration", "evaluation")),
]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
