"""The Examples in the loader modules' docstrings run and pass."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "enforcegraph.loaders.gdprfines_rows",
    "enforcegraph.schema.ftmmap",
    "enforcegraph.loaders.sources",
    "enforcegraph.loaders.gleif_files",
    "enforcegraph.loaders.linkage_evidence",
    "enforcegraph.loaders.linkage_facts",
    "enforcegraph.loaders.resolution_links",
    "enforcegraph.loaders.gdprhub_rows",
    "enforcegraph.loaders.gdprhub_build",
    "enforcegraph.loaders.gdprhub_parties",
    "enforcegraph.loaders.builder",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
