#!/usr/bin/env bash
# Regenerates chain-specs/ from the runtime's genesis presets, or with --check verifies that
# the committed specs still match what the runtime produces (everything but the wasm code,
# which changes with every build of the runtime and is checked by the runtime tests instead).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITC_ROOT"
[ -x "$ITC_NODE" ] || scripts/build.sh

check=false
[ "${1:-}" = "--check" ] && check=true

# chain id in the node -> file name
specs=("local:local" "testnet:testnet")
status=0
for pair in "${specs[@]}"; do
	chain="${pair%%:*}"
	file="chain-specs/${pair#*:}.json"
	fresh="$(mktemp)"
	"$ITC_NODE" export-chain-spec --chain "$chain" >"$fresh" 2>/dev/null
	if $check; then
		strip='del(.genesis.runtimeGenesis.code)'
		if ! diff <(jq -S "$strip" "$file") <(jq -S "$strip" "$fresh") >/dev/null; then
			echo "chain-specs: $file differs from the runtime's preset; run scripts/chain-specs.sh" >&2
			status=1
		else
			echo "chain-specs: $file matches the runtime's '$chain' preset"
		fi
		rm -f "$fresh"
	else
		mv "$fresh" "$file"
		chmod 644 "$file"
		echo "chain-specs: wrote $file"
	fi
done
exit $status
