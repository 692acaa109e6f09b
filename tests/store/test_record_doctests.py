"""The examples of the store of record's modules (and the small helpers it relies on) run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "enforcegraph.graph.record.assertions",
    "enforcegraph.graph.record.codec",
    "enforcegraph.graph.record.judgements",
    "enforcegraph.schema.model",
    "enforcegraph.schema.text",
    "enforcegraph.graph.domain.dates",
    "enforcegraph.graph.store.fulltext",
)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
