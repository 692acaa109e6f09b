"""Sentences whose fine is on a party the sentence leaves unnamed ("a bank based in Zagreb",
"jednoj banci", "une entreprise"): such a fine never takes the story's salient firm."""

from __future__ import annotations

import re

__all__ = ["ANONYMOUS", "PERSONS_OBJECT", "PERSON_OF", "not_the_story_firms"]

ANONYMOUS = re.compile(
    r"(?i)\b(?:a|an|one|another|jednoj|jednom|jedna|une?|ein|einer|einem|eine|una|un['’]|een|jedn[aąeę])\s+"
    r"(?:[\w\-]+\s+)?(?:bank|banci|banka|banque|banca|banco|company|firm|business|retailer|hospital|tvrtk[ai]|"
    r"društvu|société|entreprise|Unternehmen|Firma|azienda|società|empresa|bedrijf|onderneming|selskab|företag|"
    r"selskap|spółk[aęi]|firm[aęi]|"
    # public bodies and associations left unnamed ("une petite commune", "a local council", "eine Gemeinde")
    r"commune|municipality|council|Gemeinde|Kommune|comune|ayuntamiento|municipio|gemeente|kommun|gmina|"
    r"association|Verein|associazione|asociación|vereniging|forening|förening|school|école|Schule|scuola|"
    r"shop|store|employer|operator|opérateur|Betreiber|Händler|commerçant|negozio|tienda|"
    # ... or a person ("Ein Polizist ... musste ein Bußgeld bezahlen", "a police officer was fined")
    r"police\s+officer|policeman|Polizist(?:in)?|Beamte[rn]?|Beamtin|policier|poliziotto|policía|politieagent|"
    r"employee|Mitarbeiter(?:in)?|individual|private\s+individual|Privatperson|particulier)\b")


def not_the_story_firms(sentence: str) -> bool:
    """Whether a sentence's fine, with no firm of its own, is on an unnamed party.

    >>> not_the_story_firms("u visini od 95 tisuća eura, jednoj banci"), not_the_story_firms("It was fined.")
    (True, False)
    """
    return bool(ANONYMOUS.search(sentence))


# A person named by their place of work ("a former employee of X", "un salarié de X", "ein Mitarbeiter der X"):
# a sanction on that person is not on X.
PERSON_OF = re.compile(
    r"(?i)\b(?:employee|worker|member\s+of\s+staff|staff\s+member|doctor|nurse|officer|manager|director|customer|"
    r"client|patient|salarié\w*|employé\w*|agent|médecin|Mitarbeiter\w*|Angestellte\w*|Arzt|Ärztin|Beamte\w*|"
    r"dipendente|medico|impiegat\w+|empleado\w*|funcionari[oa]\w*|médico|medewerker\w*|werknemer\w*|arts|"
    r"ansatt\w*|anställd\w*|medarbejder\w*|pracownik\w*|lekarz\w*|urzędnik\w*)\s+(?:of|at|from|de|du|des|der|di|del|"
    r"della|dello|van|bij|bei|hos|ved|på|w|z|u)\s+(?:the\s+|la\s+|le\s+|l['’]|die\s+|der\s+|des\s+|de\s+|het\s+|la\s+)?$")


# People as the sanction verb's object ("ordered two former party officials to pay", "fined three employees"):
# the sanction is theirs, not a firm's named elsewhere in the sentence ("On top of the fine on X, ...").
PERSONS_OBJECT = re.compile(
    r"(?i)\s*(?:(?:a|an|one|two|three|four|five|several|both|the|\d+)\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:officials|employees|individuals|persons|people|directors|managers|doctors|members|politicians|officers)\b")
