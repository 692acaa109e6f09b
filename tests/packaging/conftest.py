"""Packaging tests: builds in the source tree (build/, the egg-info, the sdist's staging
folder) take one lock, so two test processes (pytest-xdist's workers) never build at once."""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def _locked() -> Iterator[None]:
    digest = hashlib.sha256(str(REPO).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"enforcegraph-build-{digest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def source_tree_build() -> Callable[[], AbstractContextManager[None]]:
    """``with source_tree_build():`` around a build of the source tree."""
    return _locked
