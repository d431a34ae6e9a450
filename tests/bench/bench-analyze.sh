#!/usr/bin/env bash
# bench-analyze.sh - how long `rehearse analyze` takes on a 90 s, 48 kHz
# mono recording, next to `sox FILE -n stats` on the same file.
# Target: rehearse is no slower than sox. Prints both; exits 0 either way.
# usage: tests/bench/bench-analyze.sh [path/to/rehearse]
set -eu
REHEARSE=${1:-build/rehearse}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
text="I measured three weeks of build logs before I asked anyone for time. Most of the wait came from one integration suite."
espeak-ng -s 160 -w "$T/s.wav" "$text"
sox "$T/s.wav" -r 48000 "$T/s48.wav"
# Speech, a pause, speech ... until at least 90 s, then exactly 90 s.
parts=()
for i in $(seq 1 14); do parts+=("$T/s48.wav" "$T/gap.wav"); done
sox -n -r 48000 -c 1 "$T/gap.wav" trim 0 1.3
sox "${parts[@]}" "$T/long.wav"
sox -n -r 48000 -c 1 "$T/noise.wav" synth 90 pinknoise vol -50dB
sox -m "$T/long.wav" "$T/noise.wav" -b 16 "$T/take.wav" trim 0 90
soxi -D "$T/take.wav" >/dev/null

median_ms() { # command... -> median wall time of 7 runs in ms
	local times=()
	for _ in 1 2 3 4 5 6 7; do
		local a b
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		b=$(date +%s%N)
		times+=($(( (b - a) / 1000000 )))
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}
r=$(median_ms "$REHEARSE" analyze --json "$T/take.wav")
s=$(median_ms sox "$T/take.wav" -n stats)
echo "90 s 48 kHz mono: rehearse analyze ${r} ms, sox stats ${s} ms (median of 7 runs)"
if [ "$r" -le "$s" ]; then echo "target met: rehearse is no slower than sox"; else
	echo "target missed: rehearse takes $(( r * 100 / (s > 0 ? s : 1) ))% of sox's time"; fi
