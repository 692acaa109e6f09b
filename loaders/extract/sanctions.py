"""The sanction lexicon: words of fines, periodic penalties, proposed fines, orders, bans and
reprimands across the EU/EEA languages, shared by the decision rules and the fallback decision,
and the sanction an amount makes in its sentence."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import SanctionDraft
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.names import CLAUSE

__all__ = ["BAN", "LIQUIDATION", "ORDER", "PERIODIC", "PROPOSED", "REPRIMAND", "SANCTION_WORD", "is_periodic",
           "sanction_of"]

# Words of a sanction, by stem, across EU languages (nouns and verbs): a fine, a penalty, a
# reprimand, an order.
SANCTION_WORD = re.compile(
    r"(?i)(?<!\w)(?:fine[sd]?|fining|penalt\w+|penalis\w+|penaliz\w+|sanction\w*|reprimand\w*|"
    r"amende\w*|astreinte\w*|\w*bu(?:ß|ss)geld\w*|\w*geldbu(?:ß|ss)e\w*|\w*geldstrafe\w*|\w*bu(?:ß|ss)e|verwarn\w+|"
    r"\w*multa\w*|multe|sanzion\w+|ammon\w+|sanci[oó]n\w*|sancion\w+|apercibi\w+|coima\w*|"
    r"\w*boete\w*|beboet\w*|dwangsom\w*|berisp\w+|bøde\w*|bøter|böter|bot(?:en)?|bötfäll\w*|"
    r"sanktion\w*|sanksjon\w*|gebyr\w*|sakko\w*|seuraamusmaksu\w*|kar[aęyą]|kar(?:y|ę)|ukara\w*|grzywn\w+|"
    r"upomnieni\w+|πρόστιμ\w+|προστίμ\w+|pokut\w+|kazn\w+|bírság\w*|amend[ăa]\w*|ceza\w*)(?!\w)"
)
PERIODIC = re.compile(r"(?i)\b(?:overdue|periodic)\s+penalt\w*|\bpenalty\s+payments?\b|\bastreinte\b|"
                       r"\bZwangsgeld\w*|\bdwangsom\w*|\bpenalit\w+\s+di\s+mora")
PROPOSED = re.compile(
    r"(?i)\bpropos\w+|\bpropuest\w+|\bintend(?:s|ed|ing)?\W{0,2}\s+to\s+(?:fine|impose|issue)|\bvarsel\s+om|\bvarsl(?:et|a|er|ede)\b|\bindstill\w*|"
    r"\bintention\s+to\s+(?:fine|impose)|\bprovisional|"
    r"\bpreliminary\b|\badvance\s+notifi\w+|\bdraft\s+decision|\bprojet\s+de\s+(?:décision|sanction)|"
    r"\bvoornemen\b|\bschema\s+di\s+provvedimento|\bAnhörung|"
    r"\b(?:first|initially|originally)\s+(?:considered|proposed|sought)\s+(?:a|an)\s+(?:\w+\s+)?(?:penalty|fine)\b"
)
LIQUIDATION = re.compile(r"(?i)\bliquid(?:at|er|é|e)\w*")
ORDER = re.compile(rf"(?i)\b(?:ordered|orders|ordering|ordonn[ée]\w*|enjoint|injonction|ingiun\w+|"
                    rf"(?:ha|hanno|aveva)\s+disposto|ordenad[oa]|ordenó|angeordnet|gelast|mis(?:e)?\s+en\s+demeure)\b(?P<what>{CLAUSE}{{0,160}})")
BAN = re.compile(rf"(?i)\b(?:banned|bans|ban\s+on)\b(?P<what>{CLAUSE}{{0,160}})")
REPRIMAND = re.compile(r"(?i)\b(?:reprimand(?:ed|s)?|rappel\s+à\s+l['’]ordre|Verwarnung|verwarnt|ammonimento|"
                        r"ammonit[oa]|berisping|apercibimiento|upomnieni\w+|reprimenda)\b(?P<what>)")

def is_periodic(ctx: Context, money: Money, start: int) -> bool:
    """A periodic penalty: "per day" after the amount, or its noun between the amount and
    ``start`` (the previous amount or the sentence's start): "an astreinte of 100,000 euros"."""
    return money.meaning == "periodic" or bool(PERIODIC.search(ctx.text, start, money.start))


def sanction_of(money: Money, ctx: Context, bounds: tuple[int, int], before: int | None = None) -> SanctionDraft:
    """The sanction of an amount; ``bounds`` is the part of the sentence about it (its
    kind words: proposed, liquidated), ``before`` where the words before it begin."""
    clause = ctx.text[bounds[0] : bounds[1]]
    kind = "periodic_penalty" if is_periodic(ctx, money, bounds[0] if before is None else before) else "fine"
    if LIQUIDATION.search(clause):
        kind = "penalty_liquidation"
    elif kind == "fine" and PROPOSED.search(clause):
        kind = "proposed_fine"
    return SanctionDraft(kind, [(money.start, money.end)], money.amount, money.currency,
                         money.per, approximate=money.approximate, conversions=money.conversions,
                         doubtful=money.doubtful)
