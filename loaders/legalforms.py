"""Legal forms in firm names, from the ISO 20275 Entity Legal Forms list (GLEIF).

``loaders/data/legal_forms.csv`` holds the active ELF codes with their abbreviations
(source, version and licence in its header) and a few forms the list lacks, each with
the law that makes it. A name's legal form is the longest run of its last words that is
an abbreviation of the list, compared without case and spaces but with its dots: "B.V."
is written so in the Netherlands and Aruba, "BV" also in Belgium and Sint Maarten. What
the list says is kept whole: a form of several jurisdictions gives them all.

>>> forms = legal_forms()
>>> forms.candidates("Vodafone España, S.A.U.")
('S.A.U.', ('AR', 'ES'))
>>> forms.candidates("Example GmbH")
('GmbH', ('AT', 'BE', 'CH', 'DE', 'LI'))
>>> forms.candidates("Przykład sp. z o.o.")
('sp. z o.o.', ('PL',))
>>> forms.candidates("Locatefamily.com") is None
True
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ELF_SOURCE_URL", "LegalForms", "form_key", "legal_forms", "loose_key"]

ELF_SOURCE_URL = "https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list"
_MAX_WORDS = 5  # "UG (haftungsbeschränkt) & Co. KG" is the longest form worth trying
_SPLIT = re.compile(r"[\s,]+")


def form_key(text: str) -> str:
    """How forms are compared: lower case, no spaces, dots and other marks kept.

    >>> form_key("Sp. z o.o."), form_key("B.V."), form_key("BV")
    ('sp.zo.o.', 'b.v.', 'bv')
    """
    return "".join(text.lower().split())


def loose_key(text: str) -> str:
    """A form without case, spaces or dots: every spelling of it.

    >>> loose_key("Sp. z o.o."), loose_key("B.V.")
    ('spzoo', 'bv')
    """
    return form_key(text).replace(".", "")


@dataclass(frozen=True)
class LegalForms:
    """Abbreviation key -> the countries whose legal forms it abbreviates (``countries``;
    ``loose``: by :func:`loose_key`, every spelling together), and the sources (``elf`` or
    a law's URL) of each (key, country)."""

    countries: dict[str, frozenset[str]]
    loose: dict[str, frozenset[str]]
    sources: dict[tuple[str, str], frozenset[str]]

    def candidates(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """The legal form ending ``name`` (as written there) and its countries, sorted.

        The longest form wins; when one is longer only without its dots ("Sp. z.o.o." is
        Polish "sp. z o.o.", not Slovenian "z.o.o."), every spelling of it counts.

        >>> legal_forms().candidates("Example Sp. z.o.o.")
        ('Sp. z.o.o.', ('PL',))
        """
        words = [w for w in _SPLIT.split(name.strip()) if w]
        exact = self._longest(words, self.countries, form_key)
        loose = self._longest(words, self.loose, loose_key)
        best = loose if loose and (not exact or len(loose[0]) > len(exact[0])) else exact
        return (" ".join(best[0]), tuple(sorted(best[1]))) if best else None

    @staticmethod
    def _longest(words: list[str], index: dict[str, frozenset[str]],
                 key: Callable[[str], str]) -> tuple[list[str], frozenset[str]] | None:
        for size in range(min(_MAX_WORDS, len(words) - 1), 0, -1):
            tail = words[-size:]
            found = index.get(key("".join(tail)))
            if found:
                return tail, found
        return None


    def sources_of(self, form: str, country: str) -> frozenset[str]:
        """Where (form, country) comes from: ``elf``, or the URL of a law."""
        return self.sources.get((form_key(form), country), frozenset())


@cache
def legal_forms() -> LegalForms:
    """The bundled list, read once."""
    text = resources.files("enforcegraph.loaders").joinpath("data/legal_forms.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    countries: dict[str, set[str]] = defaultdict(set)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = form_key(row["abbreviation"])
        countries[key].add(row["country"])
        sources[(key, row["country"])].add(row["source"])
    loose: dict[str, set[str]] = defaultdict(set)
    for key, found in countries.items():
        loose[key.replace(".", "")] |= found
    return LegalForms({k: frozenset(v) for k, v in countries.items()},
                      {k: frozenset(v) for k, v in loose.items()},
                      {k: frozenset(v) for k, v in sources.items()})
