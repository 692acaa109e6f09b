// A question's answer as an HTML table (cards on phones) and as CSV. Cells are data:
// every name goes in as text, never as HTML.
import { h, hostOf, money } from "./format.js";

const ENTITY_LIST_MAX = 6;

/** Columns to show, the money column right after the first one. */
export function shownColumns(columns) {
  const kept = columns.filter((c) => c.kind !== "empty");
  const amount = kept.findIndex((c) => c.key === "amount");
  if (amount > 1) kept.splice(1, 0, ...kept.splice(amount, 1));
  return kept;
}

export function moneyText(cell) {
  const amounts = Object.entries(cell.amounts || {}).map(([currency, amount]) => money(amount, currency || null));
  const original = amounts.join(" + ");
  const onlyEur = Object.keys(cell.amounts || {}).every((c) => c === "EUR");
  if (cell.eur === null || cell.eur === undefined) return { original, eur: "", note: cell.basis || "not converted" };
  return { original, eur: onlyEur && amounts.length <= 1 ? "" : money(cell.eur, "EUR"), note: cell.basis || "" };
}

function entityButton(item, actions) {
  return h("button", { type: "button", class: "link entity-link", dataset: { id: item.id }, title: item.id,
    onclick: () => actions.open(item.id) }, item.text);
}

function cellContent(cell, actions) {
  if (!cell) return "";
  switch (cell.t) {
    case "entity":
      return entityButton(cell, actions);
    case "entities": {
      const shown = cell.items.slice(0, ENTITY_LIST_MAX);
      const parts = [];
      shown.forEach((item, i) => { if (i) parts.push(", "); parts.push(entityButton(item, actions)); });
      if (cell.items.length > shown.length) parts.push(h("span", { class: "muted" }, ` +${cell.items.length - shown.length} more`));
      return h("span", {}, parts);
    }
    case "money": {
      const text = moneyText(cell);
      return h("span", { class: "money-cell", title: text.note },
        h("span", { class: "amount" }, text.original || "—"),
        text.eur ? h("span", { class: "eur" }, `≈ ${text.eur}`) : null,
        !text.eur && cell.eur === null ? h("span", { class: "eur muted" }, "not in EUR") : null);
    }
    case "number":
      return Number(cell.v).toLocaleString("en-GB", { maximumFractionDigits: 4 });
    case "links":
      return h("span", { class: "links-cell" }, cell.items.slice(0, 4).map((url) =>
        h("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, hostOf(url))));
    default:
      return String(cell.v ?? "");
  }
}

/** The table: sortable headers (buttons with aria-sort), a row per answer row. */
export function renderTable(result, { sort, onSort, actions }) {
  const columns = shownColumns(result.columns);
  const head = h("tr", {}, h("th", { scope: "col", class: "row-actions" }, h("span", { class: "sr-only" }, "Row actions")),
    columns.map((column) => {
      const active = sort && sort.column === column.key;
      const state = active ? (sort.direction === "DESC" ? "descending" : "ascending") : "none";
      return h("th", { scope: "col", "aria-sort": state, class: `col-${column.kind}` },
        h("button", { type: "button", class: "sort", dataset: { column: column.key },
          onclick: () => onSort(column.key) },
          column.title, h("span", { class: "arrow", "aria-hidden": "true" }, active ? (state === "descending" ? " ▼" : " ▲") : "")));
    }));
  const body = result.rows.map((row, index) => {
    const first = row.entities?.[0];
    const label = row.cells[columns[0]?.key]?.text || row.cells[columns[0]?.key]?.v || `row ${index + 1}`;
    const tools = first ? [
      h("button", { type: "button", class: "row-open", "aria-label": `Open ${label}`, onclick: () => actions.open(first) }, "Open"),
      h("button", { type: "button", class: "row-add", "aria-label": `Add ${label} to the network`,
        title: "Add the row's entities and the relationships among them to the network",
        onclick: () => actions.add(row.entities) }, "Add"),
    ] : [];
    return h("tr", { dataset: { entities: (row.entities || []).join(" ") } },
      h("td", { class: "row-actions", "data-label": "" }, tools),
      columns.map((column) => h("td", { "data-label": column.title, class: `col-${column.kind}` },
        cellContent(row.cells[column.key], actions))));
  });
  return h("table", { class: "answer", id: "answer-table" },
    h("caption", { class: "sr-only" }, `${result.question.title}: ${result.totalCount} rows`),
    h("thead", {}, head), h("tbody", {}, body));
}

function csvValue(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;  // never a formula in a spreadsheet
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCells(cell) {
  if (!cell) return [""];
  switch (cell.t) {
    case "entity": return [cell.text];
    case "entities": return [cell.items.map((i) => i.text).join("; ")];
    case "links": return [cell.items.join(" ")];
    case "number": return [cell.v];
    case "money": {
      const amounts = Object.entries(cell.amounts || {}).map(([c, a]) => `${c} ${a}`).join("; ");
      return [amounts, cell.eur ?? ""];
    }
    default: return [cell.v ?? ""];
  }
}

/** CSV of rows (every column, money as original and EUR, entity ids alongside). */
export function toCsv(columns, rows) {
  const shown = shownColumns(columns);
  const header = [];
  for (const column of shown) {
    if (column.kind === "money") header.push(`${column.key} (original)`, `${column.key} (EUR)`);
    else header.push(column.key);
  }
  header.push("entity_ids");
  const lines = [header.map(csvValue).join(",")];
  for (const row of rows) {
    const values = [];
    for (const column of shown) {
      const cells = csvCells(row.cells[column.key]);
      values.push(...(column.kind === "money" ? [cells[0] ?? "", cells[1] ?? ""] : [cells[0]]));
    }
    values.push((row.entities || []).join(" "));
    lines.push(values.map(csvValue).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
