"""Turn accepted proposals into a Batch for the normal validated, all-or-nothing load."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from enforcegraph.graph.store.base import GraphStore, PropertyFilter
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.gazetteer import gazetteer
from enforcegraph.loaders.extract.proposals import Extraction, Proposal, Span
from enforcegraph.schema.errors import EnforcegraphError
from enforcegraph.schema.ids import make_id
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["accepted_batch", "left_for_review", "select"]

_LOADABLE = ("regulator", "company", "person", "law", "article", "relationship", "decision", "statement")
_QUOTE = 160


def left_for_review(extraction: Extraction, chosen: Iterable[Proposal]) -> list[Proposal]:
    """The loadable proposals that were not accepted (for the analyst to review)."""
    taken = {p.id for p in chosen}
    return [p for p in extraction.proposals if p.kind in _LOADABLE and p.id not in taken]


def select(extraction: Extraction, accept: Iterable[str], threshold: float | None = None) -> list[Proposal]:
    """The accepted proposals ("all", or ids) plus the entities they need. With a threshold,
    "all" means every loadable proposal whose confidence is at least the threshold."""
    wanted = list(accept)
    if not wanted:
        return []
    if "all" in wanted:
        chosen = [p for p in extraction.proposals if p.kind in _LOADABLE
                  and (threshold is None or p.confidence >= threshold)]
    else:
        known = {p.id for p in extraction.proposals}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise EnforcegraphError(f"no proposal {', '.join(unknown)} (see the review table)")
        chosen = [extraction.by_id(i) for i in wanted]
        not_loadable = [p.id for p in chosen if p.kind not in _LOADABLE]
        if not_loadable:
            raise EnforcegraphError(
                f"{', '.join(not_loadable)}: amounts and mentions are not loaded on their own "
                "(accept the decision that carries the amount)")
    ids = {p.id for p in chosen}
    queue = list(chosen)
    while queue:
        proposal = queue.pop()
        for linked in (i for ids_ in proposal.links.values() for i in ids_):
            other = extraction.by_id(linked)
            if other.id not in ids and other.kind in _LOADABLE and other.kind != "decision":
                ids.add(other.id)
                queue.append(other)
    return [p for p in extraction.proposals if p.id in ids]


def _span_texts(spans: Iterable[Span | dict[str, Any]], source_id: str) -> list[str]:
    out = []
    for span in spans:
        start, end, text = (span.start, span.end, span.text) if isinstance(span, Span) else (
            span["start"], span["end"], span["text"])
        quote = " ".join(str(text).split())
        quote = quote if len(quote) <= _QUOTE else quote[: _QUOTE - 1] + "…"
        out.append(f"{start}-{end} in {source_id}: {quote}")
    return out


class _Assembler:
    def __init__(self, extraction: Extraction, article: Article, store: GraphStore | None,
                 chosen: set[str]) -> None:
        self.extraction = extraction
        self.chosen = chosen
        self.article = article
        self.store = store
        self.batch = Batch()
        self.origin_file = article.url or "<article>"
        self.source_id = self._source()

    def origin(self, proposal: Proposal | None) -> Origin:
        return Origin(self.origin_file, f"proposal {proposal.id}" if proposal else "article")

    def _source(self) -> str:
        url = self.article.url
        if not url:
            raise EnforcegraphError("--accept needs the article's --url (it becomes the Source)")
        if self.store is not None:
            same = self.store.find("Source", [PropertyFilter("url", "eq", url)], limit=1)
            if same:
                return same[0].id
        parsed = urlparse(url)
        source_id = make_id("source", parsed.netloc.removeprefix("www.") + parsed.path)
        props = {k: v for k, v in {
            "url": url, "title": self.article.title, "publisher": self.article.publisher,
            "author": self.article.author, "date": self.article.date, "kind": "news",
        }.items() if v}
        self.batch.nodes.append(NodeRecord(source_id, "Source", props, self.origin(None)))
        return source_id

    def node(self, proposal: Proposal, label: str, props: dict[str, Any], spans: bool = True) -> None:
        if proposal.existing or proposal.node_id is None:
            return
        props = {k: v for k, v in props.items() if v not in (None, [], "")}
        props["sources"] = [self.source_id]
        if spans:
            props["spans"] = _span_texts(proposal.spans, self.source_id)
        self.batch.nodes.append(NodeRecord(proposal.node_id, label, props, self.origin(proposal)))

    def rel(self, proposal: Proposal, rel_type: str, start: str, end: str,
            props: dict[str, Any] | None = None, spans: Iterable[Span | dict[str, Any]] = (),
            key: str = "") -> None:
        values = {k: v for k, v in (props or {}).items() if v is not None}
        values["sources"] = [self.source_id]
        span_texts = _span_texts(spans or proposal.spans, self.source_id)
        if span_texts:
            values["spans"] = span_texts
        self.batch.relationships.append(
            RelationshipRecord(rel_type, start, end, values, key, self.origin(proposal)))

    def end_id(self, proposal: Proposal, role: str) -> str | None:
        ids = proposal.links.get(role) or []
        return self.extraction.by_id(ids[0]).node_id if ids else None

    # -- one method per kind --------------------------------------------------------------
    def regulator(self, proposal: Proposal) -> None:
        if proposal.existing:
            return
        entry = next(e for e in gazetteer() if e.id == proposal.node_id)
        site_id = make_id("source", entry.id.split(":", 1)[1], "website")
        if not any(n.id == site_id for n in self.batch.nodes):
            self.batch.nodes.append(NodeRecord(site_id, "Source", {
                "url": entry.website, "title": f"{entry.name} (official website)",
                "publisher": entry.name, "kind": "regulator"}, self.origin(proposal)))
        props = {k: v for k, v in proposal.properties.items() if v}
        props["sources"] = [site_id]
        self.batch.nodes.append(NodeRecord(entry.id, "Regulator", props, self.origin(proposal)))

    def company(self, proposal: Proposal) -> None:
        self.node(proposal, "Company", {"name": proposal.name, "roles": proposal.properties.get("roles")})

    def person(self, proposal: Proposal) -> None:
        self.node(proposal, "Person", {"name": proposal.name})

    def law(self, proposal: Proposal) -> None:
        props = {k: proposal.properties.get(k) for k in ("name", "short_name", "country")}
        self.node(proposal, "Law", props, spans=False)

    def article_(self, proposal: Proposal) -> None:
        props = {"citation": proposal.properties["citation"], "number": proposal.properties["number"]}
        self.node(proposal, "LegalArticle", props, spans=False)
        law = self.end_id(proposal, "part_of")
        if law and not proposal.existing:
            self.rel(proposal, "PART_OF", proposal.node_id or "", law)

    def relationship(self, proposal: Proposal) -> None:
        props = {k: v for k, v in proposal.properties.items() if k != "type"}
        start, end = self.end_id(proposal, "from"), self.end_id(proposal, "to")
        if start and end:
            self.rel(proposal, proposal.properties["type"], start, end, props)

    def decision(self, proposal: Proposal) -> None:
        decision_id = proposal.node_id or ""
        props = proposal.properties
        self.node(proposal, "Decision", {
            "kind": props["kind"], "announced_date": props.get("announced_date"),
            "summary": props.get("summary"), "status_note": props.get("status_note"),
            "title": proposal.name,
        })
        regulator = self.end_id(proposal, "regulator")
        target = self.end_id(proposal, "against")
        if regulator:
            self.rel(proposal, "ISSUED", regulator, decision_id)
        if target:
            self.rel(proposal, "AGAINST", decision_id, target)
        if not proposal.existing:
            for index, sanction in enumerate(props.get("sanctions") or [], 1):
                sanction_id = f"sanction:{decision_id.split(':', 1)[1]}-{sanction['kind'].replace('_', '-')}"
                if index > 1:
                    sanction_id += f"-{index}"
                values = {k: sanction.get(k) for k in ("kind", "amount", "currency", "per",
                                                        "statutory_maximum", "description")}
                if sanction.get("currency") == "EUR" and sanction.get("amount") is not None:
                    values["amount_eur"] = sanction["amount"]
                values = {k: v for k, v in values.items() if v is not None}
                values["sources"] = [self.source_id]
                values["spans"] = _span_texts(sanction.get("spans") or [], self.source_id)
                self.batch.nodes.append(NodeRecord(sanction_id, "Sanction", values, self.origin(proposal)))
                self.rel(proposal, "IMPOSES", decision_id, sanction_id, spans=sanction.get("spans") or [])
        for cite in props.get("cites") or []:
            rel_type = "INFRINGES" if cite["infringes"] else "CITES"
            self.rel(proposal, rel_type, decision_id, cite["article"],
                     {"provision": cite["provision"]}, [cite["span"]], key=cite["provision"])

    def statement(self, proposal: Proposal) -> None:
        props = proposal.properties
        self.node(proposal, "Statement", {
            "text": props["text"], "date": props.get("date"),
            "claims": [c if len(c) <= 500 else c[:499] + "…" for c in props.get("claims") or []],
        })
        statement_id = proposal.node_id or ""
        for role, rel_type in (("made_by", "MADE_BY"), ("via", "ISSUED_VIA"), ("about", "ABOUT")):
            for linked in proposal.links.get(role) or []:
                other = self.extraction.by_id(linked)
                if other.node_id and (other.existing or other.id in self.chosen):
                    self.rel(proposal, rel_type, statement_id, other.node_id, spans=proposal.spans[:1])


def accepted_batch(extraction: Extraction, article: Article, accept: Iterable[str],
                   store: GraphStore | None = None, threshold: float | None = None) -> Batch:
    """The batch that loads the accepted proposals, sourced by the article with spans."""
    chosen = select(extraction, accept, threshold)
    assembler = _Assembler(extraction, article, store, {p.id for p in chosen})
    for proposal in chosen:
        method = "article_" if proposal.kind == "article" else proposal.kind
        getattr(assembler, method)(proposal)
    return assembler.batch
