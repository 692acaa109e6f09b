"""What every exporter shares: nodes and edges with provenance, the write()/finalize() contract."""

from __future__ import annotations

import abc
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx

from enforcegraph.graph.record.assertions import Assertion
from enforcegraph.graph.store.base import display_name

__all__ = [
    "EXPORTERS",
    "ExportEdge",
    "ExportNode",
    "Exporter",
    "Item",
    "export_graph",
    "items",
    "register",
    "source_urls",
]

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ExportNode:
    """A node as exporters see it: id, label, properties and the URLs of its sources."""

    id: str
    label: str
    properties: dict[str, Any]
    source_urls: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Best human name."""
        return display_name(self.id, self.properties)

    def row(self) -> dict[str, Any]:
        """A flat record: id, label, display name, properties and source URLs."""
        return {"id": self.id, "label": self.label, "display_name": self.name,
                **self.properties, "source_urls": self.source_urls}


@dataclass(frozen=True)
class ExportEdge:
    """A relationship as exporters see it."""

    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]
    source_urls: list[str] = field(default_factory=list)


Item = ExportNode | ExportEdge


def source_urls(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Source id -> URL, from the Source nodes of a graph."""
    return {
        node: str(attrs["url"])
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") == "Source" and attrs.get("url")
    }


def _urls(props: dict[str, Any], urls: dict[str, str]) -> list[str]:
    return sorted({urls[s] for s in props.get("sources") or [] if s in urls})


def items(graph: nx.MultiDiGraph, urls: dict[str, str] | None = None) -> Iterator[Item]:
    """Every node (in id order), then every edge (in id order), with source URLs resolved.

    ``urls`` maps Source ids to URLs (default: the graph's own Source nodes). A Source
    node's own provenance is its URL.
    """
    urls = source_urls(graph) if urls is None else urls
    for node in sorted(graph.nodes):
        attrs = dict(graph.nodes[node])
        label = str(attrs.pop("label", ""))
        attrs.pop("distance", None)
        own = [str(attrs["url"])] if label == "Source" and attrs.get("url") else []
        yield ExportNode(node, label, attrs, own or _urls(attrs, urls))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2]))
    for start, end, key, data in edges:
        props = dict(data)
        rel_type = str(props.pop("type", ""))
        yield ExportEdge(str(key), rel_type, start, end, props, _urls(props, urls))


class Exporter(abc.ABC):
    """One output format: ``write()`` each node and edge, then ``finalize()`` once.

    ``target`` is a file, or a folder for formats that write several files.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    suffix: ClassVar[str]
    is_folder: ClassVar[bool] = False
    needs_records: ClassVar[bool] = False  # wants what each dataset said (``records``)

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.nodes = 0
        self.edges = 0
        self.records: Mapping[str, list[Assertion]] = {}

    def write(self, item: Item) -> None:
        """Write one node or relationship (nodes must come before the edges touching them)."""
        if isinstance(item, ExportNode):
            self.nodes += 1
            self.write_node(item)
        else:
            self.edges += 1
            self.write_edge(item)

    @abc.abstractmethod
    def write_node(self, node: ExportNode) -> None:
        """Write one node."""

    @abc.abstractmethod
    def write_edge(self, edge: ExportEdge) -> None:
        """Write one relationship."""

    @abc.abstractmethod
    def finalize(self) -> None:
        """Flush everything to ``target``."""


EXPORTERS: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator adding an exporter to the registry."""
    EXPORTERS[cls.name] = cls
    return cls


def export_graph(
    graph: nx.MultiDiGraph,
    fmt: str,
    target: Path,
    *,
    urls: dict[str, str] | None = None,
    progress: Progress | None = None,
    records: Mapping[str, list[Assertion]] | None = None,
) -> Exporter:
    """Export a graph (or any subgraph) in format ``fmt`` to ``target``; return the exporter.

    ``records`` (what each dataset said, by node and relationship id) is handed to the
    formats that state it (``needs_records``)."""
    from enforcegraph.graph import exports  # noqa: F401  (registers the formats)

    if fmt not in EXPORTERS:
        from enforcegraph.schema.errors import NotFound

        raise NotFound(f"no export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    exporter = EXPORTERS[fmt](target)
    exporter.records = records or {}
    if not exporter.is_folder:
        exporter.target.parent.mkdir(parents=True, exist_ok=True)
    for item in items(graph, urls):
        exporter.write(item)
        if progress is not None:
            progress(1)
    exporter.finalize()
    return exporter


def plain(value: Any) -> Any:
    """A value for formats without lists: lists become JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
