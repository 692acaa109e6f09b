"""Rows of the CMS Enforcement Tracker's table, cleaned by stated rules.

Each rule's name is what the quality report records (repairs, notes, held-back rows):

- ``html-stripped``: country, controller, summary and sources cells are read by an HTML
  parser: tags dropped, entities decoded, links collected (no markup reaches the graph);
- ``date-partial``: a year or year-month is kept at that precision; ``date-unknown``:
  ``Unknown`` leaves the date empty; any other date holds the row back (``date-unreadable``);
- ``fine-eur``: the fine column is the tracker's figure in EUR: it is ``amount_eur``, what
  that source said. ``euro-authority``: an authority of a euro country fines in EUR, so the
  figure is also ``amount``/``currency`` EUR. ``eur-only-non-euro``: an authority of a
  non-euro country (``currencies`` of the tables, at the decision date): the figure is a
  conversion, no original amount or currency is claimed. ``original-from-summary``: the
  row's summary states exactly one amount in that country's currency ("GBP 7,552,800",
  "RON 10,000", "SEK 2.5 million"), within 25% of the tracker's figure at the ECB rate
  where one is known: it is ``amount``/``currency``. ``original-ambiguous``: several such
  amounts, none used. ``fine-zero``: 0 (a fine cancelled on appeal) kept as 0.
  ``amount-unknown``: ``Unknown``; ``amount-placeholder``: any other text ("Fine in
  five-digit amount"): no amount, the text kept as the sanction's description;
  ``intention-only``: "Only intention to issue fine": a proposed fine, no amount;
- ``parties-split``: a controller cell naming several firms, each with a legal form
  (one per line, quoted and joined by "and", or "A Ltd, B Ltd, and C Ltd"), is several
  parties, each AGAINST; ``name-line-break``: a line break inside one name is a space;
- ``person-named``: a controller named with a person's title ("Mr ...", "Herr ...",
  "Sig. ...": loaders/persons.py) is a Person; ``person-anonymised``: a titled name whose
  rest is anonymised ("Mr. Y.L.", "Dr. Ludwig A***") is an anonymous party;
- ``anonymous-party``: a controller that names nobody (tables: listed names, a person
  described, or generic words only: "Private person", "Kebab restaurant") is one anonymous party of this row,
  never merged; other names keep their spelling ("Clearview Al Inc." stays so);
- ``gdpr-typo``: "GPDR"/"GDRP" read as GDPR; ``article-unknown``: ``Unknown``;
  ``article-no-law``: an article without its law is not linked; other laws are CITES;
- ``category-unknown``: ``Unknown`` violation type left empty;
- ``url-encoded``: a link with spaces is percent-encoded; ``link-not-http``: dropped.
Held back: ``country-unknown``, ``authority-unknown``, ``court-unknown``, ``date-unreadable``.
Not mapped: the sector column (the model has no property for a sector) and the empty
button column; every other cell is a property, a node or a relationship.
Errors (the file is not the tracker's table): a row that is not 13 strings, an ``ETid-N``
cell that is not one, a duplicate ETid, a page column linking another ETid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enforcegraph.loaders.gdprfines_rows import citations_of
from enforcegraph.loaders.persons import TitledPerson, titled_person
from enforcegraph.loaders.quality import QualityReport
from enforcegraph.loaders.tracker_html import read_markup, safe_url
from enforcegraph.loaders.tracker_tables import Issuer, TrackerTables
from enforcegraph.schema.citations import Citation
from enforcegraph.schema.errors import FieldError
from enforcegraph.schema.types import MAX_AMOUNT, is_valid_date

__all__ = ["COLUMNS", "Party", "TrackerRow", "clean_tracker_row", "split_parties"]

COLUMNS = ("button", "etid", "country", "authority", "date", "fine", "controller", "sector",
           "articles", "type", "summary", "sources", "page")
ETID_URL = "https://www.enforcementtracker.com/ETid-{}"
_ETID = re.compile(r"ETid-(\d+)\Z")
_PAGE = re.compile(r"enforcementtracker\.com/ETid-(\d+)\b")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?\Z|\d+(?:\.\d+)?\Z")
_INTENTION = re.compile(r"(?i)only intention to issue (?:a )?fine")
_GDPR_TYPO = re.compile(r"\b(?:GPDR|GDRP)\b")
_GDPR = re.compile(r"\bGDPR\b")
_PART = re.compile(r",\s*(?=(?:Art\b|Art\.|Article\b|§|Section\b))")
_LAW_CITE = re.compile(
    r"(?:Art\.?|Article|§|Section)\s*(?:Art\.\s*)?(?:L\.\s*)?\d+[a-z]?(?:-[a-z]+)?"
    r"(?:\s*\(\w+\)|\s*\b[a-z]\)|\s*,|\s*Absatz\s+\d+|\s*(?:para|no|nr)\.?\s*\d+)*\s*(?:of the\s+)?(?P<law>.*)\Z",
    re.IGNORECASE,
)
_QUOTED_PARTIES = re.compile(r'^\s*"([^"]+)"\s*(?:,\s*"([^"]+)"\s*)*(?:,?\s*and\s*"([^"]+)")\s*$')
_QUOTED = re.compile(r'"([^"]+)"')
_LIST_SPLIT = re.compile(r",\s*and\s+|,\s*|\s+and\s+")
_NUMBER = r"\d(?:[\d.,\s]*\d)?"
_MULTIPLIERS = {"million": 1e6, "mio": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_TOLERANCE = 0.25


@dataclass(frozen=True)
class Party:
    """One controller of a row: its name as written, whether it names nobody, and the
    natural person it names (rule ``person-named``), if one."""

    name: str
    anonymous: bool
    person: TitledPerson | None = None


@dataclass
class TrackerRow:
    """One fine of the tracker after cleaning."""

    line: int
    etid: int
    country: str
    issuer: Issuer
    authority: str
    date: str | None
    amount_eur: float | None
    amount: float | None = None
    currency: str | None = None
    proposed: bool = False
    amount_text: str | None = None
    parties: list[Party] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    laws: list[tuple[str, str]] = field(default_factory=list)  # (law name, provision as written)
    category: str | None = None
    summary: str = ""
    links: list[str] = field(default_factory=list)

    @property
    def page(self) -> str:
        """The row's own page on the tracker."""
        return ETID_URL.format(self.etid)


def _number(text: str, multiplier: str | None) -> float | None:
    """A number as the summaries write it: "7,552,800", "55,750.50", "2.8", "10.000".

    >>> _number("7,552,800", None), _number("55,750.50", None), _number("2.8", "million")
    (7552800.0, 55750.5, 2800000.0)
    >>> _number("10.000", None), _number("1.234.567", None)
    (10000.0, 1234567.0)
    """
    text = re.sub(r"\s", "", text)
    if "," in text and "." in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        groups = text.split(",")
        text = "".join(groups) if all(len(g) == 3 for g in groups[1:]) else text.replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3 and not multiplier):
        text = text.replace(".", "")
    try:
        value = float(text) * _MULTIPLIERS.get((multiplier or "").lower(), 1)
    except ValueError:
        return None
    return value if 0 <= value <= MAX_AMOUNT else None


def stated_amounts(summary: str, currency: str) -> list[float]:
    """The distinct amounts in ``currency`` a summary states, in order.

    >>> stated_amounts("The ICO fined it GBP 7,552,800 (EUR 9 million).", "GBP")
    [7552800.0]
    >>> stated_amounts("a fine of 10,000 RON and another of RON 10.000", "RON")
    [10000.0]
    >>> stated_amounts("SEK 75 million, reduced to SEK 52 million", "SEK")
    [75000000.0, 52000000.0]
    """
    pattern = re.compile(
        rf"\b{currency}\s?(?P<a>{_NUMBER})(?:\s*(?P<am>million|mio|billion|bn|m)\b)?"
        rf"|(?P<b>{_NUMBER})(?:\s*(?P<bm>million|mio|billion|bn))?\s?{currency}\b",
        re.IGNORECASE,
    )
    found: list[float] = []
    for match in pattern.finditer(summary):
        text, multiplier = (match["a"], match["am"]) if match["a"] else (match["b"], match["bm"])
        value = _number(text, multiplier)
        if value is not None and value not in found:
            found.append(value)
    return found


def _legal_form_only(name: str, forms: frozenset[str]) -> tuple[bool, bool]:
    """``(has a legal form, is nothing but one)``."""
    import fingerprints

    printed = (fingerprints.generate(name) or "").split()
    kept = (fingerprints.generate(fingerprints.remove_types(name)) or "").split()
    kept = [t for t in kept if t not in forms]
    return len(kept) < len(printed), not kept


def split_parties(text: str, forms: frozenset[str]) -> tuple[list[str], str | None]:
    """The names of a controller cell and the rule that split or joined it (None: as is).

    >>> split_parties('"Uber Technologies Inc." and "Uber B.V."', frozenset())
    (['Uber Technologies Inc.', 'Uber B.V.'], 'parties-split')
    >>> split_parties("Uber Technologies Inc.\\nUber B.V.", frozenset())
    (['Uber Technologies Inc.', 'Uber B.V.'], 'parties-split')
    >>> split_parties("LGS Handling Ltd, Louis Travel Ltd, and Louis Aviation Ltd", frozenset())
    (['LGS Handling Ltd', 'Louis Travel Ltd', 'Louis Aviation Ltd'], 'parties-split')
    >>> split_parties("MADRID TOURISTIC\\r\\nCAPITAL, S.L.", frozenset({"sl"}))
    (['MADRID TOURISTIC CAPITAL, S.L.'], 'name-line-break')
    >>> split_parties("UniCredit Bank Czech Republic and Slovakia, a.s.", frozenset())
    (['UniCredit Bank Czech Republic and Slovakia, a.s.'], None)
    """
    if _QUOTED_PARTIES.match(text):
        return [" ".join(q.split()) for q in _QUOTED.findall(text)], "parties-split"
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        forms_of = [_legal_form_only(line, forms) for line in lines]
        if all(has and not only for has, only in forms_of):
            return lines, "parties-split"
        return [" ".join(lines)], "name-line-break"
    name = " ".join(text.split())
    pieces = [p.strip() for p in _LIST_SPLIT.split(name) if p.strip()]
    if len(pieces) > 1:
        forms_of = [_legal_form_only(p, forms) for p in pieces]
        if all(has and not only for has, only in forms_of):
            return pieces, "parties-split"
    return [name], None


class _Cleaner:
    """Cleans one row, collecting errors and report entries."""

    def __init__(self, path: Path, line: int, index: int, cells: list[str], tables: TrackerTables,
                 report: QualityReport) -> None:
        self.file = str(path)
        self.line = line
        self.cells = dict(zip(COLUMNS, cells, strict=True))
        self.tables = tables
        self.report = report
        self.errors: list[FieldError] = []
        self.where = f"line {line} (row {index}, {cells[1]})"

    def error(self, fld: str, message: str) -> None:
        self.errors.append(FieldError(self.file, self.where, fld, message))

    def markup(self, fld: str) -> tuple[str, list[str]]:
        raw = self.cells[fld]
        found = read_markup(raw)
        if fld in ("summary", "controller") and found.had_markup and found.text != raw.strip():
            self.report.repair(self.where, fld, "html-stripped", "HTML tags and entities removed",
                               raw[:200], found.text[:200])
        return found.text, found.links

    def clean(self, etid: int) -> TrackerRow | None:
        c = self.cells
        page = _PAGE.search(c["page"])
        if page is None or int(page.group(1)) != etid:
            self.error("page", f"does not link the row's own page ETid-{etid}: {c['page'][:120]!r}")
            return None
        country_text, _ = self.markup("country")
        country = self.tables.country(country_text)
        if country is None:
            self.report.hold_back(self.where, "country", "country-unknown",
                                  f"country {country_text!r} is not in loaders/data/tracker_authorities.yaml")
            return None
        issuer = self.issuer(country, c["authority"])
        readable, when = self.date(c["date"].strip())
        if issuer is None or not readable:
            return None
        row = TrackerRow(line=self.line, etid=etid, country=country, issuer=issuer,
                         authority=" ".join(c["authority"].split()), date=when, amount_eur=None)
        summary, summary_links = self.markup("summary")
        row.summary = "" if summary == "Unknown" else summary
        self.amounts(row, c["fine"].strip())
        self.parties(row)
        self.articles(row, c["articles"].strip())
        category = c["type"].strip()
        if category == "Unknown" or not category:
            self.report.note(self.where, "type", "category-unknown", "no violation type given")
        else:
            row.category = category
        _, links = self.markup("sources")
        row.links = self.urls([*links, *summary_links])
        return row

    def issuer(self, country: str, authority: str) -> Issuer | None:
        issuer = self.tables.issuer(country, authority)
        if issuer is not None:
            return issuer
        if self.tables.names_a_court(authority):
            self.report.hold_back(self.where, "authority", "court-unknown",
                                  f"the court {authority!r} is not in the tables' courts of {country}; "
                                  "the row is not loaded")
        else:
            self.report.hold_back(self.where, "authority", "authority-unknown",
                                  f"the authority {authority!r} of {country} is not in "
                                  "loaders/data/tracker_authorities.yaml; the row is not loaded")
        return None

    def date(self, text: str) -> tuple[bool, str | None]:
        """``(readable, ISO date possibly partial or None)``; unreadable: held back."""
        if text == "Unknown" or not text:
            self.report.note(self.where, "date", "date-unknown", "date unknown; left empty")
            return True, None
        if not _DATE.match(text) or not is_valid_date(text):
            self.report.hold_back(self.where, "date", "date-unreadable",
                                  f"not a date (YYYY-MM-DD, YYYY-MM, YYYY or Unknown): {text!r}")
            return False, None
        if len(text) < 10:
            self.report.note(self.where, "date", "date-partial", f"{text!r} kept at that precision")
        return True, text

    def amounts(self, row: TrackerRow, text: str) -> None:
        if _INTENTION.search(text):
            row.proposed = True
            self.report.note(self.where, "fine", "intention-only",
                             f"{text!r}: a proposed fine without amount")
            return
        if text == "Unknown" or not text:
            self.report.note(self.where, "fine", "amount-unknown", "fine of unknown amount")
            return
        if not _FIGURE.match(text):
            row.amount_text = text
            self.report.note(self.where, "fine", "amount-placeholder",
                             f"{text!r} is no amount; left empty, the text kept as description")
            return
        value = float(text.replace(",", ""))
        if value > MAX_AMOUNT:
            row.amount_text = text
            self.report.note(self.where, "fine", "amount-placeholder", f"{text!r} is no plausible amount")
            return
        row.amount_eur = value
        if value == 0:
            self.report.note(self.where, "fine", "fine-zero",
                             "0: the tracker shows no fine (cancelled or overturned); kept as 0")
        local = self.tables.currency(row.country, row.date)
        if local is None:
            row.amount, row.currency = value, "EUR"
            return
        stated = stated_amounts(row.summary, local)
        if len(stated) > 1:
            self.report.note(self.where, "fine", "original-ambiguous",
                             f"the summary states several {local} amounts {stated}; none used")
        elif stated and self.plausible(stated[0], local, value, row.date):
            row.amount, row.currency = stated[0], local
            self.report.repair(self.where, "fine", "original-from-summary",
                               f"the summary states the original amount in {local}",
                               f"EUR {text}", f"{local} {stated[0]:,.2f}")
            return
        self.report.note(self.where, "fine", "eur-only-non-euro",
                         f"an authority of {row.country} fines in {local}: EUR {text} is the "
                         "tracker's conversion; no original amount claimed")

    def plausible(self, amount: float, currency: str, eur: float, when: str | None) -> bool:
        from enforcegraph.graph.analytics.rates import convert  # NetworkX & co. only when needed

        converted = convert(amount, currency, when).amount_eur
        if converted is None or eur == 0:
            return True
        if abs(converted - eur) <= _TOLERANCE * eur:
            return True
        self.report.note(self.where, "fine", "original-mismatch",
                         f"{currency} {amount:,.2f} is EUR {converted:,.0f} at the ECB rate, not the "
                         f"tracker's EUR {eur:,.0f}; not used")
        return False

    def parties(self, row: TrackerRow) -> None:
        raw = self.cells["controller"]
        text = read_markup(raw).text if ("<" in raw or "&" in raw) else raw
        if text != raw and ("<" in raw or "&" in raw):
            self.report.repair(self.where, "controller", "html-stripped", "HTML removed", raw, text)
        names, rule = split_parties(text, self.tables.legal_forms)
        if rule is not None:
            self.report.repair(self.where, "controller", rule,
                               "several parties, each AGAINST" if rule == "parties-split"
                               else "a line break inside one name", text, " | ".join(names))
        for name in names or ["Unknown"]:
            anonymous = self.tables.is_anonymous(name)
            person = None if anonymous else titled_person(name)
            if person is not None and person.anonymised:
                anonymous, person = True, None
                self.report.note(self.where, "controller", "person-anonymised",
                                 f"{name!r}: a person whose name is anonymised: one anonymous party "
                                 "of this row, never merged")
            elif anonymous:
                self.report.note(self.where, "controller", "anonymous-party",
                                 f"{name!r}: one anonymous party of this row, never merged")
            elif person is not None:
                self.report.note(self.where, "controller", "person-named",
                                 f"{name!r}: a natural person by the title, a Person (not a company)")
            row.parties.append(Party(name, anonymous, person))

    def articles(self, row: TrackerRow, text: str) -> None:
        for part in (p.strip().rstrip(",").strip() for p in _PART.split(text)):
            if not part:
                continue
            if part == "Unknown":
                self.report.note(self.where, "articles", "article-unknown", "no article given")
                continue
            if _GDPR_TYPO.search(part):
                fixed = _GDPR_TYPO.sub("GDPR", part)
                self.report.repair(self.where, "articles", "gdpr-typo", "GDPR misspelt", part, fixed)
                part = fixed
            if _GDPR.search(part) and (found := citations_of(part)):
                row.citations += [c for c in found if c not in row.citations]
                continue
            law = _LAW_CITE.match(part)
            name = " ".join(law.group("law").split()).strip(" .,") if law else ""
            if not name or not re.search(r"[^\W\d_]", name):
                self.report.note(self.where, "articles", "article-no-law",
                                 f"{part!r} names no law; not linked")
                continue
            if (name, part) not in row.laws:
                row.laws.append((name, part))

    def urls(self, links: list[str]) -> list[str]:
        found: list[str] = []
        for href in links:
            url = safe_url(href)
            if url is None:
                self.report.note(self.where, "sources", "link-not-http", f"{href[:120]!r} dropped")
                continue
            if url != href:
                self.report.repair(self.where, "sources", "url-encoded", "unsafe characters encoded",
                                   href, url)
            if url not in found:
                found.append(url)
        return found


def clean_tracker_row(path: Path, line: int, index: int, value: Any, tables: TrackerTables,
                      report: QualityReport) -> tuple[TrackerRow | None, list[FieldError]]:
    """The cleaned row (None if held back or invalid) and the errors that make it invalid."""
    where = f"line {line} (row {index})"
    if not isinstance(value, list) or len(value) != len(COLUMNS) or not all(isinstance(v, str) for v in value):
        shape = f"{len(value)} items" if isinstance(value, list) else type(value).__name__
        return None, [FieldError(str(path), where, "-",
                                 f"not a row of {len(COLUMNS)} strings ({shape}): the tracker's "
                                 "table has columns " + ", ".join(COLUMNS))]
    etid = _ETID.match(value[1].strip())
    if etid is None:
        return None, [FieldError(str(path), where, "etid", f"not an ETid-N: {value[1][:60]!r}")]
    cleaner = _Cleaner(path, line, index, value, tables, report)
    row = cleaner.clean(int(etid.group(1)))
    return (None if cleaner.errors else row), cleaner.errors
