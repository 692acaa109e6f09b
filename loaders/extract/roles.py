"""Where a report names a firm: by its legal form, a descriptor or an apposition, and by
its role in the sanction event, in the languages of the reports: the patient of an active
verb ("legt X een boete op", "nałożył na X karę", "sanktionsavgift mot X") or the subject of
a passive one ("X has been fined", "X è stata multata", "X a été sanctionnée"). Event
patterns are templates whose ``{name}`` is a proper name and ``{skip}`` a few descriptor
words; ``firm_patterns`` fills them in."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.aliases import DEFINED_TERMS
from enforcegraph.loaders.extract.bodies import MORE_PUBLIC_BODIES
from enforcegraph.loaders.extract.names import (
    CLAUSE,
    COMPANY_NOUN,
    CURRENCY_CODE,
    LEGAL_FORM,
    LONG_NAME,
    NAME,
    PRODUCT_NOUN,
)
from enforcegraph.loaders.extract.sanctions import ROLE_NOUN
from enforcegraph.loaders.extract.ties import TIE_TARGETS
from enforcegraph.loaders.extract.word_order import WORD_ORDER_TARGETS

__all__ = ["AMPERSAND", "EVENT_TARGETS", "PASSIVE_EVENT", "PUBLIC_BODY", "WITH_LEGAL_FORM", "firm_patterns"]

# Public bodies named by their kind: "al Comune di Trento", "de gemeente Enschede", "the
# Ministry of Health", "the Cabinet Office" (a regulator's own name is blocked before).
PUBLIC_BODY = (r"\b(?P<name>(?:[Cc]omune|Municipality|City|Ministry|[Mm]inistero|[Mm]inisterio|[Mm]inistère|[Mm]inisterie|"
               r"[Mm]inist[eé]rio|Department|Gemeinde|Stadt|[Aa]yuntamiento|[Cc]âmara\s+[Mm]unicipal|Commune)\s+"
               r"(?:di|of|de|del|van|for|der|des|du|da|do)"  # "il comune di Lonato": Romance writes them in lower case
               r"\s+{name}|(?:[Rr]egione|[Pp]rovincia|Comunidad|Generalitat|Landkreis|Kommune|Région)\s+{name}|"
               r"(?:(?:Østre|Vestre|Nordre|Søndre|Øvre|Nedre|Indre|Ytre|Store|Lille|Norra|Södra|Östra|Västra|Övre)\s+)?"  # "Østre Toten kommune"
               r"[A-ZÀ-Þ][\w\-]*\s+[Kk]ommune?\b|"
               # a party's branch ("AfD-Kreisverband Göppingen", "SPD-Ortsverein Nord")
               r"[A-ZÀ-Þ][\w]*-(?:Kreisverband|Landesverband|Bezirksverband|Stadtverband|Ortsverband|Ortsverein)\s+{name}|(?<=\bgemeente\s){name}|(?<=\bthe\s)(?:[A-Z][a-z]+\s+){1,2}Office)")

# A short name joined by "&" ("K&V"), not the usual abbreviations ("Q&A", "R&D"): a firm's
# name when the text names no firm otherwise.
AMPERSAND = re.compile(r"(?<![\w&\-])(?!(?:Q&A|R&D|M&A|B&B|P&L|T&C|F&B|A&E|S&P)(?![\w&]))"
                       r"(?P<name>[A-Z][A-Za-z]{0,3}&[A-Z][A-Za-z]{0,3})(?![\w&\-])")

# A name that ends with one or more legal forms ("H&M Hennes & Mauritz Online Shop A.B. & Co. KG").
# The legal form is a word of its own: "EMPRESA" and "EASE" end in no "SA" or "SE".
WITH_LEGAL_FORM = rf"{LONG_NAME}(?:(?:\s*,\s*|\s+)(?:&\s+)?{LEGAL_FORM}\b\.?)+"
_SANCTION_VERB = (r"(?:fined|fining|sanctioned|reprimanded|penalised|penalized|sanctionn[ée]e?s?|"
                  r"condamn[ée]e?s?|sanzionat[oa]|multat[oa]|beboet)")
# The auxiliaries of a passive ("has been", "will be", "è stata", "a été", "wurde", "werd", "został").
_PASSIVE = (r"(?:(?:has|have|had)\s+(?:also\s+|now\s+|already\s+|reportedly\s+|since\s+)?been\s+|"
            r"(?:was|were|is|are)\s+(?:also\s+|now\s+|reportedly\s+|subsequently\s+|eventually\s+|finally\s+)?(?:being\s+)?|"
            r"(?:will|would|could|may|might|to)\s+(?:also\s+)?be\s+|(?:è|sono|era|fu)\s+(?:anche\s+)?stat[aoie]\s+|(?:a|ont|avait)\s+été\s+|"
            r"(?:wurde|wurden|ist|sind)\s+(?:\w+\s+){0,3}?|(?:werd|is|zijn)\s+|(?:ha|han)\s+sido\s+|fue\s+|"
            r"został[aoy]?\s+|har\s+|(?:foi|foram)\s+)")
_PASSIVE_VERB = (r"(?:fined|penali[sz]ed|sanctioned|reprimanded|hit\s+with|slapped\s+with|multat[aoie]|"
                 r"sanzionat[aoie]|sanctionn[ée]e?s?|condamn[ée]e?s?|beboet|multad[oa]s?|sancionad[oa]s?|"
                 r"ukaran[aoy]?|bötfäll\w*|mit\s+einem\s+Bußgeld\s+belegt|bebußt|punid[oa]s?|multad[oa]s?)")

# A passive sanction verb with its auxiliary, in any of the languages.
PASSIVE_EVENT = re.compile(r"(?i)\b" + _PASSIVE + _PASSIVE_VERB + r"\b")

# A passive's subject never follows a place's preposition ("A pharmacy in London has been fined": not London).
# ... nor a sector's or place's article ("Ein Unternehmen aus dem Kulturbereich erhielt ein Bußgeld": not Kulturbereich).
_NOT_A_PLACE = (r"(?<!\bin\s)(?<!\bIn\s)(?<!\bat\s)(?<!\bnear\s)(?<!\bfrom\s)(?<!\bim\s)(?<!\baus\s)(?<!\bdans\s)"
                r"(?<!\baus\sdem\s)(?<!\baus\sder\s)(?<!\bfrom\sthe\s)(?<!\bin\sthe\s)(?<!\buit\shet\s)(?<!\buit\sde\s)")

EVENT_TARGETS: list[tuple[str, str, float]] = [
    # the subject of a passive: "British Airways has been fined", "Unicredit è stata multata"
    (_NOT_A_PLACE + r"(?P<name>{name})\s+" + _PASSIVE + _PASSIVE_VERB + r"\b", "passive-subject", 0.8),
    # ... with the place it is from between commas: "Solarwave, of Grays, Essex, has been fined", "X, de Lyon, a été
    # sanctionnée", "Y, aus Köln, wurde ... belegt"
    (_NOT_A_PLACE + r"(?P<name>{name}),\s+(?:of|from|based\s+in|in|de|aus|uit|di|da)\s+[A-ZÀ-Þ][^,;.\n]{0,30}"
     r"(?:,\s+[A-ZÀ-Þ][^,;.\n]{0,30})?,\s+" + _PASSIVE + _PASSIVE_VERB + r"\b", "passive-subject", 0.8),
    # a headline's passive without its auxiliary: "British Airways fined £20m over data breach"
    (r"(?P<name>{name})\s+(?:fined|penali[sz]ed|sanctioned|reprimanded)\s+(?=by\b|for\b|over\b|after\b|[€£$]|"
     r"\d|EUR|GBP|USD)", "passive-subject", 0.8),
    # ... in the other languages, at the start of the headline (or after its kicker: "AP strikes again – X beboet"):
    # "X condamné à 125.000 euros", "X beboet voor", "X multata dal Garante", "X får bot"
    (r"\A(?:[^\n]{0,40}?\s[–—:-]\s+)?(?P<name>{name})\s+(?:condamnée?s?|sanctionnée?s?|beboet|multat[oaie]|"
     r"sanzionat[oaie]|multad[oa]s?|sancionad[oa]s?|ukaran[aoy]?|bötfälld\w*|bestraft|får\s+(?:bot|bøde|böter)|"
     r"fikk\s+(?:bot|bøde)|fik\s+bøde)\b", "passive-subject", 0.8),
    # Dutch "legt (de) X een boete op", "legde X een last onder dwangsom op"
    (r"\b(?:legt|legde|legden|leggen)\s+(?:de\s+|het\s+)?(?P<name>{name})\s+(?:een|twee|drie)\b", "patient", 0.8),
    # Norwegian, Danish, Swedish "har ilagt X et overtredelsesgebyr", "påförde X en sanktionsavgift"
    # (a public body's name may end in a lower-case noun: "Statens vegvesen")
    (r"\b(?:ilagt|ilegger|ila|ileggs|pålagt|pålægger|pålagde|påført|påför|påförde|ålagt|ålade)\s+(?P<name>{name}(?:\s+[a-zæøå]{4,})?)\s+(?:et|en|ett)\b",
     "patient", 0.8),
    # Polish "nałożył (ponad 27 mln zł kary) na (spółkę) X": X in the accusative ("Pocztę Polską")
    (r"\b(?:nałoży\w*|nakłada\w*)\s+(?:[\w.]+\s+){0,6}?na\s+(?:spółkę\s+|firmę\s+)?(?P<name>{name})", "patient-accusative", 0.8),
    # "gegen die X AG", "contra X", "mot X", "tegen X", "wobec X" after the sanction's noun
    (r"\b" + ROLE_NOUN + r"\s+(?:" + CLAUSE + r"{0,60}?\s+)?(?:contra|mot|tegen|wobec|przeciwko|against|contre)\s+"
     r"(?:die\s+|den\s+|das\s+|la\s+|el\s+|de\s+|the\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    # the payer or recipient of a sanction: "X deberá pagar una multa", "Y recibe dos sanciones",
    # "Z se enfrenta a una sanción", "X must pay", "X a reçu une amende"
    (_NOT_A_PLACE + r"(?P<name>{name})\s+(?:deberá|tendrá\s+que|must|has\s+to|will\s+have\s+to|muss|dovrà|doit|devra|moet|"
     r"deve|terá\s+de|måste|skal|må)\s+(?:\w+\s+){0,2}?(?:pagar|abonar|pay|zahlen|pagare|payer|betalen|betala|betale)\b",
     "payer", 0.75),
    (_NOT_A_PLACE + r"(?P<name>{name})\s+(?:recibe|recibió|receives|received|erhält|erhielt|riceve|ha\s+ricevuto|reçoit|krijgt|kreeg|"
     r"får|fick|sai|saa|dostał[ao]?|se\s+enfrenta\s+a)\s+(?:\w+\s+){0,3}?" + ROLE_NOUN + r"\b", "payer", 0.75),
    # the dative of French, Italian, Spanish, Portuguese: "a infligé au réseau social X une amende"
    (r"\b(?:inflig[ée]e?s?|impos[ée]e?s?)\s+(?:une\s+" + CLAUSE + r"{0,50}?\s+)?(?:à\s+la|à|au|aux)\s+"
     r"(?:soci[ée]t[ée]\s+|l['’]entreprise\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    (r"\b(?:inflitt[oa]|irrogat[oa]|impuest[oa]|impôs|aplicou|impõe)\s+(?:(?:una?|uma)\s+" + CLAUSE + r"{0,50}?\s+)?"
     r"(?:ad?|al|alla|allo|ao|à)\s+(?:empresa\s+|società\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    # "issued a reprimand to X", "served an enforcement notice on X"
    (r"\b(?:issued|gave|served|handed)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(?:reprimand|fine|penalty|(?:enforcement|penalty)\s+notice|"
     r"warning)\s+(?:to|on|against)\s+(?:the\s+)?(?P<name>{name})", "patient", 0.75),
    # "ordenado una medida cautelar contra X", "erlässt gegenüber der X"
    (r"\b(?:nei\s+confronti\s+di|à\s+l['’]encontre\s+de)\s+(?:la\s+soci[ée]t[ée]\s+)?"
     r"(?P<name>{name})", "patient", 0.75),
]


# An addressee's whole name up to the comma ("Stichting X Partij voor de Vrijheid, Straat 1").
_ADDRESSEE_NAME = (r"[A-ZÀ-Þ][\w\-.&]*(?:[^\S\n]+(?:(?:voor|de|van|der|den|het|für|und|of|and|the|la|di|du|des|et)"
                   r"[^\S\n]+)*[A-ZÀ-Þ][\w\-.&]*){0,11}")


def firm_patterns(skip: str) -> list[tuple[str, str, float]]:
    """(pattern, rule, confidence) of every rule that names a firm: legal forms, descriptors,
    appositions and the sanction event's roles; ``skip`` matches the descriptor words that
    may stand between a sanction's verb and its target."""
    patterns = [
        (rf"(?P<name>{WITH_LEGAL_FORM})", "legal-form", 0.9),
        # Nordic names with a lower-case word before their legal form ("Capio S:t Görans sjukhus AB")
        (rf"(?!(?:The|A|An|Die|Der|Das|De|Het|La|Le|Il|El|En|Et|Ett|Den|Det)\s)(?P<name>{LONG_NAME}(?:\s+[a-zåäöæø]{{3,}}){{1,2}}"
         rf"\s+(?:AB|AS|ASA|ApS|A/S|Oy|Oyj)(?:\s+\(publ\))?)\b(?!\.\w)(?!\s+[A-ZÀ-Þ])",
         "legal-form", 0.85),
        # foundations, their form before the name ("Stichting X", "Fundación Y"; not associations, often complainants)
        (rf"\b(?P<name>(?:Stichting|Fundación|Fundação|Fondazione|Fondation|Stiftung|Fundacja)\s+{NAME})", "legal-form", 0.8),
        # Baltic legal forms before the name ("AS Tallinna Vesi", "SIA Zaļā Josta", "UAB Žalia")
        # (not in a line in capitals, "FINED AS ICO ENDS PROBE"; within one line, not "AS Watson\n\nThe ...")
        (r"(?<![\w.])(?=[^\n]*[a-zà-ÿ])(?P<name>(?:AS|SIA|UAB|OÜ)[^\S\n]+[„“\"]?[A-ZÀ-Þ][\w\-]*(?:[^\S\n]+[A-ZÀ-Þ][\w\-]*){0,3}[”\"]?)",
         "legal-form", 0.85),
        # a lower-case web name with a legal form ("die notebooksbilliger.de AG")
        (rf"(?<![\w.])(?P<name>[a-z][\w\-]*\.(?:de|com|net|org|eu|fr|it|nl|es|at|ch)\s+{LEGAL_FORM}\b\.?)",
         "legal-form", 0.9),
        (rf"(?P<name>{NAME},?\s+(?:Inc|Ltd|Corp|LLC|GmbH|S\.A|B\.V|N\.V|plc|AG|SAS|S\.p\.A)\b\.?)",
         "legal-form", 0.9),
        (rf"(?P<name>{NAME}\s+(?:Group|Limited|Corporation|Technologies|Holdings|Platforms|Labs))\b", "legal-form", 0.85),
        (rf"\b{COMPANY_NOUN}\s+(?P<name>{NAME})", "descriptor", 0.75),
        (rf"(?P<name>{NAME}),\s+(?:the|a|an|la|le|il|l['’]|el|de|het|die|der|das|een|une?|una?)\s*"
         # ... describing words only, no clause of its own ("Elsewhere, a judge ordered the company")
         rf"(?:(?!(?:at|of|with|for|in|by|on|the|a|an|its|his|her|their|this|that|le|la|il|el|de|het|die|der|das|een|une?|una?)\b)"
         rf"[\w\-]+\s+){{0,5}}?"
         rf"{COMPANY_NOUN}\b", "apposition", 0.8),
        # "TikTok, owned by China's ByteDance, was fined"
        (rf"^(?P<name>{NAME}),\s+[^,;.\n]{{1,80}},\s+(?:has|have|had|was|were|is|are)\s+(?:been\s+)?"
         r"(?:fined|hit\s+with|ordered|banned|sanctioned|reprimanded)\b", "decision-target", 0.8),
        (rf"{_NOT_A_PLACE}(?P<name>{NAME})\s+(?:has|have|had|was|were|is|are)\s+(?:been\s+|being\s+)?"
         r"(?:fined|hit\s+with|ordered|banned|sanctioned|reprimanded|penalised|penalized)\b",
         "decision-target", 0.8),
        # ... not a word that describes the firm named next ("fined DNA testing company 23andMe")
        # (never right after "a"/"an": "fined an NHS IT supplier" describes the firm)
        # (never the agent: "sanctionné par la Cnil", "fined by the X")
        (rf"\b{_SANCTION_VERB}\s+(?!(?:par|by|von|vom|durch|da|dal|dalla|door|por|przez|av|af)\s){skip}(?<!\ban\s)(?<!\ba\s)(?P<name>{NAME})(?![\w&])(?!\s+{PRODUCT_NOUN}\b)(?![’']s\b)"
         rf"(?!\s+(?:[a-z][\w\-]*\s+){{0,2}}{COMPANY_NOUN}\s+[A-Z0-9])",
         "decision-target", 0.75),
        # an infinitive: "we intend to fine the X", "decided to fine X"
        (rf"\bto\s+(?:fine|sanction|reprimand)\s+{skip}(?P<name>{NAME})(?![\w&])(?![’']s\b)", "decision-target", 0.75),
        (rf"\b(?:(?:fine|penalty|sanction)\s+(?:imposed\s+)?|imposed\s+)(?:on|against)\s+(?P<name>{NAME})",
         "decision-target", 0.75),
        # "imposed an administrative fine of SEK 2,500,000 on the Police Authority"
        (rf"\b(?:fine|penalty)\s+of\s+{CLAUSE}{{1,40}}?\s+on\s+(?:the\s+)?{skip}(?P<name>{NAME})",
         "decision-target", 0.75),
        # French, Italian: "à l'encontre de la société GOOGLE LLC", "contro OpenAI"
        (rf"(?:à\s+l['’]encontre\s+de|nei\s+confronti\s+di|contro|contre)\s+"
         rf"(?:la\s+soci[ée]t[ée]\s+|l['’]entreprise\s+|l['’]azienda\s+)?(?P<name>{NAME})", "decision-target", 0.75),
        # Greek: "πρόστιμο ύψους 150.000 ευρώ στην X Α.Ε." (the fine "to" X)
        (rf"(?:πρόστιμο\w*|προστίμ\w+)\s+(?:{CLAUSE}{{0,60}}?\s+)?(?:στην|στη|στον|στο)\s+(?P<name>{NAME})",
         "decision-target", 0.75),
        # Italian: "ingiunge all'Azienda X di pagare", "nei confronti dell'Azienda X"
        (rf"\b(?:ingiung\w*\s+(?:a|al|alla|all['’])|nei\s+confronti\s+dell['’])\s*(?P<name>{NAME})", "decision-target", 0.75),
        # Italian: "ha inflitto a Foodinho, società del gruppo ..., una sanzione"
        (rf"\b(?:inflitt[oaie]|irrogat[oaie]|ingiunt[oaie]|comminat[oaie])\s+(?:{CLAUSE}{{0,60}}?\s+)?ad?\s+"
         rf"(?:la\s+società\s+)?(?P<name>{NAME})", "decision-target", 0.75),
        # French, English: "L'amende vise Amazon France Logistique", "the fine targets X"
        (rf"\b(?:amende|sanction|fine|penalty)\s+(?:vise|visait|targets|targeted|concerns)\s+"
         rf"(?:la\s+soci[ée]t[ée]\s+|l['’]entreprise\s+)?(?P<name>{NAME})", "decision-target", 0.75),
        # Spanish: "una multa de diez millones de euros a Google", "al banco BBVA", "sanciona a X"
        (rf"\b(?:multas?|sanci[oó]n(?:es)?)\s+(?:{CLAUSE}{{0,70}}?\s+)?a\s+(?:la\s+(?:compañía|empresa|entidad|"
         rf"sociedad|filial)\s+)?(?P<name>{NAME})", "decision-target", 0.75),
        (rf"\b(?:al\s+banco|a\s+la\s+(?:compañía|empresa|entidad|sociedad))\s+(?P<name>{NAME})", "decision-target", 0.75),
        (rf"\b(?:sanciona|sancionó|multó|multad[oa]s?|multa|castig[oóa]|multou|sancionou|condenou)\w*\s+(?:(?:también\s+)?con\s+{CLAUSE}{{0,50}}?\s+)?a\s+(?P<name>{NAME})",
         "decision-target", 0.75),
        # French: "Criteo, spécialiste ..., a reçu une amende"
        (rf"(?P<name>{NAME}),\s+[^.;()]{{0,80}}?,\s+a\s+reçu\s+une\s+amende", "decision-target", 0.75),
        (rf"(?P<name>{NAME})\s+a\s+reçu\s+une\s+amende", "decision-target", 0.75),
        # Dutch: "heeft Uber een boete ... opgelegd", "Uber krijgt ... een boete", "boete ... aan Uber"
        (rf"\bheeft\s+(?P<name>{NAME})\s+een\s+(?:\w+\s+)?\w*boetes?\b", "decision-target", 0.75),
        (rf"(?P<name>{NAME})\s+krijgt\s+(?:{CLAUSE}{{0,60}}?\s+)?een\s+(?:\w+\s+)?\w*boetes?\b", "decision-target", 0.75),
        (rf"\b\w*boetes?\s+(?:{CLAUSE}{{0,60}}?\s+)?(?:aan|op\s+aan)\s+{skip}(?P<name>{NAME})", "decision-target", 0.75),
    ]
    patterns += [(p.replace("{name}", NAME).replace("{skip}", skip), r, c) for p, r, c in EVENT_TARGETS + WORD_ORDER_TARGETS + TIE_TARGETS]
    patterns.append((PUBLIC_BODY.replace("{name}", NAME), "public-body", 0.8))
    patterns += [(p.replace("{name}", NAME), r, c) for p, r, c in MORE_PUBLIC_BODIES]
    patterns += [(p.replace("{name}", NAME), r, c) for p, r, c in DEFINED_TERMS]
    # the addressee of a decision: "Aan: X", "gericht aan X", "addressed to X"
    patterns.append((r"(?:(?m:^)(?:Aan|To|An|Adressat|Destinataire|Destinatario)\s*:\s*|\b(?:gericht\s+aan|addressed\s+to|"
                     r"gerichtet\s+an|adressée?\s+à|indirizzat[oa]\s+a)\s+)(?:de\s+|the\s+|die\s+|den\s+|la\s+|le\s+)?"
                     rf"(?P<name>{_ADDRESSEE_NAME})(?=\s*(?:[,;(\n]|$))", "addressee", 0.75))
    # "Amazon's Luxembourg unit", "Google's French subsidiary": the firm named (when its unit is not) ...
    unit = r"(?:unit|subsidiary|arm|division|affiliate|branch)"
    patterns.append((rf"(?P<name>{NAME})['’]s\s+(?:[\w\-]+\s+){{0,2}}{unit}\b(?!,?[^\S\n]+(?!{CURRENCY_CODE}){NAME})",
                     "possessive-unit", 0.7))
    # ... and the unit when it is named ("CaixaBank's insurance arm VidaCaixa"): the unit, not its parent
    patterns.append((rf"{NAME}['’]s\s+(?:[\w\-]+\s+){{0,2}}{unit},?[^\S\n]+(?P<name>{NAME})", "named-unit", 0.8))
    return patterns
