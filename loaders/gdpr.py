"""The GDPR as nodes: the Law, its EUR-Lex source and its article nodes (one id scheme for all loaders)."""

from __future__ import annotations

from typing import Any

from enforcegraph.schema.records import NodeRecord, Origin, RelationshipRecord

__all__ = [
    "EURLEX_SOURCE_ID",
    "GDPR_LAW_ID",
    "article_id",
    "article_stub",
    "eurlex_source",
    "gdpr_law",
    "part_of",
]

GDPR_LAW_ID = "law:gdpr"
EURLEX_SOURCE_ID = "source:eur-lex-gdpr"
EURLEX_URL = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
_ORIGIN = Origin("enforcegraph.loaders.gdpr", "GDPR")


def article_id(number: int | str) -> str:
    """The id every loader uses for a GDPR article: ``article:gdpr-32``."""
    return f"article:gdpr-{str(number).strip().lower()}"


def eurlex_source() -> NodeRecord:
    """The official text of the regulation on EUR-Lex."""
    return NodeRecord(
        EURLEX_SOURCE_ID,
        "Source",
        {
            "url": EURLEX_URL,
            "title": "Regulation (EU) 2016/679 (General Data Protection Regulation)",
            "publisher": "Publications Office of the European Union",
            "date": "2016-05-04",
            "kind": "law",
        },
        _ORIGIN,
    )


def gdpr_law() -> NodeRecord:
    """The Law node of the GDPR."""
    return NodeRecord(
        GDPR_LAW_ID,
        "Law",
        {
            "name": "General Data Protection Regulation",
            "short_name": "GDPR",
            "aliases": ["RGPD", "DSGVO", "AVG"],
            "country": "EU",
            "reference": "Regulation (EU) 2016/679",
            "url": EURLEX_URL,
            "sources": [EURLEX_SOURCE_ID],
        },
        _ORIGIN,
    )


def article_stub(number: int | str, sources: list[str] | None = None) -> NodeRecord:
    """A GDPR article node with only what a citation tells (the gdpr-text dataset adds the rest)."""
    props: dict[str, Any] = {
        "citation": f"GDPR Art. {number}",
        "number": str(number),
        "sources": sources or [EURLEX_SOURCE_ID],
    }
    return NodeRecord(article_id(number), "LegalArticle", props, _ORIGIN)


def part_of(node_id: str, sources: list[str] | None = None) -> RelationshipRecord:
    """``article PART_OF law:gdpr``."""
    return RelationshipRecord(
        "PART_OF", node_id, GDPR_LAW_ID, {"sources": sources or [EURLEX_SOURCE_ID]}, "", _ORIGIN
    )
