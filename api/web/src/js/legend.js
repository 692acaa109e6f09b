// The legend: in the page (a <details> that folds away) and drawn into the PNG export.
import { h } from "./format.js";
import { LABELS, shapeSvg } from "./labels.js";
import { FOCUS_COLOUR, PATH_COLOURS } from "./netstyle.js";

const MARKS = {
  focus: `<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7.5" fill="${FOCUS_COLOUR}" fill-opacity=".35"/><circle cx="8" cy="8" r="4" fill="#666"/></svg>`,
  undated: '<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="#fff" stroke="#5b6472" stroke-width="2" stroke-dasharray="2 2"/></svg>',
  pinned: '<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="4.5" fill="#666"/><circle cx="8" cy="8" r="7" fill="none" stroke="#17202e" stroke-dasharray="1.5 1.5"/></svg>',
  size: '<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><polygon points="3,10 4,12 6,12 4.5,13.3 5,15 3,14 1,15 1.5,13.3 0,12 2,12" fill="#e0a100"/><polygon points="11,1 12.6,5.5 16,5.5 13.3,8 14.3,12.5 11,10 7.7,12.5 8.7,8 6,5.5 9.4,5.5" fill="#e0a100"/></svg>',
};

function pathMark(colour) {
  return `<svg class="shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><line x1="0" y1="8" x2="16" y2="8" stroke="${colour}" stroke-width="3"/></svg>`;
}

/** Legend entries: [svg, text]; labels present in the view first when a view is given. */
export function legendEntries(labelsShown = null) {
  const entries = [];
  for (const label of Object.keys(LABELS)) {
    if (label === "Source" || (labelsShown && !labelsShown.has(label))) continue;
    entries.push([shapeSvg(label), label]);
  }
  entries.push([shapeSvg("Company", { pr: true }), "PR agency (double border)"]);
  entries.push([MARKS.focus, "focused (halo)"]);
  entries.push([MARKS.size, "size: fine in EUR"]);
  entries.push([MARKS.undated, "undated"]);
  entries.push([MARKS.pinned, "pinned"]);
  PATH_COLOURS.forEach((colour, i) => entries.push([pathMark(colour), `path ${i + 1}`]));
  return entries;
}

export function renderLegend(ul) {
  ul.replaceChildren();
  for (const [svg, text] of legendEntries()) {
    const li = h("li", {}, h("span"), text);
    li.firstChild.innerHTML = svg;  // our own constant markup, never data
    ul.append(li);
  }
}

function image(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("an image of the export failed to load"));
    img.src = src;
  });
}

const svgUri = (svg) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.replace('class="shape" ', 'xmlns="http://www.w3.org/2000/svg" '))}`;

/** The network picture with its legend on the right, as a PNG blob. */
export async function pngWithLegend(pictureUri, labelsShown) {
  const picture = await image(pictureUri);
  const entries = legendEntries(labelsShown);
  const scale = 2, row = 22 * scale, pad = 12 * scale, width = 230 * scale;
  const canvas = document.createElement("canvas");
  canvas.width = picture.width + width;
  canvas.height = Math.max(picture.height, pad * 2 + row * (entries.length + 1));
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(picture, 0, 0);
  const x = picture.width + pad;
  g.strokeStyle = "#dde1e7";
  g.strokeRect(picture.width + pad / 2, pad / 2, width - pad, row * (entries.length + 1) + pad);
  g.fillStyle = "#1d2430";
  g.font = `bold ${12 * scale}px sans-serif`;
  g.textBaseline = "middle";
  g.fillText("Legend", x, pad + row / 2);
  g.font = `${11 * scale}px sans-serif`;
  const icons = await Promise.all(entries.map(([svg]) => image(svgUri(svg))));
  entries.forEach(([, text], i) => {
    const y = pad + row * (i + 1);
    g.drawImage(icons[i], x, y + (row - 16 * scale) / 2, 16 * scale, 16 * scale);
    g.fillText(text, x + 22 * scale, y + row / 2);
  });
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}
