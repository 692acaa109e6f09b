#!/bin/sh
# Build the analysts' web page into api/web/dist (served by the API at / and /static/)
# and GraphiQL's page (dist/graphiql.html, served at /graphql to browsers).
# The graph library, React and GraphiQL come from the npm registry through the lock file (npm ci) and is
# copied next to the page's own sources: no CDN, no bundler, works offline.
set -eu

cd "$(dirname "$0")"

# One build at a time (a test worker, a wheel build and `make web` may ask at once).
exec 9>.build.lock
flock 9

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# Nothing to do when dist was built after every input changed (a wheel build asks again,
# and a server or a test may be serving dist meanwhile); a failed check means a build.
stamp=.dist-built
if [ -f "$stamp" ] && [ -f dist/index.html ] && [ -f dist/graphiql.html ] \
    && changed=$(find src build.sh package-lock.json node_modules/.package-lock.json -newer "$stamp" -print -quit) \
    && [ -z "$changed" ]; then
    echo "web page up to date in $(pwd)/dist"
    exit 0
fi

# Built beside dist, then put in its place: dist is never seen half built. The stamp is
# taken before the inputs are read, so an input changed during the build is built again.
out=dist.new.$$
trap 'rm -rf "$out" "$stamp.new"' EXIT
rm -rf "$out"
touch "$stamp.new"

# dist/index.html is the page (served at /); everything else is under dist/static/.
mkdir -p "$out/static/vendor"
# every module of the page preloaded at once (imports would otherwise be found level by level)
preload=$(for f in src/js/*.js; do
    name=$(basename "$f")
    [ "$name" = graphiql.js ] || printf '  <link rel="modulepreload" href="static/js/%s">\n' "$name"
done)
awk -v links="$preload" '/<!-- modulepreload:/ { print links; next } { print }' src/index.html > "$out/index.html"
cp -R src/css src/js "$out/static/"
cp node_modules/cytoscape/dist/cytoscape.min.js "$out/static/"vendor/cytoscape.min.js
cp node_modules/cytoscape/LICENSE "$out/static/"vendor/cytoscape.LICENSE.txt
# GraphiQL (served at /graphql to browsers): the UMD builds of React, ReactDOM and
# GraphiQL next to a page whose bootstrap script is a file (no inline script, no CDN).
cp src/graphiql.html "$out/graphiql.html"
cp node_modules/react/umd/react.production.min.js "$out/static/"vendor/
cp node_modules/react-dom/umd/react-dom.production.min.js "$out/static/"vendor/
cp node_modules/graphiql/graphiql.min.js node_modules/graphiql/graphiql.min.css "$out/static/"vendor/
cp node_modules/react/LICENSE "$out/static/"vendor/react.LICENSE.txt
cp node_modules/react-dom/LICENSE "$out/static/"vendor/react-dom.LICENSE.txt
cp node_modules/graphiql/LICENSE "$out/static/"vendor/graphiql.LICENSE.txt
rm -rf dist.old
if [ -d dist ]; then mv dist dist.old; fi
mv "$out" dist
rm -rf dist.old
mv "$stamp.new" "$stamp"
echo "web page built in $(pwd)/dist"
