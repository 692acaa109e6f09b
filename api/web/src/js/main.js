// Wires the page together: search, entity page, network, filters, path, exports, permalink.
import * as api from "./api.js";
import { EntityPanel } from "./entity.js";
import { toGexf, toGraphml } from "./exporters.js";
import { h } from "./format.js";
import { displayName } from "./labels.js";
import { renderLegend } from "./legend.js";
import { Network } from "./network.js";
import { decodeView, encodeView, isEmpty } from "./permalink.js";
import { QuestionsView } from "./questions.js";
import { SearchBox } from "./search.js";
import { Tabs, checkboxMenu } from "./toolbar.js";

const $ = (id) => document.getElementById(id);

class App {
  constructor() {
    this.restoring = false;
    this.path = { from: null, to: null };
    this.network = new Network($("cy"), {
      onOpen: (id) => this.open(id, { push: true }),
      onChange: (view, hasNodes) => this.viewChanged(view, hasNodes),
      onInfo: (text) => { $("graph-info").textContent = text; },
    });
    this.network.guard = (action) => this.guard(action);  // canvas actions report errors, mark busy
    this.panel = new EntityPanel($("entity"), {
      open: (id) => this.open(id, { push: true }),
      expand: (id) => this.guard(() => (this.network.expanded.has(id)
        ? this.network.showMore(id) : this.network.expand(id))),
      centre: (id) => this.centre(id),
      pathFrom: (node) => this.setPathEnd("from", node),
      pathTo: (node) => this.setPathEnd("to", node),
    });
    this.tabs = new Tabs(["questions", "entity"], () => this.writeHash(false));
    this.questions = new QuestionsView({
      actions: {
        open: (id) => this.open(id, { push: true }),
        add: (ids) => this.guard(async () => {
          const found = await this.network.addEntities(ids);
          this.toast(`Added ${found.nodes.length} entities and ${found.relationships.length} relationships to the network.`);
        }),
      },
      onChange: () => { if (!this.restoring) this.writeHash(false); },
      guard: (action) => this.guard(action),
      toast: (message, error) => this.toast(message, error),
    });
    this.search = new SearchBox($("search-input"), $("search-results"), (node) => this.open(node.id, { push: true, expand: true }));
    this.bindToolbar();
    renderLegend($("legend"));
    if (window.matchMedia("(max-width: 900px)").matches) $("legend-box").open = false;  // phones: folded
    document.addEventListener("keydown", (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
      if (event.key === "/" && !typing) { event.preventDefault(); $("search-input").focus(); $("search-input").select(); }
    });
    window.addEventListener("popstate", () => this.restore(decodeView(location.hash)));
  }

  async start() {
    document.body.dataset.ready = "false";
    const view = decodeView(location.hash);
    if (view.table || view.tab === "questions") this.questions.prefetch(view.table);
    try {
      const [types, labels] = await Promise.all([api.relationshipTypes(), api.labels(), this.questions.load()]);
      this.renderTypeFilter(types.map((t) => t.name), types);
      this.renderLabelFilters(labels);
    } catch (error) {
      this.toast(`The API is not answering: ${error.message}`, true);
    }
    await this.restore(view);
    document.body.dataset.ready = "true";
  }

  async guard(action) {
    document.body.dataset.busy = "true";
    try {
      return await action();
    } catch (error) {
      console.error(error);
      this.toast(error.message || String(error), true);
      return null;
    } finally {
      document.body.dataset.busy = "false";
    }
  }

  /** Open an entity: its page on the left, the node in the network. */
  async open(id, { push = false, expand = false } = {}) {
    return this.guard(async () => {
      this.tabs.show("entity");
      const node = await this.panel.show(id);
      if (!node) return null;
      document.title = `${displayName(node)} — enforcegraph`;
      this.network.show(node);
      if (expand && !this.network.expanded.has(id)) await this.network.expand(id);
      this.centre(id);
      if (push) this.writeHash(true);
      $("entity-title")?.setAttribute("tabindex", "-1");
      if (expand) $("entity-title")?.focus({ preventScroll: true });
      return node;
    });
  }

  centre(id) {
    const el = this.network.cy.getElementById(id);
    if (el.nonempty()) this.network.cy.animate({ center: { eles: el }, duration: 200 });
  }

  // -- permalink ---------------------------------------------------------------
  viewChanged(view, hasNodes) {
    $("graph-empty").hidden = hasNodes;
    if (!this.restoring) this.writeHash(false);
  }

  writeHash(push) {
    const hash = encodeView({ ...this.network.view(), tab: this.tabs.current }, this.questions.state);
    const url = `${location.pathname}${location.search}${hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  async restore(view) {
    this.restoring = true;
    document.body.dataset.ready = "false";
    try {
      this.network.clear();
      this.network.setFilters({ hiddenTypes: view.hiddenTypes, hiddenLabels: view.hiddenLabels, dateFrom: view.dateFrom,
        dateTo: view.dateTo, undated: view.undated, fold: view.fold });
      this.network.pathK = view.pathK;
      this.network.avoid = view.avoid;
      view.hiddenNodes.forEach((id) => this.network.hiddenNodes.add(id));
      this.syncFilterControls();
      const table = this.questions.restore(view.table);  // the table loads beside the network
      const pinned = await api.nodes(view.pinned);
      for (const node of pinned) this.network.show(node);
      for (const [id, shown] of view.expanded) {
        await this.network.expand(id, shown, { layout: false });
      }
      if (view.path) {
        const [from, to] = await api.nodes(view.path);
        if (from && to) {
          this.setPathEnd("from", from, { run: false });
          this.setPathEnd("to", to, { run: false });
          await this.network.showPath(from.id, to.id, { layout: false });
        }
      }
      if (view.positions.length) {
        this.network.setPositions(view.positions);
        this.network.fit();
      } else {
        this.network.layout();
      }
      view.locked.forEach((id) => this.network.togglePin(id, true));
      this.network.applyFilters();
      if (view.focus) {
        const node = await this.panel.show(view.focus);
        if (node) { this.network.setFocus(node.id); document.title = `${displayName(node)} — enforcegraph`; }
      }
      this.tabs.show(view.tab);
      await table;
    } catch (error) {
      this.toast(`Could not restore the view: ${error.message}`, true);
    } finally {
      this.restoring = false;
      document.body.dataset.ready = "true";
    }
  }

  // -- toolbar -----------------------------------------------------------------
  bindToolbar() {
    $("fit").addEventListener("click", () => this.network.fit());
    $("relayout").addEventListener("click", () => this.network.layout());
    $("clear").addEventListener("click", () => { this.network.clear(); this.clearPath(); });
    $("date-from").addEventListener("change", (e) => this.network.setFilters({ dateFrom: e.target.value }));
    $("date-to").addEventListener("change", (e) => this.network.setFilters({ dateTo: e.target.value }));
    $("undated").addEventListener("change", (e) => this.network.setFilters({ undated: e.target.value }));
    $("fold-sanctions").addEventListener("click", () => {
      this.network.setFilters({ fold: !this.network.fold });
      this.syncFilterControls();
    });
    $("node-hide").addEventListener("click", () => this.onSelected((id) => this.network.hideNode(id)));
    $("node-pin").addEventListener("click", () => this.onSelected((id) => this.network.togglePin(id)));
    $("show-hidden").addEventListener("click", () => this.network.showHidden());
    $("path-k").addEventListener("change", (e) => { this.network.pathK = Number(e.target.value); this.runPathIfSet(); });
    this.network.cy.on("select unselect", "node", () => this.syncSelection());
    $("path-go").addEventListener("click", () => this.runPath());
    $("path-clear").addEventListener("click", () => this.clearPath());
    $("export-gexf").addEventListener("click", () => this.guard(() => this.exportXml("gexf")));
    $("export-graphml").addEventListener("click", () => this.guard(() => this.exportXml("graphml")));
    $("export-png").addEventListener("click", () => this.guard(() => this.exportPng()));
    $("permalink").addEventListener("click", () => this.copyLink());
    $("types-all").addEventListener("click", () => this.setHiddenTypes([]));
    $("types-none").addEventListener("click", () => this.setHiddenTypes(this.allTypes || []));
    for (const id of ["type-filter", "label-filter", "avoid-filter"]) {
      document.addEventListener("click", (e) => { if ($(id).open && !$(id).contains(e.target)) $(id).open = false; });
      $(id).addEventListener("keydown", (e) => {
        if (e.key === "Escape") { $(id).open = false; $(id).querySelector("summary").focus(); }
      });
    }
  }

  renderTypeFilter(types, described) {
    this.allTypes = types;
    this.network.setAllTypes(types);
    checkboxMenu($("type-list"), described, (hidden) => this.setHiddenTypes(hidden));
    this.syncFilterControls();
  }

  renderLabelFilters(labels) {
    this.allLabels = labels.map((l) => l.name);
    const shown = labels.filter((l) => l.name !== "Source");
    checkboxMenu($("label-list"), shown, (hidden) => {
      this.network.setFilters({ hiddenLabels: hidden });
      this.syncFilterControls();
    });
    $("labels-all").addEventListener("click", () => { this.network.setFilters({ hiddenLabels: [] }); this.syncFilterControls(); });
    $("labels-none").addEventListener("click", () => {
      this.network.setFilters({ hiddenLabels: this.allLabels });
      this.syncFilterControls();
    });
    checkboxMenu($("avoid-list"), shown, () => {
      this.network.avoid = [...$("avoid-list").querySelectorAll("input:checked")].map((i) => i.value);
      this.syncFilterControls();
      this.runPathIfSet();
    }, { checked: false, prefix: "avoid" });
  }

  onSelected(action) {
    const selected = this.network.cy.nodes(":selected").not(".more").first();
    if (selected.empty()) { this.toast("Select a node in the network first (click it, or use the arrow keys).", true); return; }
    action(selected.id());
    this.syncSelection();
  }

  syncSelection() {
    const selected = this.network.cy.nodes(":selected").not(".more").first();
    $("node-pin").setAttribute("aria-pressed", String(selected.nonempty() && this.network.locked.has(selected.id())));
    $("show-hidden").disabled = !this.network.hiddenNodes.size;
    $("show-hidden").textContent = this.network.hiddenNodes.size ? `Show hidden (${this.network.hiddenNodes.size})` : "Show hidden";
  }

  setHiddenTypes(hidden) {
    this.network.setFilters({ hiddenTypes: hidden });
    this.syncFilterControls();
  }

  syncFilterControls() {
    const hidden = this.network.hiddenTypes;
    $("type-list").querySelectorAll("input[type=checkbox]").forEach((i) => { i.checked = !hidden.has(i.value); });
    const total = (this.allTypes || []).length;
    $("type-count").textContent = total ? `${total - [...hidden].filter((t) => this.allTypes.includes(t)).length}/${total}` : "";
    $("date-from").value = this.network.dateFrom;
    $("date-to").value = this.network.dateTo;
    $("undated").value = this.network.undated;
    $("fold-sanctions").setAttribute("aria-pressed", String(this.network.fold));
    const hiddenLabels = this.network.hiddenLabels;
    $("label-list").querySelectorAll("input[type=checkbox]").forEach((i) => { i.checked = !hiddenLabels.has(i.value); });
    const labelTotal = $("label-list").querySelectorAll("input[type=checkbox]").length;
    const labelHidden = [...$("label-list").querySelectorAll("input[type=checkbox]")].filter((i) => !i.checked).length;
    $("label-count").textContent = labelTotal ? `${labelTotal - labelHidden}/${labelTotal}` : "";
    const avoid = new Set(this.network.avoid);
    $("avoid-list").querySelectorAll("input[type=checkbox]").forEach((i) => { i.checked = avoid.has(i.value); });
    $("avoid-count").textContent = avoid.size ? String(avoid.size) : "";
    $("path-k").value = String(this.network.pathK);
    this.syncSelection();
  }

  // -- path --------------------------------------------------------------------
  setPathEnd(end, node, { run = true } = {}) {
    this.path[end] = node;
    const chip = $(end === "from" ? "path-from" : "path-to");
    chip.textContent = displayName(node);
    chip.title = node.id;
    chip.classList.remove("empty");
    $("path-go").disabled = !(this.path.from && this.path.to);
    if (run && this.path.from && this.path.to) this.runPath();
    else if (!this.restoring) this.toast(`Path ${end === "from" ? "start" : "end"}: ${displayName(node)}. ${end === "from" ? "Now pick the end (Path to here)." : ""}`);
  }

  async runPath() {
    const { from, to } = this.path;
    if (!from || !to) return;
    await this.guard(async () => {
      const found = await this.network.showPath(from.id, to.id);
      const avoiding = this.network.avoid.length ? ` avoiding ${this.network.avoid.join(", ")}` : "";
      if (!found.length) this.toast(`No path between ${displayName(from)} and ${displayName(to)} within 6 steps${avoiding}.`, true);
      else $("graph-info").textContent = found.map((p, i) => `Path ${i + 1}: ${p.nodes.map((n) => displayName(n)).join(" → ")}`).join(" | ");
    });
  }

  runPathIfSet() {
    if (this.path.from && this.path.to && this.network.pathEnds) this.runPath();
    else this.writeHash(false);
  }

  clearPath() {
    this.path = { from: null, to: null };
    $("path-from").textContent = "start: pick an entity";
    $("path-to").textContent = "end: pick an entity";
    $("path-from").classList.add("empty");
    $("path-to").classList.add("empty");
    $("path-go").disabled = true;
    this.network.clearPath();
  }

  // -- exports -----------------------------------------------------------------
  baseName() {
    const focus = this.network.focus || "view";
    return `enforcegraph-${focus.replace(/[^a-z0-9]+/gi, "-")}`;
  }

  async sourceUrls(graph) {
    const ids = new Set();
    for (const item of [...graph.nodes, ...graph.edges]) {
      for (const id of item.properties.sources || []) ids.add(id);
    }
    const urls = new Map();
    const list = [...ids];
    for (let i = 0; i < list.length; i += 200) {
      for (const node of await api.nodes(list.slice(i, i + 200))) {
        if (node.properties?.url) urls.set(node.id, node.properties.url);
      }
    }
    return urls;
  }

  async exportXml(format) {
    const graph = this.network.visibleGraph();
    if (!graph.nodes.length) { this.toast("The view is empty: open an entity first.", true); return; }
    const urls = await this.sourceUrls(graph);
    const description = `enforcegraph view ${location.href}`;
    const text = format === "gexf" ? toGexf(graph, urls, description) : toGraphml(graph, urls, description);
    const type = format === "gexf" ? "application/gexf+xml" : "application/graphml+xml";
    download(new Blob([text], { type }), `${this.baseName()}.${format}`);
    this.toast(`Exported ${graph.nodes.length} nodes and ${graph.edges.length} relationships as ${format.toUpperCase()}.`);
  }

  async exportPng() {
    if (this.network.cy.nodes().empty()) { this.toast("The view is empty: open an entity first.", true); return; }
    download(await this.network.png(), `${this.baseName()}.png`);
  }

  async copyLink() {
    this.writeHash(false);
    try {
      await navigator.clipboard.writeText(location.href);
      this.toast("Permalink copied to the clipboard.");
    } catch {
      this.toast(`Permalink: ${location.href}`);
    }
  }

  toast(message, error = false) {
    const el = $("toast");
    el.textContent = message;
    el.classList.toggle("error", error);
    el.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { el.hidden = true; }, error ? 8000 : 3500);
  }
}

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const app = new App();
window.enforcegraph = app; // for the console and the browser tests
app.start();
