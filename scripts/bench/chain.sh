#!/usr/bin/env bash
# Chain throughput, latency and finality under load (docs/BENCHMARKS.md, "Chain throughput"),
# everything in one run on this machine:
#   1. `itc-node benchmark machine`: the machine's own BLAKE2-256, sr25519, memory and disk
#      figures (the node built with runtime-benchmarks);
#   2. a release `--dev` node, fresh for each workload — balance transfers, device
#      registrations one per extrinsic and 100 per extrinsic: itc-load flat out for
#      $BENCH_SECONDS (the maximum), then at 10, 50 and 90 % of the rate it reached;
#   3. the four-validator zombienet network (zombienet/bench-load.zndsl): transfers flat out,
#      then at 50 %, with every validator's CPU use;
#   4. scripts/bench/report.py: tables into docs/BENCHMARKS.md, plots into docs/bench/.
#
#   scripts/bench/chain.sh                    # 60 s per run, about 25 minutes
#   BENCH_SECONDS=20 scripts/bench/chain.sh   # a quicker look
#
# Reports (itc-load's JSON, one per run) go to $BENCH_OUT (default docs/bench/results).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ITC_ROOT"

seconds="${BENCH_SECONDS:-60}"
out="${BENCH_OUT:-$ITC_ROOT/docs/bench/results}"
mkdir -p "$out"
scratch="$(mktemp -d)"
node_pid=""
cleanup() {
	[ -z "$node_pid" ] || kill "$node_pid" 2>/dev/null || true
	rm -rf "$scratch"
}
trap cleanup EXIT

scripts/setup.sh bench
# `benchmark machine` needs the benchmark build, which replaces target/release/itc-node (and
# switching features rebuilds the runtime): build it once and keep a copy. It measures the
# machine, not our code, so an existing copy serves (delete it to rebuild).
bench_node="$CARGO_TARGET_DIR/release/itc-node-benchmarks"
if [ ! -x "$bench_node" ]; then
	cargo build --locked --release -p itc-node --features runtime-benchmarks
	cp "$ITC_NODE" "$bench_node"
fi
scripts/build.sh
load="$CARGO_TARGET_DIR/release/itc-load"
"$ITC_NODE" --version > "$out/node-version.txt"
# When and on what: report.py names them beside every figure.
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
	echo "cores: $(nproc)"
	echo "memory: $(awk '/^MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"
	echo "commit: $(git rev-parse --short=9 HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"
} > "$out/run.txt"

echo "== benchmark machine"
"$bench_node" benchmark machine --dev --allow-fail \
	--base-path "$scratch/machine" 2>&1 | tee "$out/machine.txt"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for workload in transfer register register-batch; do
	port="$(free_port)"
	rm -rf "$scratch/dev"
	"$ITC_NODE" --dev --base-path "$scratch/dev" --rpc-port "$port" \
		--listen-addr /ip4/127.0.0.1/tcp/0 --no-prometheus --no-telemetry --no-mdns \
		> "$scratch/dev-$workload.log" 2>&1 &
	node_pid=$!
	for _ in $(seq 1 120); do
		curl -sf -H 'content-type: application/json' \
			-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
			"http://127.0.0.1:$port" > /dev/null && break
		sleep 0.5
	done
	run() { # run <name> [itc-load options]
		local name="$1"
		shift
		echo "== dev node, $workload, $name"
		"$load" --url "http://127.0.0.1:$port" --workload "$workload" --duration "$seconds" \
			--cpu-pid "$node_pid" "$@" > "$out/dev-$workload-$name.json"
	}
	run max
	max="$(jq '.throughput.extrinsicsPerSecond' "$out/dev-$workload-max.json")"
	for percent in 10 50 90; do
		run "$percent" --rate "$(python3 -c "print($max * $percent / 100)")"
	done
	kill "$node_pid"
	wait "$node_pid" || true
	node_pid=""
	# How long the node took to prepare each block (report.py: time of a full block).
	grep 'Prepared block for proposing' "$scratch/dev-$workload.log" > "$out/dev-$workload-proposals.txt" || true
done

echo "== four validators (zombienet)"
(
	cd zombienet
	npm ci --no-audit --no-fund --loglevel=error
	ITC_NODE="$ITC_NODE" ITC_LOAD="$load" ITC_BENCH_OUT="$out" ITC_BENCH_SECONDS="$seconds" \
		node_modules/.bin/zombienet --provider native --logType text --dir "$scratch/zombienet" \
		--force test bench-load.zndsl
)

scripts/bench/report.sh "$out"
