#!/usr/bin/env bash
# README command 2: set up the machine, build, and run every test: rustfmt and clippy, the
# chain specs against the runtime's presets, unit and runtime tests (cargo nextest), a seeded
# run of the whole-runtime fuzzer, the pallets' benchmarks as tests, the ink! contracts (build, lint, #[ink::test]s), the
# end-to-end tests against the real node with @polkadot/api and @polkadot/api-contract, then
# the zombienet fault drills on four-validator networks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT"

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "setup"
scripts/setup.sh test
# Setup may have installed Node.js 20 into $ITC_TOOLS: put it on this script's PATH too, for
# every test that starts a Node program (the IPFS engine of the node's kubo tests).
source scripts/env.sh

step "build the node"
scripts/build.sh

step "lint: rustfmt and clippy (warnings are errors)"
cargo fmt --all --check
cargo clippy --locked --release --workspace --all-targets -- -D warnings

step "chain specs match the runtime's presets"
scripts/chain-specs.sh --check

step "unit and runtime tests"
cargo nextest run --locked --release --workspace --no-fail-fast

step "runtime fuzzer: seeded and deterministic, every invariant after every block (about 3 minutes)"
# --workspace keeps the feature set of the step above, so nothing is rebuilt.
ITC_FUZZ_SEED="${ITC_FUZZ_SEED:-20261207}" ITC_FUZZ_INPUTS="${ITC_FUZZ_INPUTS:-8000}" \
ITC_FUZZ_SECONDS="${ITC_FUZZ_SECONDS:-240}" \
	cargo nextest run --locked --release --workspace --run-ignored only \
	-E 'test(=seeded_fuzz_ci)' --no-capture

step "benchmark tests (each benchmark runs once against the pallet's mock)"
cargo nextest run --locked --release --no-fail-fast --features runtime-benchmarks \
	-p pallet-token-vesting -p pallet-manufacturers -p pallet-devices -p pallet-data-market \
	-p pallet-edge-mining -p pallet-dag-accounts -p pallet-dag-anchor -p itc-chain-extension

step "ink! contracts: build (cargo-contract), rustfmt, clippy, #[ink::test]s"
scripts/contracts.sh test

step "end-to-end tests"
tests/e2e/run.sh

step "zombienet fault drills (four validators, loopback)"
scripts/zombienet.sh
