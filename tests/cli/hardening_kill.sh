#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9: kill -9 at real-time pace. A take on the paced virtual microphone
# (a private PulseAudio) is killed at several points; after each kill the
# WAV must play, the next start must leave a consistent row (interrupted,
# its duration the file's, its statistics stored, nothing left
# "recording", no space left set aside), and less than 1 s of what was recorded may be lost.
#   KILLS=N (default 4) kills; the figures are printed at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; rm -rf "$T"' EXIT
KILLS=${KILLS:-4}
SPEECH="$SRC/tests/fixtures/usm-150-clean.wav"
sox "$SPEECH" -r 48000 "$T/speech48.wav" pad 0.5 30
# Seconds after the first audio reached the file at which to kill,
# cycled through: at once, between header refreshes, well into the take.
POINTS=(0 0.3 1.2 2.5 3.7 0.05 4.6 1.9 5.5 3.1 6.4 0.8)
now() { date +%s.%N; }
calc() { python3 -c "print($*)"; }

pulse_start
playable=0 consistent=0 kept=0
for k in $(seq 1 "$KILLS"); do
	at=${POINTS[$(((k - 1) % ${#POINTS[@]}))]}
	export REHEARSE_DATA="$T/kill$k"
	tm_start "k$k" "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
	feed_speech "$T/speech48.wav" # returns once the capture stream runs
	for _ in $(seq 1 500); do pid=$(rehearse_pid "k$k"); [ -n "$pid" ] && break; sleep 0.01; done
	# Watch the WAV's header, which the writer refreshes with every block:
	# each look bounds the audio clock's origin from above (t - seconds
	# on file), the tightest bound is kept, and the kill comes AT seconds
	# after audio first reached the file. Prints the audio the device had
	# delivered at the kill, by that clock.
	elapsed=$(python3 - "$REHEARSE_DATA" "$at" "$pid" <<'PY'
import glob, os, signal, struct, sys, time
folder, at, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
def seconds():
    for path in glob.glob(folder + "/*.wav"):
        try:
            head = open(path, "rb").read(4096)
        except OSError:
            return 0.0
        rate, i = 0, 12
        while i + 8 <= len(head):
            tag, size = head[i:i + 4], struct.unpack("<I", head[i + 4:i + 8])[0]
            if tag == b"fmt ":
                rate = struct.unpack("<I", head[i + 12:i + 16])[0]
            if tag == b"data":
                return size / 2 / rate if rate else 0.0
            i += 8 + size + (size & 1)
    return 0.0
origin, first = None, None
deadline = time.time() + 20
while time.time() < deadline:
    if at < 0 and glob.glob(folder + "/*.wav"):
        break  # at once: the name is claimed, perhaps nothing written
    s = seconds()
    t = time.time()
    if s > 0:
        origin = t - s if origin is None else min(origin, t - s)
        first = first or t
        if t - first >= at:
            break
    time.sleep(0.003)
t_kill = time.time()
os.kill(pid, signal.SIGKILL)
print(round(t_kill - origin, 3) if origin is not None else 0)
PY
)
	kill "$FEED_PID" 2>/dev/null
	# The next start comes once the process is gone (not a zombie).
	wait_screen "k$k" "EXIT=137" 10 >/dev/null || true
	wav=$(ls "$REHEARSE_DATA"/*.wav 2>/dev/null | head -1)
	secs=$(soxi -D "$wav" 2>/dev/null)
	ok_play=0 ok_row=0 ok_loss=0
	if [ -n "$secs" ] && sox "$wav" -n stat >/dev/null 2>&1; then ok_play=1; fi
	timeout 60 "$REHEARSE" history >/dev/null 2>&1
	row=$(sqlite3 -separator ' ' "$REHEARSE_DATA/history.db" \
		"SELECT a.status, a.duration_s, (SELECT count(*) FROM stats s WHERE s.attempt_id = a.id),
		 (SELECT count(*) FROM attempts WHERE status = 'recording') FROM attempts a")
	read -r status dur nstats left <<<"$row"
	reserve=$(ls "$REHEARSE_DATA" | grep -c '\.reserve$')
	if [ "$status" = interrupted ] && [ "$nstats" = 1 ] && [ "$left" = 0 ] && [ "$reserve" = 0 ] &&
		[ -n "$secs" ] && [ "$(calc "abs($dur - $secs) < 0.05")" = True ]; then ok_row=1; fi
	lost=$(calc "round($elapsed - ${secs:-0}, 2)")
	[ "$(calc "$lost < 1.0")" = True ] && ok_loss=1
	echo "     kill $k at ${elapsed} s of audio: wav ${secs:-none} s (lost $lost s), row: ${row:-none}, reserve files: $reserve"
	playable=$((playable + ok_play)) consistent=$((consistent + ok_row)) kept=$((kept + ok_loss))
	tm kill-session -t "k$k"
done
# Killed the moment the take claimed its file name: the next start says
# nothing was recorded, or keeps what was.
export REHEARSE_DATA="$T/kill-start"
tm_start ks "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
for _ in $(seq 1 500); do pid=$(rehearse_pid ks); [ -n "$pid" ] && break; sleep 0.01; done
python3 - "$REHEARSE_DATA" -1 "$pid" <<'PY' >/dev/null
import glob, os, signal, sys, time
deadline = time.time() + 20
while time.time() < deadline and not glob.glob(sys.argv[1] + "/*.wav"):
    time.sleep(0.001)
os.kill(int(sys.argv[3]), signal.SIGKILL)
PY
wait_screen ks "EXIT=137" 10 >/dev/null || true
timeout 60 "$REHEARSE" history >/dev/null 2>&1
row=$(sqlite3 -separator ' ' "$REHEARSE_DATA/history.db" "SELECT status, wav_path IS NULL, reason FROM attempts")
wav=$(ls "$REHEARSE_DATA"/*.wav 2>/dev/null | head -1)
wavsecs=$( [ -n "$wav" ] && soxi -D "$wav" 2>/dev/null || echo none)
echo "     killed as the file was claimed: row: ${row:-none}; WAV: ${wav:+$(stat -c %s "$wav") bytes, }$wavsecs s"
case "$row" in
"") # killed before its row was written: at most an empty file is left
	expect_eq "killed before the row: no audio was lost" "$([ -z "$wav" ] || [ ! -s "$wav" ] && echo empty)" empty ;;
"interrupted 1 "*)
	expect_match "killed before the first write: no file, no path, said so" "$row" "stopped before anything was recorded"
	expect_eq "and the empty file is gone" "${wav:-none}" none ;;
*)
	expect_match "killed just after the first write: kept" "$row" "^interrupted 0 .*were recovered" ;;
esac
tm kill-session -t ks

echo "     kill -9: $KILLS kills; playable WAV $playable/$KILLS, consistent row $consistent/$KILLS, under 1 s lost $kept/$KILLS"
expect_eq "every killed take left a playable WAV" "$playable" "$KILLS"
expect_eq "and a consistent row after the next start" "$consistent" "$KILLS"
expect_eq "and lost less than 1 s" "$kept" "$KILLS"
finish
