"""GDPRhub decisions as nodes and relationships.

Issuer -ISSUED-> Decision -IMPOSES-> Sanction (fines, reprimands, orders); Decision
-AGAINST-> each party on the controller side (loaders/gdprhub_parties.py); Decision
-INFRINGES-> (a violation found) or -CITES-> (otherwise) each GDPR article. Every fact is
sourced by the decision's GDPRhub page (a Source of kind dataset, publisher GDPRhub) and
the authority's or court's own documents the record links; issuers by GDPRhub itself.

Page URL rule: the API gives the page (``wiki.url``); for the CSV it is built as the site
titles its pages, ``https://gdprhub.eu/index.php?title=<issuer label> - <case>`` (the
label without ``DPA: ``/``Court: ``, ``CJEU`` for the Court of Justice, ``N/A`` for no
case; spaces as ``_``, percent-encoded but ``/()``). Where GDPRhub's editors titled a page
otherwise, only the API's URL is the page itself.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from enforcegraph.loaders.builder import FirmNames, RecordBuilder, union_lists
from enforcegraph.loaders.gdpr import EURLEX_SOURCE_ID, GDPR_LAW_ID, eurlex_source, gdpr_law
from enforcegraph.loaders.gdprfines_tables import Tables as FinesTables
from enforcegraph.loaders.gdprhub_parties import against
from enforcegraph.loaders.gdprhub_rows import HubDecision
from enforcegraph.loaders.persons import person_id
from enforcegraph.loaders.sources import source_id
from enforcegraph.schema.ids import slugify
from enforcegraph.schema.names import party_key
from enforcegraph.schema.records import NodeRecord, Origin, RelationshipRecord

__all__ = ["DATASET_SOURCE_ID", "HubBuilder", "case_key", "named_key", "page_source_id", "page_url"]

DATASET_SOURCE_ID = "source:gdprhub"
PAGE_BASE = "https://gdprhub.eu/index.php?title="
_DATASET_SOURCE = {
    "url": "https://gdprhub.eu/",
    "title": "GDPRhub: summaries of decisions of data protection authorities and courts",
    "publisher": "GDPRhub",
    "kind": "dataset",
}


def page_url(title: str) -> str:
    """The GDPRhub page of a title.

    >>> page_url("AEPD (Spain) - PS/00001/2021")
    'https://gdprhub.eu/index.php?title=AEPD_(Spain)_-_PS/00001/2021'
    """
    return PAGE_BASE + quote(title.strip().replace(" ", "_"), safe="/()")


def page_source_id(url: str) -> str:
    """The id of a GDPRhub page's Source: the slug of its title and a hash of the URL
    (titles that differ only in case or punctuation are different pages).

    >>> page_source_id(page_url("AEPD (Spain) - PS/00100/2022"))
    'source:gdprhub-aepd-spain-ps-00100-2022-baf6f56b'
    """
    title = unquote(url.split("title=", 1)[-1])
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"source:gdprhub-{slugify(title)[:60].rstrip('-.') or 'page'}-{digest}"


def case_key(case: str | None) -> str | None:
    """The slug of a case number in ids (long ones cut, with a short hash); None if it
    has none.

    >>> case_key("PS/00032/2020"), case_key("PS-00032-2020"), case_key("Διοικητικού")
    ('ps-00032-2020', 'ps-00032-2020', None)
    """
    slug = slugify(case or "")
    if not slug:
        return None
    if len(slug) > 60:
        slug = f"{slug[:50].rstrip('-.')}-{hashlib.sha256(slug.encode()).hexdigest()[:8]}"
    return slug


@lru_cache(maxsize=1 << 16)
def named_key(name: str, legal_forms: frozenset[str]) -> str:
    """The id slug of a named party (``company:{party_key}``, as the gdpr-fines loader),
    a hash of the name when the fingerprint is empty (a name in a non-Latin script)."""
    return party_key(name, legal_forms) or "name-" + hashlib.sha256(name.encode()).hexdigest()[:10]


class HubBuilder(RecordBuilder):
    """The records of one batch (see :class:`RecordBuilder`), but for two rules of this
    source's: empty values (None, "", []) are dropped from a node's properties, and a
    relationship met again adds its sources."""

    def __init__(self, names: FirmNames, fines: FinesTables) -> None:
        super().__init__()
        self.names = names
        self.fines = fines

    def node(self, node_id: str, label: str, props: dict[str, Any], origin: Origin) -> None:
        super().node(node_id, label, {k: v for k, v in props.items() if v not in (None, "", [])}, origin)

    def rel(self, rel_type: str, start: str, end: str, props: dict[str, Any], origin: Origin,
            key: str = "") -> None:
        record = RelationshipRecord(rel_type, start, end, props, key, origin)
        old = self.rels.get(record.id)
        if old is None:
            self.rels[record.id] = record
            return
        union_lists(old.properties, props, ("sources",))

    def static(self, origin: Origin) -> None:
        """The GDPR, its source and GDPRhub's own Source (every batch: small, idempotent)."""
        for node in (eurlex_source(), gdpr_law(), NodeRecord(DATASET_SOURCE_ID, "Source", dict(_DATASET_SOURCE))):
            self.node(node.id, node.label, node.properties, origin)

    def add(self, d: HubDecision, key: str, origin: Origin) -> None:
        """One decision, its id ``decision:gdprhub-{key}``."""
        page = d.page_url or page_url(d.title)
        page_id = page_source_id(page)
        self.node(page_id, "Source", {"url": page, "title": f"GDPRhub: {d.title}"[:500],
                                      "publisher": "GDPRhub", "kind": "dataset"}, origin)
        docs = []
        for url, name in d.documents:
            doc_id = source_id(url)
            docs.append(doc_id)
            self.node(doc_id, "Source", {
                "url": url, "title": name[:500] or None, "publisher": d.issuer.name,
                "kind": "regulator" if d.issuer.label == "Regulator" else "court"}, origin)
        sources = [page_id, *docs]
        issuer = d.issuer
        self.node(issuer.id, issuer.label, {
            "name": issuer.name, "country": issuer.country, "kind": issuer.kind,
            "acronym": issuer.acronym if issuer.label == "Regulator" else None,
            "aliases": list(issuer.aliases), "sources": [DATASET_SOURCE_ID]}, origin)
        if issuer.label == "Regulator" and issuer.kind == "data_protection":
            self.rel("ENFORCES", issuer.id, GDPR_LAW_ID, {"sources": [EURLEX_SOURCE_ID]}, origin)
        decision_id = f"decision:gdprhub-{key}"
        self.node(decision_id, "Decision", {
            "kind": d.kind, "ref": d.ref, "title": d.title[:500], "date": d.date,
            "announced_date": d.announced, "status_note": d.status_note, "summary": d.summary,
            "sources": sources}, origin)
        self.rel("ISSUED", issuer.id, decision_id, {"sources": sources}, origin)
        if d.sanction:
            sanction_id = f"sanction:gdprhub-{key}"
            props: dict[str, Any] = {"kind": d.sanction, "sources": sources}
            if d.amount is not None:
                props.update(amount=d.amount, currency=d.currency, amount_eur=d.amount_eur)
            elif d.sanction == "fine":
                props["description"] = d.fine_note or "A fine whose amount GDPRhub does not state."
            self.node(sanction_id, "Sanction", props, origin)
            self.rel("IMPOSES", decision_id, sanction_id, {"sources": sources}, origin)
        anonymous = 0
        for party in against(d.parties):
            if party.anonymous:
                anonymous += 1
                party_id = f"company:anonymous-gdprhub-{key}" + (f"-{anonymous}" if anonymous > 1 else "")
                self.node(party_id, "Company", {"name": party.name[:500], "kind": "anonymous",
                                                "sources": [page_id]}, origin)
            elif party.person is not None:
                party_id = person_id(party.person)
                self.node(party_id, "Person", {
                    "name": party.person.name[:500], "sources": [page_id],
                    "aliases": [party.name[:500]] if party.name != party.person.name else []}, origin)
            else:
                party_id = self.names.id_of(party.name)
                spellings = self.names.spellings_of(party.name)
                name = sorted(spellings, key=lambda n: (-spellings[n], n))[0]
                aliases = sorted(n[:500] for n in spellings if n != name)
                self.node(party_id, "Company", {"name": name[:500], "aliases": aliases,
                                                "kind": self.fines.party_kind(name),
                                                "sources": [page_id]}, origin)
            self.rel("AGAINST", decision_id, party_id, {"sources": sources}, origin)
        for citation in d.citations:
            self.cite(decision_id, citation, sources, origin, "INFRINGES" if d.violation else "CITES")
