"""A deterministic synthetic graph of realistic shape, for benchmarks and scale tests.

Firms across ~60 jurisdictions (a configurable share with no EU establishment),
~100 regulators, the 99 GDPR articles, decisions infringing 1-6 articles drawn from a
skewed distribution, log-normal fines in several currencies, PR agencies, officers,
statements and sources. The same ``(firms, seed)`` always gives the same records.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from enforcegraph.schema.records import Batch, NodeRecord, RelationshipRecord

__all__ = ["SynthConfig", "synth_batches"]

EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
OTHER = ["GB", "US", "CA", "AU", "CH", "NO", "IS", "LI", "JP", "KR", "CN", "IN", "BR", "MX", "AR", "ZA", "NG", "EG", "IL", "TR", "AE", "SA", "SG", "HK", "TW", "NZ", "RU", "UA", "RS", "MA", "KE", "CL", "CO"]
CURRENCY = {"GB": "GBP", "NO": "NOK", "SE": "SEK", "DK": "DKK", "PL": "PLN", "CZ": "CZK",
            "HU": "HUF", "RO": "RON", "BG": "BGN", "CH": "CHF", "US": "USD", "CA": "CAD",
            "AU": "AUD", "JP": "JPY", "KR": "KRW"}
SOURCE = "source:synth"


@dataclass(frozen=True)
class SynthConfig:
    """Size and shape of the synthetic graph."""

    firms: int
    seed: int = 1
    no_eu_share: float = 0.2
    regulators: int = 100
    chunk_firms: int = 20_000


def _node(node_id: str, label: str, **props: object) -> NodeRecord:
    return NodeRecord(node_id, label, {**props, "sources": [SOURCE]})


def _rel(rel_type: str, start: str, end: str, key: str = "", **props: object) -> RelationshipRecord:
    return RelationshipRecord(rel_type, start, end, {**props, "sources": [SOURCE]}, key)


def _date(rng: random.Random, first: int = 2018, last: int = 2025) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _base(config: SynthConfig, rng: random.Random) -> tuple[Batch, list[tuple[str, str]]]:
    batch = Batch()
    batch.nodes.append(NodeRecord(SOURCE, "Source", {"url": "https://synth.enforcegraph.invalid/",
                                                     "title": "Synthetic data (enforcegraph synth)"}))
    batch.nodes.append(_node("jurisdiction:eu", "Jurisdiction", name="European Union", code="EU",
                             kind="union"))
    for code in EU + OTHER:
        batch.nodes.append(_node(f"jurisdiction:{code.lower()}", "Jurisdiction", name=code,
                                 code=code, kind="country"))
    for code in EU:
        batch.relationships.append(_rel("MEMBER_OF", f"jurisdiction:{code.lower()}",
                                        "jurisdiction:eu", valid_from="1995-01-01"))
    batch.relationships.append(_rel("MEMBER_OF", "jurisdiction:gb", "jurisdiction:eu",
                                    valid_from="1973-01-01", valid_to="2020-01-31"))
    batch.nodes.append(_node("law:gdpr", "Law", name="General Data Protection Regulation",
                             short_name="GDPR", country="EU"))
    for number in range(1, 100):
        article = f"article:gdpr-{number}"
        batch.nodes.append(_node(article, "LegalArticle", citation=f"GDPR Art. {number}",
                                 number=str(number)))
        batch.relationships.append(_rel("PART_OF", article, "law:gdpr"))
    regulators = []
    countries = EU + OTHER[:12]
    for index in range(config.regulators):
        code = countries[index % len(countries)]
        regulator = f"regulator:{code.lower()}-synth-{index}"
        regulators.append((regulator, code))
        batch.nodes.append(_node(regulator, "Regulator", name=f"Synthetic Authority {index} ({code})",
                                 country=code, kind="data_protection"))
        batch.relationships.append(_rel("COVERS", regulator, f"jurisdiction:{code.lower()}"))
        batch.relationships.append(_rel("ENFORCES", regulator, "law:gdpr"))
    agencies = max(1, config.firms // 200)
    for index in range(agencies):
        batch.nodes.append(_node(f"company:synth-pr-{index}", "Company", name=f"Synthetic PR {index}",
                                 country=rng.choice(OTHER), roles=["pr_agency"]))
    return batch, regulators


def _articles(rng: random.Random) -> list[int]:
    count = min(6, 1 + int(rng.expovariate(0.9)))
    weights = [1.0 / rank for rank in range(1, 100)]
    return sorted(set(rng.choices(range(1, 100), weights=weights, k=count)))


def _firm(index: int, config: SynthConfig, rng: random.Random,
          regulators: list[tuple[str, str]], batch: Batch) -> None:
    firm = f"company:synth-{index}"
    no_eu = rng.random() < config.no_eu_share
    country = rng.choice(OTHER) if no_eu else rng.choice(EU)
    batch.nodes.append(_node(firm, "Company", name=f"Synthetic Firm {index}", country=country,
                             aliases=[f"SF{index}"]))
    batch.relationships.append(_rel("INCORPORATED_IN", firm, f"jurisdiction:{country.lower()}"))
    if not no_eu:
        since = _date(rng, 2000, 2024)
        props = {"valid_from": since}
        if rng.random() < 0.1:
            props["valid_to"] = _date(rng, int(since[:4]) + 1, 2026)
        batch.relationships.append(_rel("HAS_ESTABLISHMENT", firm, f"jurisdiction:{country.lower()}",
                                        **props))
    if rng.random() < 0.05:
        agency = f"company:synth-pr-{rng.randrange(max(1, config.firms // 200))}"
        batch.relationships.append(_rel("REPRESENTED_BY", firm, agency, role="pr"))
    if rng.random() < 0.3:
        person = f"person:synth-{index}"
        batch.nodes.append(_node(person, "Person", name=f"Officer {index}"))
        batch.relationships.append(_rel("OFFICER_OF", person, firm, role="CEO"))
    for number in range(int(rng.expovariate(1.0) * 1.2)):
        _decision(f"{index}-{number}", firm, rng, regulators, batch)


def _decision(key: str, firm: str, rng: random.Random, regulators: list[tuple[str, str]],
              batch: Batch) -> None:
    regulator, code = regulators[min(len(regulators) - 1, int(rng.paretovariate(1.2)) - 1)]
    decision, sanction = f"decision:synth-{key}", f"sanction:synth-{key}"
    batch.nodes.append(_node(decision, "Decision", kind="fine_decision", ref=f"SYN-{key}",
                             date=_date(rng), status="final"))
    currency = CURRENCY.get(code, "EUR")
    amount = round(rng.lognormvariate(11.5, 2.0), 2)
    props: dict[str, object] = {"kind": "fine", "amount": amount, "currency": currency}
    if currency == "EUR":
        props["amount_eur"] = amount
    batch.nodes.append(_node(sanction, "Sanction", **props))
    batch.relationships += [
        _rel("ISSUED", regulator, decision),
        _rel("AGAINST", decision, firm),
        _rel("IMPOSES", decision, sanction),
        _rel("AGAINST", sanction, firm),
    ]
    for number in _articles(rng):
        batch.relationships.append(_rel("INFRINGES", decision, f"article:gdpr-{number}",
                                        key=str(number), provision=str(number)))
    if rng.random() < 0.02:
        statement = f"statement:synth-{key}"
        batch.nodes.append(_node(statement, "Statement", text=f"We disagree with decision {key}.",
                                 claims=["The law does not apply to us."]))
        batch.relationships += [_rel("ABOUT", statement, decision),
                                _rel("MADE_BY", statement, firm),
                                _rel("CONTRADICTED_BY", statement, decision)]


def synth_batches(config: SynthConfig) -> Iterator[Batch]:
    """The synthetic graph as batches: shared nodes first, then firms in chunks."""
    rng = random.Random(config.seed)
    base, regulators = _base(config, rng)
    yield base
    for start in range(0, config.firms, config.chunk_firms):
        batch = Batch()
        chunk_rng = random.Random(f"{config.seed}-{start}")
        for index in range(start, min(config.firms, start + config.chunk_firms)):
            _firm(index, config, chunk_rng, regulators, batch)
        yield batch
