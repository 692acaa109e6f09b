// Small shared controls: the left pane's tabs (ARIA tabs) and checkbox menus.
import { h } from "./format.js";

/** Tabs over panels: `tab-NAME` buttons control the `NAME` panels; arrows move, Enter/Space pick. */
export class Tabs {
  constructor(names, onChange) {
    this.names = names;
    this.onChange = onChange;
    this.current = names[0];
    for (const name of names) {
      const tab = document.getElementById(`tab-${name}`);
      tab.addEventListener("click", () => { this.show(name); this.onChange(name); });
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        if (!step) return;
        event.preventDefault();
        const next = this.names[(this.names.indexOf(name) + step + this.names.length) % this.names.length];
        this.show(next);
        document.getElementById(`tab-${next}`).focus();
        this.onChange(next);
      });
    }
  }

  show(name) {
    if (!this.names.includes(name)) return;
    this.current = name;
    document.body.dataset.tab = name;
    for (const other of this.names) {
      const tab = document.getElementById(`tab-${other}`);
      const selected = other === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(other).hidden = !selected;
    }
  }
}

/** Checkboxes for items ({name, description}) in a menu; `onChange` gets the unchecked names. */
export function checkboxMenu(box, items, onChange, { checked = true, prefix = "" } = {}) {
  box.querySelectorAll("label").forEach((el) => el.remove());
  for (const { name, description } of items) {
    const input = h("input", { type: "checkbox", value: name, checked });
    if (prefix) input.name = prefix;
    input.addEventListener("change", () => onChange(
      [...box.querySelectorAll("input[type=checkbox]")].filter((i) => !i.checked).map((i) => i.value)));
    box.append(h("label", { title: description || null }, input, name));
  }
}
