#!/usr/bin/env bash
# The whole-runtime fuzzer (fuzz/, docs/SECURITY.md "Fuzzing").
#
#   scripts/fuzz.sh seeded [SECONDS] [SEED]   deterministic greybox run on stable Rust (2 workers);
#                                             findings go to $CARGO_TARGET_DIR/fuzz-findings/
#   scripts/fuzz.sh replay FILE...            runs inputs again, printing every call and outcome
#   scripts/fuzz.sh libfuzzer [SECONDS]       libFuzzer through cargo-fuzz (instrumented build of
#                                             the runtime, about half an hour the first time)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT"

fuzz_bin() {
	cargo build --locked --release -p itc-runtime-fuzz --bin itc-fuzz >&2
	echo "$CARGO_TARGET_DIR/release/itc-fuzz"
}

case "${1:-}" in
seeded)
	bin="$(fuzz_bin)"
	"$bin" seeded --seconds "${2:-600}" --seed "${3:-20261207}" --inputs 1000000000 \
		--findings "$CARGO_TARGET_DIR/fuzz-findings" --corpus "$CARGO_TARGET_DIR/fuzz-corpus"
	;;
replay)
	shift
	bin="$(fuzz_bin)"
	"$bin" replay "$@"
	;;
libfuzzer)
	if ! cargo fuzz --version >/dev/null 2>&1; then
		cargo install cargo-fuzz --locked --version 0.13.1
	fi
	cd fuzz
	# The same versions as the workspace; cargo adds libfuzzer-sys.
	cp ../Cargo.lock libfuzzer/
	mkdir -p libfuzzer/corpus/runtime
	if [ -d "$CARGO_TARGET_DIR/fuzz-corpus" ]; then
		cp -n "$CARGO_TARGET_DIR"/fuzz-corpus/*.bin libfuzzer/corpus/runtime/ 2>/dev/null || true
	fi
	# Stable Rust: no sanitizer (that needs nightly); coverage instrumentation is stable.
	SKIP_WASM_BUILD=1 cargo fuzz run --fuzz-dir libfuzzer runtime --sanitizer none --release \
		--codegen-units 16 \
		--target-dir "$CARGO_TARGET_DIR/libfuzzer" -- \
		-max_total_time="${2:-600}" -max_len=4096 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
	;;
*)
	sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
	;;
esac
