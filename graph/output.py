"""Render rows for the terminal (tables), for tools (JSON) and for spreadsheets (CSV)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["flatten", "render_csv", "render_json", "render_table"]


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists become ``;``-joined text."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = "; ".join(
                v.get("name") or v.get("id") or json.dumps(v) if isinstance(v, dict) else str(v)
                for v in value
            )
        else:
            flat[name] = "" if value is None else value
    return flat


def render_json(data: Any) -> str:
    """Pretty JSON, keys in insertion order, UTF-8 kept."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def render_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header of every dotted column."""
    flat = [flatten(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buffer.getvalue()


def _short(value: Any, width: int = 48) -> str:
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float):
        text = f"{value:,.2f}".removesuffix(".00")
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(console: Console, rows: Sequence[dict[str, Any]], title: str,
                 columns: Sequence[str] | None = None) -> None:
    """A readable table of flattened rows (the chosen columns, or all)."""
    flat = [flatten(r) for r in rows]
    present = dict.fromkeys(k for r in flat for k in r)
    names = [c for c in columns if c in present] if columns and flat else list(columns or present)
    table = Table(title=f"{title} ({len(rows)} rows)", show_lines=False)
    cells = [[_short(row.get(name, "")) for name in names] for row in flat]
    for index, name in enumerate(names):
        longest = max([len(name), *(len(r[index]) for r in cells)])
        table.add_column(name, overflow="ellipsis", no_wrap=True, max_width=48,
                         min_width=min(longest, 18))
    for values in cells:
        table.add_row(*values)
    # A terminal gets its own width; a pipe or file gets a generous one, not 80 columns.
    if not console.is_terminal:
        console = Console(file=console.file, width=220, soft_wrap=True)
    console.print(table)
