"""Where the firms are: locate the targets of decisions from evidence, never by guess.

A step after loads (``enforcegraph locate``; ``enforcegraph load`` runs it at the end).
It reads the store and writes, as the dataset ``location``, INCORPORATED_IN and
HAS_ESTABLISHMENT relationships that each carry the ``rule`` that found them, its
``confidence`` and the ``sources`` it read. It never touches a firm a source or a person
already located (a location relationship without a ``rule``), nor anonymous parties and
individuals. Re-running it on the same store writes nothing new.

=================== ====  ==========================================================
rule                conf  evidence
=================== ====  ==========================================================
stated-country      0.95  the firm's ``country`` (its country of incorporation or seat,
                          as a source states it) is an EU member state: an
                          establishment there (the registered office)
legal-form          0.9   the legal form ending its name is, in the ISO 20275 list, a
                          form of one jurisdiction only: incorporated there, and
                          established there (the registered office). 0.9, not 1: the
                          list is incomplete (Spain's "S.A.U." is missing from it)
legal-form          0.9   a form of several jurisdictions, all EU member states: an
                          establishment in the EU ("one of BE, NL"), no incorporation
legal-form-issuer   0.75  a form of several jurisdictions of which the only EU or EEA
                          one is the country of the authority that decided against the
                          firm (S.A.U.: Argentina or Spain, fined by the AEPD): an
                          establishment there. A form shared with another EU or EEA
                          state (GmbH: DE, AT, BE, LI, CH) gives nothing
one-stop-shop       0.8   a decision with a sanction, by an authority of an EU member
                          state acting as lead supervisory authority (it cites GDPR
                          Art. 56 but not 56(2)-(5), or Art. 65, or its text says so):
                          the firm's main or single establishment is in that state
                          (Art. 56(1)), at the decision date. Not for decisions on
                          cookies or ePrivacy, outside the one-stop-shop
one-stop-shop       0.75  as above, the decision citing Art. 60 only (Art. 60(8)-(9)
                          decisions are taken by another authority, mostly dismissals,
                          which impose no sanction)
=================== ====  ==========================================================

The confidences are judgements of how often each kind of evidence is right, stated so
that an analyst can weigh them; they are not measured rates. A check by hand of the
one-stop-shop findings over the two public collections (16, before the ePrivacy guard)
found two cookie decisions of the CNIL (Google Ireland, excluded since) and one party that
is a complainant a collection lists among the parties (the rule cannot tell).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.store.base import GraphStore, Node, Relationship, UpsertSummary
from enforcegraph.loaders.legalforms import ELF_SOURCE_URL, LegalForms, legal_forms
from enforcegraph.schema.records import Batch, NodeRecord, Origin, RelationshipRecord

__all__ = ["CONFIDENCE", "DATASET", "Finding", "Locations", "apply_locations", "find_locations"]

DATASET = "location"
CHUNK = 5_000  # firms read at a time
CONFIDENCE = {"stated-country": 0.95, "legal-form": 0.9, "legal-form-issuer": 0.75,
              "one-stop-shop": 0.8, "one-stop-shop-art60": 0.75}
ELF_SOURCE = "source:gleif-iso-20275-elf-code-list"
OWN_RULES = {"stated-country", "legal-form", "legal-form-issuer", "one-stop-shop"}
UNLOCATED_KINDS = {"anonymous", "individual"}
_OSS_ARTICLE = re.compile(r"^GDPR Art\. (56|60|65)$")
_LSA_TEXT = re.compile(
    r"\b(as|acting as|in its capacity as|in its role as)\s+(the\s+)?"
    r"(lead supervisory authority|LSA)\b", re.IGNORECASE)
# the GDPR's one-stop-shop does not cover the ePrivacy rules (cookies): an authority
# enforcing them acts on its own territory, whatever the GDPR articles its decision cites
_EPRIVACY = re.compile(r"\bcookies?\b|e-?privacy|Article 82 of the French", re.IGNORECASE)
_ORIGIN = Origin(file="<locate>", record="location step", dataset=DATASET)


@dataclass(frozen=True)
class Finding:
    """One location found: what it says, by which rule, and why."""

    firm: str
    type: str
    jurisdiction: str
    rule: str
    confidence: float
    evidence: str
    sources: tuple[str, ...]
    key: str
    valid_from: str | None = None
    valid_to: str | None = None

    def record(self) -> RelationshipRecord:
        """The relationship it writes (dataset ``location``)."""
        props: dict[str, Any] = {"rule": self.rule.removesuffix("-art60"),
                                 "confidence": self.confidence, "sources": list(self.sources)}
        if self.type == domain.ESTABLISHMENT:
            props["description"] = self.evidence
        else:
            props["note"] = self.evidence
        if self.valid_from:
            props["valid_from"], props["valid_to"] = self.valid_from, self.valid_to
        return RelationshipRecord(self.type, self.firm, self.jurisdiction, props, self.key, _ORIGIN)


@dataclass
class Locations:
    """What the step found, and the firms it left unlocated (with why)."""

    findings: list[Finding] = field(default_factory=list)
    unlocated: dict[str, str] = field(default_factory=dict)
    sources: list[NodeRecord] = field(default_factory=list)

    def batch(self) -> Batch:
        """The records to write: the sources the rules cite, then the relationships."""
        used = {s for f in self.findings for s in f.sources}
        nodes = [n for n in self.sources if n.id in used]
        return Batch(nodes=nodes, relationships=[f.record() for f in self.findings], dataset=DATASET)


def apply_locations(store: GraphStore) -> tuple[Locations, UpsertSummary]:
    """Find the locations and write them (all or nothing; idempotent)."""
    found = find_locations(store)
    batch = found.batch()
    summary = store.upsert(batch, DATASET) if batch.relationships else UpsertSummary()
    return found, summary


def find_locations(store: GraphStore, forms: LegalForms | None = None) -> Locations:
    """Every location the rules find for the targets of decisions, reading the store only,
    a chunk of firms at a time (memory is bounded by a chunk, not by the store)."""
    forms = forms or legal_forms()
    places = _Places.read(store)
    out = Locations(sources=_source_nodes(forms))
    for chunk in _chunks(store.iter_nodes("Company"), CHUNK):
        view = _View.read(store, chunk, places)
        for firm in sorted(view.firms.values(), key=lambda n: n.id):
            links = view.locations.get(firm.id, [])
            if any(domain.is_stated(link) for link in links):
                continue  # a source or a person located it: never overridden
            found = _stated_country(view, firm, links) + _legal_form(view, firm, forms)
            found += _one_stop_shop(view, firm)
            out.findings += found
            if not found and not links and not firm.get("country"):
                out.unlocated[firm.id] = _why_not(firm, forms)
    return out


def _chunks(nodes: Iterable[Node], size: int) -> Iterator[list[Node]]:
    chunk: list[Node] = []
    for node in nodes:
        chunk.append(node)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class _Places:
    """Jurisdiction ids by country code, and EU membership over time (read once)."""

    jurisdictions: dict[str, str]
    eu: domain.EuMembership

    @classmethod
    def read(cls, store: GraphStore) -> _Places:
        jurisdictions = list(store.iter_nodes("Jurisdiction"))
        member_of = list(store.iter_relationships(domain.MEMBER_OF))
        codes = {str(c): j.id for j in jurisdictions if (c := domain.country_of(j))}
        return cls(codes, domain.eu_memberships(jurisdictions, member_of))


@dataclass
class _View:
    """What the rules read about a chunk of firms, in a few bulk calls."""

    firms: dict[str, Node]
    locations: dict[str, list[Relationship]]
    decisions_of: dict[str, set[str]]
    decisions: dict[str, Node]
    regulators: dict[str, Node]  # decision id -> its regulator (domain.decision_regulator)
    articles: dict[str, list[tuple[str, str]]]  # decision -> (article number, provision)
    sanctioned: set[str]
    jurisdictions: dict[str, str]  # code -> id
    eu: domain.EuMembership

    @classmethod
    def read(cls, store: GraphStore, chunk: list[Node], places: _Places) -> _View:
        candidates = [n.id for n in chunk if n.get("kind") not in UNLOCATED_KINDS]
        against = store.relationships_of(candidates, ["AGAINST"], "in")
        via = store.relationships_of({r.start for r in against}, ["IMPOSES"], "in")
        decision_of = {r.end: r.start for r in via}  # sanction -> its decision
        decisions_of: dict[str, set[str]] = defaultdict(set)
        for rel in against:
            decisions_of[rel.end].add(decision_of.get(rel.start, rel.start))
        nodes = store.get_many({d for found in decisions_of.values() for d in found})
        decisions = {i: n for i, n in nodes.items() if n.label == "Decision"}
        firms = {n.id: n for n in chunk if n.id in decisions_of}
        imposing = store.relationships_of(list(decisions), ["IMPOSES"], "out")
        locations: dict[str, list[Relationship]] = defaultdict(list)
        for rel in store.relationships_of(list(firms), list(domain.LOCATION_TYPES), "out"):
            locations[rel.start].append(rel)
        issued = store.relationships_of(list(decisions), ["ISSUED"], "in")
        issuers = store.get_many({r.start for r in issued})
        by_decision: dict[str, list[Node]] = defaultdict(list)
        for rel in issued:
            if rel.start in issuers:
                by_decision[rel.end].append(issuers[rel.start])
        regulators = {d: r for d, found in by_decision.items()
                      if (r := domain.decision_regulator(found)) is not None}
        cited = store.relationships_of(list(decisions), ["CITES", "INFRINGES"], "out")
        article_nodes = store.get_many({r.end for r in cited})
        articles: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for rel in cited:
            node = article_nodes.get(rel.end)
            match = _OSS_ARTICLE.match(str(node.get("citation") or "")) if node else None
            if match:
                articles[rel.start].append((match.group(1), str(rel.properties.get("provision") or "")))
        return cls(firms, locations, decisions_of, decisions, regulators, articles,
                   {r.start for r in imposing}, places.jurisdictions, places.eu)

    def in_eu(self, code: str, at: str | None = None) -> bool:
        """An EU member state at ``at`` (None: today)."""
        return self.eu.country_holds(code, at or date.today().isoformat())

    def in_eea(self, code: str) -> bool:
        """An EU member state now, or one of the EEA's own (IS, LI, NO)."""
        return self.in_eu(code) or code in ("IS", "LI", "NO")


def _finding(firm: Node, type_: str, jurisdiction: str, rule: str, evidence: str,
             sources: Iterable[str], key: str, **dates: str | None) -> Finding:
    return Finding(firm.id, type_, jurisdiction, rule, CONFIDENCE[rule], evidence,
                   tuple(sorted(set(sources))), key, **dates)


def _stated_country(view: _View, firm: Node, links: list[Relationship]) -> list[Finding]:
    country = str(firm.get("country") or "")
    target = view.jurisdictions.get(country)
    others = [link for link in links if link.properties.get(domain.RULE) not in OWN_RULES]
    if others or not target or not view.in_eu(country):
        return []
    return [_finding(firm, domain.ESTABLISHMENT, target, "stated-country",
                     f"Seat or incorporation in {country}, as the firm's record states",
                     firm.get("sources", []), "stated-country")]


def _legal_form(view: _View, firm: Node, forms: LegalForms) -> list[Finding]:
    hit = forms.candidates(str(firm.get("name") or ""))
    if hit is None:
        return []
    form, countries = hit
    sources = [*firm.get("sources", []), *_form_sources(forms, form, countries)]
    if len(countries) == 1:
        country = countries[0]
        target = view.jurisdictions.get(country)
        if target is None:
            return []
        said = f"Legal form {form!r}: a form of {country} only (ISO 20275)"
        return [_finding(firm, "INCORPORATED_IN", target, "legal-form", said, sources, "legal-form"),
                _finding(firm, domain.ESTABLISHMENT, target, "legal-form",
                         said + "; its registered office", sources, "legal-form")]
    union = view.jurisdictions.get(domain.EU_CODE)
    if union and all(view.in_eu(c) for c in countries):
        said = f"Legal form {form!r}: a form of {', '.join(countries)}, all EU member states (ISO 20275)"
        return [_finding(firm, domain.ESTABLISHMENT, union, "legal-form", said, sources, "legal-form")]
    return _legal_form_issuer(view, firm, form, countries, sources)


def _legal_form_issuer(view: _View, firm: Node, form: str, countries: tuple[str, ...],
                       sources: list[str]) -> list[Finding]:
    """The one EU/EEA country among the form's is that of every authority that decided
    against the firm."""
    european = [c for c in countries if view.in_eea(c)]
    issuers = {str(r.get("country")) for d in view.decisions_of.get(firm.id, ())
               if (r := view.regulators.get(d)) is not None}
    if len(european) != 1 or issuers != {european[0]}:
        return []
    country = european[0]
    target = view.jurisdictions.get(country)
    if target is None:
        return []
    others = ", ".join(c for c in countries if c != country)
    said = (f"Legal form {form!r}: a form of {', '.join(countries)} (ISO 20275), of which only "
            f"{country} is in the EU or EEA, and decided against by an authority of {country} "
            f"(the others: {others})")
    decisions = [d for d in view.decisions_of[firm.id] if d in view.regulators]
    more = [s for d in decisions for s in view.decisions[d].get("sources", []) if d in view.decisions]
    return [_finding(firm, domain.ESTABLISHMENT, target, "legal-form-issuer", said,
                     [*sources, *more], "legal-form-issuer")]


def _one_stop_shop(view: _View, firm: Node) -> list[Finding]:
    found = []
    for decision_id in sorted(view.decisions_of.get(firm.id, ())):
        decision, regulator = view.decisions.get(decision_id), view.regulators.get(decision_id)
        if decision is None or regulator is None or decision_id not in view.sanctioned:
            continue
        country = str(regulator.get("country") or "")
        when = decision.get("date")
        target = view.jurisdictions.get(country)
        if target is None or not view.in_eu(country, when):
            continue
        rule, why = _lead_authority(view.articles.get(decision_id, []), decision)
        if rule is None:
            continue
        name = regulator.get("acronym") or regulator.get("name")
        said = (f"Main or single establishment (GDPR Art. 56(1)): {name} decided as lead "
                f"supervisory authority ({why}) in {decision.get('ref') or decision_id}")
        found.append(_finding(firm, domain.ESTABLISHMENT, target, rule, said,
                              decision.get("sources", []), f"one-stop-shop:{decision_id}",
                              valid_from=when, valid_to=when))
    return found


def _lead_authority(articles: list[tuple[str, str]], decision: Node) -> tuple[str | None, str]:
    """The rule and the evidence that a decision was taken as lead supervisory authority."""
    local = any(n == "56" and re.match(r"56\([2-5]\)", p) for n, p in articles)
    if local:
        return None, ""  # Art. 56(2): a local case, handled by a concerned authority
    numbers = {n for n, _ in articles}
    text = " ".join(str(decision.get(k) or "") for k in ("title", "summary", "status_note"))
    if _EPRIVACY.search(text):
        return None, ""
    if "56" in numbers or "65" in numbers:
        return "one-stop-shop", "cites GDPR Art. " + " and ".join(sorted(numbers & {"56", "60", "65"}))
    if _LSA_TEXT.search(text):
        return "one-stop-shop", "its text says so"
    if "60" in numbers:
        return "one-stop-shop-art60", "cites GDPR Art. 60"
    return None, ""


def _form_sources(forms: LegalForms, form: str, countries: Iterable[str]) -> list[str]:
    """The Source ids behind a form's countries: the ELF list, or a law."""
    found = set()
    for country in countries:
        for origin in forms.sources_of(form, country):
            found.add(ELF_SOURCE if origin == "elf" else _law_source_id(origin))
    return sorted(found)


def _law_source_id(url: str) -> str:
    return "source:law-" + re.sub(r"[^a-z0-9]+", "-", url.lower().split("://", 1)[-1]).strip("-")[:80]


def _source_nodes(forms: LegalForms) -> list[NodeRecord]:
    """Source nodes for the ELF list and the laws of the forms it lacks."""
    nodes = [NodeRecord(ELF_SOURCE, "Source", {
        "url": ELF_SOURCE_URL, "title": "ISO 20275 Entity Legal Forms (ELF) code list, version 1.6",
        "publisher": "GLEIF", "date": "2026-02-19", "kind": "dataset"}, _ORIGIN)]
    laws = sorted({o for origins in forms.sources.values() for o in origins if o != "elf"})
    nodes += [NodeRecord(_law_source_id(url), "Source", {"url": url, "kind": "law"}, _ORIGIN)
              for url in laws]
    return nodes


def _why_not(firm: Node, forms: LegalForms) -> str:
    hit = forms.candidates(str(firm.get("name") or ""))
    if hit is None:
        return "no country, no legal form in the name, no lead-authority decision"
    form, countries = hit
    return f"legal form {form!r} is a form of {', '.join(countries)}: ambiguous"
