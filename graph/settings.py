"""One frozen settings object, built from ``ENFORCEGRAPH_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["SETTINGS_DOC", "Settings", "default_db_path"]

BACKENDS = ("embedded", "neo4j")


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/enforcegraph/graph.sqlite`` (``~/.local/share/...`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "enforcegraph" / "graph.sqlite"


# name -> (environment variable, description); the README's configuration table and a
# test that every setting is documented are both checked against this.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "backend": ("ENFORCEGRAPH_BACKEND", "Store backend: embedded (default) or neo4j."),
    "db": ("ENFORCEGRAPH_DB", "Embedded store file (default ~/.local/share/enforcegraph/graph.sqlite)."),
    "neo4j_uri": ("ENFORCEGRAPH_NEO4J_URI", "Bolt URI of Neo4j (default bolt://localhost:7687)."),
    "neo4j_user": ("ENFORCEGRAPH_NEO4J_USER", "Neo4j user (default neo4j)."),
    "neo4j_password": ("ENFORCEGRAPH_NEO4J_PASSWORD", "Neo4j password (empty: no auth)."),
    "neo4j_database": ("ENFORCEGRAPH_NEO4J_DATABASE", "Neo4j database (default neo4j)."),
    "host": ("ENFORCEGRAPH_HOST", "Address the API listens on (default 127.0.0.1)."),
    "port": ("ENFORCEGRAPH_PORT", "Port the API listens on (default 8000)."),
    "workers": ("ENFORCEGRAPH_WORKERS", "uvicorn worker processes (default 1)."),
    "cors_origins": ("ENFORCEGRAPH_CORS_ORIGINS", "Comma-separated origins allowed by CORS (default none)."),
    "max_depth": ("ENFORCEGRAPH_MAX_DEPTH", "Maximum GraphQL query depth (default 10)."),
    "max_aliases": ("ENFORCEGRAPH_MAX_ALIASES", "Maximum aliases in one GraphQL query (default 30)."),
    "max_tokens": ("ENFORCEGRAPH_MAX_TOKENS", "Maximum tokens in one GraphQL query (default 2000)."),
    "max_cost": ("ENFORCEGRAPH_MAX_COST", "Maximum estimated cost of one GraphQL query (default 20000)."),
    "max_page_size": ("ENFORCEGRAPH_MAX_PAGE_SIZE", "Largest `first` of a list (default 500)."),
    "default_page_size": ("ENFORCEGRAPH_DEFAULT_PAGE_SIZE", "`first` when not given (default 50)."),
    "request_timeout": ("ENFORCEGRAPH_REQUEST_TIMEOUT", "Seconds before a request is cut off (default 10)."),
    "query_timeout": ("ENFORCEGRAPH_QUERY_TIMEOUT",
                      "Seconds one read of the embedded store may run before it is stopped and "
                      "its connection freed (default 30; `serve` uses the request timeout when "
                      "that is shorter; 0: no limit)."),
    "max_body_bytes": ("ENFORCEGRAPH_MAX_BODY_BYTES", "Largest request body in bytes (default 1000000)."),
    "slow_request_ms": ("ENFORCEGRAPH_SLOW_REQUEST_MS",
                        "Requests taking at least this many milliseconds are logged (WARNING, "
                        "`enforcegraph.api.slow`) with their status and what was asked "
                        "(default 1000; 0: none)."),
    "max_filter_terms": ("ENFORCEGRAPH_MAX_FILTER_TERMS",
                         "Most conditions in one GraphQL filter, and/or branches and `in` items "
                         "included (default 500)."),
    "accept_threshold": ("ENFORCEGRAPH_ACCEPT_THRESHOLD",
                         "Lowest confidence `extract --accept all` accepts; the rest is listed "
                         "for review (default 0.9)."),
    "response_cache_bytes": ("ENFORCEGRAPH_RESPONSE_CACHE_BYTES",
                             "Bytes of memory each worker may spend on error-free GraphQL answers "
                             "kept until the data changes, counting keys, headers and per-entry "
                             "overhead (default 48000000; 0 turns the cache off)."),
    "api_keys": ("ENFORCEGRAPH_API_KEYS",
                 "File of hashed API keys (`enforcegraph api-key new`); when set, every request "
                 "but /healthz and /readyz needs `Authorization: Bearer <key>` (default: none, "
                 "open)."),
    "rate_limit": ("ENFORCEGRAPH_RATE_LIMIT",
                   "Requests a second each client (API key label, else address) may make, per "
                   "worker (default 0: no limit)."),
    "rate_burst": ("ENFORCEGRAPH_RATE_BURST",
                   "Requests a client may make at once before the rate applies (default 20)."),
    "read_only": ("ENFORCEGRAPH_READ_ONLY",
                  "1 opens the embedded store read-only for every command (default 0; `serve` "
                  "and the read commands always do)."),
    "max_input_bytes": ("ENFORCEGRAPH_MAX_INPUT_BYTES",
                        "Largest input file `load` reads, in bytes (default 512000000)."),
    "max_line_bytes": ("ENFORCEGRAPH_MAX_LINE_BYTES",
                       "Longest line of an input file, in bytes (default 4000000)."),
    "max_record_bytes": ("ENFORCEGRAPH_MAX_RECORD_BYTES",
                         "Largest record (node or relationship) of an input file, in bytes of "
                         "JSON (default 4000000)."),
    "max_batch_records": ("ENFORCEGRAPH_MAX_BATCH_RECORDS",
                          "Most records (nodes and relationships) one input file may hold "
                          "(default 5000000)."),
    "tracker_url": ("ENFORCEGRAPH_TRACKER_URL",
                    "Address `fetch enforcement-tracker` downloads (default: the JSON the "
                    "tracker's page read in 2024, see README)."),
    "gdprhub_url": ("ENFORCEGRAPH_GDPRHUB_URL",
                    "Address `fetch gdprhub` downloads (default: GDPRhub's decision API, see README)."),
    "fetch_contact": ("ENFORCEGRAPH_FETCH_CONTACT",
                      "Contact URL or address `fetch` puts in its User-Agent (default the "
                      "project's page; set your own)."),
    "log_json": ("ENFORCEGRAPH_LOG_JSON", "1 for JSON log lines (default 0)."),
    "log_level": ("ENFORCEGRAPH_LOG_LEVEL", "Log level (default INFO)."),
}


@dataclass(frozen=True)
class Settings:
    """Every setting of enforcegraph; see SETTINGS_DOC."""

    backend: str = "embedded"
    db: Path = field(default_factory=default_db_path)
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    cors_origins: tuple[str, ...] = ()
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 20000
    max_page_size: int = 500
    default_page_size: int = 50
    request_timeout: float = 10.0
    query_timeout: float = 30.0
    max_body_bytes: int = 1_000_000
    slow_request_ms: float = 1000.0
    max_filter_terms: int = 500
    accept_threshold: float = 0.9
    response_cache_bytes: int = 48_000_000
    api_keys: Path | None = None
    rate_limit: float = 0.0
    rate_burst: int = 20
    read_only: bool = False
    max_input_bytes: int = 512_000_000
    max_line_bytes: int = 4_000_000
    max_record_bytes: int = 4_000_000
    max_batch_records: int = 5_000_000
    tracker_url: str = ""
    gdprhub_url: str = ""
    fetch_contact: str = "https://pypi.org/project/enforcegraph/"
    log_json: bool = False
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise EnforcegraphError(
                f"ENFORCEGRAPH_BACKEND must be one of {', '.join(BACKENDS)}, not {self.backend!r}"
            )
        if not 0 < self.default_page_size <= self.max_page_size:
            raise EnforcegraphError("default page size must be between 1 and the maximum")
        if self.rate_limit < 0 or self.rate_burst < 1:
            raise EnforcegraphError("ENFORCEGRAPH_RATE_LIMIT must not be negative and "
                                    "ENFORCEGRAPH_RATE_BURST must be at least 1")
        if self.slow_request_ms < 0:
            raise EnforcegraphError("ENFORCEGRAPH_SLOW_REQUEST_MS must not be negative")
        if self.query_timeout < 0:
            raise EnforcegraphError("ENFORCEGRAPH_QUERY_TIMEOUT must not be negative")
        if not 0 <= self.accept_threshold <= 1:
            raise EnforcegraphError("ENFORCEGRAPH_ACCEPT_THRESHOLD must be between 0 and 1")
        if self.response_cache_bytes < 0:
            raise EnforcegraphError("ENFORCEGRAPH_RESPONSE_CACHE_BYTES must not be negative")
        for name in ("port", "workers", "max_depth", "max_aliases", "max_tokens", "max_cost",
                     "max_input_bytes", "max_line_bytes", "max_record_bytes", "max_batch_records",
                     "max_filter_terms"):
            if int(getattr(self, name)) <= 0:
                raise EnforcegraphError(f"{SETTINGS_DOC[name][0]} must be positive")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from the environment, then explicit overrides (CLI options)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for fld in fields(cls):
            raw = env.get(SETTINGS_DOC[fld.name][0])
            if raw is not None and raw != "":
                values[fld.name] = _convert(fld.name, fld.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db" in values:
            values["db"] = Path(values["db"]).expanduser()
        if "api_keys" in values:
            values["api_keys"] = Path(values["api_keys"]).expanduser()
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with some settings replaced."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def public(self) -> dict[str, Any]:
        """Settings safe to print (no credentials)."""
        shown = {f.name: getattr(self, f.name) for f in fields(self)}
        shown["neo4j_password"] = "***" if self.neo4j_password else ""
        shown["db"] = str(self.db)
        return shown


def _convert(name: str, annotation: Any, raw: str) -> Any:
    var = SETTINGS_DOC[name][0]
    kind = str(annotation)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes")
        if kind.startswith("tuple"):
            return tuple(item.strip() for item in raw.split(",") if item.strip())
        if kind in ("Path", "Path | None"):
            return Path(raw).expanduser()
    except ValueError:
        raise EnforcegraphError(f"{var}={raw!r} is not a valid {kind}") from None
    return raw
