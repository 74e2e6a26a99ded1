#!/usr/bin/env bash
# Runs a real IPFS engine for the tests: js-ipfs (npm `ipfs`, installed here by
# scripts/setup.sh), which serves kubo's HTTP RPC at /api/v0. Offline, loopback only: no
# swarm listeners, no bootstrap or delegate peers, no discovery, no gateway.
#
#   tests/ipfs/engine.sh <repo dir> <RPC port>
#
# Prints "Daemon is ready" once the RPC answers. The repo is created on first use and kept,
# so a restart serves what was stored before.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The project's Node.js (20 or newer; scripts/setup.sh) first on the PATH.
source "$here/../../scripts/env.sh"
export IPFS_PATH="$1"
port="$2"
# js-ipfs 0.66 calls Promise.withResolvers (Node 22); polyfill.cjs adds it on Node 20.
jsipfs=(node --require "$here/polyfill.cjs" "$here/node_modules/ipfs/src/cli.js")
if [ ! -f "$IPFS_PATH/config" ]; then
	"${jsipfs[@]}" init --empty-repo >/dev/null
fi
node "$here/configure.cjs" "$IPFS_PATH/config" "$port"
exec "${jsipfs[@]}" daemon --offline
