"""Exports of the whole graph or any subgraph: one ``write()/finalize()`` exporter per format.

Formats register themselves on import: GraphML, GEXF 1.3, node-link JSON, CSV (neo4j-admin
import layout), a Cypher script, FollowTheMoney JSON lines (``ftm``, mapped by
schema/ftm_mapping.yaml), FtM statements with each value's dataset (``ftm-statements``)
and Parquet. Every node and edge carries ``source_urls``.
"""

from __future__ import annotations

from enforcegraph.graph.exports import (
    csv,
    cypher,
    ftm,
    ftm_statements,
    gexf,
    graphml,
    nodelink,
    parquet,
)
from enforcegraph.graph.exports.base import (
    EXPORTERS,
    ExportEdge,
    Exporter,
    ExportNode,
    export_graph,
    items,
    source_urls,
)
from enforcegraph.graph.exports.graphml import read_graphml
from enforcegraph.graph.exports.nodelink import read_node_link

__all__ = [
    "EXPORTERS",
    "ExportEdge",
    "ExportNode",
    "Exporter",
    "csv",
    "cypher",
    "export_graph",
    "ftm",
    "ftm_statements",
    "gexf",
    "graphml",
    "items",
    "nodelink",
    "parquet",
    "read_graphml",
    "read_node_link",
    "source_urls",
]
