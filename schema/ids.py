"""Deterministic, readable ids: `company:clearview-ai`, `article:gdpr-83`."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ID_PATTERN", "SLUG", "id_prefix", "make_id", "relationship_id", "relationship_id_range", "slugify"]

SLUG = r"[a-z0-9][a-z0-9._~-]*"  # the part of an id after ``prefix:``
ID_PATTERN = re.compile(rf"^([a-z]+):({SLUG})\Z")
_NON_SLUG = re.compile(r"[^a-z0-9.]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug of ``text``.

    >>> slugify("Clearview AI, Inc.")
    'clearview-ai-inc'
    >>> slugify("Commission nationale de l'informatique et des libertés")
    'commission-nationale-de-l-informatique-et-des-libertes'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug)


def make_id(prefix: str, *parts: str) -> str:
    """An id from a prefix and readable parts: ``make_id("decision", "fr-cnil", "SAN-2022-019")``."""
    slug = "-".join(s for s in (slugify(p) for p in parts) if s)
    if not slug:
        raise ValueError(f"cannot make an id from {parts!r}")
    return f"{prefix}:{slug}"


def id_prefix(node_id: str) -> str | None:
    """The prefix of a well-formed id, else None."""
    match = ID_PATTERN.match(node_id)
    return match.group(1) if match else None


def relationship_id(rel_type: str, start: str, end: str, key: str = "") -> str:
    """The id of a relationship: type, endpoints and the key of parallel edges."""
    base = f"{rel_type}:{start}->{end}"
    return f"{base}#{key}" if key else base


def relationship_id_range(rel_type: str) -> tuple[str, str]:
    """The ids of one type's relationships, as a half-open range ``[low, high)``: every
    id starts with ``TYPE:``, and ``;`` is the character after ``:``.

    >>> low, high = relationship_id_range("ISSUED")
    >>> low <= relationship_id("ISSUED", "regulator:fr-cnil", "decision:x") < high
    True
    >>> low <= relationship_id("ISSUED_BY", "a:b", "c:d") < high
    False
    """
    return f"{rel_type}:", f"{rel_type};"
