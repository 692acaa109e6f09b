"""Name normalisation for matching: case-, accent- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["name_tokens", "normalize_name", "normalized_names"]

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
# ASCII punctuation (all but letters, digits and white space; "_" too) to a space
_ASCII_PUNCT = bytes(
    i if chr(i).isalnum() or chr(i).isspace() else ord(" ") for i in range(128)
) + bytes(range(128, 256))


def normalize_name(text: str) -> str:
    """Fold case, strip accents and punctuation, collapse spaces.

    >>> normalize_name("  Clearview AI, Inc. ")
    'clearview ai inc'
    >>> normalize_name("Commission Nationale de l'Informatique et des Libertés")
    'commission nationale de l informatique et des libertes'
    >>> normalize_name("Hoan Ton-That") == normalize_name("hoan ton that")
    True
    """
    if text.isascii():  # the same folding in C-level passes (most names)
        return " ".join(text.lower().encode().translate(_ASCII_PUNCT).decode().split())
    return _normalize_unicode(text)


def _normalize_unicode(text: str) -> str:
    """:func:`normalize_name` for any text."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_punct = _PUNCT.sub(" ", stripped.casefold()).replace("_", " ")
    return _SPACE.sub(" ", no_punct).strip()


def name_tokens(text: str) -> list[str]:
    """The normalised words of a name."""
    return normalize_name(text).split()


def normalized_names(props: Mapping[str, Any], name_properties: Iterable[str]) -> set[str]:
    """The normalised forms of the name properties' values (strings, or lists of them).

    >>> props = {"name": "Clearview AI, Inc.", "aliases": ["Clearview", 3, "  "]}
    >>> sorted(normalized_names(props, ("name", "aliases", "ref")))
    ['clearview', 'clearview ai inc']
    """
    names: set[str] = set()
    for prop in name_properties:
        value = props.get(prop)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and (norm := normalize_name(item)):
                names.add(norm)
    return names
