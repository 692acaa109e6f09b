"""The workbench's first pages of a large answer, before the whole answer is kept: from the
traversal's own page and the kept counts, the same rows, cells, order, columns, total and
(kept) facets as the whole answer gives; the whole answer then computed once, in the
background, for the asks that need it (filters, sorts, the other facets)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.api import table_cache, tables
from enforcegraph.api.table_cache import Kept
from enforcegraph.api.table_first import pages_itself
from enforcegraph.api.tables import TableFilter, answer_rows, table
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.domain.traversals import CATALOGUE, Traversals
from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.loaders.datasets import dataset_batch
from enforcegraph.schema.records import Batch

PAGED = [name for name in CATALOGUE if pages_itself(name)]
LOCATIONS = {"INCORPORATED_IN", "HAS_ESTABLISHMENT"}


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Answers kept by this test only; every answer is large enough for the first pages."""
    monkeypatch.setattr(tables, "_ANSWERS", Kept[Any](tables.CACHED_ANSWERS))
    monkeypatch.setattr(tables, "_HEADS", Kept[Any](tables.CACHED_ANSWERS))
    monkeypatch.setattr(tables, "WHOLE_AT_ONCE", 0)
    yield
    assert tables.settle(120)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The whole answer's computation waits until the event is set (set at the end)."""
    gate = threading.Event()
    real = tables._computed

    def waiting(*args: Any) -> Any:
        assert gate.wait(60)
        return real(*args)

    monkeypatch.setattr(tables, "_computed", waiting)
    yield gate
    gate.set()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("bundled") / "graph.sqlite")
    for name in ("gdpr-text", "clearview", "reference-cases"):
        store.upsert(dataset_batch(name))
    yield store
    store.close()


def _unlocated(batch: Batch) -> Batch:
    """Every fifth synthetic firm with no country and no location: the coverage gap's rows."""
    def gone(firm: str) -> bool:
        return firm.startswith("company:synth-") and firm.rsplit("-", 1)[-1].isdigit() \
            and int(firm.rsplit("-", 1)[-1]) % 5 == 0

    for node in batch.nodes:
        if node.label == "Company" and gone(node.id):
            node.properties.pop("country", None)
    batch.relationships = [r for r in batch.relationships
                           if not (r.type in LOCATIONS and gone(r.start))]
    return batch


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("synthetic") / "graph.sqlite")
    store.upsert(dataset_batch("clearview"))  # undated decisions, several currencies
    for batch in synth_batches(SynthConfig(firms=3000, seed=11, chunk_firms=1000)):
        store.upsert(_unlocated(batch))
    yield store
    store.close()


def _same_page(early: tables.Table, whole: tables.Table) -> None:
    assert early.partial and not whole.partial
    assert early.total == whole.total
    assert early.columns == whole.columns
    assert [r.cells for r in early.rows] == [r.cells for r in whole.rows]
    assert [r.entities for r in early.rows] == [r.entities for r in whole.rows]
    assert early.names == whole.names


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
@pytest.mark.parametrize("question", PAGED)
def test_first_pages_are_the_whole_answers_pages(which: str, question: str, held: threading.Event,
                                                 request: pytest.FixtureRequest) -> None:
    store: EmbeddedStore = request.getfixturevalue(which)
    total = len(getattr(store.traversals(), question.replace("-", "_"))())
    assert total > 0, f"{which} has no rows of {question}"
    asks = [(100, 0), (7, 3), (50, 450), (100, 480), (25, max(0, total - 10)), (10, total + 5)]
    early = [table(store, question, first=first, offset=offset) for first, offset in asks]
    held.set()
    assert tables.settle(120)
    whole = [table(store, question, first=first, offset=offset) for first, offset in asks]
    for one, other in zip(early, whole, strict=True):
        _same_page(one, other)
    # the facets the backend keeps are the whole answer's; the others are left out
    kept = early[0].facets
    assert set(kept) == {"regulator", "jurisdiction", "year"} & set(whole[0].facets)
    assert kept == {facet: whole[0].facets[facet] for facet in kept}
    assert early[0].amount_range is None and whole[0].amount_range is not None
    assert len(answer_rows(store, question)) == total


@pytest.mark.parametrize("question", PAGED)
def test_kept_facets_count_the_rows(synthetic: EmbeddedStore, question: str) -> None:
    """The embedded store's kept facets equal counting the traversal's rows; the generic
    catalogue keeps none."""
    traversals = synthetic.traversals()
    rows = getattr(traversals, question.replace("-", "_"))()
    counted: dict[str, dict[str, int]] = {"regulator": {}, "jurisdiction": {}, "year": {}}
    for row in rows:
        regulator, date = row["regulator"], row["decision"]["date"]
        for facet, value in (("regulator", regulator["id"]), ("jurisdiction", regulator["country"]),
                             ("year", date[:4] if date else None)):
            if value:
                counted[facet][value] = counted[facet].get(value, 0) + 1
    assert traversals.kept_facets(question) == counted
    assert len(counted["regulator"]) > 5 and len(counted["year"]) > 3
    assert Traversals(synthetic).kept_facets(question) is None
    assert traversals.kept_facets("enforcement-history") is None


def test_the_first_ask_does_not_compute_the_whole_answer(
        synthetic: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first page comes before the whole answer; the whole answer is computed once, on
    a background thread, whatever asks come meanwhile; then every ask reads it."""
    question = "sanctions-without-eu-establishment"
    started, release = threading.Event(), threading.Event()
    computed: list[threading.Thread] = []
    real = tables._computed

    def slow(*args: Any) -> Any:
        computed.append(threading.current_thread())
        started.set()
        assert release.wait(60)
        return real(*args)

    monkeypatch.setattr(tables, "_computed", slow)
    first = table(synthetic, question, first=100)
    assert first.partial and len(first.rows) == 100
    assert started.wait(30)
    again = [table(synthetic, question, first=100, offset=o) for o in (0, 100, 2000)]
    assert all(page.partial for page in again)
    assert len(computed) == 1 and computed[0] is not threading.current_thread()
    release.set()
    assert tables.settle(120)
    done = table(synthetic, question, first=100)
    assert not done.partial and {"kind", "currency"} <= set(done.facets)
    assert len(computed) == 1
    # a filter or a sort asked while it is computed waits for it, never computes it again
    started.clear()
    release.clear()
    synthetic.upsert(dataset_batch("reference-cases"))  # a new generation
    assert table(synthetic, question, first=10).partial
    assert started.wait(30)
    waiting: list[tables.Table] = []
    asker = threading.Thread(target=lambda: waiting.append(
        table(synthetic, question, flt=TableFilter(kinds=("fine",)), first=10)))
    asker.start()
    asker.join(0.5)
    assert asker.is_alive() and not waiting
    release.set()
    asker.join(60)
    assert waiting and not waiting[0].partial and len(computed) == 2


def test_whole_answer_read_in_seeks_equals_one_read(synthetic: EmbeddedStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Read a page at a time from the last row's seek key, the answer is the one read's."""
    question = tables._question("sanctions-without-eu-establishment")
    monkeypatch.setattr(tables, "READ_ROWS", 37)
    seeks: list[Any] = []
    traversals_of = synthetic.traversals

    def spying() -> Any:
        found = traversals_of()
        method = found.sanctions_without_eu_establishment

        def paged(*args: Any, **kwargs: Any) -> Any:
            seeks.append(args[3] if len(args) > 3 else None)
            return method(*args, **kwargs)

        found.sanctions_without_eu_establishment = paged  # type: ignore[method-assign]
        return found

    monkeypatch.setattr(synthetic, "traversals", spying)
    read = tables._traversal_rows(synthetic, question, None)
    assert read == traversals_of().sanctions_without_eu_establishment()
    assert len(seeks) == len(read) // 37 + 1 and all(s is not None for s in seeks[1:])


def test_kept_values_single_flight_and_newest_version() -> None:
    kept = Kept[int](4)
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> int:
        calls.append(1)
        assert gate.wait(10)
        return 7

    results: list[int] = []
    askers = [threading.Thread(target=lambda: results.append(kept.get("q", 1, compute)))
              for _ in range(4)]
    for asker in askers:
        asker.start()
    gate.set()
    for asker in askers:
        asker.join(10)
    assert results == [7] * 4 and len(calls) == 1
    assert kept.get("q", 3, lambda: 9) == 9
    assert kept.get("q", 2, lambda: 8) == 8  # an older version answers its asker, is not kept
    assert kept.peek("q", 3) == 9 and kept.peek("q", 2) is None and kept.peek("q", 1) is None
    # in the background: one thread per slot, at most MAX_AHEAD at once
    gate.clear()
    assert kept.ahead("a", 1, compute) and not kept.ahead("a", 2, compute)
    assert kept.ahead("b", 1, compute)
    assert table_cache.MAX_AHEAD == 2 and not kept.ahead("c", 1, compute)
    gate.set()
    assert kept.settle(10) and kept.peek("a", 1) == 7 and kept.peek("b", 1) == 7
    assert kept.peek("a", 2) is None


def test_small_answers_are_computed_whole_at_once(bundled: EmbeddedStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "WHOLE_AT_ONCE", 10**9)
    page = table(bundled, "sanctions-without-eu-establishment", first=10)
    assert not page.partial and {"kind", "currency"} <= set(page.facets)


def test_a_store_without_generations_gets_the_whole_answer(tmp_path: Path) -> None:
    """A store without generations (nothing can be kept) asks the whole answer each time."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    store.upsert(dataset_batch("clearview"))

    class Unkept:
        def __getattr__(self, name: str) -> Any:
            return getattr(store, name)

        def generation(self) -> None:
            return None

    page = table(Unkept(), "sanctions-without-eu-establishment", first=5)  # type: ignore[arg-type]
    assert not page.partial and page.total > 0
    store.close()
