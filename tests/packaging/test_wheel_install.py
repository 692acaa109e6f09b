"""The wheel carries the page: ``python -m build`` (an sdist, then a wheel built from it), the
wheel installed into a fresh virtual environment (no editable install, no index), its
``enforcegraph`` loads the bundled data and serves ``/``, the page's assets and GraphiQL at
``/graphql``; headless Chromium renders both with every request outside 127.0.0.1 blocked.

The fresh environment gets its dependencies, never enforcegraph, from this one's
site-packages through a ``.pth`` line placed after its own: nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
GRAPHIQL_QUERY = '{ search(text: "Clearview", first: 1) { totalCount nodes { id } } }'


def _clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without settings or Python paths of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENFORCEGRAPH_", "PYTHON"))}
    return {**env, **extra}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          source_tree_build: Callable[[], AbstractContextManager[None]]) -> tuple[Path, Path]:
    """(sdist, wheel) from ``python -m build`` (no isolation: the build needs no download)."""
    if shutil.which("npm") is None:
        if IN_CI:
            pytest.fail("npm is needed to build the page into the wheel")
        pytest.skip("npm is needed to build the page into the wheel")
    out = tmp_path_factory.mktemp("dist")
    with source_tree_build():
        done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                               str(out), str(REPO)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "is absent from the `packages` configuration" not in done.stdout + done.stderr
    sdists, wheels = list(out.glob("*.tar.gz")), list(out.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1
    return sdists[0], wheels[0]


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (``--no-index --no-deps``); its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    env = _clean_env()
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True, env=env).stdout.strip()
    # the dependencies, read after the venv's own packages (a .pth adds at the end)
    Path(site, "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    str(built[1])], check=True, timeout=300, env=env)
    where = subprocess.run([str(python), "-c", "import enforcegraph.api.app as a; print(a.__file__)"],
                           check=True, capture_output=True, text=True, cwd=venv, env=env).stdout.strip()
    assert where.startswith(site), f"enforcegraph imported from {where}, not from the wheel"
    return venv / "bin"


def test_sdist_and_wheel_carry_the_page_and_the_data(built: tuple[Path, Path]) -> None:
    sdist, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    for page in ("index.html", "graphiql.html", "static/vendor/graphiql.min.js",
                 "static/vendor/react.production.min.js", "static/vendor/cytoscape.min.js"):
        assert f"enforcegraph/api/web/dist/{page}" in names, page
    assert any(n.startswith("enforcegraph/api/web/dist/static/js/") for n in names)
    assert "enforcegraph/loaders/data/gdpr_text.json.gz" in names
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("api/web/dist/index.html") for m in members)


@pytest.fixture(scope="module")
def served(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``enforcegraph serve`` from the wheel over its bundled datasets."""
    home = tmp_path_factory.mktemp("home")
    env = _clean_env(ENFORCEGRAPH_DB=str(home / "graph.sqlite"), HOME=str(home))
    subprocess.run([str(installed / "enforcegraph"), "load", "clearview", "reference-cases"],
                   check=True, env=env, cwd=home, capture_output=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen([str(installed / "enforcegraph"), "serve", "--port", str(port)],
                              env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "the installed server did not start"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(static/[^"]+)"', html)


def test_the_installed_server_serves_the_page_and_graphiql(served: str) -> None:
    page = httpx.get(served + "/", timeout=10)
    assert page.status_code == 200 and "static/js/main.js" in page.text
    assert "The GraphQL API and its explorer" not in page.text  # not the placeholder
    ide = httpx.get(served + "/graphql", headers={"accept": "text/html"}, timeout=10)
    assert ide.status_code == 200 and "graphiql.min.js" in ide.text
    assert "GraphiQL is not built" not in ide.text
    for html in (page.text, ide.text):
        assets = _assets(html)
        assert assets
        for asset in assets:
            response = httpx.get(f"{served}/{asset}", timeout=10)
            assert response.status_code == 200 and response.content, asset
    found = httpx.post(served + "/graphql", json={"query": GRAPHIQL_QUERY}, timeout=10).json()
    assert found["data"]["search"]["nodes"][0]["id"] == "company:clearview-ai"


def test_graphiql_and_the_page_render_from_the_wheel_offline(served: str) -> None:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-packages.sh")
        pytest.skip(f"{CHROMIUM} is missing")
    ARTIFACTS.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("render_offline.py")), served, str(CHROMIUM),
         str(ARTIFACTS / "wheel-install-failure.png"), GRAPHIQL_QUERY],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["outside"] == [], "nothing is asked of the network"
    assert seen["errors"] == [], seen["errors"]
