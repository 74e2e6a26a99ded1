#!/usr/bin/env bash
# Installs what building and testing IoT Chain needs on a fresh Debian machine, and nothing
# that is already there: system packages, the wasm targets, Node.js for the client tests.
set -euo pipefail

need_apt=()
for pair in protoc:protobuf-compiler clang:clang mold:mold pkg-config:pkg-config make:make \
	jq:jq node:nodejs npm:npm; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || need_apt+=("${pair#*:}")
done
dpkg -s libssl-dev >/dev/null 2>&1 || need_apt+=(libssl-dev)
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
# Zombienet drill 0006 runs a node with its clock 20 s fast: libfaketime preloaded
# (zombienet/itc-node-fast-clock.sh).
compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null || need_apt+=(libfaketime)
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing ${need_apt[*]}"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# substrate-wasm-builder builds the runtime for wasm32v1-none when that target is installed
# (no rust-src or nightly needed then).
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
command -v cargo-nextest >/dev/null 2>&1 || cargo install cargo-nextest --locked

# The real IPFS engine that the kubo backend's tests run against (tests/ipfs/engine.sh):
# js-ipfs from npm, exact versions from its package-lock.json.
[ -d "$(dirname "$0")/../tests/ipfs/node_modules/ipfs" ] ||
	(cd "$(dirname "$0")/../tests/ipfs" && npm ci --no-audit --no-fund --loglevel=error)
