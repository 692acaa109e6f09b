"""The reference tables of the tracker loader (``loaders/data/tracker_authorities.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.loaders.gdprfines_tables import load_tables as load_fines_tables
from enforcegraph.schema.names import normalize_name

__all__ = ["Issuer", "TrackerTables", "load_tracker_tables"]

TABLES_FILE = "data/tracker_authorities.yaml"


@dataclass(frozen=True)
class Issuer:
    """The regulator or court an authority cell names, with the properties of its node."""

    id: str
    label: str  # Regulator or Court
    properties: dict[str, Any]
    website: str | None = None


@dataclass(frozen=True)
class TrackerTables:
    """Countries, currencies, authorities, courts and anonymous controllers."""

    countries: dict[str, str]
    currencies: dict[str, tuple[str, str | None]]
    authorities: dict[tuple[str, str], str]
    regulators: dict[str, Issuer]
    courts: dict[tuple[str, str], str]
    court_words: frozenset[str]
    anonymous: frozenset[str]
    generic_words: frozenset[str]
    person_prefixes: tuple[str, ...]
    legal_forms: frozenset[str]

    def country(self, text: str) -> str | None:
        """The ISO code of a country cell's text ("THE NETHERLANDS" -> NL)."""
        return self.countries.get(" ".join(text.upper().split()))

    def currency(self, country: str, when: str | None) -> str | None:
        """The currency the country's authorities fined in at ``when``, when not the euro
        (None: the euro). An unknown date counts as inside any ``until``."""
        found = self.currencies.get(country)
        if found is None:
            return None
        currency, until = found
        if until is not None and when is not None and when[: len(until)] > until[: len(when)]:
            return None
        return currency

    def issuer(self, country: str, authority: str) -> Issuer | None:
        """The regulator or court the authority cell names in that country; None if none."""
        key = (country, normalize_name(authority))
        if key in self.authorities:
            return self.regulators.get(self.authorities[key])
        if key in self.courts:
            return Issuer(self.courts[key], "Court",
                          {"name": " ".join(authority.split()), "country": country, "kind": "court"})
        return None

    def names_a_court(self, authority: str) -> bool:
        """The authority cell has a word that names a court (rule ``court-unknown``)."""
        return bool(set(normalize_name(authority).split()) & self.court_words)

    def is_anonymous(self, controller: str) -> bool:
        """A controller that names nobody: listed, a person described ("Natural person holding
        the position of ...", "Employee at ..."), or generic words only ("Kebab restaurant",
        "Bank (name not available at the moment)"; "Restaurant (SANTI 3000, S.L.)" names one)."""
        norm = normalize_name(controller)
        if not norm or norm in self.anonymous:  # "'-": no name at all
            return True
        if any(norm == p or norm.startswith(p + " ") for p in self.person_prefixes):
            return True
        words = norm.split()
        return bool(words) and all(w in self.generic_words for w in words)


def _regulators(raw: list[dict[str, Any]]) -> dict[str, Issuer]:
    found: dict[str, Issuer] = {}
    for spec in load_fines_tables().regulators:
        props: dict[str, Any] = {"name": spec.name, "country": spec.country, "kind": "data_protection"}
        if spec.acronym:
            props["acronym"] = spec.acronym
        if spec.aliases:
            props["aliases"] = list(spec.aliases)
        found[spec.id] = Issuer(spec.id, "Regulator", props)
    for entry in raw:
        props = {"name": str(entry["name"]), "country": str(entry["country"]), "kind": "data_protection"}
        if entry.get("acronym"):
            props["acronym"] = str(entry["acronym"])
        if entry.get("aliases"):
            props["aliases"] = [str(a) for a in entry["aliases"]]
        website = str(entry["website"])
        props["website"] = website
        found[str(entry["id"])] = Issuer(str(entry["id"]), "Regulator", props, website)
    return found


def _by_country(raw: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    return {(str(country), normalize_name(str(name))): str(target)
            for country, names in raw.items() for name, target in names.items()}


@cache
def load_tracker_tables() -> TrackerTables:
    """The packaged tables (read once); every authority maps to a described regulator."""
    text = resources.files("enforcegraph.loaders").joinpath(TABLES_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    regulators = _regulators(raw["regulators"])
    authorities = _by_country(raw["authorities"])
    missing = sorted(set(authorities.values()) - set(regulators))
    if missing:
        raise ValueError(f"{TABLES_FILE}: authorities map to undescribed regulators {missing}")
    return TrackerTables(
        countries={str(k): str(v) for k, v in raw["countries"].items()},
        currencies={str(k): (str(v["currency"]), str(v["until"]) if v.get("until") else None)
                    for k, v in raw["currencies"].items()},
        authorities=authorities,
        regulators=regulators,
        courts=_by_country(raw["courts"]),
        court_words=frozenset(str(w) for w in raw["court_words"]),
        anonymous=frozenset(normalize_name(str(n)) for n in raw["anonymous_controllers"]),
        generic_words=frozenset(normalize_name(str(w)) for w in raw["generic_words"]),
        person_prefixes=tuple(normalize_name(str(w)) for w in raw["person_prefixes"]),
        legal_forms=load_fines_tables().legal_forms,
    )
