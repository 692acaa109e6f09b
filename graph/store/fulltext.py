"""Full-text search, written once for every backend: the words, what is indexed, the
query's terms, and the passage shown with its matches highlighted.

Both backends index the same words (:func:`words`: Unicode letters and digits, case and
accents folded), in two fields per node: its names (the label's ``name_properties``)
and its text (``text_properties``), from schema/model.yaml. A query matches a node when
every one of its terms is a word of the node (in either field), the last term also as a
prefix (so a half-typed word finds). The backend ranks (a match in the names weighs
:data:`NAME_WEIGHT` times one in the text; ties by id); the snippet is cut here, from the
node's own properties, so it is the same on every backend.

A search never ranks or counts more than :data:`MAX_RANKED` matches: a word most of the
graph holds ("synthetic", a type-ahead "s") would otherwise cost a score for every node.
When more match, the backend ranks the first :data:`MAX_RANKED` its index gives (the
embedded store: in the order they were indexed; Neo4j: Lucene's best scored), the page's
``total`` is :data:`MAX_RANKED` and ``capped`` says there are more: never a silently wrong
count. More words narrow it.

>>> words("Délibération SAN-2022-019, l'Autorité")
['deliberation', 'san', '2022', '019', 'l', 'autorite']
>>> cut = snippet_of({"summary": "Clearview has no establishment in the EU."}, ("summary",),
...                  ["establish"])
>>> cut.property, cut.text, cut.matches
('summary', 'Clearview has no establishment in the EU.', [(17, 30)])
>>> [(part.text, part.match) for part in cut.parts()]
[('Clearview has no ', False), ('establishment', True), (' in the EU.', False)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from enforcegraph.schema.model import LabelSpec

if TYPE_CHECKING:  # base imports this module
    from enforcegraph.graph.store.base import Node

__all__ = [
    "MAX_RANKED",
    "MAX_TERMS",
    "NAME_WEIGHT",
    "SNIPPET_CHARS",
    "SearchHit",
    "SearchPage",
    "Snippet",
    "SnippetPart",
    "field_texts",
    "query_terms",
    "snippet_for",
    "snippet_of",
    "words",
]

NAME_WEIGHT = 10.0  # a match in a name counts this many times one in the text
MAX_TERMS = 16  # terms of a query beyond these are ignored
MAX_RANKED = 1000  # matches ranked and counted at most (more: the page says it is capped)
SNIPPET_CHARS = 200  # longest passage shown (a longer value is cut around its first match)
_CONTEXT = 60  # characters kept before the first match of a cut passage
_WORD = re.compile(r"[^\W_]+")
_ELLIPSIS = "…"


def fold(text: str) -> str:
    """Lower case without accents: ``Délibération`` -> ``deliberation``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The indexed words of a text, in order: letters and digits, folded."""
    return _WORD.findall(fold(text))


def _values(props: Mapping[str, Any], names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(property, text) for every non-empty string value, list items one by one."""
    for name in names:
        value = props.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                yield name, item


def field_texts(spec: LabelSpec, props: Mapping[str, Any]) -> tuple[str, str]:
    """What a backend indexes for a node: its names' words and its text's words, each a
    space-separated string (empty when there are none)."""
    names = [w for _, text in _values(props, spec.name_properties) for w in words(text)]
    body = [w for _, text in _values(props, spec.text_properties) for w in words(text)]
    return " ".join(names), " ".join(body)


def query_terms(text: str) -> list[str]:
    """The terms of a query (at most :data:`MAX_TERMS`, repeats dropped); the last is
    also matched as a prefix."""
    return list(dict.fromkeys(words(text)))[:MAX_TERMS]


@dataclass(frozen=True)
class SnippetPart:
    """A piece of a snippet's text, matched or not (render each as text, never HTML)."""

    text: str
    match: bool


@dataclass(frozen=True)
class Snippet:
    """The passage of one property that matched, with the matches' offsets in it.

    ``matches`` are ``(start, end)`` offsets into ``text`` in Unicode code points, end
    exclusive, in order, never overlapping; ``text`` has its runs of white space made one
    space and starts or ends with ``…`` where the value was cut.
    """

    property: str
    text: str
    matches: list[tuple[int, int]] = field(default_factory=list)

    def parts(self) -> list[SnippetPart]:
        """``text`` split at the matches, in order."""
        out: list[SnippetPart] = []
        at = 0
        for start, end in self.matches:
            if start > at:
                out.append(SnippetPart(self.text[at:start], False))
            out.append(SnippetPart(self.text[start:end], True))
            at = end
        if at < len(self.text):
            out.append(SnippetPart(self.text[at:], False))
        return out


@dataclass(frozen=True)
class SearchHit:
    """A node that matched, its relevance (higher is better; comparable within one
    answer of one backend only) and the passage that matched."""

    node: Node
    score: float
    snippet: Snippet | None


@dataclass(frozen=True)
class SearchPage:
    """One page of hits, best first, and how many nodes match in all: ``total`` is exact
    unless ``capped``, when more than ``total`` (the most ranked) match and only those
    ``total`` were ranked and can be paged through."""

    hits: list[SearchHit]
    total: int
    capped: bool = False


@lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole folded words equal to a term, or starting with the last."""
    words = [re.escape(term) + r"(?![^\W_])" for term in terms[:-1]]
    words.append(re.escape(terms[-1]) + r"[^\W_]*")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(words) + ")")


def _matches(text: str, terms: Sequence[str]) -> tuple[list[tuple[int, int]], set[str]]:
    """Spans of the words of ``text`` that match a term (the last term as a prefix too),
    and which terms matched."""
    spans: list[tuple[int, int]] = []
    found: set[str] = set()
    folded = fold(text)
    if terms and len(folded) == len(text):  # folding kept every offset: one regex pass
        for match in _term_pattern(tuple(terms)).finditer(folded):
            text_of = match.group()
            found.update(t for t in terms[:-1] if t == text_of)
            if text_of.startswith(terms[-1]):
                found.add(terms[-1])
            spans.append(match.span())
        return spans, found
    exact = set(terms[:-1])
    last = terms[-1] if terms else ""
    for word in _WORD.finditer(text):
        hit = False
        for part in _WORD.findall(fold(word.group())):
            if part in exact:
                found.add(part)
                hit = True
            if last and part.startswith(last):
                found.add(last)
                hit = True
        if hit:
            spans.append(word.span())
    return spans, found


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """At most about :data:`SNIPPET_CHARS` of ``text`` around its first match."""
    if len(text) <= SNIPPET_CHARS:
        return text, spans
    start = max(0, spans[0][0] - _CONTEXT)
    if start > 0:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else spans[0][0]
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):  # end at a word
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else max(end, spans[0][1])
    head = _ELLIPSIS if start > 0 else ""
    tail = _ELLIPSIS if end < len(text) else ""
    shift = len(head) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return head + text[start:end] + tail, kept


def snippet_of(props: Mapping[str, Any], properties: Sequence[str],
               terms: Sequence[str]) -> Snippet | None:
    """The passage to show: the value (of ``properties``, in their order) that matches
    the most terms, the first such; None when no value matches any term."""
    best: tuple[int, str, str, list[tuple[int, int]]] | None = None
    for name, value in _values(props, properties):
        text = " ".join(value.split())
        spans, found = _matches(text, terms)
        if spans and (best is None or len(found) > best[0]):
            best = (len(found), name, text, spans)
    if best is None:
        return None
    _, name, text, spans = best
    shown, kept = _cut(text, spans)
    return Snippet(name, shown, kept)


def snippet_for(spec: LabelSpec, props: Mapping[str, Any], terms: Sequence[str]) -> Snippet | None:
    """The snippet of a node of label ``spec``: names first, then its text."""
    return snippet_of(props, (*spec.name_properties, *spec.text_properties), terms)
