"""What an amount is when the words around it make it no fine: costs, damages or a refund a firm
must pay to others ("award"), traffic fines a city collects ("everyday"), a sum that a sentence
opens with ("total"), a settlement or a donation ("settlement"); and the words of an unbracketed
conversion."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.sanctions import EVERYDAY_FINE

__all__ = ["AWARD_AFTER", "CONVERSION_WORDS", "no_fine"]

# Costs, damages, compensation or a refund a firm must pay to others ("£10,000 in costs", "il rimborso
# di 2 milioni di euro ai clienti", "Schadensersatz von 5.000 Euro"): no sanction.
_AWARD = (r"(?:legal\s+|court\s+)?costs|damages|compensation|refunds?|restitution|\w*schadens?ersatz|schmerzensgeld|"
          r"entschädigung\w*|\w*kosten|risarciment\w+|rimbors\w+|indennizz\w+|spese(?:\s+legali|\s+processuali)?|"
          r"dommages(?:[-\s]et[-\s]intérêts)?|indemnit\w+|frais(?:\s+de\s+(?:justice|procédure))?|rembours\w+|"
          r"indemnizaci\w+|costas|reembols\w+|\w*schadevergoeding|proceskosten|terugbetal\w+|skadestånd\w*|"
          r"ersättning\w*|erstatning\w*|godtgørelse|odszkodowani\w+|zadośćuczynieni\w+")
_AWARD_BEFORE = re.compile(rf"(?i)(?<!\w)(?:{_AWARD})\s+(?:of|von|in\s+Höhe\s+von|di|pari\s+a|de|d['’]|des|van|på|om|"
                           r"w\s+wysokości)?\s*(?:about\s+|up\s+to\s+|some\s+)?$")
AWARD_AFTER = re.compile(r"(?i)^\s*(?:in|as|of|as\s+a)?\s*(?:legal\s+|court\s+)?(?:costs|damages|compensation|"
                          r"refunds?|legal\s+fees)\b")
# Traffic or parking fines told with the amount ("200 milioni di euro di multe stradali").
_EVERYDAY = EVERYDAY_FINE.pattern.removeprefix("(?i)")
# Only "of" and its kin between ("£2m of unpaid parking fines", "800 miljoen euro aan verkeersboetes"), not a cause
# ("fined X £50,000 over parking fines", "per multe stradali", "por multas de tráfico").
_EVERYDAY_AFTER = re.compile(rf"(?i)\s*(?:(?:of|in|di|de|d['’]|en|aan|an|i|på|w|z)\s*(?<=\s|['’])(?:[^\s\d]+\s+)?)?{_EVERYDAY}")
_EVERYDAY_BEFORE = re.compile(rf"(?i){_EVERYDAY}\W{{0,3}}(?:\S+\s+){{0,2}}?$")


# A settlement with others or a donation, tied to the amount with no sanction's noun between: before it in its
# clause ("nach einer Einigung mit Mietern 2 Millionen Euro", "a donation of £100,000") or just after it
# ("$725 million to settle a class action", "£100,000 charity donation", "500 millions d'euros pour clore
# l'enquête fiscale"); not "a $5 billion penalty to settle FTC charges" (a regulator's penalty).
_SETTLED = (r"settlements?|Einigung|(?<!im\s)Vergleich(?!s)|accordo\s+transattivo|acuerdo\s+extrajudicial|schikking|"
            r"förlikning|forlig|ugod\w+|donations?|Spende|dons?(?=\s+(?:de|d['’]))|donazione|donación|donatie|darowizn\w+")
_FINE_NOUN = (r"fines?|penalt\w+|sanction\w*|amende\w*|\w*bu(?:ß|ss)geld\w*|\w*geldbu(?:ß|ss)e\w*|\w*strafe\w*|sanzion\w+|"
              r"multa\w*|sanci[oó]n\w*|\w*boete\w*|kar[aęy]|\w*avgift\w*|bøde\w*|böter")
_SETTLED_BEFORE = re.compile(rf"(?i)(?<!\w)(?:{_SETTLED})(?!\w)(?:(?!{_FINE_NOUN})[^.;:!?\d€£$])" + "{0,50}$")
_FINE_NEXT = re.compile(rf"(?i)\s*(?:\S+\s+)?(?:{_FINE_NOUN})(?!\w)")  # "5 Millionen Euro Bußgeld", "$5bn civil penalty"
_SETTLED_AFTER = re.compile(
    rf"(?i)\s*(?:(?:in|as|as\s+a|of|als|en|di|de|d['’])\s*)?(?:\S+\s+)?(?:charity\s+|charitable\s+)?(?:{_SETTLED})(?!\w)|"
    r"\s*(?:\S+\s+){0,2}?(?:to\s+settle|pour\s+(?:clore|régler|solder)|per\s+chiudere|para\s+cerrar|um\s+\S+\s+beizulegen)\s+"
    r"(?:\S+\s+){0,3}?(?:class[\s-]action|lawsuits?|suits?|claims?|litigation|dispute|tax\w*|fisc\w+|litige|différend|"
    r"action\s+(?:collective|de\s+groupe)|Sammelklage|Rechtsstreit|contenzios\w+|litigio|demanda)")
# A sentence opened by a word of sum ("Sammanlagt har IMY utfärdat avgifter på 150 miljoner kronor sedan 2018",
# "In total, the CNIL has imposed fines of ..."): a running or career total when its clause tells several
# fines (a plural before the amount or just after it) or a span of time; else one decision's sum ("In total
# the ICO fined X £1.48m", "Insgesamt muss X ein Bußgeld von ... zahlen").
_OPENING_TOTAL = re.compile(r"(?i)(?:^|[.;!?]\s+|\n\s*)(?:sammanlagt|samanlagt|samlet|i\s+alt|totalt|insgesamt|"
                            r"in\s+total|altogether|all\s+told|au\s+total|in\s+totale|en\s+total|in\s+totaal|łącznie|"
                            r"yhteensä)\b,?[^.;!?\d€£$]{0,80}$")
_PLURAL = (r"(?<![\w\-])(?:fines|penalties|sanctions|\w*bu(?:ß|ss)gelder\w*|\w*geldbu(?:ß|ss)en|\w*strafen|sanzioni|multe|"
           r"amendes|sanciones|multas|\w*boetes|\w*avgifter\w*|\w*bøder\w*|\w*bøter\w*|\w*gebyrer\w*|kary|kar|grzywny|"
           r"sakot|sakkoja|seuraamusmaksut)(?!\w)")
_PLURAL_BEFORE = re.compile(rf"(?i){_PLURAL}")
_PLURAL_AFTER = re.compile(rf"(?i)^\s*(?:in|an|i|en|w|de|di|d['’]|aan)?\s*{_PLURAL}")
# One firm's dues ("Altogether X must pay £1.48m in fines"): the plural after the amount is that decision's parts.
_OWES = re.compile(r"(?i)\b(?:must|has\s+to|muss|skal|må|måste|deve|doit|debe|moet|musi)\b")
_SPAN = re.compile(r"(?i)\b(?:since|sedan|seit|siden|sinds|depuis|dal|dall['’]|desde|od\s+(?:roku\s+)?\d|(?:this|last)\s+year|"
                   r"(?:in|im|i|en|nel|w|dans)\s+(?:Jahr\s+|år\s+|året\s+|l['’]année\s+)?(?:19|20)\d\d|im\s+(?:vergangenen|letzten)|"
                   r"i\s+(?:år|fjol|fjor)|(?:sidste|seneste)\s+år|(?:dit|vorig)\s+jaar|over\s+the\s+(?:past|last)|so\s+far|"
                   r"bisher|hittills|hidtil|finora|hasta\s+ahora|jusqu['’]ici|tot\s+nu\s+toe|dotychczas)\b")

# An unbracketed conversion: "$5.4 million, equivalent to 58 million kronor", "soit environ".
CONVERSION_WORDS = re.compile(
    r"(?i)^\s*,?\s*(?:(?:the\s+)?equivalent\s+(?:to|of)|equal\s+to|(?:ou|soit)\s+(?:environ|près\s+de)|soit|"
    r"(?:umgerechnet|das\s+sind|rund)|pari\s+a|equivalent[ei]\s+a|(?:lo\s+que\s+)?equivale\s+a|omgerekend|"
    r"motsvarande|vilket\s+motsvarar|svarende\s+til|tilsvarende|"
    r"or\s+(?:about|around|roughly|some|approximately|nearly|almost))\s*"
    r"(?:about|around|roughly|some|approximately|c\.|ca\.|circa|etwa|rund|environ|ungefär|cirka|omkring)?\s*$|"
    # or only a word of approximation after a comma ("$50,000, roughly £40,000")
    r"^\s*,\s*(?:about|around|roughly|approximately|nearly|almost|etwa|environ|circa|cirka|ungefär|omkring|ongeveer|"
    r"aproximadamente|około)\s*$")


def no_fine(text: str, start: int, end: int) -> str | None:
    """The meaning of the amount at ``start:end`` when it is no fine by these words, else None.

    >>> t = "a judge ordered it to pay £10,000 in costs"
    >>> no_fine(t, t.index("£"), t.index(" in")), no_fine("fined £10,000 on Monday", 6, 13)
    ('award', None)
    >>> t = "incassa 200 milioni di euro di multe stradali"
    >>> no_fine(t, 8, 27)
    'everyday'
    >>> t = "Meta agreed to pay $725 million to settle a class action"
    >>> no_fine(t, 19, 31), no_fine("paid a $5 billion penalty to settle FTC charges", 7, 17)
    ('settlement', None)
    """
    before, after = text[max(0, start - 30) : start], text[end : end + 80]
    if _AWARD_BEFORE.search(before) or AWARD_AFTER.match(after):
        return "award"
    if (_SETTLED_BEFORE.search(text, max(0, start - 60), start) and not _FINE_NEXT.match(text, end, end + 40)) or (
            _SETTLED_AFTER.match(text, end, end + 80)):
        return "settlement"
    if _EVERYDAY_AFTER.match(text, end, end + 80) or _EVERYDAY_BEFORE.search(text, max(0, start - 80), start):
        return "everyday"
    opening = _OPENING_TOTAL.search(text, max(0, start - 100), start)
    if opening and (_PLURAL_BEFORE.search(opening.group()) or (
            _PLURAL_AFTER.match(after) and not _OWES.search(opening.group())) or _SPAN.search(
            opening.group() + re.split(r"[.;!?]\s", after, maxsplit=1)[0])):
        return "total"
    return None
