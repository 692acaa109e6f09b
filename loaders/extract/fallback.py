"""The fallback decision: a report that names a recognised regulator and a sanction, where no
decision rule fired, still yields the decision it is about: the issuer the text is about, the
main fine (no conversion, cap, total, turnover or earlier fine where another is given), and a
target only where one firm is clearly the story's (a wrong target is worse than none)."""

from __future__ import annotations

import re
from collections import Counter

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft, SanctionDraft
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.parties import Found
from enforcegraph.loaders.extract.sanctions import SANCTION_WORD
from enforcegraph.loaders.extract.text import Sentence
from enforcegraph.loaders.extract.timing import date_in, is_earlier
from enforcegraph.loaders.extract.unnamed import not_the_story_firms

__all__ = ["fallback_decisions"]

_REPRIMAND = re.compile(r"(?i)(?<!\w)(?:reprimand\w*|rappels?\s+à\s+l['’]ordre|rappel[ée]s?\s+à\s+l['’]ordre|"
                        r"verwarn\w+|ammonimento|ammonit\w+|berisp\w+|apercibimiento|upomnieni\w+|reprimenda)(?!\w)")
_ORDER = re.compile(r"(?i)(?<!\w)(?:order(?:ed|s)?\s+(?:\w+\s+){0,4}?to|injonction|enjoint|ingiun\w+|ordinanza\s+ingiunzione|"
                    r"angeordnet|anordn\w+|gelast|ordenad[oa]|ordenó|limitazione\s+provvisoria|imposto\s+a)(?!\w)")
_PROPOSED = re.compile(r"(?i)(?<!\w)(?:propos\w+|intends?\s+to\s+fine|indstill\w*|varsel\s+om|varsl\w+|"
                       r"politianmeld\w*|draft\s+decision|provisional|preliminary|voornemen)(?!\w)")
_FINE_MEANINGS = ("amount", "periodic")


def _issuer(ctx: Context) -> str | None:
    """The regulator the text is about: the one named most often (the first named on a tie)."""
    counts = Counter(m.entry.id for m in ctx.regulators)
    if not counts:
        return None
    first = {m.entry.id: m.start for m in reversed(ctx.regulators)}
    return max(counts, key=lambda rid: (counts[rid], -first[rid]))


def _fine(ctx: Context, sanctioned: list[Sentence]) -> tuple[Money, Sentence] | None:
    """The main fine: the first amount of a sentence about a sanction in the body (the
    headline's when the body has none), an earlier fine only where no other is told."""
    found: list[tuple[bool, bool, Money, Sentence]] = []
    for sentence in sanctioned:
        earlier = is_earlier(ctx, sentence.start, sentence.end)
        for money in ctx.money_in(sentence.start, sentence.end):
            if money.meaning in _FINE_MEANINGS and money.conversion_of is None:
                found.append((earlier, sentence.paragraph == 0, money, sentence))
    if not found:
        return None
    _, _, money, sentence = min(found, key=lambda f: (f[0], f[1], f[2].start))
    return money, sentence


def _target(ctx: Context, sentence: Sentence) -> tuple[str | None, str]:
    """The firm of the sanction's sentence when it names one only; else the story's firm
    when it is the only one or clearly the most named; else none."""
    if not_the_story_firms(sentence.text):
        return None, "none"
    here = {f.name for _, f in ctx.firms_in(sentence.start, sentence.end)}
    if len(here) == 1:
        return next(iter(here)), "sentence"
    if here:
        return None, "none"
    firms: list[Found] = [f for f in ctx.parties.found.values() if f.kind == "company" and not f.roles]
    ranked = sorted(firms, key=lambda f: len(f.spans), reverse=True)
    headline = ctx.sentences[0].end if ctx.sentences else 0
    if ranked and (len(ranked) == 1 or len(ranked[0].spans) > len(ranked[1].spans)) and (
            len(ranked[0].spans) > 1 or min(ranked[0].spans)[0] < headline):
        return ranked[0].name, "salient"  # named again, or in the headline: the story's firm
    return None, "none"


def fallback_decisions(ctx: Context) -> list[DecisionDraft]:
    """One decision for a report that names a regulator and a sanction, when no rule found any."""
    issuer = _issuer(ctx)
    if issuer is None:
        return []
    sanctioned = [s for s in ctx.sentences if SANCTION_WORD.search(s.text)]
    if not sanctioned:
        return []
    fine = _fine(ctx, sanctioned)
    sentence = fine[1] if fine else next((s for s in sanctioned if s.paragraph > 0), sanctioned[0])
    target, target_how = _target(ctx, sentence)
    if fine is None and target is None:
        return []  # neither a figure nor a firm: nothing to check the decision by
    named = any(m.entry.id == issuer for m in ctx.regulators_in(sentence.start, sentence.end))
    draft = DecisionDraft(issuer, target, [(sentence.start, sentence.end)], 0.5, ["fallback"])
    draft.issuer_how = "named" if named else "only"
    draft.target_how = target_how
    if fine is not None:
        money = fine[0]
        kind = "periodic_penalty" if money.meaning == "periodic" else (
            "proposed_fine" if _PROPOSED.search(sentence.text) else "fine")
        draft.sanctions.append(SanctionDraft(kind, [(money.start, money.end)], money.amount, money.currency,
                                             money.per, approximate=money.approximate,
                                             conversions=money.conversions, doubtful=money.doubtful))
        draft.summary = sentence.text
    else:
        words = " ".join(s.text for s in sanctioned)
        kind = ("reprimand" if _REPRIMAND.search(words) else "proposed_fine" if _PROPOSED.search(words)
                else "order" if _ORDER.search(words) else "fine")
        draft.sanctions.append(SanctionDraft(kind, [(sentence.start, sentence.end)]))
    draft.date = date_in(ctx, sentence.start, sentence.end)
    return [draft]
