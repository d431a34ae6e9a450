#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20 item 6 and the rest of 19, through tmux with `--audio fake`:
# the cue card uses the rows it has at 80x24, 100x30 and 120x40 (the angle
# whole, a part over more than one line, the whole story where it fits)
# and during a take follows the part being told (marked, or guessed by
# time and said so); cut text ends with an ellipsis, measured in columns
# (a title of wide characters); a complete take past its limit is "over
# time"; the result card shows the rating and note once a critique is
# saved.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
FAKE="$REHEARSE --audio fake"
# conf-02 is answered with api-deprecation; its conflict angle and the
# last words of its Action (the longest part).
ANGLE="Angle \(conflict\): The partner team's worry was legitimate; spend the time on the joint migration plan, not the standoff\."
ACTION_END="so progress was visible without anyone chasing\."

# has WHAT NAME REGEX [SECONDS]: the screen shows REGEX (within 10 s
# unless told: a sanitizer build on a busy machine starts slowly).
has() { wait_screen "$2" "$3" "${4:-10}" >/dev/null && pass "$1" || { fail "$1"; screen_of "$2" | sed 's/^/  | /'; }; }
# The card's rows: from its top border to its bottom one.
card_of() { screen_of "$1" | sed -n '/┌─/,/└─/p'; }
# The card's text on one line: its rows without the borders, joined.
card_text() { card_of "$1" | sed -e 's/^ │//' -e 's/│ *$//' -e 's/^[▶▷ ]//' | tr -s ' \n' '  '; }
# angle_whole NAME: the angle is on the card, all of it.
angle_whole() { card_text "$1" | grep -Eq -- "$ANGLE"; }
# continued NAME PART: the part's text goes on over the card's next row.
continued() { card_of "$1" | grep -E -A1 "^ │(▶|▷| ) $2  " | tail -1 | grep -Eq '^ │ {5}[^ │]'; }

for size in "80 24" "100 30" "120 40"; do
	set -- $size
	s="prep$1"
	tm_start "$s" "$FAKE practice --question conf-02 --seconds 90" "$1" "$2"
	wait_screen "$s" "READY: press Space" 10 >/dev/null || true
	poll_until 5 angle_whole "$s" && pass "$1x$2 prepare: the angle whole" ||
		{ fail "$1x$2 prepare: the angle whole"; card_of "$s" | sed 's/^/  | /'; }
	has "$1x$2 prepare: all four parts, Result too" "$s" "│  R  [^ ]"
	continued "$s" S && pass "$1x$2 prepare: the Situation over more than one row" ||
		{ fail "$1x$2 prepare: the Situation over more than one row"; card_of "$s" | sed 's/^/  | /'; }
	cut=$(card_of "$s" | grep -c '…')
	if [ "$1" = 120 ]; then
		has "120x40 prepare: the whole story, the Action's last words too" "$s" "$ACTION_END"
		expect_eq "120x40 prepare: nothing cut" "$cut" 0
	else
		[ "$cut" -gt 0 ] && pass "$1x$2 prepare: a part cut short ends with an ellipsis" ||
			fail "$1x$2 prepare: a part cut short ends with an ellipsis"
	fi
done
echo "--- the cue card before the take at 100x30"; card_of prep100

# During the take at 80x24: before any mark, the part the clock suggests,
# said to be a guess; after t and a, the Action, marked, over two rows.
tm send-keys -t prep80 Space
has "80x24 take: before a mark, the part is a guess by time" prep80 "─ ▷ Situation\? a guess by time ─┐"
has "80x24 take: with a dim marker on its row" prep80 "^ │▷ S  "
tm send-keys -t prep80 t a
has "80x24 take: after a, the Action is the part told" prep80 "─ ▶ Action ─┐"
has "80x24 take: marked on its row" prep80 "^ │▶ A  I stopped replying"
continued prep80 A && pass "80x24 take: the Action over more than one row" ||
	{ fail "80x24 take: the Action over more than one row"; card_of prep80 | sed 's/^/  | /'; }
angle_whole prep80 && pass "80x24 take: the angle stays whole" || fail "80x24 take: the angle stays whole"
echo "--- the cue card during a take at 80x24, after t and a"; screen_of prep80

# The guess follows the clock (a device twice real time: the take's clock
# is the audio's): the Situation's words at a steady pace are past. The
# Task is guessed from about 15 s to 27 s of audio, 6 s of the wall clock
# at this speed: wide enough for a slow start and a poll that comes late
# (at 10 times, CI's sanitizer build missed a window of 1 s).
tm_start fast "$REHEARSE --audio fake:speed=2 practice --question conf-02 --prep 0 --seconds 90 --no-story-follow" 100 30
has "the guess moves on with the clock" fast "─ ▷ Task\? a guess by time ─┐" 30
# With f, the whole story scrolls to the part being told.
tm send-keys -t prep120 Space
wait_screen prep120 "● REC" 5 >/dev/null || true
tm send-keys -t prep120 f
tm send-keys -t prep120 r
has "f during the take: the Result, marked, is in view" prep120 "^ │▶ R  22 of the 25 customers"

# A round hides the card, as before.
tm_start round "$FAKE round --count 1 --seconds 5 --seed 7 --no-voice" 80 24
has "a round: the card hidden" round "cue card hidden: answer from memory \(h shows it\)"

# Item 19: cut text ends with an ellipsis. A story whose title is in wide
# characters (two columns each) is cut by columns in the story list, its
# length whole after it; one of seven categories with a long id needs
# three rows under the list, which has two: the second ends with "…"
# (it sorts first, so it is the one chosen when the list opens).
mkdir -p "$T/bank" && cp -r "$SRC/prompts/." "$T/bank/"
sed -e '1s/.*/# 部分的な移行計画を共に作る ─ retiring the v1 API with the partner team/' \
	-e 's/^categories: .*/categories: conflict, collaboration, communication, adaptability, leadership, achievement, failure/' \
	"$T/bank/stories/api-deprecation.md" >"$T/bank/stories/api-deprecation-with-every-category-and-a-long-name.md"
REHEARSE_BANK="$T/bank" tm_start bank "$REHEARSE" 80 24
wait_screen bank "Practice a question" 10 >/dev/null || true
tm send-keys -t bank Down Down Down Enter
has "the story bank opens" bank "rehearse · story bank"
has "a title of wide characters is cut by columns, with an ellipsis" bank \
	"^  部分的な移行計画を共に作る ─ retiring the v1 API with [a-z]*… +237 words, [a-z]"
wide=$(screen_of bank | python3 -c '
import sys, unicodedata
w = lambda l: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n"))
print(max(w(l) for l in sys.stdin))')
[ "$wide" -le 80 ] && pass "no row is wider than the screen ($wide columns)" || fail "no row is wider than the screen ($wide columns)"
has "the long detail line's second row ends with an ellipsis" bank "^  leadership, .* …$"

# Item 19: a complete take that ran on past its limit (overtime) is "over
# time", in history and on the history screen, not plain complete.
mkdir -m 700 "$T/over" && REHEARSE_DATA="$T/over" "$REHEARSE" history >/dev/null
python3 - "$T/over/history.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for i, dur in [(1, 101.0), (2, 80.0)]:
    con.execute("INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
                " story_id, status, duration_s, limit_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i, "practice", 1767225600 + i * 3600, "conf-02", "A question", "conflict",
                 "api-deprecation", "complete", dur, 90.0))
    con.execute("INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
                " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
                " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (i, 1, dur - 1, dur - 10, 0, 0.5, 0, 0, 0, 140, -20, -3, 0))
con.commit()
PY
out=$(REHEARSE_DATA="$T/over" "$REHEARSE" history)
expect_match "history: 101 s of a 90 s limit is over time" "$out" "^ +1  .*  over time  "
expect_match "history: 80 s of 90 s is complete" "$out" "^ +2  .*  complete  "
REHEARSE_DATA="$T/over" tm_start hist "$REHEARSE" 80 24
wait_screen hist "Practice a question" 10 >/dev/null || true
tm send-keys -t hist Down Down Down Down Enter
has "the history screen: over time" hist "^ +1 .*over time"

# Item 19: once a critique is saved, the result card shows its rating and
# its note's first line.
tm_start crit "env -u EDITOR -u VISUAL $FAKE practice --question conf-02 --prep 0 --seconds 20" 80 24
wait_screen crit "● REC" 10 >/dev/null || true
tm send-keys -t crit Space
wait_screen crit "c critique" 5 >/dev/null || true
if screen_of crit | grep -q "Your rating"; then fail "no rating before a critique"; else pass "no rating before a critique"; fi
tm send-keys -t crit c
wait_screen crit "e note" 5 >/dev/null || true
tm send-keys -t crit 4 e
wait_screen crit "Esc cancels\):" 5 >/dev/null || true
tm send-keys -t crit "rushed the Situation" Enter
wait_screen crit "^  rushed the Situation *$" 5 >/dev/null || true
tm send-keys -t crit Enter
has "the result card shows the saved rating and note" crit "^  Your rating 4/5 · note: rushed the Situation *$"
has "on the result card" crit "p play · c critique · r retry"
finish
