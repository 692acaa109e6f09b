"""The reference tables of the GDPRhub loaders (``loaders/data/gdprhub_issuers.yaml``):
countries, the euro area, issuers (authorities and courts), placeholders, party words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.schema.ids import slugify
from enforcegraph.schema.names import normalize_name

__all__ = ["Issuer", "PartyWords", "Tables", "load_tables"]

TABLES_FILE = "data/gdprhub_issuers.yaml"
_TRAILING_COUNTRY = re.compile(r"\s*\(([^()]+)\)\s*$")
_COUNTRY_ABBREVIATIONS = {"UK": "United Kingdom"}


@dataclass(frozen=True)
class Issuer:
    """Who issued a decision: a Regulator or a Court node."""

    id: str
    label: str  # Regulator or Court
    name: str
    country: str
    kind: str  # regulator_kind or court_kind
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    by_rule: bool = False  # a court named by the generic rule, not the table
    imposes_fines: bool = True  # False: a fine listed on its decision is another's (the EDPB)

    @property
    def key(self) -> str:
        """The id without its prefix (``fr-cnil``, ``eu-cjeu``): part of decision ids."""
        return self.id.split(":", 1)[1]


@dataclass(frozen=True)
class PartyWords:
    """Compiled word lists that class a party (see the yaml's ``parties``)."""

    complainant: re.Pattern[str]
    controller: re.Pattern[str]
    organisations: frozenset[str]
    organisation_words: re.Pattern[str]
    authority: re.Pattern[str]
    anonymous: re.Pattern[str]
    descriptors: frozenset[str]


_REMARK = re.compile(r"\(([^()]*)\)")
_X_RUN = re.compile(r"x{3,}")


def _words(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Tables:
    """Everything the GDPRhub loaders look up."""

    countries: dict[str, str]
    euro_since: dict[str, str]
    dpa_labels: dict[str, Issuer]
    court_labels: dict[str, Issuer]
    cjeu_labels: frozenset[str]
    placeholders: frozenset[str]
    authority_names: frozenset[str]
    party_words: PartyWords
    largest_fine_eur: float
    ref_placeholders: frozenset[str] = frozenset()
    national_currencies: dict[str, str] | None = None

    def is_placeholder(self, text: str) -> bool:
        """A cell that says nothing (``'-``, ``N/A``, ``Unknown``)."""
        return text.strip().lower() in self.placeholders

    def is_ref_placeholder(self, case: str) -> bool:
        """A case cell that gives no case number (rule ``ref-placeholder``): a placeholder
        ("Not available", "unbekannt", "XXXXXXXXX"), alone or before a remark in brackets
        ("Not public (27/01/2021)"), or a name followed by "(no case number)"."""
        norm = normalize_name(case)
        head = normalize_name(_REMARK.sub(" ", case))
        remarks = {normalize_name(r) for r in _REMARK.findall(case)}
        return (self.is_placeholder(case) or not norm or bool(_X_RUN.fullmatch(norm))
                or bool({norm, head} & self.ref_placeholders) or bool(remarks & self.ref_placeholders))

    def country(self, jurisdiction: str) -> str | None:
        """ISO code of a Jurisdiction cell; None if unknown."""
        return self.countries.get(jurisdiction.strip())

    def issuer(self, decision_by: str, jurisdiction: str) -> Issuer | None:
        """The issuer a ``Decision by`` cell names; None if the tables cannot tell.

        ``DPA: <label>`` and ``Court: <label>`` are looked up by label; a court label not
        listed gets the rule ``court:<country>-<slug>`` when the jurisdiction is known.
        """
        text = decision_by.strip()
        if text in self.cjeu_labels:
            return self.court_labels.get("CJEU")
        kind, _, label = text.partition(":")
        label = label.strip()
        if kind.strip() == "DPA":
            return self.dpa_labels.get(label)
        if kind.strip() != "Court" or not label or self.is_placeholder(label):
            return None
        if label in self.court_labels:
            return self.court_labels[label]
        country = self.country(jurisdiction)
        if country is None:
            return None
        name = label
        trailing = _TRAILING_COUNTRY.search(label)
        if trailing and self.countries.get(_COUNTRY_ABBREVIATIONS.get(
                trailing.group(1).strip(), trailing.group(1).strip())) == country:
            name = label[: trailing.start()].strip()
        if name in self.court_labels:
            return self.court_labels[name]
        slug = slugify(name)
        if not slug:
            return None
        return Issuer(f"court:{country.lower()}-{slug}", "Court", name, country, "court", by_rule=True)

    def fine_currencies(self, country: str, day: str | None) -> set[str] | None:
        """The currencies an issuer of ``country`` fines in on ``day`` (or an unknown day):
        EUR and, outside the euro area, its own; None when the tables do not know the
        country's currency.

        >>> tables = load_tables()
        >>> tables.fine_currencies("ES", "2022-05-01"), sorted(tables.fine_currencies("HR", "2021-03-01"))
        ({'EUR'}, ['EUR', 'HRK'])
        """
        national = (self.national_currencies or {}).get(country)
        if national is not None and not self.in_euro_area(country, day):
            return {"EUR", national}
        if country in self.euro_since:
            return {"EUR"}
        return None

    def in_euro_area(self, country: str, day: str | None) -> bool:
        """Whether ``country`` had the euro on ``day`` (a full or partial ISO date)."""
        since = self.euro_since.get(country)
        return since is not None and day is not None and day >= since[: len(day)]


def _issuer(raw: dict[str, Any], label: str) -> Issuer:
    return Issuer(
        id=str(raw["id"]), label=label, name=str(raw["name"]), country=str(raw["country"]),
        kind=str(raw.get("kind") or ("data_protection" if label == "Regulator" else "court")),
        acronym=str(raw["acronym"]) if raw.get("acronym") else None,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        imposes_fines=bool(raw.get("imposes_fines", True)),
    )


@cache
def load_tables() -> Tables:
    """The packaged tables (read once)."""
    text = resources.files("enforcegraph.loaders").joinpath(TABLES_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    dpa: dict[str, Issuer] = {}
    court: dict[str, Issuer] = {}
    authority_names: set[str] = set()
    for entry in raw["regulators"]:
        issuer = _issuer(entry, "Regulator")
        dpa.update({str(label): issuer for label in entry.get("labels") or ()})
        court.update({str(label): issuer for label in entry.get("court_labels") or ()})
        names = [issuer.name, issuer.acronym or "", *issuer.aliases, *(entry.get("labels") or ())]
        authority_names.update(normalize_name(str(n)) for n in names if n)
    for entry in raw["courts"]:
        issuer = _issuer(entry, "Court")
        court.update({str(label): issuer for label in entry.get("labels") or ()})
        dpa.update({str(label): issuer for label in entry.get("dpa_labels") or ()})
    words = raw["parties"]
    return Tables(
        countries={str(k): str(v) for k, v in raw["countries"].items()},
        euro_since={str(k): str(v) for k, v in raw["euro_since"].items()},
        national_currencies={str(k): str(v) for k, v in raw["national_currencies"].items()},
        dpa_labels=dpa,
        court_labels=court,
        cjeu_labels=frozenset(str(x) for x in raw["cjeu_labels"]),
        placeholders=frozenset(str(p).lower() for p in raw["placeholders"]),
        ref_placeholders=frozenset(normalize_name(str(p)) for p in raw["ref_placeholders"]),
        authority_names=frozenset(authority_names),
        party_words=PartyWords(
            complainant=_words(words["complainant_words"]),
            controller=_words(words["controller_words"]),
            organisations=frozenset(normalize_name(str(o)) for o in words["complainant_organisations"]),
            organisation_words=_words(words["organisation_words"]),
            authority=_words(words["authority_words"]),
            anonymous=_words(words["anonymous_words"]),
            descriptors=frozenset(normalize_name(str(d)) for d in words["controller_descriptors"]),
        ),
        largest_fine_eur=float(raw["largest_fine_eur"]),
    )
