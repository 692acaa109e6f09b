"""The steps after the rules, for the rules' drafts and the fallback's alike: appeals, dating
sentences, findings' citations, a month or year from the decision's sentence."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft
from enforcegraph.loaders.extract.timing import RegulatorFor, dated, periods

__all__ = ["INFRINGE", "complete"]

INFRINGE = re.compile(r"(?i)\b(?:breach\w*|infring\w*|violat\w*|contrary\s+to|fail\w*\s+to\s+comply)\b")
_APPEAL = re.compile(
    r"(?i)\b(?:will|would|plans?\s+to|intends?\s+to|intention\s+to|considering|to)\s+"
    r"(?:\w+\s+){0,2}?(?:appeal|challenge|contest|object\s+to)\b"
)
_NO_APPEAL = re.compile(
    r"(?i)\b(?:not|no|cannot|can't|never|unable\s+to|without)\s+(?:\w+\s+){0,2}?(?:appeal|challenge|contest|object\s+to)\b"
)  # "will not contest the fine"
_FINDING = re.compile(r"(?i)\b(?:found|finds|held|concluded|breach\w*|infring\w*|violat\w*|under|pursuant)\b")


def complete(ctx: Context, drafts: list[DecisionDraft], regulator_for: RegulatorFor) -> None:
    """Appeals, dating sentences, findings' citations and periods of the drafts, in that order
    (``regulator_for`` finds a sentence's issuer)."""
    _appeals(ctx, drafts)
    dated(ctx, drafts, regulator_for)
    _findings(ctx, drafts, regulator_for)
    periods(ctx, drafts)


def _findings(ctx: Context, drafts: list[DecisionDraft], regulator_for: RegulatorFor) -> None:
    """Citations in a sentence about what a regulator found belong to its decision."""
    for index, sentence in enumerate(ctx.sentences):
        cited = [c for c in ctx.citations if sentence.start <= c.start < sentence.end]
        if not cited or not _FINDING.search(sentence.text):
            continue
        found = regulator_for(ctx, index, sentence)
        draft = next((d for d in drafts if found and d.regulator == found[0]), None)
        if draft is None:
            continue
        for citation in cited:
            before = ctx.text[sentence.start : citation.start]
            item = (citation.citation, (citation.start, citation.end), bool(INFRINGE.search(before)))
            if all(c[0] != citation.citation for c in draft.cites):
                draft.cites.append(item)
        if (sentence.start, sentence.end) not in draft.spans:
            draft.spans.append((sentence.start, sentence.end))


def _appeals(ctx: Context, drafts: list[DecisionDraft]) -> None:
    for sentence in ctx.sentences:
        match = _APPEAL.search(sentence.text)
        if not match or _NO_APPEAL.search(sentence.text):
            continue
        firms = {f.name for _, f in ctx.firms_in(sentence.start, sentence.end)}
        for draft in drafts:
            if draft.appeal is None and (draft.target in firms or len(drafts) == 1):
                draft.appeal = (sentence.start + match.start(), sentence.start + match.end())
