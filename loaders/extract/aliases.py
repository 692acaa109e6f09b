"""A firm's acronym defined in brackets after its name ("Hellenic Post (ELTA)", "the Department of
Social Protection (DSP)") names the same firm: one party, never two decisions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from enforcegraph.loaders.extract.names import clean_name
from enforcegraph.schema.names import normalize_name

if TYPE_CHECKING:
    from enforcegraph.loaders.extract.parties import PartyFinder

__all__ = ["DEFINED_TERMS", "merge_acronyms", "unit_of"]

# "X, the Dutch subsidiary of X Holdings Inc.", "X, filiale de X Group SA", "X, Tochter der X AG": two firms.
_UNIT = (r"(?:subsidiary|unit|arm|affiliate|division|branch|filiale|Tochter\w*|Tochtergesellschaft|dochter\w*|"
         r"controllata|filial|datterselskab\w*|dotterbolag\w*|spółk[aię]\s+zależn\w+)")


def unit_of(text: str, short: str, longer: str) -> bool:
    """Whether the text calls the firm with the shorter name a unit of the one with the longer
    name (so "Clearway" is not a short form of "Clearway Holdings Inc.").

    >>> unit_of("Clearway, the Dutch subsidiary of Clearway Holdings Inc., was fined", "Clearway", "Clearway Holdings Inc.")
    True
    >>> unit_of("Clearway Holdings Inc. (Clearway) was fined", "Clearway", "Clearway Holdings Inc.")
    False
    """
    return bool(re.search(rf"(?<![\w&]){re.escape(short)}(?![\w&]),\s+(?:the|a|an|la|le|l['’]|die|de|la|il|una?)?\s*"
                          rf"(?:[\w\-]+\s+){{0,3}}?{_UNIT}\s+(?:of|de|du|der|des|van|di|del|af|av|)\s*(?:the\s+)?"
                          rf"(?:[\w\-]+\s+){{0,2}}?{re.escape(longer)}", text))

# A name given a defined term in brackets, as decisions and releases do ("ING Bank Śląski (the Bank)",
# "X S.A. (hereinafter: the Company)", "Y sp. z o.o. („Spółka”)"): a firm. Templates: ``{name}`` a proper name.
DEFINED_TERMS: list[tuple[str, str, float]] = [
    (r"(?P<name>{name})\s*\((?:hereinafter\s*:?\s*|hereafter\s*:?\s*|dalej\s*:?\s*|ci-après\s*:?\s*|im\s+Folgenden\s*:?\s*)?"
     r"(?:the\s+|la\s+|le\s+|die\s+|der\s+|das\s+|de\s+|het\s+)?[\"„“«]?\s*(?:Bank|Company|Controller|Spółka|Bank|Société|"
     r"Gesellschaft|Unternehmen|Verantwortliche|Vennootschap|Sociedad|Società|Administrator|Administratorem)\s*[\"”»]?\)",
     "defined-term", 0.8),
]

_DEFINED = re.compile(r"[^\S\n]*\([^\S\n]*[\"“]?(?P<acronym>[A-ZÀ-ÞΑ-Ω][A-ZÀ-ÞΑ-Ω0-9&\-]{2,7})[\"”]?[^\S\n]*\)")


def merge_acronyms(finder: PartyFinder) -> None:
    """Every naming of an acronym defined right after a firm's name becomes that firm's (a firm
    found under the acronym alone is merged into it); countries, laws and regulators excepted."""
    text = finder.text
    for entry in [f for f in finder.found.values() if f.kind == "company"]:
        for _, end in list(entry.spans):
            defined = _DEFINED.match(text, end)
            if defined is None:
                continue
            acronym = defined.group("acronym")
            span = defined.span("acronym")
            if acronym == entry.name or not clean_name(acronym) or finder.country_only(acronym, span) or (
                    not finder.is_free(span)):
                continue
            other = finder.found.get(normalize_name(acronym))
            if other is not None and (other is entry or other.kind != "company" or other.roles or any(
                    other.name in (r.start_name, r.end_name) for r in finder.relations)):
                continue
            if other is not None:
                del finder.found[normalize_name(acronym)]
                for person in finder.found.values():
                    if person.office_of == other.name:
                        person.office_of = entry.name
            for match in re.finditer(rf"(?<![\w&\-]){re.escape(acronym)}(?![\w&\-])", text):
                taken = any(a < match.end() and match.start() < b for f in finder.found.values() if f is not entry
                            for a, b in f.spans)
                if finder.is_free(match.span()) and not taken and match.span() not in entry.spans:
                    entry.spans.append(match.span())
            entry.spans.sort()
