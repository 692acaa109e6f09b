"""The store under hostile conditions: a full disk, a mistyped ``--db``, a read-only place."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.cli import main

CLI = Path(sys.executable).parent / "enforcegraph"


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded(tmp_path: Path, fixtures: Path) -> Path:
    """A store holding the mini graph, closed (its WAL folded into the file)."""
    db = tmp_path / "g.sqlite"
    code, output = _run(db, "load", str(fixtures / "mini.yaml"))
    assert code == 0, output
    return db


def test_a_full_disk_is_one_clear_line_and_changes_nothing(
    loaded: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = EmbeddedStore.__init__

    def tiny_disk(self: EmbeddedStore, *args: Any, **kwargs: Any) -> None:
        opened(self, *args, **kwargs)
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        self._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page

    _, before = _run(loaded, "stats", "--json")
    digest = _digest(loaded)
    monkeypatch.setattr(EmbeddedStore, "__init__", tiny_disk)
    code, output = _run(loaded, "load", str(fixtures.parent / "store" / "edge_cases.yaml"))
    monkeypatch.undo()
    assert code == 1
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    assert "full" in output and "nothing was written" in output
    assert "Traceback" not in output
    assert _digest(loaded) == digest
    assert _run(loaded, "stats", "--json")[1] == before


def test_a_full_disk_leaves_the_store_as_it_was_and_usable(tmp_path: Path) -> None:
    from enforcegraph.loaders.datasets import dataset_batch
    from enforcegraph.schema.errors import StoreError

    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="the disk is full") as caught:
            store.upsert(dataset_batch("gdpr-text"))
        assert "rollback" not in str(caught.value).lower()
        assert store.stats().total_nodes == 0 and not store._conn.in_transaction
        store._conn.execute("PRAGMA max_page_count = 1073741823")
        assert store.upsert(dataset_batch("gdpr-text")).nodes_created == 102


READ_COMMANDS = [
    ["stats", "--json"],
    ["query", "cross-border-cases", "--json"],
    ["analyze", "totals", "--json"],
    ["resolve", "--json"],
]


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "g.sqlite"
    for args in [*READ_COMMANDS, ["export", "nodelink", "--out", str(tmp_path / "x.json")]]:
        code, output = _run(db, *args)
        assert code == 1, (args, output)
        assert output.strip() == f"error: no store at {db} (load data first)", (args, output)
    assert not db.parent.exists()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    code, output = _run(empty, "stats")
    assert code == 1 and "is not an enforcegraph store" in output
    assert empty.stat().st_size == 0


def test_read_commands_leave_the_file_as_it_was(loaded: Path) -> None:
    before = (_digest(loaded), loaded.stat().st_mtime_ns, sorted(os.listdir(loaded.parent)))
    for args in READ_COMMANDS:
        code, output = _run(loaded, *args)
        assert code == 0, (args, output)
    assert (_digest(loaded), loaded.stat().st_mtime_ns, sorted(os.listdir(loaded.parent))) == before


def test_a_read_only_store_refuses_writes(loaded: Path, fixtures: Path) -> None:
    from enforcegraph.loaders.base import read_batch
    from enforcegraph.schema.errors import StoreError

    with EmbeddedStore(loaded, read_only=True) as store:
        assert store.stats().total_nodes == 20
        with pytest.raises(StoreError, match="read-only"):
            store.upsert(read_batch(fixtures / "mini.yaml"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._conn.execute("DELETE FROM nodes")
    with pytest.raises(StoreError, match="no store at"):
        EmbeddedStore(loaded.parent / "other.sqlite", read_only=True)


def _as_nobody() -> list[str]:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run a command as an unprivileged user")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_store_in_a_read_only_folder_can_be_read(loaded: Path) -> None:
    """As an unprivileged user (root ignores permissions): the folder and the file are
    read-only, and stats, query and serve's store still open; nothing is created."""
    runner = _as_nobody()
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="enforcegraph-ro-"))
    try:
        top.chmod(0o755)
        folder = top / "ro"
        folder.mkdir()
        db = folder / "g.sqlite"
        shutil.copyfile(loaded, db)
        db.chmod(0o444)
        folder.chmod(0o555)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ENFORCEGRAPH_")}
        env["HOME"] = str(top)
        script = ("from enforcegraph.graph.settings import Settings\n"
                  "from enforcegraph.graph.backends import open_store\n"
                  f"store = open_store(Settings(db={str(db)!r}, read_only=True))\n"
                  "print(store.stats().total_nodes); store.close()\n")
        for command, expected in (
            [[str(CLI), "--db", str(db), "stats", "--json"], '"total_nodes": 20'],
            [[str(CLI), "--db", str(db), "query", "cross-border-cases", "--json"], "Far Away Analytics"],
            [[sys.executable, "-c", script], "20"],
        ):
            done = subprocess.run([*runner, *command], capture_output=True, text=True, env=env,
                                  cwd=top, timeout=120, check=False)
            assert done.returncode == 0, done.stderr
            assert expected in done.stdout
        assert os.listdir(folder) == ["g.sqlite"]
        assert _digest(db) == _digest(loaded)
        done = subprocess.run([*runner, str(CLI), "--db", str(db), "load", "gdpr-text"],
                              capture_output=True, text=True, env=env, cwd=top, timeout=120, check=False)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1].startswith("error: "), done.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)
