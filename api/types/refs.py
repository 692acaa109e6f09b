"""Lazy references to the node types, so the families can point at each other."""

from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry

if TYPE_CHECKING:
    from enforcegraph.api.types.authorities import Court, Jurisdiction, Regulator
    from enforcegraph.api.types.decisions import Decision, Sanction
    from enforcegraph.api.types.entity import Entity
    from enforcegraph.api.types.legal import Law, LegalArticle
    from enforcegraph.api.types.parties import Company, Person
    from enforcegraph.api.types.statements import Source, Statement

__all__ = [
    "CompanyRef",
    "CourtRef",
    "DecisionRef",
    "EntityRef",
    "JurisdictionRef",
    "LawRef",
    "LegalArticleRef",
    "PersonRef",
    "RegulatorRef",
    "SanctionRef",
    "SourceRef",
    "StatementRef",
]

_T = "enforcegraph.api.types."

EntityRef: TypeAlias = Annotated["Entity", strawberry.lazy(_T + "entity")]
CompanyRef: TypeAlias = Annotated["Company", strawberry.lazy(_T + "parties")]
PersonRef: TypeAlias = Annotated["Person", strawberry.lazy(_T + "parties")]
RegulatorRef: TypeAlias = Annotated["Regulator", strawberry.lazy(_T + "authorities")]
CourtRef: TypeAlias = Annotated["Court", strawberry.lazy(_T + "authorities")]
JurisdictionRef: TypeAlias = Annotated["Jurisdiction", strawberry.lazy(_T + "authorities")]
LawRef: TypeAlias = Annotated["Law", strawberry.lazy(_T + "legal")]
LegalArticleRef: TypeAlias = Annotated["LegalArticle", strawberry.lazy(_T + "legal")]
DecisionRef: TypeAlias = Annotated["Decision", strawberry.lazy(_T + "decisions")]
SanctionRef: TypeAlias = Annotated["Sanction", strawberry.lazy(_T + "decisions")]
StatementRef: TypeAlias = Annotated["Statement", strawberry.lazy(_T + "statements")]
SourceRef: TypeAlias = Annotated["Source", strawberry.lazy(_T + "statements")]
