"""Sentences whose fine is on a party the sentence leaves unnamed ("a bank based in Zagreb",
"jednoj banci", "une entreprise"): such a fine never takes the story's salient firm."""

from __future__ import annotations

import re

__all__ = ["ANONYMOUS", "not_the_story_firms"]

ANONYMOUS = re.compile(
    r"(?i)\b(?:a|an|one|another|jednoj|jednom|jedna|une?|einer|einem|eine|una|un['’]|een|jedn[aąeę])\s+"
    r"(?:[\w\-]+\s+)?(?:bank|banci|banka|banque|banca|banco|company|firm|business|retailer|hospital|tvrtk[ai]|"
    r"društvu|société|entreprise|Unternehmen|Firma|azienda|società|empresa|bedrijf|onderneming|selskab|företag|"
    r"selskap|spółk[aęi]|firm[aęi])\b")


def not_the_story_firms(sentence: str) -> bool:
    """Whether a sentence's fine, with no firm of its own, is on an unnamed party.

    >>> not_the_story_firms("u visini od 95 tisuća eura, jednoj banci"), not_the_story_firms("It was fined.")
    (True, False)
    """
    return bool(ANONYMOUS.search(sentence))
