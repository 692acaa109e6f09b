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
from enforcegraph.loaders.extract.sanctions import (
    BAN,
    EVERYDAY_FINE,
    ORDER,
    PROPOSED,
    REPRIMAND,
    SANCTION_WORD,
    decided,
    leads_unreal,
    sanction_of,
    unreal,
)
from enforcegraph.loaders.extract.several import SPREAD
from enforcegraph.loaders.extract.text import Sentence
from enforcegraph.loaders.extract.timing import date_in, is_earlier
from enforcegraph.loaders.extract.unnamed import not_the_story_firms

__all__ = ["fallback_decisions"]

_FINE_MEANINGS = ("amount", "periodic")
_COMBINED = re.compile(r"(?i)\b(?:combined|between\s+them|cumulés?|complessiv\w*|conjunt\w*|gezamenlijk\w*|zusammen)\b")


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
    totals = {(m.amount, m.currency) for m in ctx.money if m.meaning == "total" and _COMBINED.search(
        ctx.text, max(0, m.start - 30), m.start)}  # "they have been fined a combined £590,000": several firms' sum
    for sentence in sanctioned:
        earlier = is_earlier(ctx, sentence.start, sentence.end)
        for money in ctx.money_in(sentence.start, sentence.end):
            if money.meaning in _FINE_MEANINGS and money.conversion_of is None and not unreal(
                    ctx.text, money.start, sentence.start) and not SPREAD.match(  # not "droht ein Bußgeld von 10 Mio."
                    ctx.text, money.end, sentence.end) and (  # ... nor "£1.45 million in fines to 16 companies"
                    money.amount, money.currency) not in totals:
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
    salient = ctx.parties.salient_firm()
    if salient is None or any(f is not salient and len(f.spans) >= len(salient.spans) for f in firms):
        return None, "none"  # no firm, or two named as often: no story's firm
    headline = ctx.sentences[0].end if ctx.sentences else 0
    if len(salient.spans) > 1 or min(salient.spans)[0] < headline:
        return salient.name, "salient"  # named again, or in the headline: the story's firm
    return None, "none"


def _sanctioned(ctx: Context, issuer: str, verb: re.Pattern[str] | None) -> list[Sentence]:
    """Sentences about a sanction: a sanction's word, or an order, ban or reprimand in a
    sentence that names the issuer (a bare "orders" may be a shop's); not one whose first
    sanction word is told as not imposed."""
    found = []
    for sentence in ctx.sentences:
        named = any(m.entry.id == issuer for m in ctx.regulators_in(sentence.start, sentence.end))
        if leads_unreal(sentence.text, verb):
            continue  # "No fine for X", "kein Bußgeld verhängt", "rischia una multa": none imposed
        words = [m for m in SANCTION_WORD.finditer(sentence.text) if not any(
            e.start() <= m.start() < e.end() for e in EVERYDAY_FINE.finditer(sentence.text))]  # not "multe stradali"
        if words or (named and any(
                decided(p, sentence.text) for p in (ORDER, BAN, REPRIMAND))):
            found.append(sentence)
    return found


def _kind(text: str) -> str:
    """The kind of a sanction told without money, by the words of its sentences."""
    for pattern, kind in ((REPRIMAND, "reprimand"), (PROPOSED, "proposed_fine"), (BAN, "ban"), (ORDER, "order")):
        if decided(pattern, text):
            return kind
    return "fine"


def _unnamed_order(ctx: Context, sentence: Sentence, named: bool) -> bool:
    """Whether the sentence tells its issuer's order, ban or reprimand on a party it leaves
    unnamed ("une commune a reçu de la CNIL l'injonction de ...", "the ICO reprimanded a
    council"): a decision with no target, not none; never a firm's the text only mentions."""
    return named and not ctx.firms_in(sentence.start, sentence.end) and not_the_story_firms(sentence.text) and any(
        decided(p, sentence.text) for p in (ORDER, BAN, REPRIMAND))


def fallback_decisions(ctx: Context, verb: re.Pattern[str] | None = None) -> list[DecisionDraft]:
    """One decision for a report that names a regulator and a sanction, when no rule found any
    (``verb``: the rules' decision verbs, for "har inte påfört X någon sanktionsavgift")."""
    issuer = _issuer(ctx)
    if issuer is None:
        return []
    sanctioned = _sanctioned(ctx, issuer, verb)
    if not sanctioned:
        return []
    fine = _fine(ctx, sanctioned)
    sentence = fine[1] if fine else next((s for s in sanctioned if s.paragraph > 0), sanctioned[0])
    target, target_how = _target(ctx, sentence)
    named = any(m.entry.id == issuer for m in ctx.regulators_in(sentence.start, sentence.end))
    if fine is None and target is None and not _unnamed_order(ctx, sentence, named):
        return []  # neither a figure nor a firm nor a told order on an unnamed party: nothing to check it by
    draft = DecisionDraft(issuer, target, [(sentence.start, sentence.end)], 0.5, ["fallback"])
    draft.issuer_how = "named" if named else "only"
    draft.target_how = target_how
    if fine is not None:
        draft.sanctions.append(sanction_of(fine[0], ctx, (sentence.start, sentence.end)))
        draft.summary = sentence.text
    else:
        words = " ".join(s.text for s in sanctioned)
        draft.sanctions.append(SanctionDraft(_kind(words), [(sentence.start, sentence.end)]))
    draft.date = date_in(ctx, sentence.start, sentence.end)
    return [draft]
