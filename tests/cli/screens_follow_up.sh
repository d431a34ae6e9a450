#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A round's follow-up questions (issue 20 item 20) through tmux with
# `--audio fake:speed=2` (a silent device twice as fast as real time, and
# an output the interviewer's voice plays on): after each answer the voice
# asks a follow-up of the question's category from categories.txt, which
# is recorded as a short take of its own (mode follow-up) and shown under
# its answer in the round's summary, `rehearse history` (a terminal, a
# pipe, --json with the answer's id) and the History screen. --no-follow-ups
# and `follow-ups = no` give none; a malformed follow-up line is named with
# its file and line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
FAST="REHEARSE_TEST_ROUND_PAUSE=0.5 $REHEARSE --audio fake:speed=2"
mkdir -m 700 "$REHEARSE_DATA"
count_follow_ups() {
	"$REHEARSE" history --json | python3 -c \
		'import json,sys; print(sum(r["mode"] == "follow-up" for r in json.load(sys.stdin)))'
}

# The plan: a follow-up per question, from its category, the same for a seed.
plan=$("$REHEARSE" round --count 2 --seconds 5 --seed 7 --dry-run)
expect_eq "the plan has a follow-up per question" "$(grep -c '^   follow-up: ' <<<"$plan")" 2
first=$(sed -n 's/^   follow-up: //p' <<<"$plan" | head -1)
cat1=$(sed -n 's/^1\. \[\([a-z]*\)\].*/\1/p' <<<"$plan")
awk -v c="[$cat1]" -v f="follow-up: $first" '$0 == c { on = 1; next } /^\[/ { on = 0 }
	on && $0 == f { found = 1 } END { exit !found }' "$SRC/prompts/categories.txt" &&
	pass "the first is one of its category's ($cat1): $first" || fail "the first is one of its category's ($cat1): $first"
expect_eq "the same seed, the same follow-ups" "$("$REHEARSE" round --count 2 --seconds 5 --seed 7 --dry-run)" "$plan"
expect_eq "--no-follow-ups: none planned" \
	"$("$REHEARSE" round --count 2 --seed 7 --dry-run --no-follow-ups | grep -c 'follow-up')" 0

# A round of two at 80x24, the questions and follow-ups read aloud.
tm_start fu "$FAST round --count 2 --seconds 5 --seed 7" 80 24
expect_screen "the round's question is read aloud" fu "round · listen 1/2" 15
wait_screen fu "round · result 1/2" 30 || true
tm send-keys -t fu n
expect_screen "after the answer, the interviewer asks a follow-up" fu "follow-up · listen 1/2" 10
scr=$(screen_of fu)
expect_match "the follow-up's words on screen" "$scr" "^  ${first:0:40}"
expect_match "for the same question and category" "$scr" "fail-04 · $cat1 · "
expect_match "said to be short" "$scr" "A follow-up question: a short answer, 5 s at most\."
echo "--- a follow-up asked, at 80x24"; printf '%s\n' "$scr"
expect_screen "then recorded" fu "● REC" 20
expect_screen "as a take of its own" fu "follow-up · result 1/2" 20
expect_match "with its own result card" "$(screen_of fu)" "Duration +0:0[5-6] of 0:05"
tm send-keys -t fu n
expect_screen "then the pause before question 2" fu "question 2 of 2" 5
tm send-keys -t fu Space
wait_screen fu "round · result 2/2" 40 || true
tm send-keys -t fu n
expect_screen "question 2's follow-up" fu "follow-up · listen 2/2" 10
wait_screen fu "follow-up · result 2/2" 40 || true
tm send-keys -t fu n
expect_screen "the round's summary" fu "round · summary" 10
scr=$(screen_of fu)
echo "--- the round's summary, at 80x24"; printf '%s\n' "$scr"
rows=$(grep -nE '^ +(1|2) +[a-z]+ +[a-z]+-[0-9]+ |^ +↳ follow-up ' <<<"$scr" | sed -E 's/^([0-9]+): +([0-9]|↳).*/\1 \2/')
expect_eq "each follow-up indented right under its answer" "$(awk '{print $2}' <<<"$rows" | tr '\n' ' ')" "1 ↳ 2 ↳ "
expect_eq "on the next rows" "$(awk 'NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1 } END { print bad ? "gap" : "ok" }' <<<"$rows")" "ok"
expect_match "a follow-up row has its status and time" "$scr" "^     ↳ follow-up +no speech +0:0[5-6] "
expect_match "the answers are still counted alone" "$scr" "0 answered in 0:1[0-2] · 2 with no speech"
tm send-keys -t fu Down
wait_screen fu "^  Asked: ${first:0:30}" 5 && pass "choosing the follow-up shows its question in full" ||
	fail "choosing the follow-up shows its question in full"
tm send-keys -t fu Enter
expect_screen "and Enter plays it" fu "playback" 10
tm send-keys -t fu q
wait_screen fu "round · summary" 5 || true
tm send-keys -t fu q
wait_screen fu "EXIT=0" 10 || true

# History: each follow-up with its answer's id, listed under it.
json=$("$REHEARSE" history --json)
check=$(python3 -c '
import json, sys
rows = sorted(json.load(sys.stdin), key=lambda r: r["id"])
out = []
for r in rows:
    if r["mode"] != "follow-up":
        if r["parent_id"] is not None: out.append("answer %d has a parent" % r["id"])
        continue
    before = [p for p in rows if p["id"] < r["id"] and p["mode"] != "follow-up"
              and p["round_id"] == r["round_id"] and p["question_id"] == r["question_id"]]
    want = before[-1]["id"] if before else None
    out.append("%d->%s" % (r["id"], r["parent_id"]) if r["parent_id"] == want else "%d wrong" % r["id"])
    if r["limit_s"] != 5: out.append("limit %s" % r["limit_s"])
print(" ".join(out))' <<<"$json")
expect_eq "history --json: a follow-up has its answer's id" "$check" "2->1 4->3"
expect_eq "history: each follow-up under its answer" \
	"$("$REHEARSE" history | awk 'NR > 1 { print $1 " " $4 }' | tr '\n' ' ')" "3 round 4 follow-up 1 round 2 follow-up "
tm_start hist "$REHEARSE history" 80 24
wait_screen hist "EXIT=0" 5 || true
expect_match "history at 80 columns: ↳ and the question under the answer" "$(screen_of hist)" \
	"^ +2 [0-9-]+ [0-9:]+ no speech +↳ fail-04 "
echo "--- rehearse history at 80x24"; screen_of hist | sed '/^$/d'
tm_start home "$REHEARSE" 80 24
wait_screen home "Practice a question" 10 || true
tm send-keys -t home Down Down Down Down Enter
wait_screen home "history \(newest first\)" 5 || true
scr=$(screen_of home)
ids=$(grep -oE '^ +[0-9]+  [0-9]{2}-[0-9]{2} ' <<<"$scr" | awk '{print $1}' | tr '\n' ' ')
expect_eq "the History screen: each follow-up under its answer" "$ids" "3 4 1 2 "
expect_match "marked ↳" "$scr" "^ +4  .* ↳ lead-04"
tm send-keys -t home Down
expect_screen "and its detail names its answer" home "follow-up of attempt 3" 5

# The limit: FOLLOW_UP_S (30 s), a third of a 90 s answer.
tm_start short "$FAST round --count 1 --seconds 90 --seed 7 --no-voice" 80 24
wait_screen short "READY: press Space" 10 || true
tm send-keys -t short Space
wait_screen short "● REC" 5 || true
tm send-keys -t short Space
wait_screen short "round · result" 10 || true
tm send-keys -t short n
expect_screen "a 90 s answer's follow-up has 30 s" short "0:00 of 0:30" 10
expect_match "and says so" "$(screen_of short)" "A follow-up question: a short answer, 30 s at most\."
tm send-keys -t short q

# r on a follow-up's result card asks it again.
tm_start again "$FAST round --count 2 --seconds 5 --seed 7 --no-voice" 80 24
wait_screen again "READY: press Space" 10 || true
tm send-keys -t again Space
wait_screen again "round · result 1/2" 20 || true
tm send-keys -t again n
wait_screen again "follow-up · prepare 1/2" 10 || true
tm send-keys -t again Space
wait_screen again "follow-up · result 1/2" 20 || true
tm send-keys -t again r
expect_screen "r on a follow-up's card asks the follow-up again" again "follow-up · prepare 1/2" 10
tm send-keys -t again q

# Off: --no-follow-ups, and the setting follow-ups = no.
before=$(count_follow_ups)
tm_start off "$FAST round --count 2 --seconds 5 --seed 7 --no-voice --no-follow-ups" 80 24
wait_screen off "READY: press Space" 10 || true
tm send-keys -t off Space
wait_screen off "round · result 1/2" 20 || true
tm send-keys -t off n
expect_screen "--no-follow-ups: straight on to question 2" off "question 2 of 2" 5
tm send-keys -t off q
mkdir -p "$T/config/rehearse"
echo "follow-ups = no" >"$T/config/rehearse/config"
expect_match "the setting is shown" "$("$REHEARSE" config)" "^follow-ups *= no "
expect_eq "follow-ups = no: none planned" "$("$REHEARSE" round --count 2 --seed 7 --dry-run | grep -c 'follow-up')" 0
expect_eq "--follow-ups wins over it" "$("$REHEARSE" round --count 2 --seed 7 --dry-run --follow-ups | grep -c '^   follow-up: ')" 2
tm_start set "$FAST round --count 2 --seconds 5 --seed 7 --no-voice" 80 24
wait_screen set "READY: press Space" 10 || true
tm send-keys -t set Space
wait_screen set "round · result 1/2" 20 || true
tm send-keys -t set n
expect_screen "follow-ups = no: straight on to question 2" set "question 2 of 2" 5
tm send-keys -t set q
wait_screen set "EXIT=" 5 || true
expect_eq "and neither recorded a follow-up" "$(count_follow_ups)" "$before"
rm "$T/config/rehearse/config"

# A malformed follow-up line: named with its file and line, in the round
# and in bank check (which lists every one).
bad="$T/bad-bank"
cp -r "$SRC/prompts" "$bad"
printf 'follow-up:\nfollowup: What would you change?\n' >>"$bad/categories.txt"
n=$(wc -l <"$bad/categories.txt")
tm_start badbank "$REHEARSE --bank $bad round --count 2" 80 24
expect_screen "a round with a malformed follow-up stops" badbank "EXIT=1" 10
expect_match "naming its file and line" "$(tm capture-pane -p -J -t badbank)" \
	"rehearse: $bad/categories.txt:$((n - 1)): follow-up has no question"
out=$("$REHEARSE" --bank "$bad" bank check 2>&1); rc=$?
expect_eq "bank check fails" "$rc" 1
expect_match "and names the second too" "$out" "categories.txt:$n: unknown key 'followup'; did you mean 'follow-up'\?"
expect_match "bank check counts the bundled follow-ups" "$("$REHEARSE" bank check)" " 18 follow-ups, "
finish
