"""Countries that have no regulator in ``regulators.yaml``: a place named alone is never a
firm ("the evacuation from Afghanistan and the MoD's status" joins no firm "Afghanistan")."""

from __future__ import annotations

__all__ = ["is_country"]

_COUNTRIES = frozenset(["Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Bolivia", "Bosnia", "Botswana", "Cambodia", "Cameroon", "Chile", "China", "Colombia", "Cuba", "Ecuador", "Egypt", "Ethiopia", "Georgia", "Ghana", "Guatemala", "Haiti", "Honduras", "Indonesia", "India", "Iran", "Iraq", "Israel", "Jamaica", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Lebanon", "Libya", "Malaysia", "Mali", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Nicaragua", "Niger", "Nigeria", "Oman", "Pakistan", "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Qatar", "Russia", "Rwanda", "Senegal", "Serbia", "Singapore", "Somalia", "Sudan", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Tunisia", "Turkmenistan", "Uganda", "Ukraine", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe"])


def is_country(word: str) -> bool:
    """Whether ``word`` is a country's name (one without a regulator in the gazetteer).

    >>> is_country("Afghanistan"), is_country("Acme")
    (True, False)
    """
    return word in _COUNTRIES
