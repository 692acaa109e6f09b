"""A real Neo4j Community server for tests and benchmarks, started from Maven artifacts.

`neo4j-launcher/build.sh` resolves `org.neo4j:neo4j` from Maven Central and compiles a
small launcher; this module runs it as a child JVM with Bolt on 127.0.0.1, auth off by
default. The JVM also exits when this process dies, since it watches its stdin.
"""

from __future__ import annotations

__all__ = ["LAUNCHER_DIR_ENV", "READY_MARKER", "Neo4jTestServer", "find_launcher_dir"]

import collections
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

READY_MARKER = "ENFORCEGRAPH_NEO4J_READY"
LAUNCHER_DIR_ENV = "ENFORCEGRAPH_NEO4J_LAUNCHER_DIR"
_MAIN_CLASS = "enforcegraph.Neo4jLauncher"
_BUILD_TIMEOUT = 900.0


def find_launcher_dir() -> Path:
    """Return the `neo4j-launcher` folder: from the env var, else above this file or cwd."""
    env = os.environ.get(LAUNCHER_DIR_ENV)
    if env:
        path = Path(env).expanduser().resolve()
        if (path / "pom.xml").is_file():
            return path
        raise RuntimeError(f"{LAUNCHER_DIR_ENV}={env} has no pom.xml")
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for folder in start.parents if start.is_file() else (start, *start.parents):
            if (folder / "neo4j-launcher" / "pom.xml").is_file():
                return folder / "neo4j-launcher"
    raise RuntimeError(
        "cannot find neo4j-launcher/pom.xml above "
        f"{Path(__file__).resolve()} or the working directory; set {LAUNCHER_DIR_ENV}"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _java_binary() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise RuntimeError("no `java` on PATH and no JAVA_HOME: install a JDK 17")
    return found


class Neo4jTestServer:
    """One Neo4j DBMS in a child JVM, listening for Bolt on 127.0.0.1.

    The port and home folder are chosen on the first `start` and kept by `stop`, `kill`
    and `restart`, so data survives a restart; `close` (or leaving a `with` block) stops
    the server and deletes a home folder that this object created.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        home: Path | str | None = None,
        password: str | None = None,
        java: str | None = None,
        jvm_args: Sequence[str] = (),
        launcher_dir: Path | str | None = None,
    ) -> None:
        """Configure; nothing runs before `start`. A password turns auth on (user neo4j)."""
        if password is not None and len(password) < 8:
            raise ValueError("Neo4j needs a password of at least 8 characters")
        self._want_port = port
        self._want_home = Path(home) if home is not None else None
        self._port = port
        self._home = self._want_home
        self._password = password
        self._java = java
        self._jvm_args = tuple(jvm_args)
        self._launcher_dir = Path(launcher_dir) if launcher_dir is not None else None
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._ready = threading.Event()
        self._output: collections.deque[str] = collections.deque(maxlen=200)
        self._cleanup: weakref.finalize[..., object] | None = None

    @property
    def uri(self) -> str:
        """The Bolt URI, `bolt://127.0.0.1:PORT`."""
        if self._port is None:
            raise RuntimeError("the server has not been started")
        return f"bolt://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        """The Bolt port (fixed at the first start)."""
        if self._port is None:
            raise RuntimeError("the server has not been started")
        return self._port

    @property
    def home(self) -> Path:
        """The Neo4j home folder (data under `data/`, logs under `logs/`)."""
        if self._home is None:
            raise RuntimeError("the server has not been started")
        return self._home

    @property
    def auth(self) -> tuple[str, str] | None:
        """Driver credentials: `("neo4j", password)`, or None when auth is off."""
        return None if self._password is None else ("neo4j", self._password)

    @property
    def running(self) -> bool:
        """Whether the JVM is alive."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        """The JVM's process id while it runs."""
        return self._proc.pid if self.running and self._proc is not None else None

    def launcher_dir(self) -> Path:
        """The `neo4j-launcher` folder in use."""
        return self._launcher_dir if self._launcher_dir is not None else find_launcher_dir()

    def build(self) -> Path:
        """Run build.sh (a no-op when up to date); return the java @argfile it writes."""
        folder = self.launcher_dir()
        try:
            done = subprocess.run(
                ["bash", str(folder / "build.sh")],
                capture_output=True,
                text=True,
                timeout=_BUILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"neo4j-launcher build timed out after {exc.timeout:.0f}s") from exc
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
            raise RuntimeError(f"neo4j-launcher build failed ({done.returncode}):\n{tail}")
        return folder / "target" / "launch.args"

    def start(self, timeout: float = 120) -> None:
        """Build if needed, start the JVM and wait until Bolt accepts connections."""
        if self.running:
            raise RuntimeError(f"Neo4j is already running at {self.uri}")
        argfile = self.build()
        if self._port is None:
            self._port = _free_port()
        if self._home is None:
            self._home = Path(tempfile.mkdtemp(prefix="enforcegraph-neo4j-"))
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._home, True)
        command = [
            self._java or _java_binary(),
            f"@{argfile}",
            *self._jvm_args,
            _MAIN_CLASS,
            str(self._home),
            str(self._port),
            *([self._password] if self._password is not None else []),
        ]
        self._ready.clear()
        self._output.clear()
        self._proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self._reader = threading.Thread(target=self._read, args=(self._proc,), daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.1):
            code = self._proc.poll()
            if code is not None:
                self._reader.join(5)
                raise RuntimeError(
                    f"Neo4j exited with code {code} before it was ready:\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"Neo4j was not ready within {timeout:.0f}s:\n{self.tail()}")

    def stop(self, timeout: float = 60) -> None:
        """Shut down cleanly (SIGTERM; SIGKILL after `timeout`); keep port and data."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._finish(proc)

    def kill(self) -> None:
        """Kill the JVM at once (SIGKILL), as in a crash; keep port and data."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        self._finish(proc)

    def restart(self, timeout: float = 120) -> None:
        """Stop (if running) and start again on the same port with the same data."""
        self.stop()
        self.start(timeout)

    def close(self) -> None:
        """Stop, delete a home folder this object created, and forget port and home."""
        self.stop()
        if self._cleanup is not None:
            self._cleanup()
            self._cleanup = None
        self._port, self._home = self._want_port, self._want_home

    def tail(self, lines: int = 40) -> str:
        """The last lines of the JVM's output and of Neo4j's debug.log, for diagnostics."""
        parts = ["--- launcher output ---", *list(self._output)[-lines:]]
        debug_log = self._home / "logs" / "debug.log" if self._home is not None else None
        if debug_log is not None and debug_log.is_file():
            text = debug_log.read_text(encoding="utf-8", errors="replace").splitlines()
            parts += [f"--- {debug_log} ---", *text[-lines:]]
        return "\n".join(parts)

    def __enter__(self) -> Self:
        """Start unless already running."""
        if not self.running:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the server."""
        self.close()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self._output.append(line.rstrip("\n"))
            if line.startswith(READY_MARKER):
                self._ready.set()

    def _finish(self, proc: subprocess.Popen[str]) -> None:
        if self._reader is not None:
            self._reader.join(5)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        self._proc = None
        self._reader = None
