// Colours and shapes per label, the graph labels of nodes, and the legend's symbols.
import { money, moneyShort, truncate, humanise } from "./format.js";

export const LABELS = {
  Company: { colour: "#2f6fd6", shape: "round-rectangle" },
  Person: { colour: "#8e44ad", shape: "ellipse" },
  Regulator: { colour: "#d35400", shape: "hexagon" },
  Court: { colour: "#8d6e63", shape: "octagon" },
  Jurisdiction: { colour: "#138d75", shape: "round-diamond" },
  Law: { colour: "#4a5a6a", shape: "rectangle" },
  LegalArticle: { colour: "#7f8fa6", shape: "tag" },
  Decision: { colour: "#c0392b", shape: "diamond" },
  Sanction: { colour: "#e0a100", shape: "star" },
  Statement: { colour: "#27ae60", shape: "round-triangle" },
  Source: { colour: "#95a5a6", shape: "barrel" },
};

const FALLBACK = { colour: "#666666", shape: "ellipse" };

export function labelStyle(label) {
  return LABELS[label] || FALLBACK;
}

export function isPrAgency(node) {
  const roles = node?.properties?.roles || [];
  return Array.isArray(roles) && roles.includes("pr_agency");
}

/** The name to show for a node where the API's name is only its id (statements, sanctions). */
export function displayName(node) {
  const p = node?.properties || {};
  if (node?.label === "Statement" && p.text) return `“${truncate(p.text, 110)}”`;
  if (node?.label === "Sanction") {
    const amount = p.amount !== undefined && p.amount !== null ? ` ${money(p.amount, p.currency)}` : "";
    return `${humanise(p.kind || "sanction")}${amount}${!amount && p.description ? `: ${truncate(p.description, 80)}` : ""}`;
  }
  return node?.name || node?.id || "";
}

/** A short caption for a node in the graph. */
export function shortLabel(node) {
  const p = node.properties || {};
  switch (node.label) {
    case "Sanction": {
      const amount = p.amount !== undefined && p.amount !== null ? ` ${moneyShort(p.amount, p.currency)}` : "";
      return `${humanise(p.kind || "sanction")}${amount}`;
    }
    case "Decision": {
      const year = p.date ? String(p.date).slice(0, 4) : "";
      const name = p.ref && String(p.ref).length <= 28 ? p.ref : p.title || p.ref || node.name;
      return truncate(year && !String(name).includes(year) ? `${name} (${year})` : name, 34);
    }
    case "Statement":
      return truncate(`“${p.text || node.name}”`, 30);
    case "Regulator":
      return p.acronym ? `${p.acronym} (${p.country || ""})` : truncate(node.name, 30);
    case "LegalArticle":
      return truncate(p.citation || node.name, 30);
    case "Law":
      return truncate(p.short_name || node.name, 30);
    default:
      return truncate(node.name || node.id, 30);
  }
}

/** SVG polygons approximating each Cytoscape shape, for the legend. */
const SHAPE_PATHS = {
  "round-rectangle": '<rect x="1" y="3" width="14" height="10" rx="3"/>',
  rectangle: '<rect x="1" y="3" width="14" height="10"/>',
  ellipse: '<circle cx="8" cy="8" r="6.5"/>',
  hexagon: '<polygon points="4,2 12,2 15.5,8 12,14 4,14 0.5,8"/>',
  octagon: '<polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5"/>',
  "round-diamond": '<polygon points="8,1 15,8 8,15 1,8" stroke-linejoin="round" stroke-width="2"/>',
  diamond: '<polygon points="8,0.5 15.5,8 8,15.5 0.5,8"/>',
  tag: '<polygon points="1,3 11,3 15,8 11,13 1,13"/>',
  star: '<polygon points="8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6"/>',
  "round-triangle": '<polygon points="8,1.5 15,14 1,14" stroke-linejoin="round" stroke-width="2"/>',
  barrel: '<rect x="2" y="2" width="12" height="12" rx="5" ry="2"/>',
};

export function shapeSvg(label, { pr = false } = {}) {
  const style = labelStyle(label);
  const shape = SHAPE_PATHS[style.shape] || SHAPE_PATHS.ellipse;
  const stroke = pr ? ' stroke="#111" stroke-width="2"' : ` stroke="${style.colour}"`;
  return `<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><g fill="${style.colour}"${stroke}>${shape}</g></svg>`;
}
