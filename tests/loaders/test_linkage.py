"""Linkage of firms and decisions across sources, on small hand-made records.

A case file (dataset ``cases``, curated) and a collection (dataset ``enforcement-tracker``)
report the same decisions; the linker merges what the evidence supports, sends the
uncertain to review, and never overrides a person's judgement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcegraph.graph.record.judgements import Judgement, latest
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.linkage import LINKER, decide, link_all
from enforcegraph.loaders.linkage_evidence import Amount, Dates
from enforcegraph.loaders.linkage_facts import DecisionFacts, SanctionFacts
from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

CASES, TRACKER = "cases", "enforcement-tracker"


def _batch(dataset: str, items: list[dict[str, Any]]) -> Batch:
    """Records from compact dicts: nodes ({id, label, ...}) and relationships ({type, from, to})."""
    src = f"source:{dataset}"
    nodes = [NodeRecord(src, "Source", {"url": f"https://example.org/{dataset}"})]
    rels: list[RelationshipRecord] = []
    for item in items:
        item = dict(item)
        if "type" in item:
            rels.append(RelationshipRecord(item.pop("type"), item.pop("from"), item.pop("to"),
                                           {"sources": [src], **item}))
        else:
            nodes.append(NodeRecord(item.pop("id"), item.pop("label"), {"sources": [src], **item}))
    return Batch(nodes=nodes, relationships=rels, dataset=dataset)


def _decision(did: str, issuer: str, target: str, date: str | None, amount: float | None,
              currency: str = "EUR", **props: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {"id": did, "label": "Decision", "kind": "fine_decision", **({"date": date} if date else {}), **props},
        {"type": "ISSUED", "from": issuer, "to": did},
        {"type": "AGAINST", "from": did, "to": target},
    ]
    if amount is not None:
        sid = did.replace("decision:", "sanction:") + "-fine"
        items += [{"id": sid, "label": "Sanction", "kind": "fine", "amount": amount, "currency": currency},
                  {"type": "IMPOSES", "from": did, "to": sid}]
    return items


REGULATORS = [
    {"id": "regulator:fr-cnil", "label": "Regulator", "name": "CNIL", "country": "FR"},
    {"id": "regulator:gb-ico", "label": "Regulator", "name": "ICO", "country": "GB"},
    {"id": "regulator:es-aepd", "label": "Regulator", "name": "AEPD", "country": "ES"},
]


def _cases() -> Batch:
    return _batch(CASES, [
        *REGULATORS,
        {"id": "company:clearview-ai", "label": "Company", "name": "Clearview AI", "country": "US"},
        *_decision("decision:cnil-fine", "regulator:fr-cnil", "company:clearview-ai", "2022-10-17",
                   20_000_000, ref="Délibération SAN-2022-019", announced_date="2022-10-20"),
        *_decision("decision:ico-fine", "regulator:gb-ico", "company:clearview-ai", "2022-05-18",
                   7_552_800, "GBP"),
        {"id": "company:anon-case", "label": "Company", "name": "Private person", "kind": "anonymous"},
        *_decision("decision:anon-case", "regulator:es-aepd", "company:anon-case", "2021-01-01", 1000),
    ])


def _tracker(*extra: dict[str, Any]) -> Batch:
    return _batch(TRACKER, [
        *REGULATORS,
        {"id": "company:clearview-al", "label": "Company", "name": "Clearview Al Inc."},
        # the CNIL's fine, the ICO's (a EUR conversion), and the 2023 liquidation: a hard negative
        *_decision("decision:etid-1", "regulator:fr-cnil", "company:clearview-al", "2022-10-17", 20_000_000),
        *_decision("decision:etid-2", "regulator:gb-ico", "company:clearview-al", "2022-05-18", 9_000_000),
        *_decision("decision:etid-3", "regulator:fr-cnil", "company:clearview-al", "2023-05-10", 5_200_000),
        {"id": "company:anon-etid", "label": "Company", "name": "Private person", "kind": "anonymous"},
        *_decision("decision:etid-4", "regulator:es-aepd", "company:anon-etid", "2021-01-01", 1000),
        *extra,
    ])


def _loaded(store: GraphStore, *extra: dict[str, Any]) -> None:
    store.upsert(_cases())
    store.upsert(_tracker(*extra))


def test_one_decision_many_sources(store: GraphStore) -> None:
    _loaded(store)
    report = link_all(store)
    assert {(k.label, k.canonical, k.other) for k in report.applied} == {
        ("firm", "company:clearview-ai", "company:clearview-al"),
        ("decision", "decision:cnil-fine", "decision:etid-1"),
        ("decision", "decision:ico-fine", "decision:etid-2"),
    }
    assert report.review == []
    assert store.get("company:clearview-al") is None and store.get("decision:etid-1") is None
    assert store.get("decision:etid-3") is not None  # the liquidation stays its own decision
    cnil = store.get("decision:cnil-fine")
    assert cnil is not None and {"source:cases", "source:enforcement-tracker"} <= set(cnil.get("sources"))
    fine = store.get("sanction:ico-fine-fine")
    assert fine is not None and (fine.get("amount"), fine.get("currency")) == (7_552_800, "GBP")
    said = {a.dataset: a.values for a in store.records(["sanction:ico-fine-fine"])["sanction:ico-fine-fine"]}
    assert said[TRACKER]["amount"] == 9_000_000 and said[CASES]["currency"] == "GBP"
    # anonymous parties never merge, so their decisions are not even candidates
    assert store.get("company:anon-etid") is not None and store.get("decision:etid-4") is not None
    # idempotent: judgements persist, a second run and a reload find nothing new
    judged = len(store.judgements())
    store.upsert(_tracker())
    again = link_all(store)
    assert (again.applied, again.review, len(store.judgements())) == ([], [], judged)
    assert all(j.by == LINKER for j in store.judgements())


def test_a_person_outranks_the_linker(embedded_store: GraphStore) -> None:
    store = embedded_store
    _loaded(store)
    store.judge(Judgement("decision:cnil-fine", "decision:etid-1", "not_same", "alice", "2026-01-01T00:00:00"))
    link_all(store)
    assert store.get("decision:etid-1") is not None  # a reject stands
    assert store.get("decision:etid-2") is None  # the rest is linked
    # a person splits the ICO link: a later load and run never merge it again
    store.judge(Judgement("decision:ico-fine", "decision:etid-2", "not_same", "alice", "2099-01-01T00:00:00"))
    assert store.get("decision:etid-2") is not None
    store.upsert(_tracker())
    link_all(store)
    assert store.get("decision:etid-2") is not None and store.get("decision:etid-1") is not None


def test_uncertain_links_go_to_review(embedded_store: GraphStore, cli: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = embedded_store
    # same firm, same day, but no amount on the tracker's side: for review, not merged
    _loaded(store, *_decision("decision:etid-5", "regulator:gb-ico", "company:clearview-al", "2022-05-18", None))
    report = link_all(store)
    assert [(k.canonical, k.other) for k in report.review] == [("decision:ico-fine", "decision:etid-5")]
    assert report.review[0].rule.startswith("same issuer, same firm, dates same_day, no amounts")
    # etid-2 (equal amounts) is merged; etid-5 waits for a person
    assert store.get("decision:etid-5") is not None
    standing = latest(store.judgements())
    assert any(j.verdict == "unsure" and "dates: same_day" in j.why for j in standing.values())
    monkeypatch.setenv("ENFORCEGRAPH_DB", str(tmp_path / "graph.sqlite"))
    out = cli("resolve").output
    assert "[review] decision:ico-fine / decision:etid-5" in out and "amounts: unknown" in out


def test_close_names_need_evidence(embedded_store: GraphStore) -> None:
    store = embedded_store
    store.upsert(_batch(CASES, [
        {"id": "company:clearview-ai", "label": "Company", "name": "Clearview AI"},
        {"id": "company:vodafone-espana-sau", "label": "Company", "name": "Vodafone España, S.A.U.",
         "country": "ES"},
        {"id": "company:deepseek-ai", "label": "Company", "name": "Hangzhou DeepSeek AI",
         "aliases": ["DeepSeek"]},
    ]))
    store.upsert(_batch(TRACKER, [
        {"id": "company:clearview-al", "label": "Company", "name": "Clearview Al Inc."},
        {"id": "company:vodafone-espana", "label": "Company", "name": "Vodafone Espana", "country": "ES"},
        {"id": "company:deepseek", "label": "Company", "name": "DeepSeek"},
    ]))
    report = link_all(store)
    # legal-form and accent variants with the same country: one firm
    assert [(k.canonical, k.other) for k in report.applied] == [
        ("company:vodafone-espana-sau", "company:vodafone-espana")]
    # a look-alike name alone (no shared regulator, no country on both): review only
    assert [(k.canonical, k.other, k.verdict) for k in report.review] == [
        ("company:clearview-ai", "company:clearview-al", "unsure")]
    assert store.get("company:deepseek") is not None  # a shared trading name never merges


def _facts(did: str, family: str, date: str, amount: float | None, refs: tuple[str, ...] = (),
           announced: tuple[str, ...] = (), currency: str = "EUR") -> DecisionFacts:
    sanctions = [SanctionFacts(did + "-s", {"fine"}, [Amount(amount, currency, date)])] if amount else []
    return DecisionFacts(did, frozenset({family}), 50 if family == "curated" else 40,
                         frozenset({"regulator:x"}), frozenset({"company:x"}),
                         Dates((date,) if date else (), announced), frozenset(refs), sanctions)


@pytest.mark.parametrize(("a", "b", "verdict"), [
    # different references of one scheme: a veto, even on the same day with the same amount
    (_facts("d:1", "curated", "2021-09-14", 56000, ("aepd:ps:191/2021",)),
     _facts("d:2", "gdprhub", "2021-09-14", 56000, ("aepd:ps:193/2021",)), None),
    # equal references: the same decision although the amounts differ (reductions)
    (_facts("d:1", "curated", "2021-08-03", 96000, ("aepd:ps:188/2021",)),
     _facts("d:2", "gdprhub", "", 120000, ("aepd:ps:188/2021",)), "same"),
    # a year-month date matches only inside its month
    (_facts("d:1", "curated", "2021-09", 225e6), _facts("d:2", "gdprhub", "2021-08-20", 225e6), None),
    (_facts("d:1", "curated", "2021-09", 225e6), _facts("d:2", "gdprhub", "2021-09-02", 225e6), "unsure"),
    # decided in December, announced in May: a publication lag, equal amounts
    (_facts("d:1", "curated", "", 525000, announced=("2021-05-12",)),
     _facts("d:2", "enforcement-tracker", "2020-12-20", 525000), "same"),
    # the same firm and day but different amounts: two decisions
    (_facts("d:1", "curated", "2020-11-18", 800000), _facts("d:2", "gdprhub", "2020-11-18", 2250000), None),
    # a converted amount within the tolerance at the ECB rate of the day
    (_facts("d:1", "curated", "2021-12-13", 65e6, currency="NOK"),
     _facts("d:2", "enforcement-tracker", "2021-12-13", 6.3e6), "same"),
])
def test_decision_rules(a: DecisionFacts, b: DecisionFacts, verdict: str | None) -> None:
    link = decide(a, b)
    assert (link.verdict if link else None) == verdict


def test_the_linkers_unsure_becomes_same_on_new_evidence(embedded_store: GraphStore) -> None:
    store = embedded_store
    store.upsert(_cases())
    no_amount = _decision("decision:etid-9", "regulator:gb-ico", "company:clearview-al", "2022-05-18", None)
    store.upsert(_batch(TRACKER, [*REGULATORS, {"id": "company:clearview-al", "label": "Company",
                                                "name": "Clearview Al Inc."}, *no_amount]))
    first = link_all(store)
    assert [(k.other, k.verdict) for k in first.review] == [("decision:etid-9", "unsure")]
    # a newer snapshot gives the amount: the linker's own unsure becomes a merge
    with_amount = _decision("decision:etid-9", "regulator:gb-ico", "company:clearview-al", "2022-05-18", 9_000_000)
    store.upsert(_batch(TRACKER, [*REGULATORS, {"id": "company:clearview-al", "label": "Company",
                                                "name": "Clearview Al Inc."}, *with_amount]))
    second = link_all(store)
    assert [(k.other, k.verdict) for k in second.applied] == [("decision:etid-9", "same")]
    assert store.get("decision:etid-9") is None


def test_link_command(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from enforcegraph.graph.backends.embedded import EmbeddedStore

    db = tmp_path / "graph.sqlite"
    with EmbeddedStore(db) as store:
        _loaded(store)
    monkeypatch.setenv("ENFORCEGRAPH_DB", str(db))
    shown = json.loads(cli("link", "--dry-run", "--json").output)
    assert [k["other"] for k in shown["applied"]] == ["company:clearview-al"]  # firms first, nothing judged
    with EmbeddedStore(db) as store:
        assert store.judgements() == []
    out = cli("link").output
    assert "linked: 1 firm link(s) and 2 decision link(s) applied (3 node(s) merged away); 0 for review" in out
    assert "linked: 0 firm link(s) and 0 decision link(s) applied" in cli("link").output


def test_different_legal_forms_go_to_review(embedded_store: GraphStore) -> None:
    store = embedded_store
    store.upsert(_batch(CASES, [*REGULATORS, {"id": "company:tiktok-inc", "label": "Company", "name": "TikTok Inc."},
                                *_decision("decision:ap-1", "regulator:es-aepd", "company:tiktok-inc", "2021-04-09", 1)]))
    store.upsert(_batch(TRACKER, [*REGULATORS, {"id": "company:tiktok", "label": "Company", "name": "TikTok",
                                                "aliases": ["TikTok Limited"]},
                                  *_decision("decision:etid-7", "regulator:es-aepd", "company:tiktok", "2023-09-01", 2)]))
    report = link_all(store)
    assert [(k.canonical, k.other, k.verdict) for k in report.review] == [
        ("company:tiktok-inc", "company:tiktok", "unsure")]
    assert report.review[0].evidence["legal forms"] == "inc / ltd"
    assert store.get("company:tiktok") is not None


def test_the_one_fine_of_linked_decisions_is_one_sanction_whatever_the_amounts(store: GraphStore) -> None:
    """Seen on the 2024 snapshots: 35 AEPD and Garante decisions linked by their number
    kept two fines, the one imposed (GDPRhub: 150,000) and the one paid after the reduction
    (the tracker: 90,000), so every total counted the fine twice."""
    firm = {"id": "company:vodafone-espana", "label": "Company", "name": "Vodafone España, S.A.U."}
    store.upsert(_batch(CASES, [*REGULATORS, firm,
                                *_decision("decision:ps-85", "regulator:es-aepd", "company:vodafone-espana",
                                           "2021-04-13", 150_000, ref="PS/00085/2021")]))
    tracker = _decision("decision:etid-636", "regulator:es-aepd", "company:vodafone-espana", "2021-04-13",
                        90_000, ref="PS/00085/2021")
    tracker += [{"id": "sanction:etid-636-order", "label": "Sanction", "kind": "order"},
                {"type": "IMPOSES", "from": "decision:etid-636", "to": "sanction:etid-636-order"}]
    store.upsert(_batch(TRACKER, [*REGULATORS, firm, *tracker]))
    link_all(store)
    fines = [r.end for r in store.relationships_of(["decision:ps-85"], ["IMPOSES"], "out")]
    assert sorted(fines) == ["sanction:etid-636-order", "sanction:ps-85-fine"]  # the order is no fine
    said = {a.dataset: a.values.get("amount") for a in store.records(["sanction:ps-85-fine"])["sanction:ps-85-fine"]}
    assert said == {CASES: 150_000, TRACKER: 90_000}
    assert store.get("sanction:ps-85-fine").get("amount") == 150_000  # type: ignore[union-attr]


def test_two_fines_on_one_side_are_not_paired_by_kind(store: GraphStore) -> None:
    """One fine in the tracker, two in the case file (a fine per infringement): which is
    which is not known, so none is paired."""
    firm = {"id": "company:vodafone-espana", "label": "Company", "name": "Vodafone España, S.A.U."}
    case = _decision("decision:ps-86", "regulator:es-aepd", "company:vodafone-espana", "2021-04-13",
                     50_000, ref="PS/00086/2021")
    case += [{"id": "sanction:ps-86-fine-2", "label": "Sanction", "kind": "fine", "amount": 20_000, "currency": "EUR"},
             {"type": "IMPOSES", "from": "decision:ps-86", "to": "sanction:ps-86-fine-2"}]
    store.upsert(_batch(CASES, [*REGULATORS, firm, *case]))
    store.upsert(_batch(TRACKER, [*REGULATORS, firm,
                                  *_decision("decision:etid-637", "regulator:es-aepd", "company:vodafone-espana",
                                             "2021-04-13", 42_000, ref="PS/00086/2021")]))
    link_all(store)
    assert store.get("decision:etid-637") is None  # the decisions are one
    assert store.get("sanction:etid-637-fine") is not None
