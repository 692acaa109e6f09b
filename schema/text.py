"""Input echoed back in messages, cut to a short prefix."""

from __future__ import annotations

__all__ = ["ECHO_LIMIT", "MESSAGE_LIMIT", "cut", "quoted"]

ECHO_LIMIT = 80  # characters of an input value an error message repeats
MESSAGE_LIMIT = 300  # characters of a whole message


def cut(text: str, limit: int, size: int | None = None) -> str:
    """``text`` if it is at most ``limit`` characters, else its start and its size
    (``size``, when the text stands for something longer).

    >>> cut("x" * 500, 10)
    'xxxxxxxxx… (500 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({size if size is not None else len(text):,} characters)"


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)``, cut to ``limit`` characters with the size of the value.

    >>> quoted("banana")
    "'banana'"
    >>> quoted("x" * 500, limit=10)
    "'xxxxxxxx… (500 characters)"
    """
    text = repr(value)
    size = len(value) if isinstance(value, str | bytes | list | dict) else None
    return cut(text, limit, size)
