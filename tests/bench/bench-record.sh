#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-record.sh - CPU used to record a 90 s answer with the screen live,
# next to arecord recording the same real-time virtual microphone (a private
# PulseAudio, as in tests/cli/audio_lib.sh) at the same time.
# Targets: zero overflows and dropped samples; CPU no more than 1.2x
# arecord's. Prints the figures; exits 0 either way.
# usage: tests/bench/bench-record.sh [path/to/rehearse]
set -u
REHEARSE=${1:-build/rehearse}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../cli/lib.sh" "$REHEARSE"
. "$HERE/../cli/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; rm -rf "$T"' EXIT
FX="$HERE/../fixtures"
sox "$FX/usm-150-clean.wav" "$FX/gbf-180-pink.wav" "$FX/usf-125-quiet.wav" \
	"$FX/gbm-210-loud.wav" "$FX/usm3-165-brown.wav" "$FX/gbm-140-hum.wav" \
	-r 48000 "$T/one.wav"
sox "$T/one.wav" "$T/one.wav" "$T/speech.wav" pad 0.5 10
pulse_start
# The first capture stream on a freshly started PulseAudio spins for ~2 s
# while the virtual source warms up, whoever opens it (measured with a bare
# PortAudio stream). A person's sound server is long running: warm it first.
arecord -q -D default -f S16_LE -r 48000 -c 1 -d 3 /dev/null 2>/dev/null
ticks=$(getconf CLK_TCK)
# The recorder's own cost: the story follower's is bench-follow.sh's.
tm_start rec "$REHEARSE practice --question ach-01 --prep 0 --seconds 90 --rate 48000 --no-story-follow"
feed_speech "$T/speech.wav"
pid=$(rehearse_pid rec)
TIMEFORMAT='%U %S'
{ time arecord -q -D default -f S16_LE -r 48000 -c 1 -d 90 "$T/arecord.wav" 2>"$T/arecord.err"; } 2>"$T/arecord.time"
wait_screen rec "Status +(complete|failed)" 30 >/dev/null
read -r ut st < <(awk '{print $14, $15}' "/proc/$pid/stat")
rehearse_cpu=$(python3 -c "print(round(($ut + $st) / $ticks, 2))")
arecord_cpu=$(awk '{printf "%.2f", $1 + $2}' "$T/arecord.time")
overruns=$(grep -c overrun "$T/arecord.err" || true)
json=$("$REHEARSE" history --json)
read -r dur ovf drop < <(printf '%s' "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
print(r["duration_s"], r["overflows"], r["dropped_frames"])')
echo "90 s recording at 48 kHz from a real-time virtual microphone:"
echo "  rehearse (screen live, analysis included): ${rehearse_cpu} CPU s, ${dur} s recorded, ${ovf} overflows, ${drop} dropped samples"
echo "  arecord (same source, same time):          ${arecord_cpu} CPU s, ${overruns} overruns"
python3 - "$rehearse_cpu" "$arecord_cpu" "$ovf" "$drop" <<'PY'
import sys
r, a, ovf, drop = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ratio = r / a if a > 0 else float("inf")
print("  ratio %.2fx (target at most 1.2x); overflows+drops %d (target 0)" % (ratio, ovf + drop))
print("target met" if ratio <= 1.2 and ovf + drop == 0 else "target missed")
PY
