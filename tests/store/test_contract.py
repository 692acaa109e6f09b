"""The GraphStore contract, run on every backend (the ``store`` fixture): same answers everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.schema.errors import InvalidData, SchemaError
from enforcegraph.schema.records import Batch

MINI_NODES = {
    "Source": 1, "Jurisdiction": 4, "Regulator": 2, "Company": 3, "Law": 1,
    "LegalArticle": 1, "Decision": 4, "Sanction": 4,
}
MINI_RELS = {
    "MEMBER_OF": 2, "HAS_ESTABLISHMENT": 2, "ISSUED": 4, "AGAINST": 4, "IMPOSES": 4,
    "PART_OF": 1, "INFRINGES": 1,
}


def ids(items: Any) -> list[str]:
    return [item.id for item in items]


def snapshot(store: GraphStore) -> dict[str, Any]:
    """Everything a reader can see, plus the embedded store's file bytes."""
    state: dict[str, Any] = {
        "stats": store.stats().to_dict(),
        "nodes": [n.to_dict() for n in store.iter_nodes()],
        "rels": [r.to_dict() for r in store.iter_relationships()],
    }
    path = getattr(store, "path", None)
    if isinstance(store, EmbeddedStore) and isinstance(path, Path):
        store.settle()  # the WAL's pages reach the main file on a thread of their own
        for suffix in ("", "-wal"):
            file = path.with_name(path.name + suffix)
            state[f"bytes{suffix}"] = file.read_bytes() if file.exists() else None
    return state


# -- writing ---------------------------------------------------------------------------------
def test_upsert_counts_created_then_unchanged(store: GraphStore, mini_batch: Batch) -> None:
    first = store.upsert(mini_batch)
    assert first.to_dict() == {
        "nodes_created": 20, "nodes_updated": 0, "nodes_unchanged": 0,
        "relationships_created": 18, "relationships_updated": 0, "relationships_unchanged": 0,
    }
    before = snapshot(store)
    again = store.upsert(mini_batch)
    assert (again.nodes_unchanged, again.relationships_unchanged, again.changed) == (20, 18, False)
    assert snapshot(store) == before


def test_upsert_updates_merge_and_count(mini: GraphStore, make_node: Any, make_rel: Any) -> None:
    summary = mini.upsert(
        Batch(
            nodes=[
                make_node("source:example-2", "Source", url="https://example.org/2"),
                make_node("company:local", "Company", name="Local Données SAS", notes="checked",
                          country=None, sources=["source:example-2"]),
                make_node("company:new", "Company", name="New Firm"),
            ],
            relationships=[
                make_rel("MEMBER_OF", "jurisdiction:gb", "jurisdiction:eu", note="Brexit"),
                make_rel("HAS_ESTABLISHMENT", "company:local", "jurisdiction:fr"),
            ],
        )
    )
    assert summary.to_dict() == {
        "nodes_created": 2, "nodes_updated": 1, "nodes_unchanged": 0,
        "relationships_created": 0, "relationships_updated": 1, "relationships_unchanged": 1,
    }
    local = mini.get("company:local")
    assert local is not None
    assert local.properties == {
        "name": "Local Données SAS", "country": "FR", "notes": "checked",
        "sources": ["source:example-1", "source:example-2"],
    }
    (member,) = mini.relationships_of(["jurisdiction:gb"], ["MEMBER_OF"], "out")
    assert member.properties == {
        "valid_from": "1973-01-01", "valid_to": "2020-01-31", "note": "Brexit",
        "sources": ["source:example-1"],
    }


def test_duplicate_records_in_one_batch_merge(store: GraphStore, make_node: Any) -> None:
    source = make_node("source:example-1", "Source", url="https://example.org/1")
    summary = store.upsert(
        Batch(nodes=[source, make_node("company:x", "Company", name="X", aliases=["Ex"]),
                     make_node("company:x", "Company", name="X", aliases=["Why"])])
    )
    assert (summary.nodes_created, summary.nodes_updated) == (2, 0)
    node = store.get("company:x")
    assert node is not None and node.get("aliases") == ["Ex", "Why"]


def test_property_types_round_trip(mini: GraphStore, make_node: Any) -> None:
    mini.upsert(
        Batch(nodes=[
            make_node("company:typed", "Company", name="Typed", turnover=1500000.5,
                      turnover_year=2021, roles=["pr_agency", "platform"]),
            make_node("sanction:typed", "Sanction", kind="fine", amount=0,
                      statutory_maximum=True),
        ])
    )
    typed = mini.get_many(["company:typed", "sanction:typed"])
    company, sanction = typed["company:typed"], typed["sanction:typed"]
    assert company.get("turnover") == 1500000.5 and isinstance(company.get("turnover"), float)
    assert company.get("turnover_year") == 2021 and isinstance(company.get("turnover_year"), int)
    assert company.get("roles") == ["pr_agency", "platform"]
    assert sanction.get("statutory_maximum") is True
    assert sanction.get("amount") == 0 and isinstance(sanction.get("amount"), int)


def test_invalid_batch_changes_nothing(mini: GraphStore, make_node: Any, make_rel: Any) -> None:
    before = snapshot(mini)
    batch = Batch(
        nodes=[
            make_node("company:new", "Company", name="Fine"),
            make_node("company:bad", "Company", name="Bad", colour="red"),
        ],
        relationships=[
            make_rel("AGAINST", "decision:fr-1", "company:missing"),
            make_rel("ISSUED", "company:local", "decision:fr-1"),
        ],
    )
    with pytest.raises(InvalidData) as caught:
        mini.upsert(batch)
    fields = sorted((e.field, e.message.split()[0]) for e in caught.value.errors)
    assert fields == [("colour", "unknown"), ("from", "ISSUED"), ("to", "no")]
    assert mini.get("company:new") is None
    assert snapshot(mini) == before


# -- reading by id -----------------------------------------------------------------------------
def test_get_and_get_many(mini: GraphStore) -> None:
    node = mini.get("company:far-away")
    assert node is not None
    assert (node.id, node.label) == ("company:far-away", "Company")
    assert node.properties == {
        "name": "Far Away Analytics, Inc.", "aliases": ["FarAway"], "country": "US",
        "sources": ["source:example-1"],
    }
    assert mini.get("company:nobody") is None
    found = mini.get_many(["decision:fr-1", "nope:x", "decision:fr-1", "source:example-1"])
    assert sorted(found) == ["decision:fr-1", "source:example-1"]
    assert found["source:example-1"].properties == {
        "url": "https://example.org/decision-1", "title": "Decision 1",
    }
    assert mini.get_many([]) == {}


def test_lookup_labels(mini: GraphStore) -> None:
    assert mini.lookup_labels(["article:gdpr-32", "law:gdpr", "company:none"]) == {
        "article:gdpr-32": "LegalArticle", "law:gdpr": "Law",
    }


# -- relationships -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("node_ids", "types", "direction", "expected"),
    [
        (["decision:fr-1"], ["AGAINST"], "out", ["AGAINST:decision:fr-1->company:far-away"]),
        (["decision:fr-1"], None, "out", [
            "AGAINST:decision:fr-1->company:far-away",
            "IMPOSES:decision:fr-1->sanction:fr-1-fine",
            "INFRINGES:decision:fr-1->article:gdpr-32#32(1)",
        ]),
        (["decision:fr-1"], None, "in", ["ISSUED:regulator:fr-dpa->decision:fr-1"]),
        (["decision:fr-1"], ["ISSUED", "IMPOSES"], "both", [
            "IMPOSES:decision:fr-1->sanction:fr-1-fine",
            "ISSUED:regulator:fr-dpa->decision:fr-1",
        ]),
        (["decision:fr-1", "decision:gb-1", "regulator:fr-dpa"], ["AGAINST", "ISSUED"], "out", [
            "AGAINST:decision:fr-1->company:far-away",
            "AGAINST:decision:gb-1->company:far-away",
            "ISSUED:regulator:fr-dpa->decision:fr-1",
            "ISSUED:regulator:fr-dpa->decision:fr-2",
            "ISSUED:regulator:fr-dpa->decision:fr-3",
        ]),
        (["jurisdiction:fr", "jurisdiction:eu"], ["MEMBER_OF"], "both", [
            "MEMBER_OF:jurisdiction:fr->jurisdiction:eu",
            "MEMBER_OF:jurisdiction:gb->jurisdiction:eu",
        ]),
        (["company:nobody"], None, "both", []),
        ([], None, "both", []),
    ],
)
def test_relationships_of(
    mini: GraphStore, node_ids: list[str], types: list[str] | None, direction: Any,
    expected: list[str],
) -> None:
    assert ids(mini.relationships_of(node_ids, types, direction)) == expected


def test_relationship_fields_and_parallel_edges(mini: GraphStore, make_rel: Any) -> None:
    mini.upsert(Batch(relationships=[
        make_rel("INFRINGES", "decision:fr-1", "article:gdpr-32", key="32(2)", provision="32(2)"),
    ]))
    first, second = mini.relationships_of(["article:gdpr-32"], ["INFRINGES"], "in")
    assert (first.type, first.start, first.end, first.key) == (
        "INFRINGES", "decision:fr-1", "article:gdpr-32", "32(1)",
    )
    assert first.properties == {
        "provision": "32(1)", "paragraph": "1", "sources": ["source:example-1"],
    }
    assert (second.key, second.properties) == (
        "32(2)", {"provision": "32(2)", "sources": ["source:example-1"]},
    )
    with pytest.raises(SchemaError):
        mini.relationships_of(["decision:fr-1"], ["LIKES"])


def test_neighbours(mini: GraphStore) -> None:
    pairs = mini.neighbours("company:far-away")
    assert [(r.type, n.id) for r, n in pairs] == [
        ("AGAINST", "decision:fr-1"), ("AGAINST", "decision:gb-1"),
    ]
    assert pairs[0][1].get("ref") == "FR-1"
    assert mini.neighbours("company:far-away", direction="out") == []
    assert [n.id for _, n in mini.neighbours("decision:fr-1", ["ISSUED", "IMPOSES"])] == [
        "sanction:fr-1-fine", "regulator:fr-dpa",
    ]


# -- find and count --------------------------------------------------------------------------
FIND_CASES = [
    ("Company", [("country", "eq", "FR")], ["company:local"]),
    ("Company", [("country", "ne", "FR")], ["company:far-away", "company:left"]),
    ("Company", [("country", "in", ["FR", "GB"])], ["company:left", "company:local"]),
    ("Company", [("country", "in", [])], []),
    ("Company", [("name", "contains", "LOCAL")], ["company:local"]),
    ("Company", [("aliases", "eq", "FarAway")], ["company:far-away"]),
    ("Company", [("aliases", "contains", "FarAway")], ["company:far-away"]),
    ("Company", [("aliases", "eq", "Far")], []),
    ("Company", [("sources", "eq", "source:example-1")],
     ["company:far-away", "company:left", "company:local"]),
    ("Company", [("id", "eq", "company:left")], ["company:left"]),
    ("Company", [("id", "in", ["company:left", "company:x"])], ["company:left"]),
    ("Sanction", [("amount", "gte", 1000)],
     ["sanction:fr-1-fine", "sanction:fr-2-fine", "sanction:gb-1-fine"]),
    ("Sanction", [("amount", "lte", 1000)], ["sanction:fr-2-fine", "sanction:fr-3-fine"]),
    ("Sanction", [("currency", "eq", "EUR"), ("amount", "gte", 1000)],
     ["sanction:fr-1-fine", "sanction:fr-2-fine"]),
    ("Sanction", [("amount_eur", "exists", True)],
     ["sanction:fr-1-fine", "sanction:fr-2-fine", "sanction:fr-3-fine"]),
    ("Sanction", [("amount_eur", "exists", False)], ["sanction:gb-1-fine"]),
    ("Decision", [("date", "gte", "2022")], ["decision:fr-1", "decision:gb-1"]),
    ("Decision", [("date", "lte", "2021-01-10")], ["decision:fr-2", "decision:fr-3"]),
    ("Decision", [("status", "exists", None)], ["decision:fr-1"]),
    ("Decision", [("status", "ne", "final")], ["decision:fr-2", "decision:fr-3", "decision:gb-1"]),
]


@pytest.mark.parametrize(("label", "filters", "expected"), FIND_CASES)
def test_find_filters_and_count(
    mini: GraphStore, label: str, filters: list[tuple[str, Any, Any]], expected: list[str]
) -> None:
    flts = [PropertyFilter(prop, op, value) for prop, op, value in filters]
    assert ids(mini.find(label, flts)) == expected
    assert mini.count(label, flts) == len(expected)


@pytest.mark.parametrize(
    ("label", "order_by", "descending", "expected"),
    [
        ("Sanction", "amount", False,
         ["sanction:fr-3-fine", "sanction:fr-2-fine", "sanction:gb-1-fine", "sanction:fr-1-fine"]),
        ("Sanction", "amount", True,
         ["sanction:fr-1-fine", "sanction:gb-1-fine", "sanction:fr-2-fine", "sanction:fr-3-fine"]),
        ("Sanction", "amount_eur", False,
         ["sanction:fr-3-fine", "sanction:fr-2-fine", "sanction:fr-1-fine", "sanction:gb-1-fine"]),
        ("Sanction", "amount_eur", True,
         ["sanction:fr-1-fine", "sanction:fr-2-fine", "sanction:fr-3-fine", "sanction:gb-1-fine"]),
        ("Sanction", "currency", False,
         ["sanction:fr-1-fine", "sanction:fr-2-fine", "sanction:fr-3-fine", "sanction:gb-1-fine"]),
        ("Decision", "status", False,
         ["decision:fr-1", "decision:fr-2", "decision:fr-3", "decision:gb-1"]),
        ("Decision", "status", True,
         ["decision:fr-1", "decision:gb-1", "decision:fr-3", "decision:fr-2"]),
        ("Decision", "date", True,
         ["decision:fr-1", "decision:gb-1", "decision:fr-2", "decision:fr-3"]),
        ("Company", "id", True, ["company:local", "company:left", "company:far-away"]),
    ],
)
def test_find_order(
    mini: GraphStore, label: str, order_by: str, descending: bool, expected: list[str]
) -> None:
    assert ids(mini.find(label, order_by=order_by, descending=descending)) == expected


def test_find_pages_and_rejects_unknown_names(mini: GraphStore) -> None:
    assert ids(mini.find("Sanction", limit=2, offset=1)) == [
        "sanction:fr-2-fine", "sanction:fr-3-fine",
    ]
    assert ids(mini.find("Sanction", order_by="amount", limit=1, offset=3)) == [
        "sanction:fr-1-fine",
    ]
    assert mini.find("Sanction", offset=10) == []
    assert mini.find("Person") == [] and mini.count("Person") == 0
    assert mini.count("Company") == 3
    with pytest.raises(SchemaError):
        mini.find("Sanction", order_by="colour")
    with pytest.raises(SchemaError):
        mini.find("Company", [PropertyFilter("colour", "eq", "red")])
    with pytest.raises(SchemaError):
        mini.count("Company", [PropertyFilter("name) RETURN 1 //", "eq", "x")])


# -- search ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        ("far away analytics", None, ["company:far-away"]),
        ("FAR-AWAY  Analytics, inc.", None, ["company:far-away"]),
        ("local données sas", None, ["company:local"]),
        ("LOCAL DONNEES", None, ["company:local"]),
        ("faraway", None, ["company:far-away"]),
        ("aex", None, ["regulator:fr-dpa"]),
        ("autorite exemple", None, ["regulator:fr-dpa"]),
        ("example", ["Regulator"], ["regulator:gb-dpa"]),
        ("example", ["Company"], []),
        ("company:left", None, ["company:left"]),
        ("sanction:fr-1-fine", None, ["sanction:fr-1-fine"]),
        ("sanction:fr-1-fine", ["Company"], []),
        (" ,.; ", None, []),
        ("nothing like this", None, []),
    ],
)
def test_search(mini: GraphStore, text: str, labels: list[str] | None, expected: list[str]) -> None:
    assert ids(mini.search(text, labels))[: max(len(expected), 1)] == expected


def test_search_ranking(store: GraphStore, make_node: Any) -> None:
    names = {
        "company:zacmeon": "Zacmeon", "company:big-acme": "Big Acme Corp",
        "company:acme-holdings": "Acme Holdings", "company:acme": "ACME",
        "company:acme-co": "Acme Co.", "company:acme-b": "Acme Co!",
    }
    store.upsert(Batch(nodes=[
        make_node("source:example-1", "Source", url="https://example.org/1"),
        *(make_node(node_id, "Company", name=name) for node_id, name in names.items()),
    ]))
    assert ids(store.search("acme")) == [
        "company:acme", "company:acme-b", "company:acme-co", "company:acme-holdings",
        "company:big-acme", "company:zacmeon",
    ]
    assert ids(store.search("acme", limit=2)) == ["company:acme", "company:acme-b"]
    assert ids(store.search("acme", ["Person"])) == []
    with pytest.raises(SchemaError):
        store.search("acme", ["Firm"])


def test_search_finds_nodes_with_very_long_names(store: GraphStore, make_node: Any) -> None:
    aliases = [f"Trading Name {i} " + "x" * 470 for i in range(80)]  # ~39 kB of names
    store.upsert(Batch(nodes=[
        make_node("source:example-1", "Source", url="https://example.org/1"),
        make_node("company:many-names", "Company", name="Many Names Ltd", aliases=aliases),
        make_node("company:other", "Company", name="Trading Name Other"),
    ]))
    assert ids(store.search("trading name 79")) == ["company:many-names"]
    assert ids(store.search("many names")) == ["company:many-names"]
    assert ids(store.search("trading name")) == ["company:other", "company:many-names"]
    node = store.get("company:many-names")
    assert node is not None and node.get("aliases") == aliases


# -- delete, stats, iteration -------------------------------------------------------------------
def test_delete_detaches_relationships(mini: GraphStore) -> None:
    assert mini.delete(["decision:fr-1", "company:nobody", "decision:fr-1"]) == 1
    assert mini.get("decision:fr-1") is None
    assert ids(mini.relationships_of(["company:far-away"])) == [
        "AGAINST:decision:gb-1->company:far-away",
    ]
    stats = mini.stats()
    assert stats.nodes["Decision"] == 3 and stats.total_relationships == 14
    assert "INFRINGES" not in stats.relationships
    assert mini.delete([]) == 0


def test_stats_and_clear(store: GraphStore, mini_batch: Batch) -> None:
    assert store.stats().to_dict() == {
        "nodes": {}, "relationships": {}, "total_nodes": 0, "total_relationships": 0,
    }
    store.upsert(mini_batch)
    stats = store.stats()
    assert (stats.nodes, stats.relationships) == (MINI_NODES, MINI_RELS)
    store.clear()
    assert store.stats().total_nodes == 0 and store.get("company:local") is None
    assert list(store.iter_relationships()) == []


def test_iteration_order(mini: GraphStore) -> None:
    node_ids = ids(mini.iter_nodes())
    assert len(node_ids) == 20 and node_ids == sorted(node_ids)
    assert ids(mini.iter_nodes("Company")) == ["company:far-away", "company:left", "company:local"]
    rel_ids = ids(mini.iter_relationships())
    assert len(rel_ids) == 18 and rel_ids == sorted(rel_ids)
    assert ids(mini.iter_relationships("MEMBER_OF")) == [
        "MEMBER_OF:jurisdiction:fr->jurisdiction:eu", "MEMBER_OF:jurisdiction:gb->jurisdiction:eu",
    ]


def test_iteration_crosses_pages(store: GraphStore, make_node: Any, make_rel: Any) -> None:
    count = 5_050  # more than one page of 5000 on every backend
    nodes = [make_node("source:example-1", "Source", url="https://example.org/1"),
             make_node("jurisdiction:fr", "Jurisdiction", name="France", code="FR", kind="country")]
    nodes += [make_node(f"company:c{i:05d}", "Company", name=f"Firm {i}") for i in range(count)]
    rels = [make_rel("INCORPORATED_IN", f"company:c{i:05d}", "jurisdiction:fr") for i in range(count)]
    store.upsert(Batch(nodes=nodes, relationships=rels))
    companies = ids(store.iter_nodes("Company"))
    assert len(companies) == count and companies == sorted(companies)
    assert len(set(ids(store.iter_nodes()))) == count + 2
    rel_ids = ids(store.iter_relationships())
    assert len(rel_ids) == count and rel_ids == sorted(rel_ids)
    graph = store.to_networkx(["Company", "Jurisdiction"], ["INCORPORATED_IN"])
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (count + 1, count)


def test_to_networkx(mini: GraphStore) -> None:
    graph = mini.to_networkx()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (20, 18)
    assert graph.nodes["company:local"] == {
        "label": "Company", "name": "Local Données SAS", "country": "FR",
        "sources": ["source:example-1"],
    }
    edge = graph.edges["decision:fr-1", "article:gdpr-32", "INFRINGES:decision:fr-1->article:gdpr-32#32(1)"]
    assert edge == {"type": "INFRINGES", "provision": "32(1)", "paragraph": "1",
                    "sources": ["source:example-1"]}
    part = mini.to_networkx(["Company", "Decision"])
    assert sorted(part.nodes) == sorted(
        ["company:far-away", "company:left", "company:local",
         "decision:fr-1", "decision:fr-2", "decision:fr-3", "decision:gb-1"]
    )
    assert {d["type"] for _, _, d in part.edges(data=True)} == {"AGAINST"}
    assert part.number_of_edges() == 4
    typed = mini.to_networkx(types=["IMPOSES"])
    assert (typed.number_of_nodes(), typed.number_of_edges()) == (20, 4)
    both = mini.to_networkx(["Decision", "Sanction"], ["IMPOSES", "AGAINST"])
    assert (both.number_of_nodes(), both.number_of_edges()) == (8, 4)
    with pytest.raises(SchemaError):
        mini.to_networkx(["Firm"])
    with pytest.raises(SchemaError):
        mini.to_networkx(types=["LIKES"])


def test_ping(store: GraphStore) -> None:
    store.ping()


# -- the traversal catalogue: every backend gives the reference rows ----------------------------
def catalogue_calls(reference: GraphStore) -> list[tuple[str, str | None, dict[str, Any]]]:
    """Every catalogue traversal with every argument the graph makes meaningful."""
    regulators = sorted({r.start for r in reference.iter_relationships("ISSUED")
                         if r.start.startswith("regulator:")})
    calls: list[tuple[str, str | None, dict[str, Any]]] = [
        (name, None, options)
        for name in ("sanctions-without-eu-establishment", "sanctions-with-unknown-establishment")
        for options in (
            {}, {"at": "today"}, {"jurisdiction": "EU"}, {"jurisdiction": "FR"},
            {"jurisdiction": "GB"}, {"since": "2021", "until": "2022-06"},
            {"since": "2022-10-17"}, {"regulator": regulators[0]},
            {"regulator": regulators[-1], "at": "today", "jurisdiction": "EU"},
        )
    ]
    calls.append(("cross-border-cases", None, {}))
    targets = sorted({r.end for r in reference.iter_relationships("AGAINST")})
    for target in targets:
        calls.append(("enforcement-history", target, {}))
        if target.startswith("company:"):
            calls.append(("claims-contradicted", target, {}))
    articles: set[str] = set()
    for rel_type in ("INFRINGES", "CITES"):
        for rel in reference.iter_relationships(rel_type):
            if rel.end.startswith("article:"):
                articles.add(rel.end)
                provision = rel.properties.get("provision")
                if rel.end.startswith("article:gdpr-") and provision:
                    articles.add(f"GDPR Art. {provision}")
    calls += [("decisions-citing", article, {}) for article in sorted(articles)]
    return calls


def check_pages(store: GraphStore, flt: Any, rows: list[dict[str, Any]],
                name: str = "sanctions-without-eu-establishment") -> None:
    """Pages and the count of the headline traversal (or its coverage gap) agree with the
    whole list."""
    traversals: Any = store.traversals()
    method = name.replace("-", "_")
    assert getattr(traversals, f"count_{method}")(flt) == len(rows)
    for limit, offset in ((1, 0), (2, 1), (5, 3), (100, 0), (0, 0), (3, 1000), (7, len(rows) - 2)):
        page = getattr(traversals, method)(flt, limit=limit, offset=max(offset, 0))
        assert page == rows[max(offset, 0) : max(offset, 0) + limit], (flt, limit, offset)


@pytest.mark.parametrize("graph", ["mini", "edge-cases", "clearview", "reference-cases"])
def test_catalogue_gives_reference_rows(
    store: GraphStore, tmp_path: Path, graph: str, graph_batches: Any
) -> None:
    from enforcegraph.graph.backends.embedded import EmbeddedStore
    from enforcegraph.graph.domain.traversals import CATALOGUE, SanctionFilter, Traversals
    from enforcegraph.loaders.datasets import dataset_batch

    batch = graph_batches(graph) if graph in ("mini", "edge-cases") else dataset_batch(graph)
    store.upsert(batch)
    with EmbeddedStore(tmp_path / "reference.sqlite") as reference:
        reference.upsert(batch)
        generic = Traversals(reference)
        calls = catalogue_calls(reference)
        assert {name for name, _, _ in calls} == set(CATALOGUE)
        nonempty = set()
        for name, argument, options in calls:
            expected = generic.run(name, argument, **options)
            assert store.traversals().run(name, argument, **options) == expected, (name, argument, options)
            if expected:
                nonempty.add(name)
            if name in ("sanctions-without-eu-establishment", "sanctions-with-unknown-establishment"):
                check_pages(store, SanctionFilter(**options), expected, name)
    gap = "sanctions-with-unknown-establishment"  # a firm nothing locates: reference-cases
    if graph in ("edge-cases", "clearview"):  # every other traversal has rows to compare there
        assert nonempty == set(CATALOGUE) - {gap}
    if graph == "reference-cases":
        assert gap in nonempty


def test_known_answers_on_mini(mini: GraphStore) -> None:
    run = mini.traversals().run
    rows = run("sanctions-without-eu-establishment")
    assert [(r["sanction"]["id"], r["firm"]["id"], r["decision"]["date"]) for r in rows] == [
        ("sanction:gb-1-fine", "company:far-away", "2022-05-18"),
        ("sanction:fr-1-fine", "company:far-away", "2022-10-17"),
    ]
    assert rows[1]["articles"] == ["article:gdpr-32"]
    assert rows[1]["sources"] == ["https://example.org/decision-1"]
    assert rows[1]["regulator"] == {"id": "regulator:fr-dpa", "name": "Autorité Exemple", "country": "FR"}
    today = run("sanctions-without-eu-establishment", at="today")
    assert [r["firm"]["id"] for r in today] == ["company:left", "company:far-away", "company:far-away"]
    assert [r["firm"]["id"] for r in run("cross-border-cases")] == ["company:far-away"]
    history = run("enforcement-history", "Far Away Analytics")
    assert [r["id"] for r in history] == ["decision:gb-1", "decision:fr-1"]
    assert [r["id"] for r in run("decisions-citing", "GDPR Art. 32(1)")] == ["decision:fr-1"]
    assert run("decisions-citing", "GDPR Art. 32(2)") == []
    assert run("decisions-citing", "article:gdpr-32")[0]["provisions"] == ["32(1)"]
