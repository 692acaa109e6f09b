"""A firm's name as a rule matched it, tidied (no article, descriptor, office or trailing full stop),
and the names that are no firm at all: a company noun alone, a common noun opening a line, a court,
a regulator's own name."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.bodies import is_authority, is_court
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.names import COMPANY_NOUN, DESCRIPTOR_WORD, LEGAL_FORM, clean_name
from enforcegraph.loaders.extract.persons import names_person
from enforcegraph.loaders.extract.word_order import nominative

__all__ = ["not_a_firm", "tidy_name"]

# A company's common noun alone ("gegen das Unternehmen eine Strafe"): it takes a firm up, it names none.
_BARE_NOUN = (r"(?:unternehmen|konzern|firma|gesellschaft|company|firm|société|entreprise|empresa|compañía|azienda|"
              r"società|bedrijf|onderneming|spółka|selskabet|selskapet|bolaget|företaget|"
              # ... and a public body's kind alone ("l'Autorità ha inflitto al Comune", "die Gemeinde muss zahlen")
              r"comune|municipio|município|ayuntamiento|commune|mairie|gemeinde|gemeente|kommunen?|municipality|"
              r"council|ministry|ministero|ministère|ministerio|ministerium|hospital|ospedale|hôpital|krankenhaus|"
              r"ziekenhuis|school|scuola|école|schule|university|università|université|universität)")
# A German or Dutch compound of a company noun inside a name describes what follows it.
_COMPOUND_NOUN = (r"[A-ZÄÖÜ][a-zäöüß]{3,}(?:gesellschaft|unternehmen|konzern|gruppe|händler|kette|betreiber|anbieter|"
                  r"dienstleister|bedrijf|keten)")
# A regulator called by its kind alone, capitalised ("the Commission", "the Commissioner", "die Behörde").
_AUTHORITY_NOUN = (r"(?:Commission|Commissioner|Agency|Authority|Regulator|Watchdog|Inspectorate|Ombudsman|Autorité|"
                   r"Commissaire|Behörde|Aufsichtsbehörde|Autorità|Agencia|Autoridad|Toezichthouder|Myndigheten)")
# Last words whose full stop is their own, not the sentence's ("Inc.", "ehf.", "Kft.").
_ABBREVIATED = frozenset(["Inc", "Ltd", "Corp", "Co", "Jr", "Sr", "ehf", "hf", "Kft", "Zrt", "Nyrt", "Lda", "Ltda"])


def tidy_name(raw: str, kind: str, rule: str) -> str | None:
    """The name in ``raw`` without what is no part of it, or None if nothing (or a legal form
    alone) is left.

    >>> tidy_name("the Bremer Wohnungsgesellschaft Brebau", "company", "patient")
    'Brebau'
    >>> tidy_name("Deutsche Wohnen SE.", "company", "legal-form"), tidy_name("Zöldmező Kft.", "company", "legal-form")
    ('Deutsche Wohnen SE', 'Zöldmező Kft.')
    >>> tidy_name("UK Direct Business Solutions Limited", "company", "legal-form")
    'UK Direct Business Solutions Limited'
    """
    name = clean_name(raw.strip(" ,"))
    country = re.match(r"(?:[Tt]he\s+)?(UK|US|EU|European|Europe)\s+[A-Z]", raw.strip(" ,"))
    if name is not None and rule == "legal-form" and country and not name.startswith(country.group(1)):
        name = f"{country.group(1)} {name}"  # "UK Direct Business Solutions Limited": a registered name's first word
    if name is not None and re.match(rf"{DESCRIPTOR_WORD}\s+\S", name):
        name = name.split(None, 1)[1]  # "Meta-owned Larkspur has been fined": the descriptor is no part of it
    while name is not None and kind == "company" and re.match(r"(?:CEO|CFO|COO|CTO|CLO)\s+\S", name):
        name = clean_name(name.split(None, 1)[1])  # "CEO Clearview": an office's acronym is no part of a firm's name
    if name is not None and rule == "patient-accusative":
        name = nominative(name)
    if name is not None and len(name.split()) > 1 and re.fullmatch(COMPANY_NOUN, name.split()[0], re.IGNORECASE) and (
            not name.isupper()) and _describes(*name.split(None, 1)):  # ... unless in capitals with the name ("GROUPE CANAL+")
        name = name.split(None, 1)[1]  # "Taxidienstenbedrijf Uber": the noun is no part of the name
    words = (name or "").split()
    inner = [i for i, w in enumerate(words[1:-1], 1) if re.fullmatch(_COMPOUND_NOUN, w)]
    if inner and not re.fullmatch(rf"{LEGAL_FORM}\.?", " ".join(words[inner[-1] + 1 :])):
        name = " ".join(words[inner[-1] + 1 :])  # "Bremer Wohnungsgesellschaft Brebau": the name is Brebau
    if name is not None and name.endswith(".") and "." not in name.split()[-1][:-1] and not re.fullmatch(
            r"(?:[A-Z]\.\s?)+", name) and (
            name.split()[-1][:-1] not in _ABBREVIATED) and not re.search(r"\s[Ss]p\.\s?[kj]\.$", name):
        name = name[:-1]  # the full stop of the sentence ("... Deutsche Wohnen SE.")
    if name is None or re.fullmatch(rf"{LEGAL_FORM}\.?", name):
        return None  # ... and a legal form alone ("Inc.") names no firm
    return name


# Nouns that German and the Nordic languages capitalise as nouns or at a sentence's start ("das Unternehmen X",
# "Selskapet X"): capitalised, they still describe the name that follows.
_CAPITALISED_NOUN = (r"(?:Unternehmen|Konzern|Riesen?|Händler|Kette|Gesellschaft|Dienstleister|Anbieter|Betreiber|Hersteller|"
                     r"Versender|Versandhändler|Gruppe|Netzwerk|Autobauer|Versicherer|Krankenkasse|Energieversorger|"
                     r"Mobilfunker|Verlag|Tochter|Firma|Bolaget|Företaget|Selskabet|Selskapet|Virksomheden|Virksomheten|"
                     r"Kjeden|Kæden|Kedjan|Konsernet|Koncernen)")


def _describes(word: str, rest: str) -> bool:
    """Whether a company noun opening a name describes the name (``rest``) rather than opening it: written in
    lower case ("the fintech X", "la mutuelle Y"), a compound ("Taxidienstenbedrijf Uber", "Försäkringsbolaget X"),
    a noun German or a Nordic language capitalises anyway ("Unternehmen X", "Selskapet X"), or before a name in
    capitals ("la Société CALOGA"). A capitalised noun opening a longer name is part of it ("Mutuelle Générale").

    >>> _describes("fintech", "Qonto"), _describes("Taxidienstenbedrijf", "Uber"), _describes("Firma", "Müller")
    (True, True, True)
    >>> _describes("Société", "CALOGA"), _describes("Mutuelle", "Générale"), _describes("Chain", "Reaction Cycles Ltd")
    (True, False, False)
    """
    if not word[:1].isupper() or re.fullmatch(_CAPITALISED_NOUN, word) or rest.isupper():
        return True
    simple = COMPANY_NOUN.replace(r"[\w\-]*", "").replace(r"\w*", "").replace(r"[A-ZÄÖÜ][\w\-]*firma", "firma")
    return re.fullmatch(simple, word, re.IGNORECASE) is None


def not_a_firm(text: str, name: str, start: int, end: int, regulators: dict[tuple[int, int], str]) -> bool:
    """Whether a name found at ``start`` (its match ending at ``end``) is no firm: a company noun
    alone ("das Unternehmen"), a common noun opening a line ("Pharmacy fined £275k" over "a pharmacy
    in London"), a court, a data protection authority, a regulator's name ("Integritetsskyddsmyndigheten", "X (IMY)"),
    or a private person's ("ha multado a Juan Pérez García")."""
    if re.fullmatch(_BARE_NOUN, name, re.IGNORECASE) or _common_noun(text, name, start) or is_court(name):
        return True
    if names_person(text, name, start, end):
        return True
    if re.fullmatch(_AUTHORITY_NOUN, name):
        return True  # "the Commission had fined X": the regulator's own noun, capitalised
    if is_authority(name) and not re.search(rf"\s{LEGAL_FORM}\.?$", name):
        return True  # a data protection authority the gazetteer does not know ("X Data Protection Commissioner")
    bracket = re.match(r"[^\S\n]*\(", text[end : end + 4])
    if bracket is not None and any(a == end + bracket.end() for a, _ in regulators):
        return True
    return any(m.start == 0 and m.end == len(name) for m in find_regulators(name))


def _common_noun(text: str, name: str, start: int) -> bool:
    """One capitalised word opening a line or sentence that the text also writes in lower case."""
    if " " in name or not re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]+", name):
        return False
    opens = start == 0 or bool(re.search(r"(?:\n|[.!?:]\s)\W{0,2}$", text[max(0, start - 4) : start]))
    return opens and re.search(rf"(?<![\w\-]){re.escape(name.lower())}(?![\w\-])", text) is not None
