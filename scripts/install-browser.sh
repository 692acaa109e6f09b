#!/usr/bin/env bash
# Debian's headless Chromium for the browser tests (and wrk): see install-system-packages.sh.
exec bash "$(dirname "$0")/install-system-packages.sh" test
