#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Interviewer mode (issue 11 item 13): in a round the question is read
# aloud through the real PortAudio output of a private PulseAudio, then the
# answer is recorded. What the virtual speaker heard must be speech of
# about the length espeak-ng gives the question, and the answer's
# recording must not contain it. The cue card starts hidden (h shows it,
# --card keeps it), --no-voice and a missing output leave a working round.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap '[ -n "${REC_PID:-}" ] && kill "$REC_PID" 2>/dev/null; pulse_stop; tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT

if ! "$REHEARSE" round --help | grep -q -- "--no-voice"; then
	fail "round has --no-voice"; finish; exit; fi
text=$("$REHEARSE" round --count 1 --seed 5 --dry-run | sed -n 's/^1\. \[[^]]*\] [^ ]* ([a-z]*): //p')
[ -n "$text" ] && pass "the round's question: $text" || fail "the round's question"
espeak-ng -s 160 -v en -w "$T/expect.wav" "$text"
expect_s=$(soxi -D "$T/expect.wav")

pulse_start
parecord --device=vspk.monitor --file-format=wav --rate=48000 --channels=1 "$T/heard.wav" &
REC_PID=$!
tm_start voice "$REHEARSE round --count 1 --seed 5 --seconds 5" 80 24
wait_screen voice "round · listen" 10 && pass "the round starts by reading the question" || fail "the round starts by reading the question"
scr=$(screen_of voice)
expect_match "the cue card is hidden" "$scr" "cue card hidden: answer from memory \(h shows it\)"
expect_match "while the interviewer is asking" "$scr" "the interviewer is asking"
echo "--- listening at 80x24"; printf '%s\n' "$scr"
wait_screen voice "● REC" 20 && pass "then the answer is recorded" || fail "then the answer is recorded"
wait_screen voice "round · result" 15 || true
expect_match "the answer holds no speech: the question is not in it" "$(screen_of voice)" "No speech was heard in this take"
kill "$REC_PID"; wait "$REC_PID" 2>/dev/null; REC_PID=
heard_s=$(sox "$T/heard.wav" -n silence 1 0.05 1% reverse silence 1 0.05 1% reverse stat 2>&1 | awk '/Length/ {print $3}')
ratio=$(awk -v h="$heard_s" -v e="$expect_s" 'BEGIN { printf "%.2f", h / e }')
awk -v r="$ratio" 'BEGIN { exit !(r > 0.8 && r < 1.25) }' && pass "the speaker heard ${heard_s}s of speech, ${expect_s}s expected" || fail "the speaker heard ${heard_s}s of speech, ${expect_s}s expected"
wav=$("$REHEARSE" history --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["wav_path"])')
# The answer's file: no sample louder than the quiet floor.
peak=$(sox "$wav" -n stat 2>&1 | awk '/Maximum amplitude/ {print $3}')
awk -v p="$peak" 'BEGIN { exit !(p < 0.01) }' && pass "the answer's recording is silent (peak $peak)" || fail "the answer's recording is silent (peak $peak)"

# h shows the card while listening; --card shows it from the start.
tm_start card "$REHEARSE round --count 1 --seed 5 --seconds 5 --card" 80 24
wait_screen card "round · listen" 10 || true
expect_match "--card keeps the cue card" "$(screen_of card)" "│  R  [^ ]"
tm_start hkey "$REHEARSE round --count 1 --seed 5 --seconds 5" 80 24
wait_screen hkey "round · listen" 10 || true
tm send-keys -t hkey h
wait_screen hkey "│  R  [^ ]" 5 && pass "h shows the card" || fail "h shows the card"
pulse_stop

# --no-voice, and no output device: the round still runs, and says why.
tm_start quiet "$REHEARSE --audio fake round --count 1 --seed 5 --seconds 5 --no-voice" 80 24
wait_screen quiet "round · prepare" 10 && pass "--no-voice goes straight to the question" || fail "--no-voice goes straight to the question"
# Issue 17 #6: the voice goes from espeak-ng to the player in memory. Seen
# from outside with strace: the question is read, and no file is made for
# it (it used to go through a private .voice-XXXXXX WAV in the data folder).
if command -v strace >/dev/null; then
	tm_start trace "strace -f -qq -e trace=%file -o $T/voice.trace $REHEARSE --audio fake round --count 1 --seed 5 --seconds 5 --no-record" 80 24
	wait_screen trace "round · listen" 20 && pass "under strace the question is read" || fail "under strace the question is read"
	wait_screen trace "round · prepare" 30 || true
	grep -q 'espeak-ng-data' "$T/voice.trace" && pass "the trace holds the synthesis" || fail "the trace holds the synthesis"
	expect_eq "no file is made for the voice" "$(grep -c '\.voice-' "$T/voice.trace")" 0
	tm kill-session -t trace
else
	fail "strace is installed (scripts/install-deps.sh test)"
fi
no_devices
tm_start mute "$REHEARSE round --count 1 --seed 5 --seconds 5 --no-record" 80 24
wait_screen mute "voice off: no output device found to play on" 10 && pass "no output device: the round runs, with a word" || fail "no output device: the round runs, with a word"
echo "--- no output device"; screen_of mute
mkdir -p "$T/no-espeak-data"
tm_start nolib "ESPEAK_DATA_PATH=$T/no-espeak-data $REHEARSE --audio fake round --count 1 --seed 5 --seconds 5" 80 24
wait_screen nolib "voice off: the voice \(espeak-ng\) could not" 10 && pass "no voice data: the round runs, with a word" || fail "no voice data: the round runs, with a word"
expect_match "and waits for Space" "$(screen_of nolib)" "READY: press Space"
finish
