"""A row's record as stored: compact JSON beside the row's properties.

Most rows have one assertion that says exactly what the row shows; it is stored as its
dataset and days only (``"=": 1``), its values being the row's own. Every other
assertion is stored in full. A row stored before records were kept has none: it reads
as one assertion of the dataset ``earlier``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from enforcegraph.graph.record.assertions import Assertion

__all__ = ["decode_record", "encode_record", "sole_assertion"]


def _plain(props: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    return {k: v for k, v in props.items() if k != "sources"}, tuple(props.get("sources") or ())


def encode_record(row_id: str, props: Mapping[str, Any], record: Sequence[Assertion]) -> str:
    """The JSON text of a row's record."""
    values, sources = _plain(props)
    out: list[dict[str, Any]] = []
    for a in record:
        item: dict[str, Any] = {"d": a.dataset, "f": a.first_seen, "l": a.last_seen}
        if a.since:
            item["since"] = a.since
        if a.source_id == row_id and a.values == values and a.sources == sources:
            item["="] = 1
        else:
            item.update({"s": a.source_id, "v": a.values, "src": list(a.sources)})
        out.append(item)
    return orjson.dumps(out, option=orjson.OPT_SORT_KEYS).decode()


def sole_assertion(dataset: str, day: str) -> str:
    """The record of a row whose one assertion, by ``dataset`` on ``day``, says exactly what
    the row shows: what :func:`encode_record` writes for it.

    >>> sole_assertion("clearview", "2026-12-07")
    '[{"=":1,"d":"clearview","f":"2026-12-07","l":"2026-12-07"}]'
    """
    return orjson.dumps([{"=": 1, "d": dataset, "f": day, "l": day}], option=orjson.OPT_SORT_KEYS).decode()


def decode_record(
    row_id: str, label: str, props: Mapping[str, Any], text: str | bytes | None
) -> list[Assertion]:
    """A row's record from its JSON text (None: a row stored before records were kept)."""
    values, sources = _plain(props)
    if text is None:
        return [Assertion(row_id, "earlier", row_id, label, values, sources)]
    record: list[Assertion] = []
    for item in orjson.loads(text):
        if item.get("="):
            source_id, said, cited = row_id, dict(values), sources
        else:
            source_id, said, cited = item["s"], item["v"], tuple(item["src"])
        record.append(Assertion(
            source_id, item["d"], row_id, label, said, cited, item["f"], item["l"],
            dict(item.get("since") or {}),
        ))
    return record
