"""The model file is consistent and every layer derives from it."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from enforcegraph.loaders.datasets import list_datasets
from enforcegraph.schema.ids import make_id, relationship_id, slugify
from enforcegraph.schema.jsonschema import case_file_json_schema
from enforcegraph.schema.model import load_model
from enforcegraph.schema.names import normalize_name
from enforcegraph.schema.types import check_value


def test_model_has_the_design_labels_and_types() -> None:
    model = load_model()
    for label in ("Company", "Person", "Regulator", "Jurisdiction", "Law", "LegalArticle",
                  "Decision", "Sanction", "Statement", "Source"):
        assert label in model.labels
    for rel in ("ISSUED", "AGAINST", "IMPOSES", "INFRINGES", "CITES", "PART_OF", "ENFORCES",
                "COVERS", "MEMBER_OF", "INCORPORATED_IN", "HAS_ESTABLISHMENT", "REPRESENTED_BY",
                "OFFICER_OF", "MADE_BY", "ISSUED_VIA", "ABOUT", "CONTRADICTED_BY", "APPEAL_OF"):
        assert rel in model.relationships
    prefixes = [spec.prefix for spec in model.labels.values()]
    assert len(prefixes) == len(set(prefixes))


@pytest.mark.parametrize(
    ("prop", "value", "ok"),
    [
        ("date", "2022-10-17", True),
        ("date", "2024-07", True),
        ("date", "31/31/2020", False),
        ("date", "2020-02-30", False),
        ("country", "FR", True),
        ("country", "EU", True),
        ("country", "XX", False),
        ("currency", "EUR", True),
        ("currency", "EURO", False),
        ("currency", ["EUR"], False),
        ("currency", {"code": "EUR"}, False),
        ("amount", 20_000_000, True),
        ("amount", -1, False),
        ("amount", float("nan"), False),
        ("amount", True, False),
        ("url", "https://www.cnil.fr/", True),
        ("url", "ftp://x", False),
    ],
)
def test_property_types(prop: str, value: object, ok: bool) -> None:
    model = load_model()
    specs = {
        "date": model.labels["Decision"].properties["date"],
        "country": model.labels["Regulator"].properties["country"],
        "currency": model.labels["Sanction"].properties["currency"],
        "amount": model.labels["Sanction"].properties["amount"],
        "url": model.labels["Source"].properties["url"],
    }
    assert (check_value(model, specs[prop], value) is None) is ok


def test_ids_are_deterministic_and_readable() -> None:
    assert make_id("company", "Clearview AI") == "company:clearview-ai"
    assert make_id("decision", "fr-cnil", "SAN-2022-019") == "decision:fr-cnil-san-2022-019"
    assert slugify("Hoan Ton-That") == "hoan-ton-that"
    assert relationship_id("INFRINGES", "decision:a", "article:gdpr-5", "5(1)(a)").endswith("#5(1)(a)")


def test_name_normalisation_is_case_accent_and_punctuation_insensitive() -> None:
    assert normalize_name("CLEARVIEW AI, Inc.") == normalize_name("clearview ai inc")
    assert normalize_name("Libertés") == "libertes"


def test_bundled_case_files_satisfy_the_json_schema() -> None:
    schema = case_file_json_schema(load_model())
    jsonschema.Draft202012Validator.check_schema(schema)
    for dataset in list_datasets():
        if dataset.path.suffix == ".yaml":
            document = yaml.safe_load(dataset.path.read_text("utf-8"))
            jsonschema.validate(document, schema)
