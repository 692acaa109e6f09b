"""Batches of a stream made ready to write: validated, with forward references held back.

A file read as a stream of batches may refer to a record that comes later (a company
citing a Source further down, a relationship before its ends). :func:`ready_batches`
splits each batch into the records whose references are found (in the batch, or in the
store, which holds every earlier batch) and the records still waiting; the waiting ones
are tried again when a later batch brings one of the ids they wait for, and go with the
last batch, validated whole with it (a reference still missing is then the usual
error; a stream of one batch is validated as one upsert is). A record
given again under an id that is waiting waits too, so the records of one id are always
written in file order. The next batch is read ahead (to know the last), so two batches
are held at a time; waiting records are kept in memory too: a file whose references
point forward holds them until their targets arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from enforcegraph.schema.model import Model
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord
from enforcegraph.schema.validation import LabelLookup, validate_batch

__all__ = ["ready_batches"]


def _source_refs(props: dict[str, Any]) -> list[str]:
    sources = props.get("sources")
    return [s for s in sources if isinstance(s, str)] if isinstance(sources, list) else []


def _node_refs(node: NodeRecord) -> list[str]:
    return _source_refs(node.properties)


def _rel_refs(rel: RelationshipRecord) -> list[str]:
    ends = [e for e in (rel.start, rel.end) if isinstance(e, str)]
    return ends + _source_refs(rel.properties)


def _rel_key(rel: RelationshipRecord) -> str | None:
    try:
        return rel.id
    except (TypeError, AttributeError, ValueError):  # bad ends: validation reports them
        return None


def _split(batch: Batch, lookup: LabelLookup) -> tuple[Batch, Batch, set[str], dict[str, str]]:
    """``(ready, waiting, ids waited for, labels found in the store)``."""
    in_batch = {n.id for n in batch.nodes if isinstance(n.id, str)}
    refs = {r for n in batch.nodes for r in _node_refs(n)}
    refs |= {r for rel in batch.relationships for r in _rel_refs(rel)}
    stored = lookup(refs - in_batch) if refs - in_batch else {}
    waiting_nodes: set[str] = set()
    waiting_rels: set[str] = set()
    waited_for: set[str] = set()

    def missing(ref: str) -> bool:
        return ref not in stored and (ref not in in_batch or ref in waiting_nodes)

    changed = True
    while changed:  # a waiting Source makes the nodes citing it wait, and so on
        changed = False
        for node in batch.nodes:
            if not isinstance(node.id, str) or node.id in waiting_nodes:
                continue
            absent = [r for r in _node_refs(node) if missing(r)]
            if absent:
                waiting_nodes.add(node.id)
                waited_for.update(absent)
                changed = True
    for rel in batch.relationships:
        key = _rel_key(rel)
        absent = [r for r in _rel_refs(rel) if missing(r)]
        if key is not None and (absent or key in waiting_rels):
            waiting_rels.add(key)
            waited_for.update(absent)
    ready, waiting = Batch(dataset=batch.dataset), Batch(dataset=batch.dataset)
    for node in batch.nodes:
        (waiting if isinstance(node.id, str) and node.id in waiting_nodes else ready).nodes.append(node)
    for rel in batch.relationships:
        key = _rel_key(rel)
        (waiting if key is not None and key in waiting_rels else ready).relationships.append(rel)
    return ready, waiting, waited_for - waiting_nodes, stored


def ready_batches(model: Model, batches: Iterable[Batch], lookup: LabelLookup,
                  on_waiting: Callable[[int], None] | None = None) -> Iterator[Batch]:
    """The records of ``batches`` in batches ready to write, each validated (InvalidData
    for the first batch with an error, listing every error in it); ``lookup`` must see
    what the batches yielded before have written. The last batch goes with every record
    still waiting, validated whole: a stream of one batch is validated and written as
    :meth:`GraphStore.upsert` does it. ``on_waiting`` hears how many records wait after
    each batch."""
    waiting = Batch()
    waited_for: set[str] = set()
    stream = iter(batches)
    batch = next(stream, None)
    while batch is not None:
        following = next(stream, None)  # read ahead: is this the last batch?
        if following is None:
            last = Batch(waiting.nodes + batch.nodes, waiting.relationships + batch.relationships,
                         batch.dataset)
            if len(last):
                validate_batch(model, last, lookup)  # what is still missing is an error now
                yield last
            return
        arrived = {n.id for n in batch.nodes if isinstance(n.id, str)}
        if waiting and arrived & waited_for:  # some may go now: try them all again, in order
            batch = Batch(waiting.nodes + batch.nodes, waiting.relationships + batch.relationships,
                          batch.dataset)
            waiting, waited_for = Batch(), set()
        held_nodes = {n.id for n in waiting.nodes if isinstance(n.id, str)}
        held_rels = {k for r in waiting.relationships if (k := _rel_key(r)) is not None}
        ready, later, wanted, stored = _split(batch, lookup)
        # a record given again under a waiting id waits behind it
        behind = [n for n in ready.nodes if isinstance(n.id, str) and n.id in held_nodes]
        behind_rels = [r for r in ready.relationships if _rel_key(r) in held_rels]
        if behind or behind_rels:
            ready.nodes = [n for n in ready.nodes if not (isinstance(n.id, str) and n.id in held_nodes)]
            ready.relationships = [r for r in ready.relationships if _rel_key(r) not in held_rels]
        waiting.nodes += later.nodes + behind
        waiting.relationships += later.relationships + behind_rels
        waited_for |= wanted
        if on_waiting is not None:
            on_waiting(len(waiting))
        if len(ready):
            validate_batch(model, ready, _known(stored, lookup))
            yield ready
        batch = following


def _known(stored: dict[str, str], lookup: LabelLookup) -> LabelLookup:
    """A lookup answering from what the split has already read, asking the store only
    for anything else."""

    def found(ids: Iterable[str]) -> dict[str, str]:
        wanted = set(ids)
        answer = {i: stored[i] for i in wanted if i in stored}
        rest = wanted - answer.keys()
        return {**answer, **lookup(rest)} if rest else answer

    return found
