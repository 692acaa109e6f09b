"""The exact figure of a fine preferred to a rounded one written elsewhere in the story
("nearly 5 million zlotys" in the lead, "4,911,732 zł" in the decision's list)."""

from __future__ import annotations

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft, SanctionDraft
from enforcegraph.loaders.extract.several import exactness, rounded_same

__all__ = ["prefer_exact"]


def _close(exact: float | int, sanction: SanctionDraft) -> bool:
    """The exact figure rounds to the sanction's (or lies within a tenth of an approximate one)."""
    assert sanction.amount is not None
    if sanction.approximate:
        return abs(float(exact) - float(sanction.amount)) <= float(sanction.amount) / 10
    return rounded_same(exact, sanction.amount)


def prefer_exact(ctx: Context, drafts: list[DecisionDraft]) -> None:
    """A round fine (two significant digits at most) takes the story's one exact figure of it:
    a plain amount in the same currency, no conversion, ceiling or total, that no other
    sanction of the story carries; with two such figures nothing changes."""
    taken = {(s.amount, s.currency) for d in drafts for s in d.sanctions if s.amount is not None}
    for draft in drafts:
        for sanction in draft.sanctions:
            if sanction.amount is None or exactness(sanction.amount) > 2:
                continue
            found = [m for m in ctx.money if m.currency == sanction.currency and m.meaning == "amount"
                     and m.conversion_of is None and not m.approximate and not m.doubtful
                     and exactness(m.amount) > exactness(sanction.amount) + 1
                     and (m.amount, m.currency) not in taken and _close(m.amount, sanction)]
            if len({m.amount for m in found}) == 1:
                sanction.amount, sanction.approximate = found[0].amount, False
                sanction.spans = sorted({*sanction.spans, *((m.start, m.end) for m in found)})
