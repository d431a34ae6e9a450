#!/usr/bin/env bash
# The data folder and the history database, seen from the shell.
. "$(dirname "$0")/lib.sh"

out=$("$REHEARSE" history); rc=$?
expect_eq "history on a new data folder exits 0" "$rc" 0
expect_match "and says there is nothing yet" "$out" "no attempts yet"
expect_eq "data folder is 0700" "$(stat -c %a "$REHEARSE_DATA")" 700
expect_eq "database is 0600" "$(stat -c %a "$REHEARSE_DATA/history.db")" 600
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
out=$("$REHEARSE" --data /proc/nope/data history 2>&1); rc=$?
expect_eq "uncreatable data folder exits 1" "$rc" 1
expect_match "and names it" "$out" "/proc/nope/data: cannot create the data folder"
finish
