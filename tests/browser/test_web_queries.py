"""Every GraphQL query of the web page is valid against the served schema (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import parse, validate

from enforcegraph.api.schema import build_schema

API_JS = Path(__file__).resolve().parents[2] / "api" / "web" / "src" / "js" / "api.js"


def page_queries() -> dict[str, str]:
    """The queries in api.js, with their ${NODE}/${REL} fragments filled in."""
    source = API_JS.read_text("utf-8")
    constants = dict(re.findall(r'^const (\w+) = "([^"]*)";', source, re.M))
    queries = {}
    for name, body in re.findall(r"^const (\w+) = `(.*?)`;", source, re.M | re.S):
        queries[name] = re.sub(r"\$\{(\w+)\}", lambda m: constants[m.group(1)], body)
    return queries


def test_the_page_queries_are_valid_against_the_schema() -> None:
    queries = page_queries()
    assert {"SEARCH", "ENTITY", "DETAILS", "NEIGHBOURS", "NODES", "PATH", "TYPES"} <= set(queries)
    schema = build_schema()._schema
    for name, text in queries.items():
        errors = validate(schema, parse(text))
        assert errors == [], f"{name}: {[e.message for e in errors]}"
