"""Every key of a name, in one place: ``normalize_name`` (case, accents and punctuation
folded: the search index and exact name matches), ``name_key`` (folded and without legal
forms: linking an article's names to stored ones) and ``party_key`` (FollowTheMoney's
fingerprint without the legal forms of a table, as a slug: the ids of parties named in
the GDPR fines table, and entity resolution's candidates)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from enforcegraph.schema.ids import slugify

__all__ = ["name_key", "name_tokens", "normalize_name", "normalized_names", "party_key"]

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


_LEGAL_FORMS = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|plc|gmbh|ag|sa|sas|sarl|bv|nv|"
    r"spa|srl|ab|oy|as|group|holdings?)\b"
)


def name_key(name: str) -> str:
    """A name without case, accents, punctuation or legal form.

    >>> name_key("Clearview AI, Inc.") == name_key("Clearview AI")
    True
    >>> name_key("The Associated Press")
    'associated press'
    """
    words = _LEGAL_FORMS.sub(" ", normalize_name(name)).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def party_key(name: str, legal_forms: frozenset[str]) -> str:
    """The matching key of a named party: its fingerprint without legal forms.

    >>> forms = frozenset({"sau", "sl", "slu"})
    >>> {party_key(n, forms) for n in ["Vodafone Espana", "Vodafone España", "Vodafone España, S.A.U."]}
    {'vodafone-espana'}
    """
    import fingerprints  # ~90 ms of imports: only loaders and resolution need it

    printed = fingerprints.generate(fingerprints.remove_types(name), keep_order=True) or ""
    tokens = [t for t in printed.split() if t not in legal_forms]
    return slugify(" ".join(tokens) or printed or name)
