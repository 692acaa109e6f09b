"""The wheel holds only the enforcegraph namespace (no top-level schema/api packages)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_contains_only_the_enforcegraph_namespace(
        tmp_path: Path, source_tree_build: Callable[[], AbstractContextManager[None]]) -> None:
    with source_tree_build():
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
             str(REPO)],
            check=True,
            capture_output=True,
        )
    wheels = list(tmp_path.glob("enforcegraph-*.whl"))
    assert len(wheels) == 1
    names = zipfile.ZipFile(wheels[0]).namelist()
    strays = [n for n in names if not n.startswith(("enforcegraph/", "enforcegraph-"))]
    assert strays == []
    assert "enforcegraph/schema/model.yaml" in names
    assert "enforcegraph/graph/cli.py" in names
    assert any(n.startswith("enforcegraph/loaders/datasets/") and n.endswith(".yaml") for n in names)
    assert "enforcegraph/py.typed" in names


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    for folder, namespace in (("schema", "schema"), ("graph", "graph"), ("loaders", "loaders"), ("api", "api")):
        for init in (REPO / folder).rglob("__init__.py"):
            if "node_modules" in init.parts:
                continue
            relative = init.parent.relative_to(REPO / folder)
            dotted = ".".join(("enforcegraph", namespace, *relative.parts))
            assert dotted in listed, f"{dotted} is missing from [tool.setuptools] packages"


def test_every_data_folder_is_a_listed_package() -> None:
    """Data folders are packages too (setuptools warns, and may one day drop them, when
    package data sits in a folder that is not listed)."""
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    folders = [REPO / "loaders" / "data"]
    dist = REPO / "api" / "web" / "dist"
    folders += [d for d in [dist, *dist.rglob("*")] if d.is_dir() and any(f.is_file() for f in d.iterdir())]
    for folder in folders:
        parts = folder.relative_to(REPO).parts
        assert ".".join(("enforcegraph", *parts)) in listed, f"{folder} is not a listed package"
