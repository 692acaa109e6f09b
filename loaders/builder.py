"""The records of one batch, built up fact by fact: one node per id, relationships by id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from enforcegraph.loaders.firmnames import distinct_firms, form_and_stem
from enforcegraph.loaders.gdpr import GDPR_LAW_ID, article_stub, part_of
from enforcegraph.schema.citations import Citation
from enforcegraph.schema.ids import slugify
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["FirmNames", "RecordBuilder", "union_lists"]


def union_lists(old: dict[str, Any], new: dict[str, Any], names: Iterable[str]) -> None:
    """Append to each list ``old[name]`` the values of ``new[name]`` it lacks (in place).

    >>> old = {"sources": ["a"]}
    >>> union_lists(old, {"sources": ["a", "b"], "aliases": ["X"]}, ("sources", "aliases"))
    >>> old
    {'sources': ['a', 'b'], 'aliases': ['X']}
    """
    for name in names:
        extra = [v for v in new.get(name) or [] if v not in (old.get(name) or [])]
        if extra:
            old[name] = [*(old.get(name) or []), *extra]


class RecordBuilder:
    """One node per id (a node met again adds its sources and aliases) and one
    relationship per id (the first met is kept), in the order first met."""

    def __init__(self) -> None:
        self.nodes: dict[str, NodeRecord] = {}
        self.rels: dict[str, RelationshipRecord] = {}

    def __len__(self) -> int:
        return len(self.nodes) + len(self.rels)

    def batch(self) -> Batch:
        """The records so far."""
        return Batch(list(self.nodes.values()), list(self.rels.values()))

    def node(self, node_id: str, label: str, props: dict[str, Any], origin: Origin) -> None:
        old = self.nodes.get(node_id)
        if old is None:
            self.nodes[node_id] = NodeRecord(node_id, label, props, origin)
            return
        union_lists(old.properties, props, ("sources", "aliases"))

    def rel(self, rel_type: str, start: str, end: str, props: dict[str, Any], origin: Origin,
            key: str = "") -> None:
        record = RelationshipRecord(rel_type, start, end, props, key, origin)
        self.rels.setdefault(record.id, record)

    def cite(self, decision_id: str, citation: Citation, sources: list[str], origin: Origin,
             rel_type: str = "INFRINGES") -> None:
        """The GDPR article of ``citation`` (a stub, PART_OF the GDPR) and ``decision_id``
        -rel_type-> it, keyed by the provision; an INFRINGES also names paragraph and point."""
        stub = article_stub(citation.number)
        self.node(stub.id, "LegalArticle", stub.properties, stub.origin)
        self.rel("PART_OF", stub.id, GDPR_LAW_ID, part_of(stub.id).properties, stub.origin)
        props: dict[str, Any] = {"provision": citation.provision, "sources": sources}
        if rel_type == "INFRINGES":
            if citation.paragraph:
                props["paragraph"] = citation.paragraph
            if citation.point:
                props["point"] = citation.point
        self.rel(rel_type, decision_id, citation.article_id, props, origin, citation.provision)


class FirmNames:
    """The spellings of a file's named parties by name key, and the node each is.

    Spellings of one key are one firm (``company:{key}``) unless the guard of
    loaders/firmnames.py tells two of them apart ("Niantic, Inc." and "Niantic
    International Limited"): then names that carry legal forms are families of names the
    guard does not tell apart, each ``company:{stem and forms}`` (``company:niantic-inc``,
    ``company:niantic-intl-ltd``); a name without a legal form joins the one family it fits
    and is otherwise ``company:{key}`` (it may be any of them). The linker then finds the
    pairs by their key and sends them to ``enforcegraph resolve``'s review.
    """

    def __init__(self, key: Callable[[str], str]) -> None:
        self.key = key
        self.spellings: dict[str, Counter[str]] = {}
        self._ids: dict[str, dict[str, str]] = {}

    def add(self, name: str) -> None:
        """One more occurrence of ``name`` (before any :meth:`id_of`)."""
        self.spellings.setdefault(self.key(name), Counter())[name] += 1

    def id_of(self, name: str) -> str:
        """The node id of a spelling that was added."""
        key = self.key(name)
        if key not in self._ids:
            self._ids[key] = _group_ids(key, list(self.spellings.get(key) or [name]))
        return self._ids[key].get(name, f"company:{key}")

    def spellings_of(self, name: str) -> Counter[str]:
        """The spellings (and counts, in the order first added) of the node ``name`` is."""
        node_id, spellings = self.id_of(name), self.spellings.get(self.key(name)) or Counter({name: 1})
        return Counter({n: c for n, c in spellings.items() if self.id_of(n) == node_id})

    def splits(self) -> dict[str, dict[str, list[str]]]:
        """Keys whose spellings are several firms: key -> node id -> spellings."""
        found: dict[str, dict[str, list[str]]] = {}
        for key, spellings in sorted(self.spellings.items()):
            nodes: dict[str, list[str]] = {}
            for name in spellings:
                nodes.setdefault(self.id_of(name), []).append(name)
            if len(nodes) > 1:
                found[key] = nodes
        return found


def _group_ids(key: str, names: list[str]) -> dict[str, str]:
    """Each spelling of one key -> its node id (see :class:`FirmNames`).

    >>> ids = _group_ids("niantic", ["Niantic, Inc.", "Niantic International Limited", "Niantic"])
    >>> [ids[n] for n in ("Niantic, Inc.", "Niantic International Limited", "Niantic")]
    ['company:niantic-inc', 'company:niantic-intl-ltd', 'company:niantic-inc']
    >>> set(_group_ids("clearview-ai", ["Clearview AI Inc.", "Clearview AI"]).values())
    {'company:clearview-ai'}
    """
    plain = {name: f"company:{key}" for name in names}
    if not any(distinct_firms([a], [b]) for i, a in enumerate(names) for b in names[i + 1:]):
        return plain
    families: list[list[str]] = []
    for name in (n for n in names if form_and_stem(n)[0]):
        fits = [f for f in families if not any(distinct_firms([name], [m]) for m in f)]
        if fits:
            fits[0].append(name)
        else:
            families.append([name])
    ids = dict(plain)
    for family in families:
        forms = sorted(set().union(*(form_and_stem(n)[0] for n in family)))
        stem = min((form_and_stem(n)[1] for n in family), key=lambda s: (len(s), s))
        family_id = f"company:{slugify(' '.join([stem or key, *forms]))}"
        ids.update({n: family_id for n in family})
    for name in (n for n in names if not form_and_stem(n)[0]):
        fits = [f for f in families if not distinct_firms([name], f)]
        if len(fits) == 1:
            ids[name] = ids[fits[0][0]]
    return ids
