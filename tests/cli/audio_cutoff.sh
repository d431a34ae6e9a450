#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the clock cuts off mid-speech, through a paced virtual microphone
# (issue 11 items 2, 7, 12): the status and its words, advice against the
# limit in force, a retry compared with the take before it, the result card
# whole at 80x24 and 120x40, and a round summary that counts the cut-offs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
# 18 s of speech: longer than the 16 s limit, and over the 10 s of speech
# a pace needs to be judged at all.
sox "$SRC/tests/fixtures/gbf-180-pink.wav" -r 48000 "$T/speech48.wav" pad 0.5 0
pulse_start

tm_start take "$REHEARSE practice --question conf-02 --prep 0 --seconds 16" 80 24
feed_speech "$T/speech48.wav"
wait_screen take "Status +cut-off" 30 && pass "item 2: a take the clock cut off is cut-off" || fail "item 2: a take the clock cut off is cut-off"
scr=$(screen_of take)
expect_match "and says so" "$scr" "time ran out while you were still speaking"
if printf '%s' "$scr" | grep -q "answer is short"; then fail "no 'short' advice at the limit"; else pass "no 'short' advice at the limit"; fi
kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null
expect_eq "history stores cut-off" "$("$REHEARSE" history --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" "cut-off"
expect_match "rehearse history shows it" "$("$REHEARSE" history)" " cut-off "

# A retry of the same question: the card shows the change.
tm send-keys -t take r
feed_speech "$T/speech48.wav"
wait_screen take "vs take 1:" 30 && pass "item 12: the retry is compared with take 1" || fail "item 12: the retry is compared with take 1"
kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null
for size in "80 24" "120 40"; do
	set -- $size
	tm resize-window -t take -x "$1" -y "$2"
	poll_until 5 sh -c '[ "$(tmux -S "$1" display -p -t take "#{window_width}")" = "$2" ]' - "$TMUX_SOCK" "$1" || true
	tm send-keys -t take Left # any key redraws
	wait_screen take "p play .* q quit( · [?] help)? *$" 5 || true
	scr=$(screen_of take)
	expect_match "$1x$2 result: first word, then what it was" "$scr" "First word +[0-9]+\.[0-9] s +was [0-9]+\.[0-9] s"
	expect_match "$1x$2 result: speaking time whole" "$scr" "Speaking +0:[01][0-9] \([0-9]+% of the take\) +was 0:[01][0-9]"
	expect_match "$1x$2 result: pauses whole" "$scr" "Pauses +[0-9]+, [0-9]+ over 1 s \(longest [0-9]+\.[0-9] s\)"
	expect_match "$1x$2 result: the pauses' change names what it compares" "$scr" "long pauses [0-9]+, was [0-9]+"
	expect_match "$1x$2 result: pace whole" "$scr" "Pace +~[0-9]+ wpm[^ ]*( \([0-9]+-[0-9]+\))?, [a-z ]+ +was ~?[0-9]+ wpm"
	expect_match "$1x$2 result: level whole" "$scr" "Level +speech -?[0-9]+ dBFS, peak -?[0-9]+ dBFS, [0-9]+ clipped"
	if printf '%s' "$scr" | grep -q -- "-0 dBFS"; then fail "$1x$2 result: never -0 dBFS"; else pass "$1x$2 result: never -0 dBFS"; fi
	expect_match "$1x$2 result: STAR and rating against take 1" "$scr" "vs take 1: STAR split not marked → not marked · rating — → —"
	[ "$1" = 80 ] && { echo "--- result with a comparison at 80x24"; printf '%s\n' "$scr"; }
done

# Issue 20 item 1: a cut-off retry with STAR marks (S+T well over the
# conflict target of at most 20%) at 80x24 has more verdicts than rows:
# the cut-off and the target miss come first, a marker says how many
# more, and Down/j/PgDn reach every one the take stored; Up goes back.
tm resize-window -t take -x 80 -y 24
tm send-keys -t take r
feed_speech "$T/speech48.wav"
wait_screen take "● REC" 10 || true
sleep 1; tm send-keys -t take s; sleep 1; tm send-keys -t take t; sleep 6; tm send-keys -t take a; sleep 4; tm send-keys -t take r
wait_screen take "vs take 2:" 30 || true
kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null
scr=$(screen_of take)
echo "--- a cut-off retry with a target miss at 80x24"; printf '%s\n' "$scr"
expect_match "item 1: the cut-off shows first" "$scr" "! Cut off by the clock: land the Result before the 16 s limit"
expect_match "item 1: then the target miss" "$scr" "! Situation\+Task took [0-9]+% of the answer \(conflict target: at most 20%\)"
expect_match "item 1: the STAR row keeps R's figure" "$scr" "R [0-9]+%"
notes=$("$REHEARSE" history --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["feedback"])')
seen=$(printf '%s\n' "$scr" | sed -n 's/^  [!✓] //p')
if printf '%s' "$scr" | grep -Eq "\+[0-9]+ more: ↓"; then
	pass "item 1: the card says how many more there are"
	for key in Down j NPage Down Down Down Down Down Down Down; do
		tm send-keys -t take "$key"; sleep 0.3
		seen+=$'\n'$(screen_of take | sed -n 's/^  [!✓] //p')
	done
	scr=$(screen_of take)
	echo "--- scrolled to the end"; printf '%s\n' "$scr"
	expect_match "item 1: scrolled, the card says what is above" "$scr" "[0-9]+ above: ↑"
	tm send-keys -t take Up; tm send-keys -t take k; tm send-keys -t take PPage; sleep 0.5
	expect_match "item 1: Up, k, PgUp go back to the first" "$(screen_of take)" "! Cut off by the clock"
else
	echo "  (every note fitted: $(printf '%s\n' "$notes" | wc -l) notes)"
	fail "item 1: this take has more verdicts than the card's rows"
fi
missing=0
while IFS= read -r n; do
	[ -n "$n" ] || continue
	printf '%s\n' "$seen" | grep -qF -- "${n:0:40}" || { echo "  never shown: $n"; missing=1; }
done <<<"$notes"
[ "$missing" = 0 ] && pass "item 1: every stored verdict is reachable at 80x24" || fail "item 1: every stored verdict is reachable at 80x24"

# A round of two: the summary counts the cut-offs.
tm_start round "$REHEARSE round --count 2 --prep 0 --seconds 8 --seed 3 --no-voice --no-follow-ups" 80 24
feed_speech "$T/speech48.wav"
wait_screen round "n next question" 30 || true
kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null
tm send-keys -t round n Space
wait_screen round "● REC" 10 || true
feed_speech "$T/speech48.wav"
wait_screen round "n done" 30 || true
kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null
tm send-keys -t round n
wait_screen round "round · summary" 5 || true
scr=$(screen_of round)
expect_match "item 2: the round summary shows the cut-offs" "$scr" "2 answered in 0:1[6-7] · 2 cut off by the clock"
expect_match "with each row's status" "$scr" "^ *2 .* cut-off +0:0[89] +0:0[0-9] +([0-9]+|-) +[0-9]+\.[0-9]s"
echo "--- round summary at 80x24"; printf '%s\n' "$scr"
finish
