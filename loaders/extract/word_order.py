"""The fined party where word order or inflection puts it apart from the sanction's verb:
a verb-final payment ("Die X muss wegen ... ein Bußgeld von ... zahlen"), a descriptor
before the object ("heeft kredietbeoordelaar X een boete opgelegd"), Danish "bøde til X" and
"meldt X til politiet", a Croatian dative, a Czech "pokutu společnosti X" and "Společnost X
dostala pokutu", English "hit X with a fine", one initial before a spelled-out Polish legal form
("E. Spółka z o.o."), a Polish accusative read back to the nominative, a sentence's subject taken up by "the company"
in the next one ("X runs ... The company was fined"); and a fine named again by a demonstrative.
Patterns are templates like ``roles.EVENT_TARGETS``: ``{name}`` a proper name, ``{skip}``
descriptor words."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.sanctions import ROMANCE_HEADLINE_NOUN, VERB_FINAL_FINE_NOUN

__all__ = ["WORD_ORDER_TARGETS", "nominative"]

# Any character of a clause (a dot only inside a figure: "900.000 Euro").
_CLAUSE = r"(?:[^.;:!?\n]|\.(?=\d))"

# The auxiliaries of a payment that puts the verb last: "muss ... zahlen", "moet ... betalen".
_MUST = r"(?:muss|musste|müssen|mussten|moet|moest|moeten|moesten)"
_PAY = r"(?:zahlen|bezahlen|begleichen|betalen|terugbetalen)"
# "muss ... ein Bußgeld von 900.000 Euro zahlen": the auxiliary, the money noun, the verb last.
_PAYS = (_MUST + r"\s+(?:" + _CLAUSE + r"{0,80}?\s+)?(?:ein\s+|eine\s+|een\s+|das\s+|die\s+|de\s+)?(?:[\w\-]+\s+){0,2}?"
         + VERB_FINAL_FINE_NOUN + r"\b" + _CLAUSE + r"{0,60}?\s" + _PAY + r"\b")
# "the company", "la société", "das Unternehmen" ... and the sanction it takes up as its subject.
_ANAPHOR = (r"(?i:the|la|le|das|die|der|het|de|el|il|l['’])\s*(?:company|firm|société|entreprise|Unternehmen|Konzern|Firma|"
            r"Gesellschaft|entidad|empresa|compañía|bedrijf|onderneming|società|azienda)")
_SANCTIONED = (r"(?:was|has\s+been|had\s+been|is)\s+(?:\w+\s+)?(?:fined|sanctioned|penali[sz]ed|reprimanded)|a\s+été\s+"
               r"(?:sanctionnée?|condamnée?)|ha\s+sido\s+(?:multad|sancionad)[oa]|è\s+stat[oa]\s+(?:sanzionat|multat)[oa]|"
               r"krijgt\s+[^.!?\n]{0,60}?boete|muss\s+[^.!?\n]{0,60}?(?:Bußgeld|Geldbuße)|wurde\s+[^.!?\n]{0,60}?"
               r"(?:Bußgeld|Geldbuße)|(?:must|will\s+have\s+to)\s+pay")
# Currency codes: never the end of a name listed before its fine ("and Google EUR 150 million": Google).
_CODES = ("EUR", "GBP", "USD", "SEK", "NOK", "DKK", "PLN", "CHF")
_CODE = "(?:" + "|".join(_CODES) + ")"
_NOT_A_CODE = "".join(rf"(?<!\s{code})" for code in _CODES)
# Polish company forms spelled out after one initial: "E. Spółka z o.o.", "K. spółka akcyjna".
# ... or abbreviated: "T. Sp. z o.o.", "T. sp. z o.o."
_SPELLED_PL = (r"(?:[Ss]półk[aęi]\s+(?:z\s+o\.\s?o\.|akcyjn[aą]|jawn[aą]|komandytow[aą])|[Ss]p\.\s?z\s?o\.\s?o\."
               r"(?:\s+[Ss]p\.\s?[kj]\.)?)")  # ... and a limited partnership of one ("D. sp. z o.o. sp. k.")

WORD_ORDER_TARGETS: list[tuple[str, str, float]] = [
    # German, Dutch: "Die Hannoversche Volksbank muss wegen eines Verstoßes ein Bußgeld von 900.000 Euro zahlen":
    # two words at least after an article ("Das Unternehmen muss" is an anaphor, not a name)
    (r"\b(?:Die|Der|Das|De|Het)\s+(?P<name>[A-ZÄÖÜ][\w\-]*\s+{name})\s+" + _PAYS, "payer", 0.75),
    # Dutch: "heeft kredietbeoordelaar X een boete opgelegd" (a descriptor before the object)
    (r"\bheeft\s+(?:de\s+|het\s+)?{skip}(?P<name>{name})\s+een\s+(?:\w+\s+)?\w*boetes?\b", "patient", 0.75),
    # Danish, Norwegian: "indstiller til bøde på 15 millioner til X"; "har meldt X til politiet"
    (r"\bbøde\w*\s+(?:på\s+[^.;:\n]{0,40}?\s+)?til\s+{skip}(?P<name>{name})", "patient", 0.75),
    (r"\b(?:meldt|melder|meldte|anmeldt|anmelder|anmeldte)\s+(?P<name>{name})\s+til\s+politiet\b", "patient", 0.75),
    # Croatian, Serbian, Slovene: a fine "imposed on" a dative with its descriptor ("izrečena agenciji za naplatu
    # potraživanja X"); Czech, Slovak: "uložil pokutu společnosti X"
    (r"\b(?:izrečen\w*|izrekl\w*|izrekao|izriče|izrekla)\s+{skip}(?P<name>{name})", "patient", 0.75),
    (r"\b(?:uložil\w*|udělil\w*|uloženou|uložená)\s+(?:\w+\s+){0,3}?pokut\w*\s+(?:[\w,.]+\s+){0,6}?"
     r"(?:společnosti|spoločnosti|firmě|firme)\s+(?P<name>{name})", "patient", 0.75),
    (r"\b(?:uložil\w*|udělil\w*)\s+(?:společnosti|spoločnosti|firmě|firme)\s+(?P<name>{name})", "patient", 0.75),
    # Czech, Slovak recipient: "Společnost X dostala pokutu", "Firma X obdržela pokutu"
    (r"\b(?:[Ss]polečnost|[Ss]poločnosť|[Ff]irma)\s+(?P<name>{name})\s+(?:dostal\w*|obdržal\w*|obdržel\w*)\s+"
     r"(?:\w+\s+){0,2}?pokut\w*", "payer", 0.75),
    # Romanian: "a amendat societatea X", "a sancționat compania X"
    (r"\b(?:amendat|sancționat|sanctionat|sancţionat)\s+(?:societatea\s+|compania\s+|operatorul\s+|firma\s+)?"
     r"(?P<name>{name})", "patient", 0.75),
    # English active: "hit Meta with a record fine", "slapped X with a £5m penalty", "handed X a fine",
    # "issued X with a monetary penalty notice"
    (r"\b(?:hit|hits|slapped|slaps|handed|hands|issued|issues|served)\s+{skip}(?P<name>{name})\s+(?:with\s+)?(?:a|an)\s+"
     r"(?:[\w£€$.,\-]+\s+){0,4}?(?:fine|penalty|reprimand|sanction)\b", "patient", 0.75),
    # French "X écope d'une amende", Italian "X incassa una multa": the recipient
    (r"(?P<name>{name})\s+(?:écope|écopé|a\s+écopé|incassa|ha\s+incassato|si\s+becca)\s+(?:d['’]une?|una?|di\s+una?)\s+"
     r"(?:[\w\-]+\s+)?(?:amende|sanction|multa|sanzione)\b", "payer", 0.75),
    # Romance headlines: "Multa da 2 milioni di euro per X", "amende de 2 millions d'euros pour X"
    (r"\b" + ROMANCE_HEADLINE_NOUN + r"\s+(?:da|de|di)\s+" + _CLAUSE + r"{1,40}?\s+(?:per|pour|para)\s+"
     r"(?:la\s+|il\s+|le\s+|l['’]|el\s+|a\s+|o\s+)?(?P<name>{name})", "patient", 0.75),
    # English: "ordered X to pay a fine", "told X to pay"
    (r"\b(?:ordered|orders|told|tells|required|requires)\s+{skip}(?P<name>{name})\s+to\s+pay\b", "patient", 0.75),
    # the second of two fines listed in a row: "fined A €3 million and B C €1.5 million", "A (2 millions) et B C (500 000)";
    # two words at least ("and Google EUR 150 million" may be a group whose units are named apart: left to several.py)
    (r"(?:\d|\b(?:million|millions|millones|milioni|Millionen|Mio\.|miljoen|miljoner|millioner|bn|billion|m|euros?|EUR|GBP|USD|"
     r"kroner|kronor|zł|PLN))\)?\s*(?:,|and|et|und|y|e|en|och|og|i|oraz)\s+(?P<name>\S+\s+{name})" + _NOT_A_CODE + r"\s+\(?"
     r"(?=[€£$]|" + _CODE + r"\b|\d[\d.,\s]*\s?(?:million|millions|millones|milioni|Millionen|Mio|miljoen|bn|billion|m\b|"
     r"euros?|zł|kroner|kronor|[€£]|" + _CODE + r"\b))", "listed-after", 0.7),
    # anaphora: a sentence's subject taken up by "the company" as the subject of the sanction in the next one
    # ("X runs a video platform. On Friday the company was fined"; "X édite des jeux. La société a été sanctionnée")
    (r"(?:^|(?<=[.!?])\s+)(?P<name>{name})\s+[a-zà-ÿ][^.!?\n]{2,200}[.!?][^\S\n]+(?:[^.!?\n]{0,40}?\s)?" + _ANAPHOR
     + r"\s+(?:[^.!?\n]{0,40}?\s)?(?:" + _SANCTIONED + ")", "anaphor", 0.7),
    # Polish anonymised decisions: one initial before a spelled-out form ("na E. Spółka z o.o.")
    (r"(?<![\w.])(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ]\.\s+" + _SPELLED_PL + r")", "legal-form", 0.85),
]


def nominative(name: str) -> str:
    """A Polish name read in the accusative after "na", in the nominative: a capitalised
    word's feminine ending -ę or -ą becomes -a (the length stays, so does the span).

    >>> nominative("Pocztę Polską"), nominative("Orange Polska")
    ('Poczta Polska', 'Orange Polska')
    """
    return re.sub(r"\b([A-ZĄĆĘŁŃÓŚŹŻ]\w+)[ęą]\b", r"\1a", name)
