"""Full-text search in the store contract, on every backend (the ``store`` fixture): what it
finds, in what order, the passage it shows, and that it follows every write."""

from __future__ import annotations

from typing import Any

import pytest

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.graph.store.fulltext import SearchPage
from enforcegraph.loaders.resolution import judge_pair
from enforcegraph.schema.errors import InvalidData, SchemaError
from enforcegraph.schema.records import Batch, NodeRecord

SOURCE = "source:example-1"


def _node(node_id: str, label: str, **props: Any) -> NodeRecord:
    props.setdefault("sources", [SOURCE])
    return NodeRecord(node_id, label, props)


def _graph() -> Batch:
    return Batch(nodes=[
        _node(SOURCE, "Source", url="https://example.org/1", title="Example report",
              publisher="Example Press"),
        _node("company:far-away", "Company", name="Far Away Analytics, Inc.",
              notes="No establishment in the EU; it serves EU users from Delaware."),
        _node("company:establishment-works", "Company", name="Establishment Works Ltd"),
        _node("company:local", "Company", name="Local Données SAS", aliases=["LD"]),
        _node("decision:fr-1", "Decision", kind="fine_decision", ref="SAN-2024-001",
              title="Fine against Far Away Analytics",
              summary="The regulator found the firm had no main establishment in any member "
                      "state, so the one-stop-shop did not apply."),
        _node("decision:gb-1", "Decision", kind="order", ref="ICO-2024-7", title="Order to Local"),
        _node("statement:far-away-1", "Statement", text="We are not subject to the GDPR.",
              claims=["Far Away Analytics has no establishment in Europe.",
                      "It does not sell to Europeans."]),
        _node("article:gdpr-56", "LegalArticle", citation="GDPR Art. 56", number="56",
              title="Competence of the lead supervisory authority",
              text="The supervisory authority of the main establishment or of the single "
                   "establishment of the controller shall be competent."),
    ])


@pytest.fixture
def searched(store: GraphStore) -> GraphStore:
    store.upsert(_graph())
    return store


def _ids(page: SearchPage) -> list[str]:
    return [hit.node.id for hit in page.hits]


def test_finds_names_summaries_notes_claims_and_article_text(searched: GraphStore) -> None:
    page = searched.full_text("establishment")
    assert page.total == 5
    assert set(_ids(page)) == {"company:establishment-works", "company:far-away", "decision:fr-1",
                               "statement:far-away-1", "article:gdpr-56"}
    assert _ids(page)[0] == "company:establishment-works"  # in a name: above every text
    where = {hit.node.id: hit.snippet.property for hit in page.hits if hit.snippet}
    assert where == {"company:establishment-works": "name", "company:far-away": "notes",
                     "decision:fr-1": "summary", "statement:far-away-1": "claims",
                     "article:gdpr-56": "text"}
    claim = next(hit.snippet for hit in page.hits if hit.node.id == "statement:far-away-1")
    assert claim is not None and claim.text == "Far Away Analytics has no establishment in Europe."
    assert [claim.text[s:e] for s, e in claim.matches] == ["establishment"]
    article = next(hit.snippet for hit in page.hits if hit.node.id == "article:gdpr-56")
    assert article is not None
    assert [article.text[s:e] for s, e in article.matches] == ["establishment", "establishment"]
    assert [p.text for p in article.parts() if p.match] == ["establishment", "establishment"]


def test_every_term_must_match_and_the_last_is_a_prefix(searched: GraphStore) -> None:
    assert _ids(searched.full_text("delaware establish")) == ["company:far-away"]
    assert _ids(searched.full_text("dublin establish")) == []  # every term, not any
    assert set(_ids(searched.full_text("main establish"))) == {"decision:fr-1", "article:gdpr-56"}
    assert set(_ids(searched.full_text("establishment europe"))) == {"statement:far-away-1"}
    assert _ids(searched.full_text("far away anal"))[:1] == ["company:far-away"]
    assert searched.full_text("establishments").total == 0  # a longer word is not a prefix
    assert searched.full_text("nothing like this").total == 0


def test_case_accents_and_punctuation_are_folded(searched: GraphStore) -> None:
    assert _ids(searched.full_text("DONNEES")) == ["company:local"]
    assert _ids(searched.full_text("données")) == ["company:local"]
    hit = searched.full_text("san 2024 001").hits[0]
    assert hit.node.id == "decision:fr-1" and hit.snippet is not None
    assert hit.snippet.property == "ref" and hit.snippet.text == "SAN-2024-001"
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.matches] == ["SAN", "2024", "001"]
    assert _ids(searched.full_text("SAN-2024-001")) == ["decision:fr-1"]


def test_ranking_exact_name_then_names_then_text_then_id(store: GraphStore) -> None:
    store.upsert(Batch(nodes=[
        _node(SOURCE, "Source", url="https://example.org/1"),
        _node("company:acme-b", "Company", name="Acme Widgets"),
        _node("company:acme-a", "Company", name="Acme Widgets"),
        _node("company:acme", "Company", name="ACME"),
        _node("company:other", "Company", name="Other", notes="Acme bought it."),
        _node("decision:x", "Decision", kind="order", summary="Acme and acme again."),
    ]))
    page = store.full_text("acme")
    assert _ids(page)[:3] == ["company:acme", "company:acme-a", "company:acme-b"]
    assert set(_ids(page)[3:]) == {"company:other", "decision:x"}
    assert page.hits[1].score == pytest.approx(page.hits[2].score)  # a tie: by id
    assert [page.hits[i].score >= page.hits[i + 1].score for i in (1, 2, 3)] == [True] * 3
    assert _ids(store.full_text("acme")) == _ids(page)  # stable


def test_pages_labels_and_totals(searched: GraphStore) -> None:
    whole = _ids(searched.full_text("establishment", limit=50))
    pages = [_ids(searched.full_text("establishment", limit=2, offset=o)) for o in (0, 2, 4)]
    assert [i for p in pages for i in p] == whole
    assert searched.full_text("establishment", limit=2, offset=4).total == 5
    only = searched.full_text("establishment", ["Company", "Statement"])
    assert only.total == 3
    assert set(_ids(only)) == {"company:establishment-works", "company:far-away",
                               "statement:far-away-1"}
    assert searched.full_text("establishment", ["Person"]) == SearchPage([], 0)
    with pytest.raises(SchemaError):
        searched.full_text("establishment", ["Firm"])


def test_ranks_and_counts_at_most_most_matches(searched: GraphStore) -> None:
    every = set(_ids(searched.full_text("establishment", limit=50)))
    exact = searched.full_text("establishment", limit=50, most=5)
    assert exact.total == 5 and not exact.capped and set(_ids(exact)) == every
    first = searched.full_text("establishment", limit=2, most=3)
    assert first.total == 3 and first.capped  # five match: only three ranked, and it says so
    pages = [searched.full_text("establishment", limit=2, offset=o, most=3) for o in (0, 2, 4)]
    assert [(p.total, p.capped) for p in pages] == [(3, True)] * 3
    walked = [i for p in pages for i in _ids(p)]
    assert len(walked) == len(set(walked)) == 3 and set(walked) <= every
    assert walked == _ids(searched.full_text("establishment", limit=50, most=3))  # stable
    scores = [hit.score for p in pages for hit in p.hits]
    assert scores == sorted(scores, reverse=True)
    only = searched.full_text("establishment", ["Company", "Statement"], most=2)
    assert (only.total, only.capped) == (2, True)
    assert set(_ids(only)) < {"company:establishment-works", "company:far-away",
                              "statement:far-away-1"}
    assert searched.full_text("establishment", ["Company", "Statement"], most=3).capped is False
    with pytest.raises(ValueError):
        searched.full_text("establishment", most=0)


def test_an_id_finds_its_node_alone(searched: GraphStore) -> None:
    page = searched.full_text(" company:local ")
    assert _ids(page) == ["company:local"] and page.total == 1
    assert page.hits[0].snippet is not None and page.hits[0].snippet.property == "id"
    assert searched.full_text("company:local", ["Decision"]).total == 0


@pytest.mark.parametrize("text", [
    'a:b (c) "d" AND OR NOT* ~2 \\ / [x TO y] {z} ^3 && || ! ?', "*", "   ", ",.;", "'\"",
    "establishment)", "OR", "ünïcödé:", "x" * 600,
])
def test_any_text_is_safe(searched: GraphStore, text: str) -> None:
    page = searched.full_text(text)
    assert page.total >= len(page.hits)
    if text == "establishment)":
        assert page.total == 5


def test_follows_updates_merges_splits_deletes_and_failed_loads(store: GraphStore) -> None:
    store.upsert(_graph(), dataset="one")
    changed = _graph()
    changed.nodes[1] = _node("company:far-away", "Company", name="Far Away Analytics, Inc.",
                             notes="Now has a branch in Dublin.")
    store.upsert(changed, dataset="one")  # the dataset's new word replaces its old one
    assert "company:far-away" not in _ids(store.full_text("establishment"))
    assert _ids(store.full_text("dublin")) == ["company:far-away"]

    store.upsert(Batch(nodes=[_node("company:faraway-eu", "Company", name="FarAway EU Ltd",
                                    aliases=["Quokka Trading"])]), dataset="two")
    judge_pair(store, "company:far-away", "company:faraway-eu", "same", "analyst")
    assert _ids(store.full_text("quokka")) == ["company:far-away"]  # the merged alias
    judge_pair(store, "company:far-away", "company:faraway-eu", "not_same", "analyst")
    assert _ids(store.full_text("quokka")) == ["company:faraway-eu"]

    bad = Batch(nodes=[_node("company:wombat", "Company", name="Wombat Holdings"),
                       _node("company:broken", "Company")])  # no name: rejected whole
    with pytest.raises(InvalidData):
        store.upsert(bad)
    assert store.full_text("wombat").total == 0

    store.delete(["company:local"])
    assert store.full_text("donnees").total == 0
    store.clear()
    assert store.full_text("establishment").total == 0


def test_lucene_terms_are_escaped() -> None:
    from enforcegraph.graph.backends.cypher import lucene_escape, lucene_query

    assert lucene_escape('a:b(c)"d"*?~^\\/[]{}!&|+-') == (
        'a\\:b\\(c\\)\\"d\\"\\*\\?\\~\\^\\\\\\/\\[\\]\\{\\}\\!\\&\\|\\+\\-')
    assert lucene_query(["no", "est"], 10.0) == (
        "+(_ft_names:no^10 _ft_body:no) "
        "+(_ft_names:est^10 _ft_body:est _ft_names:est*^10 _ft_body:est*)")


@pytest.mark.parametrize(("text", "terms", "marked"), [
    ("Die Straße der Niederlassung", ["strasse", "nieder"], ["Straße", "Niederlassung"]),
    ("Établissement principal; l'établissement", ["etablissement"], ["Établissement", "établissement"]),
    ("ﬁnes and fines", ["fines"], ["ﬁnes", "fines"]),
    ("data_protection dataprotection", ["data"], ["data", "dataprotection"]),
])
def test_snippet_marks_whole_words_whatever_the_folding(text: str, terms: list[str],
                                                        marked: list[str]) -> None:
    from enforcegraph.graph.store.fulltext import snippet_of

    cut = snippet_of({"notes": text}, ("notes",), terms)
    assert cut is not None and [cut.text[s:e] for s, e in cut.matches] == marked
