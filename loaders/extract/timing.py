"""When a decision was taken, and whether the story tells an earlier one: dates in the
decision's own words, periods (a month or year), dating sentences, and the temporal cues
of earlier or other decisions ("in 2019", "last year", "the previous record")."""

from __future__ import annotations

import re
from collections.abc import Callable

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.language import language_country
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.text import Sentence, find_dates, find_month, find_period

__all__ = ["EARLIER", "RegulatorFor", "date_in", "dated", "is_earlier", "period_of", "periods", "then_now"]

RegulatorFor = Callable[[Context, int, Sentence], "tuple[str, float] | None"]

# An earlier or other decision told in the same story ("In September 2023 the DPC fined ...").
EARLIER = re.compile(
    r"(?i)\b(?:in|en|im|nel|em|w|i)\s+(?:(?:early|late|mid-?)\s+)?(?:[a-zäéû]+\s+)?(?:19|20)\d{2}\b(?!\s*[-–]\d)|"
    r"\b(?:earlier|previously|last\s+year|a\s+year\s+ago|in\s+the\s+past|prior|"
    r"im\s+vergangenen\s+Jahr|vergangenes\s+Jahr|l['’]an\s+dernier|l['’]année\s+dernière|"
    r"vorig\s+jaar|eerder|l['’]anno\s+scorso|el\s+año\s+pasado|second[-\s]+(?:largest|highest)|"
    r"bisher\s+höchste\w*|previous\s+record|(?:el\s+)?pasado\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|"
    r"agosto|septiembre|octubre|noviembre|diciembre|año)|last\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|im\s+(?:vergangenen|letzten)\s+\w+|lo\s+scorso\s+\w+|"
    r"jusqu['’](?:ici|alors)|finora|tot\s+nu\s+toe|déjà|già|bereits|already|tidigare|i\s+fjol|wcześniej|w\s+zeszłym\s+roku|już|"
    r"(?:largest|highest|biggest)\s+(?:\w+\s+){0,3}?(?:so\s+far|to\s+date|until\s+then|before))\b|"
    # a decision named by its year ("a 2019 fine", "its 2021 decision", "the ICO's 2020 penalty"; "l'amende de
    # 2019" is left: "de 2019" also ends a date of the decision told, and "this 2024 decision" is the one told)
    r"(?:\b(?:a|an|its|the|their)|[’']s)\s+(?:19|20)\d{2}\s+(?:\w+\s+)?(?:fine|penalty|decision|sanction|ruling|reprimand)\b"
)
# A year right after an incident ("a data breach that in 2018 affected ...") dates the
# incident, not an earlier decision.
_INCIDENT = re.compile(r"(?i)\b(?:breach|attack|cyberattack|incident|leak|hack|violazione|attacco|fuite|"
                       r"cyberattaque|Datenpanne|Datenleck|Angriff|Hackerangriff|datalek|lek|brecha|filtración|"
                       r"ciberataque|incidente|wyciek\w*|atak\w*|dataintrång|intrång)\b[^.;]{0,40}$")
_INCIDENT_AFTER = re.compile(r"(?i)\s+(?:\w+\s+){0,2}?(?:data\s+)?(?:breach|attack|cyberattack|cyber\s+attack|incident|leak|hack)")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_RANGE_BEFORE = re.compile(r"(?i)\b(?:between|from|since|until|till|to|and|au|et|seit|bis|und|tra|e|dal|al|"
                           r"tussen|tot|en|desde|hasta|y)\s+$")
_DATED = re.compile(
    r"(?i)\b(?:decision|délibération|provvedimento|ordinanza|Bescheid|besluit|resoluci[oó]n)\b"
    r"[^.;]{0,60}?\b(?:dated|of|du|del|dell|vom|van|de|from)\b|\b(?:announced|annonc\w+|bekanntgegeben|"
    r"annunciat\w*|aangekondigd|anunci\w+|adopted|notified|handed\s+down|reso\s+not[oa]|"
    r"wydan[aoy]|ogłos\w+|ogłoszon\w+|meddela\w*|fattade|fattat|"
    r"(?:se\s+han|fueron|ha\s+sido|han\s+sido)\s+publicad\w+|formation\s+restreinte[^.;]{0,40}?réunie)\b"
)
_DECIDED = re.compile(r"(?i)\b(?:resolvi\w+|resolv\w+|decided|decidi\w+|décid\w+|beslut\w+|besloot|besloten|entschied\w*|"
                      r"concluded|conclu\w+|adopt\w+)\b")


# Today's decision after an earlier one ("has now been fined", "nu", "jetzt", "aujourd'hui").
# Not Italian "ora" (also "hour"; Romanian "oră"), and Dutch "nu" (Romanian "not") only in a text
# the language check reads as Dutch.
_NOW_WORDS = (r"\b(?:now|today|this\s+week|vandaag|jetzt|nun|heute|maintenant|aujourd['’]hui|oggi|"
              r"ahora|hoy|agora|hoje|idag|i\s+dag|nyt|tänään|teraz|dzisiaj)\b")
_NOW_WORDS_NL = r"\b(?:nu|now|vandaag)\b"
_NOW = re.compile(rf"(?i){_NOW_WORDS}")
_NOW_NL = re.compile(rf"(?i){_NOW_WORDS_NL}")
# "After a notice issued last year ..., X has now been fined": the cue dates the clause before.
_NOW_AFTER = re.compile(rf"(?i)^(?:[^.;]|\.(?=\d))*?,[^.;,]*?{_NOW_WORDS}[^.;]*?(?:[€£$]|\d)")
_NOW_AFTER_NL = re.compile(rf"(?i)^(?:[^.;]|\.(?=\d))*?,[^.;,]*?{_NOW_WORDS_NL}[^.;]*?(?:[€£$]|\d)")


def _now_after(ctx: Context, text: str) -> bool:
    """A "now" word in the clause after an earlier cue ("..., X has now been fined 5m")."""
    return bool(_NOW_AFTER.match(text)) or (language_country(ctx.text) == "NL" and bool(_NOW_AFTER_NL.match(text)))


def _now_in(ctx: Context, start: int, end: int) -> bool:
    return bool(_NOW.search(ctx.text, start, end)) or (
        language_country(ctx.text) == "NL" and bool(_NOW_NL.search(ctx.text, start, end)))


def period_of(ctx: Context, sentence: Sentence, money: Money | None) -> str | None:
    """An earlier decision's month or year: the last one named before its amount in the
    sentence ("in 2018 ..., in 2020 ..., and in 2021 it was fined 2.75 million" -> 2021),
    else the first of the sentence."""
    if money is not None:
        starts = [m.start() for m in re.finditer(r"\b(?:19|20)\d{2}\b", ctx.text[sentence.start : money.start])]
        if starts:
            at = sentence.start + starts[-1]
            return find_period(ctx.text, max(sentence.start, at - 20), at + 4)
    return find_period(ctx.text, sentence.start, sentence.end)


def periods(ctx: Context, drafts: list[DecisionDraft]) -> None:
    """A decision dated no closer takes the month or year its own sentence gives it ("La mayor
    multa de 2024 se impuso en febrero" -> 2024-02), not a year that dates an incident or
    begins a period."""
    for draft in drafts:
        if draft.date or draft.published or draft.period or not draft.spans:
            continue
        start, end = draft.spans[0]
        for year in re.finditer(r"\b(?:in|en|im|nel|em|w|i|på|de|del|van|of|dell['’]anno|during|durante|während|pendant|"
                                r"tijdens|under|år)\s+(?:(?:[a-zäéû]+|\d{1,2})\s+)?(?:de\s+)?((?:19|20)\d{2})\b"
                                r"|\b((?:19|20)\d{2})\.?\s+(?:godine|roku|r\.)", ctx.text[start:end], re.IGNORECASE):
            group = 1 if year.group(1) else 2
            at = start + year.start(group)  # "in 2024", "de 2024", "2020. godine"; not "Censos 2021"
            if _INCIDENT.search(ctx.text, max(start, at - 60), at) or _RANGE_BEFORE.search(ctx.text[max(start, at - 12) : at]):
                continue
            if _now_after(ctx, ctx.text[start + year.end() : end]):
                continue  # "after a reprimand in 2022, X was today fined": the year of the earlier one
            period = find_period(ctx.text, max(start, at - 20), at + 4)
            month = find_month(ctx.text, start, end)
            if period and len(period) == 4 and month:
                period = f"{period}-{month:02d}"
            draft.period = period
            break


def then_now(ctx: Context, start: int, middle: int, end: int) -> bool:
    """Whether a range tells an earlier decision up to ``middle`` and today's after it ("after
    a notice last year for A, X has now been fined B": B is today's)."""
    return is_earlier(ctx, start, middle) and _now_in(ctx, middle, end)


def is_earlier(ctx: Context, start: int, end: int) -> bool:
    """Whether a range tells an earlier or other decision: a temporal or comparative cue,
    except a year no earlier than the report's own or one that dates an incident ("a data
    breach that in 2018 affected ...")."""
    published = (ctx.article.date or "")[:4]
    for match in EARLIER.finditer(ctx.text, start, end):
        year = _YEAR.search(match.group(0))
        if year and published.isdigit() and year.group(0) >= published:
            continue
        if year and (_INCIDENT.search(ctx.text, max(start, match.start() - 60), match.start()) or _INCIDENT_AFTER.match(
                ctx.text, match.end(), end)):
            continue  # "a data breach that in 2018 ...", "in a 2023 cyberattack"
        if _now_after(ctx, ctx.text[match.end() : end]):
            continue
        return True
    return False


def date_in(ctx: Context, start: int, end: int) -> tuple[int, int, str] | None:
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


def dated(ctx: Context, drafts: list[DecisionDraft], regulator_for: RegulatorFor) -> None:
    """A sentence that dates the decision ("The decision, dated 16 July 2021", "announced
    on 15 September 2023") dates the main decision of its regulator when it has no date."""
    main = [d for d in drafts if not d.earlier and (d.sanctions or d.cites)]
    issuer = {m.entry.id for m in find_regulators(ctx.article.publisher or "")}
    day = ctx.article.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.article.date or "") else None
    for number, sentence in enumerate(ctx.sentences[:3]):  # a press release's date line
        if len(main) == 1 and main[0].date is None and len(sentence.text) <= 30 and number == sentence.paragraph:
            found_date = date_in(ctx, sentence.start, sentence.end)
            if found_date is not None and sentence.text.strip(" .") == ctx.text[found_date[0]:found_date[1]]:
                main[0].date = found_date
    for index, sentence in enumerate(ctx.sentences):
        if not _DATED.search(sentence.text) or EARLIER.search(sentence.text):
            continue
        when = date_in(ctx, sentence.start, sentence.end)
        if when is None:
            continue
        found = regulator_for(ctx, index, sentence)
        candidates = [d for d in main if found is None or d.regulator == found[0]]
        if len(candidates) == 1 and candidates[0].date is None:
            candidates[0].date = when
    for index, sentence in enumerate(ctx.sentences[:-1]):  # "On 1 February the Agency decided five cases. A must pay ..."
        if not _DECIDED.search(sentence.text) or EARLIER.search(sentence.text):
            continue
        when = date_in(ctx, sentence.start, sentence.end)
        following = ctx.sentences[index + 1]
        listed = [d for d in main if d.date is None and d.spans and following.start <= d.spans[0][0] < following.end]
        if when is not None and len(listed) > 1:
            for draft in listed:
                draft.date = when
    for draft in main:  # the authority's own release announces its decision the day it is dated
        if draft.date is None and day and issuer == {draft.regulator}:
            draft.published = day
