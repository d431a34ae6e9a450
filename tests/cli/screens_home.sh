#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The home menu and every screen it opens, through tmux, with no
# microphone (timer only): practice, the stop question during a take, a
# mock round with its pause, the story bank and a story, History with its
# delete question, and Progress. Each screen's help line comes from its key
# table, so the help shown is checked along with the keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; rm -rf "$T"' EXIT
no_devices

tm_start home "$REHEARSE"
wait_screen home "no microphone found: timer only" 10 && pass "the home menu opens, timer only" || fail "the home menu opens, timer only"
expect_match "with its help line" "$(screen_of home)" "↑↓ move · Enter choose · q quit"
expect_match "a round of 5 without settings" "$(screen_of home)" "Mock round \(5 questions\)"
expect_match "item 7: before the first take, the method in brief under the menu" "$(screen_of home)" \
	"New here\? Answer each question with one real story in four"

# Issue 20 item 7: ? opens a help screen made from the screen's key table,
# s the STAR primer in it, and ?, Esc or q closes it.
tm send-keys -t home '?'
expect_screen "item 7: ? on the home menu opens its help" home "rehearse · help · keys here"
scr=$(screen_of home)
echo "--- help on the home menu at 80x24"; printf '%s\n' "$scr"
expect_match "item 7: with its keys from the table" "$scr" "^  Enter → +choose$"
expect_match "item 7: and the way to the primer" "$scr" "s shows the method in brief"
grep -q "↑↓ scroll" <<<"$scr" && fail "help that fits offers no scrolling" || pass "help that fits offers no scrolling"
tm send-keys -t home s
expect_screen "item 7: s shows the STAR primer" home "R  Result +what changed"
echo "--- the STAR primer at 80x24"; screen_of home
# Scrolling stops with the last line at the bottom: never a blank page.
for _ in $(seq 20); do tm send-keys -t home Down; done
sleep 0.3
expect_match "item 7: scrolling past the end keeps the page" "$(screen_of home)" "R  Result +what changed"
tm send-keys -t home '?'
expect_screen "item 7: ? closes it" home "↑↓ move · Enter choose · q quit"

# Practice, and the stop question: carry on, discard, keep.
tm send-keys -t home Enter
wait_screen home "Any question \(least practised first\)" 5 && pass "Practice lists the choices" || fail "Practice lists the choices"
tm send-keys -t home Enter
wait_screen home "READY: press Space" 10 && pass "a question to prepare" || fail "a question to prepare"
tm send-keys -t home Space
wait_screen home "TIMER ONLY" 5 && pass "Space starts the timer" || fail "Space starts the timer"
tm send-keys -t home '?'
expect_screen "item 7: while recording, ? says help waits for the result" home "help \(\?\) once the answer is done"
tm send-keys -t home q
wait_screen home "Stop here\? Still recording" 5 && pass "q asks before stopping" || fail "q asks before stopping"
tm send-keys -t home c
wait_screen home "· q stop$" 5 && pass "c carries on" || fail "c carries on"
tm send-keys -t home q
wait_screen home "Stop here\?" 5 || true
tm send-keys -t home d
wait_screen home "take discarded" 5 && pass "d discards the take" || fail "d discards the take"
expect_match "and prepares again" "$(screen_of home)" "READY: press Space"
tm send-keys -t home Space
wait_screen home "TIMER ONLY" 5 || true
tm send-keys -t home q
wait_screen home "Stop here\?" 5 || true
tm send-keys -t home k
wait_screen home "Status +stopped" 5 && pass "k keeps it, stopped" || fail "k keeps it, stopped"
expect_match "issue 20 #19: the card says who stopped it" "$(screen_of home)" "^  you stopped it early$"
expect_match "the result's keys follow the take" "$(screen_of home)" "c critique · r retry · n next question · m menu · q quit"
tm send-keys -t home '?'
expect_screen "item 7: ? on the result card opens its help" home "^  r +retry$"
echo "--- help on the result card at 80x24"; screen_of home
tm send-keys -t home Escape
expect_screen "item 7: Esc closes it, back on the card" home "Status +stopped"
tm send-keys -t home m
wait_screen home "Mock round" 5 && pass "m goes back to the menu" || fail "m goes back to the menu"
expect_match "which counts the attempt" "$(screen_of home)" "\(1 attempt, last 20"

# A mock round: the pause between questions, q back to the menu.
tm send-keys -t home Down Enter
wait_screen home "round · prepare 1/5" 10 && pass "Mock round starts" || fail "Mock round starts"
tm send-keys -t home Space
wait_screen home "TIMER ONLY" 5 || true
tm send-keys -t home Space
wait_screen home "n next question" 5 && pass "its result offers the next question" || fail "its result offers the next question"
tm send-keys -t home n
# Issue 20 item 20: the menu's round asks a follow-up; n skips it.
wait_screen home "follow-up · (listen|prepare) 1/5" 5 && pass "then a follow-up question" || fail "then a follow-up question"
tm send-keys -t home n
wait_screen home "question 2 of 5" 5 && pass "a pause before question 2" || fail "a pause before question 2"
tm send-keys -t home Space
wait_screen home "round · prepare 2/5" 5 && pass "Space goes on at once" || fail "Space goes on at once"
tm send-keys -t home q
wait_screen home "Pivot drill" 5 && pass "q leaves the round for the menu" || fail "q leaves the round for the menu"
grep -q "New here?" <<<"$(screen_of home)" && fail "item 7: once a take is kept, the menu no longer explains the method" ||
	pass "item 7: once a take is kept, the menu no longer explains the method"

# The story bank and one story.
tm send-keys -t home Down Down Enter
wait_screen home "Enter read · p practise · v pivot · c coverage · Q questions · q back" 5 && pass "Story bank lists the stories" || fail "Story bank lists the stories"
tm send-keys -t home Enter
wait_screen home "Situation: " 5 && pass "Enter shows a story" || fail "Enter shows a story"
tm send-keys -t home q c
wait_screen home "story bank · coverage" 5 && pass "c shows the coverage" || fail "c shows the coverage"
tm send-keys -t home q q
wait_screen home "Practice a question" 5 || true

# History: the delete question, no, then yes. The discarded take had id 1,
# which is never given again (issue 16): the kept ones are 2 and 3.
tm send-keys -t home Down Enter
wait_screen home "history \(newest first\)" 5 && pass "History opens" || fail "History opens"
expect_match "with both attempts" "$(screen_of home)" " 3  .* round +complete"
tm send-keys -t home d
wait_screen home "Delete attempt 3 and its recording\?" 5 && pass "d asks first" || fail "d asks first"
tm send-keys -t home n
wait_screen home "Enter play · b both takes · c critique" 5 || true
expect_match "n keeps it" "$(screen_of home)" " 3  .* round +complete"
tm send-keys -t home d
wait_screen home "Delete attempt 3" 5 || true
tm send-keys -t home y
wait_screen home "Enter play · b both takes · c critique" 5 || true
expect_eq "y deletes it" "$("$REHEARSE" history --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)])')" "[2]"

# Progress, then Quit from the menu.
tm send-keys -t home q Down Enter
wait_screen home "rehearse · progress" 5 && pass "Progress opens" || fail "Progress opens"
tm send-keys -t home q Down Enter
wait_screen home "EXIT=0" 10 && pass "Quit leaves with 0" || fail "Quit leaves with 0"

# The settings file's round size: the menu names it and its round has it.
keys_then() { # keys_then SESSION REGEX SECONDS MESSAGE KEY...: press, then expect
	local session=$1 re=$2 secs=$3 msg=$4
	shift 4
	tm send-keys -t "$session" "$@"
	wait_screen "$session" "$re" "$secs" && pass "$msg" || fail "$msg"
}
mkdir -p "$XDG_CONFIG_HOME/rehearse"
printf 'round-size = 3\n' >"$XDG_CONFIG_HOME/rehearse/config"
tm_start sized "$REHEARSE"
wait_screen sized "Mock round \(3 questions\)" 10 && pass "the menu's round takes round-size" || fail "the menu's round takes round-size"
keys_then sized "round · prepare 1/3" 10 "and the round has 3 questions" Down Enter
keys_then sized "Pivot drill" 5 "q leaves the round" q
keys_then sized "EXIT=0" 10 "q leaves the menu with 0" q

# A take's defaults from the settings file, and the options that undo them.
printf 'seconds = 120\nprep = 30\novertime = yes\n' >>"$XDG_CONFIG_HOME/rehearse/config"
tm_start prep "$REHEARSE practice --no-record --question conf-01"
wait_screen prep "starting in [0-9]+ s" 10 && pass "prep from the settings file" || fail "prep from the settings file"
expect_match "seconds from the settings file" "$(screen_of prep)" " 0:00 of 2:00"
keys_then prep "EXIT=" 10 "q leaves the take" q
tm_start prepoff "$REHEARSE practice --no-record --question conf-01 --prep off --seconds 60 --no-overtime"
wait_screen prepoff "READY: press Space" 10 && pass "--prep off waits for Space" || fail "--prep off waits for Space"
expect_match "--seconds wins over the file" "$(screen_of prepoff)" " 0:00 of 1:00"
err=$("$REHEARSE" practice --prep soon --dry-run 2>&1); rc=$?
expect_eq "a bad --prep is a usage error" "$rc" 2
expect_match "naming what it takes" "$err" "--prep takes 0 to 600 seconds or off, not 'soon'"

# An unknown TERM (issue 16, item 20): one clear message, exit 1, and
# nothing of ncurses kept (LeakSanitizer, in the sanitizer build, found
# newterm's pre-screen left behind; setupterm checks without it).
tm_start badterm "env TERM=nosuchterm $REHEARSE 2>'$T/badterm.err'"
wait_screen badterm "EXIT=" 10 || true
expect_screen "an unknown TERM exits 1" badterm "^EXIT=1$"
expect_match "saying which and what to try" "$(cat "$T/badterm.err")" \
	"^rehearse: TERM=nosuchterm: no such terminal in the terminfo database \(try TERM=xterm-256color\)$"
expect_eq "and only that" "$(wc -l <"$T/badterm.err")" 1
tm kill-session -t badterm
# Issue 20 item 8: "terminal too small" is whole at any size: wrapped at
# 40x12, and at 20x5 too (the words read in order, none cut).
for size in "40 12" "20 5"; do
	set -- $size
	tm_start "small$1" "$REHEARSE" "$1" "$2"
	wait_screen "small$1" "needs" 10 || true
	words=$(screen_of "small$1" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
	echo "--- $1x$2: $(screen_of "small$1" | sed '/^$/d' | tr '\n' '|')"
	expect_eq "item 8: the notice is whole at $1x$2" "$words" "terminal too small: $1x$2, rehearse needs 80x24"
	tm send-keys -t "small$1" q
done

# At 80x24 the chosen story's line under the bank names all its categories
# (api-deprecation has four: they take two lines there).
tm_start bank80 "$REHEARSE" 80 24
wait_screen bank80 "Practice a question" 10 || true
tm send-keys -t bank80 Down Down Down Enter
wait_screen bank80 "api-deprecation · strength 4" 5 || true
expect_match "80x24 story bank: every category of the chosen story" "$(screen_of bank80)" "^  communication *$"
tm kill-session -t bank80
finish
