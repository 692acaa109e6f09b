"""Build loaders/data/gdpr_text.json.gz from the TidyTuesday copy of the GDPR text.

Usage: python scripts/build_gdpr_text.py [TSV] [OUT]

The TSV (../shared/data/gdpr-text/gdpr_text.tsv, see its SOURCE.md) is read with a real
TSV parser; the output is deterministic (sorted keys, gzip without a timestamp), so a
test can check that regenerating gives the same bytes. Cleaning, and only this:
- stray sentence numbers stuck to the next word ("2Regulation", "child.3Member") removed;
- whitespace at line ends and runs of spaces collapsed;
- the three titles SOURCE.md lists as wrong replaced by the official ones.
Other typos of the source are kept as they are (the official text is on EUR-Lex).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["build", "clean_text", "main", "read_rows"]

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TSV = REPO.parent / "shared" / "data" / "gdpr-text" / "gdpr_text.tsv"
DEFAULT_OUT = REPO / "loaders" / "data" / "gdpr_text.json.gz"
COLUMNS = ["chapter", "chapter_title", "article", "article_title", "sub_article", "gdpr_text", "href"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]

# Official titles where the scraped site is wrong (SOURCE.md, "Wrong or foreign titles").
CHAPTER_TITLES = {10: "Delegated acts and implementing acts"}
ARTICLE_TITLES = {92: "Exercise of the delegation", 93: "Committee procedure"}

_AFTER_STOP = re.compile(r"(?<=\.)\d{1,2}(?=[A-Z‘])")
_AT_WORD = re.compile(r"(?:(?<=^)|(?<=\s))\d{1,2}(?=[A-Z‘])", re.MULTILINE)
_SPACES = re.compile(r"[ \t]{2,}")

SOURCE = {
    "id": "source:tidytuesday-gdpr-text",
    "url": "https://github.com/rfordatascience/tidytuesday/blob/"
    "2c423bacc57e4632ff8550557e0bc823eefa31ab/data/2020/2020-04-21/gdpr_text.tsv",
    "title": "gdpr_text.tsv: the GDPR text scraped from gdpr-info.eu (TidyTuesday, 2020-04-21)",
    "publisher": "R for Data Science community (TidyTuesday); text from gdpr-info.eu",
    "date": "2020-04-21",
    "kind": "dataset",
}


def clean_text(text: str) -> str:
    """Remove stray sentence numbers and stray whitespace.

    >>> clean_text("No 45/2001 applies. 2Regulation (EC) No 45/2001")
    'No 45/2001 applies. Regulation (EC) No 45/2001'
    >>> clean_text("the child.3Member States may")
    'the child. Member States may'
    >>> clean_text("Article 89(1), not")
    'Article 89(1), not'
    """
    text = _AFTER_STOP.sub(" ", text)
    text = _AT_WORD.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The TSV's rows, checked against the expected header."""
    with path.open("r", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if reader.fieldnames != COLUMNS:
            raise SystemExit(f"{path}: unexpected header {reader.fieldnames}")
        return list(reader)


def build(rows: list[dict[str, str]]) -> dict[str, Any]:
    """The compact document: chapters and articles with their paragraphs."""
    chapters: dict[int, dict[str, Any]] = {}
    articles: dict[int, dict[str, Any]] = {}
    for row in rows:
        chapter, number = int(row["chapter"]), int(row["article"])
        chapters.setdefault(
            chapter,
            {
                "number": chapter,
                "roman": ROMAN[chapter - 1],
                "title": CHAPTER_TITLES.get(chapter, row["chapter_title"].strip()),
            },
        )
        article = articles.setdefault(
            number,
            {
                "number": number,
                "title": ARTICLE_TITLES.get(number, row["article_title"].strip()),
                "chapter": chapter,
                "href": row["href"].strip(),
                "paragraphs": [],
            },
        )
        if int(row["sub_article"]) != len(article["paragraphs"]) + 1:
            raise SystemExit(f"article {number}: rows out of order at {row['sub_article']}")
        article["paragraphs"].append(clean_text(row["gdpr_text"]))
    return {
        "source": SOURCE,
        "chapters": [chapters[k] for k in sorted(chapters)],
        "articles": [articles[k] for k in sorted(articles)],
    }


def encode(document: dict[str, Any]) -> bytes:
    """Deterministic gzip of the JSON (no file name, no timestamp)."""
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=None).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Build the data file; print what was written."""
    args = sys.argv[1:] if argv is None else argv
    tsv = Path(args[0]) if args else DEFAULT_TSV
    out = Path(args[1]) if len(args) > 1 else DEFAULT_OUT
    document = build(read_rows(tsv))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(encode(document))
    print(f"{out}: {len(document['chapters'])} chapters, {len(document['articles'])} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
