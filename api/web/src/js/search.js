// The type-ahead search box: an ARIA combobox over GraphQL `search`.
import * as api from "./api.js";
import { h, humanise } from "./format.js";
import { displayName, shapeSvg, isPrAgency } from "./labels.js";

const DEBOUNCE_MS = 150;

function subtitle(node) {
  const p = node.properties || {};
  const parts = [];
  if (Array.isArray(p.aliases) && p.aliases.length) parts.push(`aka ${p.aliases.slice(0, 3).join(", ")}`);
  if (p.date) parts.push(p.date);
  if (p.kind) parts.push(humanise(p.kind));
  if (p.country) parts.push(p.country);
  return parts.join(" · ");
}

/** The passage that matched, its matching words in <mark> (text nodes only: data is never HTML). */
function snippet(found) {
  if (!found || ["name", "id"].includes(found.property) || !found.parts?.length) return null;
  return h("span", { class: "snippet" }, h("span", { class: "prop" }, `${humanise(found.property)}: `),
    found.parts.map((part) => (part.match ? h("mark", {}, part.text) : part.text)));
}

export class SearchBox {
  constructor(input, list, onPick) {
    this.input = input;
    this.list = list;
    this.onPick = onPick;
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.controller = null;
    this.seq = 0;
    this.renderedFor = null;
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.keydown(event));
    input.addEventListener("focus", () => { if (this.items.length && input.value.trim()) this.show(); });
    input.addEventListener("blur", () => setTimeout(() => this.hide(), 150));
  }

  schedule() {
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (!text) { this.items = []; this.hide(); return; }
    this.timer = setTimeout(() => this.run(text), DEBOUNCE_MS);
  }

  async run(text) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const seq = ++this.seq;
    try {
      const found = await api.search(text, 12, { signal: this.controller.signal });
      if (seq !== this.seq) return;
      this.render(found, text);
    } catch (error) {
      if (error.name === "AbortError") return;
      this.render([], text, error.message);
    }
  }

  /** Resolve pending input now (Enter pressed before the type-ahead answered). */
  async flush() {
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (!text) return [];
    await this.run(text);
    return this.items;
  }

  render(found, text, error = null) {
    this.items = found;
    this.renderedFor = text;
    this.active = found.length ? 0 : -1;
    this.list.replaceChildren();
    if (!found.length) {
      this.list.append(h("li", { class: "none", role: "option", "aria-disabled": "true" },
        error ? `Search failed: ${error}` : `Nothing matches “${text}”.`));
    }
    found.forEach((node, index) => {
      const icon = h("span");
      icon.innerHTML = shapeSvg(node.label, { pr: isPrAgency(node) });
      const li = h("li", {
        id: `search-option-${index}`, role: "option", "aria-selected": index === this.active ? "true" : "false",
        dataset: { id: node.id },
      }, icon, h("span", { class: "name" }, displayName(node)), h("span", { class: "meta" }, node.label));
      const sub = subtitle(node);
      li.append(h("span", { class: "sub" }, sub ? `${node.id} · ${sub}` : node.id));
      const passage = snippet(node.snippet);
      if (passage) li.append(passage);
      li.addEventListener("mousedown", (event) => { event.preventDefault(); this.pick(index); });
      this.list.append(li);
    });
    this.show();
    this.highlight();
  }

  show() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  hide() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  highlight() {
    [...this.list.querySelectorAll("[role=option]")].forEach((li, index) => {
      li.setAttribute("aria-selected", index === this.active ? "true" : "false");
      if (index === this.active) li.scrollIntoView({ block: "nearest" });
    });
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `search-option-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  async keydown(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (this.list.hidden && this.items.length) { this.show(); return; }
      if (!this.items.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.highlight();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.input.value.trim() !== this.renderedFor) await this.flush();
      if (this.items.length) this.pick(Math.max(this.active, 0));
    } else if (event.key === "Escape") {
      if (!this.list.hidden) { event.preventDefault(); this.hide(); }
      else this.input.value = "";
    }
  }

  pick(index) {
    const node = this.items[index];
    if (!node) return;
    this.hide();
    this.input.value = displayName(node);
    this.onPick(node);
  }
}
