// Where new nodes go: on a ring around the node they came from, away from the rest.

export function ringPosition(cy, nearId) {
  const centre = cy.getElementById(nearId);
  const p = centre.nonempty() ? centre.position() : { x: 0, y: 0 };
  const angle = Math.random() * Math.PI * 2;
  return { x: p.x + Math.cos(angle) * 140, y: p.y + Math.sin(angle) * 140 };
}

/** New neighbours evenly on a ring around their node, away from the graph's centre. */
export function spreadAround(cy, id, added) {
  if (!added.length) return;
  const centre = cy.getElementById(id).position();
  const radius = Math.max(130, added.length * 11);
  const others = cy.nodes().not(cy.collection(added)).not(`#${CSS.escape(id)}`);
  let start = 0;
  let arc = Math.PI * 2;
  if (others.nonempty()) {
    // open the ring on the side facing away from the rest of the graph
    const box = others.boundingBox();
    const away = Math.atan2(centre.y - (box.y1 + box.y2) / 2, centre.x - (box.x1 + box.x2) / 2);
    arc = Math.PI * 1.4;
    start = away - arc / 2;
  }
  const step = arc / (others.nonempty() ? Math.max(added.length - 1, 1) : added.length);
  added.forEach((node, i) => {
    const angle = start + step * i;
    node.position({ x: centre.x + Math.cos(angle) * radius, y: centre.y + Math.sin(angle) * radius });
  });
}

export function freePosition(cy) {
  if (cy.nodes().empty()) return { x: 0, y: 0 };
  const box = cy.nodes().boundingBox();
  return { x: box.x2 + 120, y: (box.y1 + box.y2) / 2 };
}
