"""What an amount is when the words around it make it no fine: costs, damages or a refund a firm
must pay to others ("award"), traffic fines a city collects ("everyday"), a sum that a sentence
opens with ("total"); and the words of an unbracketed conversion."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.sanctions import EVERYDAY_FINE

__all__ = ["CONVERSION_WORDS", "no_fine"]

# Costs, damages, compensation or a refund a firm must pay to others ("£10,000 in costs", "il rimborso
# di 2 milioni di euro ai clienti", "Schadensersatz von 5.000 Euro"): no sanction.
_AWARD = (r"(?:legal\s+|court\s+)?costs|damages|compensation|refunds?|restitution|\w*schadens?ersatz|schmerzensgeld|"
          r"entschädigung\w*|\w*kosten|risarciment\w+|rimbors\w+|indennizz\w+|spese(?:\s+legali|\s+processuali)?|"
          r"dommages(?:[-\s]et[-\s]intérêts)?|indemnit\w+|frais(?:\s+de\s+(?:justice|procédure))?|rembours\w+|"
          r"indemnizaci\w+|costas|reembols\w+|\w*schadevergoeding|proceskosten|terugbetal\w+|skadestånd\w*|"
          r"ersättning\w*|erstatning\w*|godtgørelse|odszkodowani\w+|zadośćuczynieni\w+")
_AWARD_BEFORE = re.compile(rf"(?i)(?<!\w)(?:{_AWARD})\s+(?:of|von|in\s+Höhe\s+von|di|pari\s+a|de|d['’]|des|van|på|om|"
                           r"w\s+wysokości)?\s*(?:about\s+|up\s+to\s+|some\s+)?$")
_AWARD_AFTER = re.compile(r"(?i)^\s*(?:in|as|of|as\s+a)?\s*(?:legal\s+|court\s+)?(?:costs|damages|compensation|"
                          r"refunds?|legal\s+fees)\b")
# Traffic or parking fines told with the amount ("200 milioni di euro di multe stradali").
_EVERYDAY = EVERYDAY_FINE.pattern.removeprefix("(?i)")
_EVERYDAY_AFTER = re.compile(rf"(?i)\s*(?:\S+\s+){{0,2}}?{_EVERYDAY}")
_EVERYDAY_BEFORE = re.compile(rf"(?i){_EVERYDAY}\W{{0,3}}(?:\S+\s+){{0,2}}?$")


# A sentence opened by a word of sum ("Sammanlagt har IMY utfärdat avgifter på 150 miljoner kronor",
# "In total, the CNIL has imposed ..."): a running or career total.
_OPENING_TOTAL = re.compile(r"(?i)(?:^|[.;!?]\s+|\n\s*)(?:sammanlagt|samanlagt|samlet|i\s+alt|totalt|insgesamt|"
                            r"in\s+total|altogether|all\s+told|au\s+total|in\s+totale|en\s+total|in\s+totaal|łącznie|"
                            r"yhteensä)\b,?[^.;!?\d€£$]{0,80}$")

# An unbracketed conversion: "$5.4 million, equivalent to 58 million kronor", "soit environ".
CONVERSION_WORDS = re.compile(
    r"(?i)^\s*,?\s*(?:(?:the\s+)?equivalent\s+(?:to|of)|equal\s+to|(?:ou|soit)\s+(?:environ|près\s+de)|soit|"
    r"(?:umgerechnet|das\s+sind|rund)|pari\s+a|equivalent[ei]\s+a|(?:lo\s+que\s+)?equivale\s+a|omgerekend|"
    r"motsvarande|vilket\s+motsvarar|svarende\s+til|tilsvarende|"
    r"or\s+(?:about|around|roughly|some|approximately|nearly|almost))\s*"
    r"(?:about|around|roughly|some|approximately|c\.|ca\.|circa|etwa|rund|environ|ungefär|cirka|omkring)?\s*$")


def no_fine(text: str, start: int, end: int) -> str | None:
    """The meaning of the amount at ``start:end`` when it is no fine by these words, else None.

    >>> t = "a judge ordered it to pay £10,000 in costs"
    >>> no_fine(t, t.index("£"), t.index(" in")), no_fine("fined £10,000 on Monday", 6, 13)
    ('award', None)
    >>> t = "incassa 200 milioni di euro di multe stradali"
    >>> no_fine(t, 8, 27)
    'everyday'
    """
    before, after = text[max(0, start - 30) : start], text[end : end + 80]
    if _AWARD_BEFORE.search(before) or _AWARD_AFTER.match(after):
        return "award"
    if _EVERYDAY_AFTER.match(text, end, end + 80) or _EVERYDAY_BEFORE.search(text, max(0, start - 80), start):
        return "everyday"
    if _OPENING_TOTAL.search(text, max(0, start - 100), start):
        return "total"
    return None
