"""The article loader's pipeline: run the rules, make proposals, link them to the store."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.calibration import calibrate
from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.decisions import DecisionDraft, find_decisions
from enforcegraph.loaders.extract.gazetteer import find_regulators, gazetteer
from enforcegraph.loaders.extract.legal import LAWS, find_laws, find_legal_articles
from enforcegraph.loaders.extract.local_currency import by_regulator
from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.parties import Found, PartyFinder
from enforcegraph.loaders.extract.percentages import find_percentages
from enforcegraph.loaders.extract.proposals import KINDS, Extraction, Proposal, Span
from enforcegraph.loaders.extract.resolve import (
    existing_decision,
    existing_statement,
    find_existing,
    known_names,
)
from enforcegraph.loaders.extract.statements import StatementDraft, find_statements
from enforcegraph.loaders.extract.text import sentences
from enforcegraph.schema.ids import make_id as _ascii_id

__all__ = ["extract"]

# Greek letters in Latin (ELOT 743, simplified), so that a Greek name gets a readable id.
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x",
                                                 "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"], strict=True))


def make_id(prefix: str, *parts: str) -> str:
    """``schema.ids.make_id`` after Greek letters are written in Latin ones.

    >>> make_id("company", "Υπουργείο Μετανάστευσης"), make_id("company", "Клиринг")
    ('company:ypoyrgeio-metanasteysis', 'company:x6d64eb2782de')
    """
    def latin(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text.lower())
        return "".join(_GREEK.get(c, c) for c in plain if not unicodedata.combining(c))

    latin_parts = [latin(p) for p in parts]
    try:
        return _ascii_id(prefix, *latin_parts)
    except ValueError:  # a script with no Latin letters at all: a digest keeps the id stable
        return _ascii_id(prefix, "x" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12])


_REFERS_TO_DECISION = re.compile(r"(?i)\b(?:decision|fine|sanction|penalty|ruling|order)\b")


class _Builder:
    """Collects proposals, keyed so that each fact is proposed once."""

    def __init__(self, ctx: Context, store: GraphStore | None) -> None:
        self.ctx = ctx
        self.store = store
        self.by_key: dict[str, Proposal] = {}

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.ctx.text[start:end])

    def add(self, key: str, proposal: Proposal) -> Proposal:
        self.by_key[key] = proposal
        return proposal

    def entity_key(self, found: Found) -> str:
        return f"{found.kind}:{found.name}"

    # -- entities ----------------------------------------------------------------------
    def regulators(self) -> None:
        entries = {e.id: e for e in gazetteer()}
        for match in self.ctx.regulators:
            key = f"regulator:{match.entry.id}"
            proposal = self.by_key.get(key)
            if proposal is None:
                entry = entries[match.entry.id]
                props: dict[str, Any] = {
                    "name": entry.name, "country": entry.country, "kind": entry.kind,
                    "website": entry.website,
                }
                if entry.acronym:
                    props["acronym"] = entry.acronym
                if entry.aliases:
                    props["aliases"] = list(entry.aliases)
                proposal = self.add(key, Proposal("", "regulator", entry.acronym or entry.name, [], match.confidence,
                                                  match.rule, "Regulator", entry.id, properties=props))
                self.link_existing(proposal, "Regulator", list(entry.names), entry.id)
            proposal.add_span(self.span(match.start, match.end))
            if match.confidence > proposal.confidence:
                proposal.confidence, proposal.rule = match.confidence, match.rule

    def laws(self) -> None:
        for match in find_laws(self.ctx.text):
            key = f"law:{match.slug}"
            proposal = self.by_key.get(key)
            if proposal is None:
                name, short, country, _ = LAWS[match.slug]
                proposal = self.add(key, Proposal(
                    "", "law", short, [], 0.95, "law-name", "Law", f"law:{match.slug}",
                    properties={"name": name, "short_name": short, "country": country}))
                self.link_existing(proposal, "Law", [name, short], f"law:{match.slug}")
            proposal.add_span(self.span(match.start, match.end))
        for found in self.ctx.citations:
            citation = found.citation
            key = f"article:{citation.article_id}"
            proposal = self.by_key.get(key)
            if proposal is None:
                text = f"{citation.law.upper().replace('-', ' ')} Art. {citation.number}"
                proposal = self.add(key, Proposal(
                    "", "article", text, [], 0.9, "citation", "LegalArticle", citation.article_id,
                    properties={"citation": text, "number": citation.number}))
                self.link_existing(proposal, "LegalArticle", [text], citation.article_id)
                law = self.by_key.get(f"law:{citation.law}")
                if law is not None:
                    proposal.link("part_of", f"law:{citation.law}")
            provisions = proposal.properties.setdefault("provisions", [])
            if citation.provision not in provisions:
                provisions.append(citation.provision)
            proposal.add_span(self.span(found.start, found.end))

    def parties(self) -> None:
        for found in self.ctx.parties.found.values():
            spans = [self.span(a, b) for a, b in sorted(found.spans)]
            if found.kind == "mention":
                self.add(self.entity_key(found), Proposal(
                    "", "mention", found.name, spans, found.confidence, found.rule,
                    properties={"why": found.why or "only mentioned"}))
                continue
            label = "Company" if found.kind == "company" else "Person"
            props: dict[str, Any] = {"name": found.name}
            if found.roles & {"pr_agency", "law_firm"}:
                props["roles"] = sorted(found.roles & {"pr_agency", "law_firm"})
            if found.office:
                props["office"] = found.office
                if found.office_of:
                    props["office_of"] = found.office_of
            proposal = self.add(self.entity_key(found), Proposal(
                "", found.kind, found.name, spans, found.confidence, found.rule, label,
                make_id(label.lower(), found.name), properties=props))
            self.link_existing(proposal, label, [found.name], None)

    def link_existing(self, proposal: Proposal, label: str, names: list[str], node_id: str | None) -> None:
        if self.store is None:
            return
        node = find_existing(self.store, label, names, node_id)
        if node is not None:
            proposal.node_id, proposal.existing = node.id, True

    # -- facts -------------------------------------------------------------------------
    def amounts(self) -> None:
        proposed: set[tuple[float | int, str]] = set()
        for money in self.ctx.money:
            if (money.amount, money.currency) in proposed and (money.worded or money.again):
                continue  # "2000 euro" and "tweeduizend euro"; "cette amende de 800.000 €" again: one amount
            proposed.add((money.amount, money.currency))
            props: dict[str, Any] = {"amount": money.amount, "currency": money.currency,
                                     "meaning": money.meaning}
            if money.per:
                props["per"] = money.per
            if money.conversions:
                props["conversions"] = [{"amount": a, "currency": c} for a, c in money.conversions]
            name = f"{money.currency} {money.amount:,}"
            self.add(f"amount:{money.start}", Proposal(
                "", "amount", name, [self.span(money.start, money.end)], 0.9, "money", properties=props))
        for pct in self.ctx.percentages:
            self.add(f"percentage:{pct.start}", Proposal(
                "", "percentage", f"{pct.percent}% {pct.of}", [self.span(pct.start, pct.end)], 0.85,
                "percentage-cap", properties={"percent": pct.percent, "of": pct.of, "meaning": "ceiling"}))

    def relations(self) -> None:
        finder = self.ctx.parties
        for rel in finder.relations:
            start = self.by_key.get(f"company:{rel.start_name}")
            end = self.by_key.get(f"company:{rel.end_name}")
            if start is None or end is None:
                continue
            self.relation("REPRESENTED_BY", start, end, {"role": rel.role},
                          [self.span(*rel.span)], rel.confidence, rel.rule)
        for found in finder.found.values():
            if found.kind != "person" or not found.office_of or found.office_of.startswith("regulator:"):
                continue
            person = self.by_key.get(f"person:{found.name}")
            firm = self.by_key.get(f"company:{found.office_of}")
            if person is None or firm is None:
                continue
            first = min(found.spans)
            self.relation("OFFICER_OF", person, firm, {"role": found.office},
                          [self.span(*first)], found.confidence, found.rule)

    def relation(self, rel_type: str, start: Proposal, end: Proposal, props: dict[str, Any],
                 spans: list[Span], confidence: float, rule: str) -> None:
        key = f"rel:{rel_type}:{start.name}:{end.name}"
        proposal = self.add(key, Proposal(
            "", "relationship", f"{start.name} {rel_type} {end.name}", spans, confidence, rule,
            properties={"type": rel_type, **props}))
        proposal.link("from", self.key_of(start))
        proposal.link("to", self.key_of(end))

    def key_of(self, proposal: Proposal) -> str:
        return next(k for k, v in self.by_key.items() if v is proposal)

    def decisions(self, drafts: list[DecisionDraft]) -> None:
        for index, draft in enumerate(drafts):
            self.decision(draft, index)

    def decision(self, draft: DecisionDraft, index: int) -> None:
        regulator = self.by_key[f"regulator:{draft.regulator}"]
        if draft.as_written is not None:
            draft.target = self.written_firm(*draft.as_written)
        target = self.by_key.get(f"company:{draft.target}") if draft.target else None
        props: dict[str, Any] = {"kind": draft.kind, "evidence": draft.evidence}
        if draft.date:
            props["announced_date"] = draft.date[2]
        elif draft.published:
            props["announced_date"] = draft.published
            props["date_from"] = "publication"  # the issuer's own release, no date in its text
        elif draft.period:
            props["period"] = draft.period
        if draft.summary:
            props["summary"] = " ".join(draft.summary.split())
        if draft.decided_by:
            props["decided_by"] = draft.decided_by
        if draft.appeal:
            props["appeal_intent"] = True
            props["status_note"] = "Reported intent to appeal: " + self.ctx.text[slice(*draft.appeal)]
        props["sanctions"] = [
            {k: v for k, v in {
                "kind": s.kind, "amount": s.amount, "currency": s.currency, "per": s.per,
                "statutory_maximum": s.statutory_maximum or None, "description": s.description,
                "conversions": [{"amount": a, "currency": c} for a, c in s.conversions] or None,
                "spans": [self.span(a, b).to_dict() for a, b in s.spans],
            }.items() if v is not None}
            for s in draft.sanctions
        ]
        props["cites"] = [
            {"article": c.article_id, "provision": c.provision, "infringes": infringes,
             "span": self.span(*span).to_dict()}
            for c, span, infringes in draft.cites
        ]
        name = f"{regulator.name} against {draft.target or 'unknown party'}"
        slug = draft.regulator.split(":", 1)[1]
        when = draft.date[2] if draft.date else (self.ctx.article.date or "")
        fine = next((s for s in draft.sanctions if s.amount is not None), None)
        if draft.earlier and not draft.date:
            when = f"{fine.amount}-{fine.currency}" if fine else f"earlier-{index}"
        node_id = make_id("decision", slug, draft.target or "unknown", when)
        if fine and node_id in {p.node_id for p in self.by_key.values() if p.kind == "decision"}:
            node_id = make_id("decision", slug, draft.target or "unknown", when, f"{fine.amount}-{fine.currency}")
        spans = [self.span(a, b) for a, b in draft.spans]
        if draft.date:
            spans.append(self.span(draft.date[0], draft.date[1]))
        if draft.appeal:
            spans.append(self.span(*draft.appeal))
        key = f"decision:{draft.regulator}:{draft.target}" + (f":{index}" if index else "")
        proposal = self.add(key, Proposal(
            "", "decision", name, sorted(set(spans)), 0.0, "+".join(draft.rules),  # calibrated at the end
            "Decision", node_id, properties=props))
        proposal.link("regulator", f"regulator:{draft.regulator}")
        if target is not None:
            proposal.link("against", self.key_of(target))
        for citation, _, _ in draft.cites:
            proposal.link("cites", f"article:{citation.article_id}")
        if self.store is not None and target is not None and target.existing:
            found = existing_decision(
                self.store, regulator.node_id or "", target.node_id,
                fine.amount if fine else None, fine.currency if fine else None,
                [props.get("announced_date", "")])
            if found is not None:
                proposal.node_id, proposal.existing = found.id, True

    def written_firm(self, start: int, end: int) -> str:
        """A firm as one sentence names it (the target of an earlier decision)."""
        name = self.ctx.text[start:end]
        if f"company:{name}" not in self.by_key:
            proposal = self.add(f"company:{name}", Proposal(
                "", "company", name, [self.span(start, end)], 0.7, "as-written", "Company",
                make_id("company", name), properties={"name": name}))
            self.link_existing(proposal, "Company", [name], None)
        return name

    def statements(self, drafts: list[StatementDraft]) -> None:
        for index, draft in enumerate(drafts):
            text = draft.text(self.ctx.text)
            if not text.strip():
                continue  # an opener with nothing after it ("... sent us this statement:" at the end)
            props: dict[str, Any] = {"text": text, "claims": [c for _, _, c in draft.claims]}
            if self.ctx.article.date:
                props["date"] = self.ctx.article.date
            speaker = draft.speaker
            name = f"Statement by {speaker.name if speaker else 'unknown'}"
            spans = [self.span(a, b) for a, b in draft.spans] + [
                self.span(a, b) for a, b, _ in draft.claims]
            node_id = make_id("statement", speaker.name if speaker else "unknown",
                              self.ctx.article.date or "", str(index + 1))
            proposal = self.add(f"statement:{index}", Proposal(
                "", "statement", name, sorted(set(spans)), draft.confidence,
                "+".join(dict.fromkeys(draft.rules)), "Statement", node_id, properties=props))
            proposal.properties["claim_spans"] = [self.span(a, b).to_dict() for a, b, _ in draft.claims]
            for role, found in (("made_by", draft.speaker), ("via", draft.channel), ("about", draft.about)):
                if found is not None and f"{found.kind}:{found.name}" in self.by_key:
                    if role == "via" and found is draft.speaker:
                        continue
                    proposal.link(role, f"{found.kind}:{found.name}")
            made_by = self.by_key.get(f"{speaker.kind}:{speaker.name}") if speaker else None
            if self.store is not None and made_by is not None and made_by.existing and made_by.node_id:
                same = existing_statement(self.store, made_by.node_id, self.ctx.article.date)
                if same is not None:
                    proposal.node_id, proposal.existing = same.id, True
            decisions = [k for k, v in self.by_key.items() if v.kind == "decision"]
            for key in decisions:
                other = self.by_key[key]
                if (draft.regulator and other.links.get("regulator") == [f"regulator:{draft.regulator}"]) or (len(decisions) == 1 and _REFERS_TO_DECISION.search(text)):
                    proposal.link("about", key)

    def finish(self) -> list[Proposal]:
        ordered = sorted(self.by_key.items(), key=lambda kv: (KINDS.index(kv[1].kind), kv[1].start))
        ids = {key: f"p{n}" for n, (key, _) in enumerate(ordered, 1)}
        result = []
        for key, proposal in ordered:
            proposal.id = ids[key]
            proposal.links = {role: [ids[k] for k in keys if k in ids]
                              for role, keys in proposal.links.items()}
            result.append(proposal)
        return result


# The currency of the authorities' countries that do not use the euro (the euro otherwise).
_LOCAL_CURRENCY = {
    "GB": "GBP", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CH": "CHF", "CZ": "CZK", "HU": "HUF",
    "RO": "RON", "BG": "BGN", "IS": "ISK", "TR": "TRY", "BR": "BRL", "KR": "KRW", "JP": "JPY", "CA": "CAD",
    "AU": "AUD", "US": "USD", "LI": "CHF",
}


def _context(article: Article, store: GraphStore | None) -> Context:
    text = article.text
    regulators = find_regulators(text)
    laws = find_laws(text)
    citations = find_legal_articles(text)
    blocked = [(m.start, m.end) for m in regulators] + [(m.start, m.end) for m in laws] + [
        (c.start, c.end) for c in citations]
    finder = PartyFinder(text, blocked, known_names(store) if store is not None else (),
                         {(m.start, m.end): m.entry.id for m in regulators})
    finder.run(article.publisher, article.author)
    split = sentences(text)
    finder.attach_offices([(s.start, s.end) for s in split])
    money = find_money(text)
    by_regulator(text, money, [(m.start, m.entry.country) for m in regulators])  # "kroner", "$": by the regulator
    local = {_LOCAL_CURRENCY.get(m.entry.country, "EUR") for m in regulators}
    for found in money:  # "$5.4 million (58 million kronor)" from a Swedish authority: the fine is in kronor
        original = [(a, c) for a, c in found.conversions if {c} == local and found.currency not in local]
        if len(local) == 1 and len(original) == 1:
            amount, currency = original[0]
            found.conversions = ((found.amount, found.currency),
                                 *((a, c) for a, c in found.conversions if (a, c) != original[0]))
            found.amount, found.currency = amount, currency
    return Context(article, split, regulators, laws, citations, money, find_percentages(text), finder)


def extract(article: Article, store: GraphStore | None = None) -> Extraction:
    """Propose facts from an article; with a store, link them to nodes it already has."""
    ctx = _context(article, store)
    builder = _Builder(ctx, store)
    builder.regulators()
    builder.laws()
    builder.parties()
    builder.amounts()
    builder.relations()
    builder.decisions(find_decisions(ctx))
    builder.statements(find_statements(ctx))
    meta = {k: v for k, v in {
        "url": article.url, "title": article.title, "date": article.date,
        "publisher": article.publisher, "author": article.author,
        "characters": len(article.text),
    }.items() if v is not None}
    extraction = Extraction(meta, builder.finish())
    calibrate(extraction)
    return extraction
