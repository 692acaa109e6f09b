"""When a decision was taken, and whether the story tells an earlier one: dates in the
decision's own words, periods (a month or year), dating sentences, and the temporal cues
of earlier or other decisions ("in 2019", "last year", "the previous record")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.drafts import DecisionDraft
from enforcegraph.loaders.extract.gazetteer import find_regulators
from enforcegraph.loaders.extract.language import language_country
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.standing import undone
from enforcegraph.loaders.extract.text import Sentence, find_dates, find_month, find_period

__all__ = ["EARLIER", "RegulatorFor", "date_in", "dated", "is_earlier", "lead_clause", "not_the_decisions", "period_of",
           "periods", "then_now"]

RegulatorFor = Callable[[Context, int, Sentence], "tuple[str, float] | None"]

# A past decision verb or participle ("imposed", "impuso", "inflitta", "infligée", "oplegde", "verhängt").
_DECIDED_PAST = (
    r"\b(?:fined|imposed|issued|levied|sanctioned|penali[sz]ed|reprimanded|impuso|impusieron|impuest[oa]s?|multó|"
    r"multad[oa]s?|sancionó|sancionad[oa]s?|inflitt[oaie]|irrogat[oaie]|multat[oaie]|sanzionat[oaie]|impost[oaie]|"
    r"inflig[ée]e?s?|prononc[ée]e?s?|sanctionn[ée]e?s?|impos[ée]e?s?|verhängt\w*|auferlegt|festgesetzt|belegt|"
    r"ausgesprochen|sanktioniert|geahndet|verwarnt|opgelegd|oplegde|oplegden|beboet|beboette|berispt|påförde|påfört|"
    r"nałożył\w*|nałożon\w*|ukarał\w*)\b")
# A German or Dutch past auxiliary before a bare year ("hatte 2019 ... verhängt", "wurde 2021", "had 2019").
_PAST_AUX = (r"\b(?:hatte|hatten|hat|haben|war|waren|wurde|wurden|had|hadden|heeft|hebben|werd|werden)\s+"
             r"(?:(?:bereits|schon|al|toen)\s+)?")
# ... that dates a decision: its participle follows in the same clause (through "B.V." and "Bol.com"),
# with no other auxiliary between ("hatte 2019 ... verhängt"; not "war 2019 Ziel einer Prüfung; am
# Montag verhängte", nor "which had 2023 revenue of $135 billion, was fined").
_AUX_DECIDED = (r"(?=(?:(?!\b(?:was|were|is|are|has|have|had|hat|hatte|ist|war|wurde|heeft|werd|wordt)\b)"
                r"(?:[^.;:,\n]|(?<=\d)[.,](?=\d)|\.(?=\w|(?-i:\s+[a-zäöüß])))){0,120}?" + _DECIDED_PAST + ")")
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
    r"(?:\b(?:a|an|its|the|their)|[’']s)\s+(?:19|20)\d{2}\s+(?:\w+\s+)?(?:fine|penalty|decision|sanction|ruling|reprimand)\b|"
    + _PAST_AUX + r"(?:19|20)\d{2}\b(?!\s*[-–]\d|[’']s)" + _AUX_DECIDED
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
# Dates of another event than the decision: its verb or participle before the date ("an attack
# that began on", "una reclamación presentada el", "une plainte déposée le", "launched on") or
# after it ("die am 3. Mai eingereichte Beschwerde", "de op 3 mei ingediende klacht").
_EVENT_VERBS = (
    r"began|begun|started|commenced|launched|opened|initiated|filed|lodged|submitted|occurred|happened|"
    r"took\s+place|discovered|detected|carried\s+out|conducted|hacked|leaked|(?:came|entered)\s+into\s+force|"
    r"presentad[oa]s?|interpuest[oa]s?|iniciad[oa]s?|abiert[oa]s?|comenz\w+|empez\w+|ocurri(?:d[oa]|ó)|"
    r"producid[oa]|detectad[oa]|formulad[oa]|realizad[oa]s?|entró\s+en\s+vigor|"
    r"déposée?s?|introduite?s?|ouverte?s?|lancée?s?|engagée?s?|commencée?s?|débutée?s?|survenue?s?|"
    r"détectée?s?|effectuée?s?|menée?s?|saisie?s?|entrée?\s+en\s+vigueur|"
    r"eingereicht|eingegangen|eingeleitet|begonnen|begann|gestartet|eröffnet|ereignet\w*|aufgetreten|entdeckt|"
    r"durchgeführt|in\s+Kraft\s+getreten|"
    r"presentat[oa]|avviat[oa]|apert[oa]|iniziat[oa]|cominciat[oa]|avvenut[oa]|verificat[oa]si|"
    r"scopert[oa]|rilevat[oa]|pervenut[oa]|svolt[oa]|effettuat[oa]|entrat[oa]\s+in\s+vigore|"
    r"ingediend|gestart|begon|geopend|plaatsvond|plaatsgevonden|ontdekt|uitgevoerd|ingeleid|"
    r"in\s+werking\s+getreden|inkom\w*|inleddes|påbörja\w*|inträffade|złożon\w+|wszczęt\w+|rozpoczęt\w+|wniesion\w+"
)
_OTHER_EVENT = re.compile(rf"(?i)\b(?:{_EVENT_VERBS})(?:\s+[^\s,;.]+){{0,4}}?\s+$")
_OTHER_EVENT_AFTER = re.compile(
    r"(?i)\s+(?:\S+\s+)?(?:eingereicht|eingegangen|eingeleitet|begonnen|gestartet|eröffnet|aufgetreten|entdeckt|"
    r"durchgeführt|ingediend|gestart|begonnen|geopend|ontdekt|uitgevoerd|ingeleid)\w*\b")
# ... or its noun right before the date ("a complaint of 12 May", "la plainte du", "Beschwerde vom").
_EVENT_NOUN = re.compile(
    r"(?i)\b(?:complaints?|inquiry|investigation|audit|inspection|breach|attack|cyberattack|incident|leak|hack|"
    r"hearing|plaintes?|réclamation|enquête|contrôle|fuite|cyberattaque|saisine|audition|reclamaci[oó]n|denuncia|"
    r"queja|investigaci[oó]n|inspecci[oó]n|brecha|ataque|Beschwerde|Anzeige|Prüfung|Untersuchung|Kontrolle|"
    r"Datenpanne|Angriff|Hackerangriff|Vorfall|Anhörung|reclamo|segnalazione|ispezione|istruttoria|indagine|"
    r"violazione|attacco|accertamento|klacht|onderzoek|datalek|inspectie|aanval|controle|hoorzitting|klagomål|"
    r"skarg\w*|kontrol\w*)\s+(?:(?:of|on|from|dated|du|le|del|de|el|vom|am|van|op|dal|della|il|den|z\s+dnia)\s+){1,2}$")
# A deadline ("payable by", "avant le", "entro il", "uiterlijk op", "bis spätestens").
_DEADLINE = re.compile(
    r"(?i)\b(?:by|before|no\s+later\s+than|not\s+later\s+than|within|due\s+(?:on|by)|payable\s+(?:on|by|before)|"
    r"avant(?:\s+le)?|au\s+plus\s+tard(?:\s+le)?|d['’]ici(?:\s+(?:le|au))?|jusqu['’]au|vor\s+dem|"
    r"bis\s+(?:zum|spätestens(?:\s+(?:am|zum))?)|spätestens(?:\s+(?:am|zum|bis))?|entro(?:\s+il)?|prima\s+del|"
    r"non\s+oltre\s+il|uiterlijk(?:\s+op)?|vóór|antes\s+del?|a\s+más\s+tardar\s+el|senast(?:\s+den)?|före|"
    r"do\s+dnia|najpóźniej(?:\s+do)?)\s+$")
# A future act in the date's clause ("will publish the full decision on Friday", "publiera le").
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|(?:is|are)\s+(?:due|expected|set|scheduled|going)\s+to|wird|werden|va|vont|devra|devront|"
    r"sera|seront|publiera\w*|dovrà|dovranno|sarà|saranno|\w+erà|\w+irà|zal|zullen|deberá|deberán|será|"
    r"serán|\w+ará|\w+erá|\w+irá|va\s+a|van\s+a|kommer\s+att|będzie|zostanie)\b")
# A past decision verb after the future word takes the date from it ("will have to pay the fine the ICO
# imposed on Monday", "deberá pagar la multa que la AEPD le impuso el"), unless the future's own passive
# ("will be fined on Friday", "sarà inflitta il"); in Dutch and German the verb ends the clause after
# the date ("zal de boete betalen die de AP op 3 april oplegde").
_PAST_AFTER_FUTURE = re.compile(r"(?i)" + _DECIDED_PAST)
_FUTURE_PASSIVE = re.compile(r"(?i)(?:^|\b(?:be|been|being|have|être|été|essere|stat[oa]|ser|sido|sein|worden|werden|"
                             r"zijn|bli|zostać))\s*(?:[^\W\d]+\s+){0,2}$")
_PAST_AFTER_DATE = re.compile(r"(?i)\s+(?:\w+\s+){0,2}?(?:oplegde|oplegden|legde|legden|beboette|verhängte|verhängten|"
                              r"(?:opgelegd|beboet|verhängt|auferlegt)\s+(?:heeft|had|hebben|hadden|hat|hatte|hatten|"
                              r"haben|wurde|wurden|werd))\b")
# A leading clause of an act before the main one ("After Italy's Garante fined X, the HDPA ... on Wednesday").
_AFTER_CLAUSE = re.compile(r"(?i)\W*(?:after|following|once|nachdem|après\s+(?:que|qu['’]|avoir)|dopo\s+(?:che|aver\w*)|"
                           r"tras|después\s+de\s+que|nadat)\b(?:[^,;]|(?<=\d),(?=\d))*,")
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
                                r"|\b((?:19|20)\d{2})\.?\s+(?:godine|roku|r\.)|" + _PAST_AUX + r"((?:19|20)\d{2})\b" + _AUX_DECIDED,
                                ctx.text[start:end], re.IGNORECASE):
            group = next(g for g in (1, 2, 3) if year.group(g))
            at = start + year.start(group)  # "in 2024", "de 2024", "2020. godine"; not "Censos 2021"
            if _INCIDENT.search(ctx.text, max(start, at - 60), at) or _RANGE_BEFORE.search(ctx.text[max(start, at - 12) : at]):
                continue
            if _now_after(ctx, ctx.text[start + year.end() : end]) or _not_its_year(ctx, start, end, at):
                continue  # "after a reprimand in 2022, X was today fined": the year of the earlier one
            period = find_period(ctx.text, max(start, at - 20), at + 4)
            month = find_month(ctx.text, start, end)
            if period and len(period) == 4 and month:
                period = f"{period}-{month:02d}"
            draft.period = period
            break


def _not_its_year(ctx: Context, start: int, end: int, at: int) -> bool:
    """Whether the year at ``at`` is after the report's or ends a date (or is a year) that
    the words give to a deadline, a future act or another event ("antes del 30 de junio de 2024")."""
    published = (ctx.article.date or "")[:4]
    if published.isdigit() and ctx.text[at : at + 4] > published:
        return True
    a = next((a for a, b, _ in find_dates(ctx.text, start, end, ctx.article.date) if a <= at < b), at)
    return not_the_decisions(ctx.text, start, a, at + 4)


def then_now(ctx: Context, start: int, middle: int, end: int) -> bool:
    """Whether a range tells an earlier decision up to ``middle`` and today's after it ("after
    a notice last year for A, X has now been fined B": B is today's)."""
    return is_earlier(ctx, start, middle) and _now_in(ctx, middle, end)


def is_earlier(ctx: Context, start: int, end: int) -> bool:
    """Whether a range tells an earlier or other decision: a temporal or comparative cue,
    except a year no earlier than the report's own or one that dates an incident ("a data
    breach that in 2018 affected ..."); a sanction told as undone ("withdrew the £1m fine it had imposed")."""
    if undone(ctx.text, start, end):
        return True
    published = (ctx.article.date or "")[:4]
    for match in EARLIER.finditer(ctx.text, start, end):
        year = _YEAR.search(match.group(0))
        if year and published.isdigit() and year.group(0) >= published:
            continue
        if year and (_INCIDENT.search(ctx.text, max(start, match.start() - 60), match.start()) or _INCIDENT_AFTER.match(
                ctx.text, match.end(), end)):
            continue  # "a data breach that in 2018 ...", "in a 2023 cyberattack"
        if year and not_the_decisions(ctx.text, start, match.start(), match.end()):
            continue  # "a complaint filed in 2021", "una reclamación presentada en 2021"
        if _now_after(ctx, ctx.text[match.end() : end]):
            continue
        return True
    return False


def date_in(ctx: Context, start: int, end: int, *, relative: bool = True) -> tuple[int, int, str] | None:
    """The first date of a range of text that can be the decision's: not an end of a period
    ("between 31 July and 31 December 2020"), not a date after the report's, and not one of
    another event, a deadline or a future act ("a complaint filed on 12 May", "payable by 1
    March", "will publish on Friday"). ``relative=False`` (an earlier decision's) leaves out
    the weekdays, "today" and "yesterday", which date the report's own week."""
    found = find_dates(ctx.text, start, end, ctx.article.date)
    published = ctx.article.date or ""
    for index, (a, b, iso) in enumerate(found):
        if _RANGE_BEFORE.search(ctx.text[max(start, a - 12) : a]):
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and following[0] - b < 12 and _RANGE_BEFORE.search(ctx.text[b : following[0]]):
            continue  # the start of a period
        if published and iso[: len(published)] > published and not _soon_after(published, iso, ctx.text[a:b]):
            continue  # after the report: a deadline or a plan, never the decision told
        if not relative and not re.search(r"\d", ctx.text[a:b]):
            continue
        if not_the_decisions(ctx.text, start, a, b):
            continue
        return a, b, iso
    return None


def _soon_after(published: str, iso: str, written: str) -> bool:
    """Whether a date written with its year is at most two days after a report dated to the day
    (a report dated in another time zone, or crawled, before the decision's day)."""
    if not re.search(r"\b(?:19|20)\d{2}\b", written) or len(published) != 10 or len(iso) != 10:
        return False
    try:
        return (dt.date.fromisoformat(iso) - dt.date.fromisoformat(published)).days <= 2
    except ValueError:
        return False


def not_the_decisions(text: str, start: int, a: int, b: int) -> bool:
    """Whether the words around the date ``text[a:b]`` give it to another event, a deadline
    or a future act, all in the date's clause (after ``start``)."""
    before = text[max(start, a - 80) : a]
    clause = re.split(r"[;:()]|(?<!\d),|,(?!\d)", before)[-1]  # not the comma of "£50,000"
    return bool(_OTHER_EVENT.search(clause) or _EVENT_NOUN.search(clause) or _DEADLINE.search(clause)
                or _future(clause, text, b) or _OTHER_EVENT_AFTER.match(text, b))


def _future(clause: str, text: str, b: int) -> bool:
    """Whether the last future word of the clause before a date governs it: no full stop and no
    past decision verb (other than the future's own passive) lies between them, and no past
    verb ends the clause right after the date."""
    last = next(reversed(list(_FUTURE.finditer(clause))), None)
    if last is None or "." in clause[last.end() :]:
        return False
    past = _PAST_AFTER_FUTURE.search(clause, last.end())
    if past is not None and not _FUTURE_PASSIVE.search(clause[last.end() : past.start()]):
        return False
    return not _PAST_AFTER_DATE.match(text, b)


def lead_clause(ctx: Context, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of a sentence that can date what is told at ``at``: a leading "After X fined
    Y, ..." clause when ``at`` lies in it (the date after it is the main clause's), else the
    whole sentence."""
    lead = _AFTER_CLAUSE.match(ctx.text, start, end)
    return (start, lead.end()) if lead and start <= at < lead.end() else (start, end)


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
