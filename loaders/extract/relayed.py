"""Regulators that only relay another's decision ("France's Cnil says the fine of EUR 2.4
million follows complaints ...", "according to the CNIL"): not its issuer when the story
has another regulator's decision on the same firm."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft

__all__ = ["drop_relayed"]

_SAYS_AFTER = re.compile(
    r"\s*(?:,[^,]{1,60},\s*)?(?:says|said|announced|announces|states|stated|notes|noted|reports|reported|explains|"
    r"explained|adds|added|a\s+annoncé|annonce|indique|a\s+indiqué|précise|a\s+précisé|explique|souligne|"
    r"erklärt\w*|teilt\w*\s+mit|berichtet\w*|ha\s+comunicato|comunica|informa|riferisce|meldt|zegt|dice|"
    r"afirma|señala|informó|uppger|meddelar|skriver|opplyser|oplyser)\b")
_SAYS_BEFORE = re.compile(
    r"(?i)\b(?:according\s+to|selon|laut|secondo|según|volgens|enligt|ifølge)\s+"
    r"(?:\w+['’]s\s+|the\s+|la\s+|le\s+|l['’]|der\s+|dem\s+|de\s+|il\s+|el\s+)?$")


def _relays(ctx: Context, draft: DecisionDraft) -> bool:
    """Whether every mention of the draft's regulator in its sentences is a speaker's."""
    mentions = [m for a, b in draft.spans for m in ctx.regulators_in(a, b) if m.entry.id == draft.regulator]
    return bool(mentions) and all(
        _SAYS_AFTER.match(ctx.text, m.end) or _SAYS_BEFORE.search(ctx.text, max(0, m.start - 40), m.start)
        for m in mentions)


def drop_relayed(ctx: Context, drafts: list[DecisionDraft]) -> list[DecisionDraft]:
    """Without the drafts whose regulator only speaks of a decision on a firm that another
    regulator's draft sanctions."""
    return [d for d in drafts if not (d.target and _relays(ctx, d) and any(
        o is not d and o.regulator != d.regulator and o.target == d.target and not _relays(ctx, o) for o in drafts))]
