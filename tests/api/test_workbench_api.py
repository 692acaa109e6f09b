"""The web page's workbench in the API: questions as tables (filters, sort, pages, facets,
exports of a table's subgraph) and up to three paths avoiding labels, on each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from gql.transport.exceptions import TransportQueryError

from enforcegraph.api.tables import ANALYSIS_QUESTIONS
from enforcegraph.graph.domain.traversals import CATALOGUE, SanctionFilter
from enforcegraph.graph.exports import read_graphml

HEADLINE = "sanctions-without-eu-establishment"
TABLE = """query T($q: String!, $arg: String, $f: TableFilterInput, $o: TableOrder,
                  $first: Int, $offset: Int!) {
  questionTable(question: $q, argument: $arg, filter: $f, orderBy: $o, first: $first,
                offset: $offset) {
    question { key title argument }
    columns { key title kind }
    totalCount
    rows
    facets { name values { value label count } }
    amountRange { min max }
  }
}"""
PATHS = """query P($from: ID!, $to: ID!, $avoid: [Label!], $k: Int!) {
  paths(from: $from, to: $to, maxHops: 6, avoidLabels: $avoid, k: $k) {
    nodes { id label } relationships { id type }
  }
}"""


def _table(api: Any, question: str, **variables: Any) -> dict[str, Any]:
    given = {"q": question, "offset": 0, **variables}
    result: dict[str, Any] = api.query(TABLE, given)["questionTable"]
    return result


def _eur(row: dict[str, Any]) -> float | None:
    cell = row["cells"].get("amount")
    return cell["eur"] if cell else None


def test_questions_follow_the_catalogue_headline_first(full_api: Any) -> None:
    """Every traversal of the catalogue is listed (whatever it holds), then the analyses."""
    listed = full_api.query("{ questions { key kind name argument } }")["questions"]
    keys = [q["key"] for q in listed]
    assert keys[0] == HEADLINE
    assert keys[: len(CATALOGUE)] == list(CATALOGUE)
    assert keys[len(CATALOGUE):] == [key for key, _, _ in ANALYSIS_QUESTIONS]
    assert {q["argument"] for q in listed if q["name"] == "enforcement-history"} == {"FIRM"}


def test_headline_table_counts_filters_and_pages_like_the_traversal(full_api: Any) -> None:
    """Total = the traversal's count; the regulator facet = the traversal's own filter;
    pages put together are the whole answer, in the traversal's order."""
    traversals = full_api.store.traversals()
    whole = _table(full_api, HEADLINE, first=500)
    assert whole["totalCount"] == traversals.count_sanctions_without_eu_establishment()
    expected = [r["sanction"]["id"] for r in traversals.sanctions_without_eu_establishment()]
    assert [r["cells"]["sanction"]["id"] for r in whole["rows"]] == expected
    pages = [_table(full_api, HEADLINE, first=7, offset=o)["rows"] for o in range(0, len(expected), 7)]
    assert [r["cells"]["sanction"]["id"] for page in pages for r in page] == expected

    facets = {f["name"]: f["values"] for f in whole["facets"]}
    assert {"regulator", "jurisdiction", "year", "kind", "currency"} <= set(facets)
    top = facets["regulator"][0]
    narrowed = _table(full_api, HEADLINE, first=500, f={"regulator": [top["value"]]})
    own = traversals.sanctions_without_eu_establishment(SanctionFilter(regulator=top["value"]))
    assert narrowed["totalCount"] == top["count"] == len(own)
    assert {r["cells"]["sanction"]["id"] for r in narrowed["rows"]} == {r["sanction"]["id"] for r in own}
    country = facets["jurisdiction"][0]["value"]
    by_country = traversals.sanctions_without_eu_establishment(SanctionFilter(jurisdiction=country))
    assert _table(full_api, HEADLINE, f={"jurisdiction": [country]})["totalCount"] == len(by_country)


def test_sort_kinds_and_amount_range(full_api: Any) -> None:
    """Sorted by amount in EUR (empty amounts last either way); kind and range filters hold."""
    down = _table(full_api, HEADLINE, first=500, o={"column": "amount", "direction": "DESC"})
    amounts = [_eur(r) for r in down["rows"]]
    filled = [a for a in amounts if a is not None]
    assert filled and filled == sorted(filled, reverse=True)
    assert amounts[: len(filled)] == filled  # the empty ones come after
    up = _table(full_api, HEADLINE, first=500, o={"column": "amount", "direction": "ASC"})
    assert [_eur(r) for r in up["rows"]][: len(filled)] == sorted(filled)

    low, high = 1_000_000, 25_000_000
    ranged = _table(full_api, HEADLINE, first=500, f={"kind": ["fine"], "amountMin": low,
                                                      "amountMax": high})
    assert ranged["totalCount"] == sum(1 for r in down["rows"]
                                       if r["cells"]["sanction"]["text"].startswith("fine")
                                       and _eur(r) is not None and low <= _eur(r) <= high)
    assert ranged["totalCount"] > 0
    for row in ranged["rows"]:
        assert low <= row["cells"]["amount"]["eur"] <= high
        assert set(row["cells"]["amount"]["amounts"]) <= {v["value"] for v in next(
            f["values"] for f in ranged["facets"] if f["name"] == "currency")}
    with pytest.raises(TransportQueryError, match="no column 'nope'"):
        _table(full_api, HEADLINE, o={"column": "nope", "direction": "ASC"})


def test_analyses_as_tables(full_api: Any) -> None:
    """Totals by year: one row per year, the year facet narrows to it; fines carry EUR."""
    years = _table(full_api, "totals-by-year", first=100)
    keys = [r["cells"]["key"]["v"] for r in years["rows"]]
    assert years["totalCount"] == len(keys) > 0
    one = _table(full_api, "totals-by-year", f={"year": [keys[0]]})
    assert one["totalCount"] == 1
    fines = _table(full_api, "fines", first=500)
    assert fines["totalCount"] > 0 and all(_eur(r) is not None or r["cells"]["amount"]["basis"]
                                           for r in fines["rows"])
    with pytest.raises(TransportQueryError, match="needs FIRM"):
        _table(full_api, "enforcement-history")
    history = _table(full_api, "enforcement-history", arg="company:clearview-ai", first=100)
    assert history["totalCount"] == len(full_api.store.traversals().enforcement_history(
        "company:clearview-ai"))


def test_table_subgraph_export(full_api: Any, tmp_path: Path) -> None:
    """/export/graphml?question=... holds every filtered row's entities (all pages)."""
    flt = {"regulator": ["regulator:fr-cnil"]}
    rows = _table(full_api, HEADLINE, first=500, f=flt)["rows"]
    response = httpx.get(f"{full_api.url}/export/graphml",
                         params={"question": HEADLINE, "regulator": "regulator:fr-cnil"}, timeout=60)
    assert response.status_code == 200, response.text
    target = tmp_path / "t.graphml"
    target.write_bytes(response.content)
    graph = read_graphml(target)
    wanted = {i for r in rows for i in r["entities"]}
    assert wanted and wanted <= set(graph)
    assert "regulator:gb-ico" not in graph  # another regulator's rows are filtered out
    bad = httpx.get(f"{full_api.url}/export/gexf", params={"question": "nope"}, timeout=30)
    assert bad.status_code == 404 and "no question" in bad.text


def test_paths_avoid_labels_and_give_alternatives(full_api: Any) -> None:
    """Up to three paths, each through inner nodes the ones before did not use, none
    through an avoided label; k is bounded."""
    ends = {"from": "company:clearview-ai", "to": "regulator:fr-cnil"}
    found = full_api.query(PATHS, {**ends, "k": 3})["paths"]
    assert 1 <= len(found) <= 3
    inner = [{n["id"] for n in p["nodes"][1:-1]} for p in found]
    for i, a in enumerate(inner):
        for b in inner[i + 1:]:
            assert not a & b
    lengths = [len(p["relationships"]) for p in found]
    assert lengths == sorted(lengths)
    # Clearview and Google meet first in "United States"; avoiding Jurisdiction, elsewhere
    pair = {"from": "company:clearview-ai", "to": "company:google-llc", "k": 3}
    plain = full_api.query(PATHS, pair)["paths"]
    assert "Jurisdiction" in {n["label"] for n in plain[0]["nodes"][1:-1]}
    avoided = full_api.query(PATHS, {**pair, "avoid": ["Jurisdiction"]})["paths"]
    assert avoided
    for path in avoided:
        assert "Jurisdiction" not in {n["label"] for n in path["nodes"][1:-1]}
    with pytest.raises(TransportQueryError, match="k must be between 1 and 3"):
        full_api.query(PATHS, {**ends, "k": 4})
