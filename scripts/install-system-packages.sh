#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing (no root needed when
# nothing is). Groups:
#   build  what `pip install` compiles with: PyICU (pulled in by the fingerprints and
#          normality packages) needs a C++ compiler, pkg-config and ICU's headers
#   test   the browser tests' headless Chromium (Debian's; Playwright never downloads
#          one), wrk (the HTTP load generator of the GraphQL benchmark and its test)
#          and curl (the README's examples, run by tests/docs)
# Usage: scripts/install-system-packages.sh build|test ...
set -euo pipefail

declare -A NEED=(
    [build]="g++ pkg-config libicu-dev"
    [test]="chromium fonts-dejavu-core wrk curl"
)

wanted=()
for group in "$@"; do
    [ -n "${NEED[$group]:-}" ] || { echo "unknown group: $group (build, test)" >&2; exit 2; }
    for package in ${NEED[$group]}; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            wanted+=("$package")
        fi
    done
done
[ ${#wanted[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing system packages: ${wanted[*]} (install them; this script knows apt-get only)" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing system packages: ${wanted[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
