"""The target of a sanction event from the event's syntax, in the languages of the reports:
the patient of an active verb ("legt X een boete op", "nałożył na X karę", "sanktionsavgift
mot X", "Bußgeld gegen die X AG") or the subject of a passive one ("X has been fined",
"X è stata multata", "X a été sanctionnée", "X will be fined"). Each pattern is a template
whose ``{name}`` is a proper name and ``{skip}`` a few descriptor words."""

from __future__ import annotations

import re

__all__ = ["EVENT_TARGETS", "PASSIVE_EVENT", "PUBLIC_BODY"]

# Public bodies named by their kind: "al Comune di Trento", "de gemeente Enschede", "the
# Ministry of Health", "the Cabinet Office" (a regulator's own name is blocked before).
PUBLIC_BODY = (r"\b(?P<name>(?:Comune|Municipality|City|Ministry|Ministero|Ministerio|Ministère|Ministerie|Minist[eé]rio|"
               r"Department|Gemeinde|Stadt|Ayuntamiento|Câmara\s+Municipal|Commune)\s+(?:di|of|de|del|van|for|der|des|du|da|do)"
               r"\s+{name}|(?:Regione|Provincia|Comunidad|Generalitat|Landkreis|Kommune|Région)\s+{name}|(?<=\bgemeente\s){name}|(?<=\bthe\s)(?:[A-Z][a-z]+\s+){1,2}Office)")

# The sanction's noun in the languages present ("boete", "Bußgeld", "kara", "sanktionsavgift").
_NOUN = (r"(?:fines?|penalty|penalties|sanctions?|reprimands?|ban|amendes?|astreintes?|Bußgeld\w*|Geldbuße\w*|Verfahren|"
         r"Zwangsgeld\w*|sanzion[ei]|multas?|multe|boetes?|\w+boete|dwangsom|kar[aęy]|upomnieni\w+|sanktionsavgift\w*|"
         r"avgift|böter|sanci[oó]n(?:es)?|medida\s+cautelar|coimas?)")
# The auxiliaries of a passive ("has been", "will be", "è stata", "a été", "wurde", "werd", "został").
_PASSIVE = (r"(?:(?:has|have|had)\s+(?:also\s+|now\s+|already\s+)?been\s+|(?:was|were|is|are)\s+(?:also\s+|now\s+)?(?:being\s+)?|"
            r"(?:will|would|could|may|might|to)\s+(?:also\s+)?be\s+|(?:è|sono|era|fu)\s+(?:anche\s+)?stat[aoie]\s+|(?:a|ont|avait)\s+été\s+|"
            r"(?:wurde|wurden|ist|sind)\s+(?:\w+\s+){0,3}?|(?:werd|is|zijn)\s+|(?:ha|han)\s+sido\s+|fue\s+|"
            r"został[aoy]?\s+|har\s+|(?:foi|foram)\s+)")
_PASSIVE_VERB = (r"(?:fined|penali[sz]ed|sanctioned|reprimanded|hit\s+with|slapped\s+with|multat[aoie]|"
                 r"sanzionat[aoie]|sanctionn[ée]e?s?|condamn[ée]e?s?|beboet|multad[oa]s?|sancionad[oa]s?|"
                 r"ukaran[aoy]?|bötfäll\w*|mit\s+einem\s+Bußgeld\s+belegt|bebußt|punid[oa]s?|multad[oa]s?)")

# A passive sanction verb with its auxiliary, in any of the languages.
PASSIVE_EVENT = re.compile(r"(?i)\b" + _PASSIVE + _PASSIVE_VERB + r"\b")

EVENT_TARGETS: list[tuple[str, str, float]] = [
    # the subject of a passive: "British Airways has been fined", "Unicredit è stata multata"
    (r"(?P<name>{name})\s+" + _PASSIVE + _PASSIVE_VERB + r"\b", "passive-subject", 0.8),
    # a headline's passive without its auxiliary: "British Airways fined £20m over data breach"
    (r"(?P<name>{name})\s+(?:fined|penali[sz]ed|sanctioned|reprimanded)\s+(?=by\b|for\b|over\b|after\b|[€£$]|"
     r"\d|EUR|GBP|USD)", "passive-subject", 0.8),
    # Dutch "legt (de) X een boete op", "legde X een last onder dwangsom op"
    (r"\b(?:legt|legde|legden|leggen)\s+(?:de\s+|het\s+)?(?P<name>{name})\s+(?:een|twee|drie)\b", "patient", 0.8),
    # Norwegian, Danish, Swedish "har ilagt X et overtredelsesgebyr", "påförde X en sanktionsavgift"
    (r"\b(?:ilagt|ilegger|ila|ileggs|pålagt|pålægger|pålagde|påført|påför|påförde|ålagt|ålade)\s+(?P<name>{name})\s+(?:et|en|ett)\b",
     "patient", 0.8),
    # Polish "nałożył na (spółkę) X karę", "ukarał X"
    (r"\b(?:nałoży\w*|nakłada\w*)\s+(?:\w+\s+){0,3}?na\s+(?:spółkę\s+|firmę\s+)?(?P<name>{name})", "patient", 0.8),
    # "gegen die X AG", "contra X", "mot X", "tegen X", "wobec X" after the sanction's noun
    (r"\b" + _NOUN + r"\s+(?:[^.;]{0,60}?\s+)?(?:contra|mot|tegen|wobec|przeciwko|against|contre)\s+"
     r"(?:die\s+|den\s+|das\s+|la\s+|el\s+|de\s+|the\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    # the payer or recipient of a sanction: "X deberá pagar una multa", "Y recibe dos sanciones",
    # "Z se enfrenta a una sanción", "X must pay", "X a reçu une amende"
    (r"(?P<name>{name})\s+(?:deberá|tendrá\s+que|must|has\s+to|will\s+have\s+to|muss|dovrà|doit|devra|moet|"
     r"deve|terá\s+de|måste|skal|må)\s+(?:\w+\s+){0,2}?(?:pagar|abonar|pay|zahlen|pagare|payer|betalen|betala|betale)\b",
     "payer", 0.75),
    (r"(?P<name>{name})\s+(?:recibe|recibió|receives|received|erhält|erhielt|riceve|ha\s+ricevuto|reçoit|krijgt|kreeg|"
     r"får|fick|dostał[ao]?|se\s+enfrenta\s+a)\s+(?:\w+\s+){0,3}?" + _NOUN + r"\b", "payer", 0.75),
    # the dative of French, Italian, Spanish, Portuguese: "a infligé au réseau social X une amende"
    (r"\b(?:inflig[ée]e?s?|impos[ée]e?s?)\s+(?:une\s+[^.;]{0,50}?\s+)?(?:à\s+la|à|au|aux)\s+"
     r"(?:soci[ée]t[ée]\s+|l['’]entreprise\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    (r"\b(?:inflitt[oa]|irrogat[oa]|impuest[oa]|impôs|aplicou|impõe)\s+(?:(?:una?|uma)\s+[^.;]{0,50}?\s+)?"
     r"(?:a|al|alla|allo|ao|à)\s+(?:empresa\s+|società\s+)?{skip}(?P<name>{name})", "patient", 0.75),
    # "issued a reprimand to X", "served an enforcement notice on X"
    (r"\b(?:issued|gave|served|handed)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(?:reprimand|fine|penalty|(?:enforcement|penalty)\s+notice|"
     r"warning)\s+(?:to|on|against)\s+(?:the\s+)?(?P<name>{name})", "patient", 0.75),
    # "ordenado una medida cautelar contra X", "erlässt gegenüber der X"
    (r"\b(?:nei\s+confronti\s+di|à\s+l['’]encontre\s+de)\s+(?:la\s+soci[ée]t[ée]\s+)?"
     r"(?P<name>{name})", "patient", 0.75),
]
