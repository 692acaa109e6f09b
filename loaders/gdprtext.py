"""The bundled dataset ``gdpr-text``: the GDPR with its 11 chapters and 99 articles.

Built from ``loaders/data/gdpr_text.json.gz`` (made by ``scripts/build_gdpr_text.py``);
nothing outside the package is read at run time.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from typing import Any

from enforcegraph.loaders.gdpr import (
    EURLEX_SOURCE_ID,
    article_id,
    eurlex_source,
    gdpr_law,
    part_of,
)
from enforcegraph.schema.records import Batch, NodeRecord, Origin

__all__ = ["DATA_FILE", "DESCRIPTION", "gdpr_text_batch", "gdpr_text_document"]

DATA_FILE = "data/gdpr_text.json.gz"
DESCRIPTION = (
    "The GDPR (Regulation (EU) 2016/679): the Law, its 11 chapters and 99 articles with "
    "title, chapter, paragraphs and text (from gdpr-info.eu via TidyTuesday; EUR-Lex is "
    "the legal reference)."
)


@cache
def gdpr_text_document() -> dict[str, Any]:
    """The packaged document (chapters, articles, source)."""
    raw = resources.files("enforcegraph.loaders").joinpath(DATA_FILE).read_bytes()
    document: dict[str, Any] = json.loads(gzip.decompress(raw))
    return document


def gdpr_text_batch() -> Batch:
    """Law law:gdpr, its sources, and the 99 LegalArticle nodes PART_OF it."""
    document = gdpr_text_document()
    origin_file = f"enforcegraph.loaders/{DATA_FILE}"
    source = dict(document["source"])
    source_id = str(source.pop("id"))
    sources = [EURLEX_SOURCE_ID, source_id]
    batch = Batch(nodes=[eurlex_source(), NodeRecord(source_id, "Source", source), gdpr_law()])
    chapters = {c["number"]: c for c in document["chapters"]}
    for article in document["articles"]:
        number = int(article["number"])
        chapter = chapters[article["chapter"]]
        paragraphs = [str(p) for p in article["paragraphs"]]
        node_id = article_id(number)
        batch.nodes.append(
            NodeRecord(
                node_id,
                "LegalArticle",
                {
                    "citation": f"GDPR Art. {number}",
                    "number": str(number),
                    "title": article["title"],
                    "chapter": f"Chapter {chapter['roman']}: {chapter['title']}",
                    "paragraphs": paragraphs,
                    "text": "\n\n".join(paragraphs),
                    "sources": sources,
                },
                Origin(origin_file, f"article {number}"),
            )
        )
        batch.relationships.append(part_of(node_id, sources))
    return batch
