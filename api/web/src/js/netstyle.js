// The network's look: Cytoscape styles, node size by fine in EUR, path colours.

export const PATH_COLOURS = ["#f05a28", "#7b2cbf", "#0a9396"];
export const FOCUS_COLOUR = "#1f5fbf";
const BASE_SIZE = 22;

/** A sanction's amount in EUR: the stored conversion, else the amount when it is in EUR. */
export function sanctionEur(props) {
  if (props.amount_eur !== undefined && props.amount_eur !== null && Number.isFinite(Number(props.amount_eur))) {
    return Number(props.amount_eur);
  }
  if ((props.currency === "EUR" || !props.currency) && Number.isFinite(Number(props.amount)) && props.amount !== null) {
    return Number(props.amount);
  }
  return null;
}

/** Node size (px) growing with the logarithm of a fine in EUR: EUR 10k -> 24, 1M -> 36, 1B -> 54. */
export function nodeSize(eur) {
  if (!eur || eur <= 0) return BASE_SIZE;
  return Math.round(Math.min(60, Math.max(BASE_SIZE, 24 + 6 * (Math.log10(eur) - 4))));
}

export const STYLE = [
  { selector: "node", style: {
    "background-color": "data(colour)", shape: "data(shape)", label: "data(caption)",
    width: "data(size)", height: "data(size)", "border-width": 1, "border-color": "#ffffff",
    "font-size": 10, color: "#1d2430", "text-valign": "bottom", "text-margin-y": 3,
    "text-wrap": "ellipsis", "text-max-width": "130px", "min-zoomed-font-size": 6,
    "text-background-color": "#fbfcfd", "text-background-opacity": 0.8, "text-background-padding": "1px",
  } },
  { selector: "node[?pr]", style: { "border-width": 3, "border-color": "#111111", "border-style": "double" } },
  { selector: "node.expanded", style: { "border-width": 2, "border-color": "#17202e" } },
  { selector: "node[?pr].expanded", style: { "border-width": 3, "border-color": "#111111", "border-style": "double" } },
  // the focus: a blue halo under the node (never a border, which marks PR agencies)
  { selector: "node.focus", style: {
    "font-weight": "bold", "font-size": 11, "underlay-color": FOCUS_COLOUR, "underlay-opacity": 0.35,
    "underlay-padding": 9, "underlay-shape": "ellipse",
  } },
  { selector: "node.undated", style: { "border-width": 2, "border-style": "dashed", "border-color": "#5b6472" } },
  { selector: "node.locked", style: { "outline-width": 2, "outline-color": "#17202e", "outline-style": "dotted", "outline-offset": 3 } },
  { selector: "node.folding", style: { "text-wrap": "wrap", "text-max-width": "160px" } },
  { selector: "node:selected", style: { "overlay-color": FOCUS_COLOUR, "overlay-opacity": 0.18, "overlay-padding": 5 } },
  { selector: "node.more", style: {
    shape: "round-rectangle", "background-color": "#ffffff", "border-width": 1, "border-style": "dashed",
    "border-color": "#1f5fbf", color: "#1f5fbf", "text-valign": "center", "text-margin-y": 0,
    width: 64, height: 16, "font-size": 10,
    "text-background-opacity": 0,
  } },
  { selector: "edge", style: {
    width: 1.3, "line-color": "#b4bcc8", "target-arrow-shape": "triangle", "target-arrow-color": "#b4bcc8",
    "arrow-scale": 0.8, "curve-style": "bezier", label: "data(type)", "font-size": 7.5, color: "#7a8494",
    "text-rotation": "autorotate", "min-zoomed-font-size": 7, "text-background-color": "#fbfcfd",
    "text-background-opacity": 1, "text-background-padding": "1px",
  } },
  { selector: "edge.more-edge", style: { "line-style": "dashed", "target-arrow-shape": "none", label: "" } },
  { selector: "edge[type = 'CONTRADICTED_BY']", style: { "line-color": "#d9534f", "target-arrow-color": "#d9534f", "line-style": "dashed" } },
  { selector: ".faded", style: { opacity: 0.25 } },
  ...PATH_COLOURS.map((colour, i) => ({ selector: `node.path-${i}`, style: { "border-width": 4, "border-color": colour, opacity: 1 } })),
  ...PATH_COLOURS.map((colour, i) => ({ selector: `edge.path-${i}`, style: {
    width: 4, "line-color": colour, "target-arrow-color": colour, color: colour, opacity: 1, "z-index": 10 - i,
  } })),
  { selector: ".filtered", style: { display: "none" } },
];
