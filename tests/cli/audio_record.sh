#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Recording through the real PortAudio library from a fast virtual
# microphone (ALSA file plugin): the WAV matches what was spoken, the row
# is complete, the disk can fill, there may be no microphone at all, and a
# recording plays back bit for bit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; rm -rf "$T"' EXIT
SPEECH="$SRC/tests/fixtures/usm-150-clean.wav"

# Correlation of two WAVs over their common length (rates must match).
correlate() {
	python3 - "$1" "$2" <<'PY'
import sys, wave, array, math
def read(p):
    w = wave.open(p)
    assert w.getsampwidth() == 2
    a = array.array("h", w.readframes(w.getnframes()))
    return a[::w.getnchannels()]
a, b = read(sys.argv[1]), read(sys.argv[2])
n = min(len(a), len(b))
sa = sum(x * x for x in a[:n]); sb = sum(y * y for y in b[:n])
print("%.4f" % (sum(x * y for x, y in zip(a[:n], b[:n])) / math.sqrt(sa * sb)))
PY
}

json_field() { # json_field ID FIELD
	"$REHEARSE" history --json | python3 -c "
import json, sys
rows = [r for r in json.load(sys.stdin) if r['id'] == int(sys.argv[1])]
print(rows[0][sys.argv[2]] if rows else 'no-row')" "$1" "$2"
}

vmic_file "$SPEECH" 16000
out=$("$REHEARSE" devices); rc=$?
expect_eq "devices exits 0" "$rc" 0
expect_match "devices lists the virtual microphone" "$out" "vmic +ALSA"
expect_match "and marks the default input" "$out" "default input"

# End to end: speech in, WAV out, row stored. The speech runs past the
# 20 s limit, so the clock cuts it off (issue 11 item 2).
tm_start rec "$REHEARSE practice --question conf-01 --prep 0 --seconds 20 --rate 16000"
if wait_screen rec "Status +cut-off" 20; then pass "the result card shows a cut-off take"; else fail "the result card shows a cut-off take"; fi
expect_match "with the pace" "$(screen_of rec)" "Pace +~[0-9]+ wpm"
tm send-keys -t rec q
wait_screen rec "EXIT=0" 10 && pass "q on the result leaves with 0" || fail "q on the result leaves with 0"
expect_eq "the row is cut-off" "$(json_field 1 status)" cut-off
expect_eq "and lasts the limit" "$(json_field 1 duration_s)" 20
wav=$(json_field 1 wav_path)
expect_eq "the recording is 0600" "$(stat -c %a "$wav")" 600
expect_eq "the data folder is 0700" "$(stat -c %a "$REHEARSE_DATA")" 700
sox "$SPEECH" -r 16000 -b 16 "$T/ref.wav" pad 0.5 0
corr=$(correlate "$T/ref.wav" "$wav")
python3 -c "import sys; sys.exit(0 if float('$corr') > 0.99 else 1)" &&
	pass "the WAV matches the speech (correlation $corr)" || fail "the WAV matches the speech (correlation $corr)"
fw=$(json_field 1 first_speech_s)
python3 -c "import sys; sys.exit(0 if abs(float('$fw') - 2.0) <= 0.1 else 1)" &&
	pass "statistics are stored with it (first word $fw s)" || fail "statistics are stored with it (first word $fw s)"
tm kill-session -t rec

# Played back through the virtual speaker, bit for bit.
rm -f "$T"/played_*.wav
tm_start play "$REHEARSE play 1"
wait_screen play "finished" 30 && pass "playback runs to the end" || fail "playback runs to the end"
tm send-keys -t play q
wait_screen play "EXIT=0" 10 || true
played=$(ls "$T"/played_*.wav 2>/dev/null | head -1)
if [ -n "$played" ]; then
	# Callback playback may lead with silence: align on the first sound.
	sox "$played" "$T/played_trim.wav" silence 1 1 0.0001% 2>/dev/null
	sox "$wav" "$T/rec_trim.wav" silence 1 1 0.0001% 2>/dev/null
	corr=$(correlate "$T/rec_trim.wav" "$T/played_trim.wav")
	python3 -c "import sys; sys.exit(0 if float('$corr') > 0.999 else 1)" &&
		pass "what played matches the file (correlation $corr)" || fail "what played matches the file (correlation $corr)"
else
	fail "playback wrote nothing to the virtual speaker"
fi
tm kill-session -t play

# A full disk: the file-size limit stops the writes. (The limit leaves room
# for a new history database, 68 KiB since schema 3.)
export REHEARSE_DATA="$T/full"
tm_start full "bash -c 'ulimit -f 96; exec $REHEARSE practice --question fail-01 --prep 0 --seconds 20 --rate 16000'"
wait_screen full "Status +failed" 20 && pass "a full disk ends the take as failed" || fail "a full disk ends the take as failed"
expect_match "and says why" "$(screen_of full)" "could not write the recording"
tm send-keys -t full q
wait_screen full "EXIT=" 10 || true
expect_eq "the row is failed" "$(json_field 1 status)" failed
expect_match "with the reason" "$(json_field 1 reason)" "disk may be full"
wav=$(json_field 1 wav_path)
secs=$(soxi -D "$wav" 2>/dev/null || echo 0)
python3 -c "import sys; sys.exit(0 if 2.0 < float('$secs') <= 3.1 else 1)" &&
	pass "the partial WAV plays ($secs s in 96 KiB)" || fail "the partial WAV plays ($secs s)"
tm kill-session -t full

# Too small a terminal: a notice instead of a broken screen; growing it
# brings the screen back. NO_COLOR is honoured.
export REHEARSE_DATA="$T/small"
tm new-session -d -s small -x 70 -y 20 "env TERM=xterm-256color NO_COLOR=1 REHEARSE_DATA='$REHEARSE_DATA' ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' $REHEARSE practice --question conf-01 --no-record; echo EXIT=\$?; sleep 60"
wait_screen small "terminal too small: 70x20, rehearse needs 80x24" 10 && pass "a small terminal gets a notice" || fail "a small terminal gets a notice"
tm resize-window -t small -x 100 -y 30 2>/dev/null || tm resize-pane -t small -x 100 -y 30
wait_screen small "READY: press Space" 10 && pass "and the screen returns when it grows" || fail "and the screen returns when it grows"
tm send-keys -t small q
wait_screen small "EXIT=0" 10 || true
tm kill-session -t small

# No microphone: a clear message, and the timer-only mode still works.
export REHEARSE_DATA="$T/nomic"
no_devices
out=$("$REHEARSE" practice --question conf-01 2>&1 </dev/null); rc=$?
expect_eq "no input device exits 1" "$rc" 1
expect_match "with a clear message" "$out" "no input device found .*--no-record"
expect_eq "and nothing else on the terminal" "$(printf '%s\n' "$out" | wc -l)" 1
tm_start timer "$REHEARSE practice --question conf-01 --no-record --prep 0 --seconds 5"
wait_screen timer "TIMER ONLY" 10 && pass "--no-record runs the countdown" || fail "--no-record runs the countdown"
tm send-keys -t timer a
wait_screen timer "Status +complete" 15 && pass "and ends at 0:00" || fail "and ends at 0:00"
expect_match "timer-only result says so" "$(screen_of timer)" "Timer only"
tm send-keys -t timer q
wait_screen timer "EXIT=0" 10 || true
expect_eq "the timer-only row is complete" "$(json_field 1 status)" complete
expect_eq "with no recording" "$(json_field 1 wav_path)" None
tm kill-session -t timer

# --overtime: past 0:00 the clock runs on in red, up to twice the limit.
tm_start over "$REHEARSE practice --question conf-01 --no-record --prep 0 --seconds 5 --overtime"
wait_screen over "0:07 of 0:05" 15 && pass "--overtime runs past the limit" || fail "--overtime runs past the limit"
wait_screen over "Status +complete" 15 && pass "and stops at twice it" || fail "and stops at twice it"
expect_match "saying how far over" "$(screen_of over)" "Ran [45] s over the 5 s limit"
tm send-keys -t over q
wait_screen over "EXIT=0" 10 || true
d=$(json_field 2 duration_s)
python3 -c "import sys; sys.exit(0 if 9.9 <= float('$d') <= 10.5 else 1)" &&
	pass "the take lasted twice the limit ($d s)" || fail "the take lasted twice the limit ($d s)"
finish
