"""Text helpers with character offsets: paragraphs, sentences, quotes and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Sentence", "find_dates", "find_month", "find_period", "find_quotes", "paragraphs", "sentences"]

_ABBREV = re.compile(
    r"(?:\b(?:Inc|Ltd|Co|Corp|Art|Arts|No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|approx|e\.g|i\.e|"
    r"cf|para|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|S\.A|B\.V|N\.V|"
    r"n|nr|Nr|no|art|Abs|ca|bzw|Mio|Mrd|doc|pag|cit|ord|prof|avv|dott|dr|ing|sig|Avv|Dott|Ing|Sig|Me|Mme|mr|"
    # legal forms that end with a full stop ("Acme S.à r.l. 120 million euros")
    r"r\.l|S\.p\.A|s\.p\.a|S\.r\.l|s\.r\.l|A\.B|o\.o|S\.A\.U|S\.L|S\.L\.U|Pty|Cie)|"
    r"\b[A-Z])\.$"
)
_END = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9€£$])")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines (paragraphs) of ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, never crossing a paragraph break.

    >>> [s.text for s in sentences("Clearview AI, Inc. was fined. It said no.\\nNext one")]
    ['Clearview AI, Inc. was fined.', 'It said no.', 'Next one']
    >>> [s.text for s in sentences("Das Bußgeld kam am 12. März 2024. Am 12. Weitere folgten.")]
    ['Das Bußgeld kam am 12. März 2024.', 'Am 12.', 'Weitere folgten.']
    """
    found: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        start = p_start
        for match in _END.finditer(text, p_start, p_end):
            candidate = text[start : match.start() + 1]
            if _ABBREV.search(candidate) or candidate.count("(") > candidate.count(")"):
                continue  # an abbreviation, or a full stop inside brackets ("(relatore il prof. X)")
            if _ORDINAL_DAY.search(candidate) and _MONTH_AFTER.match(text, match.end()):
                continue  # a day written as an ordinal before its month ("am 12. März 2024")
            end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
            found.append(Sentence(start, end, text[start:end], number))
            start = match.end()
        if start < p_end:
            found.append(Sentence(start, p_end, text[start:p_end].rstrip(), number))
    return found


# "12." before a month's name is a day, no sentence's end (German, Nordic, Polish, Czech dates).
_ORDINAL_DAY = re.compile(r"(?<![\d.])\d{1,2}\.$")
_MONTH_AFTER = re.compile(r"(?i)(?:jan|feb|mär|mar|apr|mai|maj|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\b|"
                          r"(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)\b")
_QUOTE = re.compile(r"“([^”]{3,})”|\"([^\"\n]{3,})\"")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the quoted passages (inside the quote marks).

    >>> text = 'He said: “No.” Then "yes, really".'
    >>> [text[a:b] for a, b in find_quotes(text)]
    ['No.', 'yes, really']
    """
    spans = []
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        spans.append((match.start(group), match.end(group)))
    return spans


_MONTH_NAMES = [  # English, French, German, Italian, Dutch, Spanish, Swedish, Polish
    ("january", "jan", "janvier", "januar", "jänner", "gennaio", "januari", "enero", "stycznia"),
    ("february", "feb", "février", "fevrier", "februar", "febbraio", "februari", "febrero", "lutego"),
    ("march", "mar", "mars", "märz", "marzo", "maart", "marca"),
    ("april", "apr", "avril", "aprile", "abril", "kwietnia"),
    ("may", "mai", "maggio", "mei", "mayo", "maj", "maja"),
    ("june", "jun", "juin", "juni", "giugno", "junio", "czerwca"),
    ("july", "jul", "juillet", "juli", "luglio", "julio", "lipca"),
    ("august", "aug", "août", "aout", "agosto", "augustus", "augusti", "sierpnia"),
    ("september", "sep", "sept", "septembre", "settembre", "septiembre", "setiembre", "września"),
    ("october", "oct", "octobre", "oktober", "ottobre", "octubre", "października"),
    ("november", "nov", "novembre", "noviembre", "listopada"),
    ("december", "dec", "décembre", "decembre", "dezember", "dicembre", "diciembre", "grudnia"),
]
_MONTHS = {name: index + 1 for index, names in enumerate(_MONTH_NAMES) for name in names}
_WEEKDAY_NAMES = [
    ("segunda-feira", "monday", "lundi", "montag", "lunedì", "lunedi", "maandag", "lunes", "måndag", "poniedziałek"),
    ("terça-feira", "tuesday", "mardi", "dienstag", "martedì", "martedi", "dinsdag", "martes", "tisdag", "wtorek"),
    ("quarta-feira", "wednesday", "mercredi", "mittwoch", "mercoledì", "mercoledi", "woensdag", "miércoles", "onsdag", "środę", "środa"),
    ("quinta-feira", "thursday", "jeudi", "donnerstag", "giovedì", "giovedi", "donderdag", "jueves", "torsdag", "czwartek"),
    ("sexta-feira", "friday", "vendredi", "freitag", "venerdì", "venerdi", "vrijdag", "viernes", "fredag", "piątek"),
    ("saturday", "samedi", "samstag", "sabato", "zaterdag", "sábado", "lördag", "sobotę", "sobota"),
    ("sunday", "dimanche", "sonntag", "domenica", "zondag", "domingo", "söndag", "niedzielę", "niedziela"),
]
_WEEKDAYS = {name: index for index, names in enumerate(_WEEKDAY_NAMES) for name in names}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DATE = re.compile(
    rf"""(?ix)
    \b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b
    | \b(?P<nday>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{4}})\b
    | \b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|°|\.)?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?(?P<year>\d{{4}}))?(?!\w)
    | \b{_MONTH.replace("month", "month2")}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year2>\d{{4}}))?\b
    | \b(?:(?:on|last|this|am|le|op|el|i|w|we|på)\s+)?(?P<weekday>{_WEEKDAY})\b(?!['’]s)
    | \b(?P<relative>today|yesterday)\b
    """
)


# A weekday word that names no day of the week before the report: a holiday or sales day
# ("Black Friday", "Cyber Monday-mails", "Viernes Santo"), a coming or every such day ("next
# Monday", "lundi prochain", "nächsten Montag", "elke maandag").
_NO_DAY_BEFORE = re.compile(
    r"(?i)\b(?:black|cyber|good|ash|blue|super|giving|holy|easter|maundy|palm|whit|shrove|goede|witte|"
    r"next|coming|following|every|each|prochain|chaque|tous\s+les|nächste[nm]?|kommende[nm]?|jeden|"
    r"ogni|prossim[oa]|volgende|komende|elke|pr[oó]xim[oa]|cada|nästa|kommande|varje|przyszł\w+|"
    r"najbliższ\w+|każd\w+)\s+$")
_NO_DAY_AFTER = re.compile(
    r"(?i)(?:-\w|\s+(?:prochain|qui\s+vient|prossim[oa]|que\s+viene|pr[oó]xim[oa]|sant[oa]|saint|de\s+Pascua|"
    r"de\s+Pâques|dell['’]Angelo)\b)")


# ... or a day told by another event ("the Monday before Easter", "le lundi suivant").
_THE_DAY = re.compile(r"(?i)\b(?:the|le)\s+$")
_EVENT_AFTER = re.compile(r"(?i)\s+(?:before|after|preceding|following|of|avant|après|précédant|précédent|suivant)\b")
# A weekday of the week before the report's ("on Monday last week", "letzte Woche Montag", "lundi de la semaine
# dernière", "maandag vorige week").
_LAST_WEEK_AFTER = re.compile(
    r"(?i)\s+(?:of\s+)?(?:last|the\s+previous)\s+week\b|\s+(?:de\s+)?la\s+semaine\s+(?:dernière|passée|précédente)|"
    r"\s+(?:der\s+)?(?:letzten|vergangenen|vorigen)\s+Woche|\s+(?:della\s+)?settimana\s+scorsa|"
    r"\s+de\s+la\s+semana\s+pasada|\s+(?:van\s+)?(?:vorige|afgelopen)\s+week|\s+förra\s+veckan|\s+w\s+zeszłym\s+tygodniu")
_LAST_WEEK_BEFORE = re.compile(r"(?i)\b(?:last\s+week|letzte\s+Woche|vorige\s+week|förra\s+veckan)\s+(?:on\s+|am\s+|op\s+|på\s+)?$")


def _no_day(text: str, match: re.Match[str]) -> bool:
    """Whether a weekday word names no past day ("Black Friday", "next Monday", "the Monday before Easter")."""
    start, end = match.span("weekday")
    return bool(_NO_DAY_BEFORE.search(text, max(0, start - 20), start) or _NO_DAY_AFTER.match(text, end)) or bool(
        _THE_DAY.search(text, max(0, start - 4), start) and _EVENT_AFTER.match(text, end))


def _days_back(text: str, match: re.Match[str], base: dt.date) -> int:
    """How many days before ``base`` the weekday of ``match`` is: the latest such day, or that day of
    the week before ``base``'s when the words say so ("on Monday last week")."""
    weekday = _WEEKDAYS[match.group("weekday").lower()]
    start, end = match.span("weekday")
    if _LAST_WEEK_AFTER.match(text, end) or _LAST_WEEK_BEFORE.search(text, max(0, start - 20), start):
        return base.weekday() + 7 - weekday
    return (base.weekday() - weekday) % 7


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, start: int, end: int, today: str | None) -> list[tuple[int, int, str]]:
    """Dates in ``text[start:end]`` as ISO strings, relative ones resolved against ``today``.

    A weekday means the latest such day on or before ``today`` (none in "Black Friday" or
    "next Monday"); a day and month without a year mean the latest such date on or before
    ``today`` (which may be a month, "2022-02", or a year: then weekdays stay unresolved).

    >>> [d for _, _, d in find_dates("fined on Friday, 17 October 2022", 0, 32, "2022-10-21")]
    ['2022-10-21', '2022-10-17']
    >>> [d for _, _, d in find_dates("El pasado 1 de febrero", 0, 22, "2022-02")]
    ['2022-02-01']
    >>> [d for _, _, d in find_dates("fined on Friday last week", 0, 25, "2024-05-01")]
    ['2024-04-26']
    """
    base = dt.date.fromisoformat(today) if today and re.fullmatch(r"\d{4}-\d{2}-\d{2}", today) else None
    # A publication date known to the month or year only still gives "17 octobre" its year.
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", today or "") if base is None else None
    found: list[tuple[int, int, str]] = []
    for match in _DATE.finditer(text, start, end):
        value: dt.date | None = None
        groups = match.groupdict()
        if groups["iso"]:
            value = _day(*map(int, groups["iso"].split("-")))
        elif groups["nday"]:
            value = _day(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
        elif groups["weekday"] or groups["relative"]:
            if base is None:
                continue
            if groups["weekday"]:
                if _no_day(text, match):
                    continue
                back = _days_back(text, match, base)
            else:
                back = 0 if groups["relative"].lower() == "today" else 1
            value = base - dt.timedelta(days=back)
        else:
            month = _MONTHS[(groups["month"] or groups["month2"]).lower().rstrip(".")]
            day = int(groups["day"] or groups["day2"])
            year_text = groups["year"] or groups["year2"]
            if year_text:
                value = _day(int(year_text), month, day)
            elif base is not None:
                value = _day(base.year, month, day)
                if value and value > base:
                    value = _day(base.year - 1, month, day)
            elif partial is not None:
                year, last_month = int(partial.group(1)), int(partial.group(2) or 12)
                value = _day(year if month <= last_month else year - 1, month, day)
        if value is not None:
            found.append((match.start(), match.end(), value.isoformat()))
    return found


_PERIOD = re.compile(
    rf"(?i)(?:\b{_MONTH}(?:\s+de)?\s+)?\b(?P<year>(?:19|20)\d{{2}})\b"
)


_IN_MONTH = re.compile(rf"(?i)\b(?:in|en|im|nel|a|em|op|w|i|på|au\s+mois\s+de)\s+{_MONTH}(?!\s*\d)")


def find_month(text: str, start: int, end: int) -> int | None:
    """A month named without its year after a preposition ("se impuso en febrero" -> 2).

    >>> find_month("La mayor multa de 2024 se impuso en febrero a X", 0, 48)
    2
    """
    match = _IN_MONTH.search(text, start, end)
    return _MONTHS[match.group("month").lower().rstrip(".")] if match else None


def find_period(text: str, start: int, end: int) -> str | None:
    """The first month or year named in ``text[start:end]`` ("in September 2023" ->
    "2023-09", "in 2019" -> "2019"), for decisions dated no closer.

    >>> find_period("In September 2023 the DPC fined TikTok", 0, 38), find_period("en 2017", 0, 7)
    ('2023-09', '2017')
    """
    match = _PERIOD.search(text, start, end)
    if match is None:
        return None
    month = match.group("month")
    return f"{match.group('year')}-{_MONTHS[month.lower().rstrip('.')]:02d}" if month else match.group("year")
