"""Firms, PR agencies and people with their roles; names that are only mentioned kept apart."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from enforcegraph.loaders.extract.aliases import merge_acronyms
from enforcegraph.loaders.extract.firm_names import not_a_firm, tidy_name
from enforcegraph.loaders.extract.gazetteer import country_words, gazetteer
from enforcegraph.loaders.extract.joined import joined_firms, split_pairs
from enforcegraph.loaders.extract.names import (
    DESCRIPTOR_WORD,
    LEGAL_FORM,
    NAME,
    PERSON,
    ROLE,
    STOP_WORDS,
    canonical_role,
    clean_name,
    is_regulator_role,
    name_with_apostrophe,
)
from enforcegraph.loaders.extract.persons import employers
from enforcegraph.loaders.extract.places import is_country
from enforcegraph.loaders.extract.products import PRODUCT_OF
from enforcegraph.loaders.extract.roles import AMPERSAND, firm_patterns
from enforcegraph.loaders.extract.short_forms import expand, merge_short_forms
from enforcegraph.schema.names import normalize_name

__all__ = ["Found", "PartyFinder", "Relation"]

_POSS = r"['’]s"
_AGENCY = (r"(?:(?P<kind>PR|public\s+relations|communications|press|media|law|legal)\s+"
           r"(?:agency|firm|consultancy|advisers|advisors|representatives?))")
# The addressee of a decision: "Aan: X", "gericht aan X", "addressed to X", "Adressat: X".
_ADDRESSEE = re.compile(r"(?:(?m:^)(?:Aan|To|An|Adressat|Destinataire|Destinatario)\s*:\s*|\b(?:gericht\s+aan|addressed\s+to|"
                        r"gerichtet\s+an|adressée?\s+à|indirizzat[oa]\s+a)\s+)(?:de\s+|the\s+|die\s+|den\s+|la\s+|le\s+)?$")
_LIST_INTRO = re.compile(r"(?:\blike|\bsuch\s+as|\bincluding|\bunlike|\bcompared\s+(?:to|with)|\bversus|\bvs\.)\s+$")
_NAME_LIST = re.compile(rf"(?P<first>{NAME})(?P<rest>(?:\s*,\s*{NAME})*(?:,?\s+(?:and|or)\s+{NAME})?)")
# Words between a sanction verb and its target: lower-case words and descriptors
# ("fined the Chinese-owned video app TikTok", "sanctionné la société CRITEO").
_NATIONALITY = (r"(?:American|Chinese|Russian|Japanese|Korean|Canadian|Australian|Swiss|British|"
                r"Israeli|Indian|Singaporean|US|U\.S\.|UK|EU)")


@dataclass
class Found:
    """A firm or person found in text, under its fullest name."""

    kind: str                      # company | person | mention
    name: str
    rule: str
    confidence: float
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    office: str | None = None      # a person's office
    office_of: str | None = None   # the firm (name) or regulator (id) of that office
    why: str | None = None         # for mentions: why it is not a party


@dataclass(frozen=True)
class Relation:
    """A relationship between two found names."""

    type: str
    start_name: str
    end_name: str
    role: str
    span: tuple[int, int]
    confidence: float
    rule: str


def _group_span(match: re.Match[str], group: str) -> tuple[int, int]:
    return match.start(group), match.end(group)


class PartyFinder:
    """Runs the party rules over one text.

    ``blocked`` are spans already taken by regulators, laws and citations.
    ``known`` are names of firms and people already in the store.
    """

    def __init__(self, text: str, blocked: Iterable[tuple[int, int]],
                 known: Iterable[tuple[str, str]] = (), regulator_spans: dict[tuple[int, int], str] | None = None) -> None:
        self.text = text
        self.blocked = sorted(blocked)
        self.known = list(known)
        self.regulator_spans = regulator_spans or {}
        self.found: dict[str, Found] = {}
        self.relations: list[Relation] = []
        self.mention_spans: list[tuple[int, int]] = []
        self.country_words = {w for ws in country_words().values() for w in ws}
        ids = set(self.regulator_spans.values())  # the acronyms of the text's regulators ("de AP Menzis")
        self.acronyms = {e.acronym for e in gazetteer() if e.id in ids and e.acronym}
        adjectives = "|".join(sorted((re.escape(w) for w in self.country_words), key=len, reverse=True))
        describe = rf"(?:{DESCRIPTOR_WORD}|{_NATIONALITY}|{adjectives})"
        # Words between a sanction verb and its target: lower-case words and descriptors
        # ("fined the Chinese-owned video app TikTok", "sanctionné la société CRITEO").
        # A nationality right before a capitalised word is part of the name ("fined British Airways");
        # before a lower-case word it describes ("fined the Chinese video app TikTok").
        # A country's possessive describes too ("fined Bulgaria's DSK Bank").
        self.skip = (rf"(?:(?:[a-zà-ÿ][\w\-’']*|{describe}|(?:{adjectives})['’]s)\s+){{0,5}}?(?!{DESCRIPTOR_WORD}\s)"
                     rf"(?!{describe}\s+[a-zà-ÿ])(?!{describe}\s+{describe}\s)")

    # -- bookkeeping ---------------------------------------------------------------
    def unblocked(self, span: tuple[int, int]) -> bool:
        """No regulator, law or citation is named at ``span``."""
        return not any(a < span[1] and span[0] < b for a, b in self.blocked)

    def is_free(self, span: tuple[int, int]) -> bool:
        """No regulator, law, citation or mention is named at ``span``."""
        return self.unblocked(span) and not any(a < span[1] and span[0] < b for a, b in self.mention_spans)

    def add(self, kind: str, raw: str, span: tuple[int, int], rule: str, confidence: float,
            why: str | None = None) -> Found | None:
        """Record a name at a span (strips leading articles, skips blocked spans)."""
        cut = min((a for a, b in self.blocked if span[0] < a < span[1]), default=None)
        if cut is not None:  # "Google von Frankreichs Datenschutzbehörde": the name ends before the regulator
            raw = re.sub(r"[\s,]+(?:(?:of|for|and|&|de|du|des|la|le|van|von|der|den|di|da)\s*)?$", "",
                         raw[: cut - span[0]])
            span = (span[0], span[0] + len(raw))
            if re.fullmatch(r"(?i)\s*(?:la|le|les|l['’]|il|lo|el|los|las|de|het|der|die|das|den|the)\s*", raw):
                return None  # "La CNIL": only the regulator's article is left
        name = tidy_name(raw, kind, rule)
        if name is None or not self.unblocked(span):
            return None
        if kind == "company" and len(words := name.split()) > 1 and words[0] in self.acronyms:
            name = " ".join(words[1:])  # "legde de AP Menzis een boete op": the regulator's acronym, then the firm
        at = raw.find(name)  # "CEO CEO The Inc.": the name where it is written whole, not its first word's first match
        first = span[0] + (at if at >= 0 else raw.find(name.split()[0]))
        if kind == "company" and not_a_firm(self.text, name, first, span[0] + len(raw), self.regulator_spans):
            return None
        start = first
        span = (start, start + len(name))
        key = normalize_name(name)
        entry = self.found.get(key)
        if entry is None:
            entry = Found(kind, name, rule, confidence, why=why)
            self.found[key] = entry
        elif kind != "mention" and entry.rule != "product-of-maker" and (entry.kind == "mention" or (
                confidence > entry.confidence and entry.kind == kind)):
            entry.kind, entry.rule, entry.confidence, entry.why = kind, rule, confidence, None
            entry.name = name if len(name) >= len(entry.name) else entry.name
        if span not in entry.spans:
            entry.spans.append(span)
        return entry

    def regulator_at(self, span: tuple[int, int]) -> str | None:
        """The regulator id whose mention overlaps ``span``."""
        for (a, b), reg in self.regulator_spans.items():
            if a < span[1] and span[0] < b:
                return reg
        return None

    # -- rules -----------------------------------------------------------------------
    def run(self, publisher: str | None, author: str | None) -> None:
        """Every rule, in order of reliability; mentions first so they are never parties."""
        self.comparison_lists()
        self.bylines(publisher, author)
        self.agencies()
        self.employers()
        self.firms()
        self.known_names()
        self.officers()
        merge_short_forms(self)
        expand(self)
        merge_acronyms(self)

    def comparison_lists(self) -> None:
        """Names in a comparison ("like Google, Bing or DuckDuckGo") are only mentioned."""
        for match in _NAME_LIST.finditer(self.text):
            if not _LIST_INTRO.search(self.text[max(0, match.start() - 25) : match.start()]):
                continue
            for item in re.finditer(NAME, match.group(0)):
                span = (match.start() + item.start(), match.start() + item.end())
                if self.add("mention", item.group(0), span, "comparison", 0.8, "named in a comparison"):
                    self.mention_spans.append(span)

    def bylines(self, publisher: str | None, author: str | None) -> None:
        """The publisher and the author: from the options, and from bylines in the text."""
        names = [(publisher, "publisher"), (author, "author")]
        for match in re.finditer(rf"\bby\s+(?P<author>{PERSON})\s+(?:originally\s+)?(?:published|for)\b", self.text):
            names.append((match.group("author"), "author"))
        for match in re.finditer(rf"\b(?:originally\s+)?published\s+(?:on|in|by)\s+(?P<pub>{NAME})", self.text):
            names.append((match.group("pub"), "publisher"))
        # A dateline: "PARIS (Reuters) -", "HAMBURG (dpa-AFX) -"
        for match in re.finditer(r"(?m)^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý\-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý\-]+)*)\s*"
                                 r"\((?P<agency>[^()\n]{2,30})\)\s*[-–—]", self.text):
            names += [(match.group("place"), "dateline"), (match.group("agency"), "news agency")]
        for name, why in names:
            if not name:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text):
                span = (match.start(), match.end())
                if self.add("mention", name, span, "byline", 0.9, f"the article's {why}"):
                    self.mention_spans.append(span)

    def employers(self) -> None:
        """A private person's employer in apposition ("Juan Pérez, administrador de X S.L.") is only
        mentioned there: the person's sanction is not the firm's."""
        for span in employers(self.text):
            if self.add("mention", self.text[span[0] : span[1]], span, "employer", 0.8, "a sanctioned person's employer"):
                self.mention_spans.append(span)

    def agencies(self) -> None:
        """PR agencies and counsel: "Clearview's PR agency, LakPR Group"."""
        patterns = [
            rf"(?P<owner>{NAME}){_POSS}\s+{_AGENCY}\s*,?\s+(?P<agency>{NAME})",
            rf"(?P<agency>{NAME}),\s+(?P<owner>{NAME}){_POSS}\s+{_AGENCY}",
            rf"(?P<agency>{NAME}),\s+(?:the\s+|a\s+)?{_AGENCY}\s+(?:for|of|representing)\s+(?P<owner>{NAME})",
            rf"{_AGENCY}\s+(?P<agency>{NAME}),?\s+which\s+(?:represents|advises|acts\s+for)\s+(?P<owner>{NAME})",
        ]
        for pattern in patterns:
            for match in re.finditer(pattern, self.text):
                legal = match.group("kind").lower() in ("law", "legal")
                owner = self.add("company", match.group("owner"), _group_span(match, "owner"), "possessive", 0.85)
                agency = self.add("company", match.group("agency"), _group_span(match, "agency"), "agency-apposition", 0.85)
                if owner is None or agency is None or owner is agency:
                    continue
                agency.roles.add("law_firm" if legal else "pr_agency")
                self.relations.append(Relation("REPRESENTED_BY", owner.name, agency.name,
                                               "counsel" if legal else "pr",
                                               (match.start(), match.end()), 0.85, "agency-apposition"))

    def officers(self) -> None:
        """People with offices: "Clearview's CEO, Hoan Ton-That", "CEO Hoan Ton-That"."""
        patterns = [
            (rf"(?P<owner>{NAME}){_POSS}\s+(?P<role>(?i:{ROLE}))\s*,?\s+(?P<person>{PERSON})", 0.85),
            (rf"(?P<person>{PERSON}),\s+(?:the\s+|a\s+)?(?P<owner>{NAME}){_POSS}\s+(?P<role>(?i:{ROLE}))", 0.85),
            (rf"(?P<person>{PERSON}),\s+(?:the\s+|a\s+)?(?P<role>(?i:{ROLE}))\s+(?:of|at)\s+(?:the\s+)?"
             rf"(?:(?:law|PR)\s+(?:firm|agency)\s+)?(?P<owner>{NAME})", 0.85),
            (rf"(?P<owner>{NAME})\s+(?P<role>(?i:{ROLE}))\s*,?\s+(?P<person>{PERSON})", 0.75),
            (rf"(?<![\w’'])(?P<role>(?i:{ROLE}))\s*,?\s+(?P<person>{PERSON})", 0.6),
        ]
        for pattern, confidence in patterns:
            for match in re.finditer(pattern, self.text):
                person_span = _group_span(match, "person")
                if any(a <= person_span[0] < b for f in self.found.values() for a, b in f.spans
                       if f.kind == "person" and f.office):
                    continue
                role = canonical_role(match.group("role"))
                owner_span = _group_span(match, "owner") if "owner" in match.groupdict() and match.group("owner") else None
                person = self.add("person", match.group("person"), person_span, "office", confidence)
                if person is None:
                    continue
                person.office = person.office or role
                if owner_span is not None:
                    regulator = self.regulator_at(owner_span)
                    if regulator:
                        person.office_of = person.office_of or regulator
                        continue
                    if is_regulator_role(role) or not self.is_free(owner_span):
                        continue
                    owner = self.add("company", match.group("owner"), owner_span, "possessive", 0.8)
                    if owner is not None:
                        person.office_of = person.office_of or owner.name
                elif is_regulator_role(role):
                    regulator = self._nearest_regulator(match.start())
                    if regulator:
                        person.office_of = person.office_of or regulator

    def _nearest_regulator(self, position: int) -> str | None:
        before = [(b, reg) for (a, b), reg in self.regulator_spans.items() if b <= position and position - b < 80]
        return max(before)[1] if before else None

    def firms(self) -> None:
        """Firms by legal form, by descriptor ("facial recognition firm X") or by apposition."""
        self.products()
        patterns = firm_patterns(self.skip)
        for pattern, rule, confidence in patterns:
            for match in re.finditer(pattern, self.text, re.MULTILINE):
                span = _group_span(match, "name")
                span = (span[0], name_with_apostrophe(self.text, *span))  # "à McDonald's France"
                if any(a < span[1] and span[0] < b for a, b in self.mention_spans):
                    continue
                if self.country_only(self.text[span[0] : span[1]], span):
                    continue
                for part in self._entities(self.text[span[0] : span[1]], span[0]):
                    self.add("company", self.text[part[0] : part[1]], part, rule, confidence)
        split_pairs(self)
        joined_firms(self)
        if not any(f.kind == "company" for f in self.found.values()):
            for match in AMPERSAND.finditer(self.text):
                start, end = _group_span(match, "name")
                more = re.match(r"(?:[^\S\n]+[A-Z][a-z]+)+", self.text[end : end + 60])
                words = more.group(0).split() if more else []
                while words and (words[-1].lower() in STOP_WORDS or self.text.count(
                        " ".join([match.group("name"), *words])) < 2):
                    words.pop()  # "H&L Business Consulting", written so twice: its full name
                name = " ".join([match.group("name"), *words])
                self.add("company", name, (start, start + len(name)), "ampersand", 0.7)

    @staticmethod
    def _entities(name: str, start: int) -> list[tuple[int, int]]:
        """Two legal entities joined by "and" are two firms ("Google LLC and Google Ireland
        Limited"), split after the first one's legal form (or before the second one's, in the Baltic
        order: "AS X and SIA Y")."""
        spans, begin = [], 0
        for joint in re.finditer(rf"\b{LEGAL_FORM}\.?(?P<joint>,?\s+(?:and|und|et|e|y|en|och|og|oraz|&)\s+)(?=[A-Z])(?!Co\b|{LEGAL_FORM}\b)|"
                                 r"(?<=\w)(?P<before>,?\s+(?:and|und|et|e|y|en|och|og|oraz|&)\s+)(?=(?:AS|SIA|UAB|OÜ)\s+[A-ZÀ-Þ])",
                                 name):
            group = "joint" if joint.group("joint") else "before"
            spans.append((start + begin, start + joint.start(group)))
            begin = joint.end(group)
        return [*spans, (start + begin, start + len(name))]

    def country_only(self, name: str, span: tuple[int, int]) -> bool:
        """A country's adjective with a regulator's name ("Irish DPC"), not a firm that
        begins with one ("British Airways")."""
        words = (clean_name(name) or name).split()  # "The Irish DPC": the article is no part of it
        if re.fullmatch(r"EUR|USD|GBP|SEK|NOK|DKK|CHF|PLN|CAD|AUD|TRY|BRL|HRK|CZK|HUF|RON|KRW|JPY", name):
            return True  # a currency code, no firm
        if len(words) == 1 and is_country(words[0]):
            return True
        return words[0] in self.country_words and (len(words) == 1 or not self.unblocked(span) or all(
            w in self.country_words or re.fullmatch(rf"{LEGAL_FORM}\.?|[A-Z]{{2,5}}", w) for w in words[1:]))

    def products(self) -> None:
        """A product named with its maker ("ChatGPT maker OpenAI") is only mentioned: the
        maker is the firm, and decisions against the product go against the maker."""
        for pattern in PRODUCT_OF:
            for match in re.finditer(pattern, self.text):
                span = _group_span(match, "product")
                if self.country_only(match.group("product"), span):
                    continue  # "the Norwegian website": a country's adjective, no product
                maker = None
                if "firm" in match.groupdict() and match.group("firm"):
                    maker = self.add("company", match.group("firm"), _group_span(match, "firm"), "product-maker", 0.85)
                # a product whose maker is named stays a product wherever else it is named ("fined Instagram")
                rule = "product-of-maker" if maker is not None else "product"
                if self.add("mention", match.group("product"), span, rule, 0.85, "a product, not a firm"):
                    self.mention_spans.append(span)

    def known_names(self) -> None:
        """Names of firms and people already in the store."""
        for label, name in self.known:
            if len(name) < 3 or not name[0].isupper():
                continue
            kind = "person" if label == "Person" else "company"
            for match in re.finditer(rf"(?<![\w&]){re.escape(name)}(?![\w&])", self.text):
                span = (match.start(), match.end())
                if any(a < span[1] and span[0] < b for a, b in self.mention_spans):
                    continue
                self.add(kind, name, span, "store-name", 0.8)

    def salient_firm(self) -> Found | None:
        """The firm the text is most about: the addressee of a decision ("Aan: X", "gericht
        aan X", "addressed to X"), else the most often named firm that is no agency."""
        firms = [f for f in self.found.values() if f.kind == "company" and not f.roles]
        addressed = [f for f in firms if any(_ADDRESSEE.search(self.text, max(0, a - 30), a) for a, _ in f.spans)]
        if len(addressed) == 1:
            return addressed[0]
        return max(firms, key=lambda f: (len(f.spans), -min(f.spans)[0]), default=None)

    def attach_offices(self, sentences: list[tuple[int, int]]) -> None:
        """A bare office ("CEO Hoan Ton-That") belongs to the firm its sentence is about."""
        for person in self.found.values():
            if person.kind != "person" or person.office_of or not person.office:
                continue
            if is_regulator_role(person.office):
                continue
            first = min(person.spans)[0]
            bounds = next(((a, b) for a, b in sentences if a <= first < b), (first, first))
            owners = [f for f in self.found.values() if f.kind == "company" and not f.roles
                      and any(bounds[0] <= a < bounds[1] for a, _ in f.spans)]
            owner = owners[0] if len(owners) == 1 else self.salient_firm()
            if owner is not None:
                person.office_of = owner.name

    def owner_of(self, short: str) -> Found | None:
        """The found firm or person a name (or short form) refers to."""
        key = normalize_name(clean_name(short) or short)
        if key in self.found:
            return self.found[key]
        for entry in self.found.values():
            words = normalize_name(entry.name).split()
            if entry.kind == "company" and words[:1] == key.split():
                return entry
            if entry.kind == "person" and len(words) > 1 and words[-1:] == key.split():
                return entry
        return None
