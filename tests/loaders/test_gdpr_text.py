"""The bundled gdpr-text dataset: regenerated identically, complete, cleaned, loadable."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path
from types import ModuleType

from enforcegraph.graph.store.base import GraphStore
from enforcegraph.loaders.datasets import dataset_batch, is_dataset, list_datasets
from enforcegraph.loaders.gdprtext import DATA_FILE, gdpr_text_batch

REPO = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gdpr_text", REPO / "scripts" / "build_gdpr_text.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_the_same_file(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "gdpr_text.json.gz"
    assert _script().main([str(shared_data / "gdpr-text" / "gdpr_text.tsv"), str(out)]) == 0
    packaged = resources.files("enforcegraph.loaders").joinpath(DATA_FILE).read_bytes()
    assert out.read_bytes() == packaged


def test_cleaning_removes_stray_sentence_numbers() -> None:
    clean = _script().clean_text
    assert clean("applies. 2Regulation (EC)") == "applies. Regulation (EC)"
    assert clean("child.3Member States") == "child. Member States"
    assert clean("1‘recipient’ means") == "‘recipient’ means"
    assert clean("Article 6(1) and 45/2001 ") == "Article 6(1) and 45/2001"


def test_the_dataset_is_listed() -> None:
    assert is_dataset("gdpr-text")
    names = {d.name: d for d in list_datasets()}
    assert "gdpr-text" in names and names["gdpr-text"].path.name == "gdpr_text.json.gz"


def test_law_chapters_and_99_articles() -> None:
    batch = gdpr_text_batch()
    by_id = {n.id: n for n in batch.nodes}
    law = by_id["law:gdpr"].properties
    assert law["reference"] == "Regulation (EU) 2016/679" and law["short_name"] == "GDPR"
    assert by_id["source:eur-lex-gdpr"].properties["url"] == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    articles = [n for n in batch.nodes if n.label == "LegalArticle"]
    assert [a.id for a in articles] == [f"article:gdpr-{n}" for n in range(1, 100)]
    assert len({a.properties["chapter"] for a in articles}) == 11
    art32 = by_id["article:gdpr-32"].properties
    assert art32["citation"] == "GDPR Art. 32" and art32["number"] == "32"
    assert art32["title"] == "Security of processing"
    assert art32["chapter"] == "Chapter IV: Controller and processor"
    assert len(art32["paragraphs"]) == 4 and art32["text"].startswith("Taking into account")
    assert by_id["article:gdpr-93"].properties["title"] == "Committee procedure"
    stray = re.compile(r"(?:^|[\s.])\d{1,2}[A-Z‘]", re.MULTILINE)
    assert not [a.id for a in articles if stray.search(a.properties["text"])]
    assert "Regulation (EC) No 45/2001 applies. Regulation (EC)" in by_id["article:gdpr-2"].properties["text"]
    part_of = [r for r in batch.relationships if r.type == "PART_OF"]
    assert len(part_of) == 99 and {r.end for r in part_of} == {"law:gdpr"}


def test_loads_idempotently_and_articles_are_searchable(store: GraphStore) -> None:
    first = store.upsert(dataset_batch("gdpr-text"))
    assert first.nodes_created == 102 and first.relationships_created == 99
    assert not store.upsert(dataset_batch("gdpr-text")).changed
    assert [n.id for n in store.search("Security of processing", ["LegalArticle"])][:1] == ["article:gdpr-32"]
    assert store.get("article:gdpr-5") is not None


def test_article_text_is_searchable_with_a_contains_filter(store: GraphStore) -> None:
    from enforcegraph.graph.store.base import PropertyFilter

    store.upsert(dataset_batch("gdpr-text"))
    hits = store.find("LegalArticle", [PropertyFilter("text", "contains", "PSEUDONYMISATION and encryption")])
    assert "article:gdpr-32" in {n.id for n in hits}
