#!/usr/bin/env bash
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

# Practice, and the stop question: carry on, discard, keep.
tm send-keys -t home Enter
wait_screen home "Any question \(least practised first\)" 5 && pass "Practice lists the choices" || fail "Practice lists the choices"
tm send-keys -t home Enter
wait_screen home "READY: press Space" 10 && pass "a question to prepare" || fail "a question to prepare"
tm send-keys -t home Space
wait_screen home "TIMER ONLY" 5 && pass "Space starts the timer" || fail "Space starts the timer"
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
expect_match "the result's keys follow the take" "$(screen_of home)" "c critique · r retry · n next question · m menu · q quit"
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
wait_screen home "question 2 of 5" 5 && pass "a pause before question 2" || fail "a pause before question 2"
tm send-keys -t home Space
wait_screen home "round · prepare 2/5" 5 && pass "Space goes on at once" || fail "Space goes on at once"
tm send-keys -t home q
wait_screen home "Pivot drill" 5 && pass "q leaves the round for the menu" || fail "q leaves the round for the menu"

# The story bank and one story.
tm send-keys -t home Down Down Enter
wait_screen home "Enter read · p practise · v pivot · c coverage · Q questions · q back" 5 && pass "Story bank lists the stories" || fail "Story bank lists the stories"
tm send-keys -t home Enter
wait_screen home "Situation: " 5 && pass "Enter shows a story" || fail "Enter shows a story"
tm send-keys -t home q c
wait_screen home "story bank · coverage" 5 && pass "c shows the coverage" || fail "c shows the coverage"
tm send-keys -t home q q
wait_screen home "Practice a question" 5 || true

# History: the delete question, no, then yes.
tm send-keys -t home Down Enter
wait_screen home "history \(newest first\)" 5 && pass "History opens" || fail "History opens"
expect_match "with both attempts" "$(screen_of home)" " 2  .* round +complete"
tm send-keys -t home d
wait_screen home "Delete attempt 2 and its recording\?" 5 && pass "d asks first" || fail "d asks first"
tm send-keys -t home n
wait_screen home "Enter play · c critique" 5 || true
expect_match "n keeps it" "$(screen_of home)" " 2  .* round +complete"
tm send-keys -t home d
wait_screen home "Delete attempt 2" 5 || true
tm send-keys -t home y
wait_screen home "Enter play · c critique" 5 || true
expect_eq "y deletes it" "$("$REHEARSE" history --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin)])')" "[1]"

# Progress, then Quit from the menu.
tm send-keys -t home q Down Enter
wait_screen home "rehearse · progress" 5 && pass "Progress opens" || fail "Progress opens"
tm send-keys -t home q Down Enter
wait_screen home "EXIT=0" 10 && pass "Quit leaves with 0" || fail "Quit leaves with 0"
finish
