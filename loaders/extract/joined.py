"""Firms named together ("FREE MOBILE et FREE", "à Google et Shein"): each is a firm of its
own, never one name's short form."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from enforcegraph.loaders.extract.names import LEGAL_FORM, clean_name

if TYPE_CHECKING:
    from enforcegraph.loaders.extract.parties import PartyFinder

__all__ = ["JOINT", "joined", "joined_firms", "split_pairs"]

JOINT = r",?\s+(?:and|und|et|e|y|en|och|og|oraz|ve|as\s+well\s+as)\s+(?:(?:the|la|le|die|de)\s+)?"
_END = r"(?![\w&\-]|\s+[A-Z])"
_TOKEN = r"[A-Z][\w\-&]*[A-Za-z]"
_PAIR = re.compile(r"^(?P<a>.+?)\s+(?:and|und|et|e|y|en|och|og|oraz)\s+(?P<b>[A-Z].*)$")


def joined(text: str, short: str, longer: str) -> bool:
    """Two firms, not one name's short form, when the text joins them.

    >>> joined("sanctionne FREE MOBILE et FREE d'amendes", "FREE", "FREE MOBILE")
    True
    >>> joined("CARREFOUR FRANCE et CARREFOUR BANQUE", "CARREFOUR", "CARREFOUR FRANCE")
    False
    """
    a, b = re.escape(longer), re.escape(short)
    return bool(re.search(rf"(?<![\w&]){a}{JOINT}{b}{_END}|(?<![\w&]){b}{JOINT}{a}{_END}", text))


def joined_firms(finder: PartyFinder) -> None:
    """A firm's first word joined to it ("FREE MOBILE et FREE") and one capitalised word
    joined to a firm ("à Google et Shein", "Shein and Google") are firms, never a name the story
    gives its regulator ("the DPC and Tusla")."""
    text = finder.text
    for entry in [f for f in finder.found.values() if f.kind == "company" and len(f.name.split()) > 1
                  and not re.search(rf"\s{LEGAL_FORM}\.?$", f.name)]:
        first = re.escape(entry.name.split()[0])
        for match in re.finditer(rf"(?<![\w&]){re.escape(entry.name)}{JOINT}(?P<short>{first}){_END}", text):
            finder.add("company", match.group("short"), match.span("short"), "joined-short", entry.confidence)
    written = {text[a:b] for a, b in finder.regulator_spans}  # "the DPC and Tusla": the story's regulator
    for entry in [f for f in finder.found.values() if f.kind == "company"]:
        name = re.escape(entry.name)
        for match in re.finditer(rf"(?<![\w&]){name}{JOINT}(?P<o>{_TOKEN})(?![\w&\-]|\s+[A-Z\d])|"
                                 rf"(?<![\w&\-])(?P<p>{_TOKEN}){JOINT}{name}(?![\w&])", text):
            group = "o" if match.group("o") else "p"
            word, span = match.group(group), match.span(group)
            if (group == "p" and re.search(r"[A-Z][\w&\-]*[^\S\n]+$", text[max(0, span[0] - 40) : span[0]])) or any(
                    a < span[1] and span[0] < b for f in finder.found.values() for a, b in f.spans):
                continue  # a word of a longer name ("CARREFOUR FRANCE et CARREFOUR BANQUE")
            if clean_name(word) and word not in written and not finder.country_only(word, span) and not (
                    finder.regulator_at(span) or (word.isupper() and len(word) <= 2)):
                finder.add("company", word, span, "coordinated", 0.6)


def split_pairs(finder: PartyFinder) -> None:
    """A name read as "A and B" is two firms when the text also names A and B each on its
    own ("fined Alpha and Alpha Pensions ... for Alpha"; "Alpha and Beta ... Beta said"),
    never a firm whose name holds "and" ("Marks and Spencer" is never named apart)."""
    text = finder.text
    for key, entry in list(finder.found.items()):
        pair = _PAIR.match(entry.name) if entry.kind == "company" else None
        if pair is None or key not in finder.found:
            continue
        parts = [(pair.group(g), pair.start(g)) for g in ("a", "b")]
        whole = [m.span() for m in re.finditer(re.escape(entry.name), text)]
        alone = [[m.span() for m in re.finditer(rf"(?<![\w&\-]){re.escape(name)}(?![\w&\-])", text)
                  if not any(a <= m.start() < b for a, b in whole)] for name, _ in parts]
        if not all(alone) or not all(clean_name(name) for name, _ in parts):
            continue
        del finder.found[key]
        for (name, offset), _ in zip(parts, alone, strict=True):
            for a, _b in entry.spans:
                finder.add("company", name, (a + offset, a + offset + len(name)), "split-pair", entry.confidence)
