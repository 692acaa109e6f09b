"""Natural persons a collection names as a party ("Mr Panah Farhadbahman", "sig. Stefano
Molena", "Herr X"): rule ``person-named`` makes a titled name a Person, rule
``person-anonymised`` makes a titled name whose rest is anonymised ("Mr. Y.L.", "Dr.
Ludwig A***", "Madame X1 and Monsieur X2") an anonymous party. The titles are data
(``person_titles``, ``anonymised_titles`` in loaders/data/gdpr_fines.yaml); a name with a
legal form is a firm's ("Dr Marín Cirugía Plástica, S.L.P.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enforcegraph.loaders.firmnames import form_and_stem
from enforcegraph.loaders.gdprfines_tables import load_tables
from enforcegraph.schema.ids import slugify
from enforcegraph.schema.names import normalize_name

__all__ = ["TitledPerson", "person_id", "titled_person"]

_PIECES = re.compile(r"\s+(?:and|et|und|e|y|&)\s+|\s*,\s*", re.IGNORECASE)
# a token that names nobody: an initial ("Y.", "A"), initials run together ("Y.L."), a
# letter and digits ("X1"), a letter starred or dotted out ("A***", "B...", "A...-C...")
_ANONYMISED = re.compile(r"^(?:[A-Z](?:\d{1,2}|\*+|\.{2,}|…)?\.?(?:-[A-Z](?:\*+|\.{2,}|…)?\.?)*"
                         r"|(?:[A-Z]\.){1,4}[A-Z]?|[A-Z]{2,3})$")


@dataclass(frozen=True)
class TitledPerson:
    """A party that is a natural person: the name without its title, and whether that
    name is anonymised."""

    name: str
    anonymised: bool


def _title(text: str, titles: tuple[str, ...]) -> str | None:
    """``text`` without a leading title of ``titles`` (any case, then a space); None if none."""
    low = text.lower()
    for title in sorted(titles, key=len, reverse=True):
        if low.startswith(title.lower() + " ") or (title.endswith(".") and low.startswith(title.lower())
                                                   and len(text) > len(title) and text[len(title)] != " "
                                                   and text[len(title)].isupper()):
            return text[len(title):].strip()
    return None


def _anonymised(rest: str) -> bool:
    """Initials only, or a part starred or dotted out ("Ludwig A***")."""
    tokens = [t for t in re.split(r"\s+", re.sub(r"\([^()]*\)", " ", rest)) if t]
    hidden = any("*" in t or ".." in t or "…" in t for t in tokens)
    return bool(tokens) and (hidden or all(_ANONYMISED.match(t) for t in tokens))


def titled_person(name: str) -> TitledPerson | None:
    """The person a party's name is, by its title; None: not a titled name (or a firm's).

    >>> titled_person("Mr Panah Farhadbahman"), titled_person("sig. Stefano Molena")
    (TitledPerson(name='Panah Farhadbahman', anonymised=False), TitledPerson(name='Stefano Molena', anonymised=False))
    >>> [titled_person(n).anonymised for n in ("Mr. Y.L.", "Dr. Ludwig A***", "Madame X1 and Monsieur X2",
    ...                                        "M. B... A...-C...")]
    [True, True, True, True]
    >>> [titled_person(n) for n in ("Dr. Oetker", "Dr Marín Cirugia Plástica, S.L.P.", "SR Technics", "Mrs")]
    [None, None, None, None]
    """
    tables = load_tables()
    text = " ".join(name.split())
    if form_and_stem(text)[0]:
        return None
    pieces = [p for p in _PIECES.split(text) if p.strip()]
    rests: list[str] = []
    anonymised = True
    for index, piece in enumerate(pieces):
        rest = _title(piece, tables.person_titles)
        if rest is None:
            doctor = _title(piece, tables.anonymised_titles)
            if doctor is not None and _anonymised(doctor):
                rests.append(doctor)
                continue
            if index == 0 or not _anonymised(piece):
                return None
            rest = piece
        if not rest:
            return None
        rests.append(rest)
        anonymised = anonymised and _anonymised(rest)
    if not rests:
        return None
    if len(rests) > 1 and not anonymised:
        return None  # several named people in one name: not one person
    return TitledPerson(rests[0] if len(rests) == 1 else text, anonymised)


def person_id(person: TitledPerson) -> str:
    """The id of a named person: ``person:`` and the slug of the name without its title.

    >>> person_id(TitledPerson("Stefano Molena", False))
    'person:stefano-molena'
    """
    return f"person:{slugify(normalize_name(person.name))}"
