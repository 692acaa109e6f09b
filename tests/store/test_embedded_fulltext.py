"""The embedded store's full-text index: built for a store from before it existed, rebuilt
when the searched properties change, and a clear error where it cannot be built."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from enforcegraph.graph.backends import sqlfulltext
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.schema.errors import StoreError
from enforcegraph.schema.records import Batch, NodeRecord

SOURCE = "source:example-1"


def _batch() -> Batch:
    return Batch(nodes=[
        NodeRecord(SOURCE, "Source", {"url": "https://example.org/1"}),
        NodeRecord("company:far-away", "Company", {
            "name": "Far Away Analytics", "notes": "No establishment in the EU.",
            "sources": [SOURCE]}),
    ])


def _forget_the_index(path: Path) -> None:
    """Make the file look like one written before full-text search."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        DROP TABLE fulltext; DROP TABLE fulltext_ids; DROP TABLE fulltext_dirty;
        DELETE FROM meta WHERE key = 'fulltext';
    """)
    conn.close()


def test_a_store_from_before_is_indexed_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    _forget_the_index(path)
    with EmbeddedStore(path, read_only=True) as reader, pytest.raises(StoreError) as failed:
        reader.full_text("establishment")
    assert "no full-text index yet" in str(failed.value) and str(path) in str(failed.value)
    with EmbeddedStore(path) as store:
        assert [h.node.id for h in store.full_text("establishment").hits] == ["company:far-away"]
    with EmbeddedStore(path, read_only=True) as reader:
        assert reader.full_text("establishment").total == 1


def test_the_index_is_rebuilt_when_its_signature_changes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'other' WHERE key = 'fulltext'")
    conn.execute("DELETE FROM fulltext")  # what an index of other properties would lack
    conn.commit()
    conn.close()
    with EmbeddedStore(path) as store:
        assert store.full_text("establishment").total == 1
        assert store.full_text("far away").total == 1


def test_an_index_kept_by_triggers_is_rebuilt_without_them(tmp_path: Path) -> None:
    """Stores indexed by the first version (row triggers on nodes: a savepoint per row, a
    load slower batch after batch) get the set-based index on their next writing open."""
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.upsert(_batch())
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TRIGGER fulltext_insert AFTER INSERT ON nodes BEGIN SELECT 1; END;
        UPDATE meta SET value = '3:old' WHERE key = 'fulltext';
    """)
    conn.close()
    with EmbeddedStore(path) as store:
        assert store.full_text("establishment").total == 1
    conn = sqlite3.connect(path)
    triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    conn.close()
    assert triggers == []


def _scored(path: Path) -> EmbeddedStore:
    words = ["alpha", "beta", "gamma", "delta"]
    nodes = [NodeRecord(SOURCE, "Source", {"url": "https://example.org/1"})]
    for number in range(40):
        name = " ".join(words[(number + k) % 4] for k in range(1 + number % 3))
        notes = " ".join(words[(number * k) % 4] for k in range(number % 7)) or None
        props = {"name": f"{name} firm {number}", "sources": [SOURCE]}
        if notes:
            props["notes"] = notes
        nodes.append(NodeRecord(f"company:scored-{number:02d}", "Company", props))
    store = EmbeddedStore(path)
    store.upsert(Batch(nodes=nodes))
    return store


@pytest.mark.parametrize("text", ["alpha", "beta gamma", "gamma delta firm", "firm 1"])
def test_scores_are_fts5_bm25_when_every_term_is_counted(tmp_path: Path, text: str) -> None:
    """Scored from the ranked matches' words (not FTS5's bm25(), which reads every term's
    whole list), the scores equal FTS5's own when the terms' counts are exact."""
    store = _scored(tmp_path / "s.sqlite")
    page = store.full_text(text, limit=50)
    assert page.total > 1 and not page.capped
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    terms = text.split()
    match = " AND ".join(f'"{t}"' for t in terms[:-1]) + (" AND " if terms[1:] else "") + \
        f'"{terms[-1]}"*'
    fts5 = dict(conn.execute("SELECT id, -bm25(fulltext, 0.0, 0.0, 10.0, 1.0) FROM fulltext "
                             "WHERE fulltext MATCH ?", [match]))
    conn.close()
    store.close()
    if text == "firm 1":  # a prefix: weighed by the whole word's count, not the prefix's
        assert {h.node.id for h in page.hits} == set(fts5)
        return
    assert {h.node.id: h.score for h in page.hits} == pytest.approx(fts5, rel=1e-9)
    assert [h.score for h in page.hits] == sorted((h.score for h in page.hits), reverse=True)


def test_a_capped_search_ranks_the_first_holding_the_last_word_whole(tmp_path: Path) -> None:
    store = _scored(tmp_path / "s.sqlite")
    page = store.full_text("alph", limit=50, most=3)  # a prefix (4 letters): whole "alph": none
    assert (page.total, page.capped) == (3, True)
    whole = store.full_text("alpha", limit=50, most=3)  # the first three holding "alpha"
    assert (whole.total, whole.capped) == (3, True)
    holding = [n.id for n in store.find("Company") if "alpha" in
               f"{n.get('name')} {n.get('notes') or ''}".split()]
    assert {h.node.id for h in whole.hits} == set(holding[:3])  # in index (id) order
    store.close()


@pytest.mark.parametrize("most", [1, 3, 1000])
@pytest.mark.parametrize("terms", [["alp"], ["alph"], ["gamma", "del"], ["firm", "fir"],
                                   ["alphx"], ["beta", "gam"]])
def test_a_long_prefix_read_from_its_two_letters_is_the_prefix_query(
        tmp_path: Path, terms: list[str], most: int) -> None:
    """The first most + 1 matches of a prefix of three letters or more, read as a stream of
    its two letters' list and filtered, are FTS5's own prefix query's, or None (too few in
    the rows read: the store then asks FTS5)."""
    _scored(tmp_path / "s.sqlite").close()
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    found = sqlfulltext.prefix_candidates(conn, terms, [], most)
    fts5 = conn.execute(sqlfulltext.candidates_sql(None),
                        [sqlfulltext.match_expression(terms), most + 1]).fetchall()
    two = sqlfulltext.match_expression([*terms[:-1], terms[-1][:2]])
    listed = conn.execute("SELECT count(*) FROM fulltext WHERE fulltext MATCH ?", [two]).fetchone()[0]
    conn.close()
    if found is None:  # given up only after most + 1 rows read, with too few found
        assert listed > most and len(fts5) <= most
    else:
        assert found == fts5 and (found or terms == ["alphx"])
    assert found is not None or terms == ["alphx"]  # the others are dense in their list
    if terms == ["alphx"] and most == 1:
        assert found is None  # rows of "al" read, none "alphx": FTS5 is asked
