#!/usr/bin/env bash
# Builds the release node (and with it the runtime's wasm) and the load generator itc-load
# into the shared target directory.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT"
cargo build --locked --release -p itc-node -p itc-load "$@"
