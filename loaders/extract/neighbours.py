"""Neighbouring languages whose authorities share a name ("Datatilsynet" in Norway and
Denmark, "ÚOOÚ" in Czechia and Slovakia), told apart by words or letters only one of them
uses."""

from __future__ import annotations

import re

__all__ = ["neighbour_country"]

# (country, what only its language writes) per pair of neighbours.
_PAIRS = (
    (("NO", r"(?i)\b(?:av|etter|hadde|fikk|ilagt|ilegger|ilegge|overtredelsesgebyr\w*|gebyret)\b"),
     ("DK", r"(?i)\b(?:af|efter|havde|fik|bøde\w*|indstillet|politianmeldt\w*)\b")),
    # Czech letters ř, ů, ě and words against Slovak ä, ô, ľ, ĺ, ŕ and words
    (("CZ", r"[řůěŘŮĚ]|(?i:\b(?:společn\w*|korun\w*|Kč|pro|jako|také|podle|který|která|které)\b)"),
     ("SK", r"[äôľĺŕÄÔĽĹŔ]|(?i:\b(?:spoločn\w*|pre|ako|tiež|ktor\w+|eur)\b)")),
)


def neighbour_country(text: str, countries: set[str]) -> str | None:
    """The country of ``countries`` whose language the text is written in, where two of them
    are neighbours told apart here; None when the text does not tell.

    >>> neighbour_country("Úrad uložil pokutu za porušenie ochrany osobných údajov. Hnutie OĽANO sa odvolalo.",
    ...                   {"CZ", "SK"})
    'SK'
    >>> neighbour_country("Úřad pro ochranu osobních údajů uložil pokutu.", {"CZ", "SK"})
    'CZ'
    >>> neighbour_country("ÚOOÚ uložil společnosti Brodec s.r.o. pokutu 2 miliony korun.", {"CZ", "SK"})
    'CZ'
    >>> neighbour_country("The office fined the firm.", {"CZ", "SK"}) is None
    True
    """
    for (one, one_words), (other, other_words) in _PAIRS:
        if {one, other} & countries:
            first, second = len(re.findall(one_words, text)), len(re.findall(other_words, text))
            if first != second:
                return one if first > second else other
    return None
