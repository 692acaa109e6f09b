// The GraphQL-over-HTTP audit suite (npm graphql-http's auditServer) against a live server.
//
//   node tests/api/graphql_http_audit.mjs URL NODE_MODULES
//
// URL is the server's GraphQL endpoint; NODE_MODULES the folder graphql-http was installed
// into from a lock file (api/web/node_modules, by api/web/build.sh). Prints one line per
// audit that did not pass, then a JSON summary line; exits 0 when nothing failed.
import { createRequire } from "node:module";
import path from "node:path";

const [url, nodeModules] = process.argv.slice(2);
if (!url || !nodeModules) {
  console.error("usage: graphql_http_audit.mjs URL NODE_MODULES");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(nodeModules), "..", "package.json"));
const { auditServer } = require("graphql-http");
const version = require("graphql-http/package.json").version;

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== "ok") {
    let body = "";
    try {
      body = (await result.response.text()).slice(0, 300);
    } catch {
      body = "(body already read)";
    }
    console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason} -- ${result.response.status} ${body}`);
  }
}
console.log(JSON.stringify({ "graphql-http": version, total: results.length, ...counts }));
process.exit(counts.error || counts.warn ? 1 : 0);
