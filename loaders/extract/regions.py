"""Regional authorities named only by their office and their state ("the Lower Saxony data
protection commissioner", "der hessische Datenschutzbeauftragte", "die
Datenschutzbeauftragte des Landes Niedersachsen"), from the ``region`` words of the
gazetteer's entries."""

from __future__ import annotations

import re
from functools import cache

__all__ = ["find_regional", "find_state_office"]

_EN_OFFICE = (r"(?:data\s+protection|privacy)\s+(?:commissioner|officer|authority|regulator|watchdog|supervisor|"
              r"agency|office)")
_DE_KINDS = r"(?:datenschutzbeauftragte[nr]?|datenschützer(?:in)?|datenschutzbehörde|datenschutzaufsicht)"
_DE_STATE = r"Landesbeauftragte[nr]?\s+für\s+(?:den\s+)?Datenschutz(?:\s+und\s+(?:die\s+)?Informationsfreiheit)?"
_DE_OFFICE = rf"(?:Landes)?{_DE_KINDS}|{_DE_STATE}"


@cache
def _patterns(regions: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for regulator, words in regions:
        region = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        found.append((regulator, re.compile(
            rf"(?i)(?<![\w\-])(?:(?:{region})(?:['’]?s)?\s+(?:state\s+)?(?:{_EN_OFFICE}|{_DE_OFFICE})"
            rf"|(?:{_EN_OFFICE})\s+(?:of|for|in)\s+(?:the\s+(?:German\s+)?state\s+of\s+)?(?:{region})"
            rf"|(?:{_DE_OFFICE})\s+(?:des\s+Landes\s+|von\s+|in\s+|aus\s+)?(?:{region}))(?![\w\-])")))
    return tuple(found)


def find_regional(text: str, regions: tuple[tuple[str, tuple[str, ...]], ...],
                  taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(regulator id, start, end) of each authority named by its office and its state
    (``regions``: regulator id -> the state's names and adjectives) outside ``taken``.

    >>> find_regional("the Lower Saxony data protection commissioner", (("r:ni", ("Lower Saxony",)),), [])
    [('r:ni', 4, 46)]
    >>> find_regional("sagte Hessens Datenschutzbeauftragter", (("r:he", ("Hessen",)),), [])
    [('r:he', 6, 37)]
    """
    hits = []
    for regulator, pattern in _patterns(regions):
        for match in pattern.finditer(text):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                hits.append((regulator, match.start(), match.end()))
    return hits


# A state's office named without its state ("der Landesbeauftragte für den Datenschutz", "die
# Landesdatenschutzbehörde"): "Landes-" says it is a state's, not the federal one.
_STATE_OFFICE = re.compile(rf"(?<![\w\-])(?:Landes{_DE_KINDS}|{_DE_STATE})(?![\w\-])")


@cache
def _state_names(regions: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each state's names (its name, adjective or capital) as one pattern, per regulator."""
    return tuple((regulator, re.compile(r"(?i)(?<![\w\-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w\-])"))
                 for regulator, words in regions)


def find_state_office(text: str, regions: tuple[tuple[str, tuple[str, ...]], ...],
                      taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(regulator id, start, end) of each state office named without its state, where the
    text names one state only (its name, adjective or capital, anywhere: "Stuttgart (dpa)").

    >>> find_state_office("Stuttgart (dpa) - Der Landesdatenschutzbeauftragte hat ...",
    ...                   (("r:bw", ("Stuttgart",)), ("r:ni", ("Hannover",))), [])
    [('r:bw', 20, 46)]
    """
    offices = [m for m in _STATE_OFFICE.finditer(text)
               if not any(a < m.end() and m.start() < b for a, b in taken)]
    if not offices:
        return []
    named = {regulator for regulator, pattern in _state_names(regions) if pattern.search(text)}
    if len(named) != 1:
        return []
    regulator = next(iter(named))
    return [(regulator, m.start(), m.end()) for m in offices]
