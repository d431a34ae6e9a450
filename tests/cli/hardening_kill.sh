#!/usr/bin/env bash
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
	# The audio clock's origin: when the file first holds audio, less
	# what it holds then.
	first=0
	for _ in $(seq 1 500); do
		wav=$(ls "$REHEARSE_DATA"/*.wav 2>/dev/null | head -1)
		first=$(soxi -D "$wav" 2>/dev/null || echo 0)
		[ "$(calc "${first:-0} > 0")" = True ] && break
		sleep 0.01
	done
	origin=$(calc "$(now) - $first")
	sleep "$at"
	pid=$(rehearse_pid "k$k")
	elapsed=$(calc "round($(now) - $origin, 2)")
	[ -n "$pid" ] && kill -9 "$pid"
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
	echo "     kill $k at ${elapsed} s: wav ${secs:-none} s (lost $lost s), row: ${row:-none}"
	playable=$((playable + ok_play)) consistent=$((consistent + ok_row)) kept=$((kept + ok_loss))
	tm kill-session -t "k$k"
done
echo "     kill -9: $KILLS kills; playable WAV $playable/$KILLS, consistent row $consistent/$KILLS, under 1 s lost $kept/$KILLS"
expect_eq "every killed take left a playable WAV" "$playable" "$KILLS"
expect_eq "and a consistent row after the next start" "$consistent" "$KILLS"
expect_eq "and lost less than 1 s" "$kept" "$KILLS"
finish
