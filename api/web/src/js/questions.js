// The questions view: pick a question, filter by facets, sort, page; every answer a table.
// Filtering, sorting and counting happen on the server (GraphQL questionTable).
import * as api from "./api.js";
import { h, money } from "./format.js";
import { renderTable, toCsv } from "./table.js";

export const HEADLINE = "sanctions-without-eu-establishment";
const HEADLINE_SORT = { column: "amount", direction: "DESC" };  // the largest fines first
const FACET_TITLES = { regulator: "Regulator", jurisdiction: "Jurisdiction", year: "Year", kind: "Sanction kind", currency: "Currency" };
const CSV_PAGE = 500;
const CSV_MAX_ROWS = 20000;
const $ = (id) => document.getElementById(id);

export function emptyFilter() {
  return { regulator: [], jurisdiction: [], year: [], kind: [], currency: [], amountMin: null, amountMax: null };
}

export class QuestionsView {
  constructor({ actions, onChange, guard, toast }) {
    this.actions = actions;      // { open(id), add(ids) }
    this.onChange = onChange;    // the state changed (permalink)
    this.guard = guard;
    this.toast = toast;
    this.list = [];
    this.result = null;
    this.seq = 0;
    this.state = { question: HEADLINE, argument: "", filter: emptyFilter(), sort: null, offset: 0, pageSize: 50 };
    $("question-select").addEventListener("change", (e) => this.choose(e.target.value));
    $("question-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.state.argument = $("question-argument").value.trim();
      this.state.offset = 0;
      this.run();
    });
    $("page-prev").addEventListener("click", () => this.page(-1));
    $("page-next").addEventListener("click", () => this.page(1));
    $("page-size").addEventListener("change", (e) => { this.state.pageSize = Number(e.target.value); this.state.offset = 0; this.run(); });
    $("download-csv").addEventListener("click", () => this.guard(() => this.downloadCsv()));
  }

  /** Ask for the first table at once, beside the question list (one round trip saved). */
  prefetch(table) {
    this.state = this.initial(table);
    const variables = this.variables();
    this.prefetched = { key: JSON.stringify(variables), answer: api.questionTable(variables).catch(() => null) };
  }

  initial(table) {
    return table ? { ...table, filter: { ...emptyFilter(), ...table.filter } }
      : { question: HEADLINE, argument: "", filter: emptyFilter(), sort: HEADLINE_SORT, offset: 0, pageSize: 50 };
  }

  async load() {
    this.list = await api.questions();
    const select = $("question-select");
    select.replaceChildren();
    for (const kind of ["traversal", "analysis"]) {
      const group = h("optgroup", { label: kind === "traversal" ? "Catalogue" : "Analyses" });
      for (const q of this.list.filter((item) => item.kind === kind)) group.append(h("option", { value: q.key }, q.title));
      select.append(group);
    }
  }

  get question() {
    return this.list.find((q) => q.key === this.state.question) || null;
  }

  /** Restore a state (from the permalink) and run it. */
  async restore(table) {
    this.state = this.initial(table);
    if (!this.list.some((q) => q.key === this.state.question)) this.state.question = this.list[0]?.key || HEADLINE;
    await this.run();
  }

  choose(key) {
    const keepArgument = this.question?.argument && this.list.find((q) => q.key === key)?.argument === this.question.argument;
    this.state = { question: key, argument: keepArgument ? this.state.argument : "", filter: emptyFilter(),
      sort: null, offset: 0, pageSize: this.state.pageSize };
    this.run();
  }

  page(step) {
    const size = this.state.pageSize;
    const next = this.state.offset + step * size;
    if (next < 0 || (this.result && next >= this.result.totalCount)) return;
    this.state.offset = next;
    this.run();
  }

  sortBy(column) {
    const current = this.state.sort;
    const direction = current && current.column === column && current.direction === "ASC" ? "DESC" : "ASC";
    this.state.sort = { column, direction };
    this.state.offset = 0;
    this.run();
  }

  setFacet(facet, values) {
    this.state.filter[facet] = values;
    this.state.offset = 0;
    this.run();
  }

  variables(first = this.state.pageSize, offset = this.state.offset) {
    const f = this.state.filter;
    const filter = {};
    for (const facet of Object.keys(FACET_TITLES)) if (f[facet].length) filter[facet] = f[facet];
    if (f.amountMin !== null) filter.amountMin = f.amountMin;
    if (f.amountMax !== null) filter.amountMax = f.amountMax;
    return { question: this.state.question, argument: this.state.argument || null,
      filter: Object.keys(filter).length ? filter : null, orderBy: this.state.sort, first, offset };
  }

  async run() {
    const q = this.question;
    this.renderHead(q);
    this.onChange();
    if (q?.argument && !this.state.argument) {
      this.result = null;
      $("question-table").replaceChildren(h("p", { class: "muted" }, `Give the ${q.argument.toLowerCase()} (an id or a name) and press Ask.`));
      $("question-count").textContent = "";
      $("question-facets").replaceChildren();
      this.renderPager();
      return;
    }
    const seq = ++this.seq;
    await this.guard(async () => {
      $("question-table").setAttribute("aria-busy", "true");
      try {
        const variables = this.variables();
        const early = this.prefetched?.key === JSON.stringify(variables) ? await this.prefetched.answer : null;
        this.prefetched = null;
        const result = early || await api.questionTable(variables);
        if (seq !== this.seq) return;
        this.result = result;
        this.render();
      } finally {
        $("question-table").removeAttribute("aria-busy");
      }
    });
  }

  renderHead(q) {
    $("question-select").value = this.state.question;
    $("question-title").textContent = q ? (q.key === HEADLINE ? "Sanctions against firms with no EU establishment" : q.title) : "";
    $("question-description").textContent = q?.description || "";
    $("question-argument-box").hidden = !q?.argument;
    if (q?.argument) {
      $("question-argument-label").textContent = q.argument === "ARTICLE" ? "Article" : "Firm";
      $("question-argument").value = this.state.argument;
    }
    this.updateDownloads();
  }

  render() {
    const result = this.result;
    const table = renderTable(result, { sort: this.state.sort, onSort: (c) => this.sortBy(c), actions: this.actions });
    $("question-table").replaceChildren(table);
    $("question-count").textContent = `${result.totalCount.toLocaleString("en-GB")} row${result.totalCount === 1 ? "" : "s"}`;
    // facets change with the question and the filters, not with the page or the sort
    const facetsKey = JSON.stringify([this.state.question, this.state.argument, this.state.filter, result.facets, result.amountRange]);
    if (facetsKey !== this.facetsKey) this.renderFacets(result);
    this.facetsKey = facetsKey;
    this.renderPager();
  }

  renderPager() {
    const total = this.result?.totalCount || 0;
    const size = this.state.pageSize;
    const pages = Math.max(1, Math.ceil(total / size));
    const current = Math.floor(this.state.offset / size) + 1;
    $("page-info").textContent = `Page ${current} of ${pages}`;
    $("page-prev").disabled = this.state.offset <= 0;
    $("page-next").disabled = this.state.offset + size >= total;
    $("page-size").value = String(size);
  }

  renderFacets(result) {
    const box = $("question-facets");
    box.replaceChildren();
    for (const facet of result.facets) {
      const chosen = new Set(this.state.filter[facet.name] || []);
      const id = `facet-${facet.name}`;
      const inputs = facet.values.map((value, i) => {
        const input = h("input", { type: "checkbox", id: `${id}-${i}`, value: value.value, checked: chosen.has(value.value) });
        input.addEventListener("change", () => this.setFacet(facet.name,
          [...box.querySelectorAll(`#${id} input:checked`)].map((el) => el.value)));
        return h("label", { for: `${id}-${i}`, title: value.value }, input, h("span", { class: "facet-label" }, value.label),
          h("span", { class: "count" }, String(value.count)));
      });
      const title = FACET_TITLES[facet.name] || facet.name;
      box.append(h("details", { class: "facet", id, open: chosen.size > 0 },
        h("summary", {}, title, chosen.size ? h("span", { class: "chosen" }, ` (${chosen.size})`) : null),
        h("fieldset", {}, h("legend", { class: "sr-only" }, title), inputs)));
    }
    if (result.amountRange) box.append(this.rangeFacet(result.amountRange));
    const f = this.state.filter;
    const any = Object.keys(FACET_TITLES).some((k) => f[k].length) || f.amountMin !== null || f.amountMax !== null;
    if (any) {
      box.append(h("button", { type: "button", id: "facets-clear", onclick: () => {
        this.state.filter = emptyFilter(); this.state.offset = 0; this.run();
      } }, "Clear filters"));
    }
  }

  rangeFacet(range) {
    const f = this.state.filter;
    const min = h("input", { type: "number", id: "amount-min", min: 0, step: "any", inputmode: "numeric",
      placeholder: Math.floor(range.min).toString(), value: f.amountMin ?? "" });
    const max = h("input", { type: "number", id: "amount-max", min: 0, step: "any", inputmode: "numeric",
      placeholder: Math.ceil(range.max).toString(), value: f.amountMax ?? "" });
    const apply = () => {
      const read = (el) => (el.value === "" ? null : Number(el.value));
      f.amountMin = read(min);
      f.amountMax = read(max);
      this.state.offset = 0;
      this.run();
    };
    const form = h("form", { class: "facet range", "aria-label": "Amount in EUR",
      title: `${money(range.min, "EUR")} to ${money(range.max, "EUR")}` },
      h("label", { for: "amount-min" }, "EUR from"), min, h("label", { for: "amount-max" }, "to"), max,
      h("button", { type: "submit", id: "amount-apply" }, "Apply"));
    form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
    return form;
  }

  exportParams() {
    const params = new URLSearchParams({ question: this.state.question });
    if (this.state.argument) params.set("argument", this.state.argument);
    const f = this.state.filter;
    for (const facet of Object.keys(FACET_TITLES)) if (f[facet].length) params.set(facet, f[facet].join(","));
    if (f.amountMin !== null) params.set("min", String(f.amountMin));
    if (f.amountMax !== null) params.set("max", String(f.amountMax));
    return params.toString();
  }

  updateDownloads() {
    const query = this.exportParams();
    $("download-gexf").href = `export/gexf?${query}`;
    $("download-graphml").href = `export/graphml?${query}`;
  }

  /** Every row under the filters and sort (pages of 500), as CSV. */
  async downloadCsv() {
    if (!this.result) return;
    const rows = [];
    let columns = this.result.columns;
    for (let offset = 0; offset < Math.min(this.result.totalCount, CSV_MAX_ROWS); offset += CSV_PAGE) {
      const page = await api.questionTable(this.variables(CSV_PAGE, offset));
      columns = page.columns;
      rows.push(...page.rows);
    }
    const blob = new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const a = h("a", { href: URL.createObjectURL(blob), download: `enforcegraph-${this.state.question}.csv`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    if (this.result.totalCount > CSV_MAX_ROWS) this.toast(`CSV holds the first ${CSV_MAX_ROWS} rows; narrow the filters for the rest.`, true);
  }
}
