"""Stories with several fines: fines listed in one sentence, totals, parts and converted
figures, and whether two figures are the same fine rounded."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import (
    ISSUER_RANK,
    TARGET_RANK,
    DecisionDraft,
    SanctionDraft,
)
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.text import Sentence

__all__ = ["SPREAD", "both", "bracketed_elsewhere", "compatible", "exactness", "listed", "merge", "no_repeats", "no_sums_or_parts", "rounded_same", "segments", "several_firms"]


def rounded_same(a: float | int, b: float | int) -> bool:
    """Two figures of one fine: equal, or the rounder one the other rounded (35.3 million
    and 35,258,707.95; not 530 million and 345 million)."""
    rounder = a if exactness(a) <= exactness(b) else b
    digits = f"{abs(float(rounder)):.0f}"
    unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if float(rounder) >= 1 else 0.01
    return a == b or abs(float(a) - float(b)) <= unit / 2


def exactness(amount: float | int) -> int:
    """How many significant digits a figure has (the exact figure has more)."""
    return len(f"{amount:.2f}".replace(".", "").strip("0"))


_FOR_FIRM = re.compile(r"(?i)[^\S\n]*(?:euros?\s+|EUR\s+)?(?:-?(?:fine|penalty|amende|Bußgeld|Geldbuße|sanzione|boete)\s+)?"
                       r"(?:\([^()]{0,30}\)\s*)?(?:for|against|on|pour|contre|gegen|für|a\s+carico\s+di|"
                       r"nei\s+confronti\s+di|voor|tegen|para|contra|à|to|an|aan|a)\s+(?:the\s+|la\s+|die\s+|den\s+|de\s+)?"
                       r"(?:(?:société|company|firm|entreprise|Unternehmen|Firma|bedrijf|empresa|società|operator|"
                       r"opérateur|provider)\s+)?")  # "une amende de 27 millions d'euros à la société X"


def segments(sentence: Sentence, amounts: list[Money]) -> list[tuple[int, int]]:
    """Per listed fine, the part of the sentence that is about it: from the fine before it
    to the fine after it ("fined A 8 million, after fining B 5 million in 2020")."""
    bounds = [sentence.start, *(m.end for m in amounts[:-1])]
    ends = [*(m.start for m in amounts[1:]), sentence.end]
    text = sentence.text
    for index in range(len(amounts) - 1):  # a semicolon between two fines ends the first one's part
        cut = text.find(";", amounts[index].end - sentence.start, amounts[index + 1].start - sentence.start)
        if cut >= 0:
            ends[index], bounds[index + 1] = sentence.start + cut, sentence.start + cut + 1
    return list(zip(bounds, ends, strict=True)) or [(sentence.start, sentence.end)]


# Another decision's fine the sentence compares its fine with, whose firm follows it ("more than the
# €14.5 million fine Y received"): no fine of the sentence's firms.
_COMPARED = re.compile(
    r"(?i)\b(?:(?:more|less|higher|lower|bigger|larger|smaller|greater)\s+than|compared\s+(?:with|to)|exceeding|"
    r"surpassing|topping|mehr\s+als|höher\s+als|plus\s+(?:élevée?\s+)?que|supérieure?\s+à|più\s+(?:alta\s+)?di|"
    r"superiore\s+a|más\s+(?:alta\s+)?que|superior\s+a|meer\s+dan|hoger\s+dan|större\s+än|högre\s+än)\s+"
    r"(?:the|that|die|das|den|der|l['’]|la|le|il|quella|el|la|de|het|den)\s*(?:\S+\s+){0,2}?$")

_RECEIVED = re.compile(r"\s*(?:\S+\s+){0,2}?(?:(?:that|which)\s+)?(?:[A-Z][\w&.\-]*\s+){1,3}(?:received|got|paid|was\s+given|"
                       r"had\s+to\s+pay|erhielt|bekam|zahlen\s+musste|a\s+reçu|ha\s+ricevuto|recibió|kreeg|fick)\b")


def listed(ctx: Context, sentence: Sentence, amounts: list[Money],
            target: str | None) -> list[tuple[Money, str | None]]:
    """Several different fines listed in one sentence, each with the firm named just before
    it (a fine with no firm of its own takes the one before); empty when the sentence
    gives one fine (or one fine twice, rounded and exact)."""
    amounts = amounts[:1] + [m for m in amounts[1:] if not (_COMPARED.search(ctx.text, sentence.start, m.start)
                                                           and (ctx.firms_in(m.end, sentence.end) or _RECEIVED.match(
                                                               ctx.text, m.end, sentence.end)))]
    if len(amounts) < 2 or any(rounded_same(a.amount, b.amount) for a, b in pairwise(amounts)):
        return []
    found: list[tuple[Money, str | None]] = []
    previous = sentence.start
    firm = target if not ctx.firms_in(sentence.start, amounts[0].start) else None
    cut = sentence.text.find(";", amounts[0].end - sentence.start)
    if cut >= 0 and not ctx.firms_in(sentence.start, sentence.start + cut):
        firm = None  # "the 10 million euro fine was too low; the CNIL had fined B 100 million": not B's
    if pairs := _respectively(ctx, sentence, amounts):
        return pairs
    for money in amounts:
        named = ctx.firms_in(previous, money.start)
        firm = named[-1][1].name if named else firm
        clause = _NEW_SUBJECT.search(ctx.text, named[-1][0] if named else previous, money.start)
        clause = clause or _LISTED_SUBJECT.search(ctx.text, named[-1][0] if named else previous, money.end)
        if clause and not ctx.firms_in(clause.start("subject"), money.start):
            firm = None  # "... on X, while Y (no firm found) must pay 100,000": Y's, not X's
        after = _FOR_FIRM.match(ctx.text, money.end, sentence.end)
        if after and (owner := ctx.firms_in(money.end, money.end + after.end() - money.end + 1)):
            firm = owner[0][1].name  # "90 million euros for Google LLC"
        found.append((money, firm))
        previous = money.end
    return found


# A sum of fines on several parties, after its figure ("£1.45 million in fines to 16 companies", "300.000 euro
# a cinque aziende", "gegen drei Unternehmen"): no one decision's amount.
SPREAD = re.compile(
    r"(?i)\s*(?:in\s+(?:\w+\s+)?(?:fines|penalties|sanctions)\s+|d['’]amendes?\s+|an\s+Bußgeldern\s+|di\s+sanzioni\s+|en\s+multas\s+)?"
    r"(?:to|on|against|across|from|à|aux|a|gegen|an|aan|tegen|på|mot|para|dla|na)\s+(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|deux|trois|quatre|cinq|plusieurs|zwei|drei|vier|fünf|mehrere|due|tre|quattro|cinque|diverse|"
    r"dos|tres|cuatro|cinco|varias|twee|drie|vijf|meerdere|två|tre|fyra|fem|flera|to|fire)\s+(?:\w+\s+){0,2}?"
    r"(?:companies|firms|organi[sz]ations|businesses|controllers|entities|entreprises|sociétés|organismes|Unternehmen|"
    r"Firmen|aziende|società|enti|empresas|entidades|bedrijven|organisaties|företag|selskaper|virksomheder|spółek|firm)\b")


# Several addressees named before a sum: a count of firms ("gegen drei Firmen, darunter X", "two companies"),
# or a firm joined to another name ("à Google LLC et Amazon Europe Core", "X Ltd and Mr Smith").
_COUNTED = re.compile(
    r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|deux|trois|quatre|cinq|plusieurs|zwei|drei|"
    r"vier|fünf|mehrere|due|tre|quattro|cinque|diverse|dos|tres|cuatro|cinco|varias|twee|drie|vijf|meerdere|två|fyra|fem|"
    r"flera|dwie|trzy|cztery|pięć|kilka)\s+(?:\w+\s+)?(?:companies|firms|organi[sz]ations|businesses|operators|banks|"
    r"entreprises|sociétés|opérateurs|banques|Unternehmen|Firmen|Betreiber|Banken|aziende|società|operatori|banche|empresas|"
    r"compañías|operadoras|bancos|bedrijven|ondernemingen|banken|företag|bolag|spółk[iea]|spółek|firm[y]?)\b")
_JOINED_AFTER = re.compile(r"(?:,|\s)\s*(?:and|und|et|e|y|en|och|og|oraz|i)\s+(?:(?:the|la|le|les|die|de|il|el)\s+)?[A-Z]")


def several_firms(ctx: Context, sentence: Sentence, end: int) -> bool:
    """Whether the sentence names several addressees before ``end``: a count of firms, or a
    firm joined by "and" to another capitalised name that is no regulator."""
    if _COUNTED.search(ctx.text, sentence.start, end):
        return True
    for start, firm in ctx.firms_in(sentence.start, end):
        stop = next(b for a, b in firm.spans if a == start)
        joined = _JOINED_AFTER.match(ctx.text, stop, end)
        if joined and not ctx.regulators_in(joined.end() - 1, joined.end()):
            return True
    return False


_BRACKETED = re.compile(r"(?<![\w\-])[A-ZÀ-Þ][\w\-]*[^\S\n]*\([^\S\n]*$")


def bracketed_elsewhere(ctx: Context, money: Money, target: str) -> bool:
    """Whether the fine is given in brackets right after a name that is not the target's
    ("l'Atac (400.000 euro), l'Inps (300.000) e Fca Italy spa (20.000)"): another party's fine.

    The name before the bracket owns the figure even where no rule found it as a firm."""
    before = _BRACKETED.search(ctx.text, max(0, money.start - 60), money.start)
    return before is not None and all(f.name != target for _, f in ctx.firms_in(before.start(), money.start)) and not any(
        a < before.start() < b for _, f in ctx.firms_in(before.start() - 80, money.start) if f.name == target
        for a, b in f.spans)


# A new clause with a subject of its own: ", while Y", ", a Y", ", mentre Y", "; Y".
_NEW_SUBJECT = re.compile(r"(?:,\s*(?:a|while|whereas|und|während|mentre|alors\s+que|tandis\s+que|terwijl|mientras\s+que|"
                          r"och|og)\s+|;\s*)(?:the\s+|der\s+|die\s+|das\s+|il\s+|la\s+|le\s+|de\s+|el\s+)?"
                          r"(?P<subject>[A-ZĄĆĘŁŃÓŚŹŻÀ-Þ][\w\-]+)")


# A name listed with its own fine right after another fine: "... EUR 60 million and Google EUR 150 million".
_LISTED_SUBJECT = re.compile(r"\s(?:and|et|und|y|e|en|och|og|oraz)\s+(?P<subject>[A-ZÀ-Þ][\w\-&]+)\s+\(?"
                             r"(?:[€£$]|EUR\b|GBP\b|USD\b|SEK\b|NOK\b|DKK\b|PLN\b|CHF\b)")


_COORDINATED = re.compile(r"(?i)\s*(?:\([^()]{0,30}\)\s*)?(?:,|and|et|und|e|y|en|och|og|i|oraz)\s*")


def _respectively(ctx: Context, sentence: Sentence, amounts: list[Money]) -> list[tuple[Money, str | None]]:
    """Firms named together before fines listed together take them in order ("X and Y were
    fined 27 and 15 million euros (respectively)", "sanctionne X et Y d'amendes de 27 et 15
    millions"); empty unless the fines are only joined and as many different firms are named."""
    if len(amounts) < 2 or not all(_COORDINATED.fullmatch(ctx.text, a.end, b.start) for a, b in pairwise(amounts)):
        return []
    start = sentence.start
    index = ctx.sentence_index(sentence.start)
    if not ctx.firms_in(sentence.start, sentence.end):  # "X AB and Y AB were fined. The fines, SKr 37m and SKr 8m"
        start = next((s.start for s in ctx.sentences[max(0, index - 2) : index][::-1]
                      if ctx.firms_in(s.start, s.end)), sentence.start)
    names: list[str] = []
    for _, firm in ctx.firms_in(start, amounts[0].start):
        if firm.name not in names:
            names.append(firm.name)
    if len(names) != len(amounts):
        return []
    return list(zip(amounts, names, strict=True))


def _fine_of(draft: DecisionDraft) -> SanctionDraft | None:
    return next((s for s in draft.sanctions if s.amount is not None), None)


def no_sums_or_parts(ctx: Context, drafts: list[DecisionDraft]) -> list[DecisionDraft]:
    """A fine that is the sum of two or more other decisions' fines of its issuer is their
    total, no decision ("Google 150 million: 90 million for Google LLC and 60 million for
    Google Ireland"); a fine that with other amounts of its paragraph adds up to a larger
    fine on the same firm is a part of that fine ("3 million ... and 2 million" of 5 million);
    a fine in a currency the story gives only as a conversion of another fine ("$5 million"
    beside "58 million kronor (USD 5.4 million)") is no fine either."""
    fines = [(d, f) for d in drafts if (f := _fine_of(d)) is not None]
    drop: set[int] = set()
    for draft, fine in fines:
        others = [f.amount for d, f in fines if d is not draft and d.regulator == draft.regulator
                  and f.currency == fine.currency and f.amount is not None and f.amount < (fine.amount or 0)]
        if len(others) >= 2 and fine.amount is not None and _sums_to(others, float(fine.amount)):
            drop.add(id(draft))
    for draft, fine in fines:
        if id(draft) in drop or fine.amount is None:
            continue
        paragraph = next((s.paragraph for s in ctx.sentences if s.start <= fine.spans[0][0] < s.end), None)
        near = [m.amount for m in ctx.money if m.meaning == "amount" and m.currency == fine.currency
                and (m.start, m.end) not in fine.spans and any(
                    s.paragraph == paragraph and s.start <= m.start < s.end for s in ctx.sentences)]
        for bigger, whole in fines:
            if (bigger is not draft and id(bigger) not in drop and bigger.regulator == draft.regulator and bigger.target == draft.target
                    and whole.currency == fine.currency and whole.amount is not None and whole.amount > fine.amount
                    and any(abs(float(fine.amount) + float(n) - float(whole.amount)) < 0.5 for n in near)):
                drop.add(id(draft))
    conversions = [(a, c) for m in ctx.money for a, c in m.conversions]
    for draft, fine in fines:
        if (fine.amount is not None and any(c == fine.currency and rounded_same(fine.amount, a) for a, c in conversions)
                and any(d is not draft and d.regulator == draft.regulator and f.currency != fine.currency for d, f in fines)):
            drop.add(id(draft))  # the converted figure of a fine proposed in its own currency
    return [d for d in drafts if id(d) not in drop]


def no_repeats(drafts: list[DecisionDraft]) -> list[DecisionDraft]:
    """An "earlier" draft with the issuer, target and fine of a current one is that decision
    told again ("the 50,000 euro fine imposed in 2021 on X"), not a second one: it gives its
    period to the current draft where that has no date."""
    kept: list[DecisionDraft] = []
    for draft in drafts:
        fine = _fine_of(draft)
        same = next((d for d in drafts if d is not draft and not d.earlier and d.regulator == draft.regulator
                     and d.target == draft.target and (f := _fine_of(d)) is not None and fine is not None
                     and f.currency == fine.currency and f.amount == fine.amount), None)
        if draft.earlier and same is not None:
            if same.date is None and same.period is None:
                same.period = draft.period or (draft.date[2] if draft.date else None)
            continue
        kept.append(draft)
    return kept


def _sums_to(amounts: list[float | int], total: float) -> bool:
    """Whether two or more of the amounts add up to the total (within a cent)."""
    values = sorted(float(a) for a in amounts)[:12]
    sums = {0.0: 0}
    for value in values:
        for have, count in list(sums.items()):
            sums.setdefault(round(have + value, 2), count + 1)
    return any(abs(have - total) < 0.01 and count >= 2 for have, count in sums.items())


def compatible(old: DecisionDraft, new: DecisionDraft) -> bool:
    """Two drafts can be one decision: same issuer, same (or unknown) target, and no
    fine of a different amount (a proposed fine and a final one of another amount are two)
    or a different date between them."""
    if old.regulator != new.regulator or not (old.target == new.target or not new.target or not old.target):
        return False
    if old.earlier != new.earlier:
        return False
    for a in old.sanctions:
        for b in new.sanctions:
            if (a.kind == b.kind or {a.kind, b.kind} == {"fine", "proposed_fine"}) and a.amount is not None and b.amount is not None and (
                    a.currency == b.currency and not rounded_same(a.amount, b.amount)
                    and not (a.approximate or b.approximate)):
                return False
    return not (old.date and new.date and old.date[2] != new.date[2])


def _converted_to(sanction: SanctionDraft, same: SanctionDraft) -> bool:
    """The figure kept so far is the new one's conversion ("$15M" in a headline, "351 million
    Czech koruna (U.S. $15 million)" in the story): the fine in the currency it was set in."""
    return same.amount is not None and same.currency != sanction.currency and any(
        currency == same.currency and rounded_same(amount, same.amount) for amount, currency in sanction.conversions)


def merge(drafts: list[DecisionDraft], new: DecisionDraft) -> None:
    for old in drafts:
        if compatible(old, new):
            old.target = old.target or new.target
            old.spans += [s for s in new.spans if s not in old.spans]
            old.rules += [r for r in new.rules if r not in old.rules]
            old.confidence = max(old.confidence, new.confidence)
            old.issuer_how = max(old.issuer_how, new.issuer_how, key=ISSUER_RANK.index)
            old.target_how = max(old.target_how, new.target_how, key=TARGET_RANK.index)
            for sanction in new.sanctions:
                same = next((s for s in old.sanctions if s.kind == sanction.kind), None)
                if same is None:
                    old.sanctions.append(sanction)
                elif sanction.amount is not None and (same.amount is None or (
                        same.approximate and not sanction.approximate
                        and same.currency == sanction.currency) or (
                        same.currency == sanction.currency and exactness(sanction.amount) > exactness(same.amount)) or (
                        _converted_to(sanction, same))):
                    sanction.spans = sorted(set(same.spans + sanction.spans))
                    sanction.statutory_maximum |= same.statutory_maximum
                    old.sanctions[old.sanctions.index(same)] = sanction
                else:
                    same.spans += [s for s in sanction.spans if s not in same.spans]
                    same.statutory_maximum |= sanction.statutory_maximum
            old.date = old.date or new.date
            old.period = old.period or new.period
            old.cites += [c for c in new.cites if c not in old.cites]
            old.appeal = old.appeal or new.appeal
            old.decided_by = old.decided_by or new.decided_by
            old.summary = old.summary or new.summary
            return
    drafts.append(new)


_BOTH = re.compile(r"(?i)\b(?:both|zowel|sowohl|tanto|à\s+la\s+fois|zarówno|både)\b")


def both(ctx: Context, drafts: list[DecisionDraft]) -> list[DecisionDraft]:
    """One fine on each of two firms named together ("Both X and Y must pay 50,000 euros",
    "Zowel X als Y moet 50.000 euro betalen"): the second firm's decision, a copy of the first."""
    more: list[DecisionDraft] = []
    for draft in drafts:
        fines = [s for s in draft.sanctions if s.amount is not None]
        if draft.earlier or draft.target is None or len(fines) != 1:
            continue
        pairs = [names for sentence in ctx.sentences if _BOTH.search(sentence.text) and any(
            m.amount == fines[0].amount for m in ctx.money_in(sentence.start, sentence.end)) and len(
            names := list(dict.fromkeys(f.name for _, f in ctx.firms_in(sentence.start, sentence.end)))) == 2
            and draft.target in names]
        if not pairs:
            continue
        other = pairs[0][1 - pairs[0].index(draft.target)]
        if any(d.target == other and d.regulator == draft.regulator for d in [*drafts, *more]):
            continue
        more.append(replace(draft, target=other, target_how="listed", sanctions=list(draft.sanctions),
                            rules=[*draft.rules, "both"]))
    return more
