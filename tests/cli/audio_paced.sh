#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The real screens and the real PortAudio on a real-time virtual
# microphone (a private PulseAudio): a practice take driven with keys, a
# mock round to its summary, takes cut short by SIGKILL, SIGINT, SIGHUP
# and a stalled source, a source slow to start or never starting, the
# process frozen for seconds, and the data folder removed mid-take.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; rm -rf "$T"' EXIT
SPEECH="$SRC/tests/fixtures/usm-150-clean.wav"
sox "$SPEECH" -r 48000 "$T/speech48.wav" pad 0.5 30

row() { # row ID FIELD
	"$REHEARSE" history --json 2>/dev/null | python3 -c "
import json, sys
rows = [r for r in json.load(sys.stdin) if r['id'] == int(sys.argv[1])]
print(rows[0][sys.argv[2]] if rows else 'no-row')" "$1" "$2"
}
near() { python3 -c "import sys; sys.exit(0 if abs(float('$1') - float('$2')) <= float('$3') else 1)"; }
atleast() { python3 -c "import sys; sys.exit(0 if float('$1') >= float('$2') else 1)"; }
now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 2))"; }

pulse_start

# 1. Practice driven by keys: Space starts, marks, Space ends.
export REHEARSE_DATA="$T/keys"
tm_start keys "$REHEARSE practice --question conf-01 --seconds 30"
expect_screen "the take waits for Space" keys "READY: press Space"
expect_screen "the cue card is shown" keys "Disagreeing with Marco"
expect_screen "the microphone is checked while preparing" keys "mic +-[0-9]+ dBFS"
expect_screen "and a silent one is flagged before the take" keys "no input\?"
tm send-keys -t keys Space
expect_screen "Space starts recording" keys "● REC"
feed_speech "$T/speech48.wav" keys
wait_screen keys "0:01 of 0:30" 10 || true
tm send-keys -t keys s
wait_screen keys "0:03 of 0:30" 10 || true
tm send-keys -t keys a
expect_screen "marks show on the timeline" keys "S 0:0[0-9] +T — +A 0:0[0-9]"
wait_screen keys "0:05 of 0:30" 10 || true
tm send-keys -t keys Space
expect_screen "Space ends the take on the result card" keys "Status +complete"
expect_screen "the result card shows the STAR split" keys "S [0-9]+%"
expect_screen "and the pacing" keys "First word +[0-9.]+ s"
tm send-keys -t keys q
wait_screen keys "EXIT=0" 10 || true
expect_eq "the row is complete" "$(row 1 status)" complete
near "$(row 1 duration_s)" 5 1 && pass "and about 5 s long" || fail "and about 5 s long ($(row 1 duration_s))"
tm kill-session -t keys

# 2. A three-question mock round to its summary.
export REHEARSE_DATA="$T/round"
tm_start round "$REHEARSE round --count 3 --seed 7 --prep 0 --seconds 5 --no-follow-ups"
for q in 1 2 3; do
	expect_screen "round question $q ends by itself" round "Status +(complete|cut-off|failed)" 25
	tm send-keys -t round n
	if [ $q -lt 3 ]; then
		expect_screen "a pause before question $((q + 1))" round "Next: an? [a-z]+ question"
		tm send-keys -t round Space
	fi
done
expect_screen "the round ends on its summary" round "summary"
wait_screen round "^  3 +[a-z]+ +[a-z]+-[0-9]+ " 10 || true # drawn whole
expect_eq "the summary lists three answers" "$(screen_of round | grep -cE '^  [123] +[a-z]+ +[a-z]+-[0-9]+ ')" 3
# A question the paced microphone had no speech left for is "no speech",
# not answered (issue 20 item 3): the three are counted either way.
expect_screen "and totals them" round "3 answered in 0:1[45]|2 answered in 0:1[45] · 1 with no speech|1 answered in 0:1[45] · 2 with no speech"
tm send-keys -t round q
wait_screen round "EXIT=0" 10 || true
rounds=$("$REHEARSE" history --json | python3 -c "import json,sys; print(sorted({r['round_id'] for r in json.load(sys.stdin)}))")
expect_eq "the three attempts share one round" "$rounds" "[1]"
tm kill-session -t round

# 3. SIGKILL mid-take: the WAV holds all but the last second, and the next
# start marks the row interrupted.
export REHEARSE_DATA="$T/kill"
tm_start kill "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
feed_speech "$T/speech48.wav" kill
t0=$(now)
wait_screen kill "0:06 of 1:00" 15 || true
pid=$(rehearse_pid kill)
elapsed=$(since "$t0")
kill -9 "$pid"
# A process with the follower's models mapped takes a moment to be torn
# down; a person starting again is slower than that.
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
wav=$(ls "$REHEARSE_DATA"/*.wav)
secs=$(soxi -D "$wav" 2>/dev/null || echo 0)
atleast "$secs" "$(python3 -c "print($elapsed - 1)")" &&
	pass "after SIGKILL the WAV plays and holds $secs s of $elapsed s" || fail "after SIGKILL the WAV holds $secs s of $elapsed s"
out=$("$REHEARSE" history 2>&1)
expect_match "the next start recovers it" "$out" "recovered 1 interrupted recording"
expect_eq "as interrupted" "$(row 1 status)" interrupted
atleast "$(row 1 duration_s)" "$(python3 -c "print($elapsed - 1)")" && pass "with the recovered duration" || fail "with the recovered duration ($(row 1 duration_s))"
tm kill-session -t kill

# 4. SIGINT mid-take: stopped, the file complete, the terminal restored.
export REHEARSE_DATA="$T/int"
tm_start int "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
feed_speech "$T/speech48.wav" int
wait_screen int "0:04 of 1:00" 15 || true
kill -INT "$(rehearse_pid int)"
expect_screen "SIGINT leaves with 130" int "EXIT=130"
expect_eq "the row is stopped" "$(row 1 status)" stopped
expect_match "with the reason" "$(row 1 reason)" "SIGINT"
wav=$(ls "$REHEARSE_DATA"/*.wav)
near "$(soxi -D "$wav")" "$(row 1 duration_s)" 0.05 && pass "the WAV is complete ($(soxi -D "$wav") s)" || fail "the WAV is complete"
expect_match "the terminal is back to normal" "$(screen_of int)" "^EXIT=130"
tm kill-session -t int

# 5. SIGHUP (the terminal closed): same, with its own reason.
export REHEARSE_DATA="$T/hup"
tm_start hup "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
wait_screen hup "0:02 of 1:00" 15 || true
kill -HUP "$(rehearse_pid hup)"
wait_screen hup "EXIT=129" 10 || true
expect_eq "after SIGHUP the row is stopped" "$(row 1 status)" stopped
expect_match "because the terminal closed" "$(row 1 reason)" "terminal was closed"
tm kill-session -t hup

# 5b. SIGTERM (asked to stop): the same path, its own reason.
export REHEARSE_DATA="$T/term"
tm_start term "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
wait_screen term "0:02 of 1:00" 15 || true
kill -TERM "$(rehearse_pid term)"
expect_screen "SIGTERM leaves with 143" term "EXIT=143"
expect_eq "after SIGTERM the row is stopped" "$(row 1 status)" stopped
expect_match "because it was asked to stop" "$(row 1 reason)" "SIGTERM"
tm kill-session -t term

# 6. The source stalls: the take ends after 2 s without audio, kept.
export REHEARSE_DATA="$T/stall"
tm_start stall "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
wait_screen stall "0:02 of 1:00" 15 || true
pactl suspend-source vmic 1
expect_screen "a stalled microphone ends the take" stall "Status +failed" 15
expect_screen "and says so" stall "stopped delivering sound"
pactl suspend-source vmic 0
tm send-keys -t stall q
wait_screen stall "EXIT=" 10 || true
expect_eq "the row is failed" "$(row 1 status)" failed
atleast "$(row 1 duration_s)" 1.5 && pass "and the audio before the stall is kept" || fail "and the audio before the stall is kept"
tm kill-session -t stall

# 7. A microphone slow to start (a Bluetooth headset switching profile, an
# idle sound server): its first audio comes 3 s after the take opened it.
# That is no stall: the take records from then on. One that never starts
# fails, saying it delivered nothing.
export REHEARSE_DATA="$T/late"
pactl suspend-source vmic 1
tm_start late "$REHEARSE practice --question fail-01 --prep 0 --seconds 6"
wait_screen late "● REC" 20 || true
sleep 3 # the late start under test, not a wait
pactl suspend-source vmic 0
# What the microphone carries may run to the limit: cut-off is a recorded
# take too; the point is that it is not failed.
expect_screen "a microphone 3 s late to start still records" late "Status +(complete|cut-off)" 30
expect_match "the row is recorded" "$(row 1 status)" "^(complete|cut-off)$"
near "$(row 1 duration_s)" 6 0.2 && pass "with the whole take" || fail "with the whole take ($(row 1 duration_s))"
tm kill-session -t late
export REHEARSE_DATA="$T/dead"
pactl suspend-source vmic 1
tm_start dead "$REHEARSE practice --question fail-01 --prep 0 --seconds 30"
expect_screen "a microphone that never starts fails the take" dead "Status +failed" 30
expect_screen "and says it delivered nothing" dead "delivered no sound; nothing was recorded"
pactl suspend-source vmic 0
expect_eq "the row is failed" "$(row 1 status)" failed

# 8. The process frozen for 3 s (SIGSTOP, a debugger, a paused machine):
# the microphone was frozen with it, no stall; the take runs to its end.
export REHEARSE_DATA="$T/freeze"
tm_start freeze "$REHEARSE practice --question fail-01 --prep 0 --seconds 8"
wait_screen freeze "0:02 of 0:08" 15 || true
pid=$(rehearse_pid freeze)
kill -STOP "$pid"
sleep 3 # the freeze under test, not a wait
kill -CONT "$pid"
expect_screen "a process frozen for 3 s records on" freeze "Status +(complete|cut-off)" 30
expect_match "the row is recorded" "$(row 1 status)" "^(complete|cut-off)$"
near "$(row 1 duration_s)" 8 0.2 && pass "with the whole take" || fail "with the whole take ($(row 1 duration_s))"
tm kill-session -t freeze

# 9. The data folder removed during a take (rm -rf): the card says what was
# lost at once, and names no recording as kept.
export REHEARSE_DATA="$T/gone"
tm_start gone "$REHEARSE practice --question fail-01 --prep 0 --seconds 30"
wait_screen gone "0:02 of 0:30" 15 || true
rm -rf "$REHEARSE_DATA"
expect_screen "a removed data folder fails the take" gone "Status +failed" 10
expect_screen "and says what is lost" gone "the folder $T/gone was removed during the take"
scr=$(screen_of gone)
if printf '%s' "$scr" | grep -qE "\.wav|p play"; then fail "the card names no recording"; else pass "the card names no recording"; fi
tm kill-session -t gone
finish
