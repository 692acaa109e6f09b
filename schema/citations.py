"""Parse legal citations such as "GDPR Art. 32" or "Art. 5(1)(a) GDPR" into article ids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enforcegraph.schema.ids import ID_PATTERN

__all__ = ["Citation", "CitationMatch", "find_citations", "parse_citation"]

# Law names as they appear in citations, mapped to law slugs.
LAW_ALIASES: dict[str, str] = {
    "gdpr": "gdpr",
    "gdrp": "gdpr",
    "rgpd": "gdpr",
    "dsgvo": "gdpr",
    "avg": "gdpr",
    "general data protection regulation": "gdpr",
    "uk gdpr": "uk-gdpr",
}

_ARTICLE = re.compile(
    r"""(?ix)
    (?:(?P<law_before>uk\s+gdpr|gdpr|gdrp|rgpd|dsgvo)\s*)?
    art(?:icles?|s?\.)?\s*(?P<number>\d+[a-z]?)
    \s*(?P<rest>(?:\(?\s*\w{1,3}\s*\)\s*,?\s*)*)
    (?:\s*(?:of\s+the\s+)?(?P<law_after>uk\s+gdpr|gdpr|gdrp|rgpd|dsgvo))?
    """
)
_PARTS = re.compile(r"\(?\s*(\w+)\s*\)")


@dataclass(frozen=True)
class Citation:
    """A parsed citation: law slug, article number and optional paragraph and point."""

    law: str
    number: str
    paragraph: str | None = None
    point: str | None = None

    @property
    def article_id(self) -> str:
        """Id of the LegalArticle node: ``article:gdpr-32``."""
        return f"article:{self.law}-{self.number.lower()}"

    @property
    def provision(self) -> str:
        """The provision as written in ids: ``5(1)(a)``."""
        text = self.number
        if self.paragraph:
            text += f"({self.paragraph})"
        if self.point:
            text += f"({self.point})"
        return text

    @property
    def text(self) -> str:
        """Canonical citation: ``GDPR Art. 5(1)(a)``."""
        return f"{self.law.upper().replace('-', ' ')} Art. {self.provision}"


def parse_citation(text: str, default_law: str | None = None) -> Citation | None:
    """Parse one citation; None if it is not one.

    >>> parse_citation("GDPR Art. 32").article_id
    'article:gdpr-32'
    >>> c = parse_citation("Art. 5 (1) c) GDPR"); (c.article_id, c.paragraph, c.point)
    ('article:gdpr-5', '1', 'c')
    >>> parse_citation("Art. 5(1)(a) GDPR").provision
    '5(1)(a)'
    >>> parse_citation("article:gdpr-83").number
    '83'
    >>> parse_citation("Article 31 of the RGPD").article_id
    'article:gdpr-31'
    """
    stripped = text.strip()
    match_id = ID_PATTERN.match(stripped)
    if match_id and match_id.group(1) == "article":
        law, _, number = match_id.group(2).rpartition("-")
        return Citation(law, number) if law and number else None
    match = _ARTICLE.search(stripped)
    if not match:
        return None
    law_text = (match.group("law_before") or match.group("law_after") or "").lower()
    law = LAW_ALIASES.get(" ".join(law_text.split()), default_law or "")
    if not law:
        return None
    parts = _PARTS.findall(match.group("rest") or "")
    paragraph = next((p for p in parts if p.isdigit()), None)
    point = next((p for p in parts if p.isalpha()), None)
    return Citation(law, match.group("number"), paragraph, point)


_LAW = r"uk\s+gdpr|gdpr|gdrp|rgpd|dsgvo|general\s+data\s+protection\s+regulation"
_ONE = r"\d+[a-z]?(?:\s*\(\s*\w{1,3}\s*\))*"
_SEP = r"\s*(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b|&)\s*(?:art(?:icles?|s?\.)?\s*)?"
_LIST = re.compile(
    rf"""(?ix)
    (?:\b(?P<law_before>{_LAW})\s+)?
    \bart(?:icles?|s?\.)\s*(?P<items>{_ONE}(?:{_SEP}{_ONE})*)
    (?:\s*(?:of\s+(?:the\s+)?|,\s*)?\b(?P<law_after>{_LAW})\b)?
    """
)
_ITEM = re.compile(rf"(?i){_ONE}")


@dataclass(frozen=True)
class CitationMatch:
    """A citation found in running text, with its character span."""

    start: int
    end: int
    citation: Citation


def find_citations(text: str, default_law: str | None = None) -> list[CitationMatch]:
    """Every article citation in running text, lists split into one match per article.

    Each article of a list gets the span of the whole list ("Articles 12, 15 and 17 of
    the GDPR"). A citation without a law in it takes ``default_law``; without one it is
    skipped.

    >>> [m.citation.text for m in find_citations("Articles 12, 15 and 17 of the GDPR")]
    ['GDPR Art. 12', 'GDPR Art. 15', 'GDPR Art. 17']
    >>> [m.citation.provision for m in find_citations("Art. 6(1)(f) GDPR and Art. 9", "gdpr")]
    ['6(1)(f)', '9']
    >>> m = find_citations("according to article 83 of the GDPR [General ...]")[0]
    >>> (m.citation.article_id, m.start, m.end)
    ('article:gdpr-83', 13, 35)
    """
    found: list[CitationMatch] = []
    for match in _LIST.finditer(text):
        law_text = match.group("law_before") or match.group("law_after") or ""
        law = LAW_ALIASES.get(" ".join(law_text.lower().split()), default_law or "")
        if not law:
            continue
        for item in _ITEM.finditer(match.group("items")):
            parts = _PARTS.findall(item.group(0))
            number = re.match(r"\d+[a-z]?", item.group(0), re.I)
            if number is None:
                continue
            paragraph = next((p for p in parts if p.isdigit()), None)
            point = next((p for p in parts if p.isalpha()), None)
            citation = Citation(law, number.group(0), paragraph, point)
            found.append(CitationMatch(match.start(), match.end(), citation))
    return found

