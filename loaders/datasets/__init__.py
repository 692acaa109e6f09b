"""The bundled datasets: curated case files shipped inside the package."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from enforcegraph.loaders.casefile import CaseFile, parse_case_file
from enforcegraph.schema.errors import NotFound
from enforcegraph.schema.records import Batch

__all__ = ["Dataset", "dataset_batch", "list_datasets"]


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


def _parse(name: str) -> CaseFile:
    files = _files()
    if name not in files:
        known = ", ".join(sorted(files))
        raise NotFound(f"no bundled dataset {name!r} (bundled: {known})")
    return parse_case_file(files[name])


def list_datasets() -> list[Dataset]:
    """Every bundled dataset, by name."""
    out = []
    for name in sorted(_files()):
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
        case = _parse(dataset)
        for required in case.requires:
            add(required)
        batch.extend(case.batch)

    add(name)
    return batch


def is_dataset(name: str) -> bool:
    """True if ``name`` is a bundled dataset."""
    return name in _files()
