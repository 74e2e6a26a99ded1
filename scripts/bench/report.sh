#!/usr/bin/env bash
# Runs scripts/bench/report.py on a folder of results, with matplotlib from PyPI in a virtual
# environment under ~/.cache (made on first use).
#
#   scripts/bench/report.sh docs/bench/results
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
venv="${ITC_BENCH_VENV:-$HOME/.cache/itc-bench-venv}"
if [ ! -x "$venv/bin/python" ]; then
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet matplotlib==3.9.2
fi
exec "$venv/bin/python" "$ITC_ROOT/scripts/bench/report.py" "$@"
