"""The loader formats are registered and guessed from file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforcegraph.loaders.base import FORMATS, guess_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.ftm.json", "ftm"), ("x.json", "casefile"), ("cases.yaml", "casefile"),
     ("gdpr_violations.tsv", "gdpr-fines-tsv"), ("nodes.csv", "neo4j-csv")],
)
def test_guess_from_the_name(name: str, expected: str) -> None:
    assert guess_format(Path(name)) == expected


def test_a_folder_of_node_files_is_neo4j_csv(tmp_path: Path) -> None:
    (tmp_path / "nodes_Company.csv").write_text("id:ID,:LABEL\n", "utf-8")
    assert guess_format(tmp_path) == "neo4j-csv"
    assert {"casefile", "ftm", "gdpr-fines-tsv", "neo4j-csv"} <= set(FORMATS)
