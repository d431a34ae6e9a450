#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The take's screens (prepare, recording, result, round summary) through
# tmux with `--audio fake` (a silent device at real-time pace) and with no
# microphone: issue 11's items 2, 5, 6, 7, 9, 10 and 13's summary. Each
# screen is captured at 80x24 and 120x40 and its key values must be whole.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
FAKE="$REHEARSE --audio fake"
# The rounds need only the screens, not the wall clock: their takes run on
# a device twice as fast as real time (the take's clock is the audio clock),
# and the pause between questions is half a second where it is not skipped.
FAST="REHEARSE_TEST_ROUND_PAUSE=0.5 $REHEARSE --audio fake:speed=2"

# The fake's one option is checked.
out=$($REHEARSE --audio fake:speed=0 practice --question conf-02 2>&1); rc=$?
expect_eq "fake:speed=0 is refused" "$rc" 1
expect_match "naming the option" "$out" "audio backend 'fake': bad option 'speed=0'"

# Item 10: a missing device is said before any screen.
out=$($FAKE practice --question conf-02 --device nosuch 2>&1); rc=$?
expect_eq "--device nosuch is refused before the screen" "$rc" 1
expect_match "naming the device" "$out" "no input device matches 'nosuch'"

# Prepare at both sizes: the cue card shows all four parts, Result too.
for size in "80 24" "120 40"; do
	set -- $size
	tm_start "prep$1" "$FAKE practice --question conf-02 --seconds 20" "$1" "$2"
	wait_screen "prep$1" "READY: press Space" 10 || true
	scr=$(screen_of "prep$1")
	expect_match "$1x$2 prepare: the Result line is on the card" "$scr" "│  R  [^ ]"
	if printf '%s' "$scr" | grep -q "↓ more"; then fail "$1x$2 prepare: nothing hidden"; else pass "$1x$2 prepare: nothing hidden"; fi
	expect_match "$1x$2 prepare: the help line is whole" "$scr" "Space start · n another question · .* q back( · [?] help)? *$"
	[ "$1" = 80 ] && { echo "--- prepare at 80x24"; printf '%s\n' "$scr"; }
done

# Item 9: n on the prepare screen draws another question.
tm send-keys -t prep80 n
other_question() { screen_of prep80 | head -1 | grep "practice · prepare" | grep -vq "conf-02"; }
poll_until 5 other_question && pass "n draws another question" || fail "n draws another question"

# Recording at 80x24: the footer is whole; marks out of order are refused.
tm send-keys -t prep120 Space
wait_screen prep120 "● REC" 5 || true
expect_match "120x40 recording: the footer is whole" "$(screen_of prep120)" "Space end answer · s t a r mark a part \(in order\) · h/f card · q stop *$"
expect_match "120x40 recording: the clock and limit" "$(screen_of prep120)" "0:[0-9][0-9] of 0:20"

tm_start rec "$FAKE practice --question conf-02 --seconds 20" 80 24
wait_screen rec "READY: press Space" 10 || true
tm send-keys -t rec Space
wait_screen rec "● REC" 5 && pass "Space starts recording" || fail "Space starts recording"
expect_match "80x24 recording: the footer is whole" "$(screen_of rec)" "Space end answer · s t a r mark a part \(in order\) · h/f card · q stop *$"
clock_row() { tm capture-pane -e -p -t rec | sed -n 16p | cut -c1-60; }
early=$(clock_row)
tm send-keys -t rec a
tm send-keys -t rec s
wait_screen rec "S not marked: A is already marked at 0:0" 5 && pass "item 5: S after A is refused with a word" || fail "item 5: S after A is refused with a word"

# Item 6: the stop question keeps the clock running, and says so.
tm send-keys -t rec q
wait_screen rec "Stop here\? Still recording: the clock keeps running" 5 && pass "item 6: the stop question says recording goes on" || fail "item 6: the stop question says recording goes on"
t1=$(screen_of rec | grep -o "[0-9]:[0-9][0-9] of 0:20" | cut -c1-4)
sleep 2.2 # the clock running on is under test: a wall-clock wait
t2=$(screen_of rec | grep -o "[0-9]:[0-9][0-9] of 0:20" | cut -c1-4)
s1=$((10#${t1#*:})); s2=$((10#${t2#*:}))
[ $((s2 - s1)) -ge 2 ] && pass "item 6: the clock runs during the question ($t1 -> $t2)" || fail "item 6: the clock runs during the question ($t1 -> $t2)"
echo "--- recording at 80x24, asking"; screen_of rec
tm send-keys -t rec c
wait_screen rec "q stop *$" 5 || true
# Item 2: with 15 s left the clock turns colour and says so.
wait_screen rec "under 15 s: wrap up" 10 && pass "item 2: under 15 s left is said" || fail "item 2: under 15 s left is said"
late=$(clock_row)
if ! printf '%s' "$early" | grep -q $'\e\[3[0-7]m\|\e\[38;' && printf '%s' "$late" | grep -q $'\e\[3[0-7]m\|\e\[38;'; then
	pass "item 2: the clock changes colour with 15 s left"; else fail "item 2: the clock changes colour with 15 s left"
	printf '  early: %s\n  late:  %s\n' "$early" "$late" | cat -v; fi
wait_screen rec "practice · result" 20 || true
scr=$(screen_of rec)
expect_match "the STAR bar names the parts not marked" "$scr" "S T R not marked"
expect_match "80x24 result: the keys are whole" "$scr" "p play · c critique · r retry · n next question · q quit( · [?] help)? *$"

# Item 9: n on a practice result asks a new question.
tm send-keys -t rec n
wait_screen rec "practice · prepare" 5 && pass "item 9: n on the result goes to the next question" || fail "item 9: n on the result goes to the next question"
if screen_of rec | head -1 | grep -q "conf-02"; then fail "a new question"; else pass "a new question"; fi

# A round at both sizes: skipped, stopped and complete answers side by side;
# the weakest can be retried and any take played.
for size in "80 24" "120 40"; do
	set -- $size
	r="round$1"
	# No follow-ups: this round is about the answers (screens_follow_up.sh has them).
	tm_start "$r" "$FAST round --count 3 --seconds 5 --seed 7 --no-voice --no-follow-ups" "$1" "$2"
	wait_screen "$r" "round · prepare 1/3" 10 || true
	tm send-keys -t "$r" Space
	wait_screen "$r" "n next question" 15 || true
	tm send-keys -t "$r" n
	wait_screen "$r" "question 2 of 3" 5 || true
	[ "$1" = 80 ] && tm send-keys -t "$r" Space # Space skips the pause
	# At 120x40 the pause (REHEARSE_TEST_ROUND_PAUSE; 5 s without) ends by itself.
	wait_screen "$r" "round · prepare 2/3" 3 && pass "$1x$2 the pause leads on to the next question" ||
		fail "$1x$2 the pause leads on to the next question"
	expect_match "$1x$2 round prepare: n skips" "$(screen_of "$r")" "n skip"
	tm send-keys -t "$r" n
	wait_screen "$r" "question 3 of 3" 5 || true
	tm send-keys -t "$r" Space
	wait_screen "$r" "round · prepare 3/3" 5 || true
	tm send-keys -t "$r" Space
	wait_screen "$r" "● REC" 5 || true
	tm send-keys -t "$r" q
	wait_screen "$r" "Stop here" 5 || true
	tm send-keys -t "$r" k
	wait_screen "$r" "n done" 5 || true
	tm send-keys -t "$r" n
	wait_screen "$r" "round · summary" 5 && pass "$1x$2 the round's summary" || fail "$1x$2 the round's summary"
	scr=$(screen_of "$r")
	# The fake device is silent: as in history (issue 20, item 3), a take
	# nothing was heard in is "no speech", not answered, never complete.
	expect_match "$1x$2 summary: a silent answer is no speech" "$scr" "^ *1 .* no speech +0:0[5-6] "
	expect_match "$1x$2 summary: a skipped one" "$scr" "^ *2 .* skipped "
	expect_match "$1x$2 summary: a stopped silent one" "$scr" "^ *3 .* no speech "
	expect_match "$1x$2 summary: silent takes are not answered" "$scr" "0 answered in 0:[0-9][0-9] · 2 with no speech"
	expect_match "$1x$2 summary: the weakest is named, with why" "$scr" "Weakest: #2, skipped \(r retries it\)"
	expect_match "$1x$2 summary: the keys are whole" "$scr" "↑↓ choose · Enter play · r retry the weakest · q quit( · [?] help)? *$"
	[ "$1" = 80 ] && { echo "--- round summary at 80x24"; printf '%s\n' "$scr"; }
done
tm send-keys -t round80 Enter
wait_screen round80 "playback" 10 && pass "Enter plays the chosen take" || fail "Enter plays the chosen take"
tm send-keys -t round80 q
wait_screen round80 "round · summary" 5 || true
tm send-keys -t round80 r
wait_screen round80 "round · prepare 2/3" 5 && pass "r retries the weakest" || fail "r retries the weakest"
tm send-keys -t round80 Space
wait_screen round80 "n done" 15 || true
tm send-keys -t round80 n
wait_screen round80 "round · summary" 5 || true
expect_match "and the summary shows it taken (silent: no speech)" "$(screen_of round80)" "^ *2 .* no speech "
expect_match "the weakest now says why" "$(screen_of round80)" "Weakest: #[13], no speech[ ,]"

# From the menu with no microphone: the prepare screen says timer only;
# q on a result quits; m on a pivot summary goes to the menu (item 9, 10).
no_devices
tm_start home "$REHEARSE" 80 24
wait_screen home "Practice a question" 10 || true
tm send-keys -t home Enter
wait_screen home "Any question" 5 || true
tm send-keys -t home Enter
wait_screen home "timer only: nothing will be recorded" 5 && pass "item 10: the prepare screen says timer only" || fail "item 10: the prepare screen says timer only"
tm send-keys -t home Space
wait_screen home "TIMER ONLY" 5 || true
tm send-keys -t home Space
wait_screen home "m menu · q quit" 5 || true
tm send-keys -t home q
wait_screen home "EXIT=0" 5 && pass "item 9: q on the result quits" || fail "item 9: q on the result quits"

tm_start pivot "$REHEARSE" 80 24
wait_screen pivot "Practice a question" 10 || true
tm send-keys -t pivot Down Down Enter
wait_screen pivot "pivot drill: choose a story" 5 || true
tm send-keys -t pivot Enter
wait_screen pivot "pivot · prepare 1/3" 5 || true
for k in 1 2; do
	tm send-keys -t pivot n
	wait_screen pivot "question $((k + 1)) of 3" 5 || true
	tm send-keys -t pivot Space
	wait_screen pivot "prepare $((k + 1))/3" 5 || true
done
tm send-keys -t pivot n
wait_screen pivot "pivot · summary" 5 && pass "the pivot drill's summary" || fail "the pivot drill's summary"
tm send-keys -t pivot m
wait_screen pivot "↑↓ move · Enter choose · q quit" 5 && pass "item 9: m on the pivot summary goes to the menu" || fail "item 9: m on the pivot summary goes to the menu"
# keep-as = flac that cannot convert (a file already has the FLAC's name):
# the WAV stays, and the result card says why rather than nothing.
mkdir -p "$T/flaccfg/rehearse" "$T/flacdata"
echo "keep-as = flac" >"$T/flaccfg/rehearse/config"
XDG_CONFIG_HOME="$T/flaccfg" REHEARSE_DATA="$T/flacdata" \
	tm_start keep "$FAKE practice --question conf-02 --seconds 20" 80 24
wait_screen keep "READY: press Space" 10 || true
tm send-keys -t keep Space
wait_screen keep "● REC" 5 || true
wav=$(ls "$T"/flacdata/*.wav 2>/dev/null | head -1)
[ -n "$wav" ] && : >"${wav%.wav}.flac"
tm send-keys -t keep Space
wait_screen keep "kept as WAV: .*conf-02" 5 && pass "a failed keep-as = flac is said on the result card" || fail "a failed keep-as = flac is said on the result card"
[ -n "$wav" ] && [ -s "$wav" ] && pass "and the WAV is kept" || fail "and the WAV is kept"
# Issue 20 item 4: a retry compared with a take that marked only S, the
# retry itself unmarked: the line names the whole splits, not the
# category's target parts before them ("S+T S100 T— A— R— → not marked").
REHEARSE_DATA="$T/cmpdata" tm_start cmp "$FAKE practice --question conf-02 --prep 0 --seconds 20" 80 24
wait_screen cmp "● REC" 10 || true
sleep 1 # the take needs a length for S to have a share: a wall-clock wait
tm send-keys -t cmp s
sleep 1
tm send-keys -t cmp Space
wait_screen cmp "r retry" 5 || true
tm send-keys -t cmp r
wait_screen cmp "● REC" 10 || true
tm send-keys -t cmp Space
wait_screen cmp "vs take 1:" 5 || true
scr=$(screen_of cmp)
expect_match "item 4: one take marked, one not: both whole splits" "$scr" "vs take 1: STAR split S100 T— A— R— → not marked · rating — → —"
if printf '%s' "$scr" | grep -q "S+T S100"; then fail "item 4: no target parts before a split"; else pass "item 4: no target parts before a split"; fi
finish
