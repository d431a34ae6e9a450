#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The data folder and the history database, seen from the shell.
. "$(dirname "$0")/lib.sh"

# The commands that only read never create a data folder (a mistyped
# REHEARSE_DATA would look like lost history): they name the folder and
# where it came from, and exit 1, as git does outside a repository.
for cmd in history "history --json" "history --csv" stats; do
	out=$("$REHEARSE" $cmd 2>&1); rc=$?
	expect_eq "$cmd on a missing data folder exits 1" "$rc" 1
	expect_eq "and says none is there" "$out" \
		"rehearse: no data folder at $REHEARSE_DATA (from REHEARSE_DATA); nothing has been recorded there"
done
out=$("$REHEARSE" --data "$T/typo" history 2>&1)
expect_match "naming --data as the origin" "$out" "no data folder at $T/typo \(from --data\)"
[ ! -e "$REHEARSE_DATA" ] && [ ! -e "$T/typo" ] && pass "and nothing is created" ||
	fail "a read-only command created a data folder"

# An empty folder name is refused: it used to mean the default silently.
for opt in --data --bank; do
	out=$(cd "$T" && "$REHEARSE" $opt "" history 2>&1); rc=$?
	expect_eq "$opt '' is a usage error" "$rc" 2
	expect_eq "saying what it takes" "$out" \
		"rehearse: $opt takes a folder (leave the option out for the default), not ''"
done
out=$("$REHEARSE" history --data= 2>&1); rc=$?
expect_eq "--data= too" "$rc" 2

out=$("$REHEARSE" practice --dry-run); rc=$?
expect_eq "a recording command creates the data folder" "$rc" 0
expect_eq "data folder is 0700" "$(stat -c %a "$REHEARSE_DATA")" 700
expect_eq "database is 0600" "$(stat -c %a "$REHEARSE_DATA/history.db")" 600
out=$("$REHEARSE" history); rc=$?
expect_eq "history on a new data folder exits 0" "$rc" 0
expect_match "and says there is nothing yet" "$out" "no attempts yet"
expect_eq "history --json on no attempts is an empty list" "$("$REHEARSE" history --json)" "[]"

# A foreign database is refused and left byte for byte as it was.
mkdir -p "$T/foreign"
sqlite3 "$T/foreign/history.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);" 2>/dev/null ||
	python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t(x)'); c.commit()" "$T/foreign/history.db"
sum=$(sha256sum < "$T/foreign/history.db")
out=$("$REHEARSE" --data "$T/foreign" history 2>&1); rc=$?
expect_eq "foreign database exits 1" "$rc" 1
expect_match "and says so" "$out" "not a rehearse database; it was left untouched"
expect_eq "foreign database untouched" "$(sha256sum < "$T/foreign/history.db")" "$sum"

printf 'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage\n' > "$T/junk.db"
mkdir -p "$T/junk" && cp "$T/junk.db" "$T/junk/history.db"
out=$("$REHEARSE" --data "$T/junk" history 2>&1); rc=$?
expect_eq "corrupt database exits 1" "$rc" 1
expect_eq "corrupt database untouched" "$(cmp "$T/junk.db" "$T/junk/history.db" && echo same)" same

# A data folder that cannot be created gets a clear message.
out=$("$REHEARSE" --data /proc/nope/data practice --dry-run 2>&1); rc=$?
expect_eq "uncreatable data folder exits 1" "$rc" 1
expect_match "and names it" "$out" "/proc/nope/data: cannot create the data folder"
finish
