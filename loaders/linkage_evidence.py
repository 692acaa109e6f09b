"""Evidence that two decision records are one decision: dates, amounts and case numbers.

Pure functions over plain values (no store). Each answers with a verdict word and the
values it compared, so a link (or a link sent to review) can say why:

- **dates** (:func:`compare_dates`): ``same_day``; ``close`` (full dates at most
  :data:`CLOSE_DAYS` apart: one source's decision date, another's date of signature,
  notification or press release); ``publication`` (one record's date up to :data:`PUBLICATION_DAYS` before
  the other's announced date: a decision made public later); ``period`` (a year-only or
  year-month date and a date inside that period; never outside it); ``unknown`` (one side
  has no date); ``far`` (anything else: a veto).
- **amounts** (:func:`compare_amounts`): ``equal`` when two amounts in one currency differ
  by at most :data:`SAME_CURRENCY_TOLERANCE`, or, in different currencies, when both
  converted at the ECB reference rate of the decision date (graph/analytics/rates.py)
  differ by at most :data:`CONVERTED_TOLERANCE` (the tracker's EUR for a GBP fine is a
  conversion at a rate of its own choosing); ``differ`` when both sides have amounts and
  no pair is equal (a veto, unless the case numbers are equal); ``unknown`` otherwise.
- **case numbers** (:func:`refs_in`, :func:`compare_refs`): references of known schemes
  found in a decision's ``ref`` and in the addresses of the authority's documents it
  cites, normalised (``PS/00331/2018`` and ``ps-00331-2018.pdf`` are ``aepd:ps:331/2018``);
  ``equal`` when the two share the number of a decision (AEPD procedures, CNIL
  deliberations, Legifrance texts, Garante docweb numbers, numbered decisions N/YYYY, the
  DSB's business numbers); ``case`` when they share only a case or file number
  (Datatilsynet, DPC inquiries, IMY, NAIH: one case may hold several decisions); ``conflict`` when both have a
  reference of one scheme and none is shared (a veto); ``unknown`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date

from enforcegraph.graph.analytics.rates import ecb_rates

__all__ = [
    "CLOSE_DAYS",
    "CONVERTED_TOLERANCE",
    "DECISION_SCHEMES",
    "PUBLICATION_DAYS",
    "SAME_CURRENCY_TOLERANCE",
    "Amount",
    "Dates",
    "Evidence",
    "compare_amounts",
    "compare_dates",
    "compare_refs",
    "refs_in",
]

CLOSE_DAYS = 31
PUBLICATION_DAYS = 200
SAME_CURRENCY_TOLERANCE = 0.02
CONVERTED_TOLERANCE = 0.05


@dataclass(frozen=True)
class Evidence:
    """One comparison: its verdict and what was compared, in words."""

    verdict: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.verdict} ({self.detail})" if self.detail else self.verdict


@dataclass(frozen=True)
class Dates:
    """A record's dates: decision dates and announced (publication) dates, ISO, maybe partial."""

    decided: tuple[str, ...] = ()
    announced: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """Every date, decided first."""
        return self.decided + self.announced


@dataclass(frozen=True)
class Amount:
    """A sanction's amount in its currency, with the date it converts at."""

    value: float
    currency: str
    when: str | None = None

    def __str__(self) -> str:
        return f"{self.currency} {self.value:,.0f}"


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if len(value) == 10 else None


def compare_dates(a: Dates, b: Dates) -> Evidence:
    """How the dates of two records agree.

    >>> compare_dates(Dates(("2022-10-17",), ("2022-10-20",)), Dates(("2022-10-17",))).verdict
    'same_day'
    >>> compare_dates(Dates(("2021-09",)), Dates(("2021-08-20",))).verdict
    'far'
    >>> compare_dates(Dates(("2020-12-20",)), Dates((), ("2021-05-12",))).verdict
    'publication'
    """
    if not a.all or not b.all:
        return Evidence("unknown", "a record has no date")
    best: tuple[int, str] | None = None
    for x in a.all:
        for y in b.all:
            dx, dy = _day(x), _day(y)
            if dx is not None and dy is not None:
                gap = abs((dx - dy).days)
                if gap <= CLOSE_DAYS and (best is None or gap < best[0]):
                    best = (gap, f"{x} ~ {y}")
    if best is not None:
        return Evidence("same_day" if best[0] == 0 else "close", f"{best[1]}, {best[0]} day(s)")
    for first, later in ((a, b), (b, a)):
        for x in first.all:
            for y in later.announced:
                dx, dy = _day(x), _day(y)
                if dx is not None and dy is not None and 0 < (dy - dx).days <= PUBLICATION_DAYS:
                    return Evidence("publication", f"{x} decided, announced {y}")
    for x in a.all:
        for y in b.all:
            short, full = (x, y) if len(x) <= len(y) else (y, x)
            if len(short) < 10 and full.startswith(short):
                return Evidence("period", f"{full} in {short}")
    return Evidence("far", f"{', '.join(a.all)} vs {', '.join(b.all)}")


def _in_eur(amount: Amount) -> float | None:
    return ecb_rates().convert(amount.value, amount.currency, amount.when).amount_eur


def _close(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) <= max(1.0, tolerance * max(abs(x), abs(y)))


def compare_amounts(a: Iterable[Amount], b: Iterable[Amount]) -> Evidence:
    """Whether some amount of one record equals some amount of the other.

    >>> gbp = Amount(7552800, "GBP", "2022-05-18")
    >>> compare_amounts([gbp], [Amount(9000000, "EUR", "2022-05-18")]).verdict
    'equal'
    >>> compare_amounts([Amount(20000000, "EUR")], [Amount(5200000, "EUR")]).verdict
    'differ'
    """
    left, right = [x for x in a if x.value > 0], [x for x in b if x.value > 0]
    if not left or not right:
        return Evidence("unknown", "an amount is missing")
    for x in left:
        for y in right:
            if x.currency == y.currency and _close(x.value, y.value, SAME_CURRENCY_TOLERANCE):
                return Evidence("equal", f"{x} ~ {y}")
    for x in left:
        for y in right:
            if x.currency == y.currency:
                continue
            ex, ey = _in_eur(x), _in_eur(y)
            if ex is not None and ey is not None and _close(ex, ey, CONVERTED_TOLERANCE):
                return Evidence("equal", f"{x} ~ {y} (EUR {ex:,.0f} ~ {ey:,.0f} at ECB rates)")
    left_words = ", ".join(str(x) for x in left)
    right_words = ", ".join(str(y) for y in right)
    unconvertible = {x.currency for x in [*left, *right]} - set(ecb_rates().currencies) - {"EUR"}
    if unconvertible and {x.currency for x in left} != {y.currency for y in right}:
        return Evidence("unknown", f"{left_words} vs {right_words}: no ECB rate for "
                                   f"{', '.join(sorted(unconvertible))}")
    return Evidence("differ", f"{left_words} vs {right_words}")


# scheme, pattern (on lower-cased text), normaliser of the match
_SCHEMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # AEPD procedures: PS/00331/2018, ps-00331-2018, PS-000114-2019; TD, E, R, PA, AT, EXP
    ("aepd", re.compile(r"(?<![a-z])(ps|td|pa|at|r|e)[/-](\d{3,6})[/-](20\d\d)(?!\d)")),
    ("aepd-exp", re.compile(r"(?<![a-z])(exp)(20\d{7})(?!\d)")),
    # CNIL deliberations: SAN-2022-019, MED 2021-134, MED-2021-134
    ("cnil", re.compile(r"(?<![a-z])(san|med|mdm)[- ](20\d\d)-(\d{3})(?!\d)")),
    ("legifrance", re.compile(r"(cniltext)(\d{12})")),
    # Garante docweb numbers: docweb/9751362, doc. web n. 9751362
    ("docweb", re.compile(r"doc\.?\s*web(?:/|\s*n\.?\s*|\s+)(\d{6,8})(?!\d)")),
    # Irish DPC inquiries IN-18-5-7; Swedish IMY DI-2020-2719
    ("dpc", re.compile(r"(?<![a-z])(in)-(\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("imy", re.compile(r"(?<![a-z])(di)-(20\d\d)-(\d{1,6})(?!\d)")),
    # Norwegian Datatilsynet case numbers 20/01801 (document suffix -5 dropped)
    ("no-case", re.compile(r"(?<![\d/])(\d{2})/(\d{5})(?![\d/])")),
    # Hungarian NAIH: NAIH-5802-9/2022
    ("naih", re.compile(r"naih[-/ ]?(\d{2,6})(?:-\d+)?/(20\d\d)")),
    # Austrian DSB: 2022-0.277.156
    ("dsb", re.compile(r"(?<!\d)(20\d\d)-(0\.\d{3}\.\d{3})(?!\d)")),
    # decision numbers N/YYYY of one authority (HDPA 35/2022)
    ("number", re.compile(r"(?<![\d/.-])(\d{1,3})/(20\d\d)(?![\d/])")),
)
# schemes whose numbers name one decision (the rest name a case or a file)
DECISION_SCHEMES = frozenset({"aepd", "cnil", "legifrance", "docweb", "number", "dsb"})
_BARE_DOCWEB = re.compile(r"\A\s*(\d{7,8})\s*\Z")


def _normal(scheme: str, g: tuple[str, ...]) -> str:
    """A match as ``scheme:value`` (AEPD and CNIL keep their procedure type as a sub-scheme)."""
    if scheme == "aepd":
        return f"aepd:{g[0]}:{int(g[1])}/{g[2]}"
    if scheme == "aepd-exp":
        return f"aepd:exp:{g[1]}"
    if scheme == "cnil":
        return f"cnil:{g[0]}:{g[1]}-{g[2]}"
    if scheme == "dpc":
        return f"dpc:{int(g[1])}-{int(g[2])}-{int(g[3])}"
    if scheme == "imy":
        return f"imy:{g[1]}-{int(g[2])}"
    if scheme == "no-case":
        return f"no-case:{g[0]}/{int(g[1])}"
    if scheme in ("naih", "number"):
        return f"{scheme}:{int(g[0])}/{g[1]}"
    if scheme == "dsb":
        return f"dsb:{g[0]}-{g[1]}"
    return f"{scheme}:{g[-1]}"  # legifrance, docweb


def refs_in(texts: Iterable[str]) -> set[str]:
    """The normalised references found in ``texts`` (a ref, a title, document addresses).

    >>> sorted(refs_in(["PS/00331/2018", "https://www.aepd.es/resoluciones/PS-00331-2018_ORI.pdf"]))
    ['aepd:ps:331/2018']
    >>> sorted(refs_in(["Délibération SAN-2022-019 du 17 octobre 2022"]))
    ['cnil:san:2022-019']
    >>> sorted(refs_in(["9751362", "Ordinanza n. 50 [doc. web n. 9751362]"]))
    ['docweb:9751362']
    >>> sorted(refs_in(["Decision 35/2022", "20/01801-5"]))
    ['no-case:20/1801', 'number:35/2022']
    """
    found: set[str] = set()
    for text in texts:
        low = text.lower()
        bare = _BARE_DOCWEB.match(low)
        if bare:
            found.add(f"docweb:{bare.group(1)}")
            continue
        for scheme, pattern in _SCHEMES:
            found.update(_normal(scheme, m.groups()) for m in pattern.finditer(low))
    return found


def _scheme(ref: str) -> str:
    head, _, rest = ref.partition(":")
    return f"{head}:{rest.split(':', 1)[0]}" if head in ("aepd", "cnil") else head


def compare_refs(a: AbstractSet[str], b: AbstractSet[str]) -> Evidence:
    """Whether two records' references agree: ``conflict`` when a scheme both have shares
    no value; ``equal`` when they share a reference of a decision (:data:`DECISION_SCHEMES`);
    ``case`` when they share only a case or file number (one case may hold an advance
    notice and a final decision: Datatilsynet's 20/02136); else ``unknown``.

    >>> compare_refs({"aepd:ps:331/2018"}, {"aepd:ps:331/2018", "legifrance:1"}).verdict
    'equal'
    >>> compare_refs({"aepd:ps:191/2021"}, {"aepd:ps:193/2021"}).verdict
    'conflict'
    >>> compare_refs({"aepd:ps:30/2021"}, {"aepd:r:389/2021"}).verdict
    'unknown'
    >>> compare_refs({"no-case:20/2136"}, {"no-case:20/2136"}).verdict
    'case'
    """
    mine, theirs = {_scheme(r) for r in a}, {_scheme(r) for r in b}
    apart = sorted(s for s in mine & theirs
                   if not {r for r in a if _scheme(r) == s} & {r for r in b if _scheme(r) == s})
    if apart:
        left = ", ".join(sorted(r for r in a if _scheme(r) in apart))
        right = ", ".join(sorted(r for r in b if _scheme(r) in apart))
        return Evidence("conflict", f"{left} vs {right}")
    shared = sorted(a & b)
    if any(r.partition(":")[0] in DECISION_SCHEMES for r in shared):
        return Evidence("equal", ", ".join(shared))
    if shared:
        return Evidence("case", ", ".join(shared))
    return Evidence("unknown", "no reference of one scheme on both")
