#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# history, its filters and exports, delete and stats on a seeded database.
. "$(dirname "$0")/lib.sh"
mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # an empty folder: the schema
python3 "$SRC/tests/cli/seed_history.py" "$REHEARSE_DATA/history.db" 12 --wavs

count() { grep -cE '^ +[0-9]+  ' ; }
out=$("$REHEARSE" history)
expect_eq "history lists every attempt" "$(printf '%s\n' "$out" | count)" 12
expect_match "newest first, with pace, pauses, first word and rating" \
	"$(printf '%s\n' "$out" | sed -n 2p)" "^ +12  2026-01-01 .* practice +complete .* [0-9]+ +0 +1\.0s +3/5 "
expect_eq "--category" "$("$REHEARSE" history --category conflict | count)" 3
expect_eq "--story" "$("$REHEARSE" history --story billing-outage | count)" 4
expect_eq "--question" "$("$REHEARSE" history --question conf-05 | count)" 1
expect_eq "--since" "$("$REHEARSE" history --since '2026-01-01 09:30' | count)" 3
expect_eq "--limit" "$("$REHEARSE" history --limit 5 | count)" 5
expect_eq "filters combine" "$("$REHEARSE" history --category conflict --story billing-outage | count)" 1
expect_match "no match says so" "$("$REHEARSE" history --story offline-pivot)" "no attempts match"
expect_match "a story the bank lacks is named" "$("$REHEARSE" history --story nope 2>&1)" "no story 'nope' in the bank"
"$REHEARSE" history --since yesterday >/dev/null 2>&1; expect_eq "a bad date is a usage error" "$?" 2

check=$("$REHEARSE" history --csv | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert len(rows) == 12, len(rows)
r = {x["id"]: x for x in rows}["4"]
assert r["question_text"] == "Question 4, with a comma and \"quotes\"", r["question_text"]
assert r["wpm_estimate"] == "124" and r["rating"] == "5" and r["note"] == "note 4", r
assert r["long_pause_count"] == "1" and r["first_speech_s"] == "1", r
assert r["rating"] != "" and {x["id"]: x for x in rows}["3"]["rating"] == ""
print("ok")' 2>&1)
expect_eq "--csv parses with a CSV reader, every field" "$check" ok
check=$("$REHEARSE" history --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert len(rows) == 12
r = {x["id"]: x for x in rows}[4]
for k in ["first_speech_s", "wpm_estimate", "long_pause_count", "longest_pause_s",
          "syllables_per_min", "speech_rms_dbfs", "rating", "note", "pauses", "checklist",
          "question_text", "story_id", "wav_path", "status", "duration_s"]:
    assert k in r, k
assert r["wpm_estimate"] == 124 and r["rating"] == 5 and r["question_text"].endswith("\"quotes\"")
assert {x["id"]: x for x in rows}[3]["rating"] is None
print("ok")' 2>&1)
expect_eq "--json parses with a JSON parser, every field" "$check" ok

# delete: asks, keeps on no, removes row and file together on yes.
wav="$REHEARSE_DATA/2026-01-01_000000_seed-5.wav"
out=$(echo n | "$REHEARSE" delete 5 2>&1); rc=$?
expect_eq "delete answered no keeps it" "$rc" 1
[ -f "$wav" ] && pass "and the file stays" || fail "and the file stays"
out=$(echo y | "$REHEARSE" delete 5 2>&1); rc=$?
expect_eq "delete answered yes" "$rc" 0
[ ! -f "$wav" ] && pass "removes the file" || fail "removes the file"
expect_eq "and the row" "$("$REHEARSE" history | count)" 11
"$REHEARSE" delete 6 --yes >/dev/null; expect_eq "--yes skips the question" "$("$REHEARSE" history | count)" 10
out=$("$REHEARSE" delete 99 --yes 2>&1); rc=$?
expect_eq "deleting a missing attempt exits 1" "$rc" 1
expect_match "and says so" "$out" "no attempt with id 99"

# A recording that went missing: a clear message, and the row stays.
rm -f "$REHEARSE_DATA/2026-01-01_000000_seed-7.wav"
out=$("$REHEARSE" play 7 2>&1 </dev/null); rc=$?
expect_eq "playing a missing recording exits 1" "$rc" 1
expect_match "and says so" "$out" "seed-7.wav: the recording is missing; the history row is kept"
"$REHEARSE" history --json | python3 -c 'import json,sys; sys.exit(0 if any(r["id"] == 7 for r in json.load(sys.stdin)) else 1)' &&
	pass "attempt 7 is kept" || fail "attempt 7 is kept"

out=$("$REHEARSE" stats); rc=$?
expect_eq "stats exits 0" "$rc" 0
expect_match "per category with a median and trends" "$out" "conflict +3 +1:[0-9][0-9]  [▁▂▃▄▅▆▇█]+"
expect_match "per story" "$out" "billing-outage +[0-9]+ "
expect_match "categories never practised" "$out" "Never practised: collaboration, adaptability, communication"
expect_match "stories left alone" "$out" "Not practised in the last 7 days: .*api-deprecation"

# Issue 11: first words are rounded, never truncated; a take with no speech
# is marked, shows "—" and is left out of stats.
python3 - "$REHEARSE_DATA/history.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for i, first, speech, wpm in [(100, 2.9868, 60.0, 140), (101, 1.9644, 60.0, 141), (102, 0.0, 0.0, 0)]:
    con.execute("INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
                " story_id, status, duration_s, limit_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i, "practice", 1767225600 + i * 3600, "conf-99", "Q", "conflict", "ci-pipeline",
                 "complete", 3.0 if i == 102 else 70.0, 90.0))
    con.execute("INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
                " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
                " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (i, first, first + speech, speech, 0, 0, 0, 0, 0, wpm, -20, -3, 0))
con.commit()
PY
out=$("$REHEARSE" history --question conf-99)
expect_match "2.9868 s shows as 3.0s" "$(printf '%s\n' "$out" | grep '^ *100 ')" " 3\.0s "
expect_match "1.9644 s shows as 2.0s" "$(printf '%s\n' "$out" | grep '^ *101 ')" " 2\.0s "
expect_match "a silent take is marked, with — for its figures" \
	"$(printf '%s\n' "$out" | grep '^ *102 ')" "no speech .* — +— +— "
check=$("$REHEARSE" history --json | python3 -c '
import json, sys
r = {x["id"]: x for x in json.load(sys.stdin)}
assert r[102]["has_speech"] == 0 and r[100]["has_speech"] == 1, (r[102]["has_speech"], r[100]["has_speech"])
print("ok")' 2>&1)
expect_eq "--json says which takes had speech" "$check" ok
out=$("$REHEARSE" stats)
expect_match "stats leaves the silent take out and says so" "$out" "1 take with no speech is left out"
expect_match "stats: the pace trend is not pulled to 0" "$(printf '%s\n' "$out" | grep '^conflict')" " 141 "
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | wc -m)" -le 80 ] || { fail "stats fits 80 columns: $line"; break; }
done <<<"$out"

# Issue 20, item 3: one rule for what a take's figures mean. A take with 5 s
# of speech (its card says "too little speech to say") has no pace in the
# listing, the stats or their trend; a category whose only take had no
# speech is not listed with 0 tries and also as never practised.
one=$T/meaning
mkdir -m 700 "$one" && REHEARSE_DATA=$one "$REHEARSE" history >/dev/null
python3 - "$one/history.db" <<'PY2'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for i, cat, speech, wpm in [(1, "conflict", 70.0, 140), (2, "conflict", 5.0, 60), (3, "failure", 0.0, 0)]:
    con.execute("INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
                " story_id, status, duration_s, limit_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i, "practice", 1767225600 + i * 3600, "q-%d" % i, "Q", cat, "ci-pipeline",
                 "complete", 80.0, 90.0))
    con.execute("INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
                " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
                " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples,"
                " has_speech) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (i, 1.0, 1.0 + speech, speech, 0, 0, 0, 0, 0, wpm, -20, -3, 0, int(speech > 0)))
con.commit()
PY2
out=$(REHEARSE_DATA=$one "$REHEARSE" history)
expect_match "too little speech: no pace, the first word kept" \
	"$(printf '%s\n' "$out" | grep '^ *2 ')" " complete .* — +0 +1\.0s "
expect_match "enough speech: its pace" "$(printf '%s\n' "$out" | grep '^ *1 ')" " complete .* 140 +0 +1\.0s "
expect_match "no speech: the same word as the screens" "$(printf '%s\n' "$out" | grep '^ *3 ')" " no speech "
out=$(REHEARSE_DATA=$one "$REHEARSE" stats)
expect_match "stats: the pace is the judgeable take's" "$(printf '%s\n' "$out" | grep '^conflict')" "^conflict +2 .* 140 "
if printf '%s\n' "$out" | grep -q '^failure '; then fail "a category with only a silent take has no row of 0 tries"
else pass "a category with only a silent take has no row of 0 tries"; fi
expect_match "and is never practised, saying why" "$out" "Never practised:.*failure \(1 with no speech\)"

# Issue 11, item 12: history --question compares the newest take with the
# one before it (a discarded take in between does not count).
python3 - "$REHEARSE_DATA/history.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
rows = [(110, "complete", 3.4, 50.0, 118, 3, 2, [("S", 2), ("T", 20), ("A", 30)]),
        (111, "discarded", 1.0, 70.0, 150, 0, 0, []),
        (112, "complete", 1.2, 68.0, 142, 1, 4, [("S", 1), ("T", 5), ("A", 10), ("R", 60)])]
for i, status, first, speech, wpm, lp, rating, marks in rows:
    con.execute("INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
                " status, duration_s, limit_s) VALUES (?,?,?,?,?,?,?,?,?)",
                (i, "practice", 1767225600 + i * 3600, "conf-98", "Q", "conflict", status, 80.0, 90.0))
    con.execute("INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
                " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
                " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (i, first, first + speech + 5, speech, lp, 1.5, 0, 0, 0, wpm, -20, -3, 0))
    for sec, at in marks:
        con.execute("INSERT INTO marks (attempt_id, section, at_s) VALUES (?,?,?)", (i, sec, at))
    if rating:
        con.execute("INSERT INTO critiques (attempt_id, rating, note, updated_at) VALUES (?,?,?,?)",
                    (i, rating, "", 0))
con.commit()
PY
out=$("$REHEARSE" history --question conf-98)
expect_match "history --question compares the newest take with the one before" "$out" "Attempt 112 against the take before it, 110:"
expect_match "first word" "$out" "First word +3\.4 s → 1\.2 s +▲ 2\.2 s sooner"
expect_match "speaking time" "$out" "Speaking +0:50 → 1:08 +▲ 0:18 longer"
expect_match "pace" "$out" "Pace +118 wpm → 142 wpm +▲ \+24 wpm, steady"
expect_match "long pauses" "$out" "Long pauses +3 → 1 +▲ 2 fewer"
expect_match "the STAR split against the category's target" "$out" "STAR split +S3[0-9] T[0-9]+ A[0-9]+ R— → S[0-9] T[0-9] A[0-9]+ R[0-9]+ +▲ S\+T [0-9]+%, was [0-9]+% \(≤20%\)"
expect_match "rating" "$out" "Rating +2/5 → 4/5 +▲ \+2"
out=$("$REHEARSE" history --question conf-99)
expect_match "a silent newest take is not compared: —" "$out" "First word +2\.0 s → — +$"
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | wc -m)" -le 80 ] || { fail "the comparison fits 80 columns: $line"; break; }
done <<<"$(printf '%s\n' "$out" | sed -n '/^Attempt/,$p')"

# Local time in zones offset by half and quarter hours: two takes in one UTC
# hour fall in two local hours there, and every minute must be the zone's.
zones=$T/zones
mkdir -m 700 "$zones" && REHEARSE_DATA=$zones "$REHEARSE" history >/dev/null
python3 "$SRC/tests/cli/seed_history.py" "$zones/history.db" 3
# 13:10 and 13:40 UTC; 23:59 UTC, whose local hour is a new day in Asia
python3 -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for i, t in ((1, 1767273000), (2, 1767274800), (3, 1767311940)):
    con.execute("UPDATE attempts SET started_at = ? WHERE id = ?", (t, i))
con.commit()' "$zones/history.db"
for zone in Asia/Kolkata Asia/Kathmandu America/St_Johns Australia/Lord_Howe UTC; do
	want=$(for t in 1767311940 1767274800 1767273000; do TZ=$zone date -d "@$t" '+%Y-%m-%d %H:%M'; done)
	got=$(TZ=$zone REHEARSE_DATA=$zones "$REHEARSE" history | sed -nE 's/^ +[0-9]+  ([0-9-]+ [0-9:]+) .*/\1/p')
	expect_eq "history's local time in $zone" "$got" "$want"
done

# Rows stored before story ids were checked may hold any bytes (issue 16,
# item 19): the listing shows them escaped, JSON and CSV stay UTF-8.
ids=$T/ids
mkdir -m 700 "$ids" && REHEARSE_DATA=$ids "$REHEARSE" history >/dev/null
python3 "$SRC/tests/cli/seed_history.py" "$ids/history.db" 2
python3 -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE attempts SET story_id = CAST(? AS TEXT) WHERE id = 1", (b"clear\x1b[2J\xff",))
con.execute("UPDATE attempts SET story_id = ?, question_text = ? WHERE id = 2", ("two\nlines", "bell\x07"))
con.commit()' "$ids/history.db"
out=$(REHEARSE_DATA=$ids "$REHEARSE" history)
printf '%s' "$out" | LC_ALL=C grep -q $'\e\|\xff\|\a' && fail "history prints no control character or bad byte" ||
	pass "history prints no control character or bad byte"
expect_match "it shows them escaped" "$out" 'clear\\x1b\[2J\\xff'
expect_match "a newline too, on one row" "$out" '  two\\x0alines  '
check=$(REHEARSE_DATA=$ids "$REHEARSE" history --json | python3 -c '
import json, sys
rows = {r["id"]: r for r in json.loads(sys.stdin.buffer.read().decode("utf-8"))}
assert rows[1]["story_id"] == "clear\x1b[2J\ufffd", rows[1]["story_id"]
assert rows[2]["story_id"] == "two\nlines" and rows[2]["question_text"] == "bell\x07"
print("ok")' 2>&1)
expect_eq "--json is valid UTF-8 JSON, a bad byte as U+FFFD" "$check" ok
check=$(REHEARSE_DATA=$ids "$REHEARSE" history --csv | python3 -c '
import csv, io, sys
rows = {r["id"]: r for r in csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode("utf-8"), newline=""))}
assert rows["1"]["story_id"] == "clear\ufffd[2J\ufffd", rows["1"]["story_id"]
assert rows["2"]["story_id"] == "two\nlines", rows["2"]["story_id"]
print("ok")' 2>&1)
expect_eq "--csv is valid UTF-8 CSV, control characters as U+FFFD" "$check" ok
cp "$SRC/tests/fixtures/usm-150-clean.wav" "$T/"$'take\xff.wav'
check=$("$REHEARSE" analyze --json "$T/"$'take\xff.wav' | python3 -c '
import json, sys
d = json.loads(sys.stdin.buffer.read().decode("utf-8"))
d = d[0] if isinstance(d, list) else d
assert "take\ufffd.wav" in json.dumps(d, ensure_ascii=False), d
print("ok")' 2>&1)
expect_eq "analyze --json of a file name that is not UTF-8 is JSON" "$check" ok

finish
