"""Public bodies named by their kind in the languages of the reports (municipalities, ministries,
agencies, hospitals, universities, schools: they are fined like firms), and courts, which are
never the party a sanction targets."""

from __future__ import annotations

import re

__all__ = ["MORE_PUBLIC_BODIES", "is_authority", "is_court"]

# A court's name ("the Federal Court", "Raad van State", "Bundesverwaltungsgericht", "la Cour", "Retten i Roskilde").
_COURT = re.compile(
    r"(?i)(?<![\w\-])(?:(?:\w+\s+)?court|cour|corte|tribunal\w*|tribunale|rechtbank|gerechtshof|hof\s+van|\w*gerichts?(?:hof)?|"
    r"\w*domstol(?:en)?|retten|(?:tings|lagmanns|høyeste|hov|kammar|förvaltnings|tings)(?:rett|rätt)(?:en)?|"
    r"juzgado|audiencia|sąd\w*|soud\w*|bíróság\w*|raad\s+van\s+state|conseil\s+d['’]état|consiglio\s+di\s+stato|"
    r"supremo|areios\s+pagos|συμβούλιο\s+της\s+επικρατείας|δικαστήρι\w+)(?![\w\-])")


# A data protection authority's name in the languages of the reports, whether or not the gazetteer knows it.
_AUTHORITY = re.compile(
    r"(?i)data\s+protection\s+(?:authority|agency|commission|commissioner|office|inspectorate|board)|privacy\s+"
    r"(?:commission|commissioner|watchdog|authority|regulator)|information\s+commissioner|datenschutz(?:behörde|"
    r"beauftragte|aufsicht|konferenz)|protection\s+des\s+données|protezione\s+dei\s+dati|protección\s+de\s+datos|"
    r"proteção\s+de\s+dados|gegevensbescherming|persoonsgegevens|ochrony\s+danych|datatilsyn|datainspektion|"
    r"integritetsskydd|tietosuoja|persónuvernd|adatvédelm|ochrany\s+osobních|varstvo\s+osebnih|zaštit[eu]\s+osobnih|"
    r"προστασίας\s+(?:των\s+)?(?:προσωπικών\s+)?δεδομένων")


def is_authority(name: str) -> bool:
    """Whether a name is a data protection authority's (the issuer, never the target), known to the
    gazetteer or not.

    >>> is_authority("Cyprus Data Protection Commissioner"), is_authority("Landesdatenschutzbeauftragte")
    (True, True)
    >>> is_authority("Protection Services Ltd"), is_authority("DPC"), is_authority("DPC Logistics")
    (False, True, False)
    """
    # ... or the generic acronym alone ("The DPC said", "the lead DPA"), whichever country it serves
    return bool(_AUTHORITY.search(name) or re.fullmatch(r"DPC|DPA|LSA|DPAs", name))


def is_court(name: str) -> bool:
    """Whether a name is a court's (courts confirm, cut or annul sanctions; they are no targets).

    >>> is_court("Federal Court"), is_court("Bundesverwaltungsgericht"), is_court("Retten i Roskilde")
    (True, True, True)
    >>> is_court("Courtyard Hotels"), is_court("Barrett Holdings"), is_court("Hofmann AG")
    (False, False, False)
    """
    return bool(_COURT.search(name))


# The kinds of public body written before their name, with a connector ("Município de Baião",
# "AYUNTAMIENTO DE MADRID", "la commune de Kourou", "University of Limerick", "Instituto Nacional de Estatística").
_KIND_BEFORE = (
    r"Munic[ií]pio|Câmara\s+Municipal|Universidade|Universidad|Università|Université|Universiteit|University|"
    r"Ayuntamiento|AYUNTAMIENTO|Consejería|Diputación|Ospedale|Azienda\s+(?:Sanitaria|Ospedaliera|Socio[\s\-]Sanitaria)"
    r"(?:\s+Locale)?|Istituto|Centre\s+hospitalier|Hôpital|Mairie|[Cc]ommune|[Vv]ille|Département|"
    r"Conseil\s+(?:départemental|régional)|[Pp]rovincie|[Υυ]πουργεί\w+|Δήμο\w+"
)
# ... and those often written without one ("Instituto Nacional de Estatística", "Region Uppsala", "Urząd Miasta").
_KIND_BARE = (
    r"Instituto|Centro\s+Hospitalar|Hospital|Universität|Universitätsklinikum|Landratsamt|Klinikum|Krankenhaus|"
    r"Ziekenhuis|Urząd|Ministerstwo|Szpital|Gmina|Uniwersytet|Starostwo|Ministerstvo|Nemocnice|Region|Landstinget"
)
_CONNECTOR = r"(?:(?i:de|do|da|dos|das|di|del|della|dello|dei|du|des|de\s+la|of|for|für|des|der|van|i)\s+)"
# Public bodies that are one word with their kind at the end ("Tolletaten", "Rigspolitiet", "Honvédkórház",
# "Innenministerium", "HagaZiekenhuis", "Arbeids- og velferdsetaten").
_KIND_AFTER = (r"etaten|direktoratet|departementet|politiet|styrelsen|verket|myndigheten|sykehus(?:et)?|sjukhus(?:et)?|"
               r"kórház|minisztérium|ministerium|[Kk]linikum|krankenhaus|[Zz]iekenhuis")
_FOLLOWED = r"(?:University|Hospital|Hospitals|NHS\s+(?:Foundation\s+)?Trust|(?:County|City|Borough|District)\s+Council|Police)"

MORE_PUBLIC_BODIES: list[tuple[str, str, float]] = [
    (rf"\b(?P<name>(?:{_KIND_BEFORE})\s+{_CONNECTOR}{{name}})", "public-body", 0.8),
    (rf"\b(?P<name>(?:{_KIND_BARE})\s+(?:{_CONNECTOR})?{{name}})", "public-body", 0.8),
    (rf"(?<![\w\-])(?P<name>[A-ZÆØÅÄÖÁÉÍÓÚŐŰ][\w]*(?:-\s+og\s+[a-zæøå]+)?(?:{_KIND_AFTER}))", "public-body", 0.8),
    (rf"(?P<name>{{name}}\s+{_FOLLOWED})\b", "public-body", 0.8),
]
