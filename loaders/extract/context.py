"""Everything the rules found in one article, shared by the rules that combine them."""

from __future__ import annotations

from dataclasses import dataclass

from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.gazetteer import RegulatorMatch
from enforcegraph.loaders.extract.legal import LawMatch
from enforcegraph.loaders.extract.money import Money
from enforcegraph.loaders.extract.parties import Found, PartyFinder
from enforcegraph.loaders.extract.percentages import Percentage
from enforcegraph.loaders.extract.text import Sentence
from enforcegraph.schema.citations import CitationMatch

__all__ = ["Context"]


@dataclass
class Context:
    """The article and the first-pass findings."""

    article: Article
    sentences: list[Sentence]
    regulators: list[RegulatorMatch]
    laws: list[LawMatch]
    citations: list[CitationMatch]
    money: list[Money]
    percentages: list[Percentage]
    parties: PartyFinder

    @property
    def text(self) -> str:
        """The article text."""
        return self.article.text

    def sentence_index(self, position: int) -> int:
        """The index of the sentence that holds a position."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= position < sentence.end + 1:
                return index
        return len(self.sentences) - 1

    def regulators_in(self, start: int, end: int) -> list[RegulatorMatch]:
        """Regulator mentions inside a range."""
        return [m for m in self.regulators if start <= m.start < end]

    def firms_in(self, start: int, end: int) -> list[tuple[int, Found]]:
        """Firms (not agencies) named inside a range, with where, in order."""
        hits = [
            (a, found) for found in self.parties.found.values()
            if found.kind == "company" and not found.roles
            for a, _ in found.spans if start <= a < end
        ]
        return sorted(hits, key=lambda hit: hit[0])

    def money_in(self, start: int, end: int) -> list[Money]:
        """Amounts inside a range."""
        return [m for m in self.money if start <= m.start < end]
