"""Decisions proposed from the labelled reports, scored per field for the development and
the held-out part; never below the recorded values (``decision_baseline.json``).

The held-out reports are only iterated over: nothing of theirs but aggregate scores is
printed (see ``tests/fixtures/articles/README.md``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.evaluation import FIELDS, decision_rows, reliability, score_part
from enforcegraph.loaders.extract.labelled import labelled_names, read_labelled

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
BASELINE = Path(__file__).with_name("decision_baseline.json")
HELDOUT = "heldout-v12"  # v1 to v11 (rounds 2 to 12) were seen and moved into dev/
ABSENT = (f"held-out part absent: tests/fixtures/articles/{HELDOUT}/ is not in the tree yet (written "
          "independently and added by the lead once the rules are frozen); held-out scores NOT measured")


def _baseline() -> dict[str, Any]:
    return dict(json.loads(BASELINE.read_text("utf-8"))["parts"])


def _heldout_in_git() -> bool:
    try:
        listed = subprocess.run(["git", "ls-files", "--", str(ARTICLES / HELDOUT)], cwd=ARTICLES,
                                capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(listed.strip())


def _score(part: str) -> dict[str, Any]:
    folder = ARTICLES / part
    results = [(extract(article), gold) for article, gold in read_labelled(folder)]
    scores = score_part(results)
    pairs = scores.proposals()
    return {
        "reports": len(results),
        "fields": {f: (scores.field_share(f), *scores.field_counts(f)) for f in FIELDS},
        "fully_right": (scores.fully_right, *scores.counts),
        "reliability": reliability(pairs),
        "confident_wrong": sum(1 for conf, right in pairs if conf >= 0.9 and not right),
        "confident": sum(1 for conf, _ in pairs if conf >= 0.9),
    }


def _absent_part(part: str, folder: Path, recorded: bool, in_git: bool) -> str | None:
    """Why a part cannot be scored, or None when it can: "skip: ..." only for a held-out part
    that is nowhere yet (not in the tree, not in git, no recorded scores); else "fail: ..."."""
    if folder.is_dir() and labelled_names(folder):
        return None
    if part == HELDOUT and not folder.exists() and not recorded and not in_git:
        return "skip: " + ABSENT
    state = "has no labelled report (NAME.txt with NAME.gold.json)" if folder.is_dir() else "is missing"
    why = ("it is in git" if in_git else "") + (" and " if in_git and recorded else "") + (
        f"{BASELINE.name} records its scores" if recorded else "")
    return f"fail: the {part} part ({folder}) {state}" + (f", but {why}" if why else "")


@pytest.mark.parametrize("part", ["dev", HELDOUT])
def test_decision_scores_not_below_recorded(part: str, decision_report: dict[str, Any]) -> None:
    folder = ARTICLES / part
    recorded = _baseline().get(part)
    absent = _absent_part(part, folder, recorded is not None, part == HELDOUT and _heldout_in_git())
    if absent is not None:
        if absent.startswith("skip: "):
            decision_report[part] = {"absent": ABSENT}
            pytest.skip(ABSENT)
        pytest.fail(absent.removeprefix("fail: "))
    decision_report[part] = found = _score(part)
    if recorded is None:
        pytest.fail(f"no recorded scores for the {part} part in {BASELINE.name}")
    worse = [f"{name}: {found['fields'][name][0]:.3f} < recorded {value:.3f}"
             for name, value in recorded["fields"].items() if found["fields"][name][0] < value - 1e-9]
    if found["fully_right"][0] < recorded["fully_right"] - 1e-9:
        worse.append(f"fully right: {found['fully_right'][0]:.3f} < recorded {recorded['fully_right']:.3f}")
    if found["confident_wrong"] > recorded.get("confident_wrong", found["confident_wrong"]):
        worse.append(f"wrong proposals at confidence >= 0.9: {found['confident_wrong']} > recorded {recorded['confident_wrong']}")
    assert not worse, "\n".join(worse)


def test_an_absent_heldout_part_is_reported_and_an_empty_one_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A report.", "utf-8")
    (tmp_path / "a.gold.json").write_text("{}", "utf-8")
    assert _absent_part(HELDOUT, tmp_path, False, False) is None
    missing, empty = tmp_path / "missing", tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("to come", "utf-8")
    assert _absent_part(HELDOUT, missing, False, False) == "skip: " + ABSENT
    assert _absent_part(HELDOUT, empty, False, True) == (
        f"fail: the {HELDOUT} part ({empty}) has no labelled report (NAME.txt with NAME.gold.json), but it is in git")
    assert _absent_part(HELDOUT, missing, True, False) == (
        f"fail: the {HELDOUT} part ({missing}) is missing, but {BASELINE.name} records its scores")
    assert _absent_part(HELDOUT, empty, False, False).startswith("fail: ")  # a folder with no report
    assert _absent_part("dev", missing, False, False) == f"fail: the dev part ({missing}) is missing"


def test_the_development_part_covers_the_issue() -> None:
    names = labelled_names(ARTICLES / "dev")
    golds = [gold for _, gold in read_labelled(ARTICLES / "dev")]
    assert len(names) >= 30
    authorities = [g for g in golds if g.get("source_kind") == "authority" and g.get("language") != "en"]
    assert len(authorities) >= 6, "at least six authorities' own releases in their language"
    for gold in golds:
        assert gold["url"].startswith(("https://", "http://")) and gold["date"] and gold["publisher"]
        for decision in gold["decisions"]:
            assert {"regulator", "against", "sanction", "amount", "currency"} <= set(decision)
    others = [d for g in golds for d in g["decisions"] if d.get("role") == "other"]
    assert len(others) >= 5, "earlier decisions, comparisons and fines on other firms"


def _decisions(name: str) -> list[tuple[str | None, str | None, str | None, Any, Any]]:
    """(regulator id, target name, kind, amount, currency) of each decision proposed."""
    from enforcegraph.loaders.extract.labelled import read_one

    return decision_rows(extract(read_one(ARTICLES / "dev", name)[0]))


def test_the_issues_failure_classes_on_their_dev_reports() -> None:
    # "fined ChatGPT maker OpenAI": one decision, against the maker, the order folded in
    assert _decisions("menafn-2024-garante-openai") == [("regulator:it-garante", "OpenAI", "fine", 15000000, "EUR")]
    # the EUR 530 million decision recalls the 345 million of 2023: two decisions, never merged
    assert sorted(_decisions("neowin-2025-dpc-tiktok"), key=lambda d: -d[3]) == [
        ("regulator:ie-dpc", "TikTok", "fine", 530000000, "EUR"), ("regulator:ie-dpc", "TikTok", "fine", 345000000, "EUR")]
    # "&" and a long legal form; the exact figure over "35.3 Million Euro"
    assert _decisions("edpb-2020-hmbbfdi-hm") == [
        ("regulator:de-hh-hmbbfdi", "H&M Hennes & Mauritz Online Shop A.B. & Co. KG", "fine", 35258707.95, "EUR")]
    # "Luxembourg's data protection authority, the CNPD" fining "Amazon's European unit",
    # compared with the CNIL's 50 million on Google: two decisions, conversions no fines
    assert _decisions("passwordprotected-2021-cnpd-amazon") == [
        ("regulator:lu-cnpd", "Amazon Europe Core S.à r.l.", "fine", 746000000, "EUR"),
        ("regulator:fr-cnil", "Google", "fine", 50000000, "EUR")]
