"""Text and links out of the tracker's HTML cells, by a real HTML parser (no markup kept)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

__all__ = ["Markup", "read_markup", "safe_url"]

_BREAKS = frozenset({"br", "p", "div", "li", "tr"})
_SKIPPED = frozenset({"script", "style"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class Markup:
    """A cell's text (tags removed, entities decoded) and the hrefs of its links."""

    def __init__(self, text: str, links: list[str], had_markup: bool) -> None:
        self.text = text
        self.links = links
        self.had_markup = had_markup


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        if tag in _BREAKS:
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in ("p", "div"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def read_markup(cell: str) -> Markup:
    """The text of an HTML cell (lines kept, spaces collapsed) and its links.

    >>> m = read_markup("<img src='x.png' alt='AUSTRIA'><br />AUSTRIA")
    >>> m.text, m.links, m.had_markup
    ('AUSTRIA', [], True)
    >>> m = read_markup("Fine &amp; order, see <a class='blau' href='https://a.eu/x'>link</a>")
    >>> m.text, m.links
    ('Fine & order, see link', ['https://a.eu/x'])
    >>> read_markup("<script>alert(1)</script>plain").text
    'plain'
    """
    had_markup = "<" in cell or "&" in cell
    if not had_markup:
        return Markup(_tidy(cell), [], False)
    reader = _Reader()
    reader.feed(cell)
    reader.close()
    return Markup(_tidy("".join(reader.parts)), reader.links, True)


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def safe_url(href: str) -> str | None:
    """An http(s) URL with unsafe characters percent-encoded; None for anything else.

    >>> safe_url("https://www.dsb.gv.at/a b.pdf")
    'https://www.dsb.gv.at/a%20b.pdf'
    >>> safe_url("javascript:alert(1)") is None, safe_url("#/") is None
    (True, True)
    """
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(href.strip(), safe=":/?#[]@!$&'()*+,;=%~")
