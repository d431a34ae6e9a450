#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Advice that agrees with itself (issue 20): story lengths judged from the
# answer limit and a pace, bank check's errors and warnings together, "did
# you mean", and the small messages of history, config and the commands.
. "$(dirname "$0")/lib.sh"

# A bank with a story of N words (STAR sections of N/4 words each).
story_of() { # FILE TITLE WORDS
	python3 - "$@" <<'PY'
import sys
path, title, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = [n // 4] * 4
parts[3] += n - sum(parts)
with open(path, "w") as f:
    f.write("# %s\ncategories: leadership, conflict, failure\nstrength: 3\n" % title)
    for name, k in zip(["Situation", "Task", "Action", "Result"], parts):
        f.write("\n## %s\n%s\n" % (name, " ".join(["word"] * k)))
PY
}
B="$T/bank"
cp -r "$SRC/prompts" "$B"
story_of "$B/stories/zz-short-enough.md" "A story of 198 words" 198
story_of "$B/stories/zz-long.md" "A story of 476 words" 476

out=$("$REHEARSE" --bank "$B" bank check 2>&1); rc=$?
expect_eq "bank check of a bank with warnings exits 0" "$rc" 0
expect_match "a 476-word story: how long it takes and by how many words it is over" "$out" \
	"zz-long.md: warning: 476 words; at a steady pace \(130-160 wpm\) it takes 2:59-3:40; about 236 words over 90 s even at the fast end: cut it to about 217"
if printf '%s' "$out" | grep -q "zz-short-enough"; then
	fail "a 198-word story fits 90 s at a steady pace: not flagged"; printf '%s\n' "$out"
else pass "a 198-word story fits 90 s at a steady pace: not flagged"; fi
out=$("$REHEARSE" --bank "$B" bank coverage)
expect_match "coverage grades the long story" "$(grep '^zz-long' <<<"$out")" "476 +3 +story +236 over$"
expect_match "coverage: the short-enough one fits" "$(grep '^zz-short' <<<"$out")" "198 +3 +story +fits$"
expect_match "coverage says what it judged against" "$out" "Length: against the 90 s limit at a steady 130-160 wpm"
# The totals row: each count under the column's marks.
mark_col=$(grep '^api-deprecation' <<<"$out" | awk '{print index($0, " x ")}')
row=$(grep '^stories ' <<<"$out")
expect_eq "the totals row is under the marks" "${row:$((mark_col - 1)):3}" "$(printf ' %s ' "${row:$mark_col:1}")"
[ "${row:$mark_col:1}" != " " ] && pass "a count sits in the mark's column" || fail "no count in the mark's column: '$row'"

# The limit comes from the `seconds` setting.
out=$("$REHEARSE" --bank "$B" config seconds 120 2>&1)
expect_match "config KEY VALUE says what it set and where" "$out" "^seconds = 120 \(written to $XDG_CONFIG_HOME/rehearse/config\)$"
expect_match "a 120 s limit holds the 198-word story with room" \
	"$("$REHEARSE" --bank "$B" bank check)" "zz-long.md: warning: 476 words; .* about 156 words over 120 s"
"$REHEARSE" config --unset seconds >/dev/null

# With a history, the person's own pace: the median of the newest takes
# (seed_history gives 123 to 132 wpm to the newest ten of twelve).
mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # an empty folder: the schema
python3 "$SRC/tests/cli/seed_history.py" "$REHEARSE_DATA/history.db" 12
out=$("$REHEARSE" --bank "$B" bank check)
expect_match "at the person's own pace" "$out" \
	"zz-short-enough.md: warning: 198 words; at your usual pace \(128 wpm\) it takes 1:33; about 7 words over 90 s: cut it to about 191"
expect_match "coverage at the person's pace" "$("$REHEARSE" --bank "$B" bank coverage)" "Length: against the 90 s limit at your usual pace, 128 wpm"
# bank check does not make a data folder that is not there.
REHEARSE_DATA="$T/none" "$REHEARSE" --bank "$B" bank check >/dev/null
[ ! -e "$T/none" ] && pass "bank check creates no data folder" || fail "bank check created $T/none"

# Errors and warnings together, and a duplicate title.
cp "$B/stories/api-deprecation.md" "$B/stories/zz-same-title.md"
printf '# Broken\ncategories: leadership, comunication\nstrength: 3\n' >"$B/stories/zz-broken.md"
REHEARSE_DATA="$T/none" "$REHEARSE" --bank "$B" bank check >"$T/out" 2>"$T/err"; rc=$?
expect_eq "bank check with errors exits 1" "$rc" 1
expect_match "a misspelt category: did you mean" "$(cat "$T/err")" \
	"zz-broken.md:2: unknown category 'comunication'; did you mean 'communication'\?"
expect_match "a duplicate title is an error naming both files" "$(cat "$T/err")" \
	"zz-same-title.md:1: the title '.*' is already used by .*/api-deprecation.md"
expect_match "the length warnings are shown with the errors" "$(cat "$T/out")" "zz-long.md: warning: 476 words"
expect_match "the counts say not ok" "$(cat "$T/out")" ": not ok: .* 2 errors, [0-9]+ warnings?$"
rm "$B/stories/zz-same-title.md" "$B/stories/zz-broken.md"
out=$(EDITOR=true "$REHEARSE" --bank "$B" bank new "the invoice run I broke" 2>&1); rc=$?
expect_eq "bank new refuses a title in use" "$rc" 1
expect_match "naming the story that has it" "$out" "billing-outage.md already has the title"
[ ! -e "$B/stories/the-invoice-run-i-broke.md" ] && pass "and writes nothing" || fail "bank new wrote a duplicate"

# history --category names the categories, with a guess when one is near.
out=$("$REHEARSE" history --category nope 2>&1); rc=$?
expect_eq "history --category of no category is a usage error" "$rc" 2
expect_match "and names the categories" "$out" "no category 'nope' in the bank; the categories are: leadership, conflict, failure, achievement, collaboration, adaptability, communication"
expect_match "a misspelt one: did you mean" "$("$REHEARSE" history --category comunication 2>&1)" "did you mean 'communication'\?"
expect_match "--story: did you mean" "$("$REHEARSE" history --story billing-outgae 2>&1)" \
	"no story 'billing-outgae' in the bank; did you mean 'billing-outage'\?"
expect_match "--question: did you mean" "$("$REHEARSE" history --question conf-1 2>&1)" \
	"no question 'conf-1' in the bank; did you mean 'conf-01'\?"
expect_match "a known category with no takes says no attempts match" \
	"$("$REHEARSE" history --category communication 2>&1)" "no attempts match"

# CSV: an ISO 8601 time beside the epoch; a header even when empty.
csv=$("$REHEARSE" history --csv)
expect_match "CSV has started_at and started_at_iso" "$(head -1 <<<"$csv")" "^id,round_id,started_at,started_at_iso,"
expect_match "the ISO column is local time with its offset" "$(grep '^12,' <<<"$csv")" "^12,,1767268800,2026-01-01T12:00:00\+00:00,"
expect_match "JSON has it too" "$("$REHEARSE" history --json --limit 1)" '"started_at":1767268800,"started_at_iso":"2026-01-01T12:00:00\+00:00"'
mkdir -m 700 "$T/empty"
empty=$(REHEARSE_DATA="$T/empty" "$REHEARSE" history --csv)
expect_eq "an empty history's CSV is its header" "$empty" "$(head -1 <<<"$csv")"

# The British spelling the program itself uses.
out=$("$REHEARSE" practise --dry-run --question lead-01 2>&1); rc=$?
expect_eq "rehearse practise is practice" "$rc" 0
expect_match "and runs it" "$out" "lead-01"
expect_match "help for it too" "$("$REHEARSE" help practise 2>&1)" "usage: rehearse practice"

# export: a take to share, compressed, with its figures beside it.
X="$T/xdata"
mkdir -m 700 "$X" && REHEARSE_DATA="$X" "$REHEARSE" history >/dev/null
mkdir -p "$T/share" "$T/cwd"
python3 "$SRC/tests/cli/seed_history.py" "$X/history.db" 6 --wavs
ex() { REHEARSE_DATA="$X" "$REHEARSE" "$@"; }
out=$(ex export 4 "$T/share/take.flac" 2>&1); rc=$?
expect_eq "export exits 0" "$rc" 0
expect_match "export says what it wrote" "$out" "^wrote $T/share/take.flac \(FLAC\) and $T/share/take.flac.json$"
expect_eq "the recording is FLAC" "$(soxi -t "$T/share/take.flac" 2>/dev/null)" flac
expect_eq "it is private" "$(stat -c %a "$T/share/take.flac") $(stat -c %a "$T/share/take.flac.json")" "600 600"
expect_eq "the samples are the take's, bit for bit" 	"$(sox -m -v 1 "$X/2026-01-01_000000_seed-4.wav" -v -1 "$T/share/take.flac" -n stats 2>&1 | awk '/RMS lev dB/ {print $4}')" "-inf"
ex history --json >"$T/all.json"
expect_eq "the figures are history --json's for that row" "$(python3 -c '
import json, sys
row = [r for r in json.load(open(sys.argv[1])) if r["id"] == 4][0]
print(json.load(open(sys.argv[2])) == row)' "$T/all.json" "$T/share/take.flac.json")" True
sum=$(md5sum <"$T/share/take.flac")
out=$(ex export 5 "$T/share/take.flac" 2>&1); rc=$?
expect_eq "an existing file is not replaced" "$rc $(md5sum <"$T/share/take.flac")" "1 $sum"
expect_match "and it says why" "$out" "take.flac: already exists; --force replaces it"
ex export 5 "$T/share/take.flac" --force >/dev/null
expect_match "--force replaces both" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/share/take.flac.json")" "^5$"
ex export 4 "$T/share/take.ogg" >/dev/null
expect_eq "a .ogg name gives Ogg Vorbis" "$(soxi -e "$T/share/take.ogg" 2>/dev/null)" "Vorbis"
out=$(ex export 4 "$T/share/take.mp3" 2>&1); rc=$?
expect_eq "an unknown extension is refused" "$rc" 1
expect_match "naming the formats" "$out" "take.mp3: name it .flac or .ogg"
expect_eq "nothing else is left in the folder" "$(ls -A "$T/share" | tr '\n' ' ')" "take.flac take.flac.json take.ogg take.ogg.json "
(cd "$T/cwd" && REHEARSE_DATA="$X" "$REHEARSE" export 3 >/dev/null)
expect_eq "by default rehearse-ID.flac in the current folder" "$(ls -A "$T/cwd" | tr '\n' ' ')" "rehearse-3.flac rehearse-3.flac.json "
python3 - "$X/history.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE attempts SET wav_path = NULL WHERE id = 2"); c.commit()
PY
out=$(ex export 2 "$T/share/none.flac" 2>&1); rc=$?
expect_eq "a timer-only take has nothing to export" "$rc" 1
expect_match "and says so" "$out" "attempt 2 was timer-only"
ex export 99 "$T/share/none.flac" >/dev/null 2>&1
expect_eq "no such attempt: exit 1" "$?" 1
[ ! -e "$T/share/none.flac" ] && pass "a refused export writes nothing" || fail "none.flac was written"

# A junior question gets the junior story, not the startup one; a story
# kept from a question is not shown for it.
expect_match "a junior question gets a junior story" \
	"$("$REHEARSE" --bank "$SRC/prompts" practice --dry-run --question ach-03)" "story: intern-mentoring "
C="$T/bank-not"
cp -r "$SRC/prompts" "$C"
sed -i 's/^questions: conf-03, collab-01, collab-03, comm-05$/questions: conf-03, collab-01, comm-05\nnot-questions: collab-03/' "$C/stories/api-deprecation.md"
out=$("$REHEARSE" --bank "$C" practice --dry-run --question collab-03)
if grep -q "story: api-deprecation" <<<"$out"; then fail "not-questions keeps a story from a question"; printf '%s\n' "$out"
else pass "not-questions keeps a story from a question"; fi
finish
