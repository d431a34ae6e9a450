#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The review loop through the real screens: record a take, open History
# from the home menu, play it, seek, rate it, and find the rating in
# `rehearse history`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; rm -rf "$T"' EXIT
sox "$SRC/tests/fixtures/gbf-180-pink.wav" -r 48000 "$T/speech48.wav" pad 0.5 5
pulse_start

tm_start take "$REHEARSE practice --question conf-02 --prep 0 --seconds 12"
feed_speech "$T/speech48.wav" take
expect_screen "a take to review" take "Status +(complete|cut-off)" 30
tm send-keys -t take q
wait_screen take "EXIT=0" 10 || true

tm_start home "$REHEARSE"
expect_screen "the home menu opens" home "Practice a question"
expect_screen "with every entry" home "Mock round.*|Pivot drill"
tm send-keys -t home Down Down Down Down Enter
expect_screen "History lists attempts" home "history \(newest first\)"
expect_screen "the take is there" home " 1  .* practice +(complete|cut-off)"
tm send-keys -t home Enter
expect_screen "Enter plays it" home "playing 0:0[0-3] / 0:12"
expect_screen "with its waveform and question" home "Describe a situation where you had to push back"
tm send-keys -t home Right
expect_screen "Right seeks 5 s on" home "playing 0:(0[5-9]|1[0-2]) / 0:12" 5
tm send-keys -t home c
expect_screen "c opens the self-critique" home "self-critique"
expect_screen "with the category's checklist" home "\[ \] I described the other person's reasoning"
tm send-keys -t home 4 Space Enter
wait_screen home "playback" 10 || true
tm send-keys -t home q
expect_screen "the rating shows in History" home "4/5"
tm send-keys -t home q q
expect_screen "q leaves cleanly" home "EXIT=0"
expect_match "rehearse history shows the rating" "$("$REHEARSE" history)" " 4/5 "
check=$("$REHEARSE" history --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
assert r["rating"] == 4, r["rating"]
assert r["checklist"][0]["ticked"] is True and r["checklist"][1]["ticked"] is False
print("ok")' 2>&1)
expect_eq "and the ticked checklist item is stored" "$check" ok
finish
