"""Checks for property values, one per type kind of ``model.yaml``."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from datetime import date
from functools import cache, lru_cache, partial
from typing import Any, TypeVar, cast
from urllib.parse import urlparse

from enforcegraph.schema.codes import COUNTRY_CODES, CURRENCY_CODES
from enforcegraph.schema.ids import ID_PATTERN
from enforcegraph.schema.model import Model, PropertySpec

__all__ = [
    "MAX_AMOUNT",
    "check_value",
    "column_checker",
    "compiled",
    "control_character",
    "is_valid_date",
    "value_checker",
]

MAX_AMOUNT = 1e13  # above any fine ever imposed; larger numbers are data errors
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# control characters never stored (C0, DEL, C1); tab, newline and carriage return are
# layout, allowed in long text (``layout: true`` types)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LAYOUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@lru_cache(maxsize=65536)
def is_valid_date(value: str) -> bool:
    """ISO 8601 calendar date, full or reduced to year-month or year.

    >>> is_valid_date("2022-10-17"), is_valid_date("2024-07"), is_valid_date("2020-31-31")
    (True, True, False)
    """
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def control_character(text: str) -> str | None:
    """A message naming the first control character of ``text`` (tab and line breaks
    included), or None."""
    found = _CONTROL.search(text)
    return None if found is None else _control_message(found)


def _control_message(found: re.Match[str]) -> str:
    return f"control character U+{ord(found.group()):04X} at position {found.start()} (not allowed here)"


def _string(value: Any, limit: int, control: re.Pattern[str] = _CONTROL) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    if not value.strip():
        return "must not be empty"
    if len(value) > limit:
        return f"longer than {limit} characters"
    if found := control.search(value):
        return _control_message(found)
    return None


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or not is_valid_date(value):
        return f"not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}"
    return None


def _country(value: Any) -> str | None:
    if value not in COUNTRY_CODES:
        return f"unknown country code {value!r} (ISO 3166-1 alpha-2, or EU/EEA)"
    return None


def _currency(value: Any) -> str | None:
    if not isinstance(value, str):  # a list or dict is unhashable: no set lookup
        return f"expected a currency code string, got {value!r}"
    return None if value in CURRENCY_CODES else f"unknown currency {value!r} (ISO 4217)"


def _amount(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if not math.isfinite(value) or value < 0 or value > MAX_AMOUNT:
        return f"not a plausible amount: {value!r} (finite, >= 0, <= {MAX_AMOUNT:.0e})"
    return None


def _fraction(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if not 0 <= value <= 1:  # NaN fails too
        return f"not a number from 0 to 1: {value!r}"
    return None


def _url(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected a URL string, got {value!r}"
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value or _CONTROL.search(value):
        return f"not an http(s) URL: {value!r}"
    return None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, got {value!r}"


def _int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool)
    return None if ok else f"expected an integer, got {value!r}"


def _id(value: Any) -> str | None:
    ok = isinstance(value, str) and ID_PATTERN.match(value)
    return None if ok else f"not an id (prefix:slug): {value!r}"


_FIXED_CHECKERS: dict[str, Callable[[Any], str | None]] = {
    "date": _date,
    "country": _country,
    "currency": _currency,
    "amount": _amount,
    "fraction": _fraction,
    "url": _url,
    "bool": _bool,
    "int": _int,
    "id": _id,
}


def _control(spec: dict[str, Any]) -> re.Pattern[str]:
    """The control characters a string type refuses."""
    return _CONTROL_BUT_LAYOUT if spec.get("layout") else _CONTROL


@cache
def _string_checker(limit: int, control: re.Pattern[str]) -> Callable[[Any], str | None]:
    return lambda v: _string(v, limit, control)


def _scalar_checker(kind: str, spec: dict[str, Any]) -> Callable[[Any], str | None]:
    if kind == "string":
        return _string_checker(int(spec.get("max_length", 500)), _control(spec))
    return _FIXED_CHECKERS[kind]


def _check_enum(model: Model, enum: str, value: Any) -> str | None:
    allowed = model.enums[enum]
    return None if value in allowed else f"{value!r} is not one of {', '.join(allowed)}"


def value_checker(model: Model, prop: PropertySpec) -> Callable[[Any], str | None]:
    """:func:`check_value` for one property, with its type looked up once (for bulk loads)."""
    if prop.kind == "enum":
        return partial(_check_enum, model, prop.enum_name or "")
    if not prop.is_list:
        spec = model.types[prop.type]
        return _scalar_checker(str(spec["kind"]), spec)
    item_check: Callable[[Any], str | None]
    if prop.kind == "list":
        item_check = partial(_check_enum, model, prop.enum_name or "")
    else:
        inner = str(model.types[prop.type].get("of", "string"))
        inner_spec = model.types.get(inner, {"kind": inner})
        item_check = _scalar_checker(str(inner_spec["kind"]), inner_spec)

    def check_list(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected a list, got {type(value).__name__}"
        for item in value:
            if problem := item_check(item):
                return f"item {item!r}: {problem}"
        return None

    return check_list


def _strings_ok(limit: int, control: re.Pattern[str], values: Collection[Any]) -> bool:
    """``_string`` finds nothing wrong with any value: exact ``str`` values, checked in
    C-level passes (False for a str subclass, which the value-by-value check accepts)."""
    if not values:
        return True
    return (set(map(type, values)) == {str} and all(map(str.strip, values))
            and max(map(len, values)) <= limit and not control.search("".join(values)))


def column_checker(model: Model, prop: PropertySpec) -> Callable[[Collection[Any]], bool]:
    """For bulk loads: True only if :func:`value_checker` finds nothing wrong with any of
    the (non-None) values; strings are checked a column at a time."""
    if prop.kind != "enum" and not prop.is_list:
        spec = model.types[prop.type]
        if spec["kind"] == "string":
            return partial(_strings_ok, int(spec.get("max_length", 500)), _control(spec))
    check = value_checker(model, prop)
    return lambda values: not any(map(check, values))


T = TypeVar("T")
_COMPILED: dict[tuple[int, Any], tuple[dict[str, PropertySpec], dict[str, Any], tuple[str, ...]]] = {}


def compiled(
    model: Model, specs: dict[str, PropertySpec], make: Callable[[Model, PropertySpec], T]
) -> tuple[dict[str, T], tuple[str, ...]]:
    """``make`` of every property of a (model-owned, immutable) spec table, and the
    table's required names; cached per table and ``make``."""
    key = (id(specs), make)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] is not specs:
        made = {name: make(model, spec) for name, spec in specs.items()}
        required = tuple(name for name, spec in specs.items() if spec.required)
        cached = (specs, made, required)
        _COMPILED[key] = cached
    return cast(dict[str, T], cached[1]), cached[2]


def check_value(model: Model, prop: PropertySpec, value: Any) -> str | None:
    """An error message if ``value`` is not a valid ``prop``, else None."""
    return value_checker(model, prop)(value)
