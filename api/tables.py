"""The analyst's questions as tables: the traversal catalogue and the analyses users ask for,
each answer filtered by facets, sorted by any column and paged on the server.

The questions come from the catalogue (``CATALOGUE``, every traversal it holds) and from
:data:`ANALYSIS_QUESTIONS` (analyses with fixed options). An answer's rows are computed
once per question, argument and generation of the store's data (a small cache per
process, :mod:`table_cache`), so filters, sorts and pages read rows already flattened
(:mod:`table_rows`). Until a large answer of a traversal that pages itself is kept, its
unfiltered pages in its own order come from the traversal's page (:mod:`table_first`)
while the whole answer is computed on a background thread for the other asks.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast
from weakref import WeakKeyDictionary

import networkx as nx

from enforcegraph.api import table_first
from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, ApiError
from enforcegraph.api.table_cache import Kept
from enforcegraph.api.table_rows import FACETS, Flat, flatten
from enforcegraph.api.table_views import (
    Facets,
    TableFilter,
    amount_range,
    facet_lists,
    filtered,
    ordered,
)
from enforcegraph.graph.analytics import ANALYSES, analyze, graph_of
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.exports.select import connected, with_sources
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.errors import NotFound

__all__ = [
    "ANALYSIS_QUESTIONS",
    "FACETS",
    "MAX_EXPORT_ENTITIES",
    "WHOLE_AT_ONCE",
    "Column",
    "Question",
    "Table",
    "TableFilter",
    "answer_rows",
    "question_selection",
    "questions",
    "settle",
    "table",
]

# Analyses asked as questions: (question key, analysis, fixed options).
ANALYSIS_QUESTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("cross-border", "cross-border", ()),
    ("repeat-offenders", "repeat-offenders", ()),
    ("totals-by-regulator", "totals", (("by", "regulator"),)),
    ("totals-by-country", "totals", (("by", "country"),)),
    ("totals-by-article", "totals", (("by", "article"),)),
    ("totals-by-year", "totals", (("by", "year"),)),
    ("fines", "fines", ()),
    ("statutory-maximum", "statutory-maximum", ()),
)
CACHED_VIEWS = 32  # filters (and as many orders) kept per answer
MAX_EXPORT_ENTITIES = 20000
CACHED_ANSWERS = 16
# an unfiltered answer of at most this many rows is computed whole at the first ask
# (about 0.1 ms a row); a larger one's first pages come from the traversal's own page
WHOLE_AT_ONCE = 1000
READ_ROWS = 10_000  # rows of a traversal's answer read per statement (its pages seek)
_WORDS = {"eu": "EU"}


@dataclass(frozen=True)
class Question:
    """A question the page lists: a catalogue traversal or an analysis with fixed options."""

    key: str
    kind: str  # "traversal" or "analysis"
    name: str
    description: str
    argument: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        """``sanctions-without-eu-establishment`` -> "Sanctions without EU establishment"."""
        words = [_WORDS.get(w, w) for w in self.key.split("-")]
        text = " ".join(words)
        return text[:1].upper() + text[1:]


def questions() -> list[Question]:
    """Every traversal of the catalogue (the headline first), then the analyses."""
    found = [Question(t.name, "traversal", t.name, t.description, t.argument)
             for t in CATALOGUE.values()]
    for key, name, options in ANALYSIS_QUESTIONS:
        if name in ANALYSES:
            analysis = ANALYSES[name]
            argument = " ".join(a.upper() for a in analysis.arguments) or None
            found.append(Question(key, "analysis", name, analysis.description, argument, options))
    return found


def _question(key: str) -> Question:
    for question in questions():
        if question.key == key:
            return question
    known = ", ".join(q.key for q in questions())
    raise NotFound(f"no question {key!r} (known: {known})")


@dataclass(frozen=True)
class Column:
    """A column: the cell key, a title and the type of its cells."""

    key: str
    title: str
    kind: str


@dataclass
class Table:
    """One page of a question's answer, with the whole answer's count, facets and range;
    ``partial``: the facets needing every row (kind, currency) and the range are left out
    (the whole answer is being computed: a later ask has them)."""

    question: Question
    columns: list[Column]
    total: int
    rows: list[Flat]
    facets: Facets
    amount_range: tuple[float, float] | None
    names: dict[str, str] = field(default_factory=dict)  # entity id -> display name (the page)
    partial: bool = False


@dataclass
class _Answer:
    """An answer's rows, with its filtered views (rows and facets, by filter) and their
    orders (by filter, column and direction), kept and dropped with it."""

    rows: list[Flat]
    views: Kept[Any] = field(default_factory=lambda: Kept[Any](CACHED_VIEWS))
    orders: Kept[list[Flat]] = field(default_factory=lambda: Kept[list[Flat]](CACHED_VIEWS))


# Per process: answers by (store, question, argument) and data generation; the first
# pages' shared part (table_first.Head, or None: small enough to compute whole) likewise.
_ANSWERS = Kept[_Answer](CACHED_ANSWERS)
_HEADS = Kept[table_first.Head | None](CACHED_ANSWERS)


_STORES: WeakKeyDictionary[GraphStore, int] = WeakKeyDictionary()  # store -> its number here
_NUMBERS = itertools.count()


def _slot(store: GraphStore, key: str, argument: str | None) -> tuple[Hashable, int | None]:
    """What an answer is kept by: the store (a number of its own: an id is reused once
    the store is gone), question and argument; and the store's data generation."""
    question = _question(key)
    if question.argument and not argument:
        raise ApiError(BAD_USER_INPUT, f"{key} needs {question.argument}")
    try:
        number = _STORES.get(store)
        if number is None:
            number = _STORES.setdefault(store, next(_NUMBERS))
    except TypeError:  # a store that cannot be weakly referred to: by its id
        number = -id(store)
    return (number, key, argument), store.generation()


def _answer(store: GraphStore, key: str, argument: str | None) -> _Answer:
    """The question's whole answer: kept, being computed (waited for), or computed now."""
    slot, generation = _slot(store, key, argument)
    question = _question(key)
    if generation is None:  # the backend cannot tell when its data changes: keep nothing
        return _computed(store, question, argument)
    return _ANSWERS.get(slot, generation, lambda: _computed(store, question, argument))


def _computed(store: GraphStore, question: Question, argument: str | None) -> _Answer:
    if question.kind == "traversal":
        rows = _traversal_rows(store, question, argument)
    else:
        args = (argument,) if question.argument and argument else ()
        rows = analyze(store, question.name, *args, **dict(question.options))
    return _Answer([flatten(row) for row in rows])


def _traversal_rows(store: GraphStore, question: Question, argument: str | None) -> list[Any]:
    """A traversal's rows; one that pages (filter, limit, offset) is read a page of
    :data:`READ_ROWS` at a time, each from the last one's seek key when the backend gives
    them (one bounded statement each), else in one page of every row (offsets would read
    the rows before each page again)."""
    traversals = store.traversals()
    if not CATALOGUE[question.name].options:
        return traversals.run(question.name, argument if question.argument else None)
    method = getattr(traversals, question.name.replace("-", "_"))
    rows: list[Any] = []
    after: Sequence[str] | None = None
    while True:
        traversals.page_keys = None
        if after is None and rows:
            return rows + cast(list[Any], method(None, sys.maxsize, len(rows)))
        page = cast(list[Any], method(None, READ_ROWS, 0 if after else len(rows), after))
        rows += page
        if len(page) < READ_ROWS:
            return rows
        keys = traversals.page_keys
        after = keys[-1] if keys and len(keys) == len(page) else None


def answer_rows(store: GraphStore, key: str, argument: str | None = None) -> list[Flat]:
    """Every row of a question's answer, flattened, in the question's own order."""
    return _answer(store, key, argument).rows


def settle(timeout: float = 600.0) -> bool:
    """Wait for the answers being computed in the background (tests, benchmarks)."""
    return _ANSWERS.settle(timeout)


def _columns(question: Question, rows: Sequence[Flat]) -> list[Column]:
    kinds: dict[str, str] = {}
    for row in rows[: table_first.COLUMN_ROWS]:
        for key, cell in row.cells.items():
            if key not in kinds or (kinds[key] == "empty" and cell is not None):
                kinds[key] = cell["t"] if isinstance(cell, dict) else "empty"
    titles = {"entity": "Item", "key": question.options[0][1] if question.options else "Group",
              "amount": "Amount (EUR)"}
    def title(key: str) -> str:
        text = titles.get(key, key.replace("_", " "))
        return text[:1].upper() + text[1:]

    return [Column(k, title(k), kinds[k]) for k in kinds]


def table(
    store: GraphStore,
    key: str,
    argument: str | None = None,
    flt: TableFilter | None = None,
    order: tuple[str, bool] | None = None,
    first: int = 50,
    offset: int = 0,
) -> Table:
    """A page of a question's answer: ``order`` is (column, descending); empty cells last."""
    if offset < 0:
        raise ApiError(BAD_USER_INPUT, "offset must not be negative")
    flt = flt or TableFilter()
    question = _question(key)
    slot, generation = _slot(store, key, argument)
    if (generation is not None and flt == TableFilter() and order is None
            and question.kind == "traversal" and table_first.pages_itself(question.name)
            and _ANSWERS.peek(slot, generation) is None):
        early = _early(store, question, slot, generation, first, offset)
        if early is not None:
            return early
    answer = _answer(store, key, argument)
    rows = answer.rows
    columns = _columns(question, rows)
    kept, facets = answer.views.get(flt, 0, lambda: filtered(rows, flt))
    if order is not None:
        column, descending = order
        if column not in {c.key for c in columns} and rows:
            known = ", ".join(c.key for c in columns)
            raise ApiError(BAD_USER_INPUT, f"no column {column!r} to sort by (known: {known})")
        kept = answer.orders.get((flt, column, descending), 0,
                                 lambda: ordered(kept, column, descending))
    amounts = answer.views.get("range", 0, lambda: amount_range(rows))
    page = kept[offset : offset + first]
    return Table(question, columns, len(kept), page, facets, amounts, _names(store, page))


def _early(store: GraphStore, question: Question, slot: Hashable, generation: int,
           first: int, offset: int) -> Table | None:
    """An unfiltered page in the question's order from the traversal's own page, the
    whole answer then computed on a background thread (None: the answer is small, or
    kept meanwhile: compute or read it)."""
    head = _HEADS.get(slot, generation,
                      lambda: table_first.head(store, question.name, WHOLE_AT_ONCE))
    if head is None:
        return None
    if offset + first <= len(head.first) or offset >= head.total:
        page = head.first[offset : offset + first]
    else:
        page = table_first.rows(store, question.name, first, offset)
    facets = facet_lists(head.counts or {}, head.labels, TableFilter())
    _ANSWERS.ahead(slot, generation, lambda: _ready(_computed(store, question, None)))
    return Table(question, _columns(question, head.first), head.total, page, facets, None,
                 _names(store, page), partial=True)


def _ready(answer: _Answer) -> _Answer:
    """An answer with what every ask of it reads (its range, the unfiltered view) made."""
    answer.views.get("range", 0, lambda: amount_range(answer.rows))
    answer.views.get(TableFilter(), 0, lambda: filtered(answer.rows, TableFilter()))
    return answer


def _names(store: GraphStore, rows: Iterable[Flat]) -> dict[str, str]:
    """Display names of the page's entities that a row gives by id only."""
    bare = {cell["id"] for row in rows for cell in _entity_cells(row) if cell["text"] == cell["id"]}
    return {i: n.display_name for i, n in store.get_many(sorted(bare)).items()} if bare else {}


def _entity_cells(row: Flat) -> Iterable[dict[str, Any]]:
    for cell in row.cells.values():
        if isinstance(cell, dict) and cell.get("t") == "entity":
            yield cell
        elif isinstance(cell, dict) and cell.get("t") == "entities":
            yield from cell["items"]


def question_selection(store: GraphStore, params: Mapping[str, str]) -> nx.MultiDiGraph:
    """The subgraph of a filtered table (every row, not one page): its entities, the nodes
    linking two of them, their sources (``/export/FORMAT?question=KEY&argument=&...``)."""
    rows = answer_rows(store, params["question"], params.get("argument") or None)
    flt = TableFilter.from_params(params)
    ids = {i for row in rows if flt.matches(row) for i in row.entities}
    if len(ids) > MAX_EXPORT_ENTITIES:
        raise ApiError(LIMIT_EXCEEDED, f"the table names {len(ids)} entities; narrow it to "
                                       f"{MAX_EXPORT_ENTITIES} or fewer")
    full = graph_of(store)
    return with_sources(full.subgraph(connected(full, ids)).copy(), full)
