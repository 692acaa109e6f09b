"""One GDPRhub decision, from either format, cleaned by stated rules.

Both readers (the CSV download and the API's JSON) give a :class:`HubRecord` in the CSV's
terms; :func:`clean` makes it a :class:`HubDecision` or holds it back, writing every
repair, hold-back and note to the quality report. Rules:

- ``trim``: surrounding whitespace of every cell removed (not reported);
- ``placeholder``: a cell of ``'-``, ``N/A``, ``Unknown`` (the yaml's list) is not given;
- ``issuer-placeholder`` / ``issuer-unmapped`` (held back): the issuer is a placeholder,
  or no label of ``gdprhub_issuers.yaml`` and no court rule names it;
- dates ``DD.MM.YYYY`` (the API's ``YYYY-MM-DD ...``); ``date-invalid`` (held back): not
  a calendar date; ``case-in-date-column``: the date cell holds a case number while the
  case cell is empty, a placeholder or the same text: it becomes the case and the date is
  unknown; any other text in the date cell: ``date-unreadable`` (held back);
  ``ref-placeholder``: a case cell that gives no case number ("Not available",
  "XXXXXXXXX", "Not public (27/01/2021)") titles the page but is never the ``ref`` nor
  part of the id; ``case-is-date``: a case name that is a date stays the case (GDPRhub titles the page
  so) and is not taken for the decision date; the API's ``date_published`` is the
  ``announced_date``;
- fines ``10000 RON``, ``2.000 EUR``: a ``.`` or ``,`` followed by groups of exactly three
  digits separates thousands (``thousands-separator``); ``€``/``£`` are EUR/GBP
  (``currency-symbol``); no currency: EUR when the issuer's country had the euro on the
  decision (else announced) date (``currency-from-euro-area``), otherwise the amount is
  left out (``currency-missing``); a fine of 0 is no fine (``fine-zero``), nor one listed
  on a decision of the EDPB (``fine-of-lead-authority``: the lead authority imposes it);
  an amount in EUR above the largest GDPR fine so far is two amounts run together and left
  out (``fine-implausible``); text that is no
  amount: a fine without amount (``fine-unreadable``); ``amount_eur`` is the amount for
  EUR, else the bundled ECB rate of the decision date (graph/analytics/rates.py), and
  none without a decision date (``not-converted``);
- kinds: a court's decision is a ``judgment``; a fine (stated, or the outcome "Fine") a
  ``fine_decision``; an outcome naming a reprimand a ``reprimand``, an order or
  enforcement an ``order``; everything else (upheld complaints without a sanction,
  investigations, rejections, advisory opinions, "Other") ``findings``, with GDPRhub's
  type and outcome kept in ``status_note``;
- articles ``5(1)(f), 32`` (the API: article, paragraph, subparagraph): INFRINGES when the
  outcome finds a violation (Upheld, Partly Upheld, Violation Found, a fine, reprimand or
  order), else CITES (rejected complaints, no violation, opinions, judgments);
  ``article-unreadable``: an item that is no GDPR article is noted and left out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from enforcegraph.graph.analytics.rates import convert
from enforcegraph.loaders.gdprhub_parties import Party, classify
from enforcegraph.loaders.gdprhub_tables import Issuer, Tables
from enforcegraph.loaders.quality import QualityReport
from enforcegraph.schema.citations import Citation
from enforcegraph.schema.codes import CURRENCY_CODES
from enforcegraph.schema.types import MAX_AMOUNT

__all__ = ["HubDecision", "HubRecord", "clean", "digest", "parse_amount"]

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_FINE = re.compile(r"^(?P<pre>[A-Za-z]{3}|[€£$])?\s*(?P<num>\d[\d.,\s]*?)\s*(?P<cur>[A-Za-z]{3}|[€£$])?$")
_ARTICLE = re.compile(r"^(\d{1,3})(?:\((\d{1,2}[a-z]?)\))?(?:\(([a-z]{1,2}|[ivx]+)\))?$")
_LARGEST_RATE = 500  # no currency the ECB table holds is worth less than 1/500 EUR (HUF ~400)
_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD"}
_VIOLATION = re.compile(r"upheld|violation found|violation$|fine|reprimand|order|enforcement", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
_NUMBER = re.compile(r"\d[\d.,]*")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_MARKUP = re.compile(r"\{\{?[A-Za-z][^{}]*\}\}?")
_NO_VIOLATION = re.compile(r"no violation|rejected|dismissed", re.IGNORECASE)


@dataclass
class HubRecord:
    """One decision as a reader found it, in the CSV's terms."""

    where: str  # "line 12" (CSV) or "row 3" (JSON)
    decision_by: str  # "DPA: CNIL (France)", "Court: BVwG", "CJEU (Court of ...)"
    jurisdiction: str
    case: str
    date: str  # "DD.MM.YYYY" (CSV) or "YYYY-MM-DD ..." (API), or ""
    articles: list[tuple[str, str, str]] | str  # CSV text, or the API's (article, paragraph, point)
    type_outcome: str  # "Complaint → Upheld"
    fine: str  # "10000 RON" (CSV) or "amount currency" (API)
    parties: list[str]
    summary: str
    published: str = ""  # the API's date_published
    page_url: str | None = None  # the API's wiki page
    page_title: str | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)  # (url, name): the API's sources
    appeal: str = ""  # the API's appeal_to.status


@dataclass
class HubDecision:
    """A decision ready to become nodes."""

    where: str
    issuer: Issuer
    case: str | None  # as given: the page title's
    title: str
    date: str | None
    announced: str | None
    kind: str
    status_note: str | None
    summary: str | None
    digest: str
    violation: bool
    citations: list[Citation]
    fine: bool
    amount: float | None
    currency: str | None
    amount_eur: float | None
    fine_note: str | None
    sanction: str | None  # the sanction kind, if any
    parties: list[Party]
    page_url: str | None
    documents: list[tuple[str, str]]
    ref: str | None = None  # the case number: the case unless it gives none (ref-placeholder)


def digest(summary: str) -> str:
    """Eight hex digits of the summary's sha256, whitespace collapsed (tells apart decisions
    that share a case number, or have none)."""
    return hashlib.sha256(" ".join(summary.split()).encode("utf-8")).hexdigest()[:8]


def _iso(day: int, month: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_amount(text: str) -> tuple[float, bool] | None:
    """The number a fine cell states and whether a thousands separator was read; None if
    it is no number.

    >>> parse_amount("2.000"), parse_amount("1,500,000"), parse_amount("9919.2")
    ((2000.0, True), (1500000.0, True), (9919.2, False))
    >>> parse_amount("999,999.99"), parse_amount("12,5"), parse_amount("abc")
    ((999999.99, True), (12.5, False), None)
    """
    num = text.replace(" ", "").replace("\u00a0", "")
    if not num or not _NUMBER.fullmatch(num):
        return None
    thousands = False
    if "," in num and "." in num:
        decimal = "." if num.rfind(".") > num.rfind(",") else ","
        other = "," if decimal == "." else "."
        num, thousands = num.replace(other, "").replace(decimal, "."), True
    elif _GROUPED.fullmatch(num):
        num, thousands = num.replace(".", "").replace(",", ""), True
    else:
        num = num.replace(",", ".")
    try:
        return float(num), thousands
    except ValueError:
        return None


class _Cleaner:
    def __init__(self, record: HubRecord, tables: Tables, report: QualityReport) -> None:
        self.r = record
        self.tables = tables
        self.report = report
        self.where = record.where

    def given(self, text: str) -> str:
        text = text.strip()
        return "" if self.tables.is_placeholder(text) else text

    def hold(self, fld: str, rule: str, message: str) -> None:
        self.report.hold_back(self.where, fld, rule, message)

    def clean(self) -> HubDecision | None:
        r = self.r
        issuer_text = r.decision_by.strip()
        label = issuer_text.partition(":")[2] if ":" in issuer_text else issuer_text
        if not self.given(issuer_text) or not self.given(label):
            self.hold("Decision by", "issuer-placeholder", f"no issuer: {issuer_text!r}")
            return None
        issuer = self.tables.issuer(issuer_text, r.jurisdiction)
        if issuer is None:
            self.hold("Decision by", "issuer-unmapped",
                      f"{issuer_text!r} ({r.jurisdiction}) names no authority or court of "
                      "loaders/data/gdprhub_issuers.yaml; not guessed")
            return None
        if issuer_text.startswith("DPA:") and issuer.label == "Court":
            self.report.repair(self.where, "Decision by", "issuer-is-court",
                               "GDPRhub files a court's decision under DPA", issuer_text, issuer.id)
        case, when, ok = self.case_and_date()
        if not ok:
            return None
        summary = self.summary()
        if case is None and not summary:
            self.hold("Case number/name", "no-identity",
                      "neither a case number nor a summary tells this decision apart")
            return None
        announced = self.published()
        kind, violation, sanction = self.kind(issuer)
        amount, currency, fine, note = self.fine(issuer, when or announced)
        if fine and not issuer.imposes_fines:
            self.report.note(self.where, "Fine", "fine-of-lead-authority",
                             f"{issuer.name} fines nobody: the fine {r.fine.strip()!r} is the lead "
                             "authority's; no sanction here")
            amount, currency, fine, note = None, None, False, None
        if fine and issuer.label == "Regulator":
            kind, violation, sanction = "fine_decision", True, "fine"
        elif fine:
            sanction = "fine"
        amount_eur = None
        if amount is not None and currency is not None:
            conversion = convert(amount, currency, when)
            amount_eur = conversion.amount_eur
            if amount_eur is None:
                self.report.note(self.where, "Fine", "not-converted", conversion.rate_basis)
        parties = [p for p in (self.party(text) for text in r.parties) if p is not None]
        return HubDecision(
            where=self.where, issuer=issuer, case=case, title=self.title(issuer, case),
            date=when, announced=announced, kind=kind, status_note=self.status_note(),
            summary=summary or None, digest=digest(summary or case or ""), violation=violation,
            citations=self.citations(), fine=fine, amount=amount, currency=currency,
            amount_eur=amount_eur, fine_note=note, sanction=sanction, parties=parties,
            page_url=r.page_url, documents=self.documents(), ref=self.ref(case),
        )

    def ref(self, case: str | None) -> str | None:
        if case is not None and self.tables.is_ref_placeholder(case):
            self.report.note(self.where, "Case number/name", "ref-placeholder",
                             f"{case!r} gives no case number: never a ref (the id uses the summary)")
            return None
        return case

    def summary(self) -> str:
        text = self.r.summary if self.given(self.r.summary) else ""
        stripped = _MARKUP.sub(" ", text)
        if stripped != text:
            self.report.repair(self.where, "Summary", "wiki-markup", "wiki template text removed",
                               "; ".join(_MARKUP.findall(text))[:200], "")
        return " ".join(stripped.split())

    def title(self, issuer: Issuer, case: str | None) -> str:
        if self.r.page_title:
            return self.r.page_title.strip()
        text = self.r.decision_by.strip()
        part = "CJEU" if text in self.tables.cjeu_labels else text.partition(":")[2].strip()
        return f"{part} - {case or 'N/A'}"

    def case_and_date(self) -> tuple[str | None, str | None, bool]:
        case = self.given(self.r.case) or None
        text = self.r.date.strip()
        if case and _DMY.match(case):
            self.report.note(self.where, "Case number/name", "case-is-date",
                             f"the case name {case!r} is a date: kept as the case, not taken "
                             "for the decision date")
        if not text or self.tables.is_placeholder(text):
            return case, None, True
        found = _DMY.match(text)
        iso = _ISO.match(text)
        if found or iso:
            if found:
                day, month, year = (int(g) for g in found.groups())
            else:
                assert iso is not None
                year, month, day = (int(g) for g in iso.groups())
            value = _iso(day, month, year)
            if value is None:
                self.hold("Date of decision", "date-invalid", f"not a calendar date: {text!r}")
                return None, None, False
            return case, value, True
        if case is None or case == text:
            self.report.repair(self.where, "Date of decision", "case-in-date-column",
                               "the date cell holds the case number; the date is unknown",
                               text, "")
            return text, None, True
        self.hold("Date of decision", "date-unreadable",
                  f"neither a date (DD.MM.YYYY) nor the case number: {text!r}")
        return None, None, False

    def published(self) -> str | None:
        text = self.r.published.strip()
        iso = _ISO.match(text)
        if not iso:
            if text:
                self.report.note(self.where, "date_published", "date-unreadable",
                                 f"not a date: {text!r}; no announced date")
            return None
        year, month, day = (int(g) for g in iso.groups())
        return _iso(day, month, year)

    def kind(self, issuer: Issuer) -> tuple[str, bool, str | None]:
        outcome = self.r.type_outcome.partition("→")[2].strip() or self.r.type_outcome.strip()
        low = outcome.lower()
        violation = bool(_VIOLATION.search(outcome)) and not _NO_VIOLATION.search(outcome)
        if issuer.label == "Court":
            return "judgment", False, None
        if "fine" in low:
            return "fine_decision", True, "fine"
        if "reprimand" in low:
            return "reprimand", True, "reprimand"
        if "order" in low or "enforcement" in low:
            return "order", True, "order"
        return "findings", violation, None

    def status_note(self) -> str | None:
        parts = []
        if self.r.type_outcome.strip():
            parts.append(f"GDPRhub: {self.r.type_outcome.strip()}")
        if self.r.appeal.strip() and self.r.appeal.strip().lower() != "unknown":
            parts.append(f"appeal: {self.r.appeal.strip()}")
        return "; ".join(parts) or None

    def fine(self, issuer: Issuer, when: str | None) -> tuple[float | None, str | None, bool, str | None]:
        text = self.given(self.r.fine)
        if not text:
            return None, None, False, None
        match = _FINE.match(text)
        parsed = parse_amount(match.group("num")) if match else None
        if match is None or parsed is None:
            self.report.note(self.where, "Fine", "fine-unreadable",
                             f"{text!r} states no amount: a fine without amount")
            return None, None, True, f"GDPRhub states the fine as {text!r}."
        value, thousands = parsed
        if thousands:
            self.report.repair(self.where, "Fine", "thousands-separator",
                               "'.' or ',' before groups of three digits separates thousands",
                               match.group("num"), f"{value:g}")
        if value == 0:
            self.report.note(self.where, "Fine", "fine-zero", "a fine of 0 is no fine")
            return None, None, False, None
        if not 0 < value <= min(MAX_AMOUNT, self.tables.largest_fine_eur * _LARGEST_RATE):
            self.report.note(self.where, "Fine", "fine-implausible",
                             f"{text!r} is more than the largest GDPR fine so far; amount left out")
            return None, None, True, f"GDPRhub states the fine as {text!r}."
        code = (match.group("cur") or match.group("pre") or "").strip()
        if code in _SYMBOLS:
            self.report.repair(self.where, "Fine", "currency-symbol", f"{code} is {_SYMBOLS[code]}",
                               code, _SYMBOLS[code])
            code = _SYMBOLS[code]
        code = code.upper()
        if not code:
            if self.tables.in_euro_area(issuer.country, when):
                self.report.repair(self.where, "Fine", "currency-from-euro-area",
                                   f"no currency; {issuer.country} had the euro on {when}", text, f"{value:g} EUR")
                code = "EUR"
            else:
                self.report.note(self.where, "Fine", "currency-missing",
                                 f"{text!r} names no currency and {issuer.country} did not have the euro "
                                 f"on {when or 'an unknown date'}: a fine without amount")
                return None, None, True, f"GDPRhub states the fine as {text!r} (no currency)."
        if code == "EUR" and value > self.tables.largest_fine_eur:
            self.report.note(self.where, "Fine", "fine-implausible",
                             f"{text!r} is more than the largest GDPR fine so far; amount left out")
            return None, None, True, f"GDPRhub states the fine as {text!r}."
        if code not in CURRENCY_CODES:
            self.report.note(self.where, "Fine", "currency-unknown", f"{code!r} is no ISO 4217 currency")
            return None, None, True, f"GDPRhub states the fine as {text!r}."
        allowed = self.tables.fine_currencies(issuer.country, when)
        if allowed is not None and code not in allowed:
            self.report.note(self.where, "Fine", "currency-foreign",
                             f"{text!r}: {code} is neither EUR nor the currency of {issuer.country} "
                             f"({', '.join(sorted(allowed))}); held back for review, not converted")
            return None, None, True, (f"GDPRhub states the fine as {text!r}, in a currency {issuer.name} "
                                      "does not fine in: held back for review.")
        return value, code, True, None

    def citations(self) -> list[Citation]:
        found: list[Citation] = []
        items: list[tuple[str, str, str]] = []
        if isinstance(self.r.articles, str):
            for item in (p.strip() for p in self.r.articles.split(",")):
                match = _ARTICLE.match(item.replace(" ", ""))
                if not item:
                    continue
                if match is None:
                    self.report.note(self.where, "Relevant GDPR articles", "article-unreadable",
                                     f"not a GDPR article: {item!r}")
                    continue
                items.append((match.group(1), match.group(2) or "", match.group(3) or ""))
        else:
            items = list(self.r.articles)
        for number, paragraph, point in items:
            if not number.isdigit() or not 1 <= int(number) <= 99:
                self.report.note(self.where, "Relevant GDPR articles", "article-unreadable",
                                 f"not a GDPR article: {number!r}")
                continue
            citation = Citation("gdpr", number, paragraph or None, point or None)
            if citation not in found:
                found.append(citation)
        return found

    def party(self, text: str) -> Party | None:
        party = classify(text, self.tables)
        if party is None:
            self.report.note(self.where, "Parties", "party-placeholder", f"{text!r} names no party")
        elif party.rule != "named-party":
            self.report.note(self.where, "Parties", party.rule, f"{text!r}: {party.side}")
        return party

    def documents(self) -> list[tuple[str, str]]:
        kept: list[tuple[str, str]] = []
        for url, name in self.r.documents:
            url = url.strip()
            if not _URL.match(url):
                self.report.note(self.where, "sources", "document-url-invalid",
                                 f"not an http(s) URL: {url!r}; left out")
                continue
            if (url, name) not in kept:
                kept.append((url, name.strip()))
        return kept


def clean(record: HubRecord, tables: Tables, report: QualityReport) -> HubDecision | None:
    """The decision (None if held back: the report says why)."""
    return _Cleaner(record, tables, report).clean()

