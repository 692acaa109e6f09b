// GraphiQL's page (dist/graphiql.html, served at /graphql to browsers). React, ReactDOM
// and GraphiQL are the packages' UMD builds, copied from npm by build.sh (no CDN). A
// classic script (not inline), so the page's Content-Security-Policy can forbid inline
// scripts. Queries go to the address the page was served from.
"use strict";

(function () {
  const EXAMPLE = `# enforcegraph: GDPR enforcement decisions, sanctions, firms and regulators.
# Press the run button (or Ctrl-Enter); the docs are in the book icon on the left.
{
  stats { totalNodes totalRelationships }
  search(text: "Clearview", first: 3) { totalCount nodes { id label name } }
}
`;
  // GraphiQL's dialogs add <style> elements, with the nonce of this global when it is set
  // (the page's Content-Security-Policy allows inline styles with this response's nonce only).
  window.__webpack_nonce__ = document.querySelector('meta[name="style-nonce"]').content;
  const url = window.location.origin + window.location.pathname;
  const fetcher = GraphiQL.createFetcher({ url });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: EXAMPLE,
      defaultEditorToolsVisibility: true,
      inputValueDeprecation: true,
    }),
  );
})();
