"""Plots (matplotlib, no GUI backend): fines by regulator and by year, a firm's enforcement
timeline, an entity's ego network. Each function writes PNG or SVG (by the file suffix)
and returns the rows it drew, so tests and callers can check the data behind the picture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

import networkx as nx
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from enforcegraph.graph.analytics import ego_subgraph, fine_rows, totals
from enforcegraph.graph.analytics.facts import Row, decision_facts, display_name, require_node
from enforcegraph.schema.errors import EnforcegraphError

__all__ = ["LABEL_COLOURS", "Plot", "fines_by_regulator", "fines_by_year", "network", "timeline"]

LABEL_COLOURS = {
    "Company": "#d62728", "Person": "#ff7f0e", "Regulator": "#1f77b4", "Court": "#17becf",
    "Jurisdiction": "#2ca02c", "Law": "#8c564b", "LegalArticle": "#bcbd22",
    "Decision": "#9467bd", "Sanction": "#e377c2", "Statement": "#7f7f7f", "Source": "#c7c7c7",
}
PR_AGENCY_COLOUR = "#ffbb78"
SUFFIXES = (".png", ".svg")
MONEY_KINDS = ("fine", "periodic_penalty", "penalty_liquidation", "settlement", "proposed_fine")


@dataclass(frozen=True)
class Plot:
    """A written picture and the rows behind it."""

    path: Path
    rows: list[Row]


def _euros(value: float, _: Any = None) -> str:
    """Axis text for an EUR amount: ``EUR 20M``, ``EUR 750k``.

    >>> _euros(20_000_000), _euros(750_000), _euros(12)
    ('EUR 20M', 'EUR 750k', 'EUR 12')
    """
    for size, unit in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"EUR {value / size:,.3g}{unit}"
    return f"EUR {value:,.0f}"


def _save(figure: Figure, out: Path) -> Path:
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise EnforcegraphError(f"{out}: write .png or .svg")
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=120, bbox_inches="tight")
    return out


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _regulator_text(graph: nx.MultiDiGraph, node: str, width: int = 38) -> str:
    attrs = graph.nodes[node] if node in graph else {}
    name = str(attrs.get("acronym") or display_name(graph, node))
    return _short(f"{name} ({attrs['country']})" if attrs.get("country") else name, width)


def fines_by_regulator(graph: nx.MultiDiGraph, out: Path, top: int = 15) -> Plot:
    """Horizontal bars: total fines per regulator in EUR, largest at the top."""
    rows = [r for r in totals(graph, by="regulator") if r["total_eur"] > 0][:top]
    figure = Figure(figsize=(9, 1.2 + 0.45 * max(len(rows), 1)))
    axes = figure.add_subplot()
    names = [_regulator_text(graph, r["key"]) for r in rows][::-1]
    values = [r["total_eur"] for r in rows][::-1]
    bars = axes.barh(names, values, color=LABEL_COLOURS["Regulator"])
    for bar, row in zip(bars, rows[::-1], strict=True):
        axes.annotate(f" {_euros(row['total_eur'])} ({row['count']} fine{'s' * (row['count'] > 1)})",
                      (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center",
                      fontsize=8)
    axes.xaxis.set_major_formatter(FuncFormatter(_euros))
    axes.set_xlabel("Total fines in EUR (ECB reference rate of each decision date)")
    axes.set_title("Fines by regulator")
    axes.margins(x=0.35)
    return Plot(_save(figure, out), rows)


def fines_by_year(graph: nx.MultiDiGraph, out: Path) -> Plot:
    """Bars: total fines per decision year in EUR, with the number of fines on each bar."""
    rows = sorted((r for r in totals(graph, by="year") if r["key"] != "(unknown)"),
                  key=lambda r: r["key"])
    figure = Figure(figsize=(8, 4.5))
    axes = figure.add_subplot()
    bars = axes.bar(range(len(rows)), [r["total_eur"] for r in rows],
                    color=LABEL_COLOURS["Sanction"])
    axes.set_xticks(range(len(rows)), [r["key"] for r in rows])
    for bar, row in zip(bars, rows, strict=True):
        axes.annotate(f"{row['count']}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                      ha="center", va="bottom", fontsize=8)
    axes.yaxis.set_major_formatter(FuncFormatter(_euros))
    axes.set_ylabel("Total fines in EUR (ECB reference rates)")
    axes.set_xlabel("Year of decision (number of fines on each bar)")
    axes.set_title("Fines by year")
    return Plot(_save(figure, out), rows)


_num = cast(Callable[[date], float], mdates.date2num)


def _day(text: str) -> date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], max(parts[1], 1), max(parts[2], 1))


def timeline(graph: nx.MultiDiGraph, firm: str, out: Path) -> Plot:
    """A firm's decisions over time: one row per issuer, money sanctions labelled with their
    original amount and currency (marker area by the EUR amount), others with their kind."""
    require_node(graph, firm)
    fines: dict[str, Row] = {}
    for item in fine_rows(graph, MONEY_KINDS):  # per decision: its fine, else its largest sum
        if item["amount"] is None or not any(t["id"] == firm for t in item["targets"]):
            continue
        held = fines.get(item["decision"]["id"])
        if held is None or (held["kind"] != "fine" and (
                item["kind"] == "fine" or (item["amount_eur"] or 0) > (held["amount_eur"] or 0))):
            fines[item["decision"]["id"]] = item
    rows: list[Row] = []
    facts = decision_facts(graph)  # the issuer: regulators first, then courts (graph/domain/rules.py)
    for decision, _, kind in graph.in_edges(firm, data="type"):
        if kind != "AGAINST" or graph.nodes[decision].get("label") != "Decision":
            continue
        attrs = graph.nodes[decision]
        issuer = facts[decision].issuer
        fine = fines.get(decision)
        rows.append({
            "decision": decision, "date": attrs.get("date"), "kind": attrs.get("kind"),
            "issuer": _regulator_text(graph, issuer, 45) if issuer else "(unknown issuer)",
            "sanction": fine["kind"] if fine else None,
            "amount": fine["amount"] if fine else None,
            "currency": fine["currency"] if fine else None,
            "amount_eur": fine["amount_eur"] if fine else None,
        })
    rows = sorted((r for r in rows if r["date"]), key=lambda r: (r["date"], r["decision"]))
    issuers = list(dict.fromkeys(r["issuer"] for r in rows))
    figure = Figure(figsize=(10, 1.5 + 0.5 * max(len(issuers), 1)))
    axes = figure.add_subplot()
    for row in rows:
        y = issuers.index(row["issuer"])
        size = 40 + (row["amount_eur"] or 0) / 1e5
        axes.scatter([_num(_day(row["date"]))], [y], s=min(size, 600), color=LABEL_COLOURS["Decision"],
                     alpha=0.8, zorder=3)
        note = str(row["kind"]).replace("_", " ")
        if row["amount"] is not None:
            note = f"{row['currency']} {row['amount']:,.0f}"
            if row["sanction"] != "fine":
                note = f"{str(row['sanction']).replace('_', ' ')} {note}"
        axes.annotate(note, (_num(_day(row["date"])), y), xytext=(6, 6), textcoords="offset points",
                      fontsize=8)
    axes.xaxis_date()
    axes.set_yticks(range(len(issuers)), issuers)
    axes.set_ylim(-0.7, len(issuers) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlabel("Decision date (marker area: fine in EUR)")
    axes.set_title(f"Enforcement timeline: {display_name(graph, firm)}")
    return Plot(_save(figure, out), rows)


def _node_text(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    if attrs.get("label") == "Sanction":
        kind = str(attrs.get("kind", "sanction")).replace("_", " ")
        if attrs.get("amount") is not None:
            return f"{kind} {attrs.get('currency') or ''} {attrs['amount']:,.0f}".replace("  ", " ")
        return kind
    if attrs.get("label") == "Statement" and attrs.get("text"):
        return "“" + " ".join(str(attrs["text"]).split()[:6]) + " …”"
    return display_name(graph, node)


def network(graph: nx.MultiDiGraph, center: str, out: Path, depth: int = 1) -> Plot:
    """The ego network of an entity: nodes coloured by label (PR agencies apart), a legend."""
    sub = ego_subgraph(graph, center, depth)
    layout = nx.spring_layout(nx.Graph(sub), seed=42, k=1.2 / max(len(sub) ** 0.5, 1))
    rows: list[Row] = []
    for node, attrs in sorted(sub.nodes(data=True)):
        pr = "pr_agency" in (attrs.get("roles") or [])
        colour = PR_AGENCY_COLOUR if pr else LABEL_COLOURS.get(str(attrs.get("label")), "#999999")
        rows.append({"id": node, "label": attrs.get("label"), "name": _node_text(sub, node),
                     "distance": attrs.get("distance"), "colour": colour, "pr_agency": pr})
    side = 8.5 if len(rows) <= 30 else 12.0
    figure = Figure(figsize=(side * 1.3, side))
    axes = figure.add_subplot()
    axes.set_axis_off()
    for start, end, kind in sub.edges(data="type"):
        (x1, y1), (x2, y2) = layout[start], layout[end]
        axes.annotate("", (x2, y2), (x1, y1), arrowprops={"arrowstyle": "-|>", "color": "#aaaaaa",
                                                          "shrinkA": 8, "shrinkB": 8, "lw": 0.8})
        if sub.number_of_edges() <= 30:  # type names on the edges only while readable
            axes.text((x1 + x2) / 2, (y1 + y2) / 2, str(kind), fontsize=6, color="#777777",
                      ha="center", va="center")
    for row in rows:
        x, y = layout[row["id"]]
        axes.scatter([x], [y], s=420 if row["id"] == center else 180, color=row["colour"],
                     edgecolors="black" if row["id"] == center else "white", zorder=3)
        axes.text(x, y - 0.06, _short(row["name"], 30), fontsize=7, ha="center", va="top",
                  zorder=4)
    shown = sorted({(r["label"], r["colour"], r["pr_agency"]) for r in rows},
                   key=lambda t: (str(t[0]), t[2]))
    handles = [Line2D([], [], marker="o", linestyle="", color=colour, markersize=9,
                      label="PR agency" if pr else str(label)) for label, colour, pr in shown]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Label")
    axes.set_title(f"{display_name(sub, center)}: ego network, depth {depth}")
    return Plot(_save(figure, out), rows)
