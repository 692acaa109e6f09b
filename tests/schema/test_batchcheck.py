"""The column-wise check says yes only when the record-by-record check finds no error."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from enforcegraph.graph.synth import SynthConfig, synth_batches
from enforcegraph.schema.batchcheck import batch_ok
from enforcegraph.schema.errors import InvalidData
from enforcegraph.schema.model import load_model
from enforcegraph.schema.names import _normalize_unicode, normalize_name
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord
from enforcegraph.schema.validation import validate_batch

MODEL = load_model()
SOURCE = "source:s"


class Name(str):
    """A str subclass: valid for the per-record check, not for the C-level passes."""


def _batch() -> Batch:
    src = {"sources": [SOURCE]}
    return Batch(
        nodes=[
            NodeRecord(SOURCE, "Source", {"url": "https://example.org/", "title": "S"}),
            NodeRecord("company:a", "Company", {"name": "Ay", "aliases": ["A1"], "country": "US", "turnover": 1, **src}),
            NodeRecord("company:b", "Company", {"name": "Bee", "turnover": 1, **src}),
            NodeRecord("decision:d", "Decision", {"kind": "fine_decision", "date": "2022-01-02", **src}),
        ],
        relationships=[RelationshipRecord("AGAINST", "decision:d", "company:a", dict(src))],
    )


def _labels(batch: Batch) -> dict[str, str]:
    return {node.id: node.label for node in batch.nodes}


def _set(index: int, **props: Any) -> Callable[[Batch], None]:
    def change(batch: Batch) -> None:
        batch.nodes[index].properties.update(props)
    return change


def _node(index: int, **fields: Any) -> Callable[[Batch], None]:
    def change(batch: Batch) -> None:
        old = batch.nodes[index]
        batch.nodes[index] = NodeRecord(fields.get("id", old.id), fields.get("label", old.label),
                                        old.properties)
    return change


def _rel(**fields: Any) -> Callable[[Batch], None]:
    def change(batch: Batch) -> None:
        old = batch.relationships[0]
        batch.relationships[0] = RelationshipRecord(
            fields.get("type", old.type), fields.get("start", old.start), fields.get("end", old.end),
            old.properties)
    return change


# (change, the field the record-by-record check names; None: that check accepts it);
# ids change on company:b, which nothing refers to, so only the id check can catch them
MUTATIONS: list[tuple[Callable[[Batch], None], str | None]] = [
    (_node(2, id="firm:b"), "id"),
    (_node(2, id="company:B"), "id"),
    (_node(2, id="company:b\n"), "id"),
    (_node(2, id="company:-b"), "id"),
    (_node(2, id=7), "id"),
    (_node(2, label="Widget"), "label"),
    (_node(2, label="Decision"), "id"),
    (_set(1, name="   "), "name"),
    (_set(1, name="x" * 501), "name"),
    (_set(1, name=5), "name"),
    (_set(1, name=None), "name"),
    (_set(1, aliases="A1"), "aliases"),
    (_set(1, aliases=[""]), "aliases"),
    (_set(1, country="XX"), "country"),
    (_set(1, colour="red"), "colour"),
    (_set(2, turnover=True), "turnover"),  # beside turnover 1, which hashes the same
    (_set(2, turnover=float("nan")), "turnover"),
    (_set(3, date="2022-13-01"), "date"),
    (_set(3, kind="parking_ticket"), "kind"),
    (_set(1, sources=[]), "sources"),
    (_set(1, sources="source:s"), "sources"),
    (_set(1, sources=["company:b"]), "sources"),
    (_set(1, sources=[["nested"]]), "sources"),
    (_rel(type="OWNS_PET"), "type"),
    (_rel(start="company:b"), "from"),
    (_rel(end="company:nowhere"), "to"),
    (_rel(end=["unhashable"]), "to"),
    (_set(1, name=Name("Ay")), None),
    (_set(1, aliases=[Name("A1")]), None),
]


@pytest.mark.parametrize("change, field", MUTATIONS)
def test_no_yes_for_a_batch_with_an_error(change: Callable[[Batch], None], field: str | None) -> None:
    batch = _batch()
    assert batch_ok(MODEL, batch, _labels(batch))
    change(batch)
    if field is None:  # valid: either answer is right, and the full check accepts it
        validate_batch(MODEL, batch, lambda ids: {})
        return
    labels = {k: v for k, v in _labels(batch).items() if isinstance(k, str)}
    assert not batch_ok(MODEL, batch, labels)
    with pytest.raises(InvalidData) as raised:
        validate_batch(MODEL, batch, lambda ids: {})
    assert field in {error.field for error in raised.value.errors}


def test_synthetic_batches_take_the_fast_path() -> None:
    base, firms = list(synth_batches(SynthConfig(firms=300, seed=3, chunk_firms=300)))
    labels = _labels(base) | _labels(firms)
    assert batch_ok(MODEL, base, labels) and batch_ok(MODEL, firms, labels)


def test_ascii_names_fold_as_unicode_ones_do() -> None:
    rng = random.Random(5)
    texts = ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(12))) for _ in range(5000)]
    texts += ["  Clearview AI, Inc. ", "a_b", "x\x1cy", "Ton-That", "AT&T", "\t\n", "__x__"]
    assert [normalize_name(t) for t in texts] == [_normalize_unicode(t) for t in texts]
