#!/usr/bin/env bash
# README command 1: set up the machine, build, and run a development chain (Alice validates,
# blocks every 3 s, GRANDPA finality). Extra arguments go to the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ITC_ROOT/scripts/setup.sh"
"$ITC_ROOT/scripts/build.sh"
exec "$ITC_NODE" --dev "$@"
