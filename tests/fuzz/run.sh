#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh [SECONDS] [HARNESS...] - build the libFuzzer harnesses (build.sh)
# and run each for SECONDS (default 30) from its seed corpus; `make test`
# runs every harness for 25 s, FUZZ_JOBS (the cores) at a time. Inputs that once crashed, kept in
# tests/fuzz/regressions/HARNESS/, are replayed first. A crash leaves its
# input in build-fuzz/crashes/ and makes the script fail.
#   tests/fuzz/run.sh 600 fuzz_story    # ten minutes on the story parser
# FUZZ_KEEP_GOING=1 runs in libFuzzer's fork mode and goes on past crashes,
# timeouts and memory blow-ups, collecting every one in build-fuzz/crashes/.
# FUZZ_LEVELS_UNCHECKED=1 lets fuzz_analysis accept non-finite levels, to
# look past that (known) failure for others.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${FUZZ_OUT:-$SRC/build-fuzz}
secs=${1:-30}
[ $# -gt 0 ] && shift
all="fuzz_categories fuzz_questions fuzz_story fuzz_analysis fuzz_wav"
harnesses=${*:-$all}
sh "$SRC/tests/fuzz/build.sh" "$OUT" >/dev/null || exit 1
mkdir -p "$OUT/crashes"

# Seeds: the bundled bank, the broken banks, and the speech fixtures cut
# short at several rates and sample formats.
seed() { # seed HARNESS DIR
	dir=$2
	mkdir -p "$dir"
	case $1 in
	fuzz_categories) cp "$SRC"/prompts/categories.txt "$SRC"/tests/bad-banks/*/categories.txt "$dir" 2>/dev/null ;;
	fuzz_questions) for f in "$SRC"/prompts/questions.txt "$SRC"/tests/bad-banks/*/questions.txt; do
		cp "$f" "$dir/$(basename "$(dirname "$f")")-q.txt"; done ;;
	fuzz_story) for f in "$SRC"/prompts/stories/*.md "$SRC"/tests/bad-banks/*/stories/*.md; do
		cp "$f" "$dir/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"; done ;;
	fuzz_wav) for f in "$SRC"/tests/fixtures/*.wav; do
		b=$(basename "$f" .wav)
		sox "$f" -r 8000 -b 16 "$dir/$b-8k.wav" trim 0 0.5 2>/dev/null
		sox "$f" -r 16000 -e floating-point -b 32 "$dir/$b-f32.wav" trim 0 0.25 2>/dev/null
		sox "$f" -r 11025 -b 8 -c 2 "$dir/$b-u8s.wav" trim 0 0.25 2>/dev/null
		sox "$f" -r 22050 "$dir/$b.aiff" trim 0 0.25 2>/dev/null
	done ;;
	fuzz_analysis) for f in "$SRC"/tests/fixtures/*.wav; do
		b=$(basename "$f" .wav)
		for r in 8000 16000; do
			python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<i", int(sys.argv[1])))' "$r" > "$dir/$b-$r"
			sox "$f" -r "$r" -c 1 -t f32 -L - trim 0.3 0.5 2>/dev/null >> "$dir/$b-$r"
		done
	done ;;
	esac
}

# run_one HARNESS: replay its kept crashes, then fuzz it; says ok or FAIL
# and leaves its status in $OUT/HARNESS.status (the harnesses run side by
# side, FUZZ_JOBS at a time, each on its own corpus and crash prefix).
run_one() {
	h=$1 st=0
	dict="$SRC/tests/fuzz/bank.dict" maxlen=65536
	case $h in fuzz_analysis|fuzz_wav) dict="$SRC/tests/fuzz/audio.dict" maxlen=131072 ;; esac
	corpus="$OUT/corpus/$h"
	[ -d "$corpus" ] || seed "$h" "$corpus"
	reg="$SRC/tests/fuzz/regressions/$h"
	if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
		if ! "$OUT/$h" -runs=0 "$reg"/* > "$OUT/$h.replay.log" 2>&1; then
			echo "FAIL $h: a kept crash input crashes again (see $OUT/$h.replay.log)"
			st=1
			if [ -z "${FUZZ_KEEP_GOING:-}" ]; then echo $st > "$OUT/$h.status"; return; fi
		fi
	fi
	before=$(ls "$OUT/crashes/" | grep -c "^$h-")
	keep=""
	[ -n "${FUZZ_KEEP_GOING:-}" ] &&
		keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
	# shellcheck disable=SC2086
	"$OUT/$h" $keep -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen \
		-dict="$dict" -artifact_prefix="$OUT/crashes/$h-" -print_final_stats=1 \
		"$corpus" > "$OUT/$h.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$h.log")
	[ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' "$OUT/$h.log" | tail -1)
	crashes=$(($(ls "$OUT/crashes/" | grep -c "^$h-") - before))
	if [ $rc -eq 0 ] && [ "$crashes" -eq 0 ]; then
		echo "ok   $h: ${runs:-?} executions in ${secs} s, no crash"
	else
		echo "FAIL $h: crashed (${runs:-?} executions; $crashes new inputs in $OUT/crashes/)"
		grep -m3 -E "ERROR|runtime error|SUMMARY" "$OUT/$h.log"
		st=1
	fi
	echo $st > "$OUT/$h.status"
}

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
n=0
for h in $harnesses; do
	rm -f "$OUT/$h.status"
	run_one "$h" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait
status=0
for h in $harnesses; do
	[ "$(cat "$OUT/$h.status" 2>/dev/null)" = 0 ] || status=1
done
exit $status
