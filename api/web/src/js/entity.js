// The entity page: properties, sources, a timeline of decisions and sanctions, statements.
import * as api from "./api.js";
import { h, money, humanise, hostOf, truncate } from "./format.js";
import { displayName, shapeSvg, isPrAgency } from "./labels.js";

const LONG_TEXT = new Set(["summary", "text", "paragraphs", "notes", "status_note", "description"]);
const HIDDEN = new Set(["sources", "name"]);

function other(rel, id) {
  return rel.fromId === id ? rel.to : rel.from;
}

function rels(node, type, direction) {
  return (node.relationships || []).filter((r) => r.type === type
    && (direction === "out" ? r.fromId === node.id : direction === "in" ? r.toId === node.id : true));
}

/** Newest first, undated last. */
function newestFirst(a, b) {
  const da = a.properties?.date ? String(a.properties.date) : "";
  const db = b.properties?.date ? String(b.properties.date) : "";
  if (!da !== !db) return da ? -1 : 1;
  if (da !== db) return da < db ? 1 : -1;
  return a.id.localeCompare(b.id);
}

function icon(node) {
  const span = h("span", { class: "icon" });
  span.innerHTML = shapeSvg(node.label, { pr: isPrAgency(node) });
  return span;
}

function sourceLinks(sources) {
  const list = (sources || []).filter((s) => s && s.url);
  if (!list.length) return null;
  return h("div", { class: "srcs" }, "Sources: ", list.map((s) => h("a", {
    href: s.url, target: "_blank", rel: "noopener noreferrer", class: "source-link",
    title: [s.title, s.publisher, s.date].filter(Boolean).join(" · ") || s.url,
  }, hostOf(s.url))));
}

function value(name, raw) {
  if (Array.isArray(raw)) {
    const items = raw.map((v) => (name === "roles" ? humanise(v) : String(v)));
    if (items.length > 4 || items.some((v) => v.length > 40)) {
      return h("ul", { class: "plain-list" }, items.map((v) => h("li", {}, v)));
    }
    return items.join(", ");
  }
  if (typeof raw === "boolean") return raw ? "yes" : "no";
  if ((name === "website" || name === "url") && /^https?:/.test(raw)) {
    return h("a", { href: raw, target: "_blank", rel: "noopener noreferrer" }, raw);
  }
  if (name === "amount" || name === "turnover" || name === "amount_eur") return money(raw, null);
  if (["kind", "status", "per"].includes(name)) return humanise(raw);
  return String(raw);
}

export class EntityPanel {
  constructor(container, actions) {
    this.container = container;
    this.actions = actions; // { open, expand, centre, pathFrom, pathTo }
    this.seq = 0;
  }

  link(node, text = null) {
    if (!node) return "";
    return h("button", { type: "button", class: "link entity-link", dataset: { id: node.id },
      title: `${node.label} · ${node.id}`, onclick: () => this.actions.open(node.id) }, text || displayName(node));
  }

  loading(id) {
    this.container.replaceChildren(h("p", { class: "loading" }, `Loading ${id}…`));
  }

  error(message) {
    this.container.replaceChildren(h("p", { class: "error", role: "alert" }, message));
  }

  async show(id) {
    const seq = ++this.seq;
    this.loading(id);
    const node = await api.entity(id);
    if (seq !== this.seq) return null;
    if (!node) { this.error(`No entity with id ${id}.`); return null; }
    const plan = this.plan(node);
    let details = new Map();
    try {
      details = await this.details(plan);
    } catch (error) {
      console.error(error);
    }
    if (seq !== this.seq) return null;
    this.render(node, plan, details);
    return node;
  }

  /** Which decisions and statements belong on this page. */
  plan(node) {
    const id = node.id;
    const decisions = new Set();
    const sanctions = new Set();
    const statements = new Set();
    for (const rel of node.relationships || []) {
      const o = other(rel, id);
      if (!o) continue;
      if (o.label === "Decision" && ["AGAINST", "ISSUED", "INFRINGES", "CITES", "APPEAL_OF", "IMPOSES", "CONTRADICTED_BY", "ABOUT"].includes(rel.type)) decisions.add(o.id);
      if (o.label === "Sanction" && ["AGAINST", "IMPOSES"].includes(rel.type)) sanctions.add(o.id);
      if (o.label === "Statement") statements.add(o.id);
    }
    if (node.label === "Decision") decisions.add(id);
    if (node.label === "Statement") statements.add(id);
    if (node.label === "Sanction") sanctions.add(id);
    return { decisions, sanctions, statements };
  }

  async details(plan) {
    const found = new Map();
    const fetch = async (ids) => {
      const wanted = [...ids].filter((i) => !found.has(i));
      for (let i = 0; i < wanted.length; i += 100) {
        for (const n of await api.details(wanted.slice(i, i + 100))) found.set(n.id, n);
      }
    };
    await fetch(new Set([...plan.decisions, ...plan.sanctions, ...plan.statements]));
    // decisions behind sanctions, and statements that the decisions contradict
    const more = new Set();
    for (const n of found.values()) {
      for (const rel of n.relationships || []) {
        const o = other(rel, n.id);
        if (!o) continue;
        if (n.label === "Sanction" && rel.type === "IMPOSES" && o.label === "Decision") { plan.decisions.add(o.id); more.add(o.id); }
        if (n.label === "Decision" && rel.type === "CONTRADICTED_BY" && o.label === "Statement") { plan.statements.add(o.id); more.add(o.id); }
      }
    }
    await fetch(more);
    return found;
  }

  render(node, plan, details) {
    const c = this.container;
    c.replaceChildren();
    c.append(this.header(node));
    c.append(this.properties(node));
    const timeline = this.timeline(node, plan, details);
    if (timeline) c.append(timeline);
    const statements = this.statements(node, plan, details);
    if (statements) c.append(statements);
    c.append(this.relationships(node));
    c.append(this.sources(node));
  }

  header(node) {
    const p = node.properties || {};
    const badges = [h("span", { class: "badge" }, node.label)];
    if (isPrAgency(node)) badges.push(h("span", { class: "badge" }, "PR agency"));
    if (p.status) badges.push(h("span", { class: `badge status-${p.status}` }, humanise(p.status)));
    const head = h("div", { class: "entity-head" }, icon(node), h("div", {},
      h("h1", { id: "entity-title", class: node.label === "Statement" ? "quote-title" : null }, displayName(node)),
      h("div", {}, badges, h("span", { class: "id" }, node.id))));
    const actions = h("div", { class: "actions", role: "group", "aria-label": "Entity actions" },
      h("button", { type: "button", class: "primary", id: "expand-entity", onclick: () => this.actions.expand(node.id) }, "Expand neighbours"),
      h("button", { type: "button", id: "centre-entity", onclick: () => this.actions.centre(node.id) }, "Centre in graph"),
      h("button", { type: "button", id: "path-from-here", onclick: () => this.actions.pathFrom(node) }, "Path from here"),
      h("button", { type: "button", id: "path-to-here", onclick: () => this.actions.pathTo(node) }, "Path to here"));
    return h("div", {}, head, actions);
  }

  properties(node) {
    const props = node.properties || {};
    const table = h("table", { class: "props", "aria-label": "Properties" });
    const prose = [];
    for (const [name, raw] of Object.entries(props)) {
      if (HIDDEN.has(name) || raw === null || raw === undefined || raw === "" || (Array.isArray(raw) && !raw.length)) continue;
      if (LONG_TEXT.has(name)) {
        const text = Array.isArray(raw) ? raw.join("\n\n") : String(raw);
        prose.push(h("div", { class: "prose-block" }, h("h2", {}, humanise(name)), h("div", { class: "prose" }, text)));
        continue;
      }
      table.append(h("tr", {}, h("th", { scope: "row" }, humanise(name)), h("td", {}, value(name, raw))));
    }
    if (props.name) table.prepend(h("tr", {}, h("th", { scope: "row" }, "name"), h("td", {}, props.name)));
    return h("section", { "aria-labelledby": "props-h" }, h("h2", { id: "props-h" }, "Properties"), table, prose);
  }

  decisionItem(decision, details) {
    const d = details.get(decision.id) || decision;
    const p = d.properties || {};
    const issuers = rels(d, "ISSUED", "in").map((r) => r.from).filter(Boolean);
    const targets = rels(d, "AGAINST", "out").map((r) => r.to).filter(Boolean);
    const sanctions = rels(d, "IMPOSES", "out").map((r) => details.get(r.toId) || r.to).filter(Boolean);
    const appealsOf = rels(d, "APPEAL_OF", "out").map((r) => r.to).filter(Boolean);
    const appealedBy = rels(d, "APPEAL_OF", "in").map((r) => r.from).filter(Boolean);
    const contradicts = rels(d, "CONTRADICTED_BY", "in").map((r) => r.from).filter(Boolean);
    const li = h("li", { class: "kind-decision decision", dataset: { id: d.id } });
    li.append(h("div", {},
      h("span", { class: "when" }, p.date || "undated"), " ",
      h("span", { class: "badge" }, humanise(p.kind || "decision")),
      p.status ? h("span", { class: `badge status-${p.status}` }, humanise(p.status)) : null));
    li.append(h("div", { class: "title" }, this.link(d, p.title || p.ref || d.name)));
    const line = [];
    if (issuers.length) line.push(...issuers.flatMap((i, n) => [n ? ", " : "", this.link(i)]));
    if (p.ref && p.title) line.push(` · ${p.ref}`);
    if (targets.length) line.push(" · against ", ...targets.flatMap((t, n) => [n ? ", " : "", this.link(t)]));
    if (line.length) li.append(h("div", { class: "issuer" }, line));
    if (sanctions.length) {
      li.append(h("ul", { class: "sanctions", "aria-label": "Sanctions" }, sanctions.map((s) => {
        const sp = s.properties || {};
        const amount = sp.amount !== undefined && sp.amount !== null ? money(sp.amount, sp.currency) : "";
        const eur = sp.amount_eur !== undefined && sp.amount_eur !== null && sp.currency && sp.currency !== "EUR"
          ? ` (≈ ${money(sp.amount_eur, "EUR")})` : "";
        return h("li", { class: "sanction", dataset: { id: s.id } },
          amount ? h("span", { class: "amount" }, amount + eur) : null,
          h("span", { class: "kind" }, humanise(sp.kind || "sanction") + (sp.per ? ` per ${sp.per}` : "")),
          sp.statutory_maximum ? h("span", { class: "badge" }, "statutory maximum") : null,
          !amount && sp.description ? h("span", {}, truncate(sp.description, 120)) : null);
      })));
    }
    if (p.summary) li.append(h("div", { class: "summary", title: p.summary }, p.summary));
    for (const a of appealsOf) li.append(h("div", {}, "Appeal of ", this.link(a)));
    for (const a of appealedBy) li.append(h("div", {}, "Appealed: ", this.link(a)));
    for (const s of contradicts) li.append(h("div", { class: "contradicted" }, h("b", {}, "Contradicts statement: "), this.link(s, truncate(s.properties?.text || s.name, 90))));
    const src = sourceLinks(d.sources);
    if (src) li.append(src);
    return li;
  }

  timeline(node, plan, details) {
    const decisions = [...plan.decisions].map((id) => details.get(id)).filter(Boolean);
    if (!decisions.length) return null;
    decisions.sort(newestFirst);
    const SHOWN = 40;
    const list = h("ol", { class: "timeline", "aria-label": "Decisions and sanctions, newest first" },
      decisions.slice(0, SHOWN).map((d) => this.decisionItem(d, details)));
    if (decisions.length > SHOWN) {
      const more = h("li", { class: "more-items" }, h("button", { type: "button", onclick: () => {
        more.remove();
        list.append(...decisions.slice(SHOWN).map((d) => this.decisionItem(d, details)));
      } }, `Show all ${decisions.length} decisions`));
      list.append(more);
    }
    return h("section", { "aria-labelledby": "timeline-h", id: "timeline" },
      h("h2", { id: "timeline-h" }, "Timeline — decisions and sanctions", h("span", { class: "count" }, String(decisions.length))),
      this.strip(decisions, details), list);
  }

  /** A compact year axis with one mark per dated decision (size by fine in EUR). */
  strip(decisions, details) {
    const dated = decisions.filter((d) => /^\d{4}/.test(String(d.properties?.date || "")));
    if (dated.length < 2) return null;
    const toYear = (d) => {
      const [y, m = "07", day = "01"] = String(d.properties.date).split("-");
      return Number(y) + (Number(m) - 1) / 12 + (Number(day) - 1) / 365;
    };
    const first = Math.floor(Math.min(...dated.map(toYear)));
    const last = Math.floor(Math.max(...dated.map(toYear))) + 1;
    const width = 420, height = 46, pad = 10;
    const x = (year) => pad + ((year - first) / Math.max(last - first, 1)) * (width - 2 * pad);
    const eur = (d) => rels(details.get(d.id) || d, "IMPOSES", "out")
      .map((r) => details.get(r.toId) || r.to).filter(Boolean)
      .reduce((sum, sn) => sum + (Number(sn.properties?.amount_eur) || (sn.properties?.currency === "EUR" ? Number(sn.properties?.amount) || 0 : 0)), 0);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "strip");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `Decisions from ${first} to ${last - 1}`);
    const add = (tag, attrs, text) => {
      const el = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (text) el.textContent = text;
      svg.append(el);
      return el;
    };
    add("line", { x1: pad, x2: width - pad, y1: 22, y2: 22, class: "axis" });
    const step = Math.max(1, Math.ceil((last - first) / 8));
    for (let year = first; year <= last; year += step) {
      add("line", { x1: x(year), x2: x(year), y1: 19, y2: 25, class: "tick" });
      add("text", { x: x(year), y: 40, class: "year" }, String(year));
    }
    for (const d of dated) {
      const amount = eur(d);
      const r = amount > 0 ? Math.min(9, 3 + Math.log10(amount) / 1.2) : 3.5;
      const mark = add("circle", { cx: x(toYear(d)).toFixed(1), cy: 22, r: r.toFixed(1), class: amount > 0 ? "mark fine" : "mark" });
      const title = document.createElementNS(ns, "title");
      title.textContent = `${d.properties.date} · ${d.properties.title || d.properties.ref || d.name}${amount ? ` · ≈ ${money(amount, "EUR")}` : ""}`;
      mark.append(title);
      mark.addEventListener("click", () => {
        const find = () => this.container.querySelector(`#timeline li.decision[data-id="${CSS.escape(d.id)}"]`);
        if (!find()) this.container.querySelector("#timeline li.more-items button")?.click();
        find()?.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    }
    return svg;
  }

  statements(node, plan, details) {
    const items = [...plan.statements].map((id) => details.get(id)).filter(Boolean);
    if (!items.length) return null;
    items.sort(newestFirst);
    const list = h("ol", { class: "timeline", "aria-label": "Statements" }, items.map((s) => {
      const p = s.properties || {};
      const by = rels(s, "MADE_BY", "out").map((r) => r.to).filter(Boolean);
      const via = rels(s, "ISSUED_VIA", "out").map((r) => r.to).filter(Boolean);
      const about = rels(s, "ABOUT", "out").map((r) => r.to).filter(Boolean);
      const contradicted = rels(s, "CONTRADICTED_BY", "out").map((r) => details.get(r.toId) || r.to).filter(Boolean);
      const quote = h("blockquote", { class: "clamp" }, p.text || s.name);
      const li = h("li", { class: "kind-statement statement", dataset: { id: s.id } },
        h("div", { class: "when" }, p.date || "undated"), quote);
      if (String(p.text || "").length > 360) {
        const toggle = h("button", { type: "button", class: "link", "aria-expanded": "false" }, "show the whole statement");
        toggle.addEventListener("click", () => {
          const open = quote.classList.toggle("clamp") === false;
          toggle.setAttribute("aria-expanded", String(open));
          toggle.textContent = open ? "show less" : "show the whole statement";
        });
        li.append(toggle);
      }
      const who = [];
      if (by.length) who.push("by ", ...by.flatMap((x, n) => [n ? ", " : "", this.link(x)]));
      if (via.length) who.push(" via ", ...via.flatMap((x, n) => [n ? ", " : "", this.link(x)]));
      if (about.length) who.push(" · about ", ...about.flatMap((x, n) => [n ? ", " : "", this.link(x)]));
      if (who.length) li.append(h("div", { class: "issuer" }, who));
      if (Array.isArray(p.claims) && p.claims.length) {
        li.append(h("details", { class: "claims" }, h("summary", {}, `Claims (${p.claims.length})`),
          h("ul", {}, p.claims.map((claim) => h("li", {}, claim)))));
      }
      if (contradicted.length) {
        li.append(h("div", { class: "contradicted" }, h("b", {}, "Contradicted by: "),
          ...contradicted.flatMap((d, n) => {
            const dp = d.properties || {};
            const issuer = rels(d, "ISSUED", "in").map((r) => r.from?.name).filter(Boolean).join(", ");
            const label = [issuer, dp.title || dp.ref || d.name, dp.date].filter(Boolean).join(" · ");
            return [n ? "; " : "", this.link(d, label)];
          })));
      }
      li.append(h("button", { type: "button", class: "link", onclick: () => this.actions.open(s.id) }, "open statement"));
      const src = sourceLinks(s.sources);
      if (src) li.append(src);
      return li;
    }));
    return h("section", { "aria-labelledby": "statements-h", id: "statements" },
      h("h2", { id: "statements-h" }, "Statements and the decisions that contradict them", h("span", { class: "count" }, String(items.length))), list);
  }

  relationships(node) {
    const groups = new Map();
    for (const rel of node.relationships || []) {
      const out = rel.fromId === node.id;
      const key = `${rel.type} ${out ? "→" : "←"}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(rel);
    }
    const section = h("section", { "aria-labelledby": "rels-h", id: "relationships" },
      h("h2", { id: "rels-h" }, "Relationships", h("span", { class: "count" },
        `${(node.relationships || []).length}${node.moreRelationships ? "+" : ""}`)));
    for (const [key, list] of [...groups.entries()].sort()) {
      const limit = 25;
      const ul = h("ul", { class: "rels" });
      const item = (rel) => {
        const o = other(rel, node.id);
        if (!o) return null;
        const extra = [];
        const props = rel.properties || {};
        if (props.role) extra.push(humanise(props.role));
        if (rel.validFrom || rel.validTo) extra.push(`${rel.validFrom || "…"} – ${rel.validTo || "…"}`);
        if (props.provision) extra.push(props.provision);
        return h("li", {}, icon(o), h("span", {}, this.link(o), extra.length ? h("span", { class: "muted" }, ` (${extra.join(", ")})`) : null));
      };
      list.slice(0, limit).forEach((rel) => { const li = item(rel); if (li) ul.append(li); });
      if (list.length > limit) {
        const more = h("li", {}, h("span"), h("button", { type: "button", class: "link", onclick: () => {
          more.remove();
          list.slice(limit).forEach((rel) => { const li = item(rel); if (li) ul.append(li); });
        } }, `show all ${list.length}`));
        ul.append(more);
      }
      section.append(h("div", { class: "rel-group" }, h("span", { class: "rel-type" }, `${key} (${list.length})`), ul));
    }
    return section;
  }

  sources(node) {
    const seen = new Map();
    for (const s of node.sources || []) seen.set(s.id, { source: s, supports: ["this entity"] });
    for (const rel of node.relationships || []) {
      for (const s of rel.sources || []) {
        const o = other(rel, node.id);
        const what = `${rel.type} ${o ? o.name : ""}`.trim();
        if (!seen.has(s.id)) seen.set(s.id, { source: s, supports: [] });
        const entry = seen.get(s.id);
        if (entry.supports.length < 4) entry.supports.push(what);
        else if (entry.supports.length === 4) entry.supports.push("…");
      }
    }
    const list = h("ul", { class: "sources", id: "source-list" }, [...seen.values()].filter((e) => e.source.url).map(({ source, supports }) =>
      h("li", {}, h("a", { href: source.url, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, source.title || source.url),
        h("div", { class: "meta" }, [source.publisher, source.date, hostOf(source.url)].filter(Boolean).join(" · ")),
        h("div", { class: "meta" }, `supports: ${supports.join("; ")}`))));
    return h("section", { "aria-labelledby": "sources-h" },
      h("h2", { id: "sources-h" }, "Sources", h("span", { class: "count" }, String(seen.size))), list);
  }
}
