#!/usr/bin/env bash
# The DAG service's figures on this machine (docs/BENCHMARKS.md, "DAG"):
#   - ed25519 verifications per second, one by one and batched, and the DAG core's ingest rate
#     (dag/examples/ingest.rs, one thread): the baseline;
#   - transactions per second a running `itc-node --dev` accepts over `dag_submitBatch`, and
#     p50/p99 of one `dag_submitBatch` call and of one `dag_submit` call (dag/examples/load.rs);
#   - p50/p99 from submitting to node A until node B holds the transaction.
#
#   scripts/bench/dag.sh                       # 100,000 transactions in batches of 64
#   DAG_BENCH_TXS=100000 DAG_BENCH_BATCH=256 scripts/bench/dag.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ITC_ROOT"

scripts/build.sh
cargo build --locked --release -p itc-dag --example ingest --example load
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
export ITC_NODE ITC_DAG_INGEST="$CARGO_TARGET_DIR/release/examples/ingest" \
	ITC_DAG_LOAD="$CARGO_TARGET_DIR/release/examples/load"
exec node tests/e2e/bench/dag.mjs
