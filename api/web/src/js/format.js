// Small formatting helpers: escaping, dates, money, labels.

export function esc(value) {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Build a DOM element: h("a", {href, class: "x"}, child, "text"). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const CURRENCY_DIGITS = { JPY: 0, KRW: 0, ISK: 0, HUF: 0 };

/** "EUR 20,000,000" (the currency code first, the exact amount, grouped). */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "";
  const value = Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const digits = Number.isInteger(value) ? 0 : (CURRENCY_DIGITS[currency] ?? 2);
  const text = value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return currency ? `${currency} ${text}` : text;
}

/** "EUR 20M", "GBP 7.6M", "EUR 1,000" for compact places (graph labels). */
export function moneyShort(amount, currency) {
  const value = Number(amount);
  if (!Number.isFinite(value)) return "";
  let text;
  if (value >= 1e9) text = `${+(value / 1e9).toFixed(2)}B`;
  else if (value >= 1e6) text = `${+(value / 1e6).toFixed(2)}M`;
  else text = value.toLocaleString("en-GB", { maximumFractionDigits: 0 });
  return currency ? `${currency} ${text}` : text;
}

/** A sortable key for partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD); undated last. */
export function dateKey(value) {
  if (!value) return "9999-99-99";
  return String(value);
}

/** The first and last day a partial ISO date may mean. */
export function dateBounds(value) {
  if (!value) return null;
  const text = String(value);
  if (/^\d{4}$/.test(text)) return [`${text}-01-01`, `${text}-12-31`];
  if (/^\d{4}-\d{2}$/.test(text)) return [`${text}-01`, `${text}-31`];
  return [text.slice(0, 10), text.slice(0, 10)];
}

export function humanise(name) {
  return String(name ?? "").replace(/_/g, " ");
}

export function truncate(text, length) {
  const value = String(text ?? "");
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

export function hostOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
