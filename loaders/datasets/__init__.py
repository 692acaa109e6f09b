"""The bundled datasets: curated case files shipped inside the package, and Python builders."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from enforcegraph.loaders.casefile import CaseFile, parse_case_file
from enforcegraph.schema.errors import NotFound
from enforcegraph.schema.records import Batch

__all__ = ["BUILDERS", "Dataset", "dataset_batch", "list_datasets"]

# Datasets built by Python (name -> module holding DESCRIPTION, DATA_FILE and a batch
# builder, its name); each builder adds one line here.
BUILDERS: dict[str, tuple[str, str]] = {
    "gdpr-text": ("enforcegraph.loaders.gdprtext", "gdpr_text_batch"),
}


@dataclass(frozen=True)
class Dataset:
    """A bundled dataset."""

    name: str
    description: str
    requires: tuple[str, ...]
    path: Path


def _files() -> dict[str, Path]:
    root = resources.files("enforcegraph.loaders.datasets")
    found = {}
    for entry in root.iterdir():
        if entry.name.endswith(".yaml"):
            found[entry.name.removesuffix(".yaml")] = Path(str(entry))
    return found


def _builder(name: str) -> tuple[Dataset, Callable[[], Batch]]:
    module_name, attribute = BUILDERS[name]
    module = importlib.import_module(module_name)
    data = resources.files("enforcegraph.loaders").joinpath(str(module.DATA_FILE))
    requires = tuple(getattr(module, "REQUIRES", ()))
    dataset = Dataset(name, str(module.DESCRIPTION), requires, Path(str(data)))
    build: Callable[[], Batch] = getattr(module, attribute)
    return dataset, build


def _parse(name: str) -> CaseFile:
    files = _files()
    if name in files:
        return _parse_cached(files[name], files[name].stat().st_mtime_ns)
    known = ", ".join(sorted([*files, *BUILDERS]))
    raise NotFound(f"no bundled dataset {name!r} (bundled: {known})")


@functools.lru_cache(maxsize=32)
def _parse_cached(path: Path, mtime_ns: int) -> CaseFile:
    """Parse once per process (and again if the file changes)."""
    del mtime_ns
    return parse_case_file(path)


def list_datasets() -> list[Dataset]:
    """Every bundled dataset, by name."""
    out = []
    files = _files()
    for name in sorted({*files, *BUILDERS}):
        if name not in files:
            out.append(_builder(name)[0])
            continue
        case = _parse(name)
        description = " ".join(str(case.header.get("description", "")).split())
        out.append(Dataset(name, description, tuple(case.requires), case.path))
    return out


def dataset_batch(name: str) -> Batch:
    """The records of a bundled dataset, preceded by those of the datasets it requires."""
    batch = Batch()
    seen: set[str] = set()

    def add(dataset: str) -> None:
        if dataset in seen:
            return
        seen.add(dataset)
        if dataset in BUILDERS and dataset not in _files():
            found, build = _builder(dataset)
            for required in found.requires:
                add(required)
            batch.extend(said_by(build(), dataset))
            return
        case = _parse(dataset)
        for required in case.requires:
            add(required)
        batch.extend(said_by(case.batch, dataset))

    add(name)
    batch.dataset = name
    return batch


def said_by(batch: Batch, dataset: str) -> Batch:
    """``batch`` with each record marked as what ``dataset`` says."""
    for node in batch.nodes:
        node.origin = replace(node.origin, dataset=dataset)
    for rel in batch.relationships:
        rel.origin = replace(rel.origin, dataset=dataset)
    batch.dataset = dataset
    return batch


def is_dataset(name: str) -> bool:
    """True if ``name`` is a bundled dataset."""
    return name in _files() or name in BUILDERS
