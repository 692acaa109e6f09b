// The view in the URL: #e=focus&n=pinned&x=expanded~shown&hide=TYPES&from=&to=&path=a,b

const enc = (id) => encodeURIComponent(id).replace(/%3A/gi, ":");
const list = (text) => (text ? text.split(",").filter(Boolean) : []);  // URLSearchParams has decoded

export function encodeView(view) {
  const parts = [];
  if (view.focus) parts.push(`e=${enc(view.focus)}`);
  const pinned = view.pinned.filter((id) => id !== view.focus || view.pinned.length > 1);
  if (pinned.length) parts.push(`n=${pinned.map(enc).join(",")}`);
  if (view.expanded.length) parts.push(`x=${view.expanded.map(([id, shown]) => `${enc(id)}~${shown}`).join(",")}`);
  if (view.hiddenTypes.length) parts.push(`hide=${[...view.hiddenTypes].sort().join(",")}`);
  if (view.dateFrom) parts.push(`from=${view.dateFrom}`);
  if (view.dateTo) parts.push(`to=${view.dateTo}`);
  if (view.path) parts.push(`path=${view.path.map(enc).join(",")}`);
  return parts.length ? `#${parts.join("&")}` : "";
}

export function decodeView(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const focus = params.get("e") || null;
  const pinned = list(params.get("n"));
  if (focus && !pinned.includes(focus)) pinned.unshift(focus);
  const expanded = list(params.get("x")).map((item) => {
    const [id, shown] = item.split("~");
    const count = Number.parseInt(shown, 10);
    return [id, Number.isFinite(count) && count > 0 ? Math.min(count, 500) : null];
  });
  const path = list(params.get("path"));
  const date = (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value : "");
  return {
    focus,
    pinned,
    expanded,
    hiddenTypes: list(params.get("hide")),
    dateFrom: date(params.get("from")),
    dateTo: date(params.get("to")),
    path: path.length === 2 ? path : null,
  };
}

export function isEmpty(view) {
  return !view.focus && !view.pinned.length && !view.expanded.length && !view.path;
}
