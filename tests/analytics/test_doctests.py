"""The Examples in the analytics docstrings run and pass (numpydoc, networkx style)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import enforcegraph.graph.analytics as package

MODULES = sorted(m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + "."))


def test_every_module_is_listed() -> None:
    assert "enforcegraph.graph.analytics.statutory" in MODULES
    assert len(MODULES) >= 9


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no runnable Examples"


@pytest.mark.parametrize(
    "name",
    ["enforcegraph.graph.plots", "enforcegraph.graph.exports.select", "enforcegraph.graph.exports.cypher"],
)
def test_other_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
