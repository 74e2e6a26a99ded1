#!/usr/bin/env bash
# Builds and tests the ink! contracts in contracts/ (docs/CONTRACTS.md):
#
#   scripts/contracts.sh          # install what is missing, build every contract (release)
#   scripts/contracts.sh test     # rustfmt, clippy and the #[ink::test] unit tests as well
#
# The contracts use the Rust toolchain pinned in contracts/rust-toolchain.toml (1.91.1:
# cargo-contract 5.0.3's release builds fail on Rust >= 1.92) and cargo-contract 5.0.3, both
# installed here when missing. Builds go to $ITC_CONTRACTS_TARGET (beside the node's target
# directory, so fresh clones reuse them); the artifacts (.contract, .wasm, .json) to
# $ITC_CONTRACTS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT/contracts"
# The toolchain comes from rust-toolchain.toml in this directory, not from the caller.
unset RUSTUP_TOOLCHAIN
toolchain="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
CARGO_CONTRACT_VERSION=5.0.3

# Idempotent: adds whatever of the toolchain, its components and the target is missing.
rustup toolchain install "$toolchain" --profile minimal --no-self-update \
	-c rust-src -c clippy -c rustfmt -t wasm32-unknown-unknown
if ! cargo contract --version 2>/dev/null | grep -q "cargo-contract-contract $CARGO_CONTRACT_VERSION"; then
	echo "contracts: installing cargo-contract $CARGO_CONTRACT_VERSION (compiles Binaryen: ~15 min)"
	(cd / && cargo "+$toolchain" install cargo-contract --version "$CARGO_CONTRACT_VERSION" --locked)
fi

export CARGO_TARGET_DIR="$ITC_CONTRACTS_TARGET"
mkdir -p "$ITC_CONTRACTS"
for contract in device-rental chaincode-analytics extension-probe; do
	cargo contract build --release --quiet --manifest-path "$contract/Cargo.toml"
	name="${contract//-/_}"
	for ext in contract wasm json; do
		cp "$CARGO_TARGET_DIR/ink/$name/$name.$ext" "$ITC_CONTRACTS/"
	done
	printf 'contracts: %s.wasm %d bytes\n' "$name" "$(stat -c %s "$ITC_CONTRACTS/$name.wasm")"
done

if [ "${1:-}" = test ]; then
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo test --locked --workspace
fi
