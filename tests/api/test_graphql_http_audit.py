"""The GraphQL-over-HTTP audit (npm graphql-http's auditServer) against the live API.

graphql-http is a devDependency of api/web/package.json, installed from its lock file by
api/web/build.sh (``make web``, part of ``make install`` and so of ``make test``). The
audit runs under node against uvicorn on a free port; every audit must pass: no error,
no warning (and no notice).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "api" / "web"
SCRIPT = Path(__file__).resolve().parent / "graphql_http_audit.mjs"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _node_modules() -> Path:
    """api/web/node_modules with graphql-http (npm ci from the lock file when missing)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        if IN_CI:
            pytest.fail("node and npm are needed for the graphql-http audit")
        pytest.skip("node and npm are needed for the graphql-http audit")
    modules = WEB / "node_modules"
    if not (modules / "graphql-http" / "package.json").is_file():
        subprocess.run(["sh", str(WEB / "build.sh")], check=True, capture_output=True, timeout=300)
    return modules


def test_the_graphql_over_http_audit_passes(
    embedded_api: Any, audit_summary: Callable[[str], None]
) -> None:
    modules = _node_modules()
    done = subprocess.run(["node", str(SCRIPT), embedded_api.url + "/graphql", str(modules)],
                          capture_output=True, text=True, timeout=120)
    audit_summary(f"{done.stdout.strip()} {done.stderr.strip()}")  # in the run's summary, always
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    summary = json.loads(lines[-1])
    assert summary["total"] > 50, summary
    assert (summary["error"], summary["warn"], summary["notice"]) == (0, 0, 0), done.stdout
    assert summary["ok"] == summary["total"] and done.returncode == 0
