#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# story_history.sh - issue 18: a take of a story, through the whole
# program (--audio fake, the screens in tmux), keeps what the story
# follower heard: `history --json` gives the `story` object that `analyze
# --story --json` prints, with the same keys, and the single figures
# (CSV too); with --no-story-follow or story-follow = no there is none.
# $2: "built" or "not built" (the follower in this rehearse).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
STATE=${2:-built}
FAST="$REHEARSE --audio fake:speed=10"

# take NAME [OPTIONS]: one 5 s answer to ach-01 (its story: ci-pipeline),
# on a silent device ten times as fast as real time; the row is complete
# once the result card shows.
take() {
	tm_start "$1" "$FAST practice --question ach-01 --prep 0 --seconds 5 ${2:-}" 80 24
	wait_screen "$1" "Status +[a-z]" 60 >/dev/null || fail "$1: the take ends on its card"
}

take on
"$REHEARSE" history --json >"$T/h.json" 2>"$T/h.err"
expect_eq "history --json exits 0" "$?" 0
wav=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["wav_path"])' "$T/h.json")
"$REHEARSE" analyze --story ci-pipeline --json "$wav" >"$T/a.json" 2>"$T/a.err"
out=$(python3 - "$T/h.json" "$T/a.json" "$STATE" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))[0]
state = sys.argv[3]
if state != "built":
    print("story null" if r["story"] is None else "story %r" % r["story"])
    print("figures null" if r["story_followed"] is None and r["story_coverage"] is None
          else "figures %r" % r["story_followed"])
    sys.exit(0)
a = json.loads(open(sys.argv[2]).read().splitlines()[0])["story"]
s = r["story"]
print("keys same" if s and sorted(s) == sorted(a) else "keys %r vs %r" % (s and sorted(s), sorted(a)))
print("id %s" % s["id"])
print("sentences %d of %d" % (len(s["sentences"]), len(a["sentences"])))
print("texts same" if [x["text"] for x in s["sentences"]] == [x["text"] for x in a["sentences"]] else "texts differ")
print("parts %s" % "".join(x["part"] for x in s["sections"]))
print("followed %s %s" % (s["followed"], r["story_followed"] == s["followed"]))
print("coverage same" if r["story_coverage"] == s["coverage"] else "coverage %r" % r["story_coverage"])
print("wait %s" % ("number" if isinstance(r["story_wait_s"], float) else repr(r["story_wait_s"])))
PY
)
if [ "$STATE" = built ]; then
	expect_match "the story object has analyze's keys" "$out" "keys same"
	expect_match "it names the story on the card" "$out" "id ci-pipeline"
	expect_match "every written sentence, as analyze lists them" "$out" "sentences ([0-9]+) of \\1"
	expect_match "the sentences' texts are analyze's" "$out" "texts same"
	expect_match "the four parts in order" "$out" "parts STAR"
	expect_match "silence is not followed, and the figure says so too" "$out" "followed False True"
	expect_match "the single figures agree with the object" "$out" "coverage same"
	expect_match "the wait for the answer is kept" "$out" "wait number"
else
	expect_match "no follower: no story object" "$out" "story null"
	expect_match "no follower: its figures are null, not 0" "$out" "figures null"
fi

csv=$("$REHEARSE" history --csv)
header=$(printf '%s\n' "$csv" | head -1)
expect_match "CSV has the single figures" "$header" "story_followed,story_coverage,story_words_heard,story_wpm_words,story_s_start_s"
cov=$(printf '%s\n' "$csv" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(repr(rows[0]["story_coverage"]))')
if [ "$STATE" = built ]; then
	expect_match "a followed take's coverage is in its CSV row" "$cov" "^'[0-9.]+'$"
else
	expect_eq "no follower: the CSV field is empty" "$cov" "''"
fi

# The card shows no story (this bank's one story does not cover the
# question's category): the follower listens for the bank's stories. On a
# silent device it recognises none, and the card and history say so.
mkdir -p "$T/bank1/stories"
cp "$SRC/prompts/categories.txt" "$SRC/prompts/questions.txt" "$T/bank1/"
cp "$SRC/prompts/stories/api-deprecation.md" "$T/bank1/stories/"
REHEARSE_BANK="$T/bank1" take nostory
if [ "$STATE" = built ]; then
	expect_screen "no story on the card: the card says none of the bank's was heard" nostory \
		"STAR.*no story suggested, none of yours heard"
fi
got=$(REHEARSE_BANK="$T/bank1" "$REHEARSE" history --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
s = r["story"]
print("null" if s is None else "%s %s %d" % (s["id"], s["followed"], len(s["sentences"])), r["story_id"])')
if [ "$STATE" = built ]; then
	expect_eq "no story on the card, none heard: history's story names none" "$got" "None False 0 None"
else
	expect_eq "no story on the card, no follower: no story object" "$got" "null None"
fi

# The same with one of the bank's stories told, through a real PortAudio
# stream from a fast virtual microphone: the card names the story heard,
# and history keeps it as the take's story, with its sentences.
if [ "$STATE" = built ]; then
	mkdir -p "$T/bank2/stories"
	cp "$SRC/prompts/categories.txt" "$SRC/prompts/questions.txt" "$T/bank2/"
	star() { # star FILE TITLE S T A R
		printf '# %s\ncategories: leadership, failure\nstrength: 3\n\n## Situation\n%s\n\n## Task\n%s\n\n## Action\n%s\n\n## Result\n%s\n' \
			"$2" "$3" "$4" "$5" "$6" > "$1"
	}
	star "$T/bank2/stories/garden-app.md" "Shipping the garden app on time" \
		"Our small team was building a garden planning app for a local nursery." \
		"I had to deliver the watering reminders before the spring sale started." \
		"I cut the photo gallery, wrote the reminder service myself, and tested it with twelve gardeners." \
		"The app launched a week early, and the nursery sold three hundred more seed kits."
	star "$T/bank2/stories/scanners.md" "Fixing the warehouse scanner outage" \
		"The warehouse scanners stopped syncing during the holiday rush." \
		"As the engineer on call I had to restore order tracking within the night." \
		"I traced the fault to an expired certificate, renewed it, and added an alert before the next expiry." \
		"Tracking came back in two hours, and no orders were lost."
	sed -n '/^## Situation/,$p' "$T/bank2/stories/garden-app.md" | grep -v '^#' | grep . > "$T/garden.txt"
	espeak-ng -s 165 -w "$T/garden.wav" -f "$T/garden.txt"
	vmic_file "$T/garden.wav" 16000
	REHEARSE_BANK="$T/bank2" tm_start heard "$REHEARSE practice --question ach-01 --prep 0 --seconds 30 --rate 16000" 80 24
	expect_screen "no story on the card, one of the bank's told: the card names it" heard \
		"Story heard +Shipping the garden app on time \\(the cue card had none\\)" 60
	echo "--- the card at 80x24, no story on the cue card, one of the bank's told"; screen_of heard
	tm send-keys -t heard q
	got=$(REHEARSE_BANK="$T/bank2" "$REHEARSE" history --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
s = r["story"]
print(r["story_id"], s["id"], s["followed"], len(s["sentences"]), s["sentences"][0]["text"].split()[:3])')
	expect_eq "history names the story heard, with its sentences" "$got" \
		"garden-app garden-app True 4 ['Our', 'small', 'team']"
	unset ALSA_CONFIG_PATH
fi

# During a take the cue card follows the part the words have reached
# (issue 20 #6), with no key pressed: the story on the card (ci-pipeline)
# told through a real-time virtual microphone, a pause after each
# sentence (the follower looks again when an utterance ends).
if [ "$STATE" = built ]; then
	awk '/^## (Situation|Task|Action)/ { on = 1; next } /^## / { on = 0 } on' \
		"$SRC/prompts/stories/ci-pipeline.md" | tr '\n' ' ' | sed 's/\([.!?]\) /\1\n/g' >"$T/told.txt"
	pieces=() i=0
	while IFS= read -r line; do
		[ -n "${line// /}" ] || continue
		espeak-ng -s 165 -w "$T/s$i.wav" "$line"
		sox "$T/s$i.wav" -r 48000 -c 1 "$T/p$i.wav" pad 0 1.2
		pieces+=("$T/p$i.wav") i=$((i + 1))
	done <"$T/told.txt"
	sox "${pieces[@]}" "$T/paced.wav"
	pulse_start
	tm_start live "$REHEARSE practice --question ach-01 --prep 0 --seconds 150" 80 24
	feed_speech "$T/paced.wav" live
	expect_screen "during the take the card follows the words: the Task heard" live "▶ Task, heard" 60
	expect_screen "then the Action, still with no key pressed" live "▶ Action, heard" 60
	echo "--- the cue card during a take, following the words, at 80x24"; screen_of live
	tm send-keys -t live Space
	expect_screen "the take ends on its card" live "Status +[a-z]" 30
	pulse_stop
	unset ALSA_CONFIG_PATH PULSE_SERVER
fi

# Off for one run, then by the setting: the take has no story.
take off "--no-story-follow"
mkdir -p "$XDG_CONFIG_HOME/rehearse"
echo "story-follow = no" >"$XDG_CONFIG_HOME/rehearse/config"
take setting
got=$("$REHEARSE" history --json | python3 -c '
import json, sys
print(" ".join("null" if r["story"] is None else "story" for r in json.load(sys.stdin)[:2]))')
expect_eq "--no-story-follow and story-follow = no: no story kept" "$got" "null null"
finish
