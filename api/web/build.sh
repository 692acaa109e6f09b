#!/bin/sh
# Build the analysts' web page into api/web/dist (served by the API at / and /static/).
# The graph library comes from the npm registry through the lock file (npm ci) and is
# copied next to the page's own sources: no CDN, no bundler, works offline.
set -eu

cd "$(dirname "$0")"

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# dist/index.html is the page (served at /); everything else is under dist/static/.
rm -rf dist
mkdir -p dist/static/vendor
cp src/index.html dist/index.html
cp -R src/css src/js dist/static/
cp node_modules/cytoscape/dist/cytoscape.min.js dist/static/vendor/cytoscape.min.js
cp node_modules/cytoscape/LICENSE dist/static/vendor/cytoscape.LICENSE.txt
echo "web page built in $(pwd)/dist"
