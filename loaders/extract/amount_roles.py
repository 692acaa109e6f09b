"""What an amount stands for by the words around it: a fine's amount, a periodic penalty
("€100,000 per day"), an amount per unit ("£100 for each call", "300 euros par abonné"), a
ceiling or a range end ("up to", "tot", "between £1m and £1.5m"), a turnover or a total."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.language import romance
from enforcegraph.loaders.extract.meanings import no_fine

__all__ = ["TOTAL_BEFORE", "TOTAL_PLURAL", "role_of"]

_CEILING_BEFORE = re.compile(r"(?i)(?<!\w)(?:up\s+to|(?:could|can|may|might)\s+(?:reach|rise\s+to|climb\s+to|run\s+to)|"
                             r"(?:kan|kon|zou\s+kunnen)\s+oplopen\s+tot|(?:peut|pourrait|pourra)\s+(?:atteindre|s['’]élever\s+à)|maximum\s+(?:\w+\s+)?(?:fine|penalty|sanction)\s+(?:is|was|would\s+be|could\s+be)|maximum\s+(?:of|van|von|de|di)|Höchstbetrag\s+von|plafonnée?\s+à|as\s+much\s+as|capped\s+at|ceiling\s+of|or|bis\s+zu|"
                             r"högst|höchstens|maximal|maksymalnie|ten\s+hoogste|at\s+most|no\s+more\s+than|not\s+(?:more\s+than|exceeding)|"
                             r"højst|høyst|maksimalt|maximaal|legfeljebb|enintään|nejvýše|hæst\s+má\s+\w+\s+á|"
                             r"(?:montante|importe|valor|importo)\s+m[áa]ssimo\s+(?:de|di)|(?:montante|importe|valor)\s+máximo\s+de|"
                             r"até(?:\s+ao?)?(?:\s+(?:montante|valor)\s+máximo\s+de)?|hasta\s+un\s+máximo\s+de|"
                             r"jusqu['’]à|fino\s+a|hasta|opp\s+til|upp\s+till|op\s+til)\s*$")
# A firm's turnover or revenue ("un chiffre d'affaires de 1,2 milliard €", "Umsatz von 3 Mrd. €"): no sanction.
# In the amount's clause: not "fines of up to 4% of turnover, and the CNIL fined Google €50 million".
_TURNOVER_BEFORE = re.compile(r"(?i)\b(?:chiffre\s+d['’]affaires|\w*umsatz\w*|fatturato|turnover|revenues?|sales|"
                              r"facturaci[oó]n|omzet|omsättning|omsetning|omsætning)\b(?:[^.;,€£$\d]|,(?!\s))"
                              r"{0,30}$")
# "... whichever is higher"; "100 tys. zł to maksymalna kara", "is the maximum", "ist der Höchstbetrag"
_CEILING_AFTER = re.compile(r"(?i)^[^.;]{0,40}whichever\s+is\s+(?:higher|greater)|^\s*(?:to|is|was|ist|war|est|è|es|er|"
                            r"är|on|is\s+het|jest)\s+(?:the\s+|der\s+|das\s+|die\s+|le\s+|la\s+|il\s+|el\s+|het\s+)?"
                            r"(?:maximum|maksymaln\w+|maximal\w*|Höchst\w+|massim\w+|máxim\w+|maksim\w+)")
_PERIODIC = re.compile(
    r"(?i)^\s*(?:\)\s*)?(?:\([^()]{0,40}\)\s*)?(?P<by>per|a|each|for\s+each|for\s+every|every|par|pro|al|per\s+ogni|per|voor\s+elke|por)\s+"
    r"(?:(?:two|2)\s+)?(?P<unit>day|week|month|jour|Tag|giorno|dag|día)")
# "a week ago", "a day after the boss resigned", "a month later": when, not how often.
_NOT_A_RATE = re.compile(r"(?i)s?\s+(?:ago|after|before|later|earlier|since|prior|previously|beforehand|on(?!\w)|into|"
                         r"in\s+advance|or\s+(?:so|two))")
# An amount per unit that is no time ("£100 for each call", "$50,000 per violation", "300 euros par abonné",
# "500 Euro pro betroffenem Mieter", "por cada repartidor", "per ogni rider", "100 euro per klant", "50 zł za
# każdego klienta"): the fine's total is not told. Words of time or rate ("per cent", "per year") are no unit.
_NO_UNIT = (r"(?:the|a|an|its|their|his|her|cent|centum|annum|year|hour|day|week|month|quarter|share|direct|omgaande|"
            r"ommegaande|heden|la|le|les|l['’]|un|une|des|du|décision|délibération|arrêt|jugement|ordonnance|voie|"
            r"ailleurs|exemple|conséquent|rapport|an|année|mois|semaine|heure|jour|Jahr|Monat|Woche|Stunde|Tag|"
            r"jaar|maand|week|uur|dag|år|månad|vecka|dygn|rata|bono|forma)(?!\w)")
_UNIT_AFTER = re.compile(
    rf"(?i)\s*(?:\)\s*)?(?:for\s+(?:each|every)|pour\s+chaque|à\s+chaque|für\s+jede[nmrs]?|je\s+(?:betroffene[nmrs]?\s+)?[A-ZÄÖÜ]|"
    rf"por\s+cada|per\s+(?:ogni|ciascun[oa]?)|a\s+(?:persona|testa)\b|voor\s+(?:elke|ieder[e]?)|för\s+varje|"
    rf"za\s+każd\w+|od\s+każd\w+|za\s+každ\w+|"
    rf"(?:pro|par|per)\s+(?!{_NO_UNIT})(?=[^\W\d_]))")
# "voor elke twee weken", "for every day of delay": a time, the periodic penalty's.
_TIME = re.compile(r"(?i)\s*(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?|jours?|semaines?|mois|ans?|années?|"
                   r"Tag(?:e|en)?|Wochen?|Monat(?:e|en)?|Jahr(?:e|en)?|Stunden?|giorn[oi]|settiman[ae]|mes[ei]|ann[oi]|"
                   r"or[ae]|dag(?:en)?|weken|maand(?:en)?|jaar|uur|días?|semanas?|mes(?:es)?|años?|horas?|dzień|dni|"
                   r"tydzień|tygodni\w*|miesiąc\w*|vecka|veckor|månad(?:er)?|år|timmar?)(?!\w)")


def per_unit(text: str, end: int) -> bool:
    """Whether the amount ending at ``end`` is told per unit that is no time ("for each call").

    >>> per_unit("£100 for each call", 4), per_unit("5.000 euro per violazione del codice", 10)
    (True, False)
    >>> per_unit("50.000 euro voor elke twee weken", 11), per_unit("130.000€ per infringir la normativa", 8)
    (False, False)
    """
    found = _UNIT_AFTER.match(text, end, end + 60)
    if found is None or _TIME.match(text, found.end()):
        return False
    said = found.group().strip().lower()
    if said.startswith("per") and "ogni" not in said and "ciascun" not in said:
        clause = text[max(0, end - 150) : end + 60]
        return not romance(clause)  # "per" before a noun or an infinitive in a Romance clause tells a cause
    return True


# The fine's noun with "tot" / "do" / "bis" before the amount: a ceiling ("een boete tot 290 miljoen euro",
# "karę do 2,8 mln zł", "Bußgeld bis 10.000 Euro"), unless a verb changes the fine to it ("verlaagde de boete
# tot", "obniżył karę do").
_CEILING_NOUN = re.compile(r"(?i)\b(?:boetes?|geldboetes?|dwangsom|sanctie|kar[aęy]|grzywn[aęy]|Bu(?:ß|ss)geld(?:er)?|"
                           r"Geldbu(?:ß|ss)en?|Strafen?)\s+(?:van\s+|von\s+|w\s+wysokości\s+)?(?:tot|do|bis)\s*$")
_CHANGED = re.compile(r"(?i)\b(?:verlaag|verhoog|verminder|bijgesteld|bijstel|teruggebracht|terugbreng|opgehoogd|matig|"
                      r"obniż|zmniejsz|podwyższ|zwiększ|podni|zredukow|ogranicz|herabgesetzt|herabsetz|reduzier|erhöh|"
                      r"gesenkt|senkt|ermäßig)\w*")


def ceiling_noun(text: str, start: int, end: int) -> bool:
    """A ceiling told by the fine's noun and "tot" / "do" / "bis" (no verb changing the fine to it)."""
    if not _CEILING_NOUN.search(text, max(0, start - 40), start):
        return False
    clause = re.split(r"[.;]\s", text[max(0, start - 60) : end + 40])
    return not any(_CHANGED.search(part) for part in clause if text[start:end] in part)


# A range: "between £1 million and £1.5 million", "entre 30 et 40 millions d'euros", "zwischen 1 und 2 Mio.
# Euro", "tussen 1 en 2 miljoen": neither end is the fine.
_RANGE_WORD = r"\b(?:between|entre|zwischen|tra|tussen|mellan|między|pomiędzy)"
_RANGE_LOW = re.compile(rf"(?i){_RANGE_WORD}\s*$")
_RANGE_HIGH_AFTER = re.compile(r"(?i)^(?:\s?[^\s\d]{1,12}){0,2}?\s+(?:and|et|und|e|y|en|och|a|i|oraz)\s+(?:[€£$]|[A-Z]{3}\s?)?\d")
_RANGE_HIGH = re.compile(rf"(?i){_RANGE_WORD}\s+(?:[€£$]|[A-Z]{{3}}\s?)?\d[\d.,'\u00a0\u202f]*(?:\s?[^\s\d]{{1,12}}){{0,2}}?"
                         r"\s+(?:and|et|und|e|y|en|och|a|i|oraz)\s*$")
_PER_UNIT = {"jour": "day", "tag": "day", "giorno": "day", "dag": "day", "día": "day"}


# A sum of several fines ("fines totalling", "zwei Geldbußen von zusammen", "per complessivi"),
# never the amount of one decision.
TOTAL_BEFORE = re.compile(
    r"(?i)\b(?:insgesamt|zusammen|gesamt|in\s+total|a\s+total\s+of|totall?ing|totall?ed|combined(?:\s+(?:fines?|penalt(?:y|ies)))?|"
    r"complessiv[io]|in\s+totale|per\s+un\s+totale\s+di|au\s+total|en\s+total|total\s+de|totaal|samen(?:\s+goed\s+voor)?|"
    r"in\s+Höhe\s+von\s+insgesamt|(?:mit\s+)?(?:einer|der)\s+Gesamt(?:summe|höhe|betrag)|Gesamtsumme|cumul\w*|ukupn\w+(?:\s+iznos\w*)?|"
    r"yhteensä|samanlagt|sammanlagt|sammanlagda|samlet|samlede|totalt|i\s+alt)\s*(?:von|of|di|de|d['’]|van|per|über|"
    r"in\s+Höhe\s+von|od|på)?\s*(?:rund|etwa|knapp|fast|über|ca\.)?\s*$")
# ... unless one fine is imposed on several addressees jointly ("gezamenlijk ... in totaal").
_JOINT = re.compile(r"(?i)\b(?:jointly|gezamenlijk|gemeinsam|congiuntamente|solidairement|conjuntamente)\b")
TOTAL_PLURAL = re.compile(
    r"(?i)\b(?:fines|penalties|Bußgelder|Geldbußen|sanzioni|multe|amendes|boetes|multas|sanciones)\s+"
    r"(?:[a-zäöüß]+\s+){0,2}?(?:of|von|in\s+Höhe\s+von|per|de|di|van|über)\s*$")
# A running total: "taking the penalties it has imposed on the company to €910 million"; the
# fines "taken together" or "all told" ("taken together, the fines come to £3m").
_RUNNING_TOTAL = re.compile(r"(?i)\b(?:taking|bringing|takes|brings|took|brought|raising|raises)\s+"
                            r"(?:the\s+)?(?:total|tally|sum|fines|penalties|sanctions)\b[^.;]{0,70}\bto\s*$|"
                            r"(?:\b(?:taken\s+together|all\s+told|zusammengenommen|alles\s+bij\s+elkaar|"
                            r"pris(?:es)?\s+ensemble|nel\s+complesso|en\s+conjunto|sammantaget)|"
                            # the everyday words ("together with its arm") only as a clause's opening word
                            r"(?:^|[.;:]\s*|\n\s*)(?:together|combined|in\s+all|ensemble|insieme|samen|juntas|tillsammans)\s*,)"
                            r"[^.;\d€£$]{0,50}?\b(?:amount\w*\s+to|"
                            r"come\s+to|add\s+up\s+to|total\w*|s['’]élèvent\s+à|belaufen\s+sich\s+(?:\w+\s+){0,3}?auf|ammontano\s+a|"
                            r"bedragen|ascienden\s+a|uppgår\s+till)\s*$")
# ... unless the plural lists one figure per firm: "fines of 69 million for X and 31 million for Y".
_LISTED_AFTER = re.compile(r"(?i)^\s*(?:for|to|on|against|à|au|a|an|für|gegen|per|voor|aan|til|för|mot)\s+"
                           r"[^.;\d€£$]{1,60}?(?:,|\band\b|\bet\b|\bund\b|\be\b|\by\b|\ben\b|\bog\b|\boch\b)\s*"
                           r"(?:(?:a|an|one|of)\s+)?(?:[€£$]|\d)")
_TOTAL_AFTER = re.compile(r"(?i)\s*(?:in\s+total|insgesamt|in\s+totale|au\s+total|en\s+total|altogether)\b")


def role_of(text: str, start: int, end: int) -> tuple[str, str | None, bool]:
    """The meaning of the amount at ``start:end`` (amount, periodic, unit, ceiling, range,
    turnover, total, award, everyday), its period, and whether a total is a running sum.

    >>> t = "fined £250,000 a week ago; £100 for each call; between £1m and £1.5m"
    >>> [role_of(t, a, b)[0] for a, b in [(6, 14), (27, 31), (55, 58), (63, 68)]]
    ['amount', 'unit', 'range', 'range']
    """
    before, after = text[max(0, start - 30) : start], text[end : end + 80]
    if (periodic := _PERIODIC.match(after)) and not (
            periodic.group("by").lower() == "a" and _NOT_A_RATE.match(after, periodic.end())):
        unit = periodic.group("unit").lower()
        return "periodic", _PER_UNIT.get(unit, unit), False
    if per_unit(text, end):
        return "unit", None, False
    if _CEILING_BEFORE.search(before) or _CEILING_AFTER.match(after) or ceiling_noun(text, start, end):
        return "ceiling", None, False
    if (_RANGE_LOW.search(before) and _RANGE_HIGH_AFTER.match(after)) or _RANGE_HIGH.search(text, max(0, start - 60), start):
        return "range", None, False
    if _TURNOVER_BEFORE.search(text[max(0, start - 60) : start]):
        return "turnover", None, False
    running = bool(_RUNNING_TOTAL.search(text[max(0, start - 90) : start]))
    if (TOTAL_BEFORE.search(before) or (TOTAL_PLURAL.search(before) and not _LISTED_AFTER.match(after))
            or _TOTAL_AFTER.match(after) or running) and not _JOINT.search(text[max(0, start - 80) : start]):
        return "total", None, running
    if meaning := no_fine(text, start, end):  # costs, traffic fines, "Sammanlagt ..."
        return meaning, None, meaning == "total"
    return "amount", None, False
