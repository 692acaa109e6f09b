"""Money in every common form ("€20M", "EUR 30.5 million", "£7,552,800")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from enforcegraph.loaders.extract.amount_roles import TOTAL_BEFORE, TOTAL_PLURAL, role_of
from enforcegraph.loaders.extract.meanings import AWARD_AFTER, CONVERSION_WORDS
from enforcegraph.loaders.extract.numerals import (
    LOCAL_MAGNITUDES,
    LOCAL_NUMBERS,
    NUMBER_WORDS,
    word_value,
)
from enforcegraph.loaders.extract.sanctions import AGAIN_NOUN

__all__ = ["NUMBER", "Money", "as_number", "find_money", "parse_number"]

_SYMBOLS = {
    "€": "EUR", "£": "GBP", "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD",
    "a$": "AUD", "au$": "AUD", "r$": "BRL", "s$": "SGD", "sg$": "SGD", "hk$": "HKD", "nz$": "NZD", "¥": "JPY", "₩": "KRW", "chf": "CHF",
    "skr": "SEK", "nkr": "NOK", "dkr": "DKK",  # "SKr 37m" (Swedish crowns before the figure)
    "kr": "SEK",  # "kr 1,6 millioner", "kr. 500.000": crowns, the story's Nordic regulator's
}
_CODES = (
    "EUR", "GBP", "USD", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "KRW", "JPY", "PLN",
    "CZK", "HUF", "RON", "BGN", "ISK", "TRY", "BRL", "HRK",
)
_WORDS = [
    (r"svensk[ae]?\s+kron(?:or|er|a|e)", "SEK"), (r"dansk[ae]?\s+kron(?:er|or|e|a)", "DKK"),  # "svenske kroner"
    (r"norsk[ae]?\s+kron(?:er|or|e|a)", "NOK"),
    (r"czech\s+(?:korun(?:a|y)?|crowns?)|korun(?:a|y)?", "CZK"),  # "351 million Czech koruna"
    (r"(?:swedish\s+)?(?:kronor|krona)", "SEK"), (r"danish\s+(?:kroner|krone)", "DKK"),
    (r"(?:norwegian\s+)?(?:kroner|krone)", "NOK"), (r"swedish\s+crowns?", "SEK"), (r"danish\s+crowns?", "DKK"),
    (r"(?:norwegian\s+)?crowns?", "NOK"), (r"swiss\s+francs?|francs?\s+suisses?|(?:schweizer\s+)?franken", "CHF"),
    (r"canadian\s+dollars?", "CAD"), (r"australian\s+dollars?", "AUD"),
    (r"(?:us\s+|american\s+)?dollars?", "USD"), (r"euros?", "EUR"),
    (r"(?:british\s+)?pounds?(?:\s+sterling)?", "GBP"), (r"won", "KRW"), (r"yen", "JPY"),
    (r"krón(?:a|ur|um|u)", "ISK"), (r"forint\w*", "HUF"), (r"(?-i:Ft)", "HUF"), (r"лева|лв", "BGN"),
    (r"zlot(?:y|ys|ych)", "PLN"), (r"zł(?:otych|ote|otego|oty)?", "PLN"), (r"euro", "EUR"),
    (r"(?:türk\s+)?liras[ıi]|lira|tl", "TRY"), (r"reais|real", "BRL"), (r"kr", "SEK"), (r"eura|euroa|euron|ευρώ|evr(?:o|a|ov|ih)|eurų|eurais|eiro|евро", "EUR"), (r"kun[ae]?", "HRK"), (r"kč", "CZK"), (r"lei", "RON"),  # "7 500 000 kr": Swedish unless the story's Nordic regulator says otherwise
]
_MAGNITUDES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6, "m": 10**6,
    "mln": 10**6, "milion": 10**6, "milionów": 10**6, "miliony": 10**6, "miliona": 10**6, "milionů": 10**6,
    "miliardów": 10**9, "miliardy": 10**9, "miliarda": 10**9, "miliardů": 10**9, "billion": 10**9, "billions": 10**9, "bn": 10**9, "b": 10**9,
    # French, German, Italian, Dutch, Spanish
    "md": 10**9, "milliard": 10**9, "milliards": 10**9, "millionen": 10**6, "mio": 10**6, "mio.": 10**6,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mrd.": 10**9, "milione": 10**6,
    "milioni": 10**6, "miliardo": 10**9, "miliardi": 10**9, "miljoen": 10**6, "miljard": 10**9,
    "millón": 10**6, "millones": 10**6, "mil millones": 10**9, "tausend": 10**3, "mila": 10**3,
    # Swedish, Polish
    "miljoner": 10**6, "miljon": 10**6, "millioner": 10**6, "miljarder": 10**9, "mld": 10**9, "tys.": 10**3,
    # Portuguese, Croatian, Finnish, Danish
    "milhões": 10**6, "milhão": 10**6, "milijuna": 10**6, "milijun": 10**6,
    "tisuća": 10**3, "miljoonaa": 10**6, "milyon": 10**6, "milyar": 10**9, "mil": 10**3,
    **LOCAL_MAGNITUDES,  # Hungarian, Icelandic, Slovak, Slovenian, Romanian, Baltic, Greek, Bulgarian
}
_LOCAL_MAG = "|".join(sorted((re.escape(m) for m in LOCAL_MAGNITUDES if not m.endswith(".")), key=len, reverse=True))
# Thousands grouped by ",", "." or a (narrow, no-break) space, or the Swiss apostrophe ("CHF 50'000");
# decimals by "." or ",".
_NUM_HEAD = r"\d+(?:[.,]\d+)?"
_NUM = NUMBER = r"\d{1,3}(?:[,.\u00a0\u202f'’]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:\x20\d{3})+(?:,\d{2}(?!\d))?(?!\d|[.,]\d)|\d+(?:[.,]\d+)?"
_MAG = (r"(?:[\s\-]?(?:thousand|millions?|billions?|mln|mn|bn|milliards?|millionen|milliarden?|"
        r"milion[ei]|milion(?:ów|y|a|ů)?|miliard[oi]|miliard(?:ów|y|a|ů)|miljoen|miljard(?:er)?|miljon(?:er)?|millioner|mld|mill[oó]n(?:es)?|mil\s+millones|tausend|mila|"
        r"milhões|milhão|milijuna|milijun|tisuća|miljoonaa|milyon|milyar|mil|" + _LOCAL_MAG + r")(?!\w)"
        r"|\s?tys\.|\s?(?:mia|mill|εκατ)\."
        r"|\s?(?:Mio|Mrd)\.|(?:m|bn|k|b)\b|\s?(?:Md|M|k)(?=€))")  # "3 M€", "1,5 Md€", "150 k€"
_NUMBER_WORD = "|".join(sorted({*NUMBER_WORDS, *LOCAL_NUMBERS}, key=len, reverse=True)).replace(" ", r"\s+")
# A decimal in words before a number word: "eina komma þrjár milljónir", "en komma fem millioner".
_DECIMAL_WORDS = re.compile(r"(?i)(?<!\w)(\w+)\s+komma\s+$")
# "5,2 millions d'euros", "15 milioni di euro", "35,3 Millionen Euro", "10 millones de euros"
_OF = r"(?:\s?(?:d['’]|de\s+|di\s+|of\s+)?|(?<!\b(?:19|20)\d\d)-)"  # ... and "a 400,000-euro fine", "ein 40.000-Euro-Bußgeld"
_SYM = r"US\$|C\$|CA\$|A\$|AU\$|R\$|SG?\$|HK\$|NZ\$|[€£$¥₩]|\b[SND]?Kr\.?(?=\s?\d)"
_WORD = "|".join(w for w, _ in _WORDS)
_MONEY = re.compile(
    rf"""(?ix)
    (?:(?P<sym>{_SYM})\s?(?P<n1>{_NUM})(?P<m1>{_MAG})?)
    | (?:\b(?P<code>{"|".join(_CODES)})\s?(?P<n2>{_NUM})(?P<m2>{_MAG})?)
    | (?:\b(?P<n3>{_NUM})(?P<m3>{_MAG})?{_OF}(?:(?P<code3>{"|".join(_CODES)})\b|(?P<word>{_WORD})\b))
    | (?:\b(?P<n4>{_NUMBER_WORD})(?P<m4>{_MAG}){_OF}(?:(?P<code4>{"|".join(_CODES)})\b|(?P<word4>{_WORD})\b))
    | (?:\b(?P<word6>euro)\s(?P<n6>{_NUM})(?P<m6>{_MAG})?)
    | (?:\b(?P<n7>{_NUM})(?P<m7>{_MAG})?[^\S\n]?(?P<sym7>€)(?!\w))
    """
)
_DOT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.]|,\d)")  # "500.000 Euro": "." groups thousands here
_CONVERSION = re.compile(r"\(\s*(?:~|about|approx\.?|approximately|around|roughly|some|circa|c\.|ca\.)?\s*"
                         r"(?:U\.?S\.?|A\.?U\.?)?\s*$", re.I)


_APPROXIMATE = re.compile(
    r"(?i)\b(?:more\s+than|over|about|around|nearly|almost|some|roughly|approximately|"
    r"close\s+to|just\s+under|just\s+over)\s*$"
)


def parse_number(text: str, has_magnitude: bool) -> Decimal | None:
    """A number as written, with either thousands or decimal separators.

    >>> [str(parse_number(t, m)) for t, m in [("7,552,800", False), ("30.5", True),
    ...  ("20.000.000", False), ("30,5", True), ("1,234.5", False), ("1'200'000", False)]]
    ['7552800', '30.5', '20000000', '30.5', '1234.5', '1200000']
    """
    value = re.sub(r"[\u00a0\u202f '’]", "", text)
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        value = value.replace(thousands, "").replace(decimal, ".")
    elif "," in value or "." in value:
        sep = "," if "," in value else "."
        groups = value.split(sep)
        if len(groups) > 2 or (len(groups[-1]) == 3 and not has_magnitude):
            value = value.replace(sep, "")
        else:
            value = value.replace(sep, ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


@dataclass
class Money:
    """An amount of money found in text."""

    start: int
    end: int
    amount: float | int
    currency: str
    meaning: str = "amount"          # amount | ceiling | range | periodic | unit | total | turnover | award | everyday
    running: bool = False            # a total that is a running or career sum ("taken together", "taking ... to")
    per: str | None = None
    approximate: bool = False        # "more than £7.5m", "about $22 million"
    conversion_of: Money | None = None
    conversions: tuple[tuple[float | int, str], ...] = ()
    crowns: bool = False             # "kroner", "crowns": Danish or Norwegian (or Swedish) by the story
    dollars: bool = False            # a bare "$" or "dollars": the dollar of the story's regulator's country
    doubtful: bool = False           # "492.00 Euro" in a text that groups thousands with "." (a digit lost?)
    worded: bool = False             # written in words ("zeshonderdduizend euro")
    again: bool = False              # named again by a demonstrative ("this fine of £20m"): told before




# Magnitudes of languages that group thousands with "." ("1.200 millones de euros").
_GROUPING_MAGNITUDES = frozenset(["millones", "milioni", "millionen", "miljoen", "miljoner", "millioner", "mln", "mio.", "mio"])
# "1 milione e 800mila euro": one million eight hundred thousand.
_COMPOUND = re.compile(r"(?i)\b(\d{1,3})\s+(?:milion[ei]\s+e|milyon)\s+(\d{1,3})\s?(?:mila|bin)\s+(?:di\s+)?(euro|TL|lira)\b")


def as_number(value: Decimal) -> float | int:
    """An integer when the value is whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _currency(match: re.Match[str]) -> str:
    if match.group("sym"):
        return _SYMBOLS[match.group("sym").lower().rstrip(".")]
    if match.group("word6") or match.group("sym7"):
        return "EUR"  # "la somma di euro 6.000,00", "une amende de 800.000 €"
    if match.group("code") or match.group("code3") or match.group("code4"):
        return str(match.group("code") or match.group("code3") or match.group("code4")).upper()
    word = match.group("word") or match.group("word4")  # as written: "Ft" is a forint, "ft" no currency
    return next(code for pattern, code in _WORDS if re.fullmatch(pattern, word, re.IGNORECASE))


def _converted(text: str, found: list[Money], last: Money | None, start: int, currency: str) -> Money | None:
    """The amount that the money starting at ``start`` converts, if it is a conversion."""
    if last is None or start - last.end > 40:
        return None
    between = text[last.end : start]
    if last.meaning == "award" and (words := AWARD_AFTER.match(between)):
        between = between[words.end() :]  # "$50,000 in compensation, roughly £40,000"
    if found and last is found[-1] and currency != last.currency and CONVERSION_WORDS.match(between):
        return last
    if start - last.end > 20:
        return None
    if last.conversion_of is not None and re.fullmatch(r"\s*(?:[;,/]|or)\s*(?:~|about)?\s*", between):
        return last.conversion_of
    if found and last is found[-1] and _CONVERSION.search(between):
        return last
    return None


def find_money(text: str) -> list[Money]:
    """Every amount of money; a bracketed conversion is attached to the amount it converts.

    >>> [(m.amount, m.currency, len(m.conversions)) for m in find_money(
    ...     "fined 15 million euros ($15.58 million), or €20M; also £7,552,800 and EUR 30.5 million")]
    [(15000000, 'EUR', 1), (20000000, 'EUR', 0), (7552800, 'GBP', 0), (30500000, 'EUR', 0)]
    """
    found: list[Money] = []
    last: Money | None = None
    compounds = [(m.start(), m.end(), int(m.group(1)) * 10**6 + int(m.group(2)) * 10**3)
                 for m in _COMPOUND.finditer(text)]
    for a, b, whole in compounds:
        ahead = text[max(0, a - 30) : a]
        total = TOTAL_BEFORE.search(ahead) or TOTAL_PLURAL.search(ahead)
        currency = "EUR" if text[a:b].lower().endswith("euro") else "TRY"
        found.append(Money(a, b, whole, currency, meaning="total" if total else "amount"))
    for match in _MONEY.finditer(text):
        number = match.group("n1") or match.group("n2") or match.group("n3") or match.group("n6") or match.group("n7")
        magnitude = (match.group("m1") or match.group("m2") or match.group("m3") or match.group("m4")
                     or match.group("m6") or match.group("m7") or "").strip(" \t\n-")
        start = match.start()
        if match.group("n4"):
            said = " ".join(match.group("n4").lower().split())  # "half  a" as "half a"
            value_of = word_value(said, match.group("m4"))
            if value_of is None:
                continue  # "en millions d'euros", "hat Millionen Euro", "Otto Millionen Euro": no number
            number = str(value_of)
            if tenths := _DECIMAL_WORDS.search(text, max(0, match.start() - 30), match.start()):
                said_whole = tenths.group(1).lower()
                units: float | None = NUMBER_WORDS.get(said_whole) or (
                    LOCAL_NUMBERS[said_whole][0] if said_whole in LOCAL_NUMBERS else None)
                if units is not None and value_of < 10 and value_of == int(value_of):  # "eina komma þrjár": 1.3
                    number, start = f"{int(units)}.{int(value_of)}", tenths.start()
        grouped = bool(re.fullmatch(r"\d{1,3}\.\d{3}", number or "")) and magnitude.lower() in _GROUPING_MAGNITUDES
        value = parse_number(number, bool(magnitude) and not grouped)  # "1.200 millones": 1,200 million
        if value is None:
            continue
        if any(a <= match.start() < b for a, b, _ in compounds):
            continue
        value *= _MAGNITUDES.get(magnitude.lower(), 1)
        money = Money(start, match.end(), as_number(value), _currency(match), worded=bool(match.group("n4")))
        word = (match.group("word") or match.group("word4") or "").lower()
        money.crowns = bool(re.fullmatch(r"(?:kroner|krone|crowns?|kr)", word)) or (
            (match.group("sym") or "").lower().rstrip(".") == "kr")
        money.dollars = match.group("sym") == "$" or bool(re.fullmatch(r"dollars?", word))
        before = text[max(0, match.start() - 30) : match.start()]
        base = _converted(text, found, last, match.start(), money.currency)
        last = money
        if base is not None:
            money.conversion_of = base
            base.conversions += ((money.amount, money.currency),)
            continue
        money.approximate = bool(_APPROXIMATE.search(before))
        money.doubtful = not magnitude and bool(re.fullmatch(r"\d{1,3}\.\d{2}", number or "")) and bool(
            _DOT_GROUPS.search(text))
        money.meaning, money.per, money.running = role_of(text, match.start(), match.end())
        found.append(money)
    found += _worded(text, found)
    found += _bare(text, found)
    found += _shared(text, found)
    for money in found:
        money.again = bool(_AGAIN.search(text, max(0, money.start - 40), money.start))
    return sorted(found, key=lambda m: m.start)


# A fine named again by a demonstrative ("cette amende de 800.000 €", "this fine of £20m").
_AGAIN = re.compile(r"(?i)\b(?:this|that|the\s+same|cette|ce|questa|tale|esta|dicha|diese[rsn]?|dieses|deze|dit|denne|detta|"
                    r"dette|tämä|ta|tę)\s+(?:[\w\-]+\s+)?" + AGAIN_NOUN + r"\s+(?:of\s+|de\s+|di\s+|von\s+|van\s+|på\s+|"
                    r"w\s+wysokości\s+)?$")


# "d'amendes de 27 et 15 millions d'euros", "fined 27 and 15 million euros": the first figure
# takes the magnitude and currency of the second (not a range: "between 10 and 20 million").
_SHARED = re.compile(r"(?i)(?<![\w$€£.,])(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:,|and|et|und|e|y|en|och|og|i|oraz)\s*$")
_RANGE = re.compile(r"(?i)\b(?:between|entre|zwischen|tra|tussen|mellan|między|from)\s*$")


def _shared(text: str, found: list[Money]) -> list[Money]:
    more: list[Money] = []
    for money in found:
        if money.meaning != "amount" or money.conversion_of is not None:
            continue
        head = _MAG_HEAD.match(text, money.start)
        if head is None:
            continue
        multiplier = _MAGNITUDES.get(head.group("m").strip(" \t\n-").lower())
        shared = _SHARED.search(text, max(0, money.start - 20), money.start)
        if not multiplier or shared is None or _RANGE.search(text[max(0, shared.start() - 12) : shared.start()]):
            continue
        if any(m.start < shared.end() and shared.start() < m.end for m in found):
            continue
        value = parse_number(shared.group("n"), True)
        if value is not None:
            more.append(Money(shared.start("n"), shared.end("n"), as_number(value * multiplier), money.currency))
    return more


_CODE_ALT = "|".join(_CODES)
_MAG_HEAD = re.compile(rf"(?i)(?:{_SYM}|\b(?:{_CODE_ALT})\s?)?{_NUM_HEAD}(?P<m>{_MAG})")


# "una multa de 3,94 millones", "fines from 70,000 euros to 3.94 million": a magnitude with
# no currency, after a fine's noun or as the end of a range, in a story of one currency.
_BARE = re.compile(rf"(?i)\b(?P<n>{_NUM})\s?(?P<m>millones|millions?|Millionen|milioni|miljoen|milhões|mln|Mio\.)(?!\w)"
                   r"(?=\s*(?:[;,.)]|$)|\s+(?:por|for|pour|per|wegen|voor|over|because)\b)")
_BARE_BEFORE = re.compile(r"(?i)(?:\b(?:multa|fine|penalty|amende|Bußgeld|Geldbuße|sanzione|boete|sanción|coima|kara)\s+"
                          r"(?:de|of|von|di|van|in\s+Höhe\s+von|d['’])\s*|\b(?:a|to|bis|à|al|tot)\s+)$")


def _bare(text: str, found: list[Money]) -> list[Money]:
    currencies = {m.currency for m in found}
    if len(currencies) != 1:
        return []
    currency = next(iter(currencies))
    extra = []
    for match in _BARE.finditer(text):
        before = _BARE_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        owner = re.match(r"\s+(?:for|pour|für|voor|para|per)\s+[A-Z]", text[match.end() : match.end() + 12])
        if any(m.start <= match.start() < m.end for m in found) or (before is None and owner is None):
            continue  # "... a combined 150 million euros, 90 million for Google LLC"
        if before is not None and before.group(0).split()[0].lower() in ("a", "to", "bis", "à", "al", "tot") and not any(
                0 <= match.start() - m.end <= 25 for m in found):
            continue  # the end of a range only right after its start ("de 70.000 euros a 3,94 millones")
        value = parse_number(match.group("n"), True)
        if value is not None:
            extra.append(Money(match.start(), match.end(), as_number(value * _MAGNITUDES[match.group("m").lower()]), currency))
    return extra


# Thousands written as one word: "zeshonderdduizend euro", "zweihunderttausend Euro",
# "sadantuhannen euron" (Finnish: a hundred thousand).
_UNITS = {w: v for v, ws in {1: ("een", "ein"), 2: ("twee", "zwei"), 3: ("drie", "drei"), 4: ("vier",),
                             5: ("vijf", "fünf"), 6: ("zes", "sechs"), 7: ("zeven", "sieben"), 8: ("acht",),
                             9: ("negen", "neun")}.items() for w in ws}
_WORDED = re.compile(rf"(?i)(?<!\d\s)(?<![\d.,])\b(?:(?P<n>{'|'.join(_UNITS)})?(?P<h>honderd|hundert)?(?P<t>duizend|tausend)"
                     r"|(?P<fi>sadantuhannen|satatuhatta))\s+(?:euros?|euroa|euron)\b")


def _worded(text: str, found: list[Money]) -> list[Money]:
    extra = []
    for match in _WORDED.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        value = 100_000 if match.group("fi") else (
            _UNITS.get((match.group("n") or "").lower(), 1) * (100 if match.group("h") else 1) * 1000)
        extra.append(Money(match.start(), match.end(), value, "EUR", worded=True))
    return extra
