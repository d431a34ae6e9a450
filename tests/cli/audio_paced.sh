#!/usr/bin/env bash
# The real screens and the real PortAudio on a real-time virtual
# microphone (a private PulseAudio): a practice take driven with keys, a
# mock round to its summary, and takes cut short by SIGKILL, SIGINT, SIGHUP
# and a stalled source.
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
wait_screen keys "READY: press Space" 10 && pass "the take waits for Space" || fail "the take waits for Space"
expect_match "the cue card is shown" "$(screen_of keys)" "Disagreeing with Marco"
wait_screen keys "mic +-[0-9]+ dBFS" 5 && pass "the microphone is checked while preparing" || fail "the microphone is checked while preparing"
wait_screen keys "no input\?" 8 && pass "and a silent one is flagged before the take" || fail "and a silent one is flagged before the take"
tm send-keys -t keys Space
feed_speech "$T/speech48.wav"
wait_screen keys "REC" 5 && pass "Space starts recording" || fail "Space starts recording"
wait_screen keys "0:01 of 0:30" 10 || true
tm send-keys -t keys s
wait_screen keys "0:03 of 0:30" 10 || true
tm send-keys -t keys a
expect_match "marks show on the timeline" "$(screen_of keys)" "S 0:0[0-9] +T — +A 0:0[0-9]"
wait_screen keys "0:05 of 0:30" 10 || true
tm send-keys -t keys Space
wait_screen keys "Status +complete" 10 && pass "Space ends the take on the result card" || fail "Space ends the take on the result card"
expect_match "the result card shows the STAR split" "$(screen_of keys)" "S [0-9]+%"
expect_match "and the pacing" "$(screen_of keys)" "First word +[0-9.]+ s"
tm send-keys -t keys q
wait_screen keys "EXIT=0" 10 || true
expect_eq "the row is complete" "$(row 1 status)" complete
near "$(row 1 duration_s)" 5 1 && pass "and about 5 s long" || fail "and about 5 s long ($(row 1 duration_s))"
tm kill-session -t keys

# 2. A three-question mock round to its summary.
export REHEARSE_DATA="$T/round"
tm_start round "$REHEARSE round --count 3 --seed 7 --prep 0 --seconds 5"
for q in 1 2 3; do
	wait_screen round "Status +(complete|cut-off|failed)" 25 && pass "round question $q ends by itself" || fail "round question $q ends by itself"
	tm send-keys -t round n
	if [ $q -lt 3 ]; then
		wait_screen round "Next: an? [a-z]+ question" 10 && pass "a pause before question $((q + 1))" || fail "a pause before question $((q + 1))"
		tm send-keys -t round Space
	fi
done
wait_screen round "summary" 10 && pass "the round ends on its summary" || fail "the round ends on its summary"
expect_eq "the summary lists three answers" "$(screen_of round | grep -cE '^  [123] +[a-z]+ +[a-z]+-[0-9]+ ')" 3
expect_match "and totals them" "$(screen_of round)" "3 answered in 0:1[45]"
tm send-keys -t round q
wait_screen round "EXIT=0" 10 || true
rounds=$("$REHEARSE" history --json | python3 -c "import json,sys; print(sorted({r['round_id'] for r in json.load(sys.stdin)}))")
expect_eq "the three attempts share one round" "$rounds" "[1]"
tm kill-session -t round

# 3. SIGKILL mid-take: the WAV holds all but the last second, and the next
# start marks the row interrupted.
export REHEARSE_DATA="$T/kill"
tm_start kill "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
feed_speech "$T/speech48.wav"
t0=$(now)
wait_screen kill "0:06 of 1:00" 15 || true
pid=$(rehearse_pid kill)
elapsed=$(since "$t0")
kill -9 "$pid"
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
feed_speech "$T/speech48.wav"
wait_screen int "0:04 of 1:00" 15 || true
kill -INT "$(rehearse_pid int)"
wait_screen int "EXIT=130" 10 && pass "SIGINT leaves with 130" || fail "SIGINT leaves with 130"
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
wait_screen term "EXIT=143" 10 && pass "SIGTERM leaves with 143" || fail "SIGTERM leaves with 143"
expect_eq "after SIGTERM the row is stopped" "$(row 1 status)" stopped
expect_match "because it was asked to stop" "$(row 1 reason)" "SIGTERM"
tm kill-session -t term

# 6. The source stalls: the take ends after 2 s without audio, kept.
export REHEARSE_DATA="$T/stall"
tm_start stall "$REHEARSE practice --question fail-01 --prep 0 --seconds 60"
wait_screen stall "0:02 of 1:00" 15 || true
pactl suspend-source vmic 1
wait_screen stall "Status +failed" 15 && pass "a stalled microphone ends the take" || fail "a stalled microphone ends the take"
expect_match "and says so" "$(screen_of stall)" "stopped delivering sound"
pactl suspend-source vmic 0
tm send-keys -t stall q
wait_screen stall "EXIT=" 10 || true
expect_eq "the row is failed" "$(row 1 status)" failed
atleast "$(row 1 duration_s)" 1.5 && pass "and the audio before the stall is kept" || fail "and the audio before the stall is kept"
finish
