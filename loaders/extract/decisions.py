"""Decisions: regulator + action + target + amount + date + citations + appeal intent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.text import Sentence, find_dates, find_period
from enforcegraph.schema.citations import Citation

__all__ = ["DecisionDraft", "SanctionDraft", "find_decisions", "rounded_same"]

_VERB = re.compile(
    r"(?i)\b(?:fined|fines|fining|fine\s+(?:on|against|of)|imposed?|imposes|imposing|"
    r"hit\s+with|slapped|sanctioned|penalised|penalized|ordered|orders|ordering|banned|bans|"
    r"reprimanded|issued\s+(?:a|an)\s+(?:\w+\s+)?(?:fine|penalty|reprimand|order|ban)|"
    # French, German, Italian, Dutch, Spanish
    r"sanctionn[ée]e?s?|inflig\w+|prononc[ée]\w*|condamn[ée]e?s?|enjoint|liquid(?:é|er|e)\w*|"
    r"verhängt\w*|auferlegt|erlassen|erließ|angeordnet|"
    r"inflitt\w*|irrogat\w*|sanzionat\w*|multat\w*|ordinat\w*|vietat\w*|"
    r"opgelegd|oplegt|legt\s+(?:\w+\s+){0,6}?op|beboet|"
    r"impuest\w*|impuso|impone|sancionad\w*|sanciona|sancionó|multad\w*|multó|multa\s+a|castig\w+|(?:emesso|adottato)\s+un\s+provvedimento\s+sanzionatorio|"
    # "must pay", "dovrà pagare", "zahlte"
    # Polish, Swedish
    r"nałoży\w*|ukara\w*|bötfäll\w*|påför\w*|påfört|ålägg\w*|ålagt|ålade|"
    r"(?:must|has\s+to|have\s+to|will\s+have\s+to|muss|müssen|musste|mussten|dovrà|dovranno|doit|devra|moet|deberá|måste|musi)\s+"
    r"(?:\w+\s+){0,3}?(?:pay|zahlen|pagare|payer|betalen|pagar)|zahlte|zahlten)(?!\w)"
)
# A sentence about "the fine" continues the decision told just before.
_THE_SANCTION = re.compile(
    r"(?i)^\W*(?:the|this|that|la|le|l['’]|cette|die|das|der|diese|de|het|deze|il|lo|questa|el|esta)\s*"
    r"(?:\w+\s+){0,2}?(?:fine|penalty|sanction|amende|Strafe|Bußgeld|Geldbuße|sanzione|multa|boete|sanción)\b"
)
_NOUN = re.compile(
    r"(?i)\b(?:fine|penalty|penalties|sanction|sanctions|ban|order|reprimand|amende|astreinte|"
    r"Bußgeld\w*|Bussgeld\w*|Geldbuße|Strafe|sanzion[ei]|multa|multe|boetes?|\w+boete|sanci[oó]n(?:es)?|"
    r"kar[aęyą]|grzywn\w+|sanktionsavgift\w*|böter|bötesbelopp\w*)(?!\w)"
)
_ANAPHOR = re.compile(
    r"(?i)\b(?:watchdog|regulator|authority|committee|commission|commissioner|agency|(?-i:DPA|SA)|"
    r"office|inspectorate|autorité|formation\s+restreinte|Behörde|Aufsichtsbehörde|"
    r"Datenschutzbeauftragte[rn]?|autorità|toezichthouder|privacywaakhond|waakhond|autoridad|"
    r"agencia|agence|agenzia|myndigheten|tillsynsmyndigheten|urząd|organ\s+nadzorczy|Prezes\s+UODO)(?!\w)"
)
# A regulator named only as the source of another act ("following a binding decision of
# the EDPB", "at the request of the CNIL") is not the one that decides here.
_NOT_ISSUER_BEFORE = re.compile(
    r"(?i)(?:(?:decision|opinion|guidance|request|objections?|direction|complaint|referral)\s+"
    r"(?:\w+\s+){0,2}?(?:of|from|by|to|with)\s+(?:the\s+)?|following\s+(?:\w+\s+){0,5}?|"
    r"(?:passed|referred|forwarded|sent)\s+(?:it|them|the\s+\w+)?\s*(?:on\s+)?to\s+(?:the\s+)?|"
    r"(?:décision|avis)\s+(?:\w+\s+){0,2}?d[eu]\s+(?:la\s+|l['’])?)$"
)
# Amounts that are parts of a fine given in full elsewhere ("made up of 485 million ...").
_PARTS = re.compile(r"(?i)\b(?:made\s+up\s+of|comprises?|comprising|consists?\s+of|of\s+which|"
                    r"broken\s+down\s+into|davon|di\s+cui|waarvan|de\s+los\s+cuales)\b[^.;]{0,30}$")
# An earlier or other decision told in the same story ("In September 2023 the DPC fined ...").
_EARLIER = re.compile(
    r"(?i)\b(?:in|en|im|nel|em|w|i)\s+(?:(?:early|late|mid-?)\s+)?(?:[a-zäéû]+\s+)?(?:19|20)\d{2}\b(?!\s*[-–]\d)|"
    r"\b(?:earlier|previously|last\s+year|a\s+year\s+ago|in\s+the\s+past|prior|"
    r"im\s+vergangenen\s+Jahr|vergangenes\s+Jahr|l['’]an\s+dernier|l['’]année\s+dernière|"
    r"vorig\s+jaar|eerder|l['’]anno\s+scorso|el\s+año\s+pasado|second[-\s]+(?:largest|highest)|"
    r"bisher\s+höchste\w*|previous\s+record|(?:el\s+)?pasado\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|"
    r"agosto|septiembre|octubre|noviembre|diciembre|año)|last\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|im\s+(?:vergangenen|letzten)\s+\w+|lo\s+scorso\s+\w+|"
    r"jusqu['’](?:ici|alors)|finora|tot\s+nu\s+toe|déjà|già|bereits|already|tidigare|i\s+fjol|wcześniej|w\s+zeszłym\s+roku|już|"
    r"(?:largest|highest|biggest)\s+(?:\w+\s+){0,3}?(?:so\s+far|to\s+date|until\s+then|before))\b"
)
_RANGE_BEFORE = re.compile(r"(?i)\b(?:between|from|since|until|till|to|and|au|et|seit|bis|und|tra|e|dal|al|"
                           r"tussen|tot|en|desde|hasta|y)\s+$")
_DATED = re.compile(
    r"(?i)\b(?:decision|délibération|provvedimento|ordinanza|Bescheid|besluit|resoluci[oó]n)\b"
    r"[^.;]{0,60}?\b(?:dated|of|du|del|dell|vom|van|de|from)\b|\b(?:announced|annonc\w+|bekanntgegeben|"
    r"annunciat\w*|aangekondigd|anunci\w+|adopted|notified|handed\s+down|reso\s+not[oa]|"
    r"wydan[aoy]|ogłos\w+|ogłoszon\w+|meddela\w*|fattade|fattat|"
    r"(?:se\s+han|fueron|ha\s+sido|han\s+sido)\s+publicad\w+|formation\s+restreinte[^.;]{0,40}?réunie)\b"
)
_MAXIMUM = re.compile(r"(?i)\bmaximum\b|\bhighest\s+possible\b|\bmaximum\s+possible\b")
_INFRINGE = re.compile(r"(?i)\b(?:breach\w*|infring\w*|violat\w*|contrary\s+to|fail\w*\s+to\s+comply)\b")
_APPEAL = re.compile(
    r"(?i)\b(?:will|would|plans?\s+to|intends?\s+to|intention\s+to|considering|to)\s+"
    r"(?:\w+\s+){0,2}?(?:appeal|challenge|contest|object\s+to)\b"
)
_NO_APPEAL = re.compile(
    r"(?i)\b(?:not|no|cannot|can't|never|unable\s+to|without)\s+(?:\w+\s+){0,2}?appeal"
)
_COMMITTEE = re.compile(r"(?i)\b(?:restricted\s+committee|formation\s+restreinte|sanctions\s+committee)\b")
_PERIODIC = re.compile(r"(?i)\b(?:overdue|periodic)\s+penalt\w*|\bpenalty\s+payments?\b|\bastreinte\b|"
                       r"\bZwangsgeld\w*|\bdwangsom\w*|\bpenalit\w+\s+di\s+mora")
_PROPOSED = re.compile(
    r"(?i)\bpropos\w+|\bintends?\s+to\s+(?:fine|impose)|\bintention\s+to\s+(?:fine|impose)|\bprovisional|"
    r"\bpreliminary\b|\badvance\s+notifi\w+|\bdraft\s+decision|\bprojet\s+de\s+(?:décision|sanction)|"
    r"\bvoornemen\b|\bschema\s+di\s+provvedimento|\bAnhörung"
)
_LIQUIDATION = re.compile(r"(?i)\bliquid(?:at|er|é|e)\w*")
_CLAUSE = r"(?:[^.;]|\.(?=\d))"
_ORDER = re.compile(rf"(?i)\b(?:ordered|orders|ordering)\b(?P<what>{_CLAUSE}{{0,160}})")
_BAN = re.compile(rf"(?i)\b(?:banned|bans|ban\s+on)\b(?P<what>{_CLAUSE}{{0,160}})")
_FINDING = re.compile(r"(?i)\b(?:found|finds|held|concluded|breach\w*|infring\w*|violat\w*|under|pursuant)\b")


@dataclass
class SanctionDraft:
    """What a decision imposes."""

    kind: str
    spans: list[tuple[int, int]]
    amount: float | int | None = None
    currency: str | None = None
    per: str | None = None
    statutory_maximum: bool = False
    description: str | None = None
    approximate: bool = False
    conversions: tuple[tuple[float | int, str], ...] = ()


@dataclass
class DecisionDraft:
    """A decision pieced together from one or more sentences."""

    regulator: str
    target: str | None
    spans: list[tuple[int, int]]
    confidence: float
    rules: list[str]
    sanctions: list[SanctionDraft] = field(default_factory=list)
    date: tuple[int, int, str] | None = None
    cites: list[tuple[Citation, tuple[int, int], bool]] = field(default_factory=list)
    appeal: tuple[int, int] | None = None
    decided_by: str | None = None
    summary: str | None = None
    earlier: bool = False           # an earlier or other decision recalled in the story
    issuer_how: str = "named"       # named | described | anaphor | cataphor | only
    target_how: str = "none"        # verb | sentence | listed | salient | none
    as_written: tuple[int, int] | None = None  # the target's short name, for an earlier decision
    period: str | None = None       # "2023-09", "2019": an earlier decision dated no closer
    published: str | None = None    # the issuer's own release, dated by its publication

    @property
    def evidence(self) -> dict[str, str]:
        """What the decision rests on (the features its confidence is calibrated by)."""
        return {"issuer": self.issuer_how, "target": self.target_how,
                "money": "fine" if any(s.amount is not None for s in self.sanctions) else "none",
                "earlier": "yes" if self.earlier else "no"}

    @property
    def kind(self) -> str:
        """The decision kind the sanctions suggest."""
        kinds = {s.kind for s in self.sanctions}
        if "fine" in kinds:
            return "fine_decision"
        if "penalty_liquidation" in kinds:
            return "penalty_liquidation"
        if "proposed_fine" in kinds:
            return "proposed_fine"
        if "reprimand" in kinds and len(kinds) == 1:
            return "reprimand"
        return "order"


ONLY_ANYWHERE = True


def _only_regulator(ctx: Context) -> str | None:
    """The issuer of a report that names one regulator only and is its own publication (a
    press release: its publisher is that regulator)."""
    ids = {m.entry.id for m in ctx.regulators}
    if len(ids) != 1:
        return None
    if ONLY_ANYWHERE:
        return next(iter(ids))
    publisher = ctx.article.publisher or ""
    return next(iter(ids)) if publisher and {m.entry.id for m in find_regulators(publisher)} == ids else None


def _regulator_for(ctx: Context, index: int, sentence: Sentence) -> tuple[str, float] | None:
    here = [m for m in ctx.regulators_in(sentence.start, sentence.end)
            if not _NOT_ISSUER_BEFORE.search(ctx.text[max(sentence.start, m.start - 60) : m.start])]
    if here:
        return here[0].entry.id, 0.9
    only = _only_regulator(ctx) if sentence.paragraph > 0 else None  # never from the headline
    if only is not None:
        return only, 0.65  # the authority's own release: every sanction in it is its own
    if not (_ANAPHOR.search(sentence.text) or _THE_SANCTION.search(sentence.text)):
        following = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
        if following is not None and following.paragraph == sentence.paragraph:
            ahead = [m.entry.id for m in ctx.regulators_in(following.start, following.end)]
            if len(set(ahead)) == 1:  # "X is to pay EUR 35.3 million. ..., the authority said"
                return ahead[0], 0.6
        return None
    for back in range(index - 1, max(-1, index - 4), -1):
        earlier = ctx.regulators_in(ctx.sentences[back].start, ctx.sentences[back].end)
        if earlier and ctx.sentences[back].paragraph >= sentence.paragraph - 1:
            return earlier[-1].entry.id, 0.7
    return None


def _target(ctx: Context, sentence: Sentence) -> tuple[str | None, float]:
    firms = ctx.firms_in(sentence.start, sentence.end)
    verb = _VERB.search(sentence.text)
    if firms and verb:
        at = sentence.start + verb.start()
        after = [f for a, f in firms if a > at]
        before = [f for a, f in firms if a < at]
        passive = re.search(r"(?i)\b(?:has|have|had|was|were|been|is|be)\s+(?:\w+ly\s+|also\s+|now\s+|further\s+)?(?:been\s+)?(?:fined|hit|ordered|banned|sanctioned|reprimanded)", sentence.text)
        chosen = (before[-1] if passive and before else (after[0] if after else before[-1]))
        if passive and len(before) > 1:
            first = next(a for a, f in firms if f is before[0])
            if re.match(r"[^,;]*,[^;]{1,80}?,\s*(?:has|have|had|was|were|is)\b", ctx.text[first:at]):
                chosen = before[0]  # "TikTok, owned by China's ByteDance, was fined": the subject
        return chosen.name, 0.9
    if firms:
        return firms[0][1].name, 0.75
    salient = ctx.parties.salient_firm()
    return (salient.name, 0.6) if salient else (None, 0.0)


def _fine(money: Money, sentence_text: str) -> SanctionDraft:
    kind = "periodic_penalty" if money.meaning == "periodic" or _PERIODIC.search(sentence_text) else "fine"
    if _LIQUIDATION.search(sentence_text):
        kind = "penalty_liquidation"
    elif kind == "fine" and _PROPOSED.search(sentence_text):
        kind = "proposed_fine"
    return SanctionDraft(kind, [(money.start, money.end)], money.amount, money.currency,
                         money.per, approximate=money.approximate, conversions=money.conversions)


def rounded_same(a: float | int, b: float | int) -> bool:
    """Two figures of one fine: equal, or the rounder one the other rounded (35.3 million
    and 35,258,707.95; not 530 million and 345 million)."""
    rounder = a if _exactness(a) <= _exactness(b) else b
    digits = f"{abs(float(rounder)):.0f}"
    unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if float(rounder) >= 1 else 0.01
    return a == b or abs(float(a) - float(b)) <= unit / 2


def _exactness(amount: float | int) -> int:
    """How many significant digits a figure has (the exact figure has more)."""
    return len(f"{amount:.2f}".replace(".", "").strip("0"))


def _compatible(old: DecisionDraft, new: DecisionDraft) -> bool:
    """Two drafts can be one decision: same issuer, same (or unknown) target, and no
    fine of a different amount or a different date between them."""
    if old.regulator != new.regulator or not (old.target == new.target or not new.target or not old.target):
        return False
    if old.earlier != new.earlier:
        return False
    for a in old.sanctions:
        for b in new.sanctions:
            if a.kind == b.kind and a.amount is not None and b.amount is not None and (
                    a.currency == b.currency and not rounded_same(a.amount, b.amount)
                    and not (a.approximate or b.approximate)):
                return False
    return not (old.date and new.date and old.date[2] != new.date[2])


def _merge(drafts: list[DecisionDraft], new: DecisionDraft) -> None:
    for old in drafts:
        if _compatible(old, new):
            old.target = old.target or new.target
            old.spans += [s for s in new.spans if s not in old.spans]
            old.rules += [r for r in new.rules if r not in old.rules]
            old.confidence = max(old.confidence, new.confidence)
            old.issuer_how = max(old.issuer_how, new.issuer_how, key=_ISSUER_RANK.index)
            old.target_how = max(old.target_how, new.target_how, key=_TARGET_RANK.index)
            for sanction in new.sanctions:
                same = next((s for s in old.sanctions if s.kind == sanction.kind), None)
                if same is None:
                    old.sanctions.append(sanction)
                elif sanction.amount is not None and (same.amount is None or (
                        same.approximate and not sanction.approximate
                        and same.currency == sanction.currency) or (
                        same.currency == sanction.currency and _exactness(sanction.amount) > _exactness(same.amount))):
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


def find_decisions(ctx: Context) -> list[DecisionDraft]:
    """Decisions reported in the article, one per regulator and target."""
    drafts: list[DecisionDraft] = []
    for index, sentence in enumerate(ctx.sentences):
        verb = _VERB.search(sentence.text)
        amounts = [m for m in ctx.money_in(sentence.start, sentence.end) if m.meaning not in ("ceiling", "total")]
        if amounts and _PARTS.search(ctx.text[sentence.start : amounts[0].start]):
            amounts = []
        if not verb and not (_NOUN.search(sentence.text) and amounts):
            continue
        found = _regulator_for(ctx, index, sentence)
        if found is None:
            continue
        regulator, confidence = found
        if not amounts and not verb:
            continue
        target, target_confidence = _target(ctx, sentence)
        issuer_how = _issuer_how(ctx, sentence, regulator, confidence)
        target_how = {0.9: "verb", 0.75: "sentence", 0.6: "salient"}.get(target_confidence, "none")
        listed = _listed(ctx, sentence, amounts, target)
        segments = _segments(sentence, [m for m, _ in listed])
        earlier = bool(_EARLIER.search(ctx.text[slice(*segments[0])] if listed else sentence.text))
        if earlier and (not ctx.firms_in(sentence.start, sentence.end) or confidence < 0.9):
            continue  # an earlier or other decision whose firm or issuer the sentence does not name
        draft = DecisionDraft(regulator, target, [(sentence.start, sentence.end)],
                              min(confidence, target_confidence or confidence), ["regulator-action"],
                              earlier=earlier)
        draft.issuer_how, draft.target_how = issuer_how, target_how
        if earlier and target:
            draft.as_written = _short_form(ctx, target, sentence)
        if amounts:
            draft.summary = sentence.text
        if listed:  # "A must pay 7.6 million, while B was fined 237,800 and C 676,956"
            amounts = amounts[:1]
            draft.target, draft.target_how = listed[0][1], "listed"
        for money in amounts[:1]:
            sanction = _fine(money, sentence.text)
            sanction.statutory_maximum = bool(_MAXIMUM.search(sentence.text))
            draft.sanctions.append(sanction)
        if not amounts and _MAXIMUM.search(sentence.text) and re.search(r"(?i)\bimpos", sentence.text):
            draft.sanctions.append(SanctionDraft("fine", [(sentence.start, sentence.end)], statutory_maximum=True))
        for pattern, kind in ((_ORDER, "order"), (_BAN, "ban")):
            if (match := pattern.search(sentence.text)) and not re.match(
                    r"(?i)\s*(?:\w+\s+){0,3}?to\s+pay\b", match.group("what")):
                what = " ".join(match.group(0).split())
                span = (sentence.start + match.start(), sentence.start + match.end())
                draft.sanctions.append(SanctionDraft(kind, [span], description=what))
        draft.date = _date_in(ctx, *(segments[0] if listed else (sentence.start, sentence.end)))
        if draft.date is None and issuer_how == "cataphor" and index + 1 < len(ctx.sentences):
            draft.date = _date_in(ctx, ctx.sentences[index + 1].start, ctx.sentences[index + 1].end)
        if draft.date is None and earlier:
            draft.period = find_period(ctx.text, sentence.start, sentence.end)
        for citation in ctx.citations:
            if sentence.start <= citation.start < sentence.end:
                before = ctx.text[sentence.start : citation.start]
                draft.cites.append((citation.citation, (citation.start, citation.end),
                                    bool(_INFRINGE.search(before))))
        if committee := _COMMITTEE.search(sentence.text):
            draft.decided_by = " ".join(committee.group(0).lower().split())
        _merge(drafts, draft)
        for (money, firm), segment in zip(listed[1:], segments[1:], strict=True):
            prior = bool(_EARLIER.search(ctx.text[slice(*segment)]))
            if prior and confidence < 0.9:
                continue
            more = DecisionDraft(regulator, firm, [(sentence.start, sentence.end)], draft.confidence,
                                 ["regulator-action", "listed"], earlier=prior)
            more.issuer_how, more.target_how = issuer_how, "listed"
            more.sanctions.append(_fine(money, sentence.text))
            more.date = _date_in(ctx, *segment) if prior else draft.date
            if prior and more.date is None:
                more.period = find_period(ctx.text, *segment)
            _merge(drafts, more)
    _appeals(ctx, drafts)
    _dated(ctx, drafts)
    _findings(ctx, drafts)
    _maximum_elsewhere(ctx, drafts)
    drafts = _no_sums_or_parts(ctx, drafts)
    return [d for d in drafts if d.sanctions or d.cites]


def _fine_of(draft: DecisionDraft) -> SanctionDraft | None:
    return next((s for s in draft.sanctions if s.amount is not None), None)


def _no_sums_or_parts(ctx: Context, drafts: list[DecisionDraft]) -> list[DecisionDraft]:
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


def _sums_to(amounts: list[float | int], total: float) -> bool:
    """Whether two or more of the amounts add up to the total (within a cent)."""
    values = sorted(float(a) for a in amounts)[:12]
    sums = {0.0: 0}
    for value in values:
        for have, count in list(sums.items()):
            sums.setdefault(round(have + value, 2), count + 1)
    return any(abs(have - total) < 0.01 and count >= 2 for have, count in sums.items())


_ISSUER_RANK = ("only", "cataphor", "anaphor", "described", "named")
_TARGET_RANK = ("none", "salient", "listed", "sentence", "verb")


_FOR_FIRM = re.compile(r"(?i)[^\S\n]*(?:euros?\s+|EUR\s+)?(?:for|against|on|pour|contre|gegen|für|a\s+carico\s+di|"
                       r"nei\s+confronti\s+di|voor|tegen|para|contra)\s+(?:the\s+|la\s+|die\s+|den\s+)?")


def _segments(sentence: Sentence, amounts: list[Money]) -> list[tuple[int, int]]:
    """Per listed fine, the part of the sentence that is about it: from the fine before it
    to the fine after it ("fined A 8 million, after fining B 5 million in 2020")."""
    bounds = [sentence.start, *(m.end for m in amounts[:-1])]
    ends = [*(m.start for m in amounts[1:]), sentence.end]
    return list(zip(bounds, ends, strict=True)) or [(sentence.start, sentence.end)]


def _listed(ctx: Context, sentence: Sentence, amounts: list[Money],
            target: str | None) -> list[tuple[Money, str | None]]:
    """Several different fines listed in one sentence, each with the firm named just before
    it (a fine with no firm of its own takes the one before); empty when the sentence
    gives one fine (or one fine twice, rounded and exact)."""
    if len(amounts) < 2 or any(rounded_same(a.amount, b.amount) for a, b in pairwise(amounts)):
        return []
    found: list[tuple[Money, str | None]] = []
    previous = sentence.start
    firm = target if not ctx.firms_in(sentence.start, amounts[0].start) else None
    for money in amounts:
        named = ctx.firms_in(previous, money.start)
        firm = named[-1][1].name if named else firm
        after = _FOR_FIRM.match(ctx.text, money.end, sentence.end)
        if after and (owner := ctx.firms_in(money.end, money.end + after.end() - money.end + 1)):
            firm = owner[0][1].name  # "90 million euros for Google LLC"
        found.append((money, firm))
        previous = money.end
    return found


def _issuer_how(ctx: Context, sentence: Sentence, regulator: str, confidence: float) -> str:
    """How the sentence names its issuer: by name or acronym, by a description, or not."""
    if confidence >= 0.9:
        rules = {m.rule for m in ctx.regulators_in(sentence.start, sentence.end) if m.entry.id == regulator}
        return "named" if rules & {"gazetteer", "gazetteer-defined"} else "described"
    if confidence == 0.65:
        return "only"
    return "anaphor" if confidence >= 0.7 else "cataphor"


def _short_form(ctx: Context, target: str, sentence: Sentence) -> tuple[int, int] | None:
    """Where an earlier decision's sentence names its firm by a shorter name than the legal
    entity of the main story ("TikTok" against "TikTok Technology Limited"): that name is
    the earlier decision's target (another authority may have fined another entity)."""
    for start, found in ctx.firms_in(sentence.start, sentence.end):
        if found.name != target:
            continue
        end = next(b for a, b in found.spans if a == start)
        written = ctx.text[start:end]
        if len(written) < len(found.name) and found.name.startswith(written):
            return start, end
    return None


def _date_in(ctx: Context, start: int, end: int) -> tuple[int, int, str] | None:
    """The first date of a range of text that is not an end of a period ("between 31 July
    and 31 December 2020")."""
    found = find_dates(ctx.text, start, end, ctx.article.date)
    for index, (a, b, iso) in enumerate(found):
        if _RANGE_BEFORE.search(ctx.text[max(start, a - 12) : a]):
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and following[0] - b < 12 and _RANGE_BEFORE.search(ctx.text[b : following[0]]):
            continue  # the start of a period
        return a, b, iso
    return None


def _dated(ctx: Context, drafts: list[DecisionDraft]) -> None:
    """A sentence that dates the decision ("The decision, dated 16 July 2021", "announced
    on 15 September 2023") dates the main decision of its regulator when it has no date."""
    main = [d for d in drafts if not d.earlier and (d.sanctions or d.cites)]
    issuer = {m.entry.id for m in find_regulators(ctx.article.publisher or "")}
    day = ctx.article.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.article.date or "") else None
    for number, sentence in enumerate(ctx.sentences[:3]):  # a press release's date line
        if len(main) == 1 and main[0].date is None and len(sentence.text) <= 30 and number == sentence.paragraph:
            found_date = _date_in(ctx, sentence.start, sentence.end)
            if found_date is not None and sentence.text.strip(" .") == ctx.text[found_date[0]:found_date[1]]:
                main[0].date = found_date
    for index, sentence in enumerate(ctx.sentences):
        if not _DATED.search(sentence.text) or _EARLIER.search(sentence.text):
            continue
        when = _date_in(ctx, sentence.start, sentence.end)
        if when is None:
            continue
        found = _regulator_for(ctx, index, sentence)
        candidates = [d for d in main if found is None or d.regulator == found[0]]
        if len(candidates) == 1 and candidates[0].date is None:
            candidates[0].date = when
    for draft in main:  # the authority's own release announces its decision the day it is dated
        if draft.date is None and day and issuer == {draft.regulator}:
            draft.published = day


def _maximum_elsewhere(ctx: Context, drafts: list[DecisionDraft]) -> None:
    """The fine is the maximum where a sentence about the same regulator says so."""
    for draft in drafts:
        fines = [s for s in draft.sanctions if s.kind == "fine"]
        extra = [s for s in draft.sanctions if s.kind == "fine" and s.amount is None]
        if len(fines) > 1 and extra:
            real = next(s for s in fines if s.amount is not None)
            for sanction in extra:
                real.statutory_maximum |= sanction.statutory_maximum
                real.spans += sanction.spans
                draft.sanctions.remove(sanction)


def _findings(ctx: Context, drafts: list[DecisionDraft]) -> None:
    """Citations in a sentence about what a regulator found belong to its decision."""
    for index, sentence in enumerate(ctx.sentences):
        cited = [c for c in ctx.citations if sentence.start <= c.start < sentence.end]
        if not cited or not _FINDING.search(sentence.text):
            continue
        found = _regulator_for(ctx, index, sentence)
        draft = next((d for d in drafts if found and d.regulator == found[0]), None)
        if draft is None:
            continue
        for citation in cited:
            before = ctx.text[sentence.start : citation.start]
            item = (citation.citation, (citation.start, citation.end), bool(_INFRINGE.search(before)))
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
