#!/usr/bin/env bash
# Runs the end-to-end tests against the built itc-node (scripts/build.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -x "$ITC_NODE" ] || { echo "no node at $ITC_NODE: run scripts/build.sh" >&2; exit 1; }
# Exact versions from package-lock.json; the npm cache makes repeated installs quick.
npm ci --no-audit --no-fund --loglevel=error
export ITC_NODE ITC_LOAD
exec node --test --test-concurrency=1 --test-reporter=spec "$@" ./*.test.mjs
