#!/usr/bin/env bash
# Zombienet networks of the built itc-node (scripts/build.sh), native provider, loopback only.
#
#   scripts/zombienet.sh                 run every numbered drill in zombienet/, in order
#   scripts/zombienet.sh 0003            run the drills whose names start with 0003
#   scripts/zombienet.sh spawn [config]  start a network for manual use (default: four
#                                        validators and an RPC node) until Ctrl-C
#
# @zombienet/cli comes from npm at the version pinned in zombienet/package-lock.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT/zombienet"
[ -x "$ITC_NODE" ] || { echo "no node at $ITC_NODE: run scripts/build.sh" >&2; exit 1; }
export ITC_NODE
npm ci --no-audit --no-fund --loglevel=error
zombienet=(node_modules/.bin/zombienet --provider native --logType text)

if [ "${1:-}" = spawn ]; then
	exec "${zombienet[@]}" spawn "${2:-network-4-rpc.toml}"
fi

drills=()
for file in [0-9][0-9][0-9][0-9]-*.zndsl; do
	[[ "$file" == "${1:-}"* ]] && drills+=("$file")
done
[ ${#drills[@]} -gt 0 ] || { echo "no drill matches '${1:-}'" >&2; exit 1; }
# A node run through itc-node-fast-clock.sh (0006) needs libfaketime.
networks=$(sed -n 's/^Network: *//p' "${drills[@]}" | sort -u)
# shellcheck disable=SC2086
if grep -q itc-node-fast-clock.sh $networks && ! compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null; then
	echo "libfaketime is not installed (a drill runs a node with a fast clock): run scripts/setup.sh" >&2
	exit 1
fi

# Each drill's network files (specs, keystores, databases, node logs) go to a folder that is
# removed when the drill passes and kept, for its logs, when it fails.
work="${TMPDIR:-/tmp}/itc-zombienet"
mkdir -p "$work"
for drill in "${drills[@]}"; do
	start=$(date +%s)
	dir="$work/${drill%.zndsl}"
	rm -rf "$dir"
	printf '\n-- %s\n' "$drill"
	if ! "${zombienet[@]}" --dir "$dir" --force test "$drill"; then
		echo "-- $drill FAILED; node logs in $dir" >&2
		exit 1
	fi
	rm -rf "$dir"
	echo "-- $drill passed in $(( $(date +%s) - start )) s"
done
