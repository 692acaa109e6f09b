"""HTTP exports: the exporters of ``graph/exports`` (the same files as ``enforcegraph export``),
written to a temporary file and streamed back in chunks; folder formats come as a zip.

Selections: the whole graph, an entity's neighbourhood (``of``, ``depth``), a catalogue
traversal's result (``traversal``, ``argument`` and its options) or a question's filtered
table (``question``, ``argument`` and the table's filters), each with its sources.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from enforcegraph.api.errors import BAD_USER_INPUT, LIMIT_EXCEEDED, ApiError
from enforcegraph.api.tables import question_selection
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.exports import EXPORTERS, export_graph
from enforcegraph.graph.exports.select import (
    SelectionTooLarge,
    ego_selection,
    traversal_selection,
    whole_graph,
)
from enforcegraph.graph.store.base import GraphStore
from enforcegraph.schema.errors import NotFound

__all__ = ["ALIASES", "MAX_EXPORT_DEPTH", "MAX_EXPORT_NODES", "Export", "export_format", "prepare_export"]

ALIASES = {"json": "nodelink"}
MAX_EXPORT_DEPTH = 3
MAX_EXPORT_NODES = 10_000  # an ego export past it is refused: `enforcegraph export --of` has no bound
CHUNK = 64 * 1024
_MEDIA = {
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".json": "application/json",
    ".ftm.json": "application/x-ndjson",
    ".cypher": "text/plain; charset=utf-8",
}


@dataclass
class Export:
    """A finished export in a temporary folder, streamed once and then removed."""

    path: Path
    media_type: str
    filename: str

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes in chunks; the temporary folder is removed at the end."""
        try:
            with self.path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk
        finally:
            shutil.rmtree(self.path.parent, ignore_errors=True)


def export_format(name: str) -> str:
    """The exporter name for a URL's format; NotFound listing the known ones."""
    fmt = ALIASES.get(name, name)
    if fmt not in EXPORTERS:
        known = ", ".join(sorted([*EXPORTERS, *ALIASES]))
        raise NotFound(f"no export format {name!r} (known: {known})")
    return fmt


def _selection(store: GraphStore, params: Mapping[str, str]) -> nx.MultiDiGraph:
    if "of" in params:
        try:
            depth = int(params.get("depth", "1"))
        except ValueError:
            raise ApiError(BAD_USER_INPUT, "depth must be a whole number") from None
        if not 1 <= depth <= MAX_EXPORT_DEPTH:
            raise ApiError(LIMIT_EXCEEDED, f"depth must be between 1 and {MAX_EXPORT_DEPTH}")
        try:
            return ego_selection(store, params["of"], depth, MAX_EXPORT_NODES)
        except SelectionTooLarge as exc:
            raise ApiError(LIMIT_EXCEEDED, f"{exc}: export it with `enforcegraph export --of "
                           f"{params['of']} --depth {depth}`, or ask a smaller depth") from None
    if "question" in params:
        return question_selection(store, params)
    if "traversal" in params:
        name = params["traversal"]
        if name not in CATALOGUE:
            raise NotFound(f"no traversal {name!r} (known: {', '.join(CATALOGUE)})")
        options = {k: params[k] for k in CATALOGUE[name].options if k in params}
        return traversal_selection(store, name, params.get("argument"), **options)
    return whole_graph(store)


def prepare_export(store: GraphStore, name: str, params: Mapping[str, str]) -> Export:
    """Select and write an export (blocking: run it in a thread)."""
    fmt = export_format(name)
    graph = _selection(store, params)
    exporter_cls = EXPORTERS[fmt]
    folder = Path(tempfile.mkdtemp(prefix="enforcegraph-export-"))
    try:
        if exporter_cls.is_folder:
            export_graph(graph, fmt, folder / fmt)
            archive = folder / f"enforcegraph-{fmt}.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
                for item in sorted((folder / fmt).rglob("*")):
                    if item.is_file():
                        zipped.write(item, item.relative_to(folder / fmt))
            return Export(archive, "application/zip", archive.name)
        target = folder / f"enforcegraph{exporter_cls.suffix}"
        export_graph(graph, fmt, target)
        media = _MEDIA.get(exporter_cls.suffix, "application/octet-stream")
        return Export(target, media, target.name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
