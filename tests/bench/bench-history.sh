#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-history.sh - how long `rehearse history` takes over a database of
# 100,000 attempts (each with statistics, half rated). Target: under 50 ms.
# Prints the median of 7 runs, and the same for a --limit 20 listing.
# usage: tests/bench/bench-history.sh [path/to/rehearse]
set -eu
REHEARSE=${1:-build/rehearse}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export REHEARSE_DATA="$T/data"
"$REHEARSE" history >/dev/null
python3 "$HERE/../cli/seed_history.py" "$REHEARSE_DATA/history.db" 100000
median_ms() {
	local times=()
	for _ in 1 2 3 4 5 6 7; do
		local a b
		a=$(date +%s%N)
		"$@" >/dev/null
		b=$(date +%s%N)
		times+=($(( (b - a) / 1000000 )))
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}
page=$(median_ms "$REHEARSE" history)
all=$(median_ms "$REHEARSE" history --all)
filtered=$(median_ms "$REHEARSE" history --category failure --since 2030-01-01)
echo "history over 100,000 attempts (median of 7 runs):"
echo "  rehearse history (newest 100 and the count): ${page} ms (target under 50 ms)"
echo "  rehearse history --category failure --since 2030-01-01: ${filtered} ms"
echo "  rehearse history --all (every row): ${all} ms"
[ "$page" -lt 50 ] && echo "target met" || echo "target missed"
