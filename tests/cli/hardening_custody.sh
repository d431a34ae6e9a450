#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 16: every command that can delete or recover, run against a history
# whose rows name paths outside the data folder (absolute, '../'), links,
# FIFOs and empty files, changes nothing outside the folder, nor anything
# in it that is not a recording rehearse made. Then a folder reached
# through a link, and a damaged page. Every run is under `timeout`: a
# FIFO must never block.
. "$(dirname "$0")/lib.sh"
R() { timeout 20 "$REHEARSE" "$@"; }

TOP="$T/top"
D="$TOP/data"
mkdir -p "$TOP/other"
mkdir -m 700 "$D" && R --data "$D" history >/dev/null # the schema
printf 'decoy' > "$TOP/decoy.wav"
printf 'reserve' > "$TOP/decoy.wav.reserve"
: > "$TOP/2026-01-01_000000_empty.wav"
: > "$TOP/2026-01-01_000000_empty.wav.reserve"
mkfifo "$TOP/fifo"
printf 'other' > "$TOP/other/2026-01-01_000000_conf-01.wav"
ln -s "$TOP/decoy.wav" "$D/2026-01-01_000000_link.wav"
ln -s "$TOP/other" "$D/2026-01-01_000000_dirlink.wav"
mkfifo "$D/2026-01-01_000000_fifo.wav"

# What a row may name. The recovery rows are of a process that is gone.
names=("$TOP/decoy.wav" "../decoy.wav" "../other/2026-01-01_000000_conf-01.wav"
	"$TOP/other/2026-01-01_000000_conf-01.wav" "2026-01-01_000000_link.wav"
	"2026-01-01_000000_dirlink.wav" "2026-01-01_000000_fifo.wav"
	"$TOP/2026-01-01_000000_empty.wav" "$TOP/fifo" "../2026-01-01_000000_empty.wav"
	"$TOP" "." "" "/")
dead=$(sh -c 'echo $$')
sql=""
for n in "${names[@]}"; do
	q=${n//\'/\'\'}
	sql+="INSERT INTO attempts (mode, started_at, wav_path, sample_rate, status, pid)
	      VALUES ('practice', 1, '$q', 16000, 'recording', $dead);"
done
sqlite3 "$D/history.db" "$sql"
rows=${#names[@]}

# The surroundings: every entry but the database's own files, its type,
# size and mode, and the checksum of every regular file (FIFOs unread).
snapshot() {
	(cd "$TOP" && find . -path './data/history.db*' -prune -o -print | LC_ALL=C sort |
		while IFS= read -r f; do
			if [ -d "$f" ] && [ ! -L "$f" ]; then stat -c '%n %F %a' "$f"
			else stat -c '%n %F %s %a %N' "$f"; fi
			[ -f "$f" ] && [ ! -L "$f" ] && sha256sum "$f"
		done)
	# The data folder's own time is not in it: SQLite's journal comes and
	# goes inside it, and its minute changed when a run crossed one.
	ls -la "$TOP" "$TOP/other" | grep -v ' \.\.\?$' | grep -v 'history\.db' | grep -v ' data$'
	ls -la "$D" | grep -v ' \.\.\?$' | grep -v 'history\.db'
}
before=$(snapshot)

out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "history settles the rows and exits 0" "$rc" 0
expect_match "recovering all $rows" "$out" "recovered $rows interrupted recordings"
expect_eq "every row is failed, with the reason" \
	"$(sqlite3 "$D/history.db" "SELECT count(*) FROM attempts WHERE status = 'failed' AND reason <> ''")" "$rows"
expect_match "a row naming a path outside says so" \
	"$(sqlite3 "$D/history.db" "SELECT reason FROM attempts WHERE id = 1")" \
	"names '$TOP/decoy.wav', which is not a recording rehearse made in $D; it was left alone"
out=$(R --data "$D" stats 2>&1); rc=$?
expect_eq "stats runs on them" "$rc" 0
out=$(R --data "$D" history --json 2>&1); rc=$?
expect_eq "history --json runs on them" "$rc" 0
for id in 1 5 7; do
	out=$(R --data "$D" play $id 2>&1 </dev/null); rc=$?
	expect_eq "play $id refuses at once" "$rc" 1
done
expect_match "saying why" "$(R --data "$D" play 1 2>&1 </dev/null)" "not a recording rehearse made in"
bad=0
for id in $(seq 1 "$rows"); do
	out=$(R --data "$D" delete "$id" --yes 2>&1); rc=$?
	case $rc:$out in 0:*"left alone"*) ;; *) bad=$((bad + 1)); echo "  delete $id: $out" ;; esac
done
expect_eq "every row deleted, each with a warning that its file was left alone" "$bad" 0
expect_eq "no row is left" "$(sqlite3 "$D/history.db" "SELECT count(*) FROM attempts")" 0
after=$(snapshot)
if [ "$before" == "$after" ]; then pass "nothing around or in the folder changed"; else
	fail "nothing around or in the folder changed"; diff <(echo "$before") <(echo "$after"); fi

# A recording of its own, next to them, still goes with its row.
own=2026-01-01_000000_conf-02.wav
printf 'own' > "$D/$own"
printf 'set aside' > "$D/$own.reserve"
sqlite3 "$D/history.db" "INSERT INTO attempts (mode, started_at, wav_path, sample_rate, status)
	VALUES ('practice', 1, '$own', 16000, 'complete')"
out=$(R --data "$D" delete "$((rows + 1))" --yes 2>&1)
expect_match "its own recording is deleted" "$out" "and its recording"
[ ! -e "$D/$own" ] && pass "and gone" || fail "and gone"

# --- a take another process is still recording (item 3) ----------------
live_name=2026-01-01_000000_conf-03.wav
printf 'being recorded' > "$D/$live_name"
sleep 600 & # stands for the rehearse that is recording
live=$!
sqlite3 "$D/history.db" "INSERT INTO attempts (mode, started_at, wav_path, sample_rate, status, pid)
	VALUES ('practice', 1, '$live_name', 16000, 'recording', $live)"
id=$(sqlite3 "$D/history.db" "SELECT max(id) FROM attempts")
out=$(R --data "$D" delete "$id" --yes 2>&1); rc=$?
expect_eq "delete of a take being recorded exits 1" "$rc" 1
expect_match "saying so" "$out" "attempt $id is still being recorded \(by process $live\); it was not deleted"
expect_eq "its row stays" "$(sqlite3 "$D/history.db" "SELECT count(*) FROM attempts WHERE id = $id")" 1
expect_eq "and its file" "$(cat "$D/$live_name")" "being recorded"
kill "$live"
wait "$live" 2>/dev/null

# --- a data folder reached through a link (item 6) ----------------------
mkdir -p "$T/real/home/data" && ln -s "$T/real/home" "$T/home"
out=$(R --data "$T/home/data" history 2>&1); rc=$?
expect_eq "a data folder behind a link works" "$rc" 0
expect_match "as an empty history" "$out" "no attempts yet"
out=$(R --data "$T/home/data" history 2>&1); rc=$?
expect_eq "and again" "$rc" 0
ln -s "$T/elsewhere.db" "$T/home/linked.db"
mkdir -p "$T/home/l" && ln -s "$T/elsewhere.db" "$T/home/l/history.db"
out=$(R --data "$T/home/l" history 2>&1); rc=$?
expect_eq "a link at history.db is still refused" "$rc" 1
expect_match "saying so" "$out" "history.db: is a symbolic link"

# --- a damaged page is said (item 20) -----------------------------------
X="$T/damaged"
mkdir -m 700 "$X" && R --data "$X" history >/dev/null
python3 "$SRC/tests/cli/seed_history.py" "$X/history.db" 300
pages=$(sqlite3 "$X/history.db" "PRAGMA page_count")
printf 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' |
	dd of="$X/history.db" bs=1 seek=$(( (pages - 2) * 4096 + 200 )) conv=notrunc 2>/dev/null
out=$(R --data "$X" history 2>&1)
expect_match "history on a damaged page warns" "$out" "history.db: the database is damaged"

# --- a name with an escape sequence never reaches the terminal ----------
E="$T/escape"
mkdir -m 700 "$E" && R --data "$E" history >/dev/null
sqlite3 "$E/history.db" "INSERT INTO attempts (mode, started_at, wav_path, status)
	VALUES ('practice', 1, char(27) || '[2J' || char(27) || ']0;owned' || char(7), 'complete')"
out=$(R --data "$E" history 2>&1; R --data "$E" play 1 2>&1 </dev/null; R --data "$E" delete 1 --yes 2>&1)
case $out in *$'\e'*|*$'\a'*) fail "history, play and delete print no control character" ;;
*) pass "history, play and delete print no control character" ;; esac
expect_match "history says what the row names is no recording here" "$out" \
	"complete .*\(not a recording of this folder\)"
expect_match "play shows the name escaped" "$out" "names '\\\\x1b\[2J"
finish
