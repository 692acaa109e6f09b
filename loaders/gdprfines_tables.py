"""The reference tables of the GDPR fines loader (``loaders/data/gdpr_fines.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.schema.names import normalize_name

__all__ = ["LawSpec", "RegulatorSpec", "Tables", "load_tables"]

TABLES_FILE = "data/gdpr_fines.yaml"
_ACRONYM = re.compile(r"\(\s*'?([^()']+?)'?\s*\)\s*$")
GENERIC_AUTHORITIES = frozenset({"data protection authority", "authority", "unknown"})


@dataclass(frozen=True)
class RegulatorSpec:
    """One real authority."""

    id: str
    name: str
    country: str
    acronym: str | None
    aliases: tuple[str, ...]
    variants: tuple[str, ...]


@dataclass(frozen=True)
class LawSpec:
    """A national law cited instead of a GDPR article."""

    id: str
    name: str
    country: str
    url: str


@dataclass(frozen=True)
class Tables:
    """Countries, authorities, anonymous controllers, party kinds and laws."""

    countries: dict[str, str]
    regulators: tuple[RegulatorSpec, ...]
    anonymous: frozenset[str]
    public_body_words: frozenset[str]
    association_words: frozenset[str]
    legal_forms: frozenset[str]
    laws: dict[str, LawSpec]
    union_words: tuple[str, ...] = ()
    person_titles: tuple[str, ...] = ()
    anonymised_titles: tuple[str, ...] = ()

    def regulator(self, authority: str, country: str) -> RegulatorSpec | None:
        """The authority a spelling names, in that country; None if none.

        A listed variant matches after normalisation; otherwise a bracketed acronym
        ("... (AEPD)") matches the regulator of that country with that acronym.
        """
        norm = normalize_name(authority)
        for spec in self.regulators:
            if spec.country == country and norm in {normalize_name(v) for v in spec.variants}:
                return spec
        acronym = _ACRONYM.search(authority)
        if acronym:
            wanted = normalize_name(acronym.group(1))
            for spec in self.regulators:
                if spec.country == country and spec.acronym and normalize_name(spec.acronym) == wanted:
                    return spec
        return None

    def is_generic_authority(self, authority: str) -> bool:
        """An authority cell that names no particular authority."""
        return normalize_name(authority) in GENERIC_AUTHORITIES

    def is_anonymous(self, controller: str) -> bool:
        """A controller that names nobody ("Unknown", "Private individual", "Bank")."""
        return normalize_name(controller) in self.anonymous

    def party_kind(self, controller: str) -> str:
        """company, public_body or association (trade unions too), from whole words of the name.

        >>> tables = load_tables()
        >>> [tables.party_kind(n) for n in ("Sindicato Aragonés de Transporte", "Christian Trade Union",
        ...                                 "ILUNION SEGURIDAD, S.A.", "English School staff union (ESSA)")]
        ['association', 'association', 'company', 'association']
        """
        norm = f" {normalize_name(controller)} "
        if any(f" {phrase} " in norm for phrase in self.union_words):
            return "association"
        words = set(norm.split())
        if words & self.public_body_words:
            return "public_body"
        if words & self.association_words:
            return "association"
        return "company"


def _regulator(raw: dict[str, Any]) -> RegulatorSpec:
    return RegulatorSpec(
        id=str(raw["id"]),
        name=str(raw["name"]),
        country=str(raw["country"]),
        acronym=str(raw["acronym"]) if raw.get("acronym") else None,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        variants=tuple(str(v) for v in raw.get("variants") or ()),
    )


@cache
def load_tables() -> Tables:
    """The packaged tables (read once)."""
    text = resources.files("enforcegraph.loaders").joinpath(TABLES_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    return Tables(
        countries={str(k): str(v) for k, v in raw["countries"].items()},
        regulators=tuple(_regulator(r) for r in raw["regulators"]),
        anonymous=frozenset(normalize_name(str(n)) for n in raw["anonymous_controllers"]),
        public_body_words=frozenset(str(w) for w in raw["public_body_words"]),
        association_words=frozenset(str(w) for w in raw["association_words"]),
        legal_forms=frozenset(str(w) for w in raw["extra_legal_forms"]),
        union_words=tuple(normalize_name(str(w)) for w in raw["union_words"]),
        person_titles=tuple(str(w) for w in raw["person_titles"]),
        anonymised_titles=tuple(str(w) for w in raw["anonymised_titles"]),
        laws={
            str(text): LawSpec(str(v["id"]), str(v["name"]), str(v["country"]), str(v["url"]))
            for text, v in raw["national_laws"].items()
        },
    )
