#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9, processes at once: first use of a new data folder (item 4),
# deletes alongside listings, a recording two rows point to (item 3), and
# takes started together (item 3; the deterministic version of the race is
# hardening.simultaneous_takes_get_their_own_files in the unit tests).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; rm -rf "$T"' EXIT
R() { timeout 60 "$REHEARSE" "$@"; }

# --- first use by 50 processes at once, three times (item 4) ------------
bad=0
for round in 1 2 3; do
	D="$T/first$round"
	for i in $(seq 50); do
		(R --data "$D" practice --dry-run >/dev/null 2>"$T/err.$round.$i"; echo $? > "$T/rc.$round.$i") &
	done
	wait
	for i in $(seq 50); do
		[ "$(cat "$T/rc.$round.$i")" = 0 ] || { bad=$((bad + 1)); head -1 "$T/err.$round.$i"; }
	done
done
expect_eq "150 first uses of 3 new folders: none fails" "$bad" 0
expect_eq "and the schema is there once" \
	"$(sqlite3 "$T/first1/history.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'attempts'")" 1

# --- deletes alongside listings -----------------------------------------
D="$T/busy"
R --data "$D" practice --dry-run >/dev/null # creates the folder and the schema
sqlite3 "$D/history.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
	INSERT INTO attempts (mode, started_at, question_id, wav_path, sample_rate, status, duration_s)
	SELECT 'practice', 1700000000 + i, 'conf-01', '2026-01-01_000000_take' || i || '.wav', 16000, 'complete', 1.0 FROM n;"
for i in $(seq 200); do : > "$D/2026-01-01_000000_take$i.wav"; done
for i in $(seq 2 2 80); do
	(R --data "$D" delete --yes "$i" >/dev/null 2>"$T/del.$i"; echo $? > "$T/delrc.$i") &
	(R --data "$D" history --json >/dev/null 2>"$T/list.$i"; echo $? > "$T/listrc.$i") &
done
wait
bad=0
for i in $(seq 2 2 80); do
	[ "$(cat "$T/delrc.$i")" = 0 ] && [ "$(cat "$T/listrc.$i")" = 0 ] ||
		{ bad=$((bad + 1)); cat "$T/del.$i" "$T/list.$i" | head -2; }
done
expect_eq "40 deletes beside 40 listings: none fails" "$bad" 0
expect_eq "the 40 rows are gone, 160 remain" \
	"$(sqlite3 "$D/history.db" "SELECT count(*) FROM attempts")" 160
expect_eq "their recordings are gone" "$(ls "$D"/2026-01-01_000000_take*.wav | wc -l)" 160
expect_eq "and every other one is still there" \
	"$(sqlite3 "$D/history.db" "SELECT count(*) FROM attempts WHERE id % 2 = 1 OR id > 80")" 160

# --- delete never removes a file another row points to (item 3) ---------
D="$T/shared"
R --data "$D" practice --dry-run >/dev/null
winner=2026-01-01_000000_winner.wav
: > "$D/$winner"
sqlite3 "$D/history.db" "INSERT INTO attempts (mode, started_at, wav_path, sample_rate, status)
	VALUES ('practice', 1, '$winner', 16000, 'complete'),
	       ('practice', 1, '$winner', 16000, 'failed');"
out=$(R --data "$D" delete --yes 2 2>&1); rc=$?
expect_eq "deleting the row that lost the name works" "$rc" 0
[ -e "$D/$winner" ] && pass "and keeps the winner's recording" ||
	fail "the winner's recording was deleted with the other row"
out=$(R --data "$D" delete --yes 1 2>&1); rc=$?
[ ! -e "$D/$winner" ] && pass "deleting the last row naming it removes it" ||
	fail "the recording outlived its last row"

# --- four takes started together get four files ------------------------
vmic_file "$SRC/tests/fixtures/usm-150-clean.wav" 48000
export REHEARSE_DATA="$T/takes"
R practice --dry-run >/dev/null
for k in 1 2 3 4; do
	tm_start "take$k" "$REHEARSE practice --question conf-01 --prep 0 --seconds 5"
done
for k in 1 2 3 4; do
	wait_screen "take$k" "Status +(complete|cut-off|failed)" 30 >/dev/null || true
	tm send-keys -t "take$k" q
done
for k in 1 2 3 4; do wait_screen "take$k" "EXIT=" 10 >/dev/null || true; done
rows=$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT status || ' ' || (wav_path IS NOT NULL) FROM attempts")
# Speech still going at the 5 s limit makes a take cut-off (issue 11).
expect_eq "four takes at once: four answered rows" "$(printf '%s\n' "$rows" | grep -Ec '^(complete|cut-off) 1$')" 4
expect_eq "with four different files" \
	"$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT count(DISTINCT wav_path) FROM attempts")" 4
expect_eq "all on disk" "$(ls "$REHEARSE_DATA"/*.wav | wc -l)" 4
finish
