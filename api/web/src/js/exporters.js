// Client-side exports of the current view: GEXF 1.3 (Gephi) and GraphML.
// Both carry every property, the label / relationship type, and the source URLs.

const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value) {
  return String(value ?? "")
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

function hexToRgb(hex) {
  const value = parseInt(String(hex || "#666666").replace("#", ""), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}

function cell(value) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join("|") : null;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Attribute columns (name -> type) over some items' properties. */
function columns(items, extra) {
  const types = new Map(extra.map((name) => [name, "string"]));
  for (const item of items) {
    for (const [name, value] of Object.entries(item.properties)) {
      if (value === null || value === undefined || name === "sources") continue;
      const kind = typeof value === "number" ? "double" : typeof value === "boolean" ? "boolean" : "string";
      const seen = types.get(name);
      types.set(name, seen && seen !== kind ? "string" : kind);
    }
  }
  return types;
}

function row(item, extras) {
  const values = {};
  for (const [name, value] of Object.entries(item.properties)) {
    if (name === "sources") continue;
    const text = cell(value);
    if (text !== null) values[name] = text;
  }
  for (const [name, value] of Object.entries(extras)) {
    const text = cell(value);
    if (text !== null) values[name] = text;
  }
  return values;
}

function provenance(item, sourceUrls) {
  const ids = Array.isArray(item.properties.sources) ? item.properties.sources : [];
  return { sources: ids, source_urls: ids.map((id) => sourceUrls.get(id)).filter(Boolean) };
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

export function toGexf(graph, sourceUrls = new Map(), description = "") {
  // the node's label (its type) is the attribute "type": GEXF's own `label` is its name;
  // colour, position and size in the viz namespace, as Gephi and NetworkX read them
  const nodeCols = columns(graph.nodes, ["type", "sources", "source_urls"]);
  const edgeCols = columns(graph.edges, ["type", "sources", "source_urls"]);
  const ids = (cols) => new Map([...cols.keys()].map((name, i) => [name, `${i}`]));
  const nodeIds = ids(nodeCols);
  const edgeIds = ids(edgeCols);
  const gexfType = (t) => (t === "double" ? "double" : t === "boolean" ? "boolean" : "string");
  const out = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
    + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    + 'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">');
  out.push(`  <meta lastmodifieddate="${today()}">`);
  out.push("    <creator>enforcegraph web page</creator>");
  out.push(`    <description>${xmlEscape(description || "A view of the enforcegraph network")}</description>`);
  out.push("  </meta>");
  out.push('  <graph defaultedgetype="directed" mode="static" idtype="string">');
  out.push('    <attributes class="node" mode="static">');
  for (const [name, type] of nodeCols) {
    out.push(`      <attribute id="${nodeIds.get(name)}" title="${xmlEscape(name)}" type="${gexfType(type)}"/>`);
  }
  out.push("    </attributes>");
  out.push('    <attributes class="edge" mode="static">');
  for (const [name, type] of edgeCols) {
    out.push(`      <attribute id="${edgeIds.get(name)}" title="${xmlEscape(name)}" type="${gexfType(type)}"/>`);
  }
  out.push("    </attributes>");
  out.push(`    <nodes count="${graph.nodes.length}">`);
  for (const node of graph.nodes) {
    const values = row(node, { type: node.label, ...provenance(node, sourceUrls) });
    out.push(`      <node id="${xmlEscape(node.id)}" label="${xmlEscape(node.name)}">`);
    out.push("        <attvalues>");
    for (const [name, value] of Object.entries(values)) {
      out.push(`          <attvalue for="${nodeIds.get(name)}" value="${xmlEscape(value)}"/>`);
    }
    out.push("        </attvalues>");
    const { r, g, b } = hexToRgb(node.colour);
    out.push(`        <viz:color r="${r}" g="${g}" b="${b}"/>`);
    const x = Number(node.position?.x || 0).toFixed(2);
    const y = (-Number(node.position?.y || 0)).toFixed(2);
    out.push(`        <viz:position x="${x}" y="${y}" z="0.0"/>`);
    out.push(`        <viz:size value="${node.path ? "14.0" : "10.0"}"/>`);
    out.push("      </node>");
  }
  out.push("    </nodes>");
  out.push(`    <edges count="${graph.edges.length}">`);
  for (const edge of graph.edges) {
    const values = row(edge, { type: edge.type, ...provenance(edge, sourceUrls) });
    out.push(`      <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}" `
      + `label="${xmlEscape(edge.type)}" kind="${xmlEscape(edge.type)}" weight="1.0">`);
    out.push("        <attvalues>");
    for (const [name, value] of Object.entries(values)) {
      out.push(`          <attvalue for="${edgeIds.get(name)}" value="${xmlEscape(value)}"/>`);
    }
    out.push("        </attvalues>");
    out.push("      </edge>");
  }
  out.push("    </edges>");
  out.push("  </graph>");
  out.push("</gexf>");
  return `${out.join("\n")}\n`;
}

export function toGraphml(graph, sourceUrls = new Map(), description = "") {
  const nodeCols = columns(graph.nodes, ["label", "name", "sources", "source_urls"]);
  const edgeCols = columns(graph.edges, ["type", "sources", "source_urls"]);
  const nodeKeys = new Map([...nodeCols.keys()].map((name, i) => [name, `n${i}`]));
  const edgeKeys = new Map([...edgeCols.keys()].map((name, i) => [name, `e${i}`]));
  const out = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    + 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  out.push(`  <!-- ${xmlEscape(description || "A view of the enforcegraph network").replace(/--/g, "- -")} -->`);
  for (const [name, type] of nodeCols) {
    out.push(`  <key id="${nodeKeys.get(name)}" for="node" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`);
  }
  for (const [name, type] of edgeCols) {
    out.push(`  <key id="${edgeKeys.get(name)}" for="edge" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`);
  }
  out.push('  <graph id="enforcegraph" edgedefault="directed">');
  for (const node of graph.nodes) {
    const values = row(node, { label: node.label, name: node.name, ...provenance(node, sourceUrls) });
    out.push(`    <node id="${xmlEscape(node.id)}">`);
    for (const [name, value] of Object.entries(values)) {
      out.push(`      <data key="${nodeKeys.get(name)}">${xmlEscape(value)}</data>`);
    }
    out.push("    </node>");
  }
  for (const edge of graph.edges) {
    const values = row(edge, { type: edge.type, ...provenance(edge, sourceUrls) });
    out.push(`    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">`);
    for (const [name, value] of Object.entries(values)) {
      out.push(`      <data key="${edgeKeys.get(name)}">${xmlEscape(value)}</data>`);
    }
    out.push("    </edge>");
  }
  out.push("  </graph>");
  out.push("</graphml>");
  return `${out.join("\n")}\n`;
}
