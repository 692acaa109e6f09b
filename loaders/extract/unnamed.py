"""Sentences whose fine is on a party the sentence leaves unnamed ("a bank based in Zagreb",
"jednoj banci", "une entreprise"): such a fine never takes the story's salient firm."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.names import CURRENCY_CODE

__all__ = ["ANONYMOUS", "FIRM_OF", "PERSONS_OBJECT", "PERSON_OF", "not_the_story_firms", "of_another", "parent_of_named"]

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


# An unnamed firm named by its client or parent ("a contractor of X", "un sous-traitant d'X", "einen Dienstleister der
# X", "un fornitore di X", "una empresa que trabajaba para X", "een leverancier van X", "an Irish subsidiary of X"):
# a sanction on that firm is not on X.
FIRM_OF = re.compile(
    r"(?i)\b(?:a|an|one|another|two|three|several|une?|ein\w*|una?|een|ett?|jedn\w+)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:(?:sub)?contractors?|suppliers?|vendors?|processors?|data\s+processors?|subsidiar(?:y|ies)|affiliates?|"
    r"(?:debt\s+)?collectors?|agents?|partners?|franchisees?|sous-traitants?|prestataires?|fournisseurs?|filiales?|"
    r"Dienstleister\w*|Auftragsverarbeiter\w*|Zulieferer\w*|Subunternehmer\w*|Tochter\w*|Partner\w*|fornitor[ei]|"
    r"subappaltator[ei]|responsabil[ei]\s+del\s+trattamento|controllat[ae]|societ[àa]\s+controllat[ae]|proveedor(?:es)?|"
    r"subcontratistas?|contratistas?|encargad[oa]s?\s+del\s+tratamiento|filial(?:es)?|empresas?|société|entreprise|"
    r"azienda|società|Firma|Unternehmen|leveranciers?|onderaannemers?|verwerkers?|dochter\w*|leverantör\w*|"
    r"underleverantör\w*|dostawc\w+|podwykonawc\w+)\s+"
    r"(?:(?:\w+\s+){0,2}?(?:working|acting|operating|hired|used|contracted|employed)\s+(?:for|by|on\s+behalf\s+of)|"
    r"que\s+trabaj\w+\s+para|qui\s+travaill\w+\s+pour|che\s+lavora\w*\s+per|die\s+für|die\s+werkt\w*\s+voor|"
    r"of|for|de|du|des|der|di|del|della|dello|dei|degli|van|voor|von|vom|för|till|av|(?=d['’]|dell['’]))\s*"
    r"(?:the\s+|la\s+|le\s+|l['’]|d['’]|dell['’]|die\s+|der\s+|den\s+|des\s+|de\s+|het\s+|el\s+)?$")


def of_another(text: str, start: int, at: int) -> bool:
    """Whether the firm named at ``at`` is the client or parent of an unnamed firm before it ("a contractor of X";
    a German genitive article may open the name found: "einen Dienstleister der Deutschen Bahn AG")."""
    article = re.match(r"(?:der|des)\s+", text[at : at + 4])
    return bool(FIRM_OF.search(text, max(start, at - 80), at + (article.end() if article else 0)))


# A parent named before its named unit ("Serco Group plc's subsidiary Serco Leisure Operating Limited").
_NAMED_UNIT_AFTER = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,2}?(?:unit|subsidiary|arm|division|affiliate|branch)\b,?\s+"
                               rf"(?=[A-Z])(?!{CURRENCY_CODE})")  # not "Amazon's Luxembourg unit EUR 746 million"


def parent_of_named(text: str, spans: list[tuple[int, int]], at: int) -> bool:
    """Whether the firm named at ``at`` (its ``spans``) is there the parent of a unit named next: the unit's sanction.

    >>> parent_of_named("fined Meta Platforms Inc's subsidiary Facebook Ireland Ltd", [(6, 24)], 6)
    True
    """
    return any(a == at and _NAMED_UNIT_AFTER.match(text, b) for a, b in spans)
