"""The bundled regulator gazetteer and the rules that find regulators in text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.loaders.extract.language import language_country
from enforcegraph.loaders.extract.neighbours import neighbour_country
from enforcegraph.loaders.extract.regions import find_regional, find_state_office
from enforcegraph.schema.errors import SchemaError

__all__ = ["RegulatorEntry", "RegulatorMatch", "country_words", "directs_regulator", "find_regulators", "gazetteer"]

_FIELD = r"(?:data[- ]protection|privacy|data|information|data[- ]privacy)"
_BODY = (
    r"(?:supervisory\s+authority|authority|watchdog|regulator|agency|commission|"
    r"commissioner|office|inspectorate|ombudsman|SA|DPA)"
)


@dataclass(frozen=True)
class RegulatorEntry:
    """One authority of the gazetteer."""

    id: str
    name: str
    country: str
    kind: str
    website: str
    acronym: str | None
    aliases: tuple[str, ...]
    ambiguous: frozenset[str]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by."""
        return tuple(n for n in (self.name, self.acronym, *self.aliases) if n)


@dataclass(frozen=True)
class RegulatorMatch:
    """A regulator found in text."""

    entry: RegulatorEntry
    start: int
    end: int
    confidence: float
    rule: str


@cache
def _raw() -> dict[str, Any]:
    path = resources.files("enforcegraph.loaders.extract").joinpath("regulators.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("regulators"), list):
        raise SchemaError("regulators.yaml: expected a mapping with a regulators list")
    return data


@cache
def gazetteer() -> tuple[RegulatorEntry, ...]:
    """Every authority of the bundled gazetteer."""
    entries = []
    for item in _raw()["regulators"]:
        entries.append(
            RegulatorEntry(
                id=str(item["id"]), name=str(item["name"]), country=str(item["country"]),
                kind=str(item["kind"]), website=str(item["website"]),
                acronym=str(item["acronym"]) if item.get("acronym") else None,
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                ambiguous=frozenset(str(a) for a in item.get("ambiguous") or ()),
            )
        )
    return tuple(entries)


@cache
def _regions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Regulator id -> the names and adjectives of its state (regional authorities)."""
    return tuple((str(item["id"]), tuple(str(w) for w in item["region"]))
                 for item in _raw()["regulators"] if item.get("region"))


@cache
def _other_offices() -> dict[str, re.Pattern[str]]:
    """Regulator id -> the office words that name another authority of its state."""
    return {str(item["id"]): re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(str(w)) for w in item["other_offices"]) + r")")
            for item in _raw()["regulators"] if item.get("other_offices")}


@cache
def _other_senses() -> dict[str, re.Pattern[str]]:
    """A name -> the words around it that give it another field's sense ("its ICO": a coin offering)."""
    senses = [item["other_sense"] for item in _raw()["regulators"] if item.get("other_sense")]
    return {str(s["name"]): re.compile(rf"(?i)(?:(?<!\w)(?:{s['before']})\s+$)|(?:^\s+(?:{s['after']})(?!\w))") for s in senses}


@cache
def country_words() -> dict[str, tuple[str, ...]]:
    """Country code -> the adjectives and names articles use for it."""
    return {str(k): tuple(str(w) for w in v) for k, v in _raw()["countries"].items()}


def _pattern(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(set(names), key=len, reverse=True)
    body = "|".join(
        re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]") for n in ordered
    )
    return re.compile(rf"(?<![\w&])(?:{body})(?![\w&])")


@cache
def _tables() -> tuple[dict[str, list[RegulatorEntry]], re.Pattern[str] | None,
                       re.Pattern[str] | None]:
    """Name -> entries; a pattern of case-sensitive names; one of multi-word names."""
    by_name: dict[str, list[RegulatorEntry]] = {}
    for entry in gazetteer():
        for name in entry.names:
            entries = by_name.setdefault(_key(name), [])
            if entry not in entries:  # "CNIL" and "Cnil": one authority, not two
                entries.append(entry)
    single = [n for e in gazetteer() for n in e.names if " " not in n]
    multi = [n for e in gazetteer() for n in e.names if " " in n]
    single_re = _pattern(single)
    multi_body = _pattern(multi)
    multi_re = re.compile(multi_body.pattern, re.IGNORECASE) if multi_body else None
    return by_name, single_re, multi_re


def _descriptor() -> re.Pattern[str]:
    words = sorted({w for ws in country_words().values() for w in ws}, key=len, reverse=True)
    country = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"(?<!\w)(?P<country>{country})(?:['’]s?)?\s+(?i:(?:federal|national|state)\s+)?(?:(?i:(?P<competition>competition|antitrust)|"
        rf"(?:personal\s+)?{_FIELD})\s+(?i:(?:protection\s+)?{_BODY})|DPA|SA)(?!\w)"
    )


@cache
def _local_descriptor() -> re.Pattern[str]:
    """The same in French, German, Italian, Dutch, Spanish, Portuguese, the Nordic languages and
    Polish: "Frankreichs Datenschutzbehörde", "l'autorité irlandaise de protection des données",
    "det irske datatilsynet", "o regulador irlandês"."""
    words = sorted({w for ws in country_words().values() for w in ws}, key=len, reverse=True)
    country = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"(?<!\w)(?:(?P<country>{country})\s+(?i:Datenschutzbehörde|Datenschutzaufsicht\w*|"
        r"Datenschutzbeauftragte[nr]?|Datenschutz-Aufsichtsbehörde|privacytoezichthouder|privacywaakhond|"
        r"toezichthouder|evenknie|"
        # Danish, Norwegian, Swedish, Polish: "det irske datatilsyn", "irlandzki organ nadzorczy"
        r"datatilsyn(?:et)?|dataskyddsmyndighet(?:en)?|integritetsskyddsmyndighet(?:en)?|tilsynsmyndighed(?:en)?|"
        r"organ\s+nadzorczy|urząd\s+ochrony\s+danych)"
        r"|(?i:l['’]autorité|le\s+régulateur|le\s+gendarme|l['’]autorità|il\s+Garante|la\s+autoridad(?:\s+de\s+control)?|"
        r"a\s+autoridade(?:\s+de\s+controlo)?|o\s+regulador|el\s+regulador|"
        rf"la\s+agencia)\s+(?P<country2>{country})(?i:\s+(?:de\s+(?:la\s+)?protection\s+des\s+données|"
        r"per\s+la\s+protezione\s+dei\s+dati(?:\s+personali)?|della\s+privacy|de\s+protección\s+de\s+datos|"
        r"de\s+proteção\s+de\s+dados))?"
        # "l'Autorità di controllo della Romania", "the data protection authority of Romania"
        r"|(?i:l['’]autorit[àé]|la\s+autoridad|a\s+autoridade|the\s+(?:data\s+protection\s+|privacy\s+)?(?:authority|regulator|watchdog))"
        r"(?:\s+(?i:di|de|du|per\s+la|pour\s+la|of)\s+(?i:controllo|contrôle|control|protezione\s+dei\s+dati|protection\s+des\s+données|"
        r"protección\s+de\s+datos|proteção\s+de\s+dados|data\s+protection|supervision))?\s+(?i:della|dell['’]|de\s+la|de\s+l['’]|de|du|del|da|do|of|in)\s+"
        rf"(?:the\s+)?(?P<country3>{country}))"
        r"(?!\w)"
    )


@cache
def _country_pattern() -> re.Pattern[str]:
    words = sorted({v for ws in country_words().values() for w in ws for v in (w, w[:1].upper() + w[1:])},
                   key=len, reverse=True)  # "Österreichische Post AG" mentions Austria too
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)")


def _country_of(word: str) -> str | None:
    for code, words in country_words().items():
        if word in words:
            return code
    return None


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def _raw_matches(text: str) -> Iterator[tuple[int, int, str]]:
    _, single_re, multi_re = _tables()
    taken: list[tuple[int, int]] = []
    for pattern in (multi_re, single_re):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            yield match.start(), match.end(), match.group(0)


# Official names made only of generic words ("Data Protection Commission"): names only when
# capitalised, and not when another country is named right before them.
_GENERIC = re.compile(r"(?i)(?:(?:the|national|federal|data|protection|privacy|information|personal|commission(?:er)?|"
                      r"authority|office|agency|supervisory|inspectorate|for|of|and|"
                      # the same in Spanish ("Agencia de Protección de Datos")
                      r"agencia|autoridad|de|protección|datos)\s*)+")


def _other_country(text: str, start: int, entries: list[RegulatorEntry], end: int | None = None) -> bool:
    """Whether a country other than the entries' is named just before ``start`` (or right
    after ``end``: "la Agencia de Protección de Datos de Irlanda", "... irlandesa")."""
    before = [m.group(0) for m in _country_pattern().finditer(text, max(0, start - 30), start)]
    after = [m.group(0) for m in _country_pattern().finditer(text, end, end + 16)] if end is not None else []
    return any(_country_of(w) not in {e.country for e in entries} for w in (*before[-1:], *after[:1]))


def _longer_name(text: str, start: int, entries: list[RegulatorEntry]) -> bool:
    """Whether a generic official name is the end of another body's longer name: another country's
    name or possessive right before it ("Nigeria Data Protection Commission", "Singapore's Personal Data
    Protection Commission", "Kenya's Office of the Data Protection Commissioner") or an office's ("the
    Office of the Data Protection Commissioner"); not the entries' own
    country, a city, a person's possessive or a title ("the Irish", "Dublin-based", "Helen Dixon's",
    "Deputy Commissioner of the Data Protection Commission")."""
    before = re.search(r"([A-ZÀ-Þ][\w\-]*)(['’]s)?[^\S\n]+(?:(?:of|for)[^\S\n]+(?:the[^\S\n]+)?)?$",
                       text[max(0, start - 40) : start])
    if before is None:
        return False
    if re.fullmatch(r"Office|Bureau|Agency", before.group(1)) and not before.group(2):
        return True  # "the Office of the Data Protection Commissioner": whose office, the text does not say
    code = _country_of(before.group(1))
    return code is not None and code not in {e.country for e in entries}


def _defined_after_descriptors(text: str, found: list[RegulatorMatch]) -> list[RegulatorMatch]:
    """An authority described, then abbreviated in brackets ("l'Autorité belge de la
    protection des données (APD)", "Greece's data protection authority (PDPA)"): its acronym,
    or a new one no other authority has, names it wherever the text uses it."""
    by_name, _, _ = _tables()
    hits: list[RegulatorMatch] = []
    for match in found:
        short = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[match.end : match.end + 12])
        if match.rule != "descriptor" or short is None:
            continue
        others = [e for e in by_name.get(_key(short.group(1)), []) if e != match.entry]
        if short.group(1) not in match.entry.names and (others or not short.group(1).isupper()):
            continue  # a new acronym ("Greece's Personal Data Protection Authority (PDPA)"), never another's
        for occurrence in re.finditer(rf"(?<![\w&]){re.escape(short.group(1))}(?![\w&])", text):
            hits.append(RegulatorMatch(match.entry, occurrence.start(), occurrence.end(), 0.75, "defined-abbreviation"))
    return hits


# The EU's words after an authority's name ("l'Antitrust Ue", "l'Antitrust europea", "l'Antitrust di Bruxelles").
_EU_AFTER = re.compile(r"[^\S\n]+(?:U[Ee]|EU|europe[ao]|comunitari[ao]|di\s+Bruxelles|de\s+Bruselas|de\s+Bruxelles|"
                       r"européenne|européen|europäische|europese)(?!\w)")


def _foreign_namesakes(text: str, found: list[RegulatorMatch]) -> list[RegulatorMatch]:
    """An authority's name with another country's adjective (or the EU's) after it names that country's
    authority ("la CNIL irlandaise", "l'Antitrust Ue"; "the Irish CNIL" is the descriptor rule's)."""
    result = []
    for match in found:
        after = _country_pattern().match(text, match.end + 1) if text[match.end : match.end + 1] == " " else None
        code = _country_of(after.group(0)) if after else None
        if after is None and (after := _EU_AFTER.match(text, match.end)):
            code = "EU"  # "l'Antitrust Ue / europea / di Bruxelles" is the European Commission
        candidates = [e for e in gazetteer() if e.country == code and e.kind == match.entry.kind]
        if after is None or code in (None, match.entry.country) or len(candidates) != 1:
            result.append(match)
            continue
        result.append(RegulatorMatch(candidates[0], match.start, after.end(), 0.7, "descriptor"))
    return result


def find_regulators(text: str) -> list[RegulatorMatch]:
    """Regulators named in ``text``: by name, acronym or alias, by a defined abbreviation
    ("the Dutch Data Protection Authority, or DPA"), and by description ("Italy's privacy
    watchdog"). Ambiguous names count only where the text makes them unambiguous."""
    by_name, _, _ = _tables()
    words = {m.group(0) for m in _country_pattern().finditer(text)}
    mentioned = {c for c, ws in country_words().items() if words & {v for w in ws for v in (w, w[:1].upper() + w[1:])}}
    plain: list[RegulatorMatch] = []
    pending: list[tuple[int, int, str]] = []
    for start, end, found in _raw_matches(text):
        key = _key(found)
        entries = by_name.get(key, [])
        if _GENERIC.fullmatch(found) and (found[:1].islower() or _other_country(text, start, entries, end)
                                          or _longer_name(text, start, entries)):
            continue  # "Portugal's data protection commission" is no name of Ireland's Data Protection Commission
        if (sense := _other_senses().get(found)) and (sense.search(text[max(0, start - 12) : start])
                                                       or sense.search(text[end : end + 24])):
            continue  # "over its 2017 ICO", "an ICO boom": an initial coin offering
        clear = [e for e in entries if found not in e.ambiguous and key not in
                 {a.casefold() for a in e.ambiguous}]
        if len(clear) == 1:
            exact = found in (clear[0].name, clear[0].acronym)
            plain.append(RegulatorMatch(clear[0], start, end, 0.95 if exact else 0.85, "gazetteer"))
        else:
            pending.append((start, end, found))
    defined: dict[str, RegulatorEntry] = {}
    for hit in plain:
        after = text[hit.end : hit.end + 40]
        short = re.match(r"\s*(?:\((?:(?:hierna|hereinafter|ci-après|im\s+Folgenden|di\s+seguito|en\s+adelante)"
                         r"\s*:?\s*[«\"“]?\s*)?|,\s+(?:or|the)\s+)(?:the\s+)?([A-Z][A-Za-z]{1,7})(?=[),.;:\s»\"”])", after)
        if short:
            defined[short.group(1)] = hit.entry
    written_in = language_country(text) if pending else None
    for start, end, found in pending:
        entries = by_name.get(_key(found), [])
        if _other_country(text, start, entries):
            continue  # "det irske Datatilsynet": a descriptor of another country's authority
        if found in defined and defined[found] in entries:
            plain.append(RegulatorMatch(defined[found], start, end, 0.8, "gazetteer-defined"))
            continue
        local = [e for e in entries if e.country in mentioned]
        if not found.isupper() and len(local) == 1:
            plain.append(RegulatorMatch(local[0], start, end, 0.75, "gazetteer-country"))
            continue
        # "Datatilsynet" in a Norwegian or Danish text, "ÚOOÚ" in a Czech or Slovak one
        language = neighbour_country(text, {e.country for e in entries})
        neighbour = [e for e in entries if e.country == language]
        if len(neighbour) == 1 and (not local or local == neighbour):
            plain.append(RegulatorMatch(neighbour[0], start, end, 0.75, "gazetteer-country"))
            continue
        spoken = [e for e in entries if e.country == written_in]
        if not local and len(spoken) == 1:  # "de AP" in a Dutch text, "a CNPD" in a Portuguese one
            plain.append(RegulatorMatch(spoken[0], start, end, 0.75, "gazetteer-language"))
            continue
        right_before = re.search(r"(\w+)(?:['’]s)?\s+(?:the\s+)?$", text[max(0, start - 30) : start])
        right_after = re.match(r"\s+(?:in|of|au|du|en|aus)\s+(\w+)", text[end : end + 30])  # "the CNPD in Luxembourg"
        code = _country_of(right_before.group(1)) if right_before else None
        code = code or (_country_of(right_after.group(1)) if right_after else None)
        attached = [e for e in entries if e.country == code]
        if len(attached) == 1:  # "the Irish DPC", "Ireland's DPC": the country names the acronym's authority
            plain.append(RegulatorMatch(attached[0], start, end, 0.8, "gazetteer-country"))
    for name, entry in defined.items():
        if entry in by_name.get(_key(name), []):
            continue
        for occurrence in re.finditer(rf"(?<![\w&]){re.escape(name)}(?![\w&])", text):
            plain.append(RegulatorMatch(entry, occurrence.start(), occurrence.end(), 0.75,
                                        "defined-abbreviation"))
    for described in _descriptor().finditer(text):
        if described.group(0).endswith("SA") and re.search(r"(?<!\w)(?!(?:The|An?)\s)[A-ZÀ-Þ][\w&\-]*\s+$", text[max(0, described.start() - 30) : described.start()]):
            continue  # "Vodafone España SA": a firm's country and legal form, no supervisory authority
        code = _country_of(described.group("country"))
        kind = "competition" if described.group("competition") else "data_protection"
        candidates = [e for e in gazetteer() if e.country == code and e.kind == kind]
        if len(candidates) == 1:
            plain.append(RegulatorMatch(candidates[0], described.start(), described.end(), 0.7,
                                        "descriptor"))
    for described in re.finditer(r"(?i)\b(?:the\s+)?(?:country|nation)['’]s\s+(?:own\s+)?(?:data\s+protection|privacy|data)\s+"
                                 r"(?:authority|regulator|watchdog|agency|commission)", text):
        named = [m.group(0) for m in _country_pattern().finditer(text, max(0, described.start() - 300), described.start())]
        code = _country_of(named[-1]) if named else None  # "Amazon's Luxembourg unit ... the country's authority"
        candidates = [e for e in gazetteer() if e.country == code and e.kind == "data_protection"]
        if len(candidates) == 1:
            plain.append(RegulatorMatch(candidates[0], described.start(), described.end(), 0.7, "descriptor"))
    taken = [(m.start, m.end) for m in plain]
    for described in _local_descriptor().finditer(text):
        if any(a < described.end() and described.start() < b for a, b in taken):
            continue
        code = _country_of(described.group("country") or described.group("country2") or described.group("country3"))
        candidates = [e for e in gazetteer() if e.country == code and e.kind == "data_protection"]
        if len(candidates) == 1:
            plain.append(RegulatorMatch(candidates[0], described.start(), described.end(), 0.7,
                                        "descriptor"))
    plain = _foreign_namesakes(text, plain)
    plain += _defined_after_descriptors(text, plain)
    by_id = {e.id: e for e in gazetteer()}
    others = _other_offices()
    plain += [RegulatorMatch(by_id[regulator], start, end, 0.8, "regional-office")
              for regulator, start, end in find_regional(text, _regions(), [(m.start, m.end) for m in plain])
              if regulator not in others or not others[regulator].search(text, start, end)]
    plain += [RegulatorMatch(by_id[regulator], start, end, 0.75, "regional-office")
              for regulator, start, end in find_state_office(text, _regions(), [(m.start, m.end) for m in plain])
              if regulator not in others or not others[regulator].search(text, start, end)]
    unique = {(m.start, m.end): m for m in sorted(plain, key=lambda m: m.confidence)}
    return sorted(unique.values(), key=lambda m: (m.start, -m.end))


# A regulator that directs another ("The EDPB ordered the Irish DPC to fine Meta") is neither the
# sanction's issuer nor its order's.
_DIRECTS = re.compile(r"(?i)\s*(?:(?:has|had)\s+)?(?:ordered|instructed|directed|required|told|asked|obliged|"
                      r"a\s+ordonné\s+à|ha\s+ordinato\s+al?)\s+(?:the\s+|la\s+|le\s+|l['’])?")


def directs_regulator(text: str, at: int, found: list[RegulatorMatch]) -> bool:
    """Whether a directing verb at ``at`` has one of the ``found`` regulators for its object, which
    is then to act ("ordered the Irish DPC to fine", "a ordonné à la CNIL de")."""
    verb = _DIRECTS.match(text, at)
    return verb is not None and any(
        re.fullmatch(r"(?:[A-Z][\w\-]*\s+)?", text[verb.end() : m.start])
        and re.match(r"\s+(?:to|de|di|d['’])\b", text[m.end : m.end + 6]) for m in found)

