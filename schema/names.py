"""Name normalisation for matching: case-, accent- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_tokens", "normalize_name"]

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Fold case, strip accents and punctuation, collapse spaces.

    >>> normalize_name("  Clearview AI, Inc. ")
    'clearview ai inc'
    >>> normalize_name("Commission Nationale de l'Informatique et des Libertés")
    'commission nationale de l informatique et des libertes'
    >>> normalize_name("Hoan Ton-That") == normalize_name("hoan ton that")
    True
    """
    if text.isascii():  # NFKD leaves ASCII as it is and it has no combining marks
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_punct = _PUNCT.sub(" ", stripped.casefold()).replace("_", " ")
    return _SPACE.sub(" ", no_punct).strip()


def name_tokens(text: str) -> list[str]:
    """The normalised words of a name."""
    return normalize_name(text).split()
