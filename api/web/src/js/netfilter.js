// What the network shows: filters by relationship type, label and dates (undated items
// handled explicitly), nodes the analyst hid, and sanctions folded into their decisions.
import { dateBounds, moneyShort } from "./format.js";
import { nodeSize } from "./netstyle.js";

// Labels whose items have a date (a sanction has its decision's).
export const DATED = new Set(["Decision", "Sanction", "Statement"]);
const FOLDED_SHOWN = 3;

export function nodeDate(el) {
  const props = el.data("properties") || {};
  if (props.date) return props.date;
  if (el.data("label") === "Sanction") {
    const decision = el.incomers("edge[type = 'IMPOSES']").sources().first();
    if (decision.nonempty()) return (decision.data("properties") || {}).date || null;
  }
  return null;
}

/** Fold each sanction into a decision in view that imposes it: the decision's caption lists
 * them ("+ fine EUR 20M") and its size follows their total in EUR. */
function fold(net, out) {
  const folded = new Map();  // decision id -> sanction nodes
  if (net.fold) {
    net.cy.nodes("[label = 'Sanction']").forEach((s) => {
      const decision = s.incomers("edge[type = 'IMPOSES']").sources().filter((d) => !out.has(d.id())).first();
      if (decision.empty() || s.id() === net.focus) return;
      out.add(s.id());
      if (!folded.has(decision.id())) folded.set(decision.id(), []);
      folded.get(decision.id()).push(s);
    });
  }
  net.cy.nodes("[label = 'Decision']").forEach((d) => {
    const sanctions = folded.get(d.id());
    if (!sanctions) {
      d.data({ caption: d.data("baseCaption"), size: d.data("baseSize") });
      d.removeClass("folding");
      return;
    }
    const lines = sanctions.slice(0, FOLDED_SHOWN).map((s) => `+ ${s.data("baseCaption")}`);
    if (sanctions.length > FOLDED_SHOWN) lines.push(`+ ${sanctions.length - FOLDED_SHOWN} more`);
    const eur = sanctions.reduce((sum, s) => sum + (s.data("eur") || 0), 0);
    d.data({ caption: [d.data("baseCaption"), ...lines].join("\n"), size: nodeSize(eur),
      folded: eur ? moneyShort(eur, "EUR") : "" });
    d.addClass("folding");
  });
}

export function applyFilters(net) {
  const cy = net.cy;
  const keep = new Set([...net.pinned, ...net.expanded.keys(), ...(net.pathEnds || [])]);
  if (net.focus) keep.add(net.focus);
  const ranged = Boolean(net.dateFrom || net.dateTo);
  cy.batch(() => {
    cy.elements().removeClass("filtered");
    const out = new Set();
    cy.nodes().not(".more").forEach((n) => {
      const id = n.id();
      const date = nodeDate(n);
      const undated = DATED.has(n.data("label")) && !date;
      n.toggleClass("undated", undated);
      const bounds = dateBounds(date);
      const outOfRange = bounds ? !net.inRange(bounds[0], bounds[1]) : undated && ranged && net.undated === "hide";
      if (outOfRange && !keep.has(id)) out.add(id);
      if (net.hiddenLabels.has(n.data("label")) && id !== net.focus) out.add(id);
      if (net.hiddenNodes.has(id)) out.add(id);
    });
    fold(net, out);
    cy.edges().not(".more-edge").forEach((e) => {
      const from = e.data("validFrom"), to = e.data("validTo");
      const undatedEdge = !from && !to;
      const hide = net.hiddenTypes.has(e.data("type"))
        || (undatedEdge ? false : !net.inRange(from || to, to || from))
        || out.has(e.source().id()) || out.has(e.target().id());
      if (hide) e.addClass("filtered");
    });
    cy.nodes().not(".more").forEach((n) => {
      if (out.has(n.id())) { n.addClass("filtered"); return; }
      if (keep.has(n.id())) return;
      const edges = n.connectedEdges().not(".more-edge");
      if (edges.nonempty() && edges.filter(".filtered").length === edges.length) n.addClass("filtered");
    });
    cy.nodes(".more").forEach((n) => {
      if (cy.getElementById(n.data("owner")).hasClass("filtered")) n.addClass("filtered");
    });
  });
}

export function filterSummary(net) {
  const nodes = net.cy.nodes().not(".more").not(".filtered").length;
  const edges = net.cy.edges().not(".more-edge").not(".filtered").length;
  const hidden = net.cy.nodes(".filtered").not(".more").length;
  const undated = net.cy.nodes(".undated").not(".filtered").length;
  if (!nodes) return "";
  const parts = [`${nodes} nodes, ${edges} relationships`];
  if (hidden) parts.push(`${hidden} filtered out`);
  if (undated) parts.push(`${undated} undated`);
  return parts.join(" · ");
}
