"""Public bodies named by their kind in the languages of the reports (municipalities, ministries,
agencies, hospitals, universities, schools: they are fined like firms), and courts, which are
never the party a sanction targets."""

from __future__ import annotations

import re

__all__ = ["MORE_PUBLIC_BODIES", "court_decides", "is_authority", "is_court", "other_authority", "other_authority_acts"]

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


# Another field's authority, by its name or acronym ("The Financial Conduct Authority", "Ofcom", "the SEC", "BaFin").
_OTHER_AUTHORITY = re.compile(
    r"(?<![\w&])(?:(?!(?:The|La|Le|Les|Die|Der|Das|De|Het|Il|Lo|El|Los|This|That|Its|Their)\s)[A-Z][\w&\-]*\s+(?:(?:of|for|and|&|de|des|du|della|di|für)\s+)?){1,5}"
    r"(?:Authority|Commission|Agency|Office|Bureau|Board|Regulator|Autorité|Autorità|Behörde|Comisión|Autoridad)\b|"
    r"(?<![\w&])(?:FCA|PRA|Ofcom|Ofgem|Ofwat|CMA|SEC|FINRA|CFTC|CFPB|OCC|BaFin|Consob|AMF|ACPR|CNMV|Agcom|AGCM|DNB|AFM|"
    r"FINMA|ESMA|EBA|ECB|ASA|Arcom|CSA|Bundeskartellamt|Bundesnetzagentur)(?![\w&])")


def other_authority(before_verb: str) -> bool:
    """Whether the words before a sanction's verb name an authority of another field (not data protection), whose
    sanction it then is, not the report's one regulator's ("Ofcom fined BT Group" in a story that names the ICO).

    >>> other_authority("The Financial Conduct Authority "), other_authority("Ofcom "), other_authority("The Authority ")
    (True, True, False)
    >>> other_authority("The Irish Data Protection Commission "), other_authority("The Police Authority is also ")
    (False, False)
    """
    return any(not is_authority(m.group(0)) and len(before_verb) - m.end() < 60 and not re.search(
        r"(?i)\b(?:is|are|was|were|been|be|being)\b", before_verb[m.end() :])  # "The Police Authority is ordered to"
        for m in _OTHER_AUTHORITY.finditer(before_verb))


def other_authority_acts(text: str, start: int, at: int, regulators: list[tuple[int, int]]) -> bool:
    """Whether another field's authority is the subject of the sanction verb at ``at`` (its sentence from ``start``),
    and no known ``regulators`` span is before it or its agent ("The FCA fined X; the ICO is also looking at it")."""
    known = [a for a, b in regulators if b <= at or _BY_END.search(text, max(start, a - 8), a)]
    return not known and other_authority(text[start:at])


# A court or judge as a sanction's agent ("magistrates fined", "a judge fined", "le tribunal correctionnel a condamné").
_JUDGE = (r"(?:\w*court|cour|tribunal\w*|\w*gericht(?:e|s|shof|shofs)?|rechtbank|sąd\w*|\w*rätten|\w*retten|domstol\w*|magistrat\w*|"
          r"judge|juge|juez|giudice|Richter\w*|rechter|sędzi\w*|jury)")
_JUDGE_BEFORE = re.compile(rf"(?i)\b{_JUDGE}\b")
_BY = r"(?:by|par|dal|dalla|von|vom|door|por|av|przez)\s+(?:the\s+|la\s+|le\s+|l['’]|der\s+|de\s+|el\s+|il\s+)?"
_BY_JUDGE = re.compile(rf"(?i)[^.;]{{0,60}}?\b{_BY}(?:[\w'’\-]+\s+){{0,3}}?{_JUDGE}\b")
_BY_END = re.compile(rf"(?i)\b{_BY}$")


def court_decides(text: str, start: int, end: int, verb: tuple[int, int], regulators: list[tuple[int, int]]) -> bool:
    """Whether a court or judge is the agent of the sanction verb at ``verb`` in the sentence ``start``-``end``:
    named after the last regulator before the verb ("the ICO prosecuted X, which magistrates fined"), or by "by"
    after it ("was fined by Westminster Magistrates' Court"), with no regulator as its agent ("imposed by the CNIL").

    >>> court_decides("A judge fined X £20,000 after an ICO notice.", 0, 45, (8, 13), [(32, 35)])
    True
    >>> court_decides("The court upheld the fine imposed by the CNIL.", 0, 46, (26, 33), [(41, 45)])
    False
    """
    if any(verb[1] <= a < end and _BY_END.search(text, verb[1], a) and a - verb[1] < 60 for a, _ in regulators):
        return False
    if _BY_JUDGE.match(text, verb[1], end):
        return True
    judges = [m.end() for m in _JUDGE_BEFORE.finditer(text, start, verb[0])]
    return bool(judges) and judges[-1] > max((b for _, b in regulators if b <= verb[0]), default=-1)


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
