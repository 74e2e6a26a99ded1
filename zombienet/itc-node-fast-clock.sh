#!/usr/bin/env bash
# itc-node ($ITC_NODE) with its wall clock ITC_CLOCK_OFFSET ahead (default +20s): libfaketime
# (Debian package libfaketime, installed by scripts/setup.sh) preloaded into the process.
# Zombienet's native provider runs a node's `command` through `bash -c`, so a network gives
# this script as the command of the node whose clock should run fast (network-4-skew.toml).
#
# Only the wall clock moves (CLOCK_REALTIME: time(), gettimeofday(), clock_gettime(), what
# Rust's SystemTime reads); FAKETIME_DONT_FAKE_MONOTONIC keeps CLOCK_MONOTONIC (Instant: timers,
# timeouts, GRANDPA rounds) real, and NO_FAKE_STAT leaves file times alone. `exec` keeps the
# PID zombienet started, so pause, restart and kill reach the node itself.
set -euo pipefail
lib="${ITC_LIBFAKETIME:-}"
if [ -z "$lib" ]; then
	for candidate in /usr/lib/*/faketime/libfaketime.so.1; do
		[ -r "$candidate" ] && lib="$candidate" && break
	done
fi
if [ -z "$lib" ] || [ ! -r "$lib" ]; then
	echo "itc-node-fast-clock.sh: libfaketime.so.1 not found (Debian package libfaketime;" \
		"scripts/setup.sh installs it, or set ITC_LIBFAKETIME)" >&2
	exit 1
fi
[ -x "${ITC_NODE:-}" ] || { echo "itc-node-fast-clock.sh: no node at ITC_NODE='${ITC_NODE:-}'" >&2; exit 1; }
export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
export FAKETIME="${ITC_CLOCK_OFFSET:-+20s}"
export FAKETIME_DONT_FAKE_MONOTONIC=1
export NO_FAKE_STAT=1
exec "$ITC_NODE" "$@"
