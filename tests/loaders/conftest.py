"""Fixtures of the loader tests: the shared data files and CLI helpers."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from enforcegraph.graph.cli import main


@pytest.fixture(scope="session")
def fines_tsv(shared_data: Path) -> Path:
    """The 250-row GDPR fines table."""
    return shared_data / "gdpr-fines-2020" / "gdpr_violations.tsv"


@pytest.fixture(scope="session")
def fines_raw(fines_tsv: Path) -> list[dict[str, str]]:
    """The raw rows, read with the csv module only (the independent reading)."""
    with fines_tsv.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def run_cli(*args: str) -> Result:
    """Run the CLI in-process."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def file_hash(path: Path) -> str:
    """sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cli() -> Any:
    """The run_cli helper (tests cannot import each other)."""
    return run_cli


@pytest.fixture
def hash_file() -> Any:
    """The file_hash helper."""
    return file_hash
