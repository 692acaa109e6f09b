"""Patterns for names of firms and people, and the words that are never party names."""

from __future__ import annotations

import re

__all__ = [
    "COMPANY_NOUN", "NAME", "PERSON", "ROLE", "STOP_WORDS", "canonical_role", "clean_name",
    "is_regulator_role",
]

_TOKEN = r"(?:[A-Z][\w\-]*(?:['’][A-Z][\w\-]*)?|[A-Z]\.(?:[A-Z]\.)+)"
_JOIN = r"(?:\s+(?:(?:of|for|and|&|de|du|des|la|le|van|von|der|den|di|da)\s+)?)"
NAME = rf"{_TOKEN}(?:{_JOIN}{_TOKEN}){{0,4}}(?:,?\s+(?:Inc|Ltd|Corp|Co|S\.A|B\.V|N\.V)\.|\s+LLC)?"
_PNAME = r"[A-Z][a-z]+(?:[\-’'][A-Z][a-z]+)?"
PERSON = rf"{_PNAME}(?:\s+(?:(?:de|van|von|der|den|du|la|le|di|da)\s+)*{_PNAME}){{1,2}}"
COMPANY_NOUN = (
    r"(?:company|firm|startup|start-up|business|platform|provider|giant|app|retailer|operator|"
    r"broker|maker|developer|vendor|group|corporation|conglomerate|subsidiary)"
)
_CORPORATE_ROLES = (
    "chief executive officer", "chief executive", "CEO", "co-founder", "founder",
    "chief legal officer", "CLO", "general counsel", "chief operating officer", "COO",
    "chief financial officer", "CFO", "chief privacy officer", "chief technology officer",
    "CTO", "managing director", "spokesperson", "spokesman", "spokeswoman", "partner",
)
_REGULATOR_ROLES = (
    "chairperson", "chairwoman", "chairman", "chair", "president", "vice-president",
    "commissioner", "Information Commissioner", "deputy commissioner", "head", "director",
)
_ALL_ROLES = sorted({*_CORPORATE_ROLES, *_REGULATOR_ROLES}, key=len, reverse=True)
ROLE = "(?:" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _ALL_ROLES) + ")"

_CANONICAL = {
    "chief executive officer": "CEO", "chief executive": "CEO", "ceo": "CEO",
    "clo": "chief legal officer", "coo": "chief operating officer",
    "cfo": "chief financial officer", "cto": "chief technology officer",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "chairwoman": "chairperson", "chairman": "chairperson", "chair": "chairperson",
}

STOP_WORDS = frozenset(["the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i", "you", "his", "her", "their", "our", "my", "in", "on", "at", "for", "from", "to", "of", "and", "or", "but", "as", "by", "with", "after", "before", "under", "over", "while", "when", "where", "which", "who", "what", "why", "how", "there", "here", "however", "but", "also", "meanwhile", "yet", "still", "some", "many", "most", "each", "every", "all", "any", "no", "not", "nor", "so", "if", "then", "than", "though", "although", "because", "since", "until", "unless", "whether", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "europe", "european", "eu", "eea", "gdpr", "uk", "us", "usa", "internet", "planet", "earth", "ai", "nb", "ps", "note", "update", "read"])


def canonical_role(role: str) -> str:
    """The usual form of an office ("chief executive" -> "CEO").

    >>> canonical_role("Chief  Executive"), canonical_role("chief legal officer")
    ('CEO', 'chief legal officer')
    """
    text = " ".join(role.split())
    return _CANONICAL.get(text.lower(), text if text.isupper() else text.lower())


def is_regulator_role(role: str) -> bool:
    """An office that regulators have and firms mostly do not name in news."""
    return canonical_role(role).lower() in {r.lower() for r in _REGULATOR_ROLES} | {"chairperson"}


def clean_name(name: str) -> str | None:
    """A candidate name without leading articles, or None if it is no name at all.

    >>> clean_name("The Clearview AI"), clean_name("However"), clean_name("Clearview AI, Inc.")
    ('Clearview AI', None, 'Clearview AI, Inc.')
    """
    words = name.split()
    while words and words[0].lower() in STOP_WORDS:
        words = words[1:]
    if not words or all(w.lower().strip(".,") in STOP_WORDS for w in words):
        return None
    return " ".join(words)
