"""The analyst's questions as tables: the traversal catalogue and the analyses users ask for,
each answer filtered by facets, sorted by any column and paged on the server.

The questions come from the catalogue (``CATALOGUE``, every traversal it holds) and from
:data:`ANALYSIS_QUESTIONS` (analyses with fixed options). An answer's rows are computed
once per question, argument and generation of the store's data (a small cache per
process), so filters, sorts and pages read rows already flattened (:mod:`table_rows`).
"""

from __future__ import annotations

import sys
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import networkx as nx

from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, ApiError
from enforcegraph.api.table_rows import FACETS, Flat, flatten, sort_key
from enforcegraph.graph.analytics import ANALYSES, analyze, graph_of
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.exports.select import connected, with_sources
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.errors import NotFound

__all__ = [
    "ANALYSIS_QUESTIONS",
    "FACETS",
    "MAX_EXPORT_ENTITIES",
    "Column",
    "Question",
    "Table",
    "TableFilter",
    "answer_rows",
    "question_selection",
    "questions",
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
T = TypeVar("T")
Facets = dict[str, list[tuple[str, str, int]]]  # facet -> (value, label, count)
FACET_VALUES = 200  # most values listed per facet
CACHED_VIEWS = 64
MAX_EXPORT_ENTITIES = 20000
CACHED_ANSWERS = 16
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
class TableFilter:
    """Facet values (any of each given facet) and an amount range in EUR (both ends kept)."""

    regulators: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    currencies: tuple[str, ...] = ()
    amount_min: float | None = None
    amount_max: float | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> TableFilter:
        """From URL parameters: ``regulator=a,b&jurisdiction=&year=&kind=&currency=&min=&max=``."""
        def split(name: str) -> tuple[str, ...]:
            return tuple(v for v in params.get(name, "").split(",") if v)

        def number(name: str) -> float | None:
            text = params.get(name, "")
            try:
                return float(text) if text else None
            except ValueError:
                raise ApiError(BAD_USER_INPUT, f"{name} must be a number, not {text!r}") from None

        return cls(split("regulator"), split("jurisdiction"), split("year"), split("kind"),
                   split("currency"), number("min"), number("max"))

    def values(self, facet: str) -> tuple[str, ...]:
        return {"regulator": self.regulators, "jurisdiction": self.jurisdictions,
                "year": self.years, "kind": self.kinds, "currency": self.currencies}[facet]

    def in_range(self, eur: float | None) -> bool:
        """Whether an amount in EUR is in the range (no amount is outside any range)."""
        if self.amount_min is None and self.amount_max is None:
            return True
        if eur is None:
            return False
        return (self.amount_min is None or eur >= self.amount_min) and (
            self.amount_max is None or eur <= self.amount_max)

    def matches(self, row: Flat) -> bool:
        """Whether a row passes every facet and the amount range."""
        return self.in_range(row.facts.amount_eur) and all(
            not self.values(f) or set(self.values(f)) & row.keys[i] for i, f in enumerate(FACETS))


@dataclass(frozen=True)
class Column:
    """A column: the cell key, a title and the type of its cells."""

    key: str
    title: str
    kind: str


@dataclass
class Table:
    """One page of a question's answer, with the whole answer's count, facets and range."""

    question: Question
    columns: list[Column]
    total: int
    rows: list[Flat]
    facets: Facets
    amount_range: tuple[float, float] | None
    names: dict[str, str] = field(default_factory=dict)  # entity id -> display name (the page)


class _Lru:
    """A small least-recently-used map, safe across threads (values computed outside the lock)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable | None, compute: Callable[[], T]) -> T:
        if key is None:
            return compute()
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return cast(T, self.items[key])
        value = compute()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


# Per process: answers by (store, data generation, question, argument); the filtered
# rows and facets of an answer by filter; their orders by column.
_ANSWERS = _Lru(CACHED_ANSWERS)
_VIEWS = _Lru(CACHED_VIEWS)
_ORDERS = _Lru(CACHED_VIEWS)


def _answer(store: GraphStore, key: str, argument: str | None) -> tuple[Hashable | None, list[Flat]]:
    question = _question(key)
    if question.argument and not argument:
        raise ApiError(BAD_USER_INPUT, f"{key} needs {question.argument}")

    def compute() -> list[Flat]:
        if question.kind == "traversal":
            rows = _traversal_rows(store, question, argument)
        else:
            args = (argument,) if question.argument and argument else ()
            rows = analyze(store, question.name, *args, **dict(question.options))
        return [flatten(row) for row in rows]

    generation = store.generation()
    cache_key = None if generation is None else (id(store), generation, key, argument)
    return cache_key, _ANSWERS.get(cache_key, compute)


def _traversal_rows(store: GraphStore, question: Question, argument: str | None) -> list[Any]:
    """A traversal's rows; one that takes options pages (filter, limit, offset): asked for
    every row at once, so a backend's paged push-down answers (far faster than a walk)."""
    traversals = store.traversals()
    if CATALOGUE[question.name].options:
        method = getattr(traversals, question.name.replace("-", "_"))
        return cast(list[Any], method(None, sys.maxsize, 0))
    return traversals.run(question.name, argument if question.argument else None)


def answer_rows(store: GraphStore, key: str, argument: str | None = None) -> list[Flat]:
    """Every row of a question's answer, flattened, in the question's own order."""
    return _answer(store, key, argument)[1]


def _columns(question: Question, rows: Sequence[Flat]) -> list[Column]:
    kinds: dict[str, str] = {}
    for row in rows[:500]:
        for key, cell in row.cells.items():
            if key not in kinds or (kinds[key] == "empty" and cell is not None):
                kinds[key] = cell["t"] if isinstance(cell, dict) else "empty"
    titles = {"entity": "Item", "key": question.options[0][1] if question.options else "Group",
              "amount": "Amount (EUR)"}
    def title(key: str) -> str:
        text = titles.get(key, key.replace("_", " "))
        return text[:1].upper() + text[1:]

    return [Column(k, title(k), kinds[k]) for k in kinds]


def _filtered(rows: Sequence[Flat], flt: TableFilter) -> tuple[list[Flat], Facets]:
    """The rows passing the filter, and each facet's counts over the rows passing every
    other facet (one pass: a row failing one facet counts for that facet only)."""
    wanted = [set(flt.values(f)) for f in FACETS]
    counts = [Counter[str]() for _ in FACETS]
    labels: dict[str, str] = {}
    kept: list[Flat] = []
    ranged = flt.amount_min is not None or flt.amount_max is not None
    for row in rows:
        if ranged and not flt.in_range(row.facts.amount_eur):
            continue
        failed = [i for i, want in enumerate(wanted) if want and not want & row.keys[i]]
        if len(failed) > 1:
            continue
        labels.update(row.facts.regulators)
        if not failed:
            kept.append(row)
            for i, values in enumerate(row.keys):
                counts[i].update(values)
        else:
            counts[failed[0]].update(row.keys[failed[0]])
    found: Facets = {}
    for i, facet in enumerate(FACETS):
        if not counts[i] and not wanted[i]:
            continue
        items = [(v, labels.get(v, v), counts[i].get(v, 0)) for v in {*counts[i], *wanted[i]}]
        if facet == "year":
            items.sort(key=lambda item: item[0], reverse=True)
        else:
            items.sort(key=lambda item: (-item[2], item[1].casefold()))
        found[facet] = items[:FACET_VALUES]
    return kept, found


def _ordered(rows: list[Flat], column: str, descending: bool) -> list[Flat]:
    keyed = [(sort_key(r.cells.get(column)), r) for r in rows]
    filled = [(k[1], r) for k, r in keyed if k[0] == 0]
    filled.sort(key=lambda pair: pair[0], reverse=descending)
    return [r for _, r in filled] + [r for k, r in keyed if k[0] == 1]


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
    cache_key, rows = _answer(store, key, argument)
    columns = _columns(question, rows)
    view_key = None if cache_key is None else (cache_key, flt)
    kept, facets = _VIEWS.get(view_key, lambda: _filtered(rows, flt))
    if order is not None:
        column, descending = order
        if column not in {c.key for c in columns} and rows:
            known = ", ".join(c.key for c in columns)
            raise ApiError(BAD_USER_INPUT, f"no column {column!r} to sort by (known: {known})")
        order_key = None if view_key is None else (view_key, column, descending)
        kept = _ORDERS.get(order_key, lambda: _ordered(kept, column, descending))
    amounts = _VIEWS.get(None if cache_key is None else (cache_key, "range"),
                         lambda: _range(rows))
    page = kept[offset : offset + first]
    return Table(question, columns, len(kept), page, facets, amounts, _names(store, page))


def _range(rows: Sequence[Flat]) -> tuple[float, float] | None:
    amounts = [r.facts.amount_eur for r in rows if r.facts.amount_eur is not None]
    return (min(amounts), max(amounts)) if amounts else None


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
