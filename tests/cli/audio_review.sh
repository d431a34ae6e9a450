#!/usr/bin/env bash
# The review loop through the real screens: record a take, open History
# from the home menu, play it, seek, rate it, and find the rating in
# `rehearse history`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; rm -rf "$T"' EXIT
sox "$SRC/tests/fixtures/gbf-180-pink.wav" -r 48000 "$T/speech48.wav" pad 0.5 5
pulse_start

tm_start take "$REHEARSE practice --question conf-02 --prep 0 --seconds 12"
feed_speech "$T/speech48.wav"
wait_screen take "Status +(complete|cut-off)" 30 && pass "a take to review" || fail "a take to review"
tm send-keys -t take q
wait_screen take "EXIT=0" 10 || true

tm_start home "$REHEARSE"
wait_screen home "Practice a question" 10 && pass "the home menu opens" || fail "the home menu opens"
expect_match "with every entry" "$(screen_of home)" "Mock round.*|Pivot drill"
tm send-keys -t home Down Down Down Down Enter
wait_screen home "history \(newest first\)" 10 && pass "History lists attempts" || fail "History lists attempts"
expect_match "the take is there" "$(screen_of home)" " 1  .* practice +(complete|cut-off)"
tm send-keys -t home Enter
wait_screen home "playing 0:0[0-3] / 0:12" 10 && pass "Enter plays it" || fail "Enter plays it"
expect_match "with its waveform and question" "$(screen_of home)" "Describe a situation where you had to push back"
tm send-keys -t home Right
wait_screen home "playing 0:(0[5-9]|1[0-2]) / 0:12" 5 && pass "Right seeks 5 s on" || fail "Right seeks 5 s on"
tm send-keys -t home c
wait_screen home "self-critique" 10 && pass "c opens the self-critique" || fail "c opens the self-critique"
expect_match "with the category's checklist" "$(screen_of home)" "\[ \] I described the other person's reasoning"
tm send-keys -t home 4 Space Enter
wait_screen home "playback" 10 || true
tm send-keys -t home q
wait_screen home "4/5" 10 && pass "the rating shows in History" || fail "the rating shows in History"
tm send-keys -t home q q
wait_screen home "EXIT=0" 10 && pass "q leaves cleanly" || fail "q leaves cleanly"
expect_match "rehearse history shows the rating" "$("$REHEARSE" history)" " 4/5 "
check=$("$REHEARSE" history --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
assert r["rating"] == 4, r["rating"]
assert r["checklist"][0]["ticked"] is True and r["checklist"][1]["ticked"] is False
print("ok")' 2>&1)
expect_eq "and the ticked checklist item is stored" "$check" ok
finish
