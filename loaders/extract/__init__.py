"""The article loader: proposes sourced graph facts from news text, for analyst review.

Deterministic and offline: rules, a bundled regulator gazetteer and the store's own names.
Every proposal carries its character spans, a confidence and the rule that made it.
"""

from enforcegraph.loaders.extract.accept import accepted_batch, select
from enforcegraph.loaders.extract.article import Article, html_to_text, read_article
from enforcegraph.loaders.extract.extractor import extract
from enforcegraph.loaders.extract.proposals import KINDS, Extraction, Proposal, Span

__all__ = [
    "KINDS",
    "Article",
    "Extraction",
    "Proposal",
    "Span",
    "accepted_batch",
    "extract",
    "html_to_text",
    "read_article",
    "select",
]
