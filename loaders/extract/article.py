"""An article to extract from: its text (plain or from HTML, boilerplate stripped) and metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["Article", "html_to_text", "read_article"]

# Elements whose text is never article text.
_SKIP = frozenset({
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
    "svg", "iframe", "template", "select", "figcaption",
})
_BLOCK = frozenset({
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "main", "tr", "ul", "ol", "pre", "hr", "dd", "dt",
})
_META = {
    "og:title": "title", "twitter:title": "title", "og:site_name": "publisher",
    "author": "author", "article:author": "author", "article:published_time": "date",
    "date": "date", "og:url": "url",
}


@dataclass(frozen=True)
class Article:
    """The text that spans point into, and what is known about the article."""

    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    author: str | None = None

    def with_meta(self, **meta: str | None) -> Article:
        """A copy with the given metadata (None leaves a value as it is)."""
        return replace(self, **{k: v for k, v in meta.items() if v})


class _TextParser(HTMLParser):
    """Collects visible text by block, the text inside <article>, and <meta> values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._skip = 0
        self._article = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key.lower() in _META and values.get("content"):
                self.meta.setdefault(_META[key.lower()], values["content"].strip())
        elif tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        elif tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skip += 1
        if tag == "article":
            self._article += 1
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._emit(data)

    def _emit(self, data: str) -> None:
        self.parts.append(data)
        if self._article:
            self.article_parts.append(data)


def _clean(parts: list[str]) -> str:
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible article text (one paragraph a line) and metadata found in <meta> tags.

    >>> text, meta = html_to_text('<html><head><meta property="og:site_name" content="Ex">'
    ...     '</head><body><nav>Menu</nav><article><p>One.</p><p>Two &amp; three.</p>'
    ...     '</article><footer>(c)</footer></body></html>')
    >>> text, meta["publisher"]
    ('One.\\nTwo & three.', 'Ex')
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = _clean(parser.article_parts) or _clean(parser.parts)
    meta = dict(parser.meta)
    if "title" not in meta and parser.title.strip():
        meta["title"] = " ".join(parser.title.split())
    if "date" in meta:
        found = re.match(r"\d{4}-\d{2}-\d{2}", meta["date"])
        meta["date"] = found.group(0) if found else ""
    return text, {k: v for k, v in meta.items() if v}


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_article(path: Path, **meta: str | None) -> Article:
    """Read a plain-text or HTML article; options given here win over <meta> tags."""
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        raise EnforcegraphError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise EnforcegraphError(f"{path}: not UTF-8 text ({exc.reason})") from None
    if _looks_like_html(path, raw):
        text, found = html_to_text(raw)
        article = Article(text).with_meta(**found)
    else:
        article = Article(raw.replace("\r\n", "\n"))
    return article.with_meta(**meta)
