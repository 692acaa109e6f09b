"""The domain rules, said once: who issued a decision, whom a sanction targets, and
whether a firm had an establishment in the EU at a date.

Pure functions over plain data (nodes' labels and properties, relationships' ends and
properties): no store, no I/O. The traversals, the analyses, the API's types and
filters and the exporters call them. The SQL (``graph/backends/sqltraversals.py``) and
Cypher (``graph/backends/cypher.py``) push-downs cannot call Python per row: they take
their constants from here (:data:`ISSUER_LABELS`, :data:`EU_CODE`, ...) as query
parameters and state the same rules, and ``tests/domain/test_agreement.py`` holds every
implementation to these answers on one fixture.

Which countries are EU member states, and since when, is data, not code: MEMBER_OF
relationships (``valid_from``/``valid_to``) to the Jurisdiction whose ``code`` is EU,
loaded from ``loaders/datasets/jurisdictions.yaml``. A label is the node's label and a
country is a property, never read out of an id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from enforcegraph.graph.domain.dates import valid_at

__all__ = [
    "ESTABLISHMENT",
    "EU_CODE",
    "ISSUER_LABELS",
    "LOCATION_TYPES",
    "MEMBER_OF",
    "REGULATOR",
    "EuMembership",
    "Labelled",
    "Link",
    "country_of",
    "decision_issuer",
    "decision_parties",
    "decision_regulator",
    "establishment_class",
    "eu_establishment",
    "eu_memberships",
    "has_eu_establishment",
    "is_located",
    "is_stated",
    "issuer_rank",
    "ordered_issuers",
    "sanction_targets",
]

ISSUER_LABELS: tuple[str, ...] = ("Regulator", "Court")
"""Who issues decisions, in the order a decision's issuers are shown: regulators first."""
REGULATOR = "Regulator"
"""The issuer a headline row shows and its jurisdiction filter reads."""
EU_CODE = "EU"
"""The ``code`` of the Jurisdiction whose members count as the EU."""
MEMBER_OF = "MEMBER_OF"
ESTABLISHMENT = "HAS_ESTABLISHMENT"
"""The dated relationship that puts a firm in a jurisdiction (seat, branch, subsidiary)."""
LOCATION_TYPES: tuple[str, ...] = ("HAS_ESTABLISHMENT", "INCORPORATED_IN")
"""Relationships that say where a firm is (with a ``country``, what locates it at all)."""
RULE = "rule"
"""The property of a location found from evidence (legal form, one-stop-shop, GLEIF ...):
such a location can show that a firm is in the EU, never that it is not."""

Window = tuple[str | None, str | None]


class Labelled(Protocol):
    """A node: its id, its label and its properties (a store Node, an ExportNode)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def properties(self) -> Mapping[str, Any]: ...


class Link(Protocol):
    """A relationship: its type, its ends and its properties."""

    @property
    def type(self) -> str: ...
    @property
    def start(self) -> str: ...
    @property
    def end(self) -> str: ...
    @property
    def properties(self) -> Mapping[str, Any]: ...


N = TypeVar("N", bound=Labelled)
T = TypeVar("T")


# -- who issued a decision ----------------------------------------------------------------
def issuer_rank(label: str | None) -> int:
    """Where issuers of a label come in a decision's issuers (other labels last).

    >>> issuer_rank("Regulator"), issuer_rank("Court"), issuer_rank("Company")
    (0, 1, 2)
    """
    return ISSUER_LABELS.index(label) if label in ISSUER_LABELS else len(ISSUER_LABELS)


def ordered_issuers(issuers: Iterable[N]) -> list[N]:
    """A decision's issuers, once each: regulators first, then courts, then by id.

    >>> from types import SimpleNamespace as Node
    >>> found = [Node(id="court:c", label="Court"), Node(id="regulator:r", label="Regulator")]
    >>> [n.id for n in ordered_issuers(found)]
    ['regulator:r', 'court:c']
    """
    unique = {node.id: node for node in issuers}
    return sorted(unique.values(), key=lambda n: (issuer_rank(n.label), n.id))


def decision_issuer(issuers: Iterable[N]) -> N | None:
    """The issuer shown for a decision: the first of :func:`ordered_issuers`."""
    ordered = ordered_issuers(issuers)
    return ordered[0] if ordered else None


def decision_regulator(issuers: Iterable[N]) -> N | None:
    """The regulator shown for a decision (first by id); None for a court's own decision.

    >>> from types import SimpleNamespace as Node
    >>> decision_regulator([Node(id="court:c", label="Court")]) is None
    True
    """
    return next((n for n in ordered_issuers(issuers) if n.label == REGULATOR), None)


# -- whom a sanction targets ----------------------------------------------------------------
def sanction_targets(own: Sequence[T], inherited: Sequence[T]) -> list[T]:
    """Whom a sanction targets: its own AGAINST targets, else its decision's.

    ``inherited`` is what the decision itself is AGAINST, never another sanction's targets.

    >>> sanction_targets([], ["company:a"]), sanction_targets(["company:b"], ["company:a"])
    (['company:a'], ['company:b'])
    """
    return list(own) if own else list(inherited)


def decision_parties(direct: Iterable[str], of_sanctions: Iterable[str]) -> list[str]:
    """The parties of a decision: whom it is AGAINST and whom its sanctions target, sorted.

    >>> decision_parties(["company:b"], ["company:a", "company:b"])
    ['company:a', 'company:b']
    """
    return sorted({*direct, *of_sanctions})


# -- countries -----------------------------------------------------------------------------
def country_of(node: Labelled) -> str | None:
    """A node's country code, from its properties: a Jurisdiction's ``code``, else ``country``.

    >>> from types import SimpleNamespace as Node
    >>> country_of(Node(id="jurisdiction:ireland", label="Jurisdiction", properties={"code": "IE"}))
    'IE'
    """
    value = node.properties.get("code" if node.label == "Jurisdiction" else "country")
    return str(value) if value else None


@dataclass(frozen=True)
class EuMembership:
    """Who belongs to the EU and when: jurisdiction id -> validity windows (the EU itself:
    always), and each of those jurisdictions' country code."""

    windows: Mapping[str, Sequence[Window]] = field(default_factory=dict)
    codes: Mapping[str, str] = field(default_factory=dict)

    def holds(self, jurisdiction_id: str, at: str | None) -> bool:
        """Whether a jurisdiction is in the EU at ``at`` (None: at some time)."""
        return any(valid_at(a, b, at) for a, b in self.windows.get(jurisdiction_id, ()))

    def country_holds(self, country: str | None, at: str | None) -> bool:
        """Whether a country code is that of a jurisdiction in the EU at ``at``."""
        return bool(country) and any(
            code == country and self.holds(jid, at) for jid, code in self.codes.items()
        )


def eu_memberships(jurisdictions: Iterable[Labelled], member_of: Iterable[Link]) -> EuMembership:
    """EU membership from the Jurisdiction nodes and their MEMBER_OF relationships.

    >>> from types import SimpleNamespace as X
    >>> nodes = [X(id="jurisdiction:eu", label="Jurisdiction", properties={"code": "EU"}),
    ...          X(id="jurisdiction:gb", label="Jurisdiction", properties={"code": "GB"})]
    >>> rels = [X(type="MEMBER_OF", start="jurisdiction:gb", end="jurisdiction:eu",
    ...           properties={"valid_from": "1973-01-01", "valid_to": "2020-01-31"})]
    >>> eu = eu_memberships(nodes, rels)
    >>> eu.holds("jurisdiction:gb", "2019"), eu.country_holds("GB", "2022-10-17")
    (True, False)
    """
    nodes = {n.id: n for n in jurisdictions}
    unions = {jid for jid, node in nodes.items() if country_of(node) == EU_CODE}
    windows: dict[str, list[Window]] = {union: [(None, None)] for union in unions}
    for rel in member_of:
        if rel.type == MEMBER_OF and rel.end in unions:
            windows.setdefault(rel.start, []).append(
                (rel.properties.get("valid_from"), rel.properties.get("valid_to"))
            )
    codes = {jid: code for jid in windows if jid in nodes and (code := country_of(nodes[jid]))}
    return EuMembership(windows, codes)


# -- an EU establishment at a date -----------------------------------------------------------
def is_stated(link: Link) -> bool:
    """Whether a location relationship was stated by a source or a person (no ``rule``),
    rather than found from evidence by a rule (loaders/location.py, GLEIF).

    >>> from types import SimpleNamespace as X
    >>> is_stated(X(type="INCORPORATED_IN", properties={})), is_stated(
    ...     X(type="INCORPORATED_IN", properties={"rule": "legal-form"}))
    (True, False)
    """
    return link.type in LOCATION_TYPES and not link.properties.get(RULE)


def is_located(firm: Mapping[str, Any], links: Iterable[Link]) -> bool:
    """Whether a source says where a firm is: a ``country``, or a stated establishment or
    incorporation. Only such a firm can be found outside the EU: a location found by a
    rule (a legal form, a one-stop-shop decision) may put a firm in the EU, but a firm
    located outside it by a rule alone may still have an EU establishment nobody recorded.

    >>> is_located({"country": "US"}, []), is_located({}, [])
    (True, False)
    """
    return bool(firm.get("country")) or any(is_stated(link) for link in links)


def has_eu_establishment(links: Iterable[Link], eu: EuMembership, at: str | None) -> bool:
    """Whether a firm's HAS_ESTABLISHMENT relationships put it in the EU at ``at``: one
    valid then, to a jurisdiction in the EU then (partial dates: :func:`valid_at`)."""
    return any(
        link.type == ESTABLISHMENT
        and valid_at(link.properties.get("valid_from"), link.properties.get("valid_to"), at)
        and eu.holds(link.end, at)
        for link in links
    )


def eu_establishment(
    firm: Mapping[str, Any], links: Iterable[Link], eu: EuMembership, at: str | None
) -> bool | None:
    """A firm's EU establishment at ``at``: True, False, or None when it is unknown (no
    EU establishment is known then, and no source says where the firm is).

    ``firm``: its properties; ``links``: its outgoing relationships.

    >>> from types import SimpleNamespace as X
    >>> eu = EuMembership({"jurisdiction:fr": [("1958-01-01", None)]}, {"jurisdiction:fr": "FR"})
    >>> office = X(type="HAS_ESTABLISHMENT", start="company:c", end="jurisdiction:fr",
    ...            properties={"valid_from": "2015", "valid_to": "2021-06"})
    >>> [eu_establishment({"country": "US"}, [office], eu, at) for at in ("2020", "2022-03-01")]
    [True, False]
    >>> eu_establishment({}, [], eu, "2022") is None
    True
    >>> found = X(type="HAS_ESTABLISHMENT", start="company:c", end="jurisdiction:fr",
    ...           properties={"rule": "one-stop-shop", "valid_from": "2021", "valid_to": "2021"})
    >>> [eu_establishment({}, [found], eu, at) for at in ("2021-05-01", "2023")]
    [True, None]
    """
    links = list(links)
    if has_eu_establishment(links, eu, at):
        return True
    return False if is_located(firm, links) else None


def establishment_class(known: bool | None) -> str:
    """The name of an :func:`eu_establishment` answer: ``eu``, ``none`` or ``unknown``.

    >>> [establishment_class(v) for v in (True, False, None)]
    ['eu', 'none', 'unknown']
    """
    return "unknown" if known is None else ("eu" if known else "none")
