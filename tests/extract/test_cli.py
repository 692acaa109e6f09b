"""``enforcegraph extract``: the review table, the JSON, and accepting proposals."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enforcegraph.graph.cli import main

URL = "https://techcrunch.com/2022/10/20/clearview-ai-fined-in-france"


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "g.sqlite"), *args])
    return result.exit_code, result.output


def test_review_table(tmp_path: Path, shared_data: Path) -> None:
    code, output = _run(tmp_path, "extract", str(shared_data / "seed-article" / "article.txt"),
                        "--date", "2022-10-20")
    assert code == 0, output
    for expected in ("p1", "regulator:fr-cnil", "LakPR Group", "(maximum)",
                     "mention", "comparison"):
        assert expected in output


def test_accept_needs_the_url_and_known_ids(tmp_path: Path, shared_data: Path) -> None:
    seed = str(shared_data / "seed-article" / "article.txt")
    code, output = _run(tmp_path, "extract", seed, "--accept", "all")
    assert code != 0 and "--url" in output
    code, output = _run(tmp_path, "extract", seed, "--url", URL, "--accept", "p999")
    assert code != 0 and "p999" in output
    code, output = _run(tmp_path, "stats", "--json")
    assert json.loads(output)["total_nodes"] == 0  # nothing was loaded


def test_accept_some_ids_brings_the_entities_they_need(tmp_path: Path, shared_data: Path) -> None:
    seed = str(shared_data / "seed-article" / "article.txt")
    code, output = _run(tmp_path, "extract", seed, "--url", URL, "--date", "2022-10-20", "--json")
    proposals = json.loads(output)["proposals"]
    represented = next(p["id"] for p in proposals if p["properties"].get("type") == "REPRESENTED_BY")
    code, output = _run(tmp_path, "extract", seed, "--url", URL, "--date", "2022-10-20",
                        "--accept", represented, "--json")
    assert code == 0, output
    assert json.loads(output)["loaded"]["relationships_created"] == 1
    code, output = _run(tmp_path, "stats", "--json")
    stats = json.loads(output)
    assert stats["nodes"] == {"Company": 2, "Source": 1}
    assert stats["relationships"] == {"REPRESENTED_BY": 1}


def test_amounts_are_not_accepted_alone(tmp_path: Path, shared_data: Path) -> None:
    seed = str(shared_data / "seed-article" / "article.txt")
    code, output = _run(tmp_path, "extract", seed, "--url", URL, "--json")
    amount = next(p["id"] for p in json.loads(output)["proposals"] if p["kind"] == "amount")
    code, output = _run(tmp_path, "extract", seed, "--url", URL, "--accept", amount)
    assert code != 0 and "decision" in output


def test_accept_all_takes_only_what_is_at_or_above_the_threshold(tmp_path: Path) -> None:
    report = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "dev" / "neowin-2025-dpc-tiktok.txt"
    args = ["extract", str(report), "--url", "https://example.org/r", "--date", "2025-05-02"]
    code, output = _run(tmp_path, *args, "--json")
    proposals = {p["id"]: p for p in json.loads(output)["proposals"]}
    below = {i for i, p in proposals.items() if p["confidence"] < 0.9 and p["kind"] not in ("amount", "percentage", "mention")}
    assert below, "the report has proposals under the default threshold"
    code, output = _run(tmp_path, *args, "--accept", "all", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["threshold"] == 0.9
    assert set(data["left_for_review"]) <= below and data["left_for_review"]
    decisions = [p for p in proposals.values() if p["kind"] == "decision" and p["confidence"] >= 0.9]
    code, output = _run(tmp_path, "stats", "--json")
    assert json.loads(output)["nodes"].get("Decision", 0) == len(decisions)
    lower = tmp_path / "lower"
    lower.mkdir()
    best = max(p["confidence"] for p in proposals.values() if p["kind"] == "decision")
    taken = [p for p in proposals.values() if p["kind"] == "decision" and p["confidence"] >= best]
    code, output = _run(lower, *args, "--accept", "all", "--threshold", str(best))
    assert code == 0, output
    code, output = _run(lower, "stats", "--json")
    assert json.loads(output)["nodes"].get("Decision", 0) == len(taken)
    code, output = _run(tmp_path, *args, "--accept", "all", "--threshold", "0")
    assert code == 0 and "nothing left for review" in output
