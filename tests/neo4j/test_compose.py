"""docker-compose.yml, Dockerfile and .env.example: checked as files (no Docker engine here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from enforcegraph.graph.settings import SETTINGS_DOC

REPO = Path(__file__).resolve().parents[2]
COMPOSE: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text("utf-8"))
DOCKERFILE = (REPO / "Dockerfile").read_text("utf-8")
ENV_EXAMPLE = (REPO / ".env.example").read_text("utf-8")
SETTING_VARS = {var for var, _ in SETTINGS_DOC.values()}


def test_services_images_and_ports() -> None:
    services = COMPOSE["services"]
    assert set(services) == {"neo4j", "api"}
    neo4j, api = services["neo4j"], services["api"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert {p.rsplit(":", 1)[-1] for p in neo4j["ports"]} == {"7474", "7687"}
    assert api["build"] == {"context": ".", "dockerfile": "Dockerfile"}
    assert api["ports"] == ["127.0.0.1:8000:8000"]
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert {"neo4j-data:/data"} <= set(neo4j["volumes"])
    assert "neo4j-data" in COMPOSE["volumes"]


def test_every_published_port_is_bound_to_this_host_only() -> None:
    for name, service in COMPOSE["services"].items():
        for port in service.get("ports", []):
            spec = port if isinstance(port, str) else f"{port.get('host_ip', '')}:{port['published']}"
            assert spec.startswith("127.0.0.1:"), (name, port)
    assert "0.0.0.0:" not in (REPO / "docker-compose.yml").read_text("utf-8")


def test_neo4j_auth_memory_and_healthchecks() -> None:
    neo4j, api = COMPOSE["services"]["neo4j"], COMPOSE["services"]["api"]
    env = neo4j["environment"]
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    for name in ("heap_initial__size", "heap_max__size", "pagecache_size"):
        assert f"NEO4J_server_memory_{name}" in env
    for service in (neo4j, api):
        check = service["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and len(check["test"]) >= 2
        assert {"interval", "timeout", "retries"} <= set(check)
    assert "cypher-shell" in neo4j["healthcheck"]["test"][1]
    assert "/healthz" in " ".join(api["healthcheck"]["test"])


def test_api_environment_uses_real_settings() -> None:
    env = COMPOSE["services"]["api"]["environment"]
    ours = {name for name in env if name.startswith("ENFORCEGRAPH_")}
    assert ours and ours <= SETTING_VARS, ours - SETTING_VARS
    assert env["ENFORCEGRAPH_BACKEND"] == "neo4j"
    assert env["ENFORCEGRAPH_NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["ENFORCEGRAPH_HOST"] == "0.0.0.0" and str(env["ENFORCEGRAPH_PORT"]) == "8000"
    assert env["ENFORCEGRAPH_NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")


def test_env_example_defines_what_compose_interpolates() -> None:
    text = (REPO / "docker-compose.yml").read_text("utf-8")
    used = set(re.findall(r"(?<!\$)\$\{(\w+)", text))  # $${...} is the container's own
    defined = {line.split("=", 1)[0] for line in ENV_EXAMPLE.splitlines()
               if line and not line.startswith("#")}
    assert used == defined
    assert {d for d in defined if d.startswith("ENFORCEGRAPH_")} <= SETTING_VARS


def test_dockerfile_installs_the_package_and_runs_as_a_user() -> None:
    lines = [line.strip() for line in DOCKERFILE.splitlines()]
    stages = [x for x in lines if x.startswith("FROM ")]
    assert stages[-1].startswith("FROM python:3.11")  # the final stage; node builds the page
    assert "COPY --from=web /web/dist ./api/web/dist" in lines
    assert any(re.match(r'RUN pip install "?\.(\[|"|\s|$)', line) for line in lines)
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "EXPOSE 8000" in lines
    cmd = next(line for line in lines if line.startswith("CMD "))
    assert '"serve"' in cmd and '"0.0.0.0"' in cmd
    for var in re.findall(r"\b(ENFORCEGRAPH_\w+)=", DOCKERFILE):
        assert var in SETTING_VARS
    for folder in ("schema", "graph", "loaders", "api", "src"):
        assert f"COPY {folder} ./{folder}" in DOCKERFILE
