#!/usr/bin/env bash
# Install Debian's headless Chromium for the browser tests (tests/browser/).
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root
# (or sudo); Playwright's own browser download is never used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
