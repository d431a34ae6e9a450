#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 11, the review side, through tmux at 80x24 (the size terminals open
# at) and 120x40: home, history with the comparison of a retry, progress,
# the story bank and its questions, coverage, the pivot chooser, playback
# with the critique, and colours (NO_COLOR). Each screen's key values must
# be on screen whole.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; rm -rf "$T"' EXIT
no_devices

# tm_size NAME COLS ROWS COMMAND [ENV...]: a session of a given size.
tm_size() {
	local name=$1 w=$2 h=$3 cmd=$4
	shift 4
	tm has-session -t hold 2>/dev/null || tm new-session -d -s hold "sleep 3600"
	tm new-session -d -s "$name" -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 REHEARSE_DATA='$REHEARSE_DATA' \
		REHEARSE_BANK='${BANK:-$REHEARSE_BANK}' ALSA_CONFIG_PATH='$ALSA_CONFIG_PATH' $* \
		$cmd; echo \"EXIT=\$?\"; sleep 600"
}
# has WHAT NAME REGEX: the screen shows REGEX.
has() { wait_screen "$2" "$3" 5 >/dev/null && pass "$1" || { fail "$1"; screen_of "$2" | sed 's/^/  | /'; }; }
# lacks WHAT NAME REGEX: the screen does not show REGEX.
lacks() { if screen_of "$2" | grep -Eq -- "$3"; then fail "$1"; screen_of "$2" | sed 's/^/  | /'; else pass "$1"; fi; }

mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # an empty folder: the schema
python3 "$SRC/tests/cli/seed_history.py" "$REHEARSE_DATA/history.db" 12 --wavs
python3 - "$REHEARSE_DATA/history.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
text = ("Tell me about a time you disagreed with a colleague about a technical decision, "
        "and how the two of you resolved it together.")
rows = [(110, "complete", 3.4, 50.0, 118, 3, 2, [("S", 2), ("T", 20), ("A", 30)]),
        (111, "discarded", 1.0, 70.0, 150, 0, 0, []),
        (112, "complete", 1.2, 68.0, 142, 1, 4, [("S", 1), ("T", 5), ("A", 10), ("R", 60)]),
        (113, "complete", 0.0, 0.0, 0, 0, 0, [])]
for i, status, first, speech, wpm, lp, rating, marks in rows:
    q = "conf-99" if i == 113 else "schema-disagreement-q1"
    con.execute("INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
                " story_id, status, duration_s, limit_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i, "practice", 1767225600 + i * 3600, q, text, "conflict",
                 "schema-disagreement", status, 80.0, 90.0))
    con.execute("INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
                " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
                " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (i, first, first + speech + 5 if speech else 0, speech, lp, 1.5, 0, 0, 0, wpm,
                 -20, -3, 0))
    for sec, at in marks:
        con.execute("INSERT INTO marks (attempt_id, section, at_s) VALUES (?,?,?)", (i, sec, at))
    if rating:
        con.execute("INSERT INTO critiques (attempt_id, rating, note, updated_at) VALUES (?,?,?,?)",
                    (i, rating, "", 0))
con.commit()
PY

for size in "80 24" "120 40"; do
	set -- $size
	s="s$1"
	tm_size "$s" "$1" "$2" "$REHEARSE" EDITOR=true
	has "$1x$2 home: the title whole" "$s" "rehearse .* · no microphone found: timer only"
	tm send-keys -t "$s" Enter
	has "$1x$2 practice: An achievement question" "$s" "An achievement question"
	has "$1x$2 practice: An adaptability question" "$s" "An adaptability question"
	lacks "$1x$2 practice: never 'A achievement'" "$s" "A achievement"
	tm send-keys -t "$s" q

	# History: ids whole, the selected question whole, the comparison.
	tm send-keys -t "$s" Down Down Down Down Enter
	has "$1x$2 history opens" "$s" "history \(newest first\)"
	has "$1x$2 history: a long id whole, with its figures" "$s" \
		" 112  .*complete +1:20 +142 +1\.2s +[45]/5  schema-disagreement-q1( |$)"
	has "$1x$2 history: a silent take is marked, with —" "$s" " 113  .*no speech +1:20 +— +— +—  conf-99"
	tm send-keys -t "$s" Down
	has "$1x$2 history: the selected attempt's header" "$s" "attempt 112 · 2026-01-05 16:00 · practice · schema-disagreement-q1 ·( |$)"
	has "$1x$2 history: its question whole (the end of it)" "$s" "together\. *$"
	has "$1x$2 history: against the take before it" "$s" "Against the take before it \(attempt 110\):"
	has "$1x$2 history: first word" "$s" "First word +3\.4 s → 1\.2 s +▲ 2\.2 s sooner"
	has "$1x$2 history: speaking time" "$s" "Speaking +0:50 → 1:08 +▲ 0:18 longer"
	has "$1x$2 history: pace" "$s" "Pace +118 wpm → 142 wpm +▲ \+24 wpm, steady"
	has "$1x$2 history: long pauses" "$s" "Long pauses +3 → 1 +▲ 2 fewer"
	has "$1x$2 history: STAR split against the target" "$s" "STAR split .* → .* ▲ S\+T [0-9]+%, was [0-9]+% \(≤20%\)"
	has "$1x$2 history: rating" "$s" "Rating +2/5 → [45]/5 +▲ \+[23]"
	has "$1x$2 history: its keys fit" "$s" "Enter play · b both takes · c critique · f filter · d delete · q back"
	tm send-keys -t "$s" b
	has "$1x$2 b plays the take before first" "$s" "playback · attempt 110"
	has "$1x$2 saying it is the first of two" "$s" "take 1 of 2 · n: the next take now"
	tm send-keys -t "$s" n
	has "$1x$2 n goes on to the retry" "$s" "playback · attempt 112"
	has "$1x$2 the second of two" "$s" "take 2 of 2"
	tm send-keys -t "$s" q
	has "$1x$2 back in history" "$s" "history \(newest first\)"
	tm send-keys -t "$s" c
	has "$1x$2 c: the critique" "$s" "self-critique · attempt 112"
	tm send-keys -t "$s" 5 Enter
	has "$1x$2 saving the critique is confirmed" "$s" "critique of attempt 112 saved"
	has "$1x$2 and the new rating is listed" "$s" " 112  .* 5/5  schema"
	tm send-keys -t "$s" q

	# Progress: the first word and rating columns kept.
	tm send-keys -t "$s" Down Enter
	has "$1x$2 progress opens" "$s" "rehearse · progress"
	has "$1x$2 progress: header with first word and rating" "$s" "first word +rating$"
	has "$1x$2 progress: conflict with its latest first word and rating" "$s" \
		"^ conflict +[0-9]+ +[0-9]:[0-9][0-9] .* 142 .* 1\.2s +[▁▂▃▄▅▆▇█]+ +5/5$"
	has "$1x$2 progress: the silent take is left out, and said so" "$s" "1 take with no speech is left out"
	tm send-keys -t "$s" q

	# The story bank: titles whole or with an ellipsis, moments say why not.
	tm send-keys -t "$s" Up Up Enter
	has "$1x$2 story bank opens" "$s" "rehearse · story bank"
	has "$1x$2 story bank: a title whole, with its words" "$s" "Cutting the CI pipeline from 41 to 9 minutes +237 words, (fits|tight|[0-9]+ over)"
	has "$1x$2 story bank: a moment says so" "$s" "Halving the staging cloud bill +moment"
	lacks "$1x$2 story bank: nothing cut without an ellipsis" "$s" "partner tea  "
	tm send-keys -t "$s" Down Down Down p
	has "$1x$2 p on a moment says why not" "$s" "'cost-cutting' is a moment, not a story yet"
	tm send-keys -t "$s" Enter
	has "$1x$2 a moment's card says how to write it out" "$s" "a moment: press e to write out its STAR sections"
	has "$1x$2 and offers only what it can do" "$s" "↑↓ scroll · e edit in \\\$EDITOR · q back"
	tm send-keys -t "$s" e
	has "$1x$2 after the editor, the bank is checked again" "$s" "checked: the story and the bank are fine"
	tm send-keys -t "$s" q
	has "$1x$2 back to the story bank" "$s" "Enter read · p practise"
	tm send-keys -t "$s" c
	has "$1x$2 coverage opens" "$s" "story bank · coverage"
	has "$1x$2 coverage: 'moment' whole" "$s" "cost-cutting .* 4  moment$"
	tm send-keys -t "$s" q Q
	has "$1x$2 questions list" "$s" "story bank · questions"
	tm send-keys -t "$s" Down
	has "$1x$2 questions: the chosen one whole, with its categories" "$s" "lead-02 · senior · leadership, communication"
	tm send-keys -t "$s" Enter
	has "$1x$2 Enter practises the chosen question" "$s" "READY: press Space"
	has "$1x$2 that question" "$s" "Describe a time you got several teams"
	tm kill-session -t "$s"

	# The pivot chooser: Enter on a moment says why it cannot be pivoted.
	tm_size "$s" "$1" "$2" "$REHEARSE"
	has "$1x$2 home again" "$s" "Pivot drill"
	tm send-keys -t "$s" Down Down Enter
	has "$1x$2 the pivot chooser" "$s" "pivot drill: choose a story"
	# Issue 20, item 15: the chooser says what the drill is, for this story.
	has "$1x$2 the chooser says what the drill is" "$s" "Pivot drill: this one story, told 3 times, once for a"
	has "$1x$2 with the categories Enter will ask" "$s" "conflict, collaboration, adaptability\\. Enter"
	tm send-keys -t "$s" Down Down Down Enter
	has "$1x$2 Enter on a moment says why not" "$s" "'cost-cutting' is a moment, not a story yet"
	tm send-keys -t "$s" Up Up Up Enter
	has "$1x$2 Enter on a story starts the drill" "$s" "pivot · prepare 1/3"
	has "$1x$2 with the story on the card" "$s" "Retiring the v1 API"
	tm kill-session -t "$s"

	# Playback shows the rating and note, and confirms a saved critique.
	tm_size "$s" "$1" "$2" "$REHEARSE --audio fake play 6"
	has "$1x$2 playback shows the rating and note" "$s" "your rating [24]/5 · note: note 6"
	tm send-keys -t "$s" c
	has "$1x$2 c opens the critique" "$s" "self-critique · attempt 6"
	tm send-keys -t "$s" 4 Enter
	has "$1x$2 back on playback, the critique is confirmed" "$s" "critique saved: rating 4/5, with a note"
	has "$1x$2 and shown" "$s" "your rating 4/5 · note: note 6"
	tm kill-session -t "$s"
done

# Issue 20, item 2: a critique note that wraps to a second line is not drawn
# over the S/T/A/R marks above the waveform (the seeded WAV is 0.1 s long).
python3 - "$REHEARSE_DATA/history.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for sec, at in [("S", 0.0), ("T", 0.03), ("A", 0.05), ("R", 0.08)]:
    con.execute("INSERT INTO marks (attempt_id, section, at_s) VALUES (5,?,?)", (sec, at))
con.execute("INSERT OR REPLACE INTO critiques (attempt_id, rating, note, updated_at) VALUES (5,3,?,0)",
            ("rushed the Situation and never said what I learned from it; next time open "
             "with the stakes ENDOFNOTE",))
con.commit()
PY
tm_size wrap 80 24 "$REHEARSE --audio fake play 5"
has "80x24 playback: the wrapped note is whole" wrap "open with the stakes ENDOFNOTE *$"
has "80x24 playback: the marks' row holds only the marks" wrap "^ +S +T +A +R *$"
tm kill-session -t wrap

# A broken story is named on the home screen, and the rest of the bank loads.
mkdir -p "$T/bank" && cp -r "$SRC/prompts/." "$T/bank/"
sed -i 's/^strength: .*/strength: 9/' "$T/bank/stories/ci-pipeline.md"
BANK="$T/bank" tm_size broken 80 24 "$REHEARSE"
has "a broken story is named on the home screen" broken "Left out \(see 'rehearse bank check'\):"
has "with its file and line" broken "ci-pipeline\.md:[0-9]+: strength must be"
has "and the rest of the bank loads" broken "49 questions, 6 stories"
tm kill-session -t broken

# Colours: present by default, none at all under NO_COLOR.
colour_codes() { tm capture-pane -e -p -t "$1" | grep -cE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5|48;5)[;m]'; }
tm_size colour 80 24 "$REHEARSE"
wait_screen colour "Quit" 5 >/dev/null
[ "$(colour_codes colour)" -gt 0 ] && pass "the screens use colour" || fail "the screens use colour"
tm kill-session -t colour
tm_size nocolour 80 24 "$REHEARSE" NO_COLOR=1
wait_screen nocolour "Quit" 5 >/dev/null
expect_eq "NO_COLOR: no colour at all" "$(colour_codes nocolour)" 0
tm send-keys -t nocolour Down Down Down Enter
wait_screen nocolour "story bank" 5 >/dev/null
expect_eq "NO_COLOR: none on the story bank either" "$(colour_codes nocolour)" 0
# Issue 20 item 5: on a terminal the listing fits its width (one line a
# row, no recording column; --long brings it back); piped, the whole row
# scripts read stays as it was.
tm_size hist 80 24 "$REHEARSE history"
has "history on a terminal: one line a row at 80 columns" hist "^ +12 [0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} [a-z -]+ +[a-z0-9-]+ +[a-z…-]+ +[0-9]+:[0-9]{2} "
scr=$(screen_of hist)
echo "--- rehearse history at 80x24"; printf '%s\n' "$scr"
wide=$(printf '%s\n' "$scr" | python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 80 for l in sys.stdin))')
expect_eq "history on a terminal: no line over 80 columns" "$wide" 0
lacks "history on a terminal: no file names" hist "seed-[0-9]+\.wav"
expect_eq "history on a terminal: every row on its own line" \
	"$(printf '%s\n' "$scr" | grep -Ec '^ +[0-9]+ [0-9]{2}-[0-9]{2} ')" \
	"$(printf '%s\n' "$scr" | grep -Ec '^ +[0-9]+ ')"
tm_size histlong 200 24 "$REHEARSE history --long"
has "history --long on a terminal: the file names" histlong "2026-01-01_000000_seed-1\.wav"
expect_match "history piped: the whole row, as before" "$("$REHEARSE" history | grep seed-1.wav)" \
	"^ +1  2026-01-01 [0-9:]+  practice  complete  .*  [0-9/-]+  2026-01-01_000000_seed-1\.wav$"

finish
