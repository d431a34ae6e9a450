#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `rehearse analyze --story ID`: the story follower on stories read aloud
# by espeak-ng at test time. Second argument: "built" or "not built" (what
# configure found), so a build without PocketSphinx checks that it says so.
. "$(dirname "$0")/lib.sh"
BUILT=${2:-built}
story() { # the STAR text of a bundled story, one section a line
	sed -n '/^## Situation/,$p' "$SRC/prompts/stories/$1.md" | grep -v '^#' | grep .
}
field() { # FILE.json EXPR: a Python expression over s, the story object
	python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['story']; print($2)" "$1"
}

sox -R -n -r 16000 -c 1 -b 16 "$T/silence.wav" trim 0 5
if [ "$BUILT" != built ]; then
	"$REHEARSE" analyze --json --story billing-outage "$T/silence.wav" > "$T/off.json"; rc=$?
	expect_eq "not built: exits 0" "$rc" 0
	expect_eq "not built: says so" "$(field "$T/off.json" 's["follower"], s["followed"]')" \
		"not built False"
	finish
	exit
fi

# One sentence of the Task left out; half a second of silence first. sox
# -R: its dither is the same each run (a told sentence near the line may
# be heard under one dither and not another).
story billing-outage | grep -v '^$' | sed 's/That night 1,200 invoices went out, 340 of them with totals off by up to two cents and duplicate tax lines\.//' > "$T/told.txt"
expect_eq "the left-out sentence was cut from the text" "$(grep -c 'That night' "$T/told.txt")" 0
espeak-ng -s 165 -w "$T/raw.wav" -f "$T/told.txt"
sox -R "$T/raw.wav" -r 16000 "$T/told.wav" pad 0.5 0
"$REHEARSE" analyze --json --story billing-outage "$T/told.wav" > "$T/told.json"; rc=$?
expect_eq "analyze --story exits 0" "$rc" 0
expect_eq "the story is followed" "$(field "$T/told.json" 's["followed"]')" True
expect_eq "the sentence left out is reported left out" \
	"$(field "$T/told.json" '[x["heard"] for x in s["sentences"] if x["text"].startswith("That night")]')" \
	"[False]"
expect_eq "the told sentences are heard (at most one missed)" \
	"$(field "$T/told.json" 'sum(not x["heard"] for x in s["sentences"] if not x["text"].startswith("That night")) <= 1')" True
expect_eq "four sections in S, T, A, R order" \
	"$(field "$T/told.json" '"".join(x["part"] for x in s["sections"])')" STAR
expect_eq "the Situation starts with the first word (0.5 s)" \
	"$(field "$T/told.json" 'abs(s["sections"][0]["start_s"] - 0.5) < 0.5')" True
expect_eq "the parts start in order" \
	"$(field "$T/told.json" '[x["start_s"] for x in s["sections"]] == sorted(x["start_s"] for x in s["sections"])')" True
expect_eq "words per minute from the words" \
	"$(field "$T/told.json" '120 < s["wpm_words"] < 220 and s["words_heard"] > 150')" True

# The same take at 48 kHz: the same parts, within about a word (a part
# starts at its first sentence's first word recognised, and the decoder
# may miss that word in one copy and not the other: 0.43 s seen once the
# bundled story was shortened).
sox -R "$T/told.wav" -r 48000 "$T/told48.wav"
"$REHEARSE" analyze --json --story billing-outage "$T/told48.wav" > "$T/told48.json"
expect_eq "48 kHz: the same part starts within 0.5 s" "$(python3 -c '
import json, sys
a, b = (json.load(open(p))["story"]["sections"] for p in sys.argv[1:])
print(all(abs(x["start_s"] - y["start_s"]) < 0.5 for x, y in zip(a, b)))' "$T/told.json" "$T/told48.json")" True

# A real voice (Debian's Asterisk prompts, one speaker at 8 kHz): the
# decoder's cepstral mean starts far from this channel, and the whole first
# sentence came out as other words until the first utterance was decoded
# again once the mean had adapted.
ALLISON=/usr/share/asterisk/sounds/en_US_f_Allison
if [ -f "$ALLISON/tt-weasels.wav" ]; then
	mkdir -p "$T/bank/stories"
	cp "$SRC/prompts/categories.txt" "$SRC/prompts/questions.txt" "$T/bank/"
	printf '# Allison\ncategories: failure\nstrength: 3\n\n## Situation\n%s\n\n## Task\n%s\n\n## Action\n%s\n\n## Result\n%s\n' \
		"Weasels have eaten our phone system." \
		"The party you are trying to reach does not accept unidentified calls." \
		"There are no more compatible entries in the directory." \
		"Your message has been successfully forwarded." > "$T/bank/stories/allison.md"
	sox -R -n -r 16000 -c 1 -b 16 "$T/gap.wav" trim 0 1
	pieces=()
	for id in tt-weasels privacy-unident dir-nomore vm-msgforwarded; do
		sox -R "$ALLISON/$id.wav" -r 16000 -b 16 "$T/$id.wav"
		pieces+=("$T/gap.wav" "$T/$id.wav")
	done
	sox -R "${pieces[@]}" "$T/gap.wav" "$T/allison.wav"
	"$REHEARSE" analyze --json --bank "$T/bank" --story allison "$T/allison.wav" > "$T/allison.json"
	expect_eq "a real voice: its first sentence is heard" \
		"$(field "$T/allison.json" 's["followed"], s["sentences"][0]["heard"]')" "True True"
	expect_eq "a real voice: the Situation starts at its first word (1.0 s)" \
		"$(field "$T/allison.json" 'abs(s["sections"][0]["start_s"] - 1.0) < 0.5')" True
else
	skip "a real voice: no Asterisk prompts (asterisk-core-sounds-en-wav)"
fi

# Another story told, judged against this one; and silence.
story ci-pipeline > "$T/other.txt"
espeak-ng -s 165 -w "$T/other.wav" -f "$T/other.txt"
"$REHEARSE" analyze --json --story billing-outage "$T/other.wav" > "$T/other.json"
expect_eq "another story is not followed" "$(field "$T/other.json" 's["followed"], s["coverage"] <= 0.2, s["wpm_words"]')" \
	"False True None"
expect_eq "and gets no marks" "$(field "$T/other.json" 'any(x["heard"] for x in s["sentences"]) or any(x["start_s"] is not None for x in s["sections"])')" False
"$REHEARSE" analyze --json --story billing-outage "$T/silence.wav" > "$T/silence.json"
expect_eq "silence is not followed" "$(field "$T/silence.json" 's["followed"], s["words_heard"]')" "False 0"

# --story any: the bank's stories at once, one model of all their
# sentences; the story told is named, and a telling of no bank story
# (nor silence) names none.
"$REHEARSE" analyze --json --story any "$T/told.wav" > "$T/any.json"; rc=$?
expect_eq "--story any exits 0" "$rc" 0
expect_eq "--story any names the story told" "$(field "$T/any.json" 's["id"], s["followed"]')" \
	"billing-outage True"
expect_eq "--story any: the heard story's sentences, its left-out one too" \
	"$(field "$T/any.json" '[x["heard"] for x in s["sentences"] if x["text"].startswith("That night")]')" \
	"[False]"
"$REHEARSE" analyze --json --story any "$T/other.wav" > "$T/any-other.json"
expect_eq "--story any names another story of the bank when that is told" \
	"$(field "$T/any-other.json" 's["id"], s["followed"]')" "ci-pipeline True"
printf '%s\n' "Last weekend the weather in the mountains was cold and wet, so we stayed inside." \
	"We played board games with the children while my grandmother baked bread." \
	"She told us about her garden and the apple trees her father planted." \
	"In the evening we watched an old film about sailors crossing the sea in winter." > "$T/unrelated.txt"
espeak-ng -s 165 -w "$T/unrelated.wav" -f "$T/unrelated.txt"
"$REHEARSE" analyze --json --story any "$T/unrelated.wav" > "$T/any-none.json"
expect_eq "--story any: a telling of no bank story names none" \
	"$(field "$T/any-none.json" 's["id"], s["followed"], s["sentences"], s["wpm_words"]')" \
	"None False [] None"
"$REHEARSE" analyze --json --story any "$T/silence.wav" > "$T/any-silence.json"
expect_eq "--story any: silence names none" "$(field "$T/any-silence.json" 's["id"], s["followed"]')" \
	"None False"
out=$("$REHEARSE" analyze --story any "$T/unrelated.wav")
expect_match "plain text: none of the bank's stories" "$out" "Story +any: none of the bank's stories was recognised"
mkdir -p "$T/moments/stories"
cp "$SRC/prompts/categories.txt" "$SRC/prompts/questions.txt" "$T/moments/"
cp "$SRC/prompts/stories/cost-cutting.md" "$T/moments/stories/"
out=$("$REHEARSE" analyze --json --bank "$T/moments" --story any "$T/told.wav" 2>&1); rc=$?
expect_eq "--story any with only moments exits 1" "$rc" 1
expect_match "and says why" "$out" "has STAR sections to follow"
# A story of the person's own called "any" is that story, not all of them.
mkdir -p "$T/anyid/stories"
cp "$SRC/prompts/categories.txt" "$SRC/prompts/questions.txt" "$T/anyid/"
cp "$SRC/prompts/stories/billing-outage.md" "$T/anyid/stories/any.md"
cp "$SRC/prompts/stories/ci-pipeline.md" "$T/anyid/stories/"
"$REHEARSE" analyze --json --bank "$T/anyid" --story any "$T/other.wav" > "$T/anyid.json"
expect_eq "a bank story with the id 'any' is followed as that story" \
	"$(field "$T/anyid.json" 's["id"], s["followed"]')" "any False"

out=$("$REHEARSE" analyze --story billing-outage "$T/told.wav"); rc=$?
expect_eq "plain text exits 0" "$rc" 0
expect_match "plain text: a story block" "$out" "Story +billing-outage: [0-9]+ of [0-9]+ sentences heard"
expect_match "plain text: what was left out" "$out" "left out +T: That night"
out=$("$REHEARSE" analyze --story billing-outage "$T/other.wav")
expect_match "plain text: could not follow" "$out" "could not follow the story"
"$REHEARSE" analyze --json --story billing-outage --no-story-follow "$T/told.wav" > "$T/off.json"
expect_eq "--no-story-follow: off" "$(field "$T/off.json" 's["follower"], s["followed"]')" "off False"

out=$("$REHEARSE" analyze --story no-such-story "$T/told.wav" 2>&1); rc=$?
expect_eq "an unknown story exits 1" "$rc" 1
expect_match "and is named" "$out" "no story 'no-such-story'"
out=$("$REHEARSE" analyze --story cost-cutting "$T/told.wav" 2>&1); rc=$?
expect_eq "a moment exits 1" "$rc" 1
expect_match "and says why" "$out" "a moment, not a story"
finish
