#!/usr/bin/env bash
# Every figure in docs/BENCHMARKS.md, on this machine, in one go (a few hours):
#   1. scripts/bench/weights.sh: frame-benchmarking of every pallet of ours → their weights.rs;
#   2. scripts/bench/dag.sh: the DAG service against ed25519 verification, same run
#      (its output → docs/bench/results/dag.txt);
#   3. scripts/bench/chain.sh: chain throughput, latency and finality on one and on four
#      validators, the machine's own figures, plots (→ docs/BENCHMARKS.md, docs/bench/).
# The runtime's weights change in step 1, so steps 2 and 3 measure the chain they produce.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ITC_ROOT"
out="${BENCH_OUT:-$ITC_ROOT/docs/bench/results}"
mkdir -p "$out"
scripts/bench/weights.sh
scripts/bench/dag.sh | tee "$out/dag.txt"
BENCH_OUT="$out" scripts/bench/chain.sh
