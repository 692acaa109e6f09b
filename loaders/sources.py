"""Source nodes made from URLs: one readable, stable id per URL."""

from __future__ import annotations

import hashlib

from enforcegraph.schema.ids import slugify

__all__ = ["source_id"]


def source_id(url: str) -> str:
    """A readable, stable id for a source URL (long URLs end in a short hash).

    >>> source_id("https://www.cnil.fr/fr/sanction")
    'source:www.cnil.fr-fr-sanction'
    """
    slug = slugify(url.split("://", 1)[-1])
    if len(slug) > 80:
        digest = hashlib.sha256(url.encode()).hexdigest()[:10]
        slug = f"{slug[:68].rstrip('-.')}-{digest}"
    return f"source:{slug}"
