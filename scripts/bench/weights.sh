#!/usr/bin/env bash
# Regenerates `weights.rs` of every IoT Chain pallet by running its frame-benchmarking (v2)
# benchmarks on this machine, in the real runtime (wasm, compiled executor).
#
#   scripts/bench/weights.sh                 # every pallet of ours
#   scripts/bench/weights.sh pallet_token_vesting
#
# It builds `itc-node --features runtime-benchmarks` into the shared target directory (cargo
# keeps that build beside the normal one, so switching back costs only a relink), runs
# `benchmark pallet`, and writes the result through scripts/bench/pallet-weight-template.hbs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ITC_ROOT"

# pallet name in the runtime -> crate directory
declare -A PALLETS=(
	[pallet_token_vesting]=pallets/token-vesting
	[pallet_manufacturers]=pallets/manufacturers
	[pallet_devices]=pallets/devices
	[pallet_data_market]=pallets/data-market
	[pallet_edge_mining]=pallets/edge-mining
	[pallet_dag_accounts]=pallets/dag-accounts
	[pallet_dag_anchor]=pallets/dag-anchor
	[itc_chain_extension]=pallets/chain-extension
)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${!PALLETS[@]}")

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

scripts/setup.sh
cargo build --locked --release -p itc-node --features runtime-benchmarks
bench_node="$CARGO_TARGET_DIR/release/itc-node"

for pallet in "${selected[@]}"; do
	dir="${PALLETS[$pallet]:?unknown pallet $pallet}"
	echo "== $pallet -> $dir/src/weights.rs (steps $STEPS, repeat $REPEAT)"
	"$bench_node" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/itc-runtime/itc_runtime.compact.compressed.wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		--template scripts/bench/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done

# Leave the normal node in place for the tests and the dev chain.
scripts/build.sh
