// The network from the keyboard: arrows move between nodes, Enter opens, + expands,
// h hides, p pins, f fits.

export function keydown(net, event) {
  const nodes = net.cy.nodes().not(".filtered").toArray().sort((a, b) =>
    a.position("x") - b.position("x") || a.position("y") - b.position("y"));
  if (!nodes.length) return;
  const current = net.cy.nodes(":selected").first();
  const index = current.nonempty() ? nodes.findIndex((n) => n.same(current)) : -1;
  const select = (el) => {
    net.cy.elements(":selected").unselect();
    el.select();
    net.cy.animate({ center: { eles: el }, duration: 150 });
    net.onInfo(`${el.hasClass("more") ? el.data("caption") : `${el.data("label")}: ${el.data("name")}`} — Enter to open, + to expand`);
  };
  if (["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].includes(event.key)) {
    event.preventDefault();
    const step = event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : -1;
    select(nodes[(index + step + nodes.length) % nodes.length]);
  } else if (event.key === "Enter" && current.nonempty()) {
    event.preventDefault();
    if (current.hasClass("more")) net.safe(net.showMore(current.data("owner")));
    else net.onOpen(current.id());
  } else if ((event.key === "+" || event.key === "e") && current.nonempty() && !current.hasClass("more")) {
    event.preventDefault();
    net.safe(net.expanded.has(current.id()) ? net.showMore(current.id()) : net.expand(current.id()));
  } else if (event.key === "h" && current.nonempty() && !current.hasClass("more")) {
    event.preventDefault();
    net.hideNode(current.id());
  } else if (event.key === "p" && current.nonempty() && !current.hasClass("more")) {
    event.preventDefault();
    net.togglePin(current.id());
  } else if (event.key === "f") {
    event.preventDefault();
    net.fit();
  }
}
