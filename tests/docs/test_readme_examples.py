"""Every example in the README runs, as pasted, and says what it prints.

Each ``console`` block is a session in a fresh folder and store: its ``$`` commands run in
bash (a command goes on while its quotes are open or a line ends in ``\\``), ``serve ... &``
starts a real server (on a free port, put in place of the README's in later commands), and
the README's output must be in what the command printed:

- a table row (``│``) or header (``┃``) matches a printed one cell by cell, a cell ending
  in ``…`` by its beginning (the README's tables are narrower than a wide terminal);
- a trimmed table says exactly what it leaves out: ``# N of M rows: the K kinds left out``
  (``kinds``: sanction kinds in the plural, joined by commas and ``and``);
- an indented JSON object (``--json``) is one of the printed rows, a list ending in
  ``"..."`` holding at least the items before it; ``# one row of M`` counts them;
- any other line is printed as it is, ``...`` standing for text left out, and the days a
  value was seen (``seen D .. D``, ``at TIMESTAMP``) for any day.

``graphql`` blocks run against the bundled data; the ``bash`` block's targets exist.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
BIN = Path(sys.executable).parent
TRACKER = REPO.parent / "shared" / "data" / "enforcement-tracker-2024" / "enforcementtracker.json"
# set up by `make install` itself (the test runs inside what it installed)
SET_UP = {"make install && source .venv/bin/activate"}
TRIM = re.compile(r"# (\d+) of (\d+) rows: the (\d+) (.+) left out$")
ONE_ROW = re.compile(r"# one row of (\d+)$")
DAY = r"\d{4}-\d{2}-\d{2}"


@dataclass
class Command:
    text: str
    output: list[str] = field(default_factory=list)


@dataclass
class Block:
    language: str
    line: int
    body: list[str]

    def commands(self) -> list[Command]:
        out: list[Command] = []
        lines = iter(self.body)
        for line in lines:
            if line.startswith("$ "):
                text = line[2:]
                while not _complete(text):
                    text += "\n" + next(lines)
                out.append(Command(text))
            elif out:
                out[-1].output.append(line)
        return out


def _complete(text: str) -> bool:
    if text.endswith("\\"):
        return False
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return False
    return True


def _blocks(language: str) -> list[Block]:
    found = []
    for match in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.S | re.M):
        if match.group(1) == language:
            line = README[: match.start()].count("\n") + 1
            found.append(Block(language, line, match.group(2).splitlines()))
    return found


def _comment(command: str) -> str:
    """The trailing ``# ...`` of a command (outside quotes), or ''."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.commenters = ""
    tokens = list(lexer)
    if "#" in tokens:
        return "# " + " ".join(tokens[tokens.index("#") + 1 :])
    return ""


def _cells(line: str, bar: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip(bar).split(bar)]


def _cell_matches(shown: str, printed: str) -> bool:
    if shown.endswith("…"):
        return printed.startswith(shown[:-1])
    return shown == printed


def _row_in(shown: list[str], printed_rows: list[list[str]]) -> bool:
    return any(len(row) == len(shown) and all(map(_cell_matches, shown, row))
               for row in printed_rows)


_PLACEHOLDER = re.compile(rf"\.\.\.|…|seen {DAY} \.\. {DAY}|at {DAY}T\S+")


def _line_pattern(line: str) -> re.Pattern[str]:
    parts: list[str] = []
    at = 0
    text = line.strip()
    for found in _PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[at : found.start()]))
        word = found.group()
        if word.startswith("seen"):
            parts.append(rf"seen {DAY} \.\. {DAY}")
        elif word.startswith("at "):
            parts.append(rf"at {DAY}T\S+")
        else:
            parts.append(".*")
        at = found.end()
    parts.append(re.escape(text[at:]))
    return re.compile("".join(parts))


def _subset(shown: Any, printed: Any) -> bool:
    if isinstance(shown, dict):
        return isinstance(printed, dict) and all(
            k in printed and _subset(v, printed[k]) for k, v in shown.items())
    if isinstance(shown, list):
        if shown and shown[-1] == "...":
            return isinstance(printed, list) and all(item in printed for item in shown[:-1])
        return shown == printed
    return bool(shown == printed)


def _check_output(command: Command, printed: str) -> None:
    shown = [line for line in command.output if line.strip()]
    lines = printed.splitlines()
    comment = _comment(command.text)
    if shown and shown[0].startswith("  {"):  # a row of --json
        rows = json.loads(printed)
        one = json.loads("\n".join(shown))
        assert any(_subset(one, row) for row in rows), f"{command.text}: no printed row is {one}"
        if (count := ONE_ROW.search(comment)) is not None:
            assert len(rows) == int(count.group(1)), command.text
        return
    printed_rows = [_cells(line, "│") for line in lines if line.startswith("│")]
    printed_heads = [_cells(line, "┃") for line in lines if line.startswith("┃")]
    table_rows = 0
    for line in shown:
        if line.startswith("│"):
            table_rows += 1
            assert _row_in(_cells(line, "│"), printed_rows), f"{command.text}: no row {line}"
        elif line.startswith("┃"):
            assert _row_in(_cells(line, "┃"), printed_heads), f"{command.text}: no header {line}"
        else:
            pattern = _line_pattern(line)
            assert any(pattern.fullmatch(p.strip()) for p in lines), \
                f"{command.text}: {line!r} is not printed; printed:\n{printed[:3000]}"
    if (trim := TRIM.search(comment)) is not None:
        kept, total, left = (int(trim.group(i)) for i in (1, 2, 3))
        kinds = {k.strip().removesuffix("s") for k in re.split(r",|\band\b", trim.group(4))}
        assert (table_rows, len(printed_rows)) == (kept, total), command.text
        kind = printed_heads[0].index("sanction.kind")
        missing = [row for row in printed_rows if not any(
            _row_in(_cells(s, "│"), [row]) for s in shown if s.startswith("│"))]
        assert len(missing) == left == total - kept, command.text
        assert {row[kind] for row in missing} == kinds, f"{command.text}: left out {missing}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Session:
    """A fresh folder and store in which a block's commands run one after the other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {**os.environ, "ENFORCEGRAPH_DB": str(folder / "graph.sqlite"),
                    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                    "COLUMNS": "250", "HOME": str(folder)}
        self.ports: dict[str, str] = {}
        self.servers: list[subprocess.Popen[str]] = []

    def _local(self, text: str) -> str:
        for theirs, ours in self.ports.items():
            text = text.replace(theirs, ours)
        return text

    def run(self, command: Command) -> None:
        text = self._local(command.text)
        if text.rstrip().endswith("&"):
            self._serve(command, text.rstrip()[:-1])
            return
        done = subprocess.run(["bash", "-c", text], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command.text}\n{done.stderr[-3000:]}"
        _check_output(Command(text, [self._local(line) for line in command.output]),
                      done.stdout + done.stderr)

    def _serve(self, command: Command, text: str) -> None:
        port = re.search(r"--port (\d+)", text)
        assert port is not None, "a server in the README names its port"
        ours = str(_free_port())
        self.ports[port.group(1)] = ours
        text = text.replace(port.group(1), ours)
        server = subprocess.Popen(["bash", "-c", "exec " + text], cwd=self.folder, env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.servers.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{ours}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert server.stdout is not None
        first = server.stdout.readline()
        _check_output(Command(text, [self._local(line) for line in command.output]), first)

    def close(self) -> None:
        for server in self.servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    opened = Session(tmp_path)
    yield opened
    opened.close()


CONSOLE = _blocks("console")


def test_the_readme_has_examples() -> None:
    assert len(CONSOLE) >= 3 and len(_blocks("graphql")) >= 2 and len(_blocks("bash")) == 1


@pytest.mark.parametrize("block", CONSOLE, ids=[f"line-{b.line}" for b in CONSOLE])
def test_console_examples_run_as_pasted(block: Block, session: Session) -> None:
    if block.line == CONSOLE[1].line:  # the tour goes on from the block before
        for command in CONSOLE[0].commands():
            if command.text not in SET_UP:
                session.run(Command(command.text))
    if "enforcementtracker.json" in "\n".join(block.body):
        if not TRACKER.is_file():
            pytest.fail(f"{TRACKER} is missing (tests read the shared data)")
        shutil.copy(TRACKER, session.folder / "enforcementtracker.json")
    commands = block.commands()
    assert commands
    for command in commands:
        if command.text not in SET_UP:
            session.run(command)


def test_graphql_examples_answer_without_errors(tmp_path: Path) -> None:
    from enforcegraph.api.context import make_context
    from enforcegraph.api.schema import build_schema
    from enforcegraph.graph.backends.embedded import EmbeddedStore
    from enforcegraph.graph.settings import Settings
    from enforcegraph.loaders.datasets import dataset_batch

    settings = Settings()
    schema = build_schema(settings)
    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        for name in ("clearview", "reference-cases"):
            store.upsert(dataset_batch(name))
        for block in _blocks("graphql"):
            query = "\n".join(block.body)
            # on a loop of its own: Playwright's sync API may hold one on this thread
            with ThreadPoolExecutor(1) as pool:
                result = pool.submit(asyncio.run, schema.execute(
                    query, context_value=make_context(settings, store))).result()
            assert result.errors is None, (block.line, result.errors)
            assert result.data and all(value for value in result.data.values())


def test_the_two_commands_are_make_targets() -> None:
    (block,) = _blocks("bash")
    for line in block.body:
        target = line.split("#")[0].split()
        assert target[0] == "make"
        done = subprocess.run(["make", "-n", *target[1:]], cwd=REPO, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr


def test_make_run_listens_where_the_settings_say(tmp_path: Path) -> None:
    """``make run`` leaves host and port to ENFORCEGRAPH_HOST / ENFORCEGRAPH_PORT unless
    HOST= / PORT= are given; and serve listens on ENFORCEGRAPH_PORT."""
    def serve_line(*args: str, **env: str) -> str:
        done = subprocess.run(["make", "-n", "run", *args], cwd=REPO, capture_output=True,
                              text=True, timeout=120, env={**os.environ, **env})
        assert done.returncode == 0, done.stderr
        return next(line for line in done.stdout.splitlines() if " serve" in line)

    assert "--port" not in serve_line(ENFORCEGRAPH_PORT="8123")
    assert "--host" not in serve_line(ENFORCEGRAPH_HOST="127.0.0.2")
    assert serve_line("PORT=9000", "HOST=0.0.0.0").endswith("serve --host 0.0.0.0 --port 9000")
    session = Session(tmp_path)
    port = str(_free_port())
    session.env["ENFORCEGRAPH_PORT"] = port
    subprocess.run(["bash", "-c", "enforcegraph load clearview"], cwd=tmp_path, env=session.env,
                   check=True, capture_output=True, timeout=300)
    server = subprocess.Popen(["bash", "-c", "exec enforcegraph serve"], cwd=tmp_path,
                              env=session.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    session.servers.append(server)
    try:
        assert server.stdout is not None
        assert f"http://127.0.0.1:{port}/graphql" in server.stdout.readline()
    finally:
        session.close()
