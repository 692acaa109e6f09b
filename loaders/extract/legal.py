"""Laws and legal articles named in text ("article 83 of the GDPR", "the UK GDPR")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enforcegraph.schema.citations import CitationMatch, find_citations

__all__ = ["LAWS", "LawMatch", "find_laws", "find_legal_articles"]

# slug -> (name, short name, country, how it is written)
LAWS: dict[str, tuple[str, str, str, str]] = {
    "uk-gdpr": ("United Kingdom General Data Protection Regulation", "UK GDPR", "GB", r"UK\s+GDPR"),
    "gdpr": (
        "General Data Protection Regulation", "GDPR", "EU",
        r"General\s+Data\s+Protection\s+Regulation|GDPR|RGPD|DSGVO|Datenschutz-?[Gg]rundverordnung|"
        r"Règlement\s+général\s+sur\s+la\s+protection\s+des\s+données|"
        # the other languages' names, capitalised as reports write them ("Opće uredbe o zaštiti podataka")
        r"Reglamento\s+General\s+de\s+Protección\s+de\s+Datos|Regolamento\s+[Gg]enerale\s+(?:sulla|per\s+la)\s+[Pp]rotezione\s+dei\s+[Dd]ati|"
        r"Regulamento\s+Geral\s+(?:sobre\s+a|de)\s+Proteção\s+de\s+Dados|Algemene\s+[Vv]erordening\s+[Gg]egevensbescherming|"
        r"Opć[aeu]\s+uredb[aeiu]\s+o\s+zaštiti\s+podataka|Splošn[aei]\s+uredb[aei]\s+o\s+varstvu\s+podatkov|"
        r"Általános\s+[Aa]datvédelmi\s+[Rr]endelet\w*",
    ),
}


@dataclass(frozen=True)
class LawMatch:
    """A law named in text."""

    slug: str
    start: int
    end: int


def find_laws(text: str) -> list[LawMatch]:
    """Every naming of a known law (the longest form wins: "UK GDPR" is not the GDPR).

    >>> [(m.slug, m.start) for m in find_laws("the UK GDPR and the EU’s GDPR")]
    [('uk-gdpr', 4), ('gdpr', 25)]
    """
    found: list[LawMatch] = []
    for slug, (_, _, _, pattern) in LAWS.items():
        for match in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text):
            if any(m.start <= match.start() < m.end for m in found):
                continue
            found.append(LawMatch(slug, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def find_legal_articles(text: str) -> list[CitationMatch]:
    """Article citations; bare ones ("Article 6") take the law the text names most."""
    laws = find_laws(text)
    counts: dict[str, int] = {}
    for law in laws:
        counts[law.slug] = counts.get(law.slug, 0) + 1
    default = max(counts, key=lambda slug: counts[slug]) if counts else None
    return find_citations(text, default)
