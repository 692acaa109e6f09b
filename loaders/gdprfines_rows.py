"""Rows of the GDPR fines table, cleaned: stated repair rules, held-back rows, located errors.

Repair rules (each repair is written to the quality report):
- ``trim``: leading and trailing whitespace (tabs included) removed from every cell;
- ``url-in-type``: ``type`` holds a URL and ``source`` does not: the URL is the source and
  the type is unknown;
- ``article-type-swap``: ``article_violated`` holds no citation but ``type`` does: swapped;
- ``authority-controller-swap``: ``authority`` is no known authority but ``controller`` is
  one of the row's country: swapped;
- ``controller-url``: ``controller`` is a URL: the party is unknown (anonymous);
- ``proposed-fine-from-summary``: ``price`` 0 and the summary states the fine the firm is
  facing "but this is not yet final": a proposed fine of that amount;
- ``date-unknown``: 01/01/1970 is a placeholder: the date is left empty.
A row whose authority is generic (it names no authority) is held back.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from enforcegraph.loaders.gdprfines_tables import RegulatorSpec, Tables
from enforcegraph.loaders.quality import QualityReport
from enforcegraph.loaders.tabular import Row
from enforcegraph.schema.citations import Citation, parse_citation
from enforcegraph.schema.errors import FieldError
from enforcegraph.schema.types import MAX_AMOUNT

__all__ = ["COLUMNS", "FineRow", "citations_of", "clean_row"]

COLUMNS = ["id", "picture", "name", "price", "authority", "date", "controller",
           "article_violated", "type", "source", "summary"]
UNKNOWN_DATE = "01/01/1970"
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_PROPOSED = re.compile(
    r"facing a fine of €\s?([\d,.]+),? but this is not yet final", re.IGNORECASE
)
_REST = re.compile(r"(?i)art(?:icle|\.)?\s*\d+[a-z]?(?P<rest>.*?)(?:\bof\s+the\b|\bgdpr\b|\bgdrp\b|$)")
_PART = re.compile(r"\(?\s*(\w+)\s*\)")
_UNKNOWN_ARTICLE = {"unknown", "not known", ""}


@dataclass
class FineRow:
    """One decision of the table after cleaning."""

    line: int
    row_id: str
    country: str
    regulator: RegulatorSpec
    date: str | None
    amount: float | None
    proposed: bool
    controller: str
    anonymous: bool
    citations: list[Citation] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    category: str | None = None
    source: str = ""
    summary: str = ""


def citations_of(text: str) -> list[Citation]:
    """Every provision of one GDPR citation as the table writes it.

    >>> [c.provision for c in citations_of("Art. 15 (1), (3) GDPR")]
    ['15(1)', '15(3)']
    >>> [c.provision for c in citations_of("Art. 5 (1) a), (2) GDPR")]
    ['5(1)(a)', '5(2)']
    >>> [c.provision for c in citations_of("Art.14 of the GDPR")]
    ['14']
    >>> [c.provision for c in citations_of("Art 58 (2) e) GDPR")]
    ['58(2)(e)']
    >>> citations_of("Data Protection Act 2018")
    []
    """
    first = parse_citation(text, default_law="gdpr")
    match = _REST.search(text)
    if first is None or match is None:
        return [first] if first else []
    found: list[Citation] = []
    paragraph: str | None = None
    for group in match.group("rest").split(","):
        parts = _PART.findall(group)
        if not parts:
            continue
        paragraph = next((p for p in parts if p.isdigit()), None) or paragraph
        point = next((p for p in parts if p.isalpha()), None)
        citation = Citation(first.law, first.number, paragraph, point)
        if citation not in found:
            found.append(citation)
    return found or [first]


def _iso_date(text: str) -> str | None:
    """MM/DD/YYYY as ISO; ValueError if it is not a calendar date."""
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"not a date in MM/DD/YYYY form: {text!r}")
    month, day, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"not a calendar date (MM/DD/YYYY): {text!r} ({exc})") from None


def _amount(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or value < 0 or value > MAX_AMOUNT:
        raise ValueError(f"not a plausible amount in EUR: {text!r}")
    return value


def clean_summary(text: str) -> str:
    """HTML entities and tags decoded, whitespace collapsed.

    >>> clean_summary("it&#8217;s final.<strong>Notice:</strong> Marriott &#038; Co ")
    'it’s final. Notice: Marriott & Co'
    """
    return _SPACES.sub(" ", _TAG.sub(" ", html.unescape(text))).strip()


class _Cleaner:
    """Cleans one row, collecting errors and report entries."""

    def __init__(self, path: Path, row: Row, tables: Tables, report: QualityReport) -> None:
        self.file = str(path)
        self.row = row
        self.tables = tables
        self.report = report
        self.cells = dict(row.cells)
        self.errors: list[FieldError] = []
        self.where = f"{row.record} (id {row.cells.get('id', '?').strip()})"

    def error(self, fld: str, message: str) -> None:
        self.errors.append(FieldError(self.file, self.row.record, fld, message))

    def repair(self, fld: str, rule: str, message: str, before: str, after: str) -> None:
        self.report.repair(self.where, fld, rule, message, before, after)

    def trim(self) -> None:
        for name, value in self.cells.items():
            if value != value.strip():
                self.cells[name] = value.strip()
                if name != "summary":
                    self.repair(name, "trim", "whitespace removed", value, value.strip())

    def swaps(self, country: str) -> None:
        c = self.cells
        if _URL.match(c["type"]) and not _URL.match(c["source"]):
            self.repair("type", "url-in-type", "type held the source URL; type unknown",
                        c["type"], "")
            self.repair("source", "url-in-type", "source held text; the URL from type used",
                        c["source"], c["type"])
            c["source"], c["type"] = c["type"], ""
        if not _is_article(c["article_violated"], self.tables) and _is_article(c["type"], self.tables):
            self.repair("article_violated", "article-type-swap",
                        "article_violated and type swapped", c["article_violated"], c["type"])
            c["article_violated"], c["type"] = c["type"], c["article_violated"]
        if self.tables.regulator(c["authority"], country) is None:
            other = self.tables.regulator(c["controller"], country)
            if other is not None:
                self.repair("authority", "authority-controller-swap",
                            "authority and controller swapped", c["authority"], c["controller"])
                c["authority"], c["controller"] = c["controller"], c["authority"]
        if _URL.match(c["controller"]):
            self.repair("controller", "controller-url",
                        "controller held a URL; the party is unknown", c["controller"], "")
            c["controller"] = ""

    def clean(self) -> FineRow | None:
        self.trim()
        c = self.cells
        country = self.tables.countries.get(c["name"])
        if country is None:
            self.error("name", f"unknown country {c['name']!r} (see loaders/data/gdpr_fines.yaml)")
            return None
        self.swaps(country)
        if self.tables.is_generic_authority(c["authority"]):
            self.report.hold_back(self.where, "authority", "authority-unidentified",
                                  f"the authority {c['authority']!r} names no authority of "
                                  f"{c['name']}; the row is not loaded")
            return None
        regulator = self.tables.regulator(c["authority"], country)
        if regulator is None:
            self.error("authority", f"unknown authority {c['authority']!r} for {c['name']} "
                       "(add it to loaders/data/gdpr_fines.yaml)")
        when = self.date(c["date"])
        amount, proposed = self.amount(c["price"], c["summary"])
        citations, laws = self.articles(c["article_violated"])
        if not _URL.match(c["source"]):
            self.error("source", f"not an http(s) URL: {c['source']!r}")
        if self.errors or regulator is None:
            return None
        controller = c["controller"]
        anonymous = not controller or self.tables.is_anonymous(controller)
        if anonymous:
            self.report.note(self.where, "controller", "anonymous-party",
                             f"{controller or 'no name'!r}: one anonymous party for this decision")
        return FineRow(
            line=self.row.line, row_id=c["id"], country=country, regulator=regulator,
            date=when, amount=amount, proposed=proposed, controller=controller or "Unknown",
            anonymous=anonymous, citations=citations, laws=laws,
            category=c["type"] or None, source=c["source"], summary=clean_summary(c["summary"]),
        )

    def date(self, text: str) -> str | None:
        if text == UNKNOWN_DATE:
            self.report.note(self.where, "date", "date-unknown",
                             "01/01/1970 is the placeholder of an unknown date; left empty")
            return None
        try:
            return _iso_date(text)
        except ValueError as exc:
            self.error("date", str(exc))
            return None

    def amount(self, price: str, summary: str) -> tuple[float | None, bool]:
        try:
            value = _amount(price)
        except ValueError:
            self.error("price", f"not a plausible amount in EUR: {price!r} (a number >= 0)")
            return None, False
        if value > 0:
            return value, False
        found = _PROPOSED.search(clean_summary(summary))
        if found:
            proposed = float(found.group(1).replace(",", ""))
            self.repair("price", "proposed-fine-from-summary",
                        "price 0; the summary states a proposed fine that is not final",
                        price, f"{proposed:.0f}")
            return proposed, True
        self.report.note(self.where, "price", "amount-unknown",
                         "price 0: the amount is unknown or not final; fine loaded without amount")
        return None, False

    def articles(self, text: str) -> tuple[list[Citation], list[str]]:
        citations: list[Citation] = []
        laws: list[str] = []
        for part in (p.strip() for p in text.split("|")):
            if part.lower() in _UNKNOWN_ARTICLE:
                self.report.note(self.where, "article_violated", "article-unknown",
                                 "no article given")
            elif part in self.tables.laws:
                laws.append(part)
            elif found := citations_of(part):
                citations += [c for c in found if c not in citations]
            else:
                self.error("article_violated", f"not a GDPR article citation or known law: {part!r}")
        return citations, laws


def _is_article(text: str, tables: Tables) -> bool:
    parts = [p.strip() for p in text.split("|") if p.strip()]
    return bool(parts) and all(p in tables.laws or citations_of(p) for p in parts)


def clean_row(
    path: Path, row: Row, tables: Tables, report: QualityReport
) -> tuple[FineRow | None, list[FieldError]]:
    """The cleaned row (None if held back or invalid) and the errors that make it invalid."""
    cleaner = _Cleaner(path, row, tables, report)
    result = cleaner.clean()
    return result, cleaner.errors
