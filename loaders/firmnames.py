"""When two spellings of one name key are not one firm: the guard the loaders and the linker share.

Names are keyed without their legal forms (``schema.names.party_key``: "Niantic, Inc." and
"Niantic International Limited" are both ``niantic``), so one key can hold two legal
entities of a group. Two names (or two sets of names, a node's name and aliases) are
*distinct firms* when

- both carry legal forms and none in common (``legal forms differ``: "Niantic, Inc." /
  "Niantic International Limited", "Google Inc." / "Google LLC"); the Spanish sole-member
  forms are their type (S.A.U. is an S.A., S.L.U. an S.L.: one company, whether or not it
  has one shareholder at the time);
- or only one carries a legal form and they differ beyond it (``a legal form on one side
  only, names differ beyond it``: "Niantic" / "Niantic International Limited"); a remark in
  brackets ("(Company)") is no part of the name here.

Legal forms are those FollowTheMoney's fingerprints abbreviate (not ``intl``, ``co``:
words of names as much as forms) and the tables' extra forms (``sau``, ``slu``, ``sl``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from enforcegraph.loaders.gdprfines_tables import load_tables

__all__ = ["distinct_firms", "form_and_stem", "legal_forms"]

_NOT_FORMS = frozenset({"intl", "co"})
_SOLE_MEMBER = {"sau": "sa", "slu": "sl"}
_REMARK = re.compile(r"\([^()]*\)")


def _tokens(text: str, typed: bool) -> list[str]:
    import fingerprints  # ~90 ms of imports, as schema.names does

    cut = fingerprints.replace_types(text) if typed else fingerprints.remove_types(text)
    return (fingerprints.generate(cut, keep_order=True) or "").split()


@lru_cache(maxsize=1 << 16)
def form_and_stem(name: str) -> tuple[frozenset[str], str]:
    """The legal forms a name carries (sole-member forms read as their type) and the
    name without them and without bracketed remarks (fingerprinted, in order).

    >>> form_and_stem("Niantic International Limited")
    (frozenset({'ltd'}), 'niantic intl')
    >>> form_and_stem("Vodafone España, S.A.U."), form_and_stem("UAB IT sprendimai (Company)")
    ((frozenset({'sa'}), 'vodafone espana'), (frozenset({'uab'}), 'it sprendimai'))
    """
    extra = load_tables().legal_forms
    typed = _tokens(name, typed=True)
    bare = set(_tokens(name, typed=False))
    forms = {t for t in typed if (t not in bare and t not in _NOT_FORMS) or t in extra}
    stem = [t for t in _tokens(_REMARK.sub(" ", name), typed=True) if t not in forms]
    return frozenset(_SOLE_MEMBER.get(f, f) for f in forms), " ".join(stem)


def legal_forms(names: Iterable[str]) -> set[str]:
    """The legal forms the names carry.

    >>> sorted(legal_forms(["TikTok Inc."])), sorted(legal_forms(["TikTok", "TikTok Limited"]))
    (['inc'], ['ltd'])
    """
    found: set[str] = set()
    for name in names:
        found |= form_and_stem(name)[0]
    return found


def _same(text: str) -> str:
    return text


def distinct_firms(a: Iterable[str], b: Iterable[str],
                   read: Callable[[str], str] = _same) -> str | None:
    """Why the names ``a`` and the names ``b`` are two firms (None: the guard does not
    tell them apart); ``read`` compares the stems (the linker reads look-alike
    characters alike).

    >>> distinct_firms(["Niantic, Inc."], ["Niantic International Limited"])
    'legal forms differ'
    >>> distinct_firms(["Niantic"], ["Niantic International Limited"])
    'a legal form on one side only, names differ beyond it'
    >>> [distinct_firms(["Clearview AI"], ["Clearview AI Inc."]),
    ...  distinct_firms(["Vodafone España S.A."], ["VODAFONE ESPAÑA, S.A.U"])]
    [None, None]
    """
    names_a, names_b = [n for n in a if n.strip()], [n for n in b if n.strip()]
    forms_a, forms_b = legal_forms(names_a), legal_forms(names_b)
    if forms_a and forms_b and not forms_a & forms_b:
        return "legal forms differ"
    if bool(forms_a) != bool(forms_b):
        stems_a = {read(form_and_stem(n)[1]) for n in names_a}
        stems_b = {read(form_and_stem(n)[1]) for n in names_b}
        if not stems_a & stems_b:
            return "a legal form on one side only, names differ beyond it"
    return None
