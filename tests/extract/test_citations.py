"""Legal citations in running text, through enforcegraph.schema.citations."""

from __future__ import annotations

import pytest

from enforcegraph.loaders.extract.legal import find_laws, find_legal_articles
from enforcegraph.schema.citations import find_citations, parse_citation


@pytest.mark.parametrize(("text", "expected"), [
    ("according to article 83 of the GDPR", ["article:gdpr-83"]),
    ("Art. 6(1)(f) GDPR", ["article:gdpr-6"]),
    ("Article 31 of the RGPD", ["article:gdpr-31"]),
    ("Articles 12, 15 and 17 of the GDPR", ["article:gdpr-12", "article:gdpr-15", "article:gdpr-17"]),
    ("Articles 5(1)(a), 6(1) and 9(1) of the UK GDPR", ["article:uk-gdpr-5", "article:uk-gdpr-6", "article:uk-gdpr-9"]),
    ("the article says nothing about 83 fines", []),
])
def test_find_citations(text: str, expected: list[str]) -> None:
    assert [m.citation.article_id for m in find_citations(text)] == expected


def test_each_article_of_a_list_keeps_its_provision_and_the_list_span() -> None:
    text = "in breach of Articles 5(1)(a), 6(1) and 9(1) GDPR."
    found = find_citations(text)
    assert [m.citation.provision for m in found] == ["5(1)(a)", "6(1)", "9(1)"]
    assert {text[m.start : m.end] for m in found} == {"Articles 5(1)(a), 6(1) and 9(1) GDPR"}


def test_parse_citation_still_parses_one() -> None:
    assert parse_citation("Articles 12 GDPR").article_id == "article:gdpr-12"  # type: ignore[union-attr]
    assert parse_citation("Article 31 of the RGPD").article_id == "article:gdpr-31"  # type: ignore[union-attr]


def test_bare_articles_take_the_law_the_text_names() -> None:
    text = "The GDPR applies. The regulator found breaches of Article 6 and Article 9."
    assert [m.citation.article_id for m in find_legal_articles(text)] == ["article:gdpr-6", "article:gdpr-9"]
    assert [m.slug for m in find_laws("the UK GDPR, not the GDPR")] == ["uk-gdpr", "gdpr"]
