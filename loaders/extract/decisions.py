"""Decisions: regulator + action + target + amount + date + citations + appeal intent."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract import several
from enforcegraph.loaders.extract.bodies import court_decides, other_authority_acts
from enforcegraph.loaders.extract.completion import INFRINGE, complete
from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft, SanctionDraft
from enforcegraph.loaders.extract.exact import prefer_exact
from enforcegraph.loaders.extract.fallback import fallback_decisions
from enforcegraph.loaders.extract.gazetteer import directs_regulator
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.relayed import drop_relayed
from enforcegraph.loaders.extract.roles import PASSIVE_EVENT
from enforcegraph.loaders.extract.sanctions import (
    BAN,
    DECISION_NOUN,
    ORDER,
    REPRIMAND,
    THE_SANCTION_NOUN,
    decided,
    is_periodic,
    leads_unreal,
    moneyless_kind,
    sanction_of,
    unreal,
)
from enforcegraph.loaders.extract.text import Sentence, find_period
from enforcegraph.loaders.extract.timing import (
    date_in,
    is_earlier,
    lead_clause,
    period_of,
    then_now,
)
from enforcegraph.loaders.extract.unnamed import (
    PERSON_OF,
    PERSONS_OBJECT,
    not_the_story_firms,
    of_another,
    parent_of_named,
)

__all__ = ["DecisionDraft", "SanctionDraft", "find_decisions"]

_VERB = re.compile(
    r"(?i)\b(?:fined|fines|fining|fine\s+(?:on|against|of)|imposed?|imposes|imposing|"
    r"hit\s+with|slapped|sanctioned|penalised|penalized|ordered|orders|ordering|banned|bans|"
    r"issued\s+(?:\w+\s+){1,5}?with\s+(?:a|an)\s+(?:\w+\s+)?(?:enforcement\s+notice|fine|penalty|reprimand|order)|"
    r"reprimanded|issued\s+(?:a|an)\s+(?:\w+\s+)?(?:fine|penalty|reprimand|order|ban)|"
    # "was likewise served an Enforcement Notice", "served it with a monetary penalty notice"
    r"served\s+(?:\w+\s+){0,3}?(?:an?\s+)?(?:\w+\s+)?(?:enforcement|penalty|monetary\s+penalty)\s+notice|"
    # an infinitive after a decision or an intent ("its decision to reprimand X", "intends to fine X")
    r"(?:decision|decided|decides|intends?|intention|plans?|proposes?|proposed)\s+to\s+(?:fine|reprimand|sanction)|"
    # French, German, Italian, Dutch, Spanish
    r"sanctionn[ée]e?s?|inflig\w+|prononc[ée]\w*|condamn[ée]e?s?|enjoint|liquid(?:é|er|e)\w*|"
    r"verhängt\w*|auferlegt|erlassen|erließ|angeordnet|"
    r"inflitt\w*|irrogat\w*|sanzionat\w*|multat\w*|ordinat\w*|vietat\w*|ingiunge|"
    r"opgelegd|oplegt|legt\s+(?:\w+\s+){0,6}?op|beboet|"
    r"impuest\w*|impuso|impone|sancionad\w*|sanciona|sancionó|multad\w*|multó|multa\s+a|castig\w+|(?:emesso|adottato)\s+un\s+provvedimento\s+sanzionatorio|"
    # "must pay", "dovrà pagare", "zahlte"
    # Polish, Swedish
    r"nałoży\w*|ukara\w*|bötfäll\w*|påför\w*|påfört|ålägg\w*|ålagt|ålade|utfärda\w*|"
    # ordering in the languages present ("ha disposto la limitazione", "ha ordenado una medida cautelar")
    r"(?:ha|hanno|aveva)\s+disposto|dispone|ordenad\w*|ordenó|erlässt|mis(?:e)?\s+en\s+demeure|"
    # reprimands ("ha ammonito", "verwarnt", "berispt")
    r"ammonit[oaie]|verwarnt|berispt|apercibid[oa]|upomnia\w*|"
    # Portuguese, Greek, Croatian, Finnish, Danish, Norwegian
    r"aplicou|aplica|impõe|impôs|punid[oa]s?|multou|επέβαλε|επιβλήθηκε|izrek\w+|izreč\w+|kaznio|kaznila|määräsi|ilagt|ilegg\w*|pålagt|idømt\w*|"
    # Italian, Swedish, Danish, Norwegian orders and bans; Hungarian, Icelandic, Czech, Slovak, Slovenian,
    # Lithuanian, Latvian, Estonian, Romanian, Bulgarian fines
    r"(?:ha|hanno|aveva)\s+impost[oa]|förbjud(?:er|it)|förbjöd|förelägg(?:er|s)|förelade|beläggs|forbyder|forbød|"
    r"pålegg(?:er)?|påla|szabott\s+ki|kiszab\w*|megbírságol\w*|bírságolt\w*|sektaði|sektað|sektar|"
    r"lagði\s+(?:\w+\s+){0,3}?á|lagt\s+(?:\S+\s+){0,4}?(?:stjórnvalds)?sekt\w*\s+á|uložil[aoi]?|naložil[ao]?|izrekl[ao]?|skyrė|piemēroja|määras|trahvis|"
    r"a\s+amendat|a\s+sanc[țţ]ionat|a\s+aplicat|наложи|"
    r"(?:must|has\s+to|have\s+to|will\s+have\s+to|muss|müssen|musste|mussten|soll|sollen|dovrà|dovranno|doit|devra|moet|"
    r"deberá|tendrá\s+que|måste|musi|må|skal|ska|skall|þarf|þurfa)\s+"
    r"(?:\w+\s+){0,3}?(?:pay|zahlen|pagare|payer|betalen|pagar|betala|betale|greiða|zapłacić|zaplatit)|zahlte|zahlten)(?!\w)"
)
# A sentence about "the fine" continues the decision told just before.
_THE_SANCTION = re.compile(
    r"(?i)^\W*(?:the|this|that|la|le|l['’]|cette|die|das|der|diese|de|het|deze|il|lo|questa|el|esta)\s*"
    r"(?:\w+\s+){0,2}?" + THE_SANCTION_NOUN + r"\b"
)
_NOUN = re.compile(r"(?i)\b" + DECISION_NOUN + r"(?!\w)")
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
# Courts and appeal boards: an amount they set or confirm is no decision of the regulator.
_COURT = re.compile(r"(?i)\b(?:\w*court|tribunal\w*|\w*gericht\w*|\w*rätten|\w*retten|domstol\w*|tribunale|"
                    r"rechtbank|sąd\w*|\w*nemnda|cour|juez|giudice|judge|Conseil\s+d['’]État|Consiglio\s+di\s+Stato|"
                    r"Raad\s+van\s+State|Verwaltungsgerichtshof|hallinto-oikeu\w+)\b")
# ... when the court acted on it ("reduced the fine to", "upheld", "became final", "a judge ordered the
# firm to pay"), not when a firm only says it will go to court.
_COURT_ACTS = re.compile(r"(?i)\b(?:reduc\w+|cut|lower\w*|annul\w*|overturn\w*|quash\w*|upheld|uphold\w*|confirm\w*|"
                         r"set\s+aside|sänk\w+|opphev\w*|aufgehoben|aufgehob\w*|hob\b|bestätigt\w*|annulé\w*|confirmé\w*|"
                         r"ridott\w*|annullat\w*|confermat\w*|vernietigd|verlaagd|bevestigd|rebaj\w+|anul\w+|confirm\w+|"
                         r"oddalił|uchylił|stadfäst\w*|fastställ\w*|laga\s+kraft|rechtskräftig|became\s+final|"
                         r"ordered|orders|awarded|condamn\w+|condannat\w*|verurteil\w*|condenad\w*|condenó|veroordeeld|dömde)\b")
# A regulator's name used as a common noun ("avec les autres CNIL de l'Union") names none.
_OTHER_BODIES = re.compile(r"(?i)\b(?:other|autres|altre|altri|andere[nr]?|otras|otros|outras|andra|øvrige)\s+$")
# The agent of a passive ("fined by the ICO", "multata dal Garante", "par la CNIL").
_BY_AGENT = re.compile(r"(?i)\b(?:by|par|dal|dalla|von|door|por|av|przez)\s+(?:the\s+|la\s+|le\s+|l['’]|der\s+|de\s+|el\s+)?$")
# Amounts that are parts of a fine given in full elsewhere ("made up of 485 million ...").
# "5 million for two infringements, each penalised with 2.5 million": a part of the fine.
_EACH = re.compile(r"(?i)\b(?:each|cada\s+una?|ciascun[ao]|chacune?|jeweils|elk|varje|każd\w+)\b[^.;]{0,40}$")
_PARTS = re.compile(r"(?i)\b(?:made\s+up\s+of|comprises?|comprising|consists?\s+of|of\s+which|"
                    r"broken\s+down\s+into|davon|di\s+cui|waarvan|de\s+los\s+cuales)\b[^.;]{0,30}$")
_MAXIMUM = re.compile(r"(?i)\bmaximum\b|\bhighest\s+possible\b|\bmaximum\s+possible\b")
_COMMITTEE = re.compile(r"(?i)\b(?:restricted\s+committee|formation\s+restreinte|sanctions\s+committee)\b")
# "would have been fined", "would fall to": a sanction that was not imposed (the Romance and
# German conditional also reports a fact, "avrebbe multato": not read as one).
_COUNTERFACTUAL = re.compile(r"(?i)\b(?:would|could|might)\s+(?:otherwise\s+)?have\s+been|\bwould\s+otherwise|"
                             r"\bwould\s+(?:fall|drop|be\s+reduced)|\bcairia|\bsenkt\s+würde|\bserait\s+ramen[ée]e?|"
                             r"\bde\s+haber\s+\w+(?:ado|ido)\b|\bhad\s+it\s+not\b")  # "la que habría afrontado de haber rebatido"
# A fine cut or raised "from A to B": B is the decision's fine now, A the earlier one.
_CHANGED = re.compile(r"(?i)\b(?:reduc\w+|cut|cuts|lower\w*|halv\w+|verlaag\w*|senkt\w*|gesenkt|reduziert|herabgesetzt|"
                      r"réduit\w*|abaiss\w+|ridott\w*|ridu\w+|reducid\w*|rebaj\w+|satt\s+ned|redusert|sänk\w+|"
                      r"nedsat\w*|obniż\w+|raised|increased|erhöht|verhoogd|aumentat\w*)\b")
_FROM_TO = re.compile(r"(?i)^[^.;]{0,160}?\b(?:to|naar|auf|à|a|til|till|até|na|do)\s*$")


def _only_regulator(ctx: Context) -> str | None:
    """The issuer of a report that names one regulator only (its sanctions without an
    issuer of their own sentence are that regulator's)."""
    ids = {m.entry.id for m in ctx.regulators}
    return next(iter(ids)) if len(ids) == 1 else None


def _regulator_for(ctx: Context, index: int, sentence: Sentence) -> tuple[str, float] | None:
    here = [m for m in ctx.regulators_in(sentence.start, sentence.end)
            if not _NOT_ISSUER_BEFORE.search(ctx.text[max(sentence.start, m.start - 60) : m.start])
            and not _OTHER_BODIES.search(ctx.text[max(sentence.start, m.start - 20) : m.start])
            and not directs_regulator(ctx.text, m.end, ctx.regulators_in(m.end, m.end + 60))]
    if len({m.entry.id for m in here}) > 1 and (verb := _VERB.search(sentence.text)):
        at = sentence.start + verb.start()  # several regulators: the agent is the last one before the verb
        before = [m for m in here if m.end <= at and not _BY_AGENT.search(ctx.text[max(sentence.start, m.start - 8) : m.start])]
        by = [m for m in here if _BY_AGENT.search(ctx.text[max(sentence.start, m.start - 8) : m.start])]
        subject = [m for m in before if re.fullmatch(r"[^,;]{0,25}", ctx.text[m.end : at])]  # "The DPC fined A, B by the CNPD"
        here = subject[-1:] or by[:1] or before[-1:] or here
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
    named = ctx.firms_in(sentence.start, sentence.end)
    firms = [(a, f) for a, f in named if not PERSON_OF.search(ctx.text, max(sentence.start, a - 60), a)
             and not of_another(ctx.text, sentence.start, a) and not parent_of_named(ctx.text, f.spans, a)]
    if named and not firms:
        return None, 0.0  # "reprimanded a former employee of X", "fined a contractor of X": not X's
    verb = _VERB.search(sentence.text)
    if firms and any(PERSONS_OBJECT.match(sentence.text, v.end()) for v in _VERB.finditer(sentence.text)):
        return None, 0.0  # "On top of the fine on X, the authority ordered two officials to pay": theirs
    if firms and verb:
        at = sentence.start + verb.start()
        after = [f for a, f in firms if a > at]
        before = [f for a, f in firms if a < at]
        passive = re.search(r"(?i)\b(?:(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+|further\s+)?been|was|were|been|is|be)\s+"
                            r"(?:\w+ly\s+|also\s+|now\s+|further\s+)?(?:fined|hit|ordered|banned|sanctioned|reprimanded)",
                            sentence.text) or PASSIVE_EVENT.search(sentence.text)  # "had fined X": active, X after it
        if not before and (held := re.search(r"(?i)\b(?:was|were|are|is)\s+(?:\w+ly\s+|also\s+)?(?:fined|sanctioned|"
                                             r"penali[sz]ed|reprimanded)\s+for\b", sentence.text)) and all(
                a > sentence.start + held.end() for a, _ in firms):
            return None, 0.0  # "A and B (no firms) were sanctioned for leaking it to X": not X's
        chosen = (before[-1] if passive and before else (after[0] if after else before[-1]))
        if passive and len(before) > 1:
            first = next(a for a, f in firms if f is before[0])
            if re.match(r"[^,;]*,[^;]{1,80}?,\s*(?:has|have|had|was|were|is)\b", ctx.text[first:at]):
                chosen = before[0]  # "TikTok, owned by China's ByteDance, was fined": the subject
        return chosen.name, 0.9
    if firms:
        return firms[0][1].name, 0.75
    salient = ctx.parties.salient_firm()
    if salient is None or not _near(ctx, salient.spans, sentence) or not_the_story_firms(sentence.text):
        return None, 0.0
    return salient.name, 0.6


def _near(ctx: Context, spans: list[tuple[int, int]], sentence: Sentence) -> bool:
    """A firm named in the sentence's paragraph or the two before it (or in the headline):
    a fine in a later section of a round-up is not the story's main firm's."""
    near = {s.paragraph for s in ctx.sentences if any(s.start <= a < s.end for a, _ in spans)}
    return bool(near & {0, sentence.paragraph, sentence.paragraph - 1, sentence.paragraph - 2})


def find_decisions(ctx: Context) -> list[DecisionDraft]:
    """Decisions reported in the article, one per regulator and target."""
    drafts: list[DecisionDraft] = []
    others: set[tuple[int, int]] = set()  # sentences of a court's or another authority's sanction
    for index, sentence in enumerate(ctx.sentences):
        verb = decided(_VERB, sentence.text)  # not "the GDPR bans ...", "could be fined", "did not fine"
        amounts = [m for m in ctx.money_in(sentence.start, sentence.end) if m.meaning in ("amount", "periodic")
                   and not unreal(ctx.text, m.start, sentence.start, risk=verb is None)]  # "instead of a £1m fine"
        if verb is None and leads_unreal(sentence.text, _VERB):
            amounts = []  # "did not fine X, saying a penalty of £1.5m would ...": no figure of it is imposed
        if amounts and _PARTS.search(ctx.text[sentence.start : amounts[0].start]):
            amounts = []
        amounts = [m for m in amounts if not several.SPREAD.match(ctx.text, m.end, sentence.end)]  # "£1.45m to 16 firms"
        if not amounts and verb:
            amounts = _total_of_one(ctx, sentence)
        if not verb and not (_NOUN.search(sentence.text) and amounts):
            continue
        named = [(m.start, m.end) for m in ctx.regulators_in(sentence.start, sentence.end)]
        if verb and (court_decides(ctx.text, sentence.start, sentence.end, (sentence.start + verb.start(), sentence.start + verb.end()), named)
                     or other_authority_acts(ctx.text, sentence.start, sentence.start + verb.start(), named)):
            others.add((sentence.start, sentence.end))  # ... nor the fallback's
            continue  # "magistrates fined X", "Ofcom fined BT Group" (in a story that names the ICO): not the regulator's
        found = _regulator_for(ctx, index, sentence)
        if found is None:
            continue
        regulator, confidence = found
        if not amounts and not verb:
            continue
        target, target_confidence = _target(ctx, sentence)
        issuer_how = _issuer_how(ctx, sentence, regulator, confidence)
        target_how = {0.9: "verb", 0.75: "sentence", 0.6: "salient"}.get(target_confidence, "none")
        amounts = [m for m in amounts if not (_EACH.search(ctx.text, sentence.start, m.start) and any(
            o.amount > m.amount and o.currency == m.currency for o in amounts))  # "each penalised with"
            and not _COUNTERFACTUAL.search(ctx.text, sentence.start, m.start)]
        starts = [sentence.start, *(m.end for m in amounts)][: len(amounts)]
        periodic = [(m, a) for m, a in zip(amounts, starts, strict=True) if is_periodic(ctx, m, a)]
        if periodic and len(periodic) < len(amounts):  # "a fine of 50 million with a penalty of 100,000 a day"
            amounts = [m for m in amounts if all(m is not p for p, _ in periodic)]
        else:
            periodic = []
        if len(amounts) > 1 and then_now(ctx, sentence.start, amounts[0].end, sentence.end):
            amounts = amounts[1:]  # "after a notice last year for A, X has now been fined B": B is this one
        if amounts and target and several.bracketed_elsewhere(ctx, amounts[0], target):
            target, target_how = None, "none"  # "l'Atac (400.000 euro) ... e Fca Italy spa": Atac's fine
        listed = several.listed(ctx, sentence, amounts, target)
        segments = several.segments(sentence, [m for m, _ in listed])
        changed = len(listed) == 2 and bool(_CHANGED.search(sentence.text) and _FROM_TO.match(
            ctx.text[listed[0][0].end : listed[1][0].start]))
        if changed:  # "cut the fine of 500,000 to 50,000": the second is the fine, the first an earlier one
            listed = [(listed[1][0], listed[1][1] or listed[0][1]), (listed[0][0], listed[0][1] or listed[1][1])]
            segments = [segments[1], segments[0]]
        earlier = is_earlier(ctx, *(segments[0] if listed else (sentence.start, sentence.end)))
        if changed:  # the new fine is as old as the words after it (those before the old one date the old one)
            earlier = is_earlier(ctx, listed[0][0].end, sentence.end)
        if confidence < 0.9 and _COURT.search(sentence.text) and _COURT_ACTS.search(sentence.text):
            continue  # an amount a court or appeal board set: not the regulator's decision
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
            amounts = [listed[0][0]]
            draft.target, draft.target_how = listed[0][1], "listed"
        for money in amounts[:1]:
            sanction = sanction_of(money, ctx, segments[0] if listed else (sentence.start, sentence.end))
            sanction.statutory_maximum = bool(_MAXIMUM.search(sentence.text))
            draft.sanctions.append(sanction)
        for money, start in periodic:
            draft.sanctions.append(sanction_of(money, ctx, (sentence.start, sentence.end), start))
        if not amounts and _MAXIMUM.search(sentence.text) and re.search(r"(?i)\bimpos", sentence.text):
            draft.sanctions.append(SanctionDraft("fine", [(sentence.start, sentence.end)], statutory_maximum=True))
        for pattern, kind in ((ORDER, "order"), (BAN, "ban"), (REPRIMAND, "reprimand")):
            if (match := decided(pattern, sentence.text)) and not re.match(
                    r"(?i)\s*(?:\w+\s+){0,3}?to\s+pay\b", match.group("what")) and not directs_regulator(
                    ctx.text, sentence.start + match.start(), ctx.regulators_in(sentence.start + match.start(), sentence.end)):
                what = " ".join(match.group(0).split())
                span = (sentence.start + match.start(), sentence.start + match.end())
                draft.sanctions.append(SanctionDraft(kind, [span], description=what))
        at = amounts[0].start if amounts else sentence.start + (verb.start() if verb else 0)
        draft.date = date_in(ctx, *(segments[0] if listed else lead_clause(ctx, sentence.start, sentence.end, at)),
                             relative=not earlier)  # not "said on Monday" for an earlier one
        if draft.date is None and issuer_how == "cataphor" and index + 1 < len(ctx.sentences):
            draft.date = date_in(ctx, ctx.sentences[index + 1].start, ctx.sentences[index + 1].end)
        if draft.date is None and earlier:
            draft.period = period_of(ctx, sentence, amounts[0] if amounts else None)
        for citation in ctx.citations:
            if sentence.start <= citation.start < sentence.end:
                before = ctx.text[sentence.start : citation.start]
                draft.cites.append((citation.citation, (citation.start, citation.end),
                                    bool(INFRINGE.search(before))))
        if committee := _COMMITTEE.search(sentence.text):
            draft.decided_by = " ".join(committee.group(0).lower().split())
        several.merge(drafts, draft)
        for (money, firm), segment in zip(listed[1:], segments[1:], strict=True):
            prior = changed or is_earlier(ctx, *segment)
            if prior and confidence < 0.9:
                continue
            own = [m.entry.id for m in ctx.regulators_in(*segment) if _BY_AGENT.search(ctx.text[max(segment[0], m.start - 8) : m.start])]
            more = DecisionDraft(own[0] if own else regulator, firm, [(sentence.start, sentence.end)], draft.confidence,
                                 ["regulator-action", "listed"], earlier=prior)
            more.issuer_how, more.target_how = issuer_how, "listed"
            more.sanctions.append(sanction_of(money, ctx, segment, segment[0]))
            more.date = date_in(ctx, *segment, relative=not prior) or (None if prior else draft.date)
            if prior and more.date is None:
                more.period = find_period(ctx.text, *segment)
            several.merge(drafts, more)
    drafts = drop_relayed(ctx, drafts)  # before the appeals: "the company will appeal" of one decision
    complete(ctx, drafts, _regulator_for)
    _maximum_elsewhere(ctx, drafts)
    daily = any(m.meaning == "periodic" for m in ctx.money)  # "25.000 euro per dag": the rules' own
    for draft in drafts:  # a sanction told without its figure: "last onder dwangsom", "verhängt eine Strafe"
        told = moneyless_kind(" ".join(ctx.text[a:b] for a, b in draft.spans), fines=bool(draft.cites), periodic=not daily)
        if not draft.sanctions and told:
            draft.sanctions.append(SanctionDraft(told, draft.spans[:1]))
    drafts = [d for d in several.no_repeats(several.no_sums_or_parts(ctx, drafts)) if d.sanctions or d.cites]
    drafts += several.both(ctx, drafts)
    if not drafts:  # a regulator and a sanction, and no rule fired
        drafts = [d for d in fallback_decisions(ctx, _VERB) if d.spans[0] not in others]
        complete(ctx, drafts, _regulator_for)
    prefer_exact(ctx, drafts)
    if all(d.earlier for d in drafts):
        for draft in drafts:  # a story about an earlier decision only: its firm by its full name
            draft.as_written = None
    return drafts


def _total_of_one(ctx: Context, sentence: Sentence) -> list[Money]:
    """The one sum of a sentence that names one firm, in a story that gives no part of it
    ("imposed fines totalling EUR 98,000 on X"): the fines of one decision, so its amount; a
    running or career total ("taken together, the fines ... now total") is no decision's."""
    money = ctx.money_in(sentence.start, sentence.end)
    firms = {f.name for _, f in ctx.firms_in(sentence.start, sentence.end)}
    parts = [m for m in ctx.money if m.meaning in ("amount", "periodic") and m.conversion_of is None]
    if (len(money) == 1 and money[0].meaning == "total" and not money[0].running and len(firms) == 1 and not parts
            and not several.several_firms(ctx, sentence, money[0].start)):  # "drei Firmen, darunter X": no one firm's
        return money
    return []


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
            while (more := re.match(r"\s+\S+", ctx.text[end:])) and found.name.startswith(
                    ctx.text[start : end + more.end()]) and ctx.text[end + more.end() - 1] not in ",.;":
                end += more.end()  # "die Deutsche Wohnen" of "Deutsche Wohnen SE"
            return start, end
    return None


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
