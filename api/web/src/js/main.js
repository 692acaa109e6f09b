// Wires the page together: search, entity page, network, filters, path, exports, permalink.
import * as api from "./api.js";
import { EntityPanel } from "./entity.js";
import { toGexf, toGraphml } from "./exporters.js";
import { h } from "./format.js";
import { LABELS, displayName, shapeSvg } from "./labels.js";
import { Network } from "./network.js";
import { decodeView, encodeView, isEmpty } from "./permalink.js";
import { SearchBox } from "./search.js";

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
    this.search = new SearchBox($("search-input"), $("search-results"), (node) => this.open(node.id, { push: true, expand: true }));
    this.bindToolbar();
    this.renderLegend();
    document.addEventListener("keydown", (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
      if (event.key === "/" && !typing) { event.preventDefault(); $("search-input").focus(); $("search-input").select(); }
    });
    window.addEventListener("popstate", () => this.restore(decodeView(location.hash)));
  }

  async start() {
    document.body.dataset.ready = "false";
    try {
      const types = await api.relationshipTypes();
      this.renderTypeFilter(types.map((t) => t.name), types);
    } catch (error) {
      this.toast(`The API is not answering: ${error.message}`, true);
    }
    const view = decodeView(location.hash);
    if (!isEmpty(view) || view.hiddenTypes.length || view.dateFrom || view.dateTo) await this.restore(view);
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
    const hash = encodeView(this.network.view());
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
      this.network.setFilters({ hiddenTypes: view.hiddenTypes, dateFrom: view.dateFrom, dateTo: view.dateTo });
      this.syncFilterControls();
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
          await this.network.showPath(from.id, to.id);
        }
      }
      this.network.layout();
      if (view.focus) {
        const node = await this.panel.show(view.focus);
        if (node) { this.network.setFocus(node.id); document.title = `${displayName(node)} — enforcegraph`; }
      }
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
    $("path-go").addEventListener("click", () => this.runPath());
    $("path-clear").addEventListener("click", () => this.clearPath());
    $("export-gexf").addEventListener("click", () => this.guard(() => this.exportXml("gexf")));
    $("export-graphml").addEventListener("click", () => this.guard(() => this.exportXml("graphml")));
    $("export-png").addEventListener("click", () => this.guard(() => this.exportPng()));
    $("permalink").addEventListener("click", () => this.copyLink());
    $("types-all").addEventListener("click", () => this.setHiddenTypes([]));
    $("types-none").addEventListener("click", () => this.setHiddenTypes(this.allTypes || []));
    document.addEventListener("click", (e) => {
      if ($("type-filter").open && !$("type-filter").contains(e.target)) $("type-filter").open = false;
    });
    $("type-filter").addEventListener("keydown", (e) => {
      if (e.key === "Escape") { $("type-filter").open = false; $("type-filter").querySelector("summary").focus(); }
    });
  }

  renderTypeFilter(types, described) {
    this.allTypes = types;
    this.network.setAllTypes(types);
    const box = $("type-list");
    box.querySelectorAll("label").forEach((el) => el.remove());
    for (const { name, description } of described) {
      const input = h("input", { type: "checkbox", value: name, checked: true });
      input.addEventListener("change", () => this.setHiddenTypes(
        [...box.querySelectorAll("input[type=checkbox]")].filter((i) => !i.checked).map((i) => i.value)));
      box.append(h("label", { title: description }, input, name));
    }
    this.syncFilterControls();
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
  }

  renderLegend() {
    const ul = $("legend");
    for (const label of Object.keys(LABELS)) {
      if (label === "Source") continue;
      const li = h("li", {}, h("span"), label);
      li.firstChild.innerHTML = shapeSvg(label);
      ul.append(li);
    }
    const pr = h("li", {}, h("span"), "PR agency");
    pr.firstChild.innerHTML = shapeSvg("Company", { pr: true });
    ul.append(pr);
    ul.append(h("li", { class: "path-key" }, h("i"), "path"));
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
      if (!found || !found.nodes?.length) this.toast(`No path between ${displayName(from)} and ${displayName(to)} within 6 steps.`, true);
      else $("graph-info").textContent = `Path: ${found.nodes.map((n) => displayName(n)).join(" → ")}`;
    });
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
