#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9, the file system: links at every fixed name, a FIFO and a folder
# as bank files, a read-only data folder, umask 000, a shared --data folder
# and a foreign database in WAL mode. Every case runs under `timeout`, so a
# hang fails instead of blocking the suite.
. "$(dirname "$0")/lib.sh"
R() { timeout 20 "$REHEARSE" "$@"; }
mode() { stat -c %a "$1"; }

# --- fixed names in the data folder are never followed (item 10) --------
D="$T/links"
mkdir -p "$D" && chmod 700 "$D"
ln -s "$T/outside.db" "$D/history.db"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "a dangling history.db link is refused" "$rc" 1
expect_match "naming the link" "$out" "$D/history.db: is a symbolic link"
[ ! -e "$T/outside.db" ] && pass "and no database appears outside the folder" ||
	fail "a database was created through the link"
rm "$D/history.db"

: > "$T/victim.txt"
ln -s "$T/victim.txt" "$D/history.db"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "a link to an empty file is refused" "$rc" 1
expect_eq "and the file stays empty" "$(stat -c %s "$T/victim.txt")" 0
rm "$D/history.db"

for name in history.db-wal history.db-shm history.db-journal; do
	ln -s "$T/$name.target" "$D/$name"
	out=$(R --data "$D" history 2>&1); rc=$?
	expect_eq "a link at $name is refused" "$rc" 1
	expect_match "naming it" "$out" "$D/$name: is a symbolic link"
	[ ! -e "$T/$name.target" ] && pass "and nothing is written through $name" ||
		fail "something was written through $name"
	rm "$D/$name"
done

ln -s "$T/log.target" "$D/rehearse.log"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "a link at rehearse.log is refused" "$rc" 1
expect_match "naming it" "$out" "$D/rehearse.log: is a symbolic link"
rm "$D/rehearse.log"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "with the links gone the folder works" "$rc" 0

# --- --data on an existing folder keeps its mode (item 7) ---------------
S="$T/shared"
mkdir -p "$S" && chmod 755 "$S"
out=$(R --data "$S" history 2>&1); rc=$?
expect_eq "a shared folder still works" "$rc" 0
expect_eq "its mode is left as it was" "$(mode "$S")" 755
expect_match "with a warning that others can read it" "$out" "$S: the data folder is open to others \(mode 755\)"
mkdir -p "$T/real" && chmod 775 "$T/real" && ln -s "$T/real" "$T/via-link"
R --data "$T/via-link" history >/dev/null 2>&1
expect_eq "a folder reached through a link keeps its mode" "$(mode "$T/real")" 775
out=$(R --data "$T/private" practice --dry-run 2>&1)
expect_eq "a new folder is created 0700" "$(mode "$T/private")" 700
expect_eq "without a warning" "$(printf '%s' "$out" | grep -c warning)" 0

# --- umask 000: still 0700 and 0600 -------------------------------------
out=$(umask 000 && R --data "$T/umask/data" practice --dry-run 2>&1); rc=$?
expect_eq "under umask 000 the command works" "$rc" 0
expect_eq "the new folder is 0700" "$(mode "$T/umask/data")" 700
expect_eq "the database is 0600" "$(mode "$T/umask/data/history.db")" 600
for f in "$T"/umask/data/history.db-*; do
	[ -e "$f" ] && expect_eq "$(basename "$f") is 0600" "$(mode "$f")" 600
done

# --- a read-only data folder --------------------------------------------
# Root writes anywhere, so as root the check runs as nobody.
RO=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-ro.XXXXXX")
chmod 755 "$RO"
as_user=""
[ "$(id -u)" -eq 0 ] && as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
mkdir "$RO/data" && [ -n "$as_user" ] && chown nobody "$RO/data"
$as_user timeout 20 "$REHEARSE" --data "$RO/data" history >/dev/null 2>&1
python3 "$SRC/tests/cli/seed_history.py" "$RO/data/history.db" 5
chmod 400 "$RO/data/history.db" && chmod 500 "$RO/data"
sum=$(sha256sum < "$RO/data/history.db")
files=$(ls -A "$RO/data")
# A backup or snapshot is read as it is: the commands that only read work.
ro() { $as_user timeout 20 "$REHEARSE" --data "$RO/data" "$@"; }
out=$(ro history 2>&1); rc=$?
expect_eq "history on a read-only data folder exits 0" "$rc" 0
expect_eq "and lists its attempts" "$(printf '%s\n' "$out" | grep -cE '^ +[0-9]+  ')" 5
expect_eq "history --json on it" "$(ro history --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 5
expect_eq "history --csv on it" "$(ro history --csv | wc -l)" 6
out=$(ro stats 2>&1); rc=$?
expect_eq "stats on it exits 0" "$rc" 0
expect_match "and counts its attempts" "$out" "ci-pipeline"
expect_eq "no file is created there" "$(ls -A "$RO/data")" "$files"
expect_eq "its database is left as it was" "$(sha256sum < "$RO/data/history.db")" "$sum"
out=$(ro delete 1 --yes 2>&1); rc=$?
expect_eq "a command that writes is refused there" "$rc" 1
expect_match "saying it is not writable" "$out" "$RO/data: the data folder is not writable"
rm -rf "$RO"

# --- a foreign database in WAL mode is not touched (item 11) ------------
W="$T/walforeign"
mkdir -p "$W"
# Leave a pending write-ahead log: the writer exits without checkpointing.
python3 - "$W/history.db" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE notes(x)")
c.execute("INSERT INTO notes VALUES ('someone else''s data')")
os._exit(0)
PY
[ -s "$W/history.db-wal" ] && pass "the foreign database has a pending log" ||
	fail "the foreign database has a pending log"
db_sum=$(sha256sum < "$W/history.db")
wal_sum=$(sha256sum < "$W/history.db-wal")
out=$(R --data "$W" history 2>&1); rc=$?
expect_eq "a foreign WAL database exits 1" "$rc" 1
expect_match "as not ours, left untouched" "$out" "not a rehearse database; it was left untouched"
expect_eq "its file is byte for byte the same" "$(sha256sum < "$W/history.db")" "$db_sum"
expect_eq "and its pending log too" "$(sha256sum < "$W/history.db-wal")" "$wal_sum"

# --- an orphaned take whose WAV analysis would refuse (item 2) ----------
D="$T/orphan"
R --data "$D" practice --dry-run >/dev/null 2>&1
low=2026-01-01_000000_low.wav fifo=2026-01-01_000000_fifo.wav
sox -n -r 10 -c 1 "$D/$low" synth 2 sine 3 2>/dev/null
mkfifo "$D/$fifo"
dead=$(sh -c 'echo $$')
sqlite3 "$D/history.db" "INSERT INTO attempts (mode, started_at, wav_path, sample_rate, status, pid)
	VALUES ('practice', 1, '$low', 10, 'recording', $dead),
	       ('practice', 2, '$fifo', 48000, 'recording', $dead);"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "a 10 Hz orphan and a FIFO orphan do not stop the start" "$rc" 0
expect_match "both are settled" "$out" "recovered 2 interrupted recordings"
expect_match "the 10 Hz one is failed, saying why" \
	"$(sqlite3 "$D/history.db" "SELECT status, reason FROM attempts WHERE id = 1")" \
	"^failed\|.*low.wav: 10 Hz is not a rate rehearse records at"
out=$(R --data "$D" history 2>&1); rc=$?
expect_eq "and every later start works" "$rc" 0

# --- a FIFO or a folder as a bank file (item 6) -------------------------
B="$T/bank"
R --bank "$SRC/prompts" bank init "$B" >/dev/null 2>&1
rm "$B/questions.txt" && mkfifo "$B/questions.txt"
out=$(R --bank "$B" bank check 2>&1); rc=$?
expect_eq "a FIFO as questions.txt exits 1 at once (no hang)" "$rc" 1
expect_match "naming it" "$out" "$B/questions.txt: not a regular file"
rm "$B/questions.txt" && cp "$SRC/prompts/questions.txt" "$B/questions.txt"
mkfifo "$B/stories/fifo.md"
out=$(R --bank "$B" practice --dry-run 2>&1); rc=$?
# A broken story is left out and named; the rest of the bank still works
# (issue 11): what matters here is that nothing hangs on the FIFO.
expect_eq "a FIFO as a story is left out at once" "$rc" 0
expect_match "naming it" "$out" "$B/stories/fifo.md: not a regular file"
rm "$B/stories/fifo.md" && mkdir "$B/stories/folder.md"
out=$(R --bank "$B" bank check 2>&1); rc=$?
expect_eq "a folder as a story exits 1" "$rc" 1
expect_match "naming it" "$out" "$B/stories/folder.md: not a regular file"
rmdir "$B/stories/folder.md" && rm "$B/categories.txt" && mkdir "$B/categories.txt"
out=$(R --bank "$B" bank check 2>&1); rc=$?
expect_eq "a folder as categories.txt exits 1" "$rc" 1
expect_match "naming it" "$out" "$B/categories.txt: not a regular file"
finish
