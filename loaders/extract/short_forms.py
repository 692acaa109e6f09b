"""Further occurrences of the names the party rules found, and their short forms: "Clearview" of
"Clearview AI", "Google Ireland" of "Google Ireland Limited", a person's surname."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from enforcegraph.loaders.extract.aliases import unit_of
from enforcegraph.loaders.extract.joined import joined
from enforcegraph.loaders.extract.names import LEGAL_FORM
from enforcegraph.schema.names import normalize_name

if TYPE_CHECKING:
    from enforcegraph.loaders.extract.parties import Found, PartyFinder

__all__ = ["expand", "merge_short_forms"]


def merge_short_forms(finder: PartyFinder) -> None:
    """A firm found as "Clearview" and as "Clearview AI" is one firm, under the longer name."""
    firms = sorted((f for f in finder.found.values() if f.kind == "company"),
                   key=lambda f: len(f.name), reverse=True)
    for short in firms:
        words = normalize_name(short.name).split()
        longer = next((f for f in firms if f is not short and len(f.name) > len(short.name)
                       and normalize_name(f.name).split()[: len(words)] == words), None)
        if longer is None or joined(finder.text, short.name, longer.name) or unit_of(finder.text, short.name, longer.name):
            continue
        longer.spans = sorted(set(longer.spans) | set(short.spans))
        longer.roles |= short.roles
        if short.confidence > longer.confidence:
            longer.confidence, longer.rule = short.confidence, short.rule
        del finder.found[normalize_name(short.name)]
        finder.relations = [
            replace(r, start_name=longer.name if r.start_name == short.name else r.start_name,
                    end_name=longer.name if r.end_name == short.name else r.end_name)
            for r in finder.relations
        ]
        for person in finder.found.values():
            if person.office_of == short.name:
                person.office_of = longer.name


def expand(finder: PartyFinder) -> None:
    """Every further occurrence of a found name, and of its short forms ("Clearview";
    "Google Ireland" of "Google Ireland Limited"), the longest forms first."""
    pairs: list[tuple[str, Found]] = []
    for entry in list(finder.found.values()):
        forms = {entry.name}
        words = entry.name.replace(",", "").split()
        if entry.kind == "company" and len(words) > 1 and len(words[0]) >= 4:
            forms.add(words[0])
        bare = re.sub(rf"(?:,?\s+(?:&\s+)?{LEGAL_FORM}\.?)+$", "", entry.name)
        if entry.kind == "company" and bare != entry.name and len(bare.split()) > 1:
            forms.add(bare)
        if entry.kind == "person" and len(words) > 1:
            forms.add(words[-1])
        pairs += [(form, entry) for form in forms  # not the name of another firm found ("FREE MOBILE et FREE")
                  if form == entry.name or normalize_name(form) not in finder.found]
    for form, entry in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
        for match in re.finditer(rf"(?<![\w&\-]){re.escape(form)}(?![\w&\-])", finder.text):
            span = (match.start(), match.end())
            if not finder.unblocked(span) or span in entry.spans:
                continue
            if entry.kind != "mention" and any(a < span[1] and span[0] < b for a, b in finder.mention_spans):
                continue
            if any(a <= span[0] < b for other in finder.found.values() if other is not entry
                   for a, b in other.spans):
                continue
            if any(a <= span[0] < b for a, b in entry.spans):
                continue
            entry.spans.append(span)
    for entry in finder.found.values():
        entry.spans = sorted(
            (a, b) for a, b in set(entry.spans)
            if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in entry.spans)
        )
