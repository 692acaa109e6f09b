"""The language a text is written in, told by its commonest short words: where the language
names one country's authority, Dutch (the Netherlands' "AP") or Portuguese (Portugal's "CNPD");
and whether a clause reads Romance or Germanic (what "per" means in it)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["language_country", "romance"]

# Words frequent in one language and rare in the others compared here.
_WORDS = {
    "NL": r"het|een|niet|wordt|werd|heeft|zijn|naar|bij|ook|deze|dat|voor",
    # Portuguese-only words: "à" is French too, "dos"/"das" Spanish and German, "com" ends ".com"
    "PT": r"não|uma|foi|pela|pelo|pelos|pelas|são|também|às|ao|aos|nas|num|numa|foram|então|"
          r"coimas?|dados|pessoais|tratamento|proteção|titulares",
    "ES": r"el|los|una|por|para|fue|según|del|las|como|también|ha",
    "DE": r"der|die|und|nicht|wird|ist|eine|den|dem|auch|mit|hat",
    "FR": r"le|la|les|des|du|et|une|est|pour|dans|aux|sur|pas|été|avec|qui|l['’]\w+|d['’]\w+",
    "IT": r"il|gli|una|per|nel|della|che|sono|anche|dal|alla|è",
    "EN": r"the|and|of|was|with|has|that|which|for|its|from|by",
}
_PATTERNS = {code: re.compile(rf"(?i)(?<!\w)(?:{words})(?!\w)") for code, words in _WORDS.items()}
# Short words of the Romance languages against those of the Germanic ones, for a clause.
_ROMANCE = re.compile(r"(?i)(?<!\w)(?:il|gli|della|del|nel|che|sono|una|di|ha|alla|dal|è|dei|la|el|els|les|dels|amb|que|"
                      r"pel|le|des|du|et|con|los|las|y|e|da|al)(?!\w)")
_GERMANIC = re.compile(r"(?i)(?<!\w)(?:the|and|of|was|with|has|for|its|from|by|het|een|van|heeft|is|voor|op|aan|werd|"
                       r"wordt|zijn|und|der|die|das|ist|hat|den|och|för|har|som|ett)(?!\w)")
# The languages whose text names one country's authority by an ambiguous name.
_ONE_COUNTRY = frozenset(["NL", "PT"])
# Fewer words than this: a short notice or headline-and-lead, told by fewer words.
_SHORT = 120


@lru_cache(maxsize=32)  # asked again for the same text by each "now" rule of a story
def language_country(text: str) -> str | None:
    """NL or PT for a text clearly written in Dutch or Portuguese (its words at least twice as
    frequent as the next language's, and at least ten of them, or in a short text at least two
    and none of another language's); None otherwise.

    >>> language_country("De AP heeft een boete opgelegd aan het bedrijf, dat niet op tijd "
    ...                  "heeft gemeld dat er een lek was. Het bedrijf is het er niet mee eens.")
    'NL'
    >>> language_country("The AP reported that the regulator has fined the firm.") is None
    True
    >>> language_country("De AP heeft Jansen BV een boete opgelegd.")
    'NL'
    """
    counts = sorted(((len(p.findall(text)), code) for code, p in _PATTERNS.items()), reverse=True)
    (first, code), (second, _) = counts[0], counts[1]
    short = len(text.split()) < _SHORT  # a short text: a few of its words and none of another language's
    if code in _ONE_COUNTRY and first >= 2 * second and (first >= 10 or (short and first >= 2 and second == 0)):
        return code
    return None


def romance(clause: str) -> bool:
    """Whether a clause's short words are more Romance (Italian, Spanish, Catalan, French,
    Portuguese) than Germanic (English, Dutch, German, Swedish).

    >>> romance("5.000 euro per violazione del codice della privacy"), romance("£100 per call to the firm")
    (True, False)
    """
    return len(_ROMANCE.findall(clause)) > len(_GERMANIC.findall(clause))
