"""Dataloaders batch relationship fields: store calls do not grow with the number of rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

SOURCES = {"sources": ["source:synthetic"]}
QUERY = """query($n: Int) {
  companies(first: $n, filter: {id: {in: %s}}) {
    totalCount
    nodes {
      id name
      sanctions { id kind amount }
      decisions { id ref regulator { id name } sanctions { id } }
      regulators { id name }
    }
  }
}"""


def _firms(count: int, regulators: int = 5) -> Batch:
    """``count`` firms, each with one decision of one of ``regulators`` regulators and a fine."""
    batch = Batch()
    batch.nodes.append(NodeRecord("source:synthetic", "Source", {"url": "https://example.org/s"}))
    for r in range(regulators):
        batch.nodes.append(NodeRecord(f"regulator:r{r}", "Regulator",
                                      {"name": f"Regulator {r}", "country": "FR", **SOURCES}))
    for i in range(count):
        firm, decision, sanction = f"company:f{i:03}", f"decision:d{i:03}", f"sanction:s{i:03}"
        batch.nodes += [
            NodeRecord(firm, "Company", {"name": f"Firm {i}", **SOURCES}),
            NodeRecord(decision, "Decision", {"kind": "fine_decision", "ref": f"D-{i}", **SOURCES}),
            NodeRecord(sanction, "Sanction", {"kind": "fine", "amount": 1000 + i, **SOURCES}),
        ]
        batch.relationships += [
            RelationshipRecord("ISSUED", f"regulator:r{i % regulators}", decision, dict(SOURCES)),
            RelationshipRecord("AGAINST", decision, firm, dict(SOURCES)),
            RelationshipRecord("IMPOSES", decision, sanction, dict(SOURCES)),
        ]
    return batch


def _calls_for(api: Any, count: int) -> tuple[int, dict[str, Any]]:
    ids = [f"company:f{i:03}" for i in range(count)]
    text = QUERY % ("[" + ", ".join(f'"{i}"' for i in ids) + "]")
    api.counting.calls.clear()
    result = api.query(text, {"n": count})
    return api.counting.total(), result


def test_fifty_companies_make_a_bounded_number_of_store_calls(
    store: GraphStore, serve: Callable[..., Any]
) -> None:
    store.upsert(_firms(50))
    api = serve(store)
    calls_50, result = _calls_for(api, 50)
    nodes = result["companies"]["nodes"]
    assert result["companies"]["totalCount"] == 50 and len(nodes) == 50
    for i, node in enumerate(nodes):
        assert node["sanctions"] == [{"id": f"sanction:s{i:03}", "kind": "FINE",
                                      "amount": 1000.0 + i}]
        assert node["decisions"][0]["regulator"]["id"] == f"regulator:r{i % 5}"
        assert node["regulators"] == [node["decisions"][0]["regulator"]]
    calls_5, _ = _calls_for(api, 5)
    # A fixed number of batched calls per level of the query, whatever the number of rows
    # (1 + 50 + 50 + ... without dataloaders).
    assert calls_50 <= 12, api.counting.calls  # 8 today: find, count, 4 x relationships_of, 2 x get_many
    assert calls_50 == calls_5, (calls_50, calls_5)
