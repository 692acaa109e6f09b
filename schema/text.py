"""Input echoed back in messages, cut to a short prefix."""

from __future__ import annotations

__all__ = ["ECHO_LIMIT", "quoted"]

ECHO_LIMIT = 80  # characters of an input value an error message repeats


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)``, cut to ``limit`` characters with the size of the rest.

    >>> quoted("banana")
    "'banana'"
    >>> quoted("x" * 500, limit=10)
    "'xxxxxxxx… (500 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str | bytes | list | dict) else len(text)
    return f"{text[: limit - 1]}… ({size} characters)"
