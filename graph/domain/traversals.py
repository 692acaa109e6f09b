"""The traversal catalogue: named questions with the same inputs and outputs on every backend.

Backends may override :class:`Traversals` methods with pushed-down queries (the Neo4j
store does); this generic version runs on the store contract with a bounded number of
bulk calls per traversal, never one call per node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from enforcegraph.graph.domain import rules as domain
from enforcegraph.graph.domain.dates import checked_date, date_floor
from enforcegraph.schema.citations import parse_citation
from enforcegraph.schema.errors import NotFound
from enforcegraph.schema.names import normalize_name, normalized_names
from enforcegraph.schema.text import quoted

if TYPE_CHECKING:
    from enforcegraph.graph.store.base import GraphStore, Node, Relationship

__all__ = [
    "CATALOGUE",
    "SanctionFilter",
    "Traversal",
    "Traversals",
    "headline_row",
    "headline_seek",
    "resolve_article",
    "resolve_entity",
    "sanction_row_order",
]

Row = dict[str, Any]
ISSUER_LABELS = domain.ISSUER_LABELS


@dataclass(frozen=True)
class SanctionFilter:
    """Options of ``sanctions-without-eu-establishment`` and ``sanctions-with-unknown-establishment``."""

    regulator: str | None = None
    jurisdiction: str | None = None
    since: str | None = None
    until: str | None = None
    at: Literal["decision-date", "today"] = "decision-date"

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                checked_date(value, name)


@dataclass(frozen=True)
class Traversal:
    """A catalogue entry: its name, what it answers, and its one positional argument."""

    name: str
    description: str
    argument: str | None = None
    options: tuple[str, ...] = field(default_factory=tuple)


CATALOGUE: dict[str, Traversal] = {
    t.name: t
    for t in (
        Traversal(
            "sanctions-without-eu-establishment",
            "Every sanction whose target firm had no establishment in an EU member state "
            "at the decision date (or today). Only firms a source locates (a country, or a "
            "stated INCORPORATED_IN or HAS_ESTABLISHMENT) count: a firm whose establishment "
            "is unknown is never taken to be outside the EU "
            "(see sanctions-with-unknown-establishment).",
            None,
            ("regulator", "jurisdiction", "since", "until", "at"),
        ),
        Traversal(
            "sanctions-with-unknown-establishment",
            "Every sanction the headline cannot classify: its target firm has no known "
            "establishment in the EU at the decision date (or today) and no source says "
            "where it is. The coverage gap of sanctions-without-eu-establishment.",
            None,
            ("regulator", "jurisdiction", "since", "until", "at"),
        ),
        Traversal(
            "enforcement-history",
            "Every decision and sanction against a firm, in date order, with appeals.",
            "FIRM",
        ),
        Traversal(
            "decisions-citing",
            'Decisions that infringe or cite an article ("GDPR Art. 32", an id).',
            "ARTICLE",
        ),
        Traversal(
            "claims-contradicted",
            "A firm's public statements and the decisions that contradict them.",
            "FIRM",
        ),
        Traversal(
            "cross-border-cases",
            "Firms sanctioned by regulators of at least two jurisdictions.",
        ),
    )
}


def resolve_entity(store: GraphStore, text: str, labels: Iterable[str] = ("Company",)) -> Node:
    """A node from its id, or from a name that names it and nothing else.

    A name counts when it equals a name or alias of the node (case, accents and
    punctuation aside), or when it is the first words of one ("Clearview AI" for
    "Clearview AI, Inc."); a name matching several nodes equally well is refused as
    ambiguous, and a mere substring ("or" in "Clubhouse Media Group") never resolves:
    NotFound says which nodes come closest.
    """
    wanted = list(labels)
    what = " or ".join(wanted) or "node"
    node = store.get(text.strip())
    if node is not None and (not wanted or node.label in wanted):
        return node
    norm = normalize_name(text)
    hits = store.search(text, wanted, limit=10) if norm else []
    for rank in (_equal, _starts):
        matching = [hit for hit in hits if rank(norm, _names(store, hit))]
        if len(matching) == 1:
            return matching[0]
        if matching:
            listed = ", ".join(f"{hit.id} ({hit.properties.get('name', '')})" for hit in matching[:5])
            raise NotFound(f"{quoted(text)} names more than one {what}: {listed}; give an id")
    near = "; closest: " + ", ".join(h.id for h in hits[:5]) if hits else ""
    raise NotFound(f"no {what} is named {quoted(text)}{near}")


def _names(store: GraphStore, node: Node) -> set[str]:
    return normalized_names(node.properties, store.model.label(node.label).name_properties)


def _equal(norm: str, names: set[str]) -> bool:
    return norm in names


def _starts(norm: str, names: set[str]) -> bool:
    return any(name.startswith(norm + " ") for name in names)


def resolve_article(text: str) -> tuple[str, str | None]:
    """An article id and the provision asked for (None for the whole article)."""
    citation = parse_citation(text, default_law="gdpr")
    if citation is None:
        raise NotFound(f"not an article id or citation: {quoted(text)}")
    asked = citation.provision if citation.paragraph else None
    return citation.article_id, asked


def _pick(node: Node | None, *names: str) -> Row | None:
    if node is None:
        return None
    get = node.properties.get  # a headline page picks 400 times: no comprehension, no method
    row: Row = {"id": node.id}
    for name in names:
        row[name] = get(name)
    return row


def headline_row(
    sanction: Node,
    decision: Node,
    regulator: Node,
    firm: Node,
    articles: dict[str, set[str]],
    urls: dict[str, str],
) -> Row:
    """One headline row; ``articles``: decision id -> article ids, ``urls``: source id -> url."""
    sources = {*sanction.get("sources", []), *decision.get("sources", [])}
    return {
        "sanction": _pick(sanction, "kind", "amount", "currency", "amount_eur"),
        "decision": _pick(decision, "ref", "date", "status"),
        "regulator": _pick(regulator, "name", "country"),
        "firm": _pick(firm, "name", "country"),
        "articles": sorted(articles.get(decision.id, ())),
        "sources": sorted({urls[s] for s in sources if s in urls}),
    }


def _date_key(value: str | None) -> str:
    return date_floor(value) if value else "9999"


class Traversals:
    """The generic implementation of the catalogue over the store contract.

    The headline pages (``sanctions_without_eu_establishment``,
    ``sanctions_with_unknown_establishment``) take a keyset seek, ``after``: the sort key
    of the row the page starts after, as the backend gave it in :attr:`page_keys`. A
    backend that can seek (the kept rows of both backends: an index range from the key)
    answers the rows after it whatever ``offset`` says, so rows that did not change are
    neither repeated nor skipped when others come or go between two pages; a key of the
    wrong shape raises ``InvalidSeek``. This generic version pages by ``offset`` only (it
    accepts ``after`` and ignores it) and gives no keys.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        # the seek key of each row of the last headline page, when the page came from
        # rows that can seek (None: offsets only; the key's shape is the backend's own)
        self.page_keys: list[tuple[str, ...]] | None = None

    # -- shared lookups ---------------------------------------------------------
    def _rels(self, ids: Iterable[str], types: list[str], direction: str) -> list[Relationship]:
        return self.store.relationships_of(list(ids), types, direction)  # type: ignore[arg-type]

    def _source_urls(self, *holders: Iterable[str]) -> list[str]:
        ids = sorted({s for group in holders for s in group})
        nodes = self.store.get_many(ids)
        return sorted({str(n.get("url")) for n in nodes.values() if n.get("url")})

    def _eu_members(self) -> domain.EuMembership:
        """EU membership over time, read from the EU Jurisdiction's MEMBER_OF relationships."""
        unions = self.store.find("Jurisdiction", [_eq("code", domain.EU_CODE)])
        rels = self._rels([u.id for u in unions], [domain.MEMBER_OF], "in")
        members = self.store.get_many({r.start for r in rels})
        return domain.eu_memberships([*unions, *members.values()], rels)

    def _all_issuers(self, decision_ids: Iterable[str]) -> dict[str, list[Node]]:
        """Every issuer of each decision in the domain's order (regulators, courts, by id)."""
        rels = self._rels(decision_ids, ["ISSUED"], "in")
        nodes = self.store.get_many({r.start for r in rels})
        found: dict[str, list[Node]] = defaultdict(list)
        for rel in rels:
            if rel.start in nodes:
                found[rel.end].append(nodes[rel.start])
        return {d: domain.ordered_issuers(issuers) for d, issuers in found.items()}

    def _issuers(self, decision_ids: Iterable[str]) -> dict[str, Node]:
        """The issuer shown for each decision (:func:`domain.decision_issuer`)."""
        return {d: issuers[0] for d, issuers in self._all_issuers(decision_ids).items()}

    # -- the catalogue ------------------------------------------------------------
    def sanctions_without_eu_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        """See CATALOGUE; rows sorted by decision date then sanction id; one page (by
        ``offset``: ``after`` is for backends that seek). ``details`` False: the caller
        reads no row's ``articles`` and ``sources``, so a backend may leave them out (this
        one builds them)."""
        self.page_keys = None
        rows = self._sanctions_without_eu_establishment(flt or SanctionFilter())
        return rows[offset : None if limit is None else offset + limit]

    def count_sanctions_without_eu_establishment(self, flt: SanctionFilter | None = None) -> int:
        """How many rows ``sanctions_without_eu_establishment`` has without paging."""
        return len(self._sanctions_without_eu_establishment(flt or SanctionFilter()))

    def _sanctions_without_eu_establishment(self, flt: SanctionFilter) -> list[Row]:
        rows = self.sanction_rows(list(self.store.iter_relationships("IMPOSES")), flt)
        return sorted(rows, key=sanction_row_order)

    def sanctions_with_unknown_establishment(
        self, flt: SanctionFilter | None = None, limit: int | None = None, offset: int = 0,
        after: Sequence[str] | None = None, *, details: bool = True,
    ) -> list[Row]:
        """See CATALOGUE; the headline's rows and order, for the firms it cannot classify."""
        self.page_keys = None
        rows = self._sanctions_with_unknown_establishment(flt or SanctionFilter())
        return rows[offset : None if limit is None else offset + limit]

    def count_sanctions_with_unknown_establishment(self, flt: SanctionFilter | None = None) -> int:
        """How many rows ``sanctions_with_unknown_establishment`` has without paging."""
        return len(self._sanctions_with_unknown_establishment(flt or SanctionFilter()))

    def _sanctions_with_unknown_establishment(self, flt: SanctionFilter) -> list[Row]:
        imposes = list(self.store.iter_relationships("IMPOSES"))
        return sorted(self.sanction_rows(imposes, flt, "unknown"), key=sanction_row_order)

    def kept_facets(self, traversal: str) -> dict[str, dict[str, int]] | None:
        """A headline traversal's unfiltered rows counted by the shown regulator
        (``regulator``: id -> rows), its country (``jurisdiction``) and the decision's year
        (``year``) from counts the backend keeps in step with writes; None when it keeps
        none for that traversal (this version: never), so the caller counts the rows."""
        return None

    def establishment_coverage(self) -> Row:
        """How many sanctioned firms (targets of a regulator's sanction) the headline can
        classify at every decision date: ``firms``, ``known``, ``unknown``, ``share_known``."""
        imposes = list(self.store.iter_relationships("IMPOSES"))
        classes = ("eu", "none", "unknown")
        rows = self.sanction_rows(imposes, SanctionFilter(), classes, picked=False)
        firms = {row["firm"]["id"] for row in rows}
        unknown = {row["firm"]["id"] for row in rows if row["establishment"] == "unknown"}
        known = len(firms) - len(unknown)
        return {"firms": len(firms), "known": known, "unknown": len(unknown),
                "share_known": round(known / len(firms), 4) if firms else None}

    def sanction_rows(
        self,
        imposes: list[Relationship],
        flt: SanctionFilter,
        wanted: str | Iterable[str] = "none",
        *,
        picked: bool = True,
    ) -> list[Row]:
        """Unsorted headline rows for these IMPOSES relationships (a few bulk calls).

        ``wanted``: the classes of :func:`domain.establishment_class` kept (``none``: the
        headline's rows; ``unknown``: those it cannot classify). ``picked=False``: only
        each row's firm id and class (no sources read).
        """
        keep = {wanted} if isinstance(wanted, str) else set(wanted)
        decision_ids = {r.start for r in imposes}
        sanction_ids = {r.end for r in imposes}
        against = self._rels(decision_ids | sanction_ids, ["AGAINST"], "out")
        targets: dict[str, list[str]] = defaultdict(list)
        for rel in against:
            targets[rel.start].append(rel.end)
        nodes = self.store.get_many(decision_ids | sanction_ids | {r.end for r in against})
        issuers = self._all_issuers(decision_ids)
        members = self._eu_members()
        firm_ids = {n.id for n in nodes.values() if n.label == "Company"}
        locations: dict[str, list[Relationship]] = defaultdict(list)
        for rel in self._rels(firm_ids, list(domain.LOCATION_TYPES), "out"):
            locations[rel.start].append(rel)
        articles: dict[str, set[str]] = defaultdict(set)
        for rel in self._rels(decision_ids, ["INFRINGES"], "out"):
            articles[rel.start].add(rel.end)
        today = date.today().isoformat()
        urls = self._source_map(n.get("sources", []) for n in nodes.values()) if picked else {}
        rows = []
        for rel in imposes:
            decision, sanction = nodes.get(rel.start), nodes.get(rel.end)
            regulators = [n for n in issuers.get(rel.start, []) if n.label == domain.REGULATOR]
            if decision is None or sanction is None or not regulators:
                continue
            when = decision.get("date")
            if not self._regulator_matches(regulators, flt, members, when):
                continue
            if flt.since and (not when or date_floor(when) < date_floor(flt.since)):
                continue
            if flt.until and (not when or date_floor(when) > date_floor(flt.until)):
                continue
            at = today if flt.at == "today" else when
            for firm_id in domain.sanction_targets(targets[sanction.id], targets[decision.id]):
                firm = nodes.get(firm_id)
                if firm is None or firm.label != "Company":
                    continue
                known = domain.eu_establishment(firm.properties, locations[firm_id], members, at)
                found = domain.establishment_class(known)
                if found not in keep:
                    continue
                if not picked:
                    rows.append({"firm": {"id": firm_id}, "establishment": found})
                    continue
                rows.append(headline_row(sanction, decision, regulators[0], firm, articles, urls))
        return rows

    def _source_map(self, groups: Iterable[Iterable[str]]) -> dict[str, str]:
        ids = {s for group in groups for s in group}
        return {n.id: str(n.get("url")) for n in self.store.get_many(ids).values() if n.get("url")}

    def _regulator_matches(
        self,
        regulators: list[Node],
        flt: SanctionFilter,
        members: domain.EuMembership,
        when: str | None,
    ) -> bool:
        """Filters on the issuing regulators (in the domain's order): any co-issuer may match
        ``regulator``; ``jurisdiction`` is the shown regulator's country (EU: a member then)."""
        if flt.regulator and flt.regulator not in {r.id for r in regulators}:
            return False
        if not flt.jurisdiction:
            return True
        country = domain.country_of(regulators[0])
        if flt.jurisdiction == domain.EU_CODE:
            return members.country_holds(country, when)
        return bool(country == flt.jurisdiction)

    def enforcement_history(self, firm: str) -> list[Row]:
        """Decisions against a firm (directly or through a sanction), by date, with appeals."""
        target = resolve_entity(self.store, firm, ("Company", "Person"))
        against = self._rels([target.id], ["AGAINST"], "in")
        direct = self.store.get_many({r.start for r in against})
        sanction_ids = {n.id for n in direct.values() if n.label == "Sanction"}
        via = self._rels(sanction_ids, ["IMPOSES"], "in")
        decision_ids = {n.id for n in direct.values() if n.label == "Decision"} | {r.start for r in via}
        appeals = self._rels(decision_ids, ["APPEAL_OF"], "in")
        all_decisions = decision_ids | {r.start for r in appeals}
        imposes = self._rels(all_decisions, ["IMPOSES"], "out")
        nodes = self.store.get_many(all_decisions | {r.end for r in imposes})
        issuers = self._issuers(all_decisions)
        sanctions: dict[str, list[Row]] = defaultdict(list)
        for rel in imposes:
            row = _pick(nodes.get(rel.end), "kind", "amount", "currency", "amount_eur", "per", "description")
            if row:
                sanctions[rel.start].append(row)
        appeal_rows: dict[str, list[Row]] = defaultdict(list)
        for rel in appeals:
            row = self._decision_row(nodes.get(rel.start), issuers, sanctions)
            if row:
                row["outcome"] = rel.properties.get("outcome")
                appeal_rows[rel.end].append(row)
        rows = []
        for decision_id in decision_ids:
            row = self._decision_row(nodes.get(decision_id), issuers, sanctions)
            if row:
                row["appeals"] = sorted(appeal_rows[decision_id], key=_by_date)
                rows.append(row)
        return sorted(rows, key=_by_date)

    def _decision_row(
        self, decision: Node | None, issuers: dict[str, Node], sanctions: dict[str, list[Row]]
    ) -> Row | None:
        row = _pick(decision, "ref", "kind", "date", "status", "status_note")
        if row is None or decision is None:
            return None
        row["issuer"] = _pick(issuers.get(decision.id), "name", "country")
        row["sanctions"] = sorted(sanctions[decision.id], key=lambda s: s["id"])
        row["sources"] = self._source_urls(decision.get("sources", []))
        return row

    def decisions_citing(self, article: str) -> list[Row]:
        """Decisions that infringe or cite an article (a provision narrows the match)."""
        article_id, provision = resolve_article(article)
        rels = self._rels([article_id], ["INFRINGES", "CITES"], "in")
        if provision:
            rels = [r for r in rels if _provision_matches(r.properties.get("provision"), provision)]
        decisions = self.store.get_many({r.start for r in rels})
        issuers = self._issuers(decisions)
        provisions: dict[str, set[str]] = defaultdict(set)
        for rel in rels:
            provisions[rel.start].add(str(rel.properties.get("provision") or ""))
        rows = []
        for decision in decisions.values():
            row = _pick(decision, "ref", "kind", "date", "status") or {}
            row["article"] = article_id
            row["provisions"] = sorted(p for p in provisions[decision.id] if p)
            row["issuer"] = _pick(issuers.get(decision.id), "name", "country")
            row["sources"] = self._source_urls(decision.get("sources", []))
            rows.append(row)
        return sorted(rows, key=_by_date)

    def claims_contradicted(self, firm: str) -> list[Row]:
        """Statements by, for or about a firm, with the decisions contradicting them."""
        company = resolve_entity(self.store, firm, ("Company",))
        officers = {r.start for r in self._rels([company.id], ["OFFICER_OF"], "in")}
        decisions = {r.start for r in self._rels([company.id], ["AGAINST"], "in")}
        linked = self._rels({company.id} | officers | decisions, ["MADE_BY", "ABOUT"], "in")
        statement_ids = {r.start for r in linked}
        out_rels = self._rels(statement_ids, ["MADE_BY", "ISSUED_VIA", "CONTRADICTED_BY"], "out")
        nodes = self.store.get_many(statement_ids | {r.end for r in out_rels})
        issuers = self._issuers({r.end for r in out_rels if r.type == "CONTRADICTED_BY"})
        rows = []
        for statement_id in statement_ids:
            statement = nodes.get(statement_id)
            if statement is None:
                continue
            mine = [r for r in out_rels if r.start == statement_id]
            contradicted = [
                {**(_pick(nodes.get(r.end), "ref", "date", "kind") or {}),
                 "issuer": _pick(issuers.get(r.end), "name", "country")}
                for r in sorted(mine, key=lambda r: r.id) if r.type == "CONTRADICTED_BY"
            ]
            rows.append(
                {
                    "statement": _pick(statement, "text", "date", "claims"),
                    "made_by": [_pick(nodes.get(r.end), "name") for r in mine if r.type == "MADE_BY"],
                    "issued_via": [_pick(nodes.get(r.end), "name") for r in mine if r.type == "ISSUED_VIA"],
                    "contradicted_by": contradicted,
                    "sources": self._source_urls(statement.get("sources", [])),
                }
            )
        return sorted(rows, key=lambda r: (_date_key(r["statement"]["date"]), r["statement"]["id"]))

    def cross_border_cases(self) -> list[Row]:
        """Firms sanctioned by regulators of two or more jurisdictions, most countries first."""
        issued = list(self.store.iter_relationships("ISSUED"))
        decision_ids = {r.end for r in issued}
        issuers = self.store.get_many({r.start for r in issued})
        of_decision: dict[str, list[Node]] = defaultdict(list)
        for rel in issued:
            if rel.start in issuers:
                of_decision[rel.end].append(issuers[rel.start])
        regulator_of = {d: reg for d, found in of_decision.items()
                        if (reg := domain.decision_regulator(found)) is not None}
        against = self._rels(decision_ids, ["AGAINST"], "out")
        by_firm: dict[str, set[str]] = defaultdict(set)
        for rel in against:
            if rel.start in regulator_of:
                by_firm[rel.end].add(rel.start)
        firms = self.store.get_many(by_firm)
        rows = []
        for firm_id, decisions in by_firm.items():
            firm = firms.get(firm_id)
            regulators = {regulator_of[d].id: regulator_of[d] for d in decisions}
            countries = sorted({str(r.get("country")) for r in regulators.values()})
            if firm is None or firm.label != "Company" or len(countries) < 2:
                continue
            rows.append(
                {
                    "firm": _pick(firm, "name", "country"),
                    "countries": countries,
                    "regulators": [_pick(r, "name", "country") for _, r in sorted(regulators.items())],
                    "decisions": len(decisions),
                }
            )
        return sorted(rows, key=lambda r: (-len(r["countries"]), -r["decisions"], r["firm"]["id"]))

    def run(self, name: str, argument: str | None = None, **options: Any) -> list[Row]:
        """Run a catalogue entry by name."""
        if name not in CATALOGUE:
            raise NotFound(f"no traversal {name!r} (known: {', '.join(CATALOGUE)})")
        entry = CATALOGUE[name]
        if entry.argument and not argument:
            raise NotFound(f"{name} needs {entry.argument}")
        method: Callable[..., list[Row]] = getattr(self, name.replace("-", "_"))
        if name in ("sanctions-without-eu-establishment", "sanctions-with-unknown-establishment"):
            return method(SanctionFilter(**{k: v for k, v in options.items() if v is not None}))
        return method(argument) if entry.argument else method()


def headline_seek(after: Sequence[Any], size: int) -> tuple[str, ...]:
    """A headline seek key checked: ``size`` strings (InvalidSeek otherwise)."""
    from enforcegraph.graph.store.base import InvalidSeek, seek_key

    key = seek_key(after, size, "the headline's rows")
    if not all(isinstance(value, str) for value in key):
        raise InvalidSeek(f"not a position in the headline's rows: {list(key)!r}")
    return key


def _eq(prop: str, value: Any) -> Any:
    from enforcegraph.graph.store.base import PropertyFilter

    return PropertyFilter(prop, "eq", value)


def sanction_row_order(row: Row) -> tuple[str, str, str]:
    """The order of headline rows: decision date (unknown last), sanction id, firm id."""
    return (_date_key(row["decision"]["date"]), row["sanction"]["id"], row["firm"]["id"])


def _by_date(row: Row) -> tuple[str, str]:
    return (_date_key(row.get("date")), str(row.get("id")))


def _provision_matches(provision: Any, asked: str) -> bool:
    return not provision or str(provision) == asked or str(provision).startswith(asked + "(")
