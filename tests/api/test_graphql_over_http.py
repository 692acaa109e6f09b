"""GraphQL over HTTP: bodies that are not objects, the graphql-response+json media type."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_log() -> Iterator[list[logging.LogRecord]]:
    """What uvicorn and the app log (uvicorn's loggers do not propagate to caplog)."""
    handler = _Records()
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "enforcegraph", "strawberry")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.parametrize("body", [b"5", b'"x"', b"null", b"true", b" 12.5 ", b"[]", b"[5]"])
def test_a_json_body_that_is_not_an_object_is_bad_input(
    embedded_api: Any, server_log: list[logging.LogRecord], body: bytes
) -> None:
    for accept in ("application/json", GRAPHQL_RESPONSE):
        response = httpx.post(embedded_api.url + "/graphql", content=body,
                              headers={"content-type": "application/json", "accept": accept})
        assert response.status_code == 400, response.text
        assert response.headers["content-type"].startswith(accept)
        error, = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert not [r for r in server_log if r.levelno >= logging.ERROR], "no traceback in the log"


def test_application_json_stays_the_default(embedded_api: Any) -> None:
    for headers in ({}, {"accept": "*/*"}, {"accept": "application/json"},
                    {"accept": f"application/json, {GRAPHQL_RESPONSE};q=0.5"}):
        ok = embedded_api.post({"query": "{ stats { totalNodes } }"}, headers=headers)
        assert ok.status_code == 200 and ok.headers["content-type"] == "application/json"
        assert ok.json()["data"]["stats"]["totalNodes"] > 0
        invalid = embedded_api.post({"query": "{ noSuchField }"}, headers=headers)
        assert invalid.status_code == 200, "legacy clients get 200 for validation errors"
        assert invalid.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, f"{GRAPHQL_RESPONSE}, application/json",
                                    f"application/json;q=0.9, {GRAPHQL_RESPONSE}"])
def test_graphql_response_json_when_accepted(embedded_api: Any, accept: str) -> None:
    headers = {"accept": accept}
    ok = embedded_api.post({"query": "{ stats { totalNodes } }"}, headers=headers)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert ok.json()["data"]["stats"]["totalNodes"] > 0
    for query in ("{ noSuchField }", "{ stats { totalNodes ", "{ node(id: true) { id } }"):
        refused = embedded_api.post({"query": query}, headers=headers)
        assert refused.status_code == 400, "refused before execution: 4xx"
        assert refused.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        assert "data" not in refused.json(), "no data entry when execution never started"
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    uncoerced = embedded_api.post({"query": "query ($id: ID!) { node(id: $id) { id } }"},
                                  headers=headers)
    assert uncoerced.status_code == 400 and "data" not in uncoerced.json(), "variables: 4xx"
    missing = embedded_api.post({"query": '{ node(id: "company:nobody") { id } }'},
                                headers=headers)
    assert missing.status_code == 200, "execution started: 200 with data"
    assert "data" in missing.json()
    unparsable = httpx.post(embedded_api.url + "/graphql", content=b"{not json",
                            headers={"content-type": "application/json", **headers})
    assert unparsable.status_code == 400 and "data" not in unparsable.json()


def test_get_queries_negotiate_too(embedded_api: Any) -> None:
    response = httpx.get(embedded_api.url + "/graphql", params={"query": "{ stats { totalNodes } }"},
                         headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200 and response.headers["content-type"].startswith(GRAPHQL_RESPONSE)


def test_the_response_cache_keeps_media_types_apart(embedded_api: Any) -> None:
    query = {"query": "{ stats { totalNodes } }"}
    for _ in range(2):
        legacy = embedded_api.post(query, headers={"accept": "application/json"})
        modern = embedded_api.post(query, headers={"accept": GRAPHQL_RESPONSE})
        assert legacy.headers["content-type"] == "application/json"
        assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        assert legacy.json() == modern.json()
