"""The domain rules agree everywhere: one fixture, every implementation, one answer.

tests/fixtures/domain.yaml holds a decision co-issued by a regulator and a court, dated
establishments (one ended before its decision, one starting after it), a firm with an EU
branch, a sanction with its own target and sanctions inheriting their decision's. Who
issued each decision, whom each sanction targets and whether each firm had an EU
establishment at the date are asked of: the generic Traversals (on each backend), the
backend's own traversals (SQL on the embedded store, Cypher on the real Neo4j), the
analytics facts, the GraphQL API (types and filters) and the FtM exporter. They must all
give the answers of :mod:`enforcegraph.graph.domain`, written out below.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.api.context import make_context
from enforcegraph.api.schema import build_schema
from enforcegraph.graph.analytics.facts import decision_facts
from enforcegraph.graph.analytics.fines import fine_rows
from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.traversals import SanctionFilter, Traversals
from enforcegraph.graph.exports.base import export_graph
from enforcegraph.graph.settings import Settings
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.casefile import parse_case_file
from enforcegraph.schema.ftmmap import to_ftm_id

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "domain.yaml"
TODAY = date.today().isoformat()

# -- the answers (regulators first, then courts, then by id) -------------------------------
ISSUERS = {
    "decision:joint": ["regulator:fr-dpa", "court:fr-council"],
    "decision:branch-case": ["regulator:fr-dpa"],
    "decision:ie-1": ["regulator:ie-dpa"],
    "decision:court-only": ["court:fr-council"],
}
ISSUER = {decision: issuers[0] for decision, issuers in ISSUERS.items()}
REGULATOR = {"decision:joint": "regulator:fr-dpa", "decision:branch-case": "regulator:fr-dpa",
             "decision:ie-1": "regulator:ie-dpa", "decision:court-only": None}
DECISION_OF = {
    "sanction:joint-fine": "decision:joint", "sanction:joint-order": "decision:joint",
    "sanction:branch-fine": "decision:branch-case", "sanction:ie-1-fine": "decision:ie-1",
    "sanction:court-fine": "decision:court-only",
}
# a sanction's own AGAINST, else its decision's (never another sanction's)
TARGETS = {
    "sanction:joint-fine": ["company:gone"],
    "sanction:joint-order": ["company:later"],
    "sanction:branch-fine": ["company:branch", "company:brexit", "company:form-only", "company:found",
                             "company:unknown"],
    "sanction:ie-1-fine": ["company:gone"],
    "sanction:court-fine": ["company:later"],
}
# (firm, date) -> had an EU establishment then (None: nothing locates the firm)
ESTABLISHED = {
    ("company:gone", "2022-03-01"): False,  # FR office closed 2021-06
    ("company:gone", "2022-09-01"): False,
    ("company:later", "2022-03-01"): False,  # IE office opens 2023-02
    ("company:later", "2023-01-10"): False,
    ("company:later", TODAY): True,
    ("company:branch", "2022-06"): True,  # a Paris branch
    ("company:brexit", "2022-06"): False,  # GB left the EU on 2020-01-31
    ("company:unknown", "2022-06"): None,
    # a rule can show an EU establishment (then, not today), never its absence
    ("company:found", "2022-06"): True,
    ("company:found", TODAY): None,
    ("company:form-only", "2022-06"): None,
}
# headline rows (sanction, firm, regulator shown): targets of a regulator's decision with
# a known location and no EU establishment at the decision date
HEADLINE = {
    ("sanction:joint-fine", "company:gone", "regulator:fr-dpa"),
    ("sanction:joint-order", "company:later", "regulator:fr-dpa"),
    ("sanction:branch-fine", "company:brexit", "regulator:fr-dpa"),
    ("sanction:ie-1-fine", "company:gone", "regulator:ie-dpa"),
}
HEADLINE_TODAY = HEADLINE - {("sanction:joint-order", "company:later", "regulator:fr-dpa")}
# what the headline cannot classify: no EU establishment known then, and no source locates the firm
UNKNOWN = {("sanction:branch-fine", firm, "regulator:fr-dpa") for firm in ("company:unknown", "company:form-only")}
UNKNOWN_TODAY = UNKNOWN | {("sanction:branch-fine", "company:found", "regulator:fr-dpa")}
FILTERS: list[tuple[SanctionFilter, set[tuple[str, str, str]]]] = [
    (SanctionFilter(), HEADLINE),
    (SanctionFilter(at="today"), HEADLINE_TODAY),
    (SanctionFilter(jurisdiction="EU"), HEADLINE),
    (SanctionFilter(jurisdiction="IE"), {r for r in HEADLINE if r[2] == "regulator:ie-dpa"}),
    (SanctionFilter(jurisdiction="FR"), {r for r in HEADLINE if r[2] == "regulator:fr-dpa"}),
    (SanctionFilter(regulator="regulator:fr-dpa"), {r for r in HEADLINE if r[2] == "regulator:fr-dpa"}),
    (SanctionFilter(regulator="regulator:ie-dpa", jurisdiction="EU"),
     {r for r in HEADLINE if r[2] == "regulator:ie-dpa"}),
    (SanctionFilter(since="2022-06", until="2022-12-31"),
     {r for r in HEADLINE if r[0] != "sanction:joint-fine" and r[0] != "sanction:joint-order"}),
]


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    """The store of each backend (embedded, the real Neo4j) with the domain fixture."""
    store.upsert(parse_case_file(FIXTURE).batch)
    return store


def _rows(rows: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(r["sanction"]["id"], r["firm"]["id"], r["regulator"]["id"]) for r in rows}


# -- issuers --------------------------------------------------------------------------------
def test_traversals_agree_on_issuers(loaded: GraphStore) -> None:
    for traversals in (Traversals(loaded), loaded.traversals()):
        citing = {r["id"]: r["issuer"]["id"] for r in traversals.decisions_citing("GDPR Art. 6")}
        assert citing == ISSUER, type(traversals).__name__
        history: dict[str, str] = {}
        for firm in ("company:gone", "company:later", "company:branch"):
            history |= {r["id"]: r["issuer"]["id"] for r in traversals.enforcement_history(firm)}
        assert history == ISSUER, type(traversals).__name__


def test_analytics_agree_on_issuers_and_targets(loaded: GraphStore) -> None:
    graph = loaded.to_networkx()
    facts = decision_facts(graph)
    assert {d: f.issuer for d, f in facts.items()} == ISSUER
    for decision, fact in facts.items():
        parties = {t for s, d in DECISION_OF.items() if d == decision for t in TARGETS[s]}
        assert set(fact.targets) >= parties, decision
    kinds = ("fine", "order")
    rows = {r["sanction"]: r for r in fine_rows(graph, kinds)}
    assert {s: [t["id"] for t in r["targets"]] for s, r in rows.items()} == TARGETS
    assert {s: r["regulator"]["id"] for s, r in rows.items()} == {
        s: ISSUER[d] for s, d in DECISION_OF.items()}


def test_graphql_agrees(loaded: GraphStore) -> None:
    query = """{
      decisions(first: 50) { edges { node { id issuer { id } regulator { id } } } }
      sanctions(first: 50) { edges { node { id target { id } regulator { id } } } }
      companies(first: 50) { edges { node { id sanctions { id } decisions { id } } } }
    }"""
    data = _graphql(loaded, query)
    decisions = {e["node"]["id"]: e["node"] for e in data["decisions"]["edges"]}
    assert {d: n["issuer"]["id"] for d, n in decisions.items()} == ISSUER
    assert {d: (n["regulator"] or {}).get("id") for d, n in decisions.items()} == REGULATOR
    sanctions = {e["node"]["id"]: e["node"] for e in data["sanctions"]["edges"]}
    assert {s: sorted(t["id"] for t in n["target"]) for s, n in sanctions.items()} == TARGETS
    assert {s: (n["regulator"] or {}).get("id") for s, n in sanctions.items()} == {
        s: REGULATOR[d] for s, d in DECISION_OF.items()}
    companies = {e["node"]["id"]: e["node"] for e in data["companies"]["edges"]}
    for firm, node in companies.items():
        mine = {s for s, targets in TARGETS.items() if firm in targets}
        assert {s["id"] for s in node["sanctions"]} == mine, firm
        assert {d["id"] for d in node["decisions"]} >= {DECISION_OF[s] for s in mine}, firm
        filtered = _graphql(loaded, """query ($firm: String) {
            sanctions(first: 50, filter: {against: $firm}) { edges { node { id } } } }""",
            {"firm": firm})
        assert {e["node"]["id"] for e in filtered["sanctions"]["edges"]} == mine, firm


def test_ftm_export_agrees(loaded: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "graph.ftm.json"
    export_graph(loaded.to_networkx(), "ftm", target)
    entities = {e["id"]: e for e in map(json.loads, target.read_text().splitlines())}
    names = {n.id: n.get("name") for n in loaded.get_many(
        {i for issuers in ISSUERS.values() for i in issuers}).values()}
    for sanction, targets in TARGETS.items():
        props = entities[to_ftm_id(sanction)]["properties"]
        assert sorted(props["entity"]) == sorted(to_ftm_id(t) for t in targets), sanction
        issuers = ISSUERS[DECISION_OF[sanction]]
        assert props["authority"] == [names[i] for i in issuers], sanction


# -- EU establishment at a date ---------------------------------------------------------------
def test_traversals_agree_on_eu_establishment(loaded: GraphStore) -> None:
    backend = loaded.traversals()
    for flt, expected in FILTERS:
        generic = Traversals(loaded).sanctions_without_eu_establishment(flt)
        assert _rows(generic) == expected, flt
        assert _rows(backend.sanctions_without_eu_establishment(flt)) == expected, flt
        page = backend.sanctions_without_eu_establishment(flt, limit=50)  # SQL / Cypher paging
        assert page == generic, flt
        assert backend.count_sanctions_without_eu_establishment(flt) == len(expected), flt


def test_traversals_agree_on_unknown_establishment(loaded: GraphStore) -> None:
    backend = loaded.traversals()
    cases = [(SanctionFilter(), UNKNOWN), (SanctionFilter(at="today"), UNKNOWN_TODAY),
             (SanctionFilter(regulator="regulator:ie-dpa"), set()),
             (SanctionFilter(jurisdiction="FR", since="2022-06"), UNKNOWN)]
    for flt, expected in cases:
        generic = Traversals(loaded).sanctions_with_unknown_establishment(flt)
        assert _rows(generic) == expected, flt
        assert _rows(backend.sanctions_with_unknown_establishment(flt)) == expected, flt
        assert backend.sanctions_with_unknown_establishment(flt, limit=50) == generic, flt
        assert backend.sanctions_with_unknown_establishment(flt, limit=1, offset=1) == generic[1:2], flt
        assert backend.count_sanctions_with_unknown_establishment(flt) == len(expected), flt
    # the coverage stats: sanctioned firms of a regulator's decision, those it cannot classify
    coverage = backend.establishment_coverage()
    assert coverage == {"firms": 7, "known": 5, "unknown": 2, "share_known": round(5 / 7, 4)}


def test_graphql_headline_agrees(loaded: GraphStore) -> None:
    data = _graphql(loaded, """{ sanctionsWithoutEuEstablishment(first: 50) { totalCount
        edges { node { sanction { id } firm { id } regulator { id } } } } }""")
    connection = data["sanctionsWithoutEuEstablishment"]
    rows = {(e["node"]["sanction"]["id"], e["node"]["firm"]["id"], e["node"]["regulator"]["id"])
            for e in connection["edges"]}
    assert rows == HEADLINE and connection["totalCount"] == len(HEADLINE)


def test_graphql_unknown_establishment_agrees(loaded: GraphStore) -> None:
    data = _graphql(loaded, """{ sanctionsWithUnknownEstablishment(first: 1) { totalCount
        pageInfo { hasNextPage } edges { node { sanction { id } firm { id } regulator { id } } } }
        today: sanctionsWithUnknownEstablishment(filter: {at: TODAY}) { totalCount }
        stats { establishment { firms known unknown shareKnown } } }""")
    connection = data["sanctionsWithUnknownEstablishment"]
    first = connection["edges"][0]["node"]
    assert (first["sanction"]["id"], first["firm"]["id"], first["regulator"]["id"]) in UNKNOWN
    assert connection["totalCount"] == len(UNKNOWN) and connection["pageInfo"]["hasNextPage"]
    assert data["today"]["totalCount"] == len(UNKNOWN_TODAY)
    assert data["stats"]["establishment"] == {"firms": 7, "known": 5, "unknown": 2,
                                              "shareKnown": round(5 / 7, 4)}


def test_cross_border_agrees(loaded: GraphStore) -> None:
    for traversals in (Traversals(loaded), loaded.traversals()):
        rows = traversals.cross_border_cases()
        assert [(r["firm"]["id"], r["countries"]) for r in rows] == [("company:gone", ["FR", "IE"])]


# -- the domain module is the reference --------------------------------------------------------
def test_domain_module_gives_the_answers(loaded: GraphStore) -> None:
    nodes = {n.id: n for n in loaded.iter_nodes()}
    rels = list(loaded.iter_relationships())
    issued: dict[str, list[Any]] = {}
    against: dict[str, list[str]] = {}
    for rel in rels:
        if rel.type == "ISSUED":
            issued.setdefault(rel.end, []).append(nodes[rel.start])
        elif rel.type == "AGAINST":
            against.setdefault(rel.start, []).append(rel.end)
    for decision, issuers in ISSUERS.items():
        assert [n.id for n in domain.ordered_issuers(issued[decision])] == issuers
        regulator = domain.decision_regulator(issued[decision])
        assert (regulator.id if regulator else None) == REGULATOR[decision]
    for sanction, targets in TARGETS.items():
        own, inherited = against.get(sanction, []), against.get(DECISION_OF[sanction], [])
        assert sorted(domain.sanction_targets(own, inherited)) == targets
    eu = domain.eu_memberships([n for n in nodes.values() if n.label == "Jurisdiction"], rels)
    for (firm, at), verdict in ESTABLISHED.items():
        mine = [r for r in rels if r.start == firm]
        assert domain.eu_establishment(nodes[firm].properties, mine, eu, at) is verdict, (firm, at)


def _graphql(store: GraphStore, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """A GraphQL answer, in process, through the API's schema and per-request context."""
    settings = Settings()
    run = build_schema(settings).execute(
        query, variable_values=variables, context_value=make_context(settings, store))
    # a loop of its own: the browser tests' Playwright keeps one running on this thread
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, run).result()
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data
