// The interactive network view: Cytoscape.js, capped expansion, filters, paths.
import * as api from "./api.js";
import { displayName, labelStyle, isPrAgency, shortLabel } from "./labels.js";
import { applyFilters, filterSummary } from "./netfilter.js";
import { keydown } from "./netkeys.js";
import { freePosition, ringPosition, spreadAround } from "./netplace.js";
import { pngWithLegend } from "./legend.js";
import { STYLE, nodeSize, sanctionEur } from "./netstyle.js";

export const FAN_OUT = 12;

// Which neighbours an expansion shows first when it cannot show them all.
const TYPE_PRIORITY = [
  "REPRESENTED_BY", "OFFICER_OF", "AGAINST", "ISSUED", "IMPOSES", "CONTRADICTED_BY", "MADE_BY",
  "ISSUED_VIA", "ABOUT", "APPEAL_OF", "INFRINGES", "CITES", "HAS_ESTABLISHMENT", "INCORPORATED_IN",
  "ENFORCES", "COVERS", "MEMBER_OF", "PART_OF",
];


function relDate(rel) {
  return rel.validFrom || rel.validTo || null;
}

function sortRelationships(rels, id) {
  const rank = (type) => { const i = TYPE_PRIORITY.indexOf(type); return i < 0 ? 99 : i; };
  return [...rels].sort((a, b) => {
    const ra = rank(a.type), rb = rank(b.type);
    if (ra !== rb) return ra - rb;
    const oa = a.fromId === id ? a.to : a.from;
    const ob = b.fromId === id ? b.to : b.from;
    const da = oa?.properties?.date || relDate(a) || "";
    const db = ob?.properties?.date || relDate(b) || "";
    if (da !== db) return da < db ? 1 : -1; // newest first
    return (oa?.name || "").localeCompare(ob?.name || "");
  });
}

export class Network {
  constructor(container, { onOpen, onChange, onInfo }) {
    this.onOpen = onOpen;
    this.onChange = onChange;
    this.onInfo = onInfo || (() => {});
    this.expanded = new Map();   // id -> how many neighbours are shown
    this.pinned = new Set();      // entities opened by the analyst
    this.cache = new Map();       // id -> relationships (sorted)
    this.hiddenTypes = new Set();
    this.dateFrom = "";
    this.dateTo = "";
    this.pathEnds = null;         // [from, to] when a path is shown
    this.pathK = 1;               // how many shortest paths
    this.avoid = [];              // labels a path must not pass through
    this.hiddenLabels = new Set();
    this.undated = "keep";        // undated items under a date range: keep | hide
    this.fold = false;            // sanctions folded into their decisions
    this.hiddenNodes = new Set(); // nodes the analyst hid
    this.locked = new Set();      // nodes pinned where they are
    this.focus = null;
    this.cy = window.cytoscape({
      container, style: STYLE, minZoom: 0.15, maxZoom: 3,
      boxSelectionEnabled: false, elements: [],
    });
    this.cy.on("tap", "node", (event) => {
      const node = event.target;
      if (node.hasClass("more")) this.safe(this.showMore(node.data("owner")));
      else this.onOpen(node.id());
    });
    container.addEventListener("keydown", (event) => this.keydown(event));
    this.cy.on("dbltap", "node", (event) => {
      const node = event.target;
      if (!node.hasClass("more")) this.safe(this.expand(node.id()));
    });
    this.cy.on("dragfree", "node", () => this.changed());
  }

  /** Run an action started from the canvas; report its failure instead of throwing. */
  safe(promise) {
    if (this.guard) { this.guard(() => promise); return; }
    promise.catch((error) => {
      console.warn(error);
      this.onInfo(`Failed: ${error.message || error}`);
    });
  }

  // -- keyboard (netkeys.js) ---------------------------------------------------
  keydown(event) {
    keydown(this, event);
  }

  // -- elements ---------------------------------------------------------------
  nodeData(node) {
    const style = labelStyle(node.label);
    const props = node.properties || {};
    const eur = node.label === "Sanction" ? sanctionEur(props) : null;
    const caption = shortLabel(node);
    const size = nodeSize(eur);
    return {
      id: node.id, label: node.label, name: displayName(node), caption, baseCaption: caption,
      size, baseSize: size, eur, colour: style.colour, shape: style.shape, pr: isPrAgency(node),
      properties: props,
    };
  }

  addNode(node, near = null) {
    const existing = this.cy.getElementById(node.id);
    if (existing.nonempty()) {
      existing.data(this.nodeData(node));
      return existing;
    }
    const position = near ? this.ringPosition(near) : this.freePosition();
    return this.cy.add({ group: "nodes", data: this.nodeData(node), position });
  }

  addRelationship(rel) {
    if (this.cy.getElementById(rel.id).nonempty()) return;
    if (this.cy.getElementById(rel.fromId).empty() || this.cy.getElementById(rel.toId).empty()) return;
    this.cy.add({ group: "edges", data: {
      id: rel.id, source: rel.fromId, target: rel.toId, type: rel.type,
      validFrom: rel.validFrom || "", validTo: rel.validTo || "", properties: rel.properties || {},
    } });
  }

  ringPosition(nearId) {
    return ringPosition(this.cy, nearId);
  }

  spreadAround(id, added) {
    spreadAround(this.cy, id, added);
  }

  freePosition() {
    return freePosition(this.cy);
  }

  has(id) {
    return this.cy.getElementById(id).nonempty();
  }

  // -- analyst actions --------------------------------------------------------
  /** Put an entity in the view, mark it as the focus, and pan to it. */
  show(node) {
    const hadNodes = this.cy.nodes().nonempty();
    this.pinned.add(node.id);
    const el = this.addNode(node);
    this.setFocus(node.id);
    if (!hadNodes) this.cy.center(el);
    this.applyFilters();
    this.changed();
    return el;
  }

  setFocus(id) {
    this.focus = id;
    this.cy.nodes(".focus").removeClass("focus");
    const el = this.cy.getElementById(id);
    if (el.nonempty()) {
      el.addClass("focus");
      this.cy.elements(":selected").unselect();
      el.select();
    }
  }

  async relationships(id) {
    if (!this.cache.has(id)) {
      const node = await api.neighbours(id);
      if (!node) throw new Error(`No entity ${id}.`);
      this.cache.set(id, { node, rels: sortRelationships(node.relationships || [], id) });
    }
    return this.cache.get(id);
  }

  /** Show the first `limit` relationships of a node and the nodes at their other ends.
   * The order does not depend on the filters (they only hide), so a permalink replays it. */
  async expand(id, limit = null, { layout = true } = {}) {
    const want = limit ?? Math.max(this.expanded.get(id) || 0, FAN_OUT);
    const { node, rels } = await this.relationships(id);
    this.addNode(node);
    const shown = rels.slice(0, want);
    this.cy.batch(() => {
      const added = [];
      for (const rel of shown) {
        const other = rel.fromId === id ? rel.to : rel.from;
        if (!other) continue;
        if (!this.has(other.id)) added.push(this.addNode(other, id));
        this.addRelationship(rel);
      }
      this.spreadAround(id, added);
      // relationships between nodes already in view come along too
      for (const rel of rels) {
        if (this.has(rel.fromId) && this.has(rel.toId)) this.addRelationship(rel);
      }
      this.expanded.set(id, want);
      this.cy.getElementById(id).addClass("expanded");
      this.updateMore(id, rels.length - shown.length);
    });
    this.applyFilters();
    if (layout) this.layout();
    // a hub lists its first relationships only (the server's largest page): "of 500+"
    const total = `${rels.length}${node.moreRelationships ? "+" : ""}`;
    this.onInfo(`${displayName(node)}: ${shown.length} of ${total} relationships shown`);
    this.changed();
  }

  /** Put a table row's entities in the view with the relationships among them. */
  async addEntities(ids) {
    const found = await api.rowGraph(ids);
    if (!found.nodes.length) throw new Error("None of the row's entities is in the graph.");
    this.cy.batch(() => {
      let previous = null;
      for (const node of found.nodes) {
        this.pinned.add(node.id);
        const el = this.addNode(node, previous);
        previous = previous || el.id();
      }
      for (const rel of found.relationships) this.addRelationship(rel);
    });
    this.applyFilters();
    this.layout();
    this.changed();
    return found;
  }

  async showMore(id) {
    await this.expand(id, (this.expanded.get(id) || FAN_OUT) + FAN_OUT);
  }

  updateMore(id, hidden) {
    const moreId = `more::${id}`;
    this.cy.remove(this.cy.getElementById(moreId));
    if (hidden <= 0) return;
    this.cy.add({ group: "nodes", classes: "more", data: {
      id: moreId, owner: id, caption: `+${hidden} more`, more: true,
    }, position: this.ringPosition(id) });
    this.cy.add({ group: "edges", classes: "more-edge", data: { id: `moreedge::${id}`, source: id, target: moreId } });
  }

  /** Up to `pathK` shortest paths avoiding the `avoid` labels; returns them (shortest first). */
  async showPath(from, to, { layout = true } = {}) {
    const types = this.hiddenTypes.size ? this.visibleTypes() : null;
    const found = await api.paths(from, to, { types, avoid: this.avoid, k: this.pathK });
    this.clearPathMarks();
    this.pathEnds = [from, to];
    if (!found.length) {
      this.changed();
      return [];
    }
    this.cy.batch(() => {
      const marked = new Map();
      found.forEach((path, i) => {
        let previous = null;
        for (const node of path.nodes) {
          this.addNode(node, previous);
          previous = node.id;
        }
        for (const rel of path.relationships) this.addRelationship(rel);
        for (const item of [...path.nodes, ...path.relationships]) if (!marked.has(item.id)) marked.set(item.id, i);
      });
      this.cy.elements().forEach((el) => {
        if (marked.has(el.id())) el.addClass(`path path-${marked.get(el.id())}`);
        else el.addClass("faded");
      });
    });
    this.applyFilters();
    if (layout) this.layout();
    this.changed();
    return found;
  }

  clearPathMarks() {
    this.cy.elements().removeClass("path path-0 path-1 path-2 faded");
  }

  clearPath() {
    this.clearPathMarks();
    this.pathEnds = null;
    this.changed();
  }

  clear() {
    this.cy.elements().remove();
    this.expanded.clear();
    this.pinned.clear();
    this.hiddenNodes.clear();
    this.locked.clear();
    this.pathEnds = null;
    this.focus = null;
    this.changed();
  }

  // -- filters ----------------------------------------------------------------
  setAllTypes(types) {
    this.allTypes = types;
  }

  visibleTypes() {
    return (this.allTypes || []).filter((t) => !this.hiddenTypes.has(t));
  }

  setFilters({ hiddenTypes, hiddenLabels, dateFrom, dateTo, undated, fold }) {
    if (hiddenTypes) this.hiddenTypes = new Set(hiddenTypes);
    if (hiddenLabels) this.hiddenLabels = new Set(hiddenLabels);
    if (undated) this.undated = undated === "hide" ? "hide" : "keep";
    if (fold !== undefined) this.fold = Boolean(fold);
    if (dateFrom !== undefined) this.dateFrom = dateFrom || "";
    if (dateTo !== undefined) this.dateTo = dateTo || "";
    this.applyFilters();
    this.changed();
  }

  inRange(first, last) {
    if (this.dateFrom && last && last < this.dateFrom) return false;
    if (this.dateTo && first && first > this.dateTo) return false;
    return true;
  }

  applyFilters() {
    applyFilters(this);
    this.onInfo(filterSummary(this));
  }

  // -- hide and pin -------------------------------------------------------------
  hideNode(id) {
    if (!this.has(id)) return;
    this.hiddenNodes.add(id);
    this.cy.getElementById(id).unselect();
    this.applyFilters();
    this.changed();
  }

  showHidden() {
    this.hiddenNodes.clear();
    this.applyFilters();
    this.changed();
  }

  togglePin(id, pinned = !this.locked.has(id)) {
    const el = this.cy.getElementById(id);
    if (el.empty()) return;
    if (pinned) { this.locked.add(id); el.lock(); el.addClass("locked"); }
    else { this.locked.delete(id); el.unlock(); el.removeClass("locked"); }
    this.changed();
  }

  setPositions(positions) {
    this.cy.batch(() => {
      for (const [id, x, y] of positions) {
        const el = this.cy.getElementById(id);
        if (el.nonempty()) { const was = el.locked(); el.unlock(); el.position({ x, y }); if (was) el.lock(); }
      }
    });
  }

  // -- layout -----------------------------------------------------------------
  layout({ fit = true } = {}) {
    const visible = this.cy.elements().not(".filtered");
    if (visible.empty()) return;
    const layout = visible.layout({
      name: "cose", animate: false, randomize: false, fit, padding: 40,
      nodeRepulsion: () => 40000, idealEdgeLength: () => 110, edgeElasticity: () => 60,
      nodeOverlap: 20, gravity: 0.3, numIter: 800, componentSpacing: 80,
    });
    layout.run();
    if (fit) this.clampZoom();
    this.changed();
  }

  /** Fitting a handful of nodes should not blow them up. */
  clampZoom() {
    if (this.cy.zoom() > 1.15) {
      this.cy.zoom(1.15);
      this.cy.center(this.cy.elements().not(".filtered"));
    }
  }

  fit() {
    this.cy.fit(this.cy.elements().not(".filtered"), 40);
    this.clampZoom();
  }

  // -- the view, for permalinks and exports -----------------------------------
  view() {
    return {
      focus: this.focus,
      pinned: [...this.pinned],
      expanded: [...this.expanded.entries()],
      hiddenTypes: [...this.hiddenTypes],
      hiddenLabels: [...this.hiddenLabels],
      dateFrom: this.dateFrom,
      dateTo: this.dateTo,
      undated: this.undated,
      fold: this.fold,
      hiddenNodes: [...this.hiddenNodes],
      locked: [...this.locked],
      path: this.pathEnds,
      pathK: this.pathK,
      avoid: this.avoid,
      positions: this.cy.nodes().not(".more").map((n) => [n.id(), n.position("x"), n.position("y")]),
    };
  }

  /** The nodes and relationships currently shown (filtered ones and "more" markers left out). */
  visibleGraph() {
    const nodes = this.cy.nodes().not(".more").not(".filtered");
    const ids = new Set(nodes.map((n) => n.id()));
    const edges = this.cy.edges().not(".more-edge").not(".filtered")
      .filter((e) => ids.has(e.source().id()) && ids.has(e.target().id()));
    return {
      nodes: nodes.map((n) => ({
        id: n.id(), label: n.data("label"), name: n.data("name"), properties: n.data("properties") || {},
        colour: n.data("colour"), position: n.position(), path: n.hasClass("path"),
        size: n.data("size"), undated: n.hasClass("undated"), focus: n.id() === this.focus,
      })),
      edges: edges.map((e) => ({
        id: e.id(), source: e.source().id(), target: e.target().id(), type: e.data("type"),
        properties: e.data("properties") || {}, path: e.hasClass("path"),
      })),
    };
  }

  /** The view as a PNG with its legend (the labels shown, the marks used). */
  png() {
    const picture = this.cy.png({ output: "base64uri", full: true, scale: 2, bg: "#ffffff" });
    const shown = new Set(this.cy.nodes().not(".more").not(".filtered").map((n) => n.data("label")));
    return pngWithLegend(picture, shown);
  }

  changed() {
    const hasNodes = this.cy.nodes().nonempty();
    this.onChange(this.view(), hasNodes);
  }
}
