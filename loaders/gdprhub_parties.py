"""Which of GDPRhub's parties a decision is AGAINST.

GDPRhub lists the parties to a case one a line, mixing the controller with complainants,
their representatives and the authority itself. Rules, in order (word lists in
``loaders/data/gdprhub_issuers.yaml``, whole words, case-insensitive):

1. a leading ``1)`` is dropped; a prefix ``Role: name`` (``Complainant: Mr. X``) gives the
   role; a party that is a placeholder (``'-``, ``n/a``) is no party (``party-placeholder``);
2. a controller word (controller, processor, defendant, respondent) puts it on the
   controller side; else a complainant word (complainant, claimant, data subject,
   represented by, employee, user ...) or a listed complainant organisation (noyb, La
   Quadrature du Net, consumer associations) on the complainant side (``party-complainant``);
3. else a party that names an authority (an issuer's name, acronym or label, or an
   authority word: "DPA", "Datenschutzbehörde") is the authority (``party-authority``);
4. else an anonymous party (an anonymous word: anonymous, unknown, natural person;
   repeated initials such as ``A.A.A``, ``XX``, ``Mr. Y1``, also inside a name: "COMUNIDAD DE
   PROPIETARIOS R.R.R."; run on to a name ending with a legal form they are a party of their
   own: "Vodafone España, S.A.U A.A.A.") describing the controller
   (``Controller``, ``Private person``, ``Kebab restaurant``: the descriptor list) is on the
   controller side; a bare one (``Anonymous``, ``X``) is on the controller side only when
   the decision names no controller-side party at all (``anonymous-sole-party``);
5. else a name with a person's title ("Mr ...", "Herr ...", "Sig. ...": loaders/persons.py)
   is a natural person on the controller side: a Person (``person-named``), or an
   anonymous party when the rest is anonymised (``person-anonymised``: "Mr. Y.L.");
6. else (a named party with no role) the controller side: GDPRhub names the addressees
   of a decision, while complainants are anonymised by the authorities.

Only the controller side becomes AGAINST. Anonymous parties become one node per party
and decision (kind anonymous), never merged; named ones ``company:{party_key}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enforcegraph.loaders.gdprhub_tables import Tables
from enforcegraph.loaders.persons import TitledPerson, titled_person
from enforcegraph.schema.names import normalize_name

__all__ = ["Party", "against", "classify", "split_parties"]

_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[a-z])[).]\s+")
_ROLE_PREFIX = re.compile(r"^\s*([A-Za-zÀ-ÿ ]{3,30}?)\s*:\s+(.+)$")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_INITIALS = re.compile(r"^(?:(?i:mr|mrs|ms|mister|madam|herr|frau|mme)\.?\s+)?"
                       r"(?:([A-Z])(?:\.?\s?\1){0,3}\.?|[A-Z]\d{1,2}\.?)$")
_DOTTED = re.compile(r"^(?:[A-Z]\.\s?){1,3}$")
_VERSUS = re.compile(r"\s+(?:vs?\.?|versus|gegen|contre|contra)\s+", re.IGNORECASE)
# the AEPD's anonymised parties: a letter repeated ("A.A.A.", "R.R.R."); run on to a firm's
# name that ends with its legal form it is a party of its own, else it is the party's name
_TRAILING_INITIALS = re.compile(r"\s+(?=(([A-Z])\.(?:\2\.){1,3})$)")
_ENDS_WITH_FORM = re.compile(r"(?i)(?<!\w)(?:s\.?\s?a\.?\s?u|s\.?\s?l\.?\s?u|s\.?\s?l|s\.?\s?a)\.?,?$")
_ANONYMISED = re.compile(r"(?<!\w)([A-Z])\.(?:\1\.){2,}")
_CONJUNCTION = re.compile(r"\s+(?:and|&|und|et)\s+|\s*,\s+", re.IGNORECASE)
SIDES = ("controller", "complainant", "authority", "bare")


@dataclass(frozen=True)
class Party:
    """One party as GDPRhub gives it, classed."""

    text: str  # as given
    name: str  # decorations (numbering, role prefix, role brackets) removed
    side: str  # controller | complainant | authority | bare (an anonymous party, no role)
    anonymous: bool
    rule: str  # which rule classed it
    person: TitledPerson | None = None  # a natural person named with a title (rule person-named)


def split_parties(text: str) -> list[str]:
    """The non-empty lines of a Parties cell; anonymised initials run on to a name are a
    party of their own.

    >>> split_parties("Google LLC\\n\\n 1) anonymous \\nNVSC vs UAB")
    ['Google LLC', '1) anonymous', 'NVSC', 'UAB']
    >>> split_parties("Vodafone España, S.A.U A.A.A.")
    ['Vodafone España, S.A.U', 'A.A.A.']
    >>> split_parties("A.A.A."), split_parties("COMUNIDAD DE PROPIETARIOS R.R.R.")
    (['A.A.A.'], ['COMUNIDAD DE PROPIETARIOS R.R.R.'])
    """
    parts: list[str] = []
    for line in text.splitlines():
        for part in _VERSUS.split(line):
            found = _TRAILING_INITIALS.search(part.strip())
            firm = found and _ENDS_WITH_FORM.search(part.strip()[:found.start()])
            pieces = [part.strip()[:found.start()], found.group(1)] if found and firm else [part]
            parts += [p.strip() for p in pieces if p.strip()]
    return parts


def _is_initials(name: str) -> bool:
    pieces = [p for p in _CONJUNCTION.split(name.strip()) if p]
    return bool(pieces) and all(_INITIALS.match(p.strip()) or _DOTTED.match(p.strip()) for p in pieces)


def classify(text: str, tables: Tables) -> Party | None:
    """The party one line names (None: a placeholder, no party)."""
    words = tables.party_words
    name = _NUMBERING.sub("", text).strip()
    role_text = ""
    prefix = _ROLE_PREFIX.match(name)
    if prefix and (words.complainant.fullmatch(prefix.group(1).strip())
                   or words.controller.fullmatch(prefix.group(1).strip())):
        role_text, name = prefix.group(1), prefix.group(2).strip()
    for bracket in _PARENS.findall(name):
        if words.complainant.search(bracket) or words.controller.search(bracket):
            role_text += f" {bracket}"
    name = _PARENS.sub(lambda m: "" if m.group(1) in role_text else m.group(0), name).strip() or name
    if tables.is_placeholder(name) and not words.anonymous.fullmatch(name.strip()):
        return None
    norm = normalize_name(name)
    anonymous = (bool(words.anonymous.search(name)) or _is_initials(name) or norm in words.descriptors
                 or bool(_ANONYMISED.search(name)))
    if words.controller.search(role_text) or (not role_text and words.controller.fullmatch(name)):
        return Party(text, name, "controller", anonymous, "party-controller")
    if words.complainant.search(role_text) or words.complainant.search(name):
        return Party(text, name, "complainant", anonymous, "party-complainant")
    if norm in words.organisations or words.organisation_words.search(name):
        return Party(text, name, "complainant", False, "party-complainant-organisation")
    brackets = {normalize_name(b) for b in _PARENS.findall(name)}
    if norm in tables.authority_names or brackets & tables.authority_names or words.authority.search(name):
        return Party(text, name, "authority", False, "party-authority")
    titled = None if anonymous else titled_person(name)
    if titled is not None and titled.anonymised:
        return Party(text, name, "controller", True, "person-anonymised")
    if titled is not None:
        return Party(text, name, "controller", False, "person-named", titled)
    if anonymous:
        if norm in words.descriptors:
            return Party(text, name, "controller", True, "anonymous-controller")
        return Party(text, name, "bare", True, "anonymous-party")
    return Party(text, name, "controller", False, "named-party")


def against(parties: list[Party]) -> list[Party]:
    """The parties a decision is AGAINST: the controller side, else (when it has none)
    its bare anonymous parties."""
    controllers = [p for p in parties if p.side == "controller"]
    return controllers or [p for p in parties if p.side == "bare"]
