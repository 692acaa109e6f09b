// The view in the URL hash. The network: #e=focus&n=pinned&x=expanded~shown&hide=TYPES
// &lhide=LABELS&from=&to=&undated=hide&fold=1&hid=ids&pin=ids&pos=id~x~y&path=a,b&k=3&avoid=LABELS
// The table: &v=q&q=question&qa=argument&fr=regulators&fj=&fy=&fk=&fc=&fmin=&fmax=&sort=col~desc&off=&ps=

const enc = (id) => encodeURIComponent(id).replace(/%3A/gi, ":");
const list = (text) => (text ? text.split(",").filter(Boolean) : []);  // URLSearchParams has decoded
const FACET_KEYS = { regulator: "fr", jurisdiction: "fj", year: "fy", kind: "fk", currency: "fc" };

export function encodeView(view, table = null) {
  const parts = [];
  if (table && view.tab === "questions") parts.push("v=q");
  if (view.focus) parts.push(`e=${enc(view.focus)}`);
  const pinned = view.pinned.filter((id) => id !== view.focus || view.pinned.length > 1);
  if (pinned.length) parts.push(`n=${pinned.map(enc).join(",")}`);
  if (view.expanded.length) parts.push(`x=${view.expanded.map(([id, shown]) => `${enc(id)}~${shown}`).join(",")}`);
  if (view.hiddenTypes.length) parts.push(`hide=${[...view.hiddenTypes].sort().join(",")}`);
  if (view.hiddenLabels?.length) parts.push(`lhide=${[...view.hiddenLabels].sort().join(",")}`);
  if (view.dateFrom) parts.push(`from=${view.dateFrom}`);
  if (view.dateTo) parts.push(`to=${view.dateTo}`);
  if (view.undated === "hide") parts.push("undated=hide");
  if (view.fold) parts.push("fold=1");
  if (view.hiddenNodes?.length) parts.push(`hid=${view.hiddenNodes.map(enc).join(",")}`);
  if (view.locked?.length) parts.push(`pin=${view.locked.map(enc).join(",")}`);
  if (view.path) parts.push(`path=${view.path.map(enc).join(",")}`);
  if (view.path && view.pathK > 1) parts.push(`k=${view.pathK}`);
  if (view.path && view.avoid?.length) parts.push(`avoid=${[...view.avoid].sort().join(",")}`);
  if (view.positions?.length) {
    parts.push(`pos=${view.positions.map(([id, x, y]) => `${enc(id)}~${Math.round(x)}~${Math.round(y)}`).join(",")}`);
  }
  if (table) parts.push(...encodeTable(table));
  return parts.length ? `#${parts.join("&")}` : "";
}

function encodeTable(table) {
  const parts = [`q=${enc(table.question)}`];
  if (table.argument) parts.push(`qa=${encodeURIComponent(table.argument)}`);
  for (const [facet, key] of Object.entries(FACET_KEYS)) {
    const values = table.filter[facet] || [];
    if (values.length) parts.push(`${key}=${values.map(enc).join(",")}`);
  }
  if (table.filter.amountMin !== null && table.filter.amountMin !== undefined) parts.push(`fmin=${table.filter.amountMin}`);
  if (table.filter.amountMax !== null && table.filter.amountMax !== undefined) parts.push(`fmax=${table.filter.amountMax}`);
  if (table.sort) parts.push(`sort=${enc(table.sort.column)}~${table.sort.direction === "DESC" ? "desc" : "asc"}`);
  if (table.offset) parts.push(`off=${table.offset}`);
  if (table.pageSize && table.pageSize !== 50) parts.push(`ps=${table.pageSize}`);
  return parts;
}

const number = (text) => {
  if (text === null || text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

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
  const positions = list(params.get("pos")).map((item) => {
    const [id, x, y] = item.split("~");
    return [id, Number(x), Number(y)];
  }).filter(([id, x, y]) => id && Number.isFinite(x) && Number.isFinite(y));
  const k = Number.parseInt(params.get("k") || "1", 10);
  return {
    tab: params.get("v") === "q" || (!focus && !pinned.length) ? "questions" : "entity",
    focus,
    pinned,
    expanded,
    hiddenTypes: list(params.get("hide")),
    hiddenLabels: list(params.get("lhide")),
    dateFrom: date(params.get("from")),
    dateTo: date(params.get("to")),
    undated: params.get("undated") === "hide" ? "hide" : "keep",
    fold: params.get("fold") === "1",
    hiddenNodes: list(params.get("hid")),
    locked: list(params.get("pin")),
    positions,
    path: path.length === 2 ? path : null,
    pathK: Number.isFinite(k) ? Math.min(Math.max(k, 1), 3) : 1,
    avoid: list(params.get("avoid")),
    table: decodeTable(params),
  };
}

function decodeTable(params) {
  if (!params.get("q")) return null;
  const filter = {};
  for (const [facet, key] of Object.entries(FACET_KEYS)) filter[facet] = list(params.get(key));
  filter.amountMin = number(params.get("fmin"));
  filter.amountMax = number(params.get("fmax"));
  const [column, direction] = (params.get("sort") || "").split("~");
  const offset = Number.parseInt(params.get("off") || "0", 10);
  const size = Number.parseInt(params.get("ps") || "50", 10);
  return {
    question: params.get("q"),
    argument: params.get("qa") || "",
    filter,
    sort: column ? { column, direction: direction === "desc" ? "DESC" : "ASC" } : null,
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    pageSize: [25, 50, 100].includes(size) ? size : 50,
  };
}

export function isEmpty(view) {
  return !view.focus && !view.pinned.length && !view.expanded.length && !view.path;
}
